import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, nextReceipt, post, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { endPromotions } from '../helpers/promotions.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';
import { DEFAULT_SETTINGS } from '../../src/programs/settings.ts';

// Cashback programs (incentives.md "Wallets", issue 14 item 4): a purchase credits wallet money, a percent of its net
// amount per tier, rounded down; returns claw it back. Parallel purchases race over a real socket (on a Citus
// coordinator too: TEST_DATABASE_URL).
const START = new Date('2026-03-01T10:00:00Z');
const PERCENTS = [1.5, 2, 3, 5];
const CASHBACK_SETTINGS = {
  reward: 'cashback',
  tiers: DEFAULT_SETTINGS.tiers.map((tier, i) => ({ ...tier, cashback_percent: PERCENTS[i] })),
};
let t: FixedClockTestApp;
let p: ProgramFixture;
let points: ProgramFixture;
let base: string;

beforeAll(async () => {
  t = (await createTestApp({ now: START, env: { DB_POOL_SIZE: '8' } })) as FixedClockTestApp;
  p = await createProgramFixture(t, CASHBACK_SETTINGS);
  points = await createProgramFixture(t);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await expectTrialBalanceOk(t, p.adminKey);
  await expectTrialBalanceOk(t, points.adminKey);
  t.clock.set(START);
});
afterAll(() => t.close());

const azn = (amount: number) => ({ amount, currency: 'AZN' });

function buy(memberId: string, amount: number, extra: Record<string, unknown> = {}, key?: string, fixture = p) {
  return post(t, fixture.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: azn(amount), ...extra }, key);
}

