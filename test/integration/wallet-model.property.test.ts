/**
 * Model-based property test of wallets (incentives.md "Wallets", issue 14 item 7), built like
 * ledger-model.property.test.ts: random sequences of credits (with and without expiry), debits (new and repeated
 * receipt ids), holds (default and explicit expiry), full and partial captures, voids, full and partial reversals and
 * clock moves go through the real HTTP API and database for a few members in three currencies, and after every step
 * each member's wallet must equal what a small in-memory model of lots and holds predicts. Each run gets its own
 * program (so the trial balance's account totals concern that run only) and starts the clock at START, so a
 * counterexample replays the same way (WALLET_MODEL_SEED).
 *
 * The model keeps the lots themselves: "soonest expiry first, never-expiring last", "money goes back to the lots it
 * came from, latest expiry first, keeping their expiry" and "a lot expires with whatever is left in it" show in the
 * available figures once lots expire, and at once in `expiring` (what expires in the next 30 days, by local date).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { expectTrialBalanceOk, nextReceipt, type FixedClockTestApp } from '../helpers/ledger.ts';
import { drawSoonestFirst, giveBackLatestFirst, type Draw as LotDraw } from '../helpers/lot-model.ts';

const START = new Date('2026-01-01T00:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const HOLD_TTL_MINUTES = 30; // program default
const LOCAL_OFFSET_MS = 4 * 3_600_000; // Asia/Baku, the default time zone: UTC+4 all year
const CURRENCIES = ['AZN', 'EUR', 'USD'] as const; // sorted, as the wallet lists them
const MEMBERS = 3;
const NUM_RUNS = Number(process.env['WALLET_MODEL_RUNS'] ?? 20);
// A failure prints its seed; WALLET_MODEL_SEED replays it.
const SEED = process.env['WALLET_MODEL_SEED'] === undefined ? undefined : Number(process.env['WALLET_MODEL_SEED']);
const runOptions = { numRuns: NUM_RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

// ---------------------------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------------------------

type Currency = (typeof CURRENCIES)[number];

interface Lot {
  /** Creation order: breaks ties between lots expiring together (the service uses the lot id; no figure depends on it). */
  seq: number;
  currency: Currency;
  remaining: number;
  /** Infinity: never expires. */
  expiresAt: number;
}
/** What a debit or hold took from each lot and has not given back yet. */
type Draw = LotDraw<Lot>;
interface Debit {
  id: string;
  currency: Currency;
  drawn: Draw;
}
interface Hold {
  id: string;
  currency: Currency;
  amount: number;
  expiresAt: number;
  status: 'active' | 'captured' | 'voided' | 'expired';
  drawn: Draw;
}
interface Refusal {
  refused: true;
  status: number;
  code: string;
  extra?: Record<string, unknown>;
}
const refuse = (status: number, code: string, extra?: Record<string, unknown>): Refusal => ({ refused: true, status, code, ...(extra ? { extra } : {}) });
interface Figures {
  currency: Currency;
  available: number;
  held: number;
  expiring: { date: string; amount: number }[];
}

const total = (draw: Draw) => [...draw.values()].reduce((a, b) => a + b, 0);
// Soonest expiry first, money that never expires last (Infinity sorts last; Infinity - Infinity is NaN, so no subtraction).
const localDate = (ms: number) => new Date(ms + LOCAL_OFFSET_MS).toISOString().slice(0, 10);

/** Money movements per currency over the whole program: what the trial balance's account totals must show. */
class Books {
  readonly issued = new Map<Currency, number>();
  readonly spent = new Map<Currency, number>();
  readonly expired = new Map<Currency, number>();
  add(map: Map<Currency, number>, c: Currency, n: number) {
    map.set(c, (map.get(c) ?? 0) + n);
  }
}

class MemberModel {
  readonly lots: Lot[] = [];
  readonly debits: Debit[] = [];
  readonly holds: Hold[] = [];
  readonly receipts = new Set<string>();
  /** A currency shows in the wallet from its first movement (a credit: refusals create nothing). */
  readonly currencies = new Set<Currency>();

