import { describe, expect, it } from 'vitest';
import { createProgramFixture, enroll, type ProgramFixture } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, nextReceipt, post, purchase, redeem, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';

const DAY = 86_400_000;
const START = new Date('2026-03-01T10:00:00Z');

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
});

describe('purchases (earn)', () => {
  it('should convert money at the program rate, rounding down, in minor units', async () => {
    const m = await enroll(t, p.posKey);
    const body = await purchase(t, p.posKey, m.id, 10050); // 100.50 AZN x 8 = 804
    expect(body.purchase.points).toBe(804);
    expect(body.transaction).toMatchObject({ type: 'earn', points: 804 });
    expect(body.balance).toMatchObject({ available: 804, pending: 0 });
    const usd = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 199, currency: 'USD' } });
    expect(usd.json().purchase.points).toBe(23); // 1.99 x 12 = 23.88 -> 23
  });

  it('should refuse an unknown currency with 422 unsupported_currency', async () => {
    const m = await enroll(t, p.posKey);
    const res = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 100, currency: 'CHF' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unsupported_currency', currency: 'CHF' });
  });

  it('should refuse a receipt_id already recorded in the program with 409', async () => {
    const m = await enroll(t, p.posKey);
    const receipt = nextReceipt();
    const first = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: receipt, amount: { amount: 1250, currency: 'AZN' } });
    expect(first.statusCode).toBe(201);
    const again = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: receipt, amount: { amount: 1250, currency: 'AZN' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'duplicate_receipt', purchase_id: first.json().purchase.id });
    expect((await balanceOf(t, p.posKey, m.id)).available).toBe(100);
  });

  it('should require an Idempotency-Key', async () => {
    const m = await enroll(t, p.posKey);
    const res = await t.call({ method: 'POST', url: '/v1/purchases', key: p.posKey, payload: { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 100, currency: 'AZN' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ pointer: '/idempotency-key', location: 'header' })]);
  });

  it("should answer 404 for a member of another program", async () => {
    const other = await createProgramFixture(t);
    const m = await enroll(t, other.posKey);
    const res = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 100, currency: 'AZN' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('member_not_found');
    await expectTrialBalanceOk(t, other.adminKey);
  });

  it('should refuse earning for a blocked member with 423 member_blocked, while reads still work', async () => {
    const m = await enroll(t, p.posKey);
    await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: p.posKey, payload: { status: 'blocked', status_reason: 'fraud check' } });
    const res = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 100, currency: 'AZN' } });
    expect(res.statusCode).toBe(423);
    expect(res.json().code).toBe('member_blocked');
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(0);
  });
});

describe('redemptions', () => {
  it('should spend lots soonest expiry first across three lots', async () => {
    const m = await enroll(t, p.posKey);
    // Three purchases a month apart: lots expire a month apart, oldest first.
    const lots: string[] = [];
    for (let i = 0; i < 3; i++) {
      lots.push((await purchase(t, p.posKey, m.id, 1250)).purchase.lot.id);
      t.clock.advance(30 * DAY);
    }
    const res = await redeem(t, p.posKey, m.id, 150);
    expect(res.statusCode, res.body).toBe(201);
    const history = await t.call({ method: 'GET', url: `/v1/members/${m.id}/transactions?type=redeem`, key: p.readKey });
    const drawn = history.json().data[0].lots;
    expect(drawn).toEqual([
      expect.objectContaining({ lot_id: lots[0], points: -100 }),
      expect.objectContaining({ lot_id: lots[1], points: -50 }),
    ]);
  });

  it('should answer 422 insufficient_points with the available figure', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    const res = await redeem(t, p.posKey, m.id, 101);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'insufficient_points', available: 100, requested: 101 });
  });

  it('should never spend a lot at or after its expires_at, and expire it exactly at the boundary', async () => {
    const m = await enroll(t, p.posKey);
    const { purchase: pur } = await purchase(t, p.posKey, m.id, 1250);
    const expiresAt = new Date(pur.lot.expires_at);
    expect(expiresAt.toISOString()).toBe('2027-03-01T10:00:00.000Z'); // 12 months after it became spendable

    t.clock.set(new Date(expiresAt.getTime() - 1));
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(100);

    t.clock.set(expiresAt);
    const res = await redeem(t, p.posKey, m.id, 1);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'insufficient_points', available: 0 });
    const balance = await balanceOf(t, p.readKey, m.id);
    expect(balance).toMatchObject({ available: 0, lifetime: { earned: 100, expired: 100, redeemed: 0 } });
  });

  it('should show points expiring within 30 days grouped by date', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    await purchase(t, p.posKey, m.id, 2500);
    t.clock.set(new Date('2027-02-10T00:00:00Z'));
    const balance = await balanceOf(t, p.readKey, m.id);
    // Asia/Baku is UTC+4: 10:00Z is 14:00 local on 1 March.
    expect(balance.expiring).toEqual([{ date: '2027-03-01', points: 300 }]);
  });
});

