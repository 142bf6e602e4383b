import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { enroll, type ProgramFixture } from '../helpers/app.ts';
import { balanceOf, nextReceipt, post, purchase, recordLedgerCalls, useLedgerTestProgram, type FixedClockTestApp, type SentLedgerCall } from '../helpers/ledger.ts';
import { EventSchema } from '../../src/events/schemas.ts';

/** Purchases with lines, and returns that name lines (design/incentives.md "Purchases carry lines"). */

const START = new Date('2026-03-01T10:00:00Z');

let t: FixedClockTestApp;
let p: ProgramFixture;
/** The text and values of every ledger function call the app sends (its pool's query, wrapped to record them). */
const sent: SentLedgerCall[] = [];
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
  recordLedgerCalls(app, sent);
});
const onCluster = inject('clusterWorkers').length > 0;

// 100.50 AZN in three lines; AZN earns 8 points per 1 AZN, so 804 points.
const LINES = [
  { sku: 'TEA-1', brand: 'Azerchay', category: 'tea', quantity: 3, unit_price: 1000, amount: 3000 },
  { sku: 'CUP-2', quantity: 7, unit_price: 1000, amount: 7000 },
  { sku: 'BAG-3', category: 'bags', quantity: 1, unit_price: 50, amount: 50 },
];
const AMOUNT = 10050;

async function purchaseWithLines(memberId: string, lines: unknown[] = LINES, amount = AMOUNT, idempotencyKey?: string) {
  return post(t, p.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount, currency: 'AZN' }, lines }, idempotencyKey);
}

function returnOf(purchaseId: string, body: Record<string, unknown>) {
  return post(t, p.posKey, `/v1/purchases/${purchaseId}/returns`, { receipt_id: nextReceipt('RR'), ...body });
}

async function storedLines(purchaseId: string) {
  const { rows } = await t.pool.query(
    `SELECT sku, brand, category, quantity::int, unit_price::int, amount::int, returned_quantity::int, returned_amount::int
       FROM purchase_lines WHERE purchase_id = $1 ORDER BY line_no`,
    [purchaseId],
  );
  return rows;
}