  readonly id: string;
  private readonly books: Books;
  private readonly seq: { n: number };

  constructor(id: string, books: Books, seq: { n: number }) {
    this.id = id;
    this.books = books;
    this.seq = seq;
  }

  figures(now: number): Figures[] {
    return [...this.currencies].sort().map((currency) => {
      const lots = this.lots.filter((l) => l.currency === currency && l.remaining > 0);
      const expiring = new Map<string, number>();
      for (const l of lots.filter((l) => l.expiresAt > now && l.expiresAt <= now + 30 * DAY)) {
        expiring.set(localDate(l.expiresAt), (expiring.get(localDate(l.expiresAt)) ?? 0) + l.remaining);
      }
      return {
        currency,
        available: lots.reduce((a, l) => a + l.remaining, 0),
        held: this.holds.filter((h) => h.currency === currency && h.status === 'active').reduce((a, h) => a + h.amount, 0),
        expiring: [...expiring].sort(([a], [b]) => a.localeCompare(b)).map(([date, amount]) => ({ date, amount })),
      };
    });
  }

  figure(currency: Currency, now: number): Figures {
    return this.figures(now).find((f) => f.currency === currency) ?? { currency, available: 0, held: 0, expiring: [] };
  }

  spendable(currency: Currency, now: number): number {
    return this.lots.filter((l) => l.currency === currency && l.expiresAt > now).reduce((a, l) => a + l.remaining, 0);
  }

  /** What every write and wallet read does first: holds past their expiry give their money back, then lots expire. */
  settle(now: number): void {
    for (const h of this.holds.filter((h) => h.status === 'active' && h.expiresAt <= now)) {
      giveBackLatestFirst(h.drawn, h.amount);
      h.status = 'expired';
    }
    this.expireLots(now);
  }

  /** Whatever is left in a lot at its expiry instant (inclusive) expires; so does money given back to it later. */
  expireLots(now: number): void {
    for (const l of this.lots) {
      if (l.remaining > 0 && l.expiresAt <= now) {
        this.books.add(this.books.expired, l.currency, l.remaining);
        l.remaining = 0;
      }
    }
  }

  private draw(currency: Currency, n: number, now: number): Draw {
    const drawn = drawSoonestFirst(this.lots.filter((l) => l.currency === currency && l.remaining > 0 && l.expiresAt > now), n);
    if (total(drawn) !== n) throw new Error('model: drew more than there was');
    return drawn;
  }


  // --- operations: each returns what the service should answer, and changes the model only on success ---

  credit(currency: Currency, amount: number, expiresAt: number) {
    this.lots.push({ seq: this.seq.n++, currency, remaining: amount, expiresAt });
    this.currencies.add(currency);
    this.books.add(this.books.issued, currency, amount);
    return { amount };
  }

  debit(id: string, currency: Currency, amount: number, receipt: string, now: number) {
    if (this.receipts.has(receipt)) return refuse(409, 'duplicate_receipt', { receipt_id: receipt });
    const available = this.spendable(currency, now);
    if (available < amount) return refuse(422, 'insufficient_funds', { available, requested: amount });
    this.receipts.add(receipt);
    this.debits.push({ id, currency, drawn: this.draw(currency, amount, now) });
    this.books.add(this.books.spent, currency, amount);
    return { amount };
  }

  hold(id: string, currency: Currency, amount: number, expiresAt: number, now: number) {
    const available = this.spendable(currency, now);
    if (available < amount) return refuse(422, 'insufficient_funds', { available, requested: amount });
    const hold: Hold = { id, currency, amount, expiresAt, status: 'active', drawn: this.draw(currency, amount, now) };
    this.holds.push(hold);
    return hold;
  }

