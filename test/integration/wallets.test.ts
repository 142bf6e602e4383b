import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, nextReceipt, post, runJobAt, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { EVENT_DEFINITIONS, EventSchema } from '../../src/events/schemas.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';

// Wallets (incentives.md "Wallets", issue 14 item 1): money per member and currency in the points ledger. The race
// sends truly parallel HTTP requests over a real socket (on a Citus coordinator too: TEST_DATABASE_URL).
const START = new Date('2026-03-01T10:00:00Z');
let t: FixedClockTestApp;
let p: ProgramFixture;
let base: string;

beforeAll(async () => {
  t = (await createTestApp({ now: START, env: { DB_POOL_SIZE: '8' } })) as FixedClockTestApp;
  p = await createProgramFixture(t);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await expectTrialBalanceOk(t, p.adminKey);
  t.clock.set(START);
});
afterAll(() => t.close());

const usd = (amount: number) => ({ amount, currency: 'USD' });
const inDays = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString();

function credit(memberId: string, amount: number, extra: Record<string, unknown> = {}, key?: string) {
  return post(t, p.adminKey, `/v1/members/${memberId}/wallet/credits`, { amount: usd(amount), reason: 'goodwill', ...extra }, key);
}

async function credited(memberId: string, amount: number, extra: Record<string, unknown> = {}) {
  const res = await credit(memberId, amount, extra);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

function debit(memberId: string, amount: number, extra: Record<string, unknown> = {}, key?: string) {
  return post(t, p.posKey, `/v1/members/${memberId}/wallet/debits`, { amount: usd(amount), receipt_id: nextReceipt(), ...extra }, key);
}

async function walletOf(memberId: string) {
  const res = await t.call({ method: 'GET', url: `/v1/members/${memberId}/wallet`, key: p.readKey });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { member_id: string; balances: { currency: string; available: number; held: number; expiring: { date: string; amount: number }[] }[] };
}

/** The member's wallet events in feed order, straight from the outbox; each must parse as the feed shows it. */
async function eventsOf(memberId: string) {
  const { rows } = await t.pool.query<EventRow & { program_id: string }>(
    `SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events
      WHERE member_id = $1 AND type LIKE 'wallet.%' ORDER BY db_xid, seq`,
    [memberId],
  );
  for (const row of rows) {
    const parsed = EventSchema.safeParse(toEventJson(row.program_id, row));
    expect(parsed.error, `${row.type} ${JSON.stringify(row.data)}`).toBeUndefined();
  }
  return rows as (EventRow & { data: unknown })[];
}

describe('wallet credits', () => {
  it('should credit money as a lot, post it on the currency accounts and publish wallet.credited', async () => {
    const m = await enroll(t, p.posKey);
    const body = await credited(m.id, 500, { reason: 'late delivery' });
    expect(body.credit).toEqual({
      id: expect.stringMatching(/^wcr_/),
      member_id: m.id,
      amount: usd(500),
      reason: 'late delivery',
      lot_id: expect.stringMatching(/^wlt_/),
      expires_at: null,
    });
    expect(body.transaction).toMatchObject({
      type: 'wallet_credit',
      member_id: m.id,
      amount: usd(500),
      resource_id: body.credit.id,
      version: 1,
      entries: [
        { account: 'wallet_available:USD', amount: 500 },
        { account: 'wallet_issued:USD', amount: -500 },
      ],
    });
    expect(body.wallet).toEqual({ currency: 'USD', available: 500, held: 0, expiring: [] });
    expect(await walletOf(m.id)).toEqual({ member_id: m.id, balances: [{ currency: 'USD', available: 500, held: 0, expiring: [] }] });
    // Money is not points: the points balance is untouched, though the member's version moved.
    expect(await balanceOf(t, p.readKey, m.id)).toMatchObject({ available: 0, pending: 0, version: 1 });

    const events = await eventsOf(m.id);
    expect(events.map((e) => e.type)).toEqual(['wallet.credited']);
    EVENT_DEFINITIONS['wallet.credited'].data.parse(events[0]!.data);
    expect(events[0]!.data).toMatchObject({ transaction: { id: body.transaction.id }, wallet: { currency: 'USD', available: 500 } });

    const report = await expectTrialBalanceOk(t, p.adminKey);
    expect(report.accounts['wallet_issued:USD']).toBeLessThan(0);
  });

  it('should keep currencies apart and show money expiring within 30 days', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 300, { expires_at: inDays(10) });
    await post(t, p.adminKey, `/v1/members/${m.id}/wallet/credits`, { amount: { amount: 700, currency: 'AZN' }, reason: 'referral' });
    await credited(m.id, 200, { expires_at: inDays(90) });
    const wallet = await walletOf(m.id);
    expect(wallet.balances).toEqual([
      { currency: 'AZN', available: 700, held: 0, expiring: [] },
      { currency: 'USD', available: 500, held: 0, expiring: [{ date: expect.any(String), amount: 300 }] },
    ]);
  });

  it('should replay a credit for its Idempotency-Key and refuse the key with another body', async () => {
    const m = await enroll(t, p.posKey);
    const key = randomUUID();
    const first = await credit(m.id, 250, {}, key);
    const again = await credit(m.id, 250, {}, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expectProblem(await credit(m.id, 251, {}, key), 422, 'idempotency_key_reused');
    expect((await walletOf(m.id)).balances[0]!.available).toBe(250);
  });

  it('should refuse a credit from a pos key, an expiry in the past, and an unknown member', async () => {
    const m = await enroll(t, p.posKey);
    const fromPos = await post(t, p.posKey, `/v1/members/${m.id}/wallet/credits`, { amount: usd(100), reason: 'x' });
    expectProblem(fromPos, 403, 'forbidden');
    expectProblem(await credit(m.id, 100, { expires_at: inDays(-1) }), 400, 'validation_failed');
    expectProblem(await credit('mem_01jdq3v7f8e9t0sw2p1x5m3k4z', 100), 404, 'member_not_found');
    expectProblem(await credit(m.id, 0), 400, 'validation_failed');
  });
});

