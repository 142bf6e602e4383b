import { endPromotions } from '../helpers/promotions.ts';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { enroll, useSocketTestProgram, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { expectTrialBalanceOk, nextReceipt, recordLedgerCalls, type SentLedgerCall } from '../helpers/ledger.ts';
import { sample, scrape } from '../helpers/metrics.ts';

// Promotions under truly parallel HTTP requests over a real socket (design/incentives.md): a single-use code, a total
// use limit and a money budget shared by many tills, and a per-member limit, never over-spent, and replays that
// return the same discount.
let t: TestApp;
let p: ProgramFixture;
let base: string;
// A cluster does not batch: each write is one call delegated to its member's worker (src/app.ts).
const onCluster = inject('clusterWorkers').length > 0;

useSocketTestProgram(
  (app, program, url) => {
    t = app;
    p = program;
    base = url;
  },
  { env: { DB_POOL_SIZE: '10' } },
);
afterEach(async () => {
  await expectTrialBalanceOk(t, p.adminKey);
  await endPromotions(t, p.programId);
});

/** One request, retried with the same Idempotency-Key while the service answers 503 (busy), as a till does. */
async function send(method: string, path: string, body: unknown, key = p.posKey, idempotencyKey: string = randomUUID()) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 503 && attempt < 10) {
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      continue;
    }
    return { status: res.status, text, json: () => JSON.parse(text), replayed: res.headers.get('idempotent-replayed') };
  }
}

async function createPromotion(fields: Record<string, unknown>): Promise<string> {
  const res = await send('POST', '/v1/promotions', { name: 'race', ...fields }, p.adminKey);
  expect(res.status, res.text).toBe(201);
  return res.json().id;
}