describe('pending points', () => {
  it('should keep points pending through the return window and make them spendable when matured', async () => {
    const program = await createProgramFixture(t, { pending_days: 14 });
    const m = await enroll(t, program.posKey);
    const body = await purchase(t, program.posKey, m.id, 1250);
    expect(body.balance).toMatchObject({ available: 0, pending: 100 });
    expect((await redeem(t, program.posKey, m.id, 1)).json().code).toBe('insufficient_points');

    t.clock.advance(14 * DAY - 1);
    const job = await post(t, program.adminKey, '/v1/jobs/mature/run', { as_of: t.clock.now().toISOString() });
    expect(job.json()).toMatchObject({ members: 0, points_matured: 0 });

    t.clock.advance(1);
    const matured = await post(t, program.adminKey, '/v1/jobs/mature/run', { as_of: t.clock.now().toISOString() });
    expect(matured.json()).toMatchObject({ members: 1, points_matured: 100 });
    const rerun = await post(t, program.adminKey, '/v1/jobs/mature/run', { as_of: t.clock.now().toISOString() });
    expect(rerun.json()).toMatchObject({ members: 0, points_matured: 0 });
    expect(await balanceOf(t, program.readKey, m.id)).toMatchObject({ available: 100, pending: 0 });
    expect((await redeem(t, program.posKey, m.id, 100)).statusCode).toBe(201);
    await expectTrialBalanceOk(t, program.adminKey);
  });
});