  capture(h: Hold, requested: number | null, now: number) {
    if (h.status !== 'active') return refuse(409, `hold_${h.status}`, { hold_id: h.id });
    const n = requested ?? h.amount;
    if (n > h.amount) return refuse(422, 'capture_exceeds_hold', { held: h.amount, requested: n });
    // The uncaptured rest goes back to the lots drawn last, so the capture keeps the soonest-expiring money.
    giveBackLatestFirst(h.drawn, h.amount - n);
    h.status = 'captured';
    this.books.add(this.books.spent, h.currency, n);
    this.expireLots(now);
    return { captured: n };
  }

  void(h: Hold, now: number) {
    if (h.status !== 'active') return refuse(409, `hold_${h.status}`, { hold_id: h.id });
    giveBackLatestFirst(h.drawn, h.amount);
    h.status = 'voided';
    this.expireLots(now);
    return {};
  }

  reverse(d: Debit, requested: number | null, now: number) {
    const reversible = total(d.drawn);
    const n = requested ?? reversible;
    if (reversible === 0 || n > reversible) return refuse(422, 'reversal_exceeds_debit', { reversible, requested: n });
    giveBackLatestFirst(d.drawn, n);
    this.books.add(this.books.spent, d.currency, -n);
    this.expireLots(now);
    return { amount: n, remainingReversible: reversible - n };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Random operations
// ---------------------------------------------------------------------------------------------------------------

// Mostly the first member and USD, so that one wallet gathers lots of several expiries (where draw order shows);
// the others check that members and currencies stay apart.
const member = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: MEMBERS - 1 }) });
const currency = fc.oneof({ weight: 4, arbitrary: fc.constant('USD' as const) }, { weight: 1, arbitrary: fc.constantFrom('AZN' as const, 'EUR' as const) });
// Which hold, debit or due instant: mostly the latest ones (counted from the end).
const pick = fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: fc.nat({ max: 50 }) });
// Mostly within what there is; above 100 % asks for more than there is (insufficient_funds, capture_exceeds_hold ...).
const percent = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }) }, { weight: 1, arbitrary: fc.integer({ min: 101, max: 150 }) });
// none; the same request again (replayed answer); the same key with another body (422 idempotency_key_reused).
const replay = fc.constantFrom('none' as const, 'none' as const, 'same' as const, 'other' as const);

const opArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('credit' as const),
      member,
      currency,
      amount: fc.integer({ min: 1, max: 5_000 }),
      // Never, or in minutes to days (within the 30-day `expiring` window, and beyond it).
      expiresInMs: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 600 }).map((m) => m * MINUTE), fc.integer({ min: 1, max: 60 }).map((d) => d * DAY)),
      replay,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('debit' as const), member, currency, percent, receipt: fc.oneof(fc.constant(null), pick), replay }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('hold' as const),
      member,
      currency,
      percent,
      ttlMinutes: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 3 * 24 * 60 })),
      replay,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('capture' as const), pick, percent: fc.oneof(fc.constant(null), percent), replay }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), pick, replay }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick, percent: fc.oneof(fc.constant(null), percent), replay }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.oneof(fc.integer({ min: 1, max: 120 }).map((m) => m * MINUTE), fc.integer({ min: 1, max: 20 }).map((d) => d * DAY)),
    }),
  },
  // ±1 ms around the instant a lot or hold falls due.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advanceToDue' as const), pick, offsetMs: fc.constantFrom(-1, 0, 1) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const scenarioArb = fc.array(opArb, { minLength: 10, maxLength: 40, size: 'max' });

/**
 * Run before the random ones: draw order across three lots (never, 10 days, 2 days), a partial reversal and a
 * capture's rest going back to the latest-expiring lot, then money given back into a lot that expired while out.
 */