describe('wallet debits', () => {
  it('should spend the soonest-expiring money first and money that never expires last', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 100); // never expires
    await credited(m.id, 100, { expires_at: inDays(20) });
    await credited(m.id, 100, { expires_at: inDays(10) });
    const res = await debit(m.id, 150);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.debit).toEqual({ id: expect.stringMatching(/^wdb_/), member_id: m.id, amount: usd(150), receipt_id: expect.any(String) });
    expect(body.transaction).toMatchObject({
      type: 'wallet_debit',
      amount: usd(150),
      external_ref: body.debit.receipt_id,
      entries: [
        { account: 'wallet_available:USD', amount: -150 },
        { account: 'wallet_spent:USD', amount: 150 },
      ],
    });
    // The 10-day lot is gone, 50 of the 20-day lot are left, the lot without expiry is whole.
    expect(body.wallet).toMatchObject({ available: 150, expiring: [{ amount: 50 }] });
    expect((await debit(m.id, 100)).statusCode).toBe(201);
    expect(await walletOf(m.id)).toMatchObject({ balances: [{ currency: 'USD', available: 50, expiring: [] }] });

    const events = await eventsOf(m.id);
    expect(events.map((e) => e.type)).toEqual(['wallet.credited', 'wallet.credited', 'wallet.credited', 'wallet.debited', 'wallet.debited']);
    for (const e of events) EVENT_DEFINITIONS[e.type as 'wallet.debited'].data.parse(e.data);
  });

  it('should refuse a debit larger than the wallet with 422 insufficient_funds, available and requested', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 50);
    const problem = expectProblem(await debit(m.id, 51), 422, 'insufficient_funds');
    expect(problem).toMatchObject({ available: 50, requested: 51, currency: 'USD' });
    const otherCurrency = await post(t, p.posKey, `/v1/members/${m.id}/wallet/debits`, { amount: { amount: 1, currency: 'AZN' }, receipt_id: nextReceipt() });
    expect(expectProblem(otherCurrency, 422, 'insufficient_funds')).toMatchObject({ available: 0, requested: 1, currency: 'AZN' });
    expect((await walletOf(m.id)).balances).toEqual([{ currency: 'USD', available: 50, held: 0, expiring: [] }]);
  });

  it('should never spend money past its expiry', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 80, { expires_at: inDays(1) });
    await credited(m.id, 20);
    t.clock.set(new Date(START.getTime() + 2 * 86_400_000));
    expect(expectProblem(await debit(m.id, 50), 422, 'insufficient_funds')).toMatchObject({ available: 20, requested: 50 });
    expect((await debit(m.id, 20)).statusCode).toBe(201);
  });

  it('should expire what is left of a lot by the expire job into wallet_expired, published as wallet.debited', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 80, { expires_at: inDays(1) });
    await credited(m.id, 20);
    expect((await debit(m.id, 30)).statusCode).toBe(201);
    const job = await runJobAt(t, p.adminKey, 'expire', new Date(START.getTime() + 2 * 86_400_000));
    expect(job).toMatchObject({ members: expect.any(Number) });
    const events = await eventsOf(m.id);
    const expired = events.filter((e) => (e.data as { transaction: { type: string } }).transaction.type === 'wallet_expire');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({
      type: 'wallet.debited',
      data: {
        transaction: {
          amount: usd(50),
          data: { reason: 'expired' },
          entries: [
            { account: 'wallet_available:USD', amount: -50 },
            { account: 'wallet_expired:USD', amount: 50 },
          ],
        },
        wallet: { available: 20 },
      },
    });
    EVENT_DEFINITIONS['wallet.debited'].data.parse(expired[0]!.data);
    expect((await walletOf(m.id)).balances).toEqual([{ currency: 'USD', available: 20, held: 0, expiring: [] }]);
    // Run again: nothing more is due.
    await runJobAt(t, p.adminKey, 'expire', new Date(START.getTime() + 3 * 86_400_000));
    expect((await eventsOf(m.id)).filter((e) => (e.data as { transaction: { type: string } }).transaction.type === 'wallet_expire')).toHaveLength(1);
    const report = await expectTrialBalanceOk(t, p.adminKey);
    expect(report.accounts['wallet_expired:USD']).toBeGreaterThanOrEqual(50);
  });

  it('should expire money when the wallet is read after its expiry, before any job', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 40, { expires_at: inDays(1) });
    expect((await walletOf(m.id)).balances[0]).toMatchObject({ available: 40, expiring: [{ amount: 40 }] });
    t.clock.set(new Date(START.getTime() + 2 * 86_400_000));
    expect((await walletOf(m.id)).balances).toEqual([{ currency: 'USD', available: 0, held: 0, expiring: [] }]);
  });

  it('should expire money a released hold gave back to a lot that expired meanwhile', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 40, { expires_at: inDays(1) });
    const h = (await post(t, p.posKey, `/v1/members/${m.id}/wallet/holds`, { amount: usd(40), expires_at: inDays(3) })).json();
    t.clock.set(new Date(START.getTime() + 2 * 86_400_000));
    expect((await walletOf(m.id)).balances[0]).toMatchObject({ available: 0, held: 40 });
    const voided = await post(t, p.posKey, `/v1/members/${m.id}/wallet/holds/${h.hold.id}/void`, {});
    expect(voided.statusCode, voided.body).toBe(201);
    expect(voided.json().wallet).toMatchObject({ available: 0, held: 0 });
    expect((await walletOf(m.id)).balances).toEqual([{ currency: 'USD', available: 0, held: 0, expiring: [] }]);
  });

  it('should pay a receipt from the wallet once: 409 duplicate_receipt', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 100);
    const receipt = nextReceipt();
    const first = await debit(m.id, 10, { receipt_id: receipt });
    expect(first.statusCode, first.body).toBe(201);
    const problem = expectProblem(await debit(m.id, 10, { receipt_id: receipt }), 409, 'duplicate_receipt');
    expect(problem).toMatchObject({ receipt_id: receipt, debit_id: first.json().debit.id });
    expect((await walletOf(m.id)).balances[0]!.available).toBe(90);
  });

  it('should replay a debit for its Idempotency-Key without spending twice', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 100);
    const key = randomUUID();
    const body = { amount: usd(40), receipt_id: nextReceipt() };
    const first = await post(t, p.posKey, `/v1/members/${m.id}/wallet/debits`, body, key);
    const again = await post(t, p.posKey, `/v1/members/${m.id}/wallet/debits`, body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expectProblem(await post(t, p.posKey, `/v1/members/${m.id}/wallet/debits`, { ...body, amount: usd(41) }, key), 422, 'idempotency_key_reused');
    expect((await walletOf(m.id)).balances[0]!.available).toBe(60);
  });

  it('should refuse blocked, deactivated and pending members like points spending', async () => {
    for (const [status, code, http] of [['blocked', 'member_blocked', 423], ['deactivated', 'member_deactivated', 422]] as const) {
      const m = await enroll(t, p.posKey);
      await credited(m.id, 100);
      const patched = await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: p.adminKey, payload: { status, status_reason: 'test' } });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(expectProblem(await debit(m.id, 10), http, code)).toMatchObject({ member_id: m.id });
      expect((await walletOf(m.id)).balances[0]!.available).toBe(100);
    }
    const pending = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { phone: `+99450${Date.now() % 10_000_000}`, verification: 'otp' } });
    expect(pending.statusCode, pending.body).toBe(201);
    const id = pending.json().id as string;
    // Credit still lands (like a points adjustment); spending waits for the verified phone.
    await credited(id, 100);
    expectProblem(await debit(id, 10), 422, 'member_pending');
  });

  it('should let exactly one of two parallel debits of 30 from 50 through', async () => {
    for (let round = 0; round < 5; round++) {
      const m = await enroll(t, p.posKey);
      await credited(m.id, 50);
      const send = () =>
        fetch(`${base}/v1/members/${m.id}/wallet/debits`, {
          method: 'POST',
          headers: { authorization: `Bearer ${p.posKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ amount: usd(30), receipt_id: nextReceipt() }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code?: string } }));
      const results = await Promise.all([send(), send()]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(results.find((r) => r.status === 422)!.body.code).toBe('insufficient_funds');
      expect((await walletOf(m.id)).balances[0]!.available).toBe(20);
    }
  });
});

describe('wallet holds', () => {
  const hold = (memberId: string, amount: number, extra: Record<string, unknown> = {}) =>
    post(t, p.posKey, `/v1/members/${memberId}/wallet/holds`, { amount: usd(amount), ...extra });
  const close = (memberId: string, holdId: string, action: 'capture' | 'void', body: Record<string, unknown> = {}, key?: string) =>
    post(t, p.posKey, `/v1/members/${memberId}/wallet/holds/${holdId}/${action}`, body, key);

  it('should hold money, then capture part of it and release the rest to the lots it came from', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 100, { expires_at: inDays(10) });
    await credited(m.id, 100);
    const held = await hold(m.id, 150, { reason: 'pump 4' });
    expect(held.statusCode, held.body).toBe(201);
    const h = held.json();
    expect(h.hold).toMatchObject({ id: expect.stringMatching(/^whl_/), amount: usd(150), status: 'active', captured: null, reason: 'pump 4' });
    expect(h.transaction.entries).toEqual([
      { account: 'wallet_available:USD', amount: -150 },
      { account: 'wallet_held:USD', amount: 150 },
    ]);
    expect(h.wallet).toMatchObject({ available: 50, held: 150, expiring: [] });
    expectProblem(await debit(m.id, 51), 422, 'insufficient_funds');

    const key = randomUUID();
    const captured = await close(m.id, h.hold.id, 'capture', { amount: 120 }, key);
    expect(captured.statusCode, captured.body).toBe(201);
    expect(captured.json().hold).toMatchObject({ status: 'captured', captured: 120 });
    expect(captured.json().transaction).toMatchObject({
      type: 'wallet_capture',
      amount: usd(120),
      ref_id: h.hold.id,
      data: { released: 30 },
      entries: [
        { account: 'wallet_available:USD', amount: 30 },
        { account: 'wallet_held:USD', amount: -150 },
        { account: 'wallet_spent:USD', amount: 120 },
      ],
    });
    // The capture kept the soonest-expiring money: the 30 released went back to the lot that never expires.
    expect(captured.json().wallet).toEqual({ currency: 'USD', available: 80, held: 0, expiring: [] });
    const replay = await close(m.id, h.hold.id, 'capture', { amount: 120 }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expectProblem(await close(m.id, h.hold.id, 'capture'), 409, 'hold_captured');
    expectProblem(await close(m.id, h.hold.id, 'void'), 409, 'hold_captured');
    const types = (await eventsOf(m.id)).map((e) => e.type);
    expect(types).toEqual(['wallet.credited', 'wallet.credited', 'wallet.held', 'wallet.debited']);
    for (const e of await eventsOf(m.id)) EVENT_DEFINITIONS[e.type as 'wallet.held'].data.parse(e.data);
  });

  it('should void a hold back into the wallet, and refuse a capture larger than the hold', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 100);
    const h = (await hold(m.id, 60)).json();
    expect(expectProblem(await close(m.id, h.hold.id, 'capture', { amount: 61 }), 422, 'capture_exceeds_hold')).toMatchObject({ held: 60, requested: 61 });
    const voided = await close(m.id, h.hold.id, 'void');
    expect(voided.statusCode, voided.body).toBe(201);
    expect(voided.json()).toMatchObject({ hold: { status: 'voided' }, transaction: { type: 'wallet_void' }, wallet: { available: 100, held: 0 } });
    expectProblem(await close(m.id, h.hold.id, 'capture'), 409, 'hold_voided');
    expectProblem(await close(m.id, 'whl_01jdq3v7f8e9t0sw2p1x5m3k4z', 'void'), 404, 'hold_not_found');
    // Another member's hold is not found through this member.
    const other = await enroll(t, p.posKey);
    expectProblem(await close(other.id, h.hold.id, 'void'), 404, 'hold_not_found');
  });

  it('should expire a hold by the expire-holds job, and refuse to capture it after its expiry', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 100);
    const byJob = (await hold(m.id, 40, { expires_at: inDays(1) })).json();
    const byCapture = (await hold(m.id, 30, { expires_at: inDays(1) })).json();
    expect(expectProblem(await hold(m.id, 31), 422, 'insufficient_funds')).toMatchObject({ available: 30 });
    const later = new Date(START.getTime() + 2 * 86_400_000);
    const job = await runJobAt(t, p.adminKey, 'expire-holds', later);
    expect(job).toMatchObject({ holds_expired: 2 });
    t.clock.set(later);
    expectProblem(await close(m.id, byCapture.hold.id, 'capture'), 409, 'hold_expired');
    expectProblem(await close(m.id, byJob.hold.id, 'void'), 409, 'hold_expired');
    expect((await walletOf(m.id)).balances).toEqual([{ currency: 'USD', available: 100, held: 0, expiring: [] }]);
    const released = (await eventsOf(m.id)).filter((e) => e.type === 'wallet.hold_released');
    expect(released).toHaveLength(2);
    for (const e of released) EVENT_DEFINITIONS['wallet.hold_released'].data.parse(e.data);
  });

  it('should settle an expired hold on the next write even before the job runs', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 50);
    const h = (await hold(m.id, 50, { expires_at: inDays(1) })).json();
    t.clock.set(new Date(START.getTime() + 2 * 86_400_000));
    expect((await debit(m.id, 50)).statusCode).toBe(201);
    expectProblem(await close(m.id, h.hold.id, 'capture'), 409, 'hold_expired');
  });

  it('should refuse holds for blocked members, and let exactly one of two parallel holds of 30 from 50 through', async () => {
    const blocked = await enroll(t, p.posKey);
    await credited(blocked.id, 100);
    await t.call({ method: 'PATCH', url: `/v1/members/${blocked.id}`, key: p.adminKey, payload: { status: 'blocked', status_reason: 'test' } });
    expectProblem(await hold(blocked.id, 10), 423, 'member_blocked');

    const m = await enroll(t, p.posKey);
    await credited(m.id, 50);
    const send = () =>
      fetch(`${base}/v1/members/${m.id}/wallet/holds`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.posKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ amount: usd(30) }),
      }).then((r) => r.status);
    expect((await Promise.all([send(), send()])).sort()).toEqual([201, 422]);
  });
});

describe('wallet debit reversals', () => {
  const reverse = (memberId: string, debitId: string, body: Record<string, unknown> = {}, key?: string) =>
    post(t, p.posKey, `/v1/members/${memberId}/wallet/debits/${debitId}/reversal`, body, key);

  it('should give a debit back in parts into the lots it came from, with their expiry, and never more than it took', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 100);
    await credited(m.id, 100, { expires_at: inDays(10) });
    const d = (await debit(m.id, 150)).json();
    const key = randomUUID();
    const first = await reverse(m.id, d.debit.id, { amount: 60, reason: 'item returned' }, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      reversal: { id: expect.stringMatching(/^wrv_/), debit_id: d.debit.id, amount: usd(60), remaining_reversible: 90, reason: 'item returned' },
      transaction: {
        type: 'wallet_reversal',
        ref_id: d.debit.id,
        entries: [
          { account: 'wallet_available:USD', amount: 60 },
          { account: 'wallet_spent:USD', amount: -60 },
        ],
      },
      // The 50 drawn last (from the lot that never expires) come back first; then 10 to the 10-day lot.
      wallet: { available: 110, expiring: [{ amount: 10 }] },
    });
    expect((await reverse(m.id, d.debit.id, { amount: 60, reason: 'item returned' }, key)).headers['idempotent-replayed']).toBe('true');
    expect(expectProblem(await reverse(m.id, d.debit.id, { amount: 91 }), 422, 'reversal_exceeds_debit')).toMatchObject({ reversible: 90, requested: 91, currency: 'USD' });
    const rest = await reverse(m.id, d.debit.id);
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json()).toMatchObject({ reversal: { amount: usd(90), remaining_reversible: 0 }, wallet: { available: 200, expiring: [{ amount: 100 }] } });
    expectProblem(await reverse(m.id, d.debit.id), 422, 'reversal_exceeds_debit');
    const events = await eventsOf(m.id);
    const reversals = events.filter((e) => (e.data as { transaction: { type: string } }).transaction.type === 'wallet_reversal');
    expect(reversals.map((e) => e.type)).toEqual(['wallet.credited', 'wallet.credited']);
    for (const e of reversals) EVENT_DEFINITIONS['wallet.credited'].data.parse(e.data);
  });

  it('should expire reversed money whose lot expired meanwhile, and not find another member\'s debit', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 50, { expires_at: inDays(1) });
    const d = (await debit(m.id, 50)).json();
    t.clock.set(new Date(START.getTime() + 2 * 86_400_000));
    const res = await reverse(m.id, d.debit.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().wallet).toMatchObject({ available: 0 });
    const other = await enroll(t, p.posKey);
    expectProblem(await reverse(other.id, d.debit.id), 404, 'debit_not_found');
  });
});

describe('wallet statement', () => {
  it('should page wallet transactions newest first, and keep them out of the points history', async () => {
    const m = await enroll(t, p.posKey);
    await credited(m.id, 100);
    await post(t, p.adminKey, `/v1/members/${m.id}/wallet/credits`, { amount: { amount: 700, currency: 'AZN' }, reason: 'x' });
    expect((await debit(m.id, 30)).statusCode).toBe(201);
    const page = async (query: string) => {
      const res = await t.call({ method: 'GET', url: `/v1/members/${m.id}/wallet/transactions${query}`, key: p.readKey });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { data: { type: string; amount: { amount: number; currency: string }; version: number }[]; next_cursor: string | null; has_more: boolean };
    };
    const first = await page('?limit=2');
    expect(first.data.map((d) => [d.type, d.amount])).toEqual([['wallet_debit', usd(30)], ['wallet_credit', { amount: 700, currency: 'AZN' }]]);
    expect(first.has_more).toBe(true);
    const second = await page(`?limit=2&cursor=${encodeURIComponent(first.next_cursor!)}`);
    expect(second.data.map((d) => d.version)).toEqual([1]);
    expect(second.has_more).toBe(false);
    expect((await page('?currency=AZN')).data).toHaveLength(1);

    const points = await t.call({ method: 'GET', url: `/v1/members/${m.id}/transactions`, key: p.readKey });
    expect(points.statusCode, points.body).toBe(200);
    expect(points.json().data).toEqual([]);
    const statement = await t.call({ method: 'GET', url: `/v1/members/${m.id}/statement?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z`, key: p.readKey });
    expect(statement.statusCode, statement.body).toBe(200);
    expect(statement.json().movements).toEqual([]);
  });

  it('should answer 404 for an unknown member', async () => {
    expectProblem(await t.call({ method: 'GET', url: '/v1/members/mem_01jdq3v7f8e9t0sw2p1x5m3k4z/wallet', key: p.readKey }), 404, 'member_not_found');
    expectProblem(await t.call({ method: 'GET', url: '/v1/members/mem_01jdq3v7f8e9t0sw2p1x5m3k4z/wallet/transactions', key: p.readKey }), 404, 'member_not_found');
  });
});