describe('returns', () => {
  it('should claw back in proportion over several partial returns and refuse more than was bought', async () => {
    const m = await enroll(t, p.posKey);
    const { purchase: pur } = await purchase(t, p.posKey, m.id, 10050); // 804 points
    const first = await post(t, p.posKey, `/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 3333, currency: 'AZN' } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().return.points).toBe(266); // floor(804 * 3333 / 10050)
    const rest = await post(t, p.posKey, `/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 6717, currency: 'AZN' } });
    expect(rest.json().return.points).toBe(804 - 266);
    expect(rest.json().balance.available).toBe(0);
    const tooMuch = await post(t, p.posKey, `/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 1, currency: 'AZN' } });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json()).toMatchObject({ code: 'return_exceeds_purchase', returnable: { amount: 0, currency: 'AZN' } });
    const card = await t.call({ method: 'GET', url: `/v1/members/${m.id}`, key: p.readKey });
    expect(card.json()).toMatchObject({ purchase_count: 1, return_count: 2, total_spent: [{ amount: 0, currency: 'AZN' }] });
  });

  it('earn 100, redeem 80, return all: the debt policy leaves a debt that later earnings pay first', async () => {
    const m = await enroll(t, p.posKey);
    const { purchase: pur } = await purchase(t, p.posKey, m.id, 1250);
    expect((await redeem(t, p.posKey, m.id, 80)).statusCode).toBe(201);
    const ret = await post(t, p.posKey, `/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 1250, currency: 'AZN' } });
    expect(ret.json().return).toMatchObject({ points: 100, clawed_from_purchase: 20, clawed_from_balance: 0, debt: 80, forgiven: 0 });
    expect(ret.json().balance).toMatchObject({ available: 0, debt: 80 });

    const next = await purchase(t, p.posKey, m.id, 1250);
    expect(next.purchase.debt_paid).toBe(80);
    expect(next.balance).toMatchObject({ available: 20, debt: 0 });
  });

  it('earn 100, redeem 80, return all, reverse the redemption: the reversed points pay the debt, not the member', async () => {
    const m = await enroll(t, p.posKey);
    const { purchase: pur } = await purchase(t, p.posKey, m.id, 1250);
    const red = (await redeem(t, p.posKey, m.id, 80)).json().redemption;
    await post(t, p.posKey, `/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 1250, currency: 'AZN' } });
    const rev = await post(t, p.posKey, `/v1/redemptions/${red.id}/reversal`, {});
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json().balance).toMatchObject({ available: 0, debt: 0 });
    const history = await t.call({ method: 'GET', url: `/v1/members/${m.id}/transactions?type=debt_payment`, key: p.readKey });
    expect(history.json().data).toEqual([expect.objectContaining({ type: 'debt_payment', points: 80 })]);
  });

  it('an admin credit to a member in debt pays the debt first', async () => {
    const m = await enroll(t, p.posKey);
    const { purchase: pur } = await purchase(t, p.posKey, m.id, 1250);
    await redeem(t, p.posKey, m.id, 80);
    await post(t, p.posKey, `/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 1250, currency: 'AZN' } });
    const credit = await post(t, p.adminKey, '/v1/adjustments', { member_id: m.id, points: 50, reason: 'goodwill' });
    expect(credit.json().balance).toMatchObject({ available: 0, debt: 30 });
    expect(credit.json().transaction.data).toMatchObject({ debt_paid: 50, lot_id: null });
  });

  it('earn 100, redeem 80, return all: the clamp policy claws back only what is there', async () => {
    const program = await createProgramFixture(t, { return_policy: 'clamp' });
    const m = await enroll(t, program.posKey);
    const { purchase: pur } = await purchase(t, program.posKey, m.id, 1250);
    await redeem(t, program.posKey, m.id, 80);
    const ret = await post(t, program.posKey, `/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 1250, currency: 'AZN' } });
    expect(ret.json().return).toMatchObject({ points: 100, clawed_from_purchase: 20, debt: 0, forgiven: 80 });
    expect(ret.json().balance).toMatchObject({ available: 0, debt: 0 });
    await expectTrialBalanceOk(t, program.adminKey);
  });

  it('should claw back from the rest of the balance when the purchase lot is spent', async () => {
    const m = await enroll(t, p.posKey);
    const { purchase: first } = await purchase(t, p.posKey, m.id, 1250);
    t.clock.advance(DAY);
    await purchase(t, p.posKey, m.id, 1250);
    await redeem(t, p.posKey, m.id, 100); // drains the first (soonest-expiring) lot
    const ret = await post(t, p.posKey, `/v1/purchases/${first.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 1250, currency: 'AZN' } });
    expect(ret.json().return).toMatchObject({ clawed_from_purchase: 0, clawed_from_balance: 100, debt: 0 });
    expect(ret.json().balance.available).toBe(0);
  });

  it('should refuse a return in another currency', async () => {
    const m = await enroll(t, p.posKey);
    const { purchase: pur } = await purchase(t, p.posKey, m.id, 1250);
    const res = await post(t, p.posKey, `/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 100, currency: 'USD' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('currency_mismatch');
  });
});

describe('reversals', () => {
  it('should put points back into the lots they came from with their original expiry', async () => {
    const m = await enroll(t, p.posKey);
    const { purchase: pur } = await purchase(t, p.posKey, m.id, 1250);
    const red = (await redeem(t, p.posKey, m.id, 60)).json();
    const rev = await post(t, p.posKey, `/v1/redemptions/${red.redemption.id}/reversal`, { points: 40 });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json().reversal).toMatchObject({ points: 40, remaining_reversible: 20 });
    const history = await t.call({ method: 'GET', url: `/v1/members/${m.id}/transactions?type=reversal`, key: p.readKey });
    expect(history.json().data[0].lots).toEqual([{ lot_id: pur.lot.id, points: 40, expires_at: pur.lot.expires_at }]);
    const more = await post(t, p.posKey, `/v1/redemptions/${red.redemption.id}/reversal`, { points: 21 });
    expect(more.statusCode).toBe(422);
    expect(more.json()).toMatchObject({ code: 'reversal_exceeds_redemption', reversible: 20 });
  });

  it('should expire at once points given back to a lot that has expired meanwhile', async () => {
    const m = await enroll(t, p.posKey);
    const { purchase: pur } = await purchase(t, p.posKey, m.id, 1250);
    const red = (await redeem(t, p.posKey, m.id, 100)).json();
    t.clock.set(new Date(new Date(pur.lot.expires_at).getTime() + DAY));
    const rev = await post(t, p.posKey, `/v1/redemptions/${red.redemption.id}/reversal`, {});
    expect(rev.statusCode).toBe(201);
    expect(rev.json().balance).toMatchObject({ available: 0, lifetime: { redeemed: 0, expired: 100 } });
  });
});

describe('holds', () => {
  it('should hold, then capture part and release the rest', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    const hold = await post(t, p.posKey, '/v1/holds', { member_id: m.id, points: 70 });
    expect(hold.json().balance).toMatchObject({ available: 30, held: 70 });
    const capture = await post(t, p.posKey, `/v1/holds/${hold.json().hold.id}/capture`, { points: 50 });
    expect(capture.statusCode, capture.body).toBe(201);
    expect(capture.json().hold).toMatchObject({ status: 'captured', captured: 50 });
    expect(capture.json().balance).toMatchObject({ available: 50, held: 0, lifetime: { redeemed: 50 } });
    const again = await post(t, p.posKey, `/v1/holds/${hold.json().hold.id}/capture`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('hold_captured');
  });

  it('should void a hold and refuse to capture it afterwards', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    const hold = (await post(t, p.posKey, '/v1/holds', { member_id: m.id, points: 100 })).json().hold;
    const voided = await post(t, p.posKey, `/v1/holds/${hold.id}/void`, {});
    expect(voided.json().balance).toMatchObject({ available: 100, held: 0 });
    const capture = await post(t, p.posKey, `/v1/holds/${hold.id}/capture`, {});
    expect(capture.statusCode).toBe(409);
    expect(capture.json().code).toBe('hold_voided');
  });

  it('should release an uncaptured hold at its expiry through the expire-holds job, then refuse capture', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    const hold = (await post(t, p.posKey, '/v1/holds', { member_id: m.id, points: 40 })).json().hold;
    expect(new Date(hold.expires_at).getTime() - START.getTime()).toBe(30 * 60_000); // hold_ttl_minutes default
    t.clock.set(new Date(hold.expires_at));
    const job = await post(t, p.adminKey, '/v1/jobs/expire-holds/run', { allow_future: true, as_of: hold.expires_at });
    expect(job.json()).toMatchObject({ members: 1, holds_expired: 1 });
    expect(await balanceOf(t, p.readKey, m.id)).toMatchObject({ available: 100, held: 0 });
    const capture = await post(t, p.posKey, `/v1/holds/${hold.id}/capture`, {});
    expect(capture.statusCode).toBe(409);
    expect(capture.json().code).toBe('hold_expired');
  });
});

describe('adjustments', () => {
  it('should credit and debit with a mandatory reason, admin only', async () => {
    const m = await enroll(t, p.posKey);
    const noReason = await post(t, p.adminKey, '/v1/adjustments', { member_id: m.id, points: 10 });
    expect(noReason.statusCode).toBe(400);
    const byPos = await post(t, p.posKey, '/v1/adjustments', { member_id: m.id, points: 10, reason: 'x' });
    expect(byPos.statusCode).toBe(403);
    const credit = await post(t, p.adminKey, '/v1/adjustments', { member_id: m.id, points: 150, reason: 'goodwill' });
    expect(credit.json().balance.available).toBe(150);
    const debit = await post(t, p.adminKey, '/v1/adjustments', { member_id: m.id, points: -50, reason: 'correction' });
    expect(debit.json().balance.available).toBe(100);
    const tooMuch = await post(t, p.adminKey, '/v1/adjustments', { member_id: m.id, points: -101, reason: 'correction' });
    expect(tooMuch.json().code).toBe('insufficient_points');
  });
});

describe('history and statement', () => {
  it('should page transactions newest first and filter by type', async () => {
    const m = await enroll(t, p.posKey);
    for (let i = 0; i < 5; i++) await purchase(t, p.posKey, m.id, 1250);
    await redeem(t, p.posKey, m.id, 10);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await t.call({ method: 'GET', url: `/v1/members/${m.id}/transactions${query}`, key: p.readKey });
      seen.push(...page.json().data.map((d: { version: number }) => d.version));
      cursor = page.json().next_cursor;
    } while (cursor);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1]);
    const earns = await t.call({ method: 'GET', url: `/v1/members/${m.id}/transactions?type=earn`, key: p.readKey });
    expect(earns.json().data).toHaveLength(5);
    expect(earns.json().data[0].entries).toEqual([
      { account: 'available', amount: 100 },
      { account: 'issued', amount: -100 },
    ]);
  });

  it('should give opening + movements = closing', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    t.clock.advance(DAY);
    const from = t.clock.now();
    await purchase(t, p.posKey, m.id, 2500);
    await redeem(t, p.posKey, m.id, 30);
    await post(t, p.posKey, '/v1/holds', { member_id: m.id, points: 20 });
    t.clock.advance(10 * 60_000); // within the hold's 30 minutes
    const res = await t.call({ method: 'GET', url: `/v1/members/${m.id}/statement?from=${from.toISOString()}`, key: p.readKey });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.opening).toEqual({ available: 100, pending: 0, held: 0, debt: 0 });
    expect(s.movements.map((mv: { type: string }) => mv.type)).toEqual(['earn', 'redeem', 'hold']);
    expect(s.closing).toEqual({ available: 250, pending: 0, held: 20, debt: 0 });
    const balance = await balanceOf(t, p.readKey, m.id);
    expect({ available: balance.available, held: balance.held }).toEqual({ available: s.closing.available, held: s.closing.held });
  });
});

describe('idempotency and keys', () => {
  it('should scope an Idempotency-Key by member: another member\'s write with it is its own, and each replays', async () => {
    const a = await enroll(t, p.posKey);
    const b = await enroll(t, p.posKey);
    await purchase(t, p.posKey, a.id, 1250);
    await purchase(t, p.posKey, b.id, 1250);
    const first = await post(t, p.posKey, '/v1/redemptions', { member_id: a.id, points: 10 }, 'shared-key-1');
    const second = await post(t, p.posKey, '/v1/redemptions', { member_id: b.id, points: 10 }, 'shared-key-1');
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    const replay = await post(t, p.posKey, '/v1/redemptions', { member_id: a.id, points: 10 }, 'shared-key-1');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    const otherReplay = await post(t, p.posKey, '/v1/redemptions', { member_id: b.id, points: 10 }, 'shared-key-1');
    expect(otherReplay.body).toBe(second.body);
    expect((await balanceOf(t, p.readKey, a.id)).available).toBe(90);
    expect((await balanceOf(t, p.readKey, b.id)).available).toBe(90);
  });

  it('should still refuse one Idempotency-Key reused for another request of the same member with 422', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    await post(t, p.posKey, '/v1/redemptions', { member_id: m.id, points: 10 }, 'same-member-key');
    const other = await post(t, p.posKey, '/v1/redemptions', { member_id: m.id, points: 20 }, 'same-member-key');
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(90);
  });

  it('should replay a refusal too, so a retry never applies later', async () => {
    const m = await enroll(t, p.posKey);
    const refused = await post(t, p.posKey, '/v1/redemptions', { member_id: m.id, points: 10 }, 'refused-key-1');
    expect(refused.json().code).toBe('insufficient_points');
    await purchase(t, p.posKey, m.id, 1250);
    const retry = await post(t, p.posKey, '/v1/redemptions', { member_id: m.id, points: 10 }, 'refused-key-1');
    expect(retry.statusCode).toBe(422);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(100);
  });

  it('should refuse a revoked key at once on ledger writes and balance reads', async () => {
    const m = await enroll(t, p.posKey);
    const issued = await t.call({ method: 'POST', url: '/v1/api-keys', key: p.adminKey, payload: { role: 'pos' } });
    const till = issued.json();
    expect((await balanceOf(t, till.secret, m.id)).available).toBe(0); // the key is now known to the cache
    await purchase(t, till.secret, m.id, 1250);
    await t.call({ method: 'DELETE', url: `/v1/api-keys/${till.id}`, key: p.adminKey });
    const write = await post(t, till.secret, '/v1/redemptions', { member_id: m.id, points: 1 });
    expect(write.statusCode).toBe(401);
    const read = await t.call({ method: 'GET', url: `/v1/members/${m.id}/balance`, key: till.secret });
    expect(read.statusCode).toBe(401);
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(100);
  });
});

describe('append-only ledger', () => {
  it('should reject UPDATE and DELETE on ledger tables', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    expect((await redeem(t, p.posKey, m.id, 10)).statusCode).toBe(201); // so every table has a row of this member
    for (const table of ['ledger_transactions', 'ledger_entries', 'lot_allocations']) {
      await expect(t.pool.query(`UPDATE ${table} SET member_id = member_id WHERE member_id = $1`, [m.id])).rejects.toThrow(/append-only/);
      await expect(t.pool.query(`DELETE FROM ${table} WHERE member_id = $1`, [m.id])).rejects.toThrow(/append-only/);
    }
  });
});