const EXAMPLES: Op[][] = [
  [
    { kind: 'credit', member: 0, currency: 'USD', amount: 100, expiresInMs: null, replay: 'none' },
    { kind: 'credit', member: 0, currency: 'USD', amount: 100, expiresInMs: 10 * DAY, replay: 'none' },
    { kind: 'credit', member: 0, currency: 'USD', amount: 100, expiresInMs: 2 * DAY, replay: 'same' },
    { kind: 'debit', member: 0, currency: 'USD', percent: 50, receipt: null, replay: 'same' }, // 150: 100 (2 d) + 50 (10 d)
    { kind: 'reverse', pick: 0, percent: 40, replay: 'none' }, // 60 back, latest expiry first: 50 to the 10-day lot, 10 to the 2-day one
    { kind: 'hold', member: 0, currency: 'USD', percent: 80, ttlMinutes: 4 * 24 * 60, replay: 'none' }, // 168: 10 + 100 + 58 of the never lot
    { kind: 'advance', ms: 2 * DAY + 1 },
    { kind: 'debit', member: 0, currency: 'USD', percent: 100, receipt: 0, replay: 'none' }, // duplicate receipt
    { kind: 'capture', pick: 0, percent: 50, replay: 'other' }, // rest 84 back: 58 to the never lot, 26 to the 10-day one
    { kind: 'reverse', pick: 0, percent: null, replay: 'none' }, // 90 back to the expired 2-day lot: they expire at once
    { kind: 'advanceToDue', pick: 0, offsetMs: 0 },
  ],
];

// ---------------------------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------------------------

let t: FixedClockTestApp;
let base: string;

