import { endPromotions, memberEvents } from '../helpers/promotions.ts';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { enroll, type ProgramFixture } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, nextReceipt, post, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { EventSchema } from '../../src/events/schemas.ts';

/**
 * Returns re-evaluate a purchase's promotions (design/incentives.md "Quote, then commit"): the member keeps only what
 * the remaining lines still qualify for. A threshold coupon issued by a purchase now under the threshold is revoked if
 * unused, or its value clawed back if used; a bonus that needed the returned lines is clawed back whole.
 */

const START = new Date('2026-03-02T08:00:00Z');
let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
});

const LINES = [
  { sku: 'COAT', category: 'coats', quantity: 1, unit_price: 8000, amount: 8000 },
  { sku: 'SCARF', category: 'scarves', quantity: 1, unit_price: 2001, amount: 2001 },
];

async function thresholdCoupon() {
  await endPromotions(t, p.programId);
  const res = await post(t, p.adminKey, '/v1/promotions/presets/threshold_coupon', {
    threshold: { amount: 10000, currency: 'AZN' },
    reward: { amount: 1000, currency: 'AZN' },
    valid_days: 30,
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function buy(memberId: string, body: Record<string, unknown>) {
  const res = await post(t, p.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().purchase;
}

function returnOf(purchaseId: string, body: Record<string, unknown>) {
  return post(t, p.posKey, `/v1/purchases/${purchaseId}/returns`, { receipt_id: nextReceipt('RR'), ...body });
}

async function codeRow(code: string) {
  const { rows } = await t.pool.query('SELECT uses, revoked_at FROM promo_codes WHERE program_id = $1 AND code = $2', [p.programId, code]);
  return rows[0];
}

describe('returns re-evaluate promotions', () => {
  it('revokes an unused threshold coupon when a return takes the purchase under the threshold', async () => {
    await thresholdCoupon();
    const m = await enroll(t, p.posKey);
    const purchase = await buy(m.id, { amount: { amount: 10001, currency: 'AZN' }, lines: LINES });
    const [issued] = purchase.issued_codes;
    expect(issued).toBeDefined();

    const res = await returnOf(purchase.id, { lines: [{ sku: 'SCARF', quantity: 1 }] });
    expect(res.statusCode, res.body).toBe(201);
    const [revoked] = res.json().return.promotions_revoked;
    expect(revoked).toMatchObject({ issued_code: issued.code, code_revoked: true, code_value_points: 0 });
    expect((await codeRow(issued.code)).revoked_at).not.toBeNull();
    const [event] = await memberEvents(t, m.id, 'promotion.revoked');
    expect(EventSchema.parse(event)).toMatchObject({ data: { purchase_id: purchase.id, code_revoked: true } });

    const use = await post(t, p.posKey, '/v1/purchases', {
      member_id: m.id,
      receipt_id: nextReceipt(),
      amount: { amount: 5000, currency: 'AZN' },
      promo_codes: [{ code: issued.code }],
    });
    expect(use.statusCode, use.body).toBe(422);
    expect(use.json().code).toBe('promo_code_invalid');
    await expectTrialBalanceOk(t, p.adminKey);
  });

  it('keeps the coupon when what remains still qualifies, and claws back a used coupon\'s value in points', async () => {
    await thresholdCoupon();
    const m = await enroll(t, p.posKey);
    const big = await buy(m.id, { amount: { amount: 20002, currency: 'AZN' }, lines: [{ ...LINES[0], quantity: 2, amount: 16000 }, { ...LINES[1], quantity: 2, amount: 4002 }] });
    const code = big.issued_codes[0].code as string;

    // One coat back: 120.02 AZN remain, still over 100.00: nothing is revoked.
    const kept = await returnOf(big.id, { lines: [{ sku: 'COAT', quantity: 1 }] });
    expect(kept.statusCode, kept.body).toBe(201);
    expect(kept.json().return).not.toHaveProperty('promotions_revoked');

    const next = await buy(m.id, { amount: { amount: 5000, currency: 'AZN' }, promo_codes: [{ code }] });
    expect(next.discount.amount).toBe(1000);
    const before = await balanceOf(t, p.posKey, m.id);

    // The second coat back: 40.02 AZN remain. The coupon was used: its 10.00 AZN come back as 1,000 points (a point is
    // worth 0.01 AZN by default), on top of the coat's proportional share.
    const res = await returnOf(big.id, { lines: [{ sku: 'COAT', quantity: 1 }] });
    expect(res.statusCode, res.body).toBe(201);
    const ret = res.json().return;
    expect(ret.promotions_revoked).toEqual([expect.objectContaining({ issued_code: code, code_revoked: false, code_value_points: 1000 })]);
    // The big purchase earned 1,600 points (200.02 AZN x 8, rounded down); each coat is 80.00 of 200.02 of it.
    const share = Math.floor((1600 * 16000) / 20002) - Math.floor((1600 * 8000) / 20002);
    expect(ret.points).toBe(share + 1000);
    const after = await balanceOf(t, p.posKey, m.id);
    expect(before.available + before.pending - (after.available + after.pending) + after.debt - before.debt).toBe(share + 1000);
    expect((await codeRow(code)).uses).toBe(1);
    await expectTrialBalanceOk(t, p.adminKey);
  });

  it('claws back a bonus whole when the lines it needed are returned, and gives the member the use back', async () => {
    await endPromotions(t, p.programId);
    const res = await post(t, p.adminKey, '/v1/promotions', {
      name: 'scarf bonus',
      effect: { type: 'points_bonus', points: 300 },
      scope: { categories: ['scarves'] },
      limits: { per_member: 1 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const m = await enroll(t, p.posKey);
    const purchase = await buy(m.id, { amount: { amount: 10001, currency: 'AZN' }, lines: LINES });
    expect(purchase.promotions.extra_points).toBe(300);
    expect(purchase.points).toBe(800 + 300);

    const ret = await returnOf(purchase.id, { lines: [{ sku: 'SCARF', quantity: 1 }] });
    expect(ret.statusCode, ret.body).toBe(201);
    // The scarf's share of the 800 points, and the 300 bonus whole.
    expect(ret.json().return.points).toBe(300 + (Math.floor(((1100 - 300) * 2001) / 10001)));
    const again = await buy(m.id, { amount: { amount: 2001, currency: 'AZN' }, lines: [LINES[1]] });
    expect(again.promotions.extra_points).toBe(300);
    // A full return of the first purchase now claws back exactly what is left of it: never more than it earned.
    const rest = await returnOf(purchase.id, { lines: [{ sku: 'COAT', quantity: 1 }] });
    expect(rest.statusCode, rest.body).toBe(201);
    const { rows } = await t.pool.query('SELECT points::int, returned_points::int FROM purchases WHERE id = $1', [purchase.id]);
    expect(rows[0]).toEqual({ points: 1100, returned_points: 1100 });
    await expectTrialBalanceOk(t, p.adminKey);
    expect(randomUUID()).toBeTruthy();
  });
});