async function bought(memberId: string, amount: number, extra: Record<string, unknown> = {}) {
  const res = await buy(memberId, amount, extra);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function returned(purchaseId: string, body: Record<string, unknown>) {
  const res = await post(t, p.posKey, `/v1/purchases/${purchaseId}/returns`, { receipt_id: nextReceipt('RR'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().return;
}

async function available(memberId: string) {
  const res = await t.call({ method: 'GET', url: `/v1/members/${memberId}/wallet`, key: p.readKey });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().balances as { currency: string; available: number }[]).find((b) => b.currency === 'AZN')?.available ?? 0;
}

/** The member's wallet events in feed order, each checked against its published schema. */
async function walletEvents(memberId: string) {
  const { rows } = await t.pool.query<EventRow & { program_id: string }>(
    `SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events
      WHERE member_id = $1 AND type LIKE 'wallet.%' ORDER BY db_xid, seq`,
    [memberId],
  );
  return rows.map((row) => EventSchema.parse(toEventJson(row.program_id, row)) as { type: string; data: { transaction: { type: string; amount: { amount: number }; data: Record<string, unknown> }; wallet: { available: number } } });
}

describe('cashback settings', () => {
  it('requires a cashback percent on every tier when reward is cashback, with a pointer to each', async () => {
    const fixture = await createProgramFixture(t);
    const res = await t.call({ method: 'PATCH', url: '/v1/program', key: fixture.adminKey, payload: { settings: { reward: 'cashback' } } });
    const problem = expectProblem(res, 422, 'invalid_settings');
    expect(problem.errors!.map((e: { pointer: string }) => e.pointer)).toEqual([0, 1, 2, 3].map((i) => `/settings/tiers/${i}/cashback_percent`));
    const program = (await t.call({ method: 'GET', url: '/v1/program', key: fixture.readKey })).json();
    expect(program.settings.reward).toBe('points');
  });

  it('refuses cashback with a return window: cashback is spendable at once', async () => {
    const fixture = await createProgramFixture(t);
    const res = await t.call({ method: 'PATCH', url: '/v1/program', key: fixture.adminKey, payload: { settings: { ...CASHBACK_SETTINGS, pending_days: 14 } } });
    expect(expectProblem(res, 422, 'invalid_settings').errors).toEqual([expect.objectContaining({ pointer: '/settings/pending_days' })]);
  });

  it('refuses a percent with more than two decimals or above 100', async () => {
    const fixture = await createProgramFixture(t);
    for (const bad of [1.555, 101, -1]) {
      const tiers = CASHBACK_SETTINGS.tiers.map((tier, i) => (i === 1 ? { ...tier, cashback_percent: bad } : tier));
      const res = await t.call({ method: 'PATCH', url: '/v1/program', key: fixture.adminKey, payload: { settings: { reward: 'cashback', tiers } } });
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().errors)).toContain('/settings/tiers/1/cashback_percent');
    }
  });
});

describe('cashback purchases', () => {
  it('credits 1.5 % of 8.00 AZN = 0.12 AZN to the wallet, no points, in the one call, with wallet.credited', async () => {
    const m = await enroll(t, p.posKey);
    const body = await bought(m.id, 800);
    expect(body.purchase.points).toBe(0);
    expect(body.purchase.lot).toBeNull();
    expect(body.purchase.cashback).toEqual({
      amount: azn(12),
      percent: 1.5,
      tier_points: 64,
      lot_id: expect.stringMatching(/^wlt_/),
      transaction_id: expect.stringMatching(/^txn_/),
    });
    expect(await available(m.id)).toBe(12);
    expect((await balanceOf(t, p.posKey, m.id)).available).toBe(0);
    const events = await walletEvents(m.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'wallet.credited',
      data: { transaction: { type: 'wallet_credit', amount: { amount: 12 }, data: { reason: 'cashback', purchase_id: body.purchase.id, percent: 1.5 } }, wallet: { available: 12 } },
    });
    const { rows } = await t.pool.query('SELECT source, granted, remaining FROM wallet_lots WHERE member_id = $1', [m.id]);
    expect(rows).toEqual([{ source: 'cashback', granted: 12, remaining: 12 }]);
  });

  it('rounds down in minor units: 1.5 % of 8.60 AZN is 0.129, credited 0.12; under one minor unit credits nothing', async () => {
    const m = await enroll(t, p.posKey);
    expect((await bought(m.id, 860)).purchase.cashback.amount).toEqual(azn(12));
    const tiny = (await bought(m.id, 66)).purchase.cashback;
    expect(tiny).toMatchObject({ amount: azn(0), lot_id: null, transaction_id: null });
    expect(await available(m.id)).toBe(12);
  });

  it("pays the member's tier percent: the purchase that upgrades at its old tier's, the next at the new tier's", async () => {
    const m = await enroll(t, p.posKey);
    // 125.00 AZN would earn 1,000 points: silver's threshold. Its cashback is bronze's 1.5 % (1,875 -> 187).
    const upgrade = await bought(m.id, 12500);
    expect(upgrade.purchase.cashback).toMatchObject({ amount: azn(187), percent: 1.5, tier_points: 1000 });
    expect(upgrade.tier_change).toMatchObject({ from: 'bronze', to: 'silver' });
    const next = await bought(m.id, 800);
    expect(next.purchase.cashback).toMatchObject({ amount: azn(16), percent: 2 });
    expect(await available(m.id)).toBe(203);
  });

  it('pays cashback on the net amount after a discount, and leaves promotion points as points', async () => {
    await endPromotions(t, p.programId);
    const off = await post(t, p.adminKey, '/v1/promotions', { name: 'coats 10 off', effect: { type: 'percent_off', percent: 10 }, scope: { categories: ['coats'] } });
    expect(off.statusCode, off.body).toBe(201);
    const bonus = await post(t, p.adminKey, '/v1/promotions', { name: 'scarf bonus', effect: { type: 'points_bonus', points: 30 }, scope: { categories: ['scarves'] } });
    expect(bonus.statusCode, bonus.body).toBe(201);
    try {
      const m = await enroll(t, p.posKey);
      const body = await bought(m.id, 10000, {
        lines: [
          { sku: 'COAT', category: 'coats', quantity: 1, unit_price: 8000, amount: 8000 },
          { sku: 'SCARF', category: 'scarves', quantity: 1, unit_price: 2000, amount: 2000 },
        ],
      });
      // 100.00 AZN less 8.00 off the coat: 92.00 AZN net, 1.5 % = 1.38 AZN.
      expect(body.purchase.net_amount).toEqual(azn(9200));
      expect(body.purchase.cashback.amount).toEqual(azn(138));
      expect(body.purchase.points).toBe(30);
      expect((await balanceOf(t, p.posKey, m.id)).available).toBe(30);
      expect(await available(m.id)).toBe(138);
    } finally {
      await endPromotions(t, p.programId);
    }
  });

  it('replays an idempotent purchase without crediting twice, and refuses the same receipt again', async () => {
    const m = await enroll(t, p.posKey);
    const key = randomUUID();
    const receipt = nextReceipt();
    const first = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: receipt, amount: azn(800) }, key);
    const again = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: receipt, amount: azn(800) }, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    const other = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: receipt, amount: azn(800) });
    expect(other.statusCode).toBe(409);
    expect(await available(m.id)).toBe(12);
    expect(await walletEvents(m.id)).toHaveLength(1);
  });

  it('credits every one of parallel purchases exactly once', async () => {
    const m = await enroll(t, p.posKey);
    const send = () =>
      fetch(`${base}/v1/purchases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.posKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ member_id: m.id, receipt_id: nextReceipt(), amount: azn(800) }),
      }).then((r) => r.status);
    expect(await Promise.all(Array.from({ length: 8 }, send))).toEqual(Array(8).fill(201));
    expect(await available(m.id)).toBe(96);
    expect((await walletEvents(m.id)).filter((e) => e.type === 'wallet.credited')).toHaveLength(8);
  });

  it('spends cashback at the till through the wallet debit', async () => {
    const m = await enroll(t, p.posKey);
    await bought(m.id, 80000);
    const res = await post(t, p.posKey, `/v1/members/${m.id}/wallet/debits`, { amount: azn(1000), receipt_id: nextReceipt() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().wallet.available).toBe(200);
    const short = await post(t, p.posKey, `/v1/members/${m.id}/wallet/debits`, { amount: azn(201), receipt_id: nextReceipt() });
    expect(expectProblem(short, 422, 'insufficient_funds')).toMatchObject({ available: 200 });
  });

  it('leaves a points program exactly as it was: points, no cashback, no wallet', async () => {
    const m = await enroll(t, points.posKey);
    const res = await buy(m.id, 800, {}, undefined, points);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().purchase.points).toBe(64);
    expect(res.json().purchase).not.toHaveProperty('cashback');
    expect(await walletEvents(m.id)).toEqual([]);
  });
});

describe('cashback returns', () => {
  it('claws back in proportion: two halves add up to the whole, from the purchase lot, with wallet.debited', async () => {
    const m = await enroll(t, p.posKey);
    const purchase = (await bought(m.id, 1000)).purchase;
    expect(purchase.cashback.amount).toEqual(azn(15));
    const half = await returned(purchase.id, { amount: azn(500) });
    expect(half.cashback).toEqual({ amount: azn(7), clawed_from_purchase: 7, clawed_from_wallet: 0, forgiven: 0, transaction_id: expect.stringMatching(/^txn_/) });
    const rest = await returned(purchase.id, { amount: azn(500) });
    expect(rest.cashback).toMatchObject({ amount: azn(8), clawed_from_purchase: 8 });
    expect(await available(m.id)).toBe(0);
    const debits = (await walletEvents(m.id)).filter((e) => e.type === 'wallet.debited');
    expect(debits.map((e) => [e.data.transaction.amount.amount, e.data.transaction.data.reason])).toEqual([
      [7, 'cashback_return'],
      [8, 'cashback_return'],
    ]);
  });

  it('takes back the tier points of a returned purchase', async () => {
    const m = await enroll(t, p.posKey);
    const purchase = (await bought(m.id, 12500)).purchase;
    expect((await balanceOf(t, p.posKey, m.id)).tier).toMatchObject({ name: 'silver', qualifying_points: 1000 });
    await returned(purchase.id, { amount: azn(6250) });
    expect((await balanceOf(t, p.posKey, m.id)).tier).toMatchObject({ qualifying_points: 500 });
  });

  it('after the money was spent, takes what is left of the lot, then other wallet money, and forgives the rest', async () => {
    const m = await enroll(t, p.posKey);
    const first = (await bought(m.id, 800)).purchase; // 12
    const spent = await post(t, p.posKey, `/v1/members/${m.id}/wallet/debits`, { amount: azn(10), receipt_id: nextReceipt() });
    expect(spent.statusCode, spent.body).toBe(201);
    await bought(m.id, 200); // 3 more, in a lot of its own
    const ret = await returned(first.id, { amount: azn(800) });
    // The first lot has 0.02 left (the debit took the soonest-expiring money: the first lot), the second 0.03.
    expect(ret.cashback).toMatchObject({ amount: azn(12), clawed_from_purchase: 2, clawed_from_wallet: 3, forgiven: 7 });
    expect(await available(m.id)).toBe(0);
    const ret2 = await returned((await bought(m.id, 800)).purchase.id, { amount: azn(800) });
    expect(ret2.cashback).toMatchObject({ clawed_from_purchase: 12, forgiven: 0 });
  });

  it('forgives what a till hold reserved, and records no wallet transaction when nothing could be taken', async () => {
    const m = await enroll(t, p.posKey);
    const purchase = (await bought(m.id, 800)).purchase;
    const hold = await post(t, p.posKey, `/v1/members/${m.id}/wallet/holds`, { amount: azn(12) });
    expect(hold.statusCode, hold.body).toBe(201);
    const ret = await returned(purchase.id, { amount: azn(800) });
    expect(ret.cashback).toEqual({ amount: azn(12), clawed_from_purchase: 0, clawed_from_wallet: 0, forgiven: 12, transaction_id: null });
    const replay = await post(t, p.posKey, `/v1/purchases/${purchase.id}/returns`, { receipt_id: nextReceipt('RR'), amount: azn(1) });
    expectProblem(replay, 422, 'return_exceeds_purchase');
  });

  it('claws back a purchase made before the program switched to cashback in points, and one made after in money', async () => {
    const fixture = await createProgramFixture(t);
    const m = await enroll(t, fixture.posKey);
    const before = await buy(m.id, 800, {}, undefined, fixture);
    expect(before.statusCode, before.body).toBe(201);
    const sw = await t.call({ method: 'PATCH', url: '/v1/program', key: fixture.adminKey, payload: { settings: CASHBACK_SETTINGS } });
    expect(sw.statusCode, sw.body).toBe(200);
    const after = await buy(m.id, 800, {}, undefined, fixture);
    expect(after.json().purchase.cashback.amount).toEqual(azn(12));
    const r1 = await post(t, fixture.posKey, `/v1/purchases/${before.json().purchase.id}/returns`, { receipt_id: nextReceipt('RR'), amount: azn(800) });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json().return.points).toBe(64);
    expect(r1.json().return).not.toHaveProperty('cashback');
    const r2 = await post(t, fixture.posKey, `/v1/purchases/${after.json().purchase.id}/returns`, { receipt_id: nextReceipt('RR'), amount: azn(800) });
    expect(r2.json().return).toMatchObject({ points: 0, cashback: { amount: azn(12), clawed_from_purchase: 12 } });
    await expectTrialBalanceOk(t, fixture.adminKey);
  });
});