beforeAll(async () => {
  t = (await createTestApp({ now: START, env: { DB_POOL_SIZE: '8' } })) as FixedClockTestApp;
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

const scale = (base: number, pct: number) => Math.max(1, Math.floor((base * pct) / 100));
const iso = (ms: number) => new Date(ms).toISOString();

/** What must be equal between a first response and its replay: a problem's request_id names the request, not the answer. */
function replayable(res: LightMyRequestResponse): unknown {
  const { request_id: _requestId, ...body } = res.json() as Record<string, unknown>;
  return body;
}

/** The wallet accounts' totals the trial balance must show for the program, from the model's books and wallets. */
function expectedAccounts(books: Books, members: MemberModel[]): Record<string, number> {
  const accounts: Record<string, number> = {};
  const add = (account: string, n: number) => {
    if (n !== 0) accounts[account] = (accounts[account] ?? 0) + n;
  };
  for (const c of CURRENCIES) {
    add(`wallet_issued:${c}`, -(books.issued.get(c) ?? 0));
    add(`wallet_spent:${c}`, books.spent.get(c) ?? 0);
    add(`wallet_expired:${c}`, books.expired.get(c) ?? 0);
    for (const m of members) {
      const f = m.figure(c, 0);
      add(`wallet_available:${c}`, f.available);
      add(`wallet_held:${c}`, f.held);
    }
  }
  return accounts;
}

async function runScenario(ops: Op[]): Promise<void> {
  t.clock.set(START);
  const fx: ProgramFixture = await createProgramFixture(t);
  const books = new Books();
  const seq = { n: 0 };
  const members: MemberModel[] = [];
  for (let i = 0; i < MEMBERS; i++) members.push(new MemberModel((await enroll(t, fx.posKey)).id, books, seq));
  const now = () => t.clock.now().getTime();
  const allDebits = () => members.flatMap((m) => m.debits.map((d) => ({ m, d })));
  const allHolds = () => members.flatMap((m) => m.holds.map((h) => ({ m, h })));
  const usedReceipts: string[] = [];

  /** POST with a fresh Idempotency-Key; `same` sends it again (the first answer replayed), `other` another body with the key. */
  async function post(step: string, key: string, url: string, payload: Record<string, unknown>, again: 'none' | 'same' | 'other', other?: Record<string, unknown>) {
    const request = { method: 'POST' as const, url, key, headers: { 'idempotency-key': randomUUID() }, payload };
    const first = await t.call(request);
    expect(first.statusCode, `${step}: ${first.body}`).toBeLessThan(500);
    expect(first.headers['idempotent-replayed'], step).toBeUndefined();
    if (again === 'same') {
      const second = await t.call(request);
      expect(second.statusCode, `${step} replayed: ${second.body}`).toBe(first.statusCode);
      expect(second.headers['idempotent-replayed'], `${step} replayed`).toBe('true');
      expect(replayable(second), `${step} replayed`).toEqual(replayable(first));
    } else if (again === 'other') {
      const second = await t.call({ ...request, payload: other ?? { ...payload, _other: true } });
      expect({ status: second.statusCode, code: (second.json() as { code?: string }).code }, `${step} key reused: ${second.body}`).toEqual({
        status: 422,
        code: 'idempotency_key_reused',
      });
    }
    return first;
  }

  /** A refusal must be the problem the model predicts; a success must carry the wallet the model predicts. */
  function expectOutcome(step: string, res: LightMyRequestResponse, expected: Refusal | object, m: MemberModel, c: Currency): Record<string, unknown> {
    const body = res.json() as Record<string, unknown>;
    if ('refused' in expected) {
      expect({ status: res.statusCode, code: body['code'] }, `${step}: ${res.body}`).toEqual({ status: expected.status, code: expected.code });
      if (expected.extra) expect(body, step).toMatchObject(expected.extra);
    } else {
      expect(res.statusCode, `${step}: ${res.body}`).toBe(201);
      expect(body['wallet'], `${step}: wallet in the response`).toEqual(m.figure(c, now()));
    }
    return body;
  }

  for (const [i, op] of ops.entries()) {
    const step = `step ${i} ${JSON.stringify(op)} at ${iso(now())}`;
    switch (op.kind) {
      case 'credit': {
        const m = members[op.member]!;
        const expiresAt = op.expiresInMs === null ? Infinity : now() + op.expiresInMs;
        const payload = { amount: { amount: op.amount, currency: op.currency }, reason: 'goodwill', ...(op.expiresInMs === null ? {} : { expires_at: iso(expiresAt) }) };
        const res = await post(step, fx.adminKey, `/v1/members/${m.id}/wallet/credits`, payload, op.replay, { ...payload, reason: 'other' });
        const body = expectOutcome(step, res, m.credit(op.currency, op.amount, expiresAt), m, op.currency);
        expect(body['credit'], step).toMatchObject({ amount: { amount: op.amount, currency: op.currency }, expires_at: op.expiresInMs === null ? null : iso(expiresAt) });
        break;
      }
      case 'debit': {
        const m = members[op.member]!;
        const amount = scale(m.spendable(op.currency, now()), op.percent);
        const receipt = op.receipt === null || usedReceipts.length === 0 ? nextReceipt() : usedReceipts[op.receipt % usedReceipts.length]!;
        usedReceipts.push(receipt);
        const payload = { amount: { amount, currency: op.currency }, receipt_id: receipt };
        const res = await post(step, fx.posKey, `/v1/members/${m.id}/wallet/debits`, payload, op.replay, { ...payload, amount: { amount: amount + 1, currency: op.currency } });
        const id = (res.json() as { debit?: { id: string } }).debit?.id ?? '';
        const body = expectOutcome(step, res, m.debit(id, op.currency, amount, receipt, now()), m, op.currency);
        if (res.statusCode === 201) expect(body['debit'], step).toMatchObject({ amount: { amount, currency: op.currency }, receipt_id: receipt });
        break;
      }
      case 'hold': {
        const m = members[op.member]!;
        const amount = scale(m.spendable(op.currency, now()), op.percent);
        const expiresAt = now() + (op.ttlMinutes ?? HOLD_TTL_MINUTES) * MINUTE;
        const payload = { amount: { amount, currency: op.currency }, ...(op.ttlMinutes === null ? {} : { expires_at: iso(expiresAt) }) };
        const res = await post(step, fx.posKey, `/v1/members/${m.id}/wallet/holds`, payload, op.replay, { ...payload, reason: 'other' });
        const id = (res.json() as { hold?: { id: string } }).hold?.id ?? '';
        const body = expectOutcome(step, res, m.hold(id, op.currency, amount, expiresAt, now()), m, op.currency);
        if (res.statusCode === 201) expect(body['hold'], step).toMatchObject({ amount: { amount, currency: op.currency }, status: 'active', expires_at: iso(expiresAt) });
        break;
      }
      case 'capture':
      case 'void': {
        const holds = allHolds();
        const found = holds[holds.length - 1 - (op.pick % Math.max(1, holds.length))];
        if (!found) continue;
        const { m, h } = found;
        const amount = op.kind === 'capture' && op.percent !== null ? scale(h.amount, op.percent) : null;
        const url = `/v1/members/${m.id}/wallet/holds/${h.id}/${op.kind}`;
        const payload = amount === null ? {} : { amount };
        // A void has no body: its request is the hold alone, so another body with the key is the same request.
        const again = op.kind === 'void' && op.replay === 'other' ? 'none' : op.replay;
        const res = await post(step, fx.posKey, url, payload, again, { amount: (amount ?? h.amount) + 1 });
        const expected = op.kind === 'capture' ? m.capture(h, amount, now()) : m.void(h, now());
        const body = expectOutcome(step, res, expected, m, h.currency);
        if (res.statusCode === 201) {
          expect(body['hold'], step).toMatchObject(op.kind === 'capture' ? { status: 'captured', captured: (expected as { captured: number }).captured } : { status: 'voided' });
        }
        break;
      }
      case 'reverse': {
        const debits = allDebits();
        const found = debits[debits.length - 1 - (op.pick % Math.max(1, debits.length))];
        if (!found) continue;
        const { m, d } = found;
        const amount = op.percent === null ? null : scale(total(d.drawn), op.percent);
        const payload = amount === null ? {} : { amount };
        const res = await post(step, fx.posKey, `/v1/members/${m.id}/wallet/debits/${d.id}/reversal`, payload, op.replay, { reason: 'other' });
        const expected = m.reverse(d, amount, now());
        const body = expectOutcome(step, res, expected, m, d.currency);
        if (!('refused' in expected)) {
          expect(body['reversal'], step).toMatchObject({ amount: { amount: expected.amount, currency: d.currency }, remaining_reversible: expected.remainingReversible });
        }
        break;
      }
      case 'advance':
        t.clock.advance(op.ms);
        break;
      case 'advanceToDue': {
        const due = members
          .flatMap((m) => [
            ...m.lots.filter((l) => l.remaining > 0 && l.expiresAt > now() && l.expiresAt < Infinity).map((l) => l.expiresAt),
            ...m.holds.filter((h) => h.status === 'active' && h.expiresAt > now()).map((h) => h.expiresAt),
          ])
          .sort((a, b) => a - b);
        const target = due[op.pick % Math.max(1, due.length)];
        if (target === undefined) continue;
        t.clock.set(new Date(Math.max(now(), target + op.offsetMs)));
        break;
      }
    }

    // After every step, every member's wallet as they see it (the read settles what is due, so the model does too).
    for (const m of members) {
      m.settle(now());
      const res = await t.call({ method: 'GET', url: `/v1/members/${m.id}/wallet`, key: fx.readKey });
      expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
      expect(res.json(), `${step}: GET wallet of member ${members.indexOf(m)}`).toEqual({ member_id: m.id, balances: m.figures(now()) });
    }
  }

  // The books balance, and the wallet accounts hold what the model says was issued, spent, expired, available, held.
  const report = await expectTrialBalanceOk(t, fx.adminKey);
  const wallet = Object.fromEntries(Object.entries(report.accounts as Record<string, number>).filter(([a, n]) => a.startsWith('wallet_') && n !== 0));
  expect(wallet, 'trial balance: wallet accounts').toEqual(expectedAccounts(books, members));
}

describe('wallet model (property)', () => {
  it('should agree with an in-memory model of lots and holds after every step of random operation sequences', async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, runScenario), { ...runOptions, examples: EXAMPLES.map((e) => [e]) });
  }, 300_000);

  it('should accept parallel debits and holds on one wallet up to the money there is, and end where the model says', async () => {
    const arb = fc.record({
      credits: fc.array(fc.record({ amount: fc.integer({ min: 1, max: 500 }), days: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 30 })) }), { minLength: 1, maxLength: 4 }),
      requests: fc.array(fc.record({ kind: fc.constantFrom('debit' as const, 'hold' as const), amount: fc.integer({ min: 1, max: 600 }) }), { minLength: 2, maxLength: 8 }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ credits, requests }) => {
        t.clock.set(START);
        const fx = await createProgramFixture(t);
        const books = new Books();
        const m = new MemberModel((await enroll(t, fx.posKey)).id, books, { n: 0 });
        for (const c of credits) {
          const expiresAt = c.days === null ? Infinity : now() + c.days * DAY;
          const res = await t.call({
            method: 'POST',
            url: `/v1/members/${m.id}/wallet/credits`,
            key: fx.adminKey,
            headers: { 'idempotency-key': randomUUID() },
            payload: { amount: { amount: c.amount, currency: 'USD' }, reason: 'top-up', ...(c.days === null ? {} : { expires_at: iso(expiresAt) }) },
          });
          expect(res.statusCode, res.body).toBe(201);
          m.credit('USD', c.amount, expiresAt);
        }
        const funds = m.spendable('USD', now());
        // Truly parallel: each request on its own socket to the listening server.
        const results = await Promise.all(
          requests.map((r) =>
            fetch(`${base}/v1/members/${m.id}/wallet/${r.kind === 'debit' ? 'debits' : 'holds'}`, {
              method: 'POST',
              headers: { authorization: `Bearer ${fx.posKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
              body: JSON.stringify({ amount: { amount: r.amount, currency: 'USD' }, ...(r.kind === 'debit' ? { receipt_id: nextReceipt() } : {}) }),
            }).then(async (res) => ({ ...r, status: res.status, body: (await res.json()) as { code?: string; debit?: { id: string }; hold?: { id: string } } })),
          ),
        );
        for (const r of results) {
          expect([201, 422], JSON.stringify(r)).toContain(r.status);
          if (r.status === 422) expect(r.body.code, JSON.stringify(r)).toBe('insufficient_funds');
        }
        const accepted = results.filter((r) => r.status === 201);
        const acceptedTotal = accepted.reduce((a, r) => a + r.amount, 0);
        expect(acceptedTotal, JSON.stringify(results)).toBeLessThanOrEqual(funds);
        // Money only goes down here: whatever was refused asked for more than was left at the end.
        for (const r of results.filter((r) => r.status === 422)) expect(r.amount, JSON.stringify(results)).toBeGreaterThan(funds - acceptedTotal);
        // The model takes the accepted ones in any order: the totals do not depend on it.
        for (const r of accepted) {
          const outcome = r.kind === 'debit' ? m.debit(r.body.debit!.id, 'USD', r.amount, randomUUID(), now()) : m.hold(r.body.hold!.id, 'USD', r.amount, now() + HOLD_TTL_MINUTES * MINUTE, now());
          expect('refused' in outcome, JSON.stringify(r)).toBe(false);
        }
        const res = await t.call({ method: 'GET', url: `/v1/members/${m.id}/wallet`, key: fx.readKey });
        expect(res.statusCode, res.body).toBe(200);
        const balance = (res.json() as { balances: Figures[] }).balances[0]!;
        expect({ available: balance.available, held: balance.held }).toEqual({ available: m.figure('USD', now()).available, held: m.figure('USD', now()).held });
        const report = await expectTrialBalanceOk(t, fx.adminKey);
        expect(report.accounts['wallet_spent:USD'] ?? 0).toBe(books.spent.get('USD') ?? 0);
      }),
      { ...runOptions, numRuns: Math.max(1, Math.ceil(NUM_RUNS / 3)) },
    );
  }, 120_000);
});

const now = () => t.clock.now().getTime();