const buy = (memberId: string, extra: Record<string, unknown> = {}, idempotencyKey?: string) =>
  send('POST', '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount: 10000, currency: 'AZN' }, ...extra }, p.posKey, idempotencyKey);

const members = async (n: number) => Promise.all(Array.from({ length: n }, () => enroll(t, p.posKey)));

// Each test sends up to 100 purchases at once through a pool of 10 connections, and a small budget makes most of
// them refill or retry one by one: about 2 s on a quiet machine, but past 30 s on a loaded 2-core CI machine whose
// pgbench ran at a ninth of its usual rate while other test files ran beside this one.
describe('promotions under parallel purchases', { timeout: 120_000 }, () => {
  it('50 tills on one single-use code: exactly one purchase gets it, the others are refused and write nothing', async () => {
    const promotion = await createPromotion({ effect: { type: 'amount_off', amount: { amount: 1000, currency: 'AZN' } }, conditions: { requires_code: true } });
    const issued = await send('POST', '/v1/promo-codes', { promotion_id: promotion, code: 'RACE-ONCE', max_uses: 1 }, p.adminKey);
    expect(issued.status, issued.text).toBe(201);
    const buyers = await members(50);

    const results = await Promise.all(buyers.map((m) => buy(m.id, { promo_codes: [{ code: 'race-once' }] })));

    const won = results.filter((r) => r.status === 201);
    expect(won, results.map((r) => r.status).join(',')).toHaveLength(1);
    expect(won[0]!.json().purchase.discount).toEqual({ amount: 1000, currency: 'AZN' });
    for (const lost of results.filter((r) => r.status !== 201)) {
      expect(lost.status, lost.text).toBe(422);
      expect(lost.json().code).toBe('promo_code_invalid');
    }
    const { rows } = await t.pool.query('SELECT uses FROM promo_codes WHERE program_id = $1 AND code = $2', [p.programId, 'RACE-ONCE']);
    expect(rows[0].uses).toBe(1);
    const purchases = await t.pool.query('SELECT count(*)::int AS n FROM purchases WHERE member_id = ANY ($1)', [buyers.map((m) => m.id)]);
    expect(purchases.rows[0].n).toBe(1);
  });

  it('100 parallel purchases against 10 total uses: exactly 10 are discounted, and every purchase goes through', async () => {
    const promotion = await createPromotion({ effect: { type: 'percent_off', percent: 10 }, limits: { total_uses: 10 } });
    const buyers = await members(100);

    const results = await Promise.all(buyers.map((m) => buy(m.id)));

    expect(results.map((r) => r.status).filter((s) => s !== 201), results.find((r) => r.status !== 201)?.text).toEqual([]);
    const discounted = results.filter((r) => r.json().purchase.discount.amount > 0);
    expect(discounted).toHaveLength(10);
    const { rows } = await t.pool.query(
      `SELECT (SELECT coalesce(sum(uses_left), 0) FROM promotion_slices WHERE promotion_id = $1)::int
            + (SELECT coalesce(uses_left, 0) FROM promotion_pools WHERE promotion_id = $1)::int AS left,
              (SELECT count(*) FROM purchase_promotions WHERE promotion_id = $1)::int AS used`,
      [promotion],
    );
    expect(rows[0]).toEqual({ left: 0, used: 10 });
  });

  it('a money budget is never overspent by parallel purchases, and no single row takes every purchase', async () => {
    // 10 % of 100.00 AZN is 10.00 a purchase; a budget of 95.00 pays 9 of them in full, never a 10th.
    const promotion = await createPromotion({ effect: { type: 'percent_off', percent: 10 }, limits: { budget: { amount: { amount: 9500, currency: 'AZN' } } } });
    const buyers = await members(40);

    const results = await Promise.all(buyers.map((m) => buy(m.id)));

    expect(results.every((r) => r.status === 201), results.find((r) => r.status !== 201)?.text).toBe(true);
    const spent = results.reduce((sum, r) => sum + r.json().purchase.discount.amount, 0);
    expect(spent).toBe(9000);
    const { rows } = await t.pool.query('SELECT count(DISTINCT slice_key)::int AS slices FROM promotion_slices WHERE promotion_id = $1', [promotion]);
    expect(rows[0].slices).toBeGreaterThan(1);
  });

  it.skipIf(onCluster)('purchases that take from budget slices share batches, and a batch is not broken up for them', async () => {
    const promotion = await createPromotion({
      effect: { type: 'percent_off', percent: 10 },
      limits: { total_uses: 100_000, budget: { amount: { amount: 100_000_000, currency: 'AZN' } } },
    });
    const buyers = await members(60);
    const splitBefore = sample(await scrape(t), 'ledger_batches_split_total') ?? 0;
    const sent: SentLedgerCall[] = [];
    recordLedgerCalls(t, sent);

    const results = await Promise.all(buyers.map((m) => buy(m.id)));

    expect(results.every((r) => r.status === 201), results.find((r) => r.status !== 201)?.text).toBe(true);
    expect(results.every((r) => r.json().purchase.discount.amount === 1000)).toBe(true);
    // Some batch carried two or more of these purchases, and none was split to run them one by one.
    const batchedEarns = sent
      .filter((c) => c.text.startsWith('SELECT ledger_batch'))
      .map((c) => (c.values[0] as string[]).filter((fn) => fn === 'ledger_earn').length);
    expect(Math.max(0, ...batchedEarns)).toBeGreaterThan(1);
    expect((sample(await scrape(t), 'ledger_batches_split_total') ?? 0) - splitBefore).toBe(0);
    const { rows } = await t.pool.query(
      `SELECT (SELECT sum(uses_left) FROM promotion_slices WHERE promotion_id = $1)::int
            + (SELECT uses_left FROM promotion_pools WHERE promotion_id = $1)::int AS left,
              (SELECT count(*) FROM purchase_promotions WHERE promotion_id = $1)::int AS used`,
      [promotion],
    );
    expect(rows[0]).toEqual({ left: 100_000 - 60, used: 60 });
  });

  it('a per-member limit of 1 under 20 parallel purchases of one member: one discounted', async () => {
    await createPromotion({ effect: { type: 'percent_off', percent: 10 }, limits: { per_member: 1 } });
    const [m] = await members(1);

    const results = await Promise.all(Array.from({ length: 20 }, () => buy(m!.id)));

    expect(results.every((r) => r.status === 201), results.find((r) => r.status !== 201)?.text).toBe(true);
    expect(results.filter((r) => r.json().purchase.discount.amount > 0)).toHaveLength(1);
  });

  it('parallel replays of one purchase return the same discount and record it once', async () => {
    const promotion = await createPromotion({ effect: { type: 'percent_off', percent: 10 }, limits: { total_uses: 1000 } });
    const [m] = await members(1);
    const key = randomUUID();
    const receipt = nextReceipt();

    const results = await Promise.all(Array.from({ length: 10 }, () => buy(m!.id, { receipt_id: receipt }, key)));

    expect(results.every((r) => r.status === 201), results.find((r) => r.status !== 201)?.text).toBe(true);
    const bodies = new Set(results.map((r) => JSON.stringify(r.json())));
    expect(bodies.size).toBe(1);
    expect(results.filter((r) => r.replayed === 'true')).toHaveLength(9);
    const { rows } = await t.pool.query('SELECT count(*)::int AS n FROM purchase_promotions WHERE promotion_id = $1', [promotion]);
    expect(rows[0].n).toBe(1);
  });
});