async function countOf(table: string, memberId: string) {
  const { rows } = await t.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE member_id = $1`, [memberId]);
  return rows[0]!.n;
}

describe('purchases with lines', () => {
  it('stores the lines and shows them in the purchase, its transaction and its points.earned event', async () => {
    const m = await enroll(t, p.posKey);
    const res = await purchaseWithLines(m.id);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    const shown = [
      { sku: 'TEA-1', brand: 'Azerchay', category: 'tea', quantity: 3, unit_price: 1000, amount: 3000 },
      { sku: 'CUP-2', brand: null, category: null, quantity: 7, unit_price: 1000, amount: 7000 },
      { sku: 'BAG-3', brand: null, category: 'bags', quantity: 1, unit_price: 50, amount: 50 },
    ];
    expect(body.purchase.lines).toEqual(shown);
    expect(body.transaction.data.lines).toEqual(shown);
    expect(await storedLines(body.purchase.id)).toEqual(shown.map((line) => ({ ...line, returned_quantity: 0, returned_amount: 0 })));

    const feed = await t.call({ method: 'GET', url: '/v1/events', key: p.readKey, query: { types: 'points.earned', member_id: m.id } });
    expect(feed.statusCode, feed.body).toBe(200);
    const [event] = feed.json().data;
    expect(EventSchema.safeParse(event).error).toBeUndefined();
    expect(event.data.transaction.data.lines).toEqual(shown);
  });

  it('earns the same points as the same purchase without lines, and a purchase without lines shows none', async () => {
    const m = await enroll(t, p.posKey);
    const withLines = (await purchaseWithLines(m.id)).json();
    const without = await purchase(t, p.posKey, m.id, AMOUNT);
    expect(withLines.purchase.points).toBe(804);
    expect(without.purchase.points).toBe(withLines.purchase.points);
    expect(without.purchase).not.toHaveProperty('lines');
    expect(without.transaction.data).not.toHaveProperty('lines');
    expect(await storedLines(without.purchase.id)).toEqual([]);
  });

  it('refuses lines that do not sum to the amount with 422 lines_amount_mismatch pointing at /lines, and writes nothing', async () => {
    const m = await enroll(t, p.posKey);
    const res = await purchaseWithLines(m.id, LINES, AMOUNT + 1);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'lines_amount_mismatch', lines_amount: AMOUNT, errors: [{ pointer: '/lines', location: 'body' }] });
    expect(await countOf('purchases', m.id)).toBe(0);
    expect(await countOf('purchase_lines', m.id)).toBe(0);
    expect(await countOf('ledger_transactions', m.id)).toBe(0);
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(0);
  });

  it('refuses two lines with the same sku, pointing at the second', async () => {
    const m = await enroll(t, p.posKey);
    const lines = [LINES[0], { ...LINES[1], sku: 'TEA-1' }, LINES[2]];
    const res = await purchaseWithLines(m.id, lines);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'duplicate_line_sku', errors: [{ pointer: '/lines/1/sku' }] });
    expect(await countOf('purchases', m.id)).toBe(0);
  });

  it('replays a purchase with lines under the same Idempotency-Key without writing it twice', async () => {
    const m = await enroll(t, p.posKey);
    const key = randomUUID();
    const payload = { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: AMOUNT, currency: 'AZN' }, lines: LINES };
    const first = await post(t, p.posKey, '/v1/purchases', payload, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(t, p.posKey, '/v1/purchases', payload, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await storedLines(first.json().purchase.id)).toHaveLength(3);
    expect(await countOf('purchases', m.id)).toBe(1);
    // The same key with other lines is another request.
    const other = await post(t, p.posKey, '/v1/purchases', { ...payload, lines: [{ ...LINES[0], amount: 3001 }, LINES[1], { ...LINES[2], amount: 49 }] }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
  });
});

describe('returns by lines', () => {
  it('returns units of lines for their share, cumulatively, so all units of a line return exactly its amount', async () => {
    const m = await enroll(t, p.posKey);
    const pur = (await purchaseWithLines(m.id)).json().purchase;

    // One of three teas: floor(3000 x 1/3) = 1000; one of seven cups: floor(7000 x 1/7) = 1000.
    const first = await returnOf(pur.id, { lines: [{ sku: 'TEA-1', quantity: 1 }, { sku: 'CUP-2', quantity: 1 }] });
    expect(first.statusCode, first.body).toBe(201);
    const r1 = first.json();
    expect(r1.return.amount).toEqual({ amount: 2000, currency: 'AZN' });
    expect(r1.return.points).toBe(160); // floor(804 x 2000 / 10050)
    expect(r1.return.lines).toEqual([
      { sku: 'TEA-1', quantity: 1, amount: 1000, returned_quantity: 1, returned_amount: 1000 },
      { sku: 'CUP-2', quantity: 1, amount: 1000, returned_quantity: 1, returned_amount: 1000 },
    ]);
    expect(r1.transaction.data.lines).toEqual(r1.return.lines);

    // A line whose amount does not divide by its units: returned one unit at a time, all units are exactly its amount.
    const uneven = (await purchaseWithLines(m.id, [{ sku: 'X', quantity: 3, unit_price: 333, amount: 1000 }], 1000)).json().purchase;
    const a = (await returnOf(uneven.id, { lines: [{ sku: 'X', quantity: 1 }] })).json();
    expect(a.return.amount.amount).toBe(333); // floor(1000 x 1/3)
    const b = (await returnOf(uneven.id, { lines: [{ sku: 'X', quantity: 1 }] })).json();
    expect(b.return.amount.amount).toBe(333); // floor(1000 x 2/3) - 333
    const c = (await returnOf(uneven.id, { lines: [{ sku: 'X', quantity: 1 }] })).json();
    expect(c.return.amount.amount).toBe(334); // 1000 - 666
    expect(a.return.points + b.return.points + c.return.points).toBe(uneven.points);
    expect(await storedLines(uneven.id)).toEqual([expect.objectContaining({ returned_quantity: 3, returned_amount: 1000 })]);

    // Everything left of the first purchase: its points all come back, and the lines are all returned.
    const rest = await returnOf(pur.id, { lines: [{ sku: 'TEA-1', quantity: 2 }, { sku: 'CUP-2', quantity: 6 }, { sku: 'BAG-3', quantity: 1 }] });
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json().return.amount.amount).toBe(AMOUNT - 2000);
    expect(rest.json().return.points).toBe(804 - 160);
    expect((await storedLines(pur.id)).map((l) => [l.returned_quantity, l.returned_amount])).toEqual([[3, 3000], [7, 7000], [1, 50]]);

    // The feed shows an event once every older transaction of the server has ended, and test files running beside
    // this one keep transactions open: wait for the horizon instead of assuming it has passed.
    const returnedEvents = async () =>
      (await t.call({ method: 'GET', url: '/v1/events', key: p.readKey, query: { types: 'points.returned', member_id: m.id } })).json().data as unknown[];
    await expect.poll(async () => (await returnedEvents()).length, { timeout: 20_000 }).toBe(5);
    const events = (await returnedEvents()) as { data: { transaction: { data: { lines: unknown[] } } } }[];
    for (const event of events) expect(EventSchema.safeParse(event).error).toBeUndefined();
    expect(events.map((e: { data: { transaction: { data: { lines: unknown[] } } } }) => e.data.transaction.data.lines.length).sort()).toEqual([1, 1, 1, 2, 3]);
  });

  it('refuses more units than are left of a line with 422 return_exceeds_line and a pointer, writing nothing', async () => {
    const m = await enroll(t, p.posKey);
    const pur = (await purchaseWithLines(m.id)).json().purchase;
    expect((await returnOf(pur.id, { lines: [{ sku: 'CUP-2', quantity: 5 }] })).statusCode).toBe(201);
    const res = await returnOf(pur.id, { lines: [{ sku: 'TEA-1', quantity: 1 }, { sku: 'CUP-2', quantity: 3 }] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'return_exceeds_line', sku: 'CUP-2', returnable_quantity: 2, errors: [{ pointer: '/lines/1/quantity', location: 'body' }] });
    // The first line named was not taken back either.
    expect((await storedLines(pur.id)).map((l) => l.returned_quantity)).toEqual([0, 5, 0]);
    expect(await countOf('ledger_transactions', m.id)).toBe(2);
  });

  it('refuses an unknown sku with 422 unknown_line and a pointer', async () => {
    const m = await enroll(t, p.posKey);
    const pur = (await purchaseWithLines(m.id)).json().purchase;
    const res = await returnOf(pur.id, { lines: [{ sku: 'TEA-1', quantity: 1 }, { sku: 'NOPE', quantity: 1 }] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unknown_line', sku: 'NOPE', errors: [{ pointer: '/lines/1/sku' }] });
    expect((await storedLines(pur.id)).map((l) => l.returned_quantity)).toEqual([0, 0, 0]);

    // A purchase recorded without lines has none to name.
    const plain = (await purchase(t, p.posKey, m.id, 1250)).purchase;
    const none = await returnOf(plain.id, { lines: [{ sku: 'TEA-1', quantity: 1 }] });
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'unknown_line', errors: [{ pointer: '/lines/0/sku' }] });
  });

  it('refuses amount and lines together, and neither, with 422 return_amount_or_lines', async () => {
    const m = await enroll(t, p.posKey);
    const pur = (await purchaseWithLines(m.id)).json().purchase;
    const both = await returnOf(pur.id, { amount: { amount: 1000, currency: 'AZN' }, lines: [{ sku: 'TEA-1', quantity: 1 }] });
    expect(both.statusCode).toBe(422);
    expect(both.json()).toMatchObject({ code: 'return_amount_or_lines', errors: [{ pointer: '/lines' }] });
    const neither = await returnOf(pur.id, {});
    expect(neither.statusCode).toBe(422);
    expect(neither.json()).toMatchObject({ code: 'return_amount_or_lines', errors: [{ pointer: '/amount' }] });
    expect(await countOf('ledger_transactions', m.id)).toBe(1);
  });

  it('still takes a return by amount of a purchase with lines, and the lines then stay as they were', async () => {
    const m = await enroll(t, p.posKey);
    const pur = (await purchaseWithLines(m.id)).json().purchase;
    const byAmount = await returnOf(pur.id, { amount: { amount: 3333, currency: 'AZN' } });
    expect(byAmount.statusCode, byAmount.body).toBe(201);
    expect(byAmount.json().return.points).toBe(266);
    expect(byAmount.json().return).not.toHaveProperty('lines');
    // What is left of the purchase still bounds a later return by lines.
    const tooMuch = await returnOf(pur.id, { lines: [{ sku: 'CUP-2', quantity: 7 }] });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().code).toBe('return_exceeds_purchase');
  });
});

describe('one ledger call per write', () => {
  /** The ledger calls a request sent; on a cluster each must be planned as one task run on one worker. */
  async function callsOf(request: () => Promise<{ statusCode: number; body: string }>) {
    const before = sent.length;
    const res = await request();
    expect(res.statusCode, res.body).toBe(201);
    const calls = sent.slice(before);
    if (onCluster) {
      for (const call of calls) {
        const plan = (await t.pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (VERBOSE) ${call.text}`, call.values)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan).toMatch(/^\s+Task Count: 1$/m);
        expect(plan).toMatch(/^\s+Query: SELECT (public\.)?ledger_\w+\(/m);
      }
    }
    return calls.map((c) => c.text.replace(/\(.*$/s, ''));
  }

  it('a purchase with lines is one ledger_earn call, and a return by lines one ledger_return call', async () => {
    const m = await enroll(t, p.posKey);
    expect(await callsOf(() => purchaseWithLines(m.id))).toEqual(['SELECT ledger_earn']);
    const pur = (await t.pool.query<{ id: string }>('SELECT id FROM purchases WHERE member_id = $1', [m.id])).rows[0]!;
    expect(await callsOf(() => returnOf(pur.id, { lines: [{ sku: 'TEA-1', quantity: 1 }] }))).toEqual(['SELECT ledger_return']);
  });
});
