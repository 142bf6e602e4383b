import { endPromotions } from '../helpers/promotions.ts';
import { describe, expect, it } from 'vitest';
import { enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';

/**
 * The presets (design/incentives.md "Promotions") at their edges, through the API: each creates ordinary promotions,
 * and each boundary the contract names is bought or quoted on both sides. Tier discounts are ordinary promotions with
 * a tier condition. The program is in Asia/Baku (UTC+4, no daylight saving): local midnight is 20:00 UTC.
 */

const START = new Date('2026-03-02T08:00:00Z'); // Monday 2026-03-02, 12:00 in Baku
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
});

const LINES = [
  { sku: 'TEA-1', category: 'tea', quantity: 2, unit_price: 2500, amount: 5000 },
  { sku: 'CUP-2', category: 'cups', quantity: 1, unit_price: 5000, amount: 5000 },
];
const AZN100 = { amount: { amount: 10000, currency: 'AZN' }, lines: LINES };

type Applied = { promotion_id: string; effect_type: string; discount: number; points: number };
type Rejected = { promotion_id: string; reason: string };

const at = (ms: number) => t.clock.set(new Date(START.getTime() + ms));

async function preset(name: string, params: Record<string, unknown> = {}): Promise<{ id: string; preset: string; effect: { type: string } }[]> {
  await endPromotions(t, p.programId);
  const res = await post(t, p.adminKey, `/v1/promotions/presets/${name}`, params);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().promotions;
}

async function buy(memberId: string, body: Record<string, unknown> = AZN100) {
  const res = await post(t, p.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().purchase;
}

async function quote(memberId: string, body: Record<string, unknown> = AZN100) {
  const res = await t.call({ method: 'POST', url: '/v1/purchases/quote', key: p.posKey, payload: { member_id: memberId, ...body } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { discount: { amount: number }; points: { base: number; extra: number; total: number }; applied: Applied[]; rejected: Rejected[] };
}

const reasonOf = (q: { rejected: Rejected[] }, id: string) => q.rejected.find((r) => r.promotion_id === id)?.reason ?? null;
const appliedIds = (x: { applied: Applied[] }) => x.applied.map((a) => a.promotion_id);
const login = async (memberId: string) => expect((await post(t, p.posKey, `/v1/members/${memberId}/activities`, { type: 'login' })).statusCode).toBe(201);

describe('first_purchase preset: 20 % off the first purchase within 24 h of enrolment', () => {
  it('applies up to 24 h after enrolment inclusive, not a second later', async () => {
    const [promo] = await preset('first_purchase');
    const m = await enroll(t, p.posKey);

    at(24 * HOUR - 60_000);
    expect(await quote(m.id)).toMatchObject({ discount: { amount: 2000 }, applied: [{ promotion_id: promo!.id, effect_type: 'percent_off', discount: 2000 }] });
    at(24 * HOUR);
    expect((await quote(m.id)).discount.amount).toBe(2000);
    at(24 * HOUR + 1000);
    const late = await quote(m.id);
    expect(late.discount.amount).toBe(0);
    expect(reasonOf(late, promo!.id)).toBe('enrolment_window');
  });

  it('applies to the first purchase only, once: a second one within the 24 h is not_first_purchase', async () => {
    const [promo] = await preset('first_purchase');
    const m = await enroll(t, p.posKey);

    at(23 * HOUR + 59 * 60_000);
    const first = await buy(m.id);
    expect(first.discount).toEqual({ amount: 2000, currency: 'AZN' });
    expect(appliedIds(first.promotions)).toEqual([promo!.id]);
    // Points on the net amount: 80.00 AZN at 8 points per AZN.
    expect(first.points).toBe(640);

    at(23 * HOUR + 59 * 60_000 + 30_000);
    const second = await buy(m.id);
    expect(second.discount?.amount ?? 0).toBe(0);
    expect(reasonOf(await quote(m.id), promo!.id)).toBe('not_first_purchase');
  });
});

describe('threshold_coupon preset: over 100 USD issues a 10 USD code for the next purchase', () => {
  const usd = { threshold: { amount: 10000, currency: 'USD' }, reward: { amount: 1000, currency: 'USD' } };
  const inCurrency = (amount: number, currency: string) => ({ amount: { amount, currency }, lines: [{ sku: 'COAT', category: 'coats', quantity: 1, unit_price: amount, amount }] });

  it('issues nothing at 100.00 USD and one code at 100.01, which works on the next purchase only, once', async () => {
    const [reward, trigger] = await preset('threshold_coupon', usd);
    expect([reward!.effect.type, trigger!.effect.type]).toEqual(['amount_off', 'issue_code']);
    const m = await enroll(t, p.posKey);

    const exact = await buy(m.id, inCurrency(10000, 'USD'));
    expect(exact.issued_codes).toEqual([]);
    const over = await buy(m.id, inCurrency(10001, 'USD'));
    expect(over.issued_codes).toHaveLength(1);
    expect(over.issued_codes[0]).toMatchObject({ member_id: m.id, promotion_id: reward!.id, max_uses: 1, issued_by_purchase: over.id });
    // The purchase that issues the code does not use it.
    expect(over.discount?.amount ?? 0).toBe(0);
    expect(appliedIds(over.promotions)).toEqual([trigger!.id]);

    const code = over.issued_codes[0].code as string;
    const next = await buy(m.id, { ...inCurrency(5000, 'USD'), promo_codes: [{ code }] });
    expect(next.discount).toEqual({ amount: 1000, currency: 'USD' });
    expect(next.issued_codes).toEqual([]);
    const again = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), ...inCurrency(5000, 'USD'), promo_codes: [{ code }] });
    expect(again.statusCode, again.body).toBe(422);
    expect(again.json().code).toBe('promo_code_invalid');
  });

  it('compares a purchase in another currency at the exact converted threshold: 80.00 GBP (= 100.00 USD) none, 80.01 one', async () => {
    // Default rates: 12 points per USD, 15 per GBP, so 1 USD = 0.80 GBP and 100.01 USD = 80.008 GBP.
    const [, trigger] = await preset('threshold_coupon', usd);
    const m = await enroll(t, p.posKey);

    const exact = await quote(m.id, inCurrency(8000, 'GBP'));
    expect(reasonOf(exact, trigger!.id)).toBe('min_amount');
    expect((await buy(m.id, inCurrency(8000, 'GBP'))).issued_codes).toEqual([]);
    expect((await buy(m.id, inCurrency(8001, 'GBP'))).issued_codes).toHaveLength(1);
  });

  it('converts the other way too: 150.01 AZN is less than 100.01 USD, 150.02 AZN is more', async () => {
    // 8 points per AZN: 1 USD = 1.50 AZN, 100.01 USD = 150.015 AZN.
    const [, trigger] = await preset('threshold_coupon', usd);
    const m = await enroll(t, p.posKey);
    expect(reasonOf(await quote(m.id, inCurrency(15001, 'AZN')), trigger!.id)).toBe('min_amount');
    expect((await buy(m.id, inCurrency(15002, 'AZN'))).issued_codes).toHaveLength(1);
  });
});

describe('repeat_buyer preset: more than 2 purchases in 3 months issues a 20 % code, once per window', () => {
  it('issues the code on the third purchase in the window, and not on a fourth in the same quarter', async () => {
    const [reward, trigger] = await preset('repeat_buyer');
    const m = await enroll(t, p.posKey);

    expect((await buy(m.id)).issued_codes).toEqual([]);
    at(DAY);
    const second = await buy(m.id);
    expect(second.issued_codes).toEqual([]);
    expect(appliedIds(second.promotions)).toEqual([]);
    at(2 * DAY);
    expect(appliedIds(await quote(m.id))).toEqual([trigger!.id]);
    const third = await buy(m.id);
    expect(third.issued_codes).toEqual([expect.objectContaining({ promotion_id: reward!.id, issued_by_purchase: third.id })]);

    at(3 * DAY);
    expect(reasonOf(await quote(m.id), trigger!.id)).toBe('per_member_period_limit');
    expect((await buy(m.id)).issued_codes).toEqual([]);

    // The code takes 20 % off a later purchase.
    at(4 * DAY);
    const used = await buy(m.id, { ...AZN100, promo_codes: [{ code: third.issued_codes[0].code }] });
    expect(used.discount).toEqual({ amount: 2000, currency: 'AZN' });
  });

  it('counts the earlier purchases in the last 90 days: one 90 days old has left the window', async () => {
    const [, trigger] = await preset('repeat_buyer');
    const m = await enroll(t, p.posKey);
    await buy(m.id);
    at(DAY);
    await buy(m.id);

    at(90 * DAY - 1000);
    expect(appliedIds(await quote(m.id))).toEqual([trigger!.id]);
    at(90 * DAY);
    expect(reasonOf(await quote(m.id), trigger!.id)).toBe('purchase_count');
  });

  it('does not count a purchase returned in full', async () => {
    const [, trigger] = await preset('repeat_buyer');
    const m = await enroll(t, p.posKey);
    const first = await buy(m.id);
    at(DAY);
    await buy(m.id);
    const ret = await post(t, p.posKey, `/v1/purchases/${first.id}/returns`, { receipt_id: nextReceipt('RR'), lines: [{ sku: 'TEA-1', quantity: 2 }, { sku: 'CUP-2', quantity: 1 }] });
    expect(ret.statusCode, ret.body).toBe(201);

    at(2 * DAY);
    const third = await buy(m.id);
    expect(third.issued_codes).toEqual([]);
    at(3 * DAY);
    expect(appliedIds(await quote(m.id))).toEqual([trigger!.id]);
    expect((await buy(m.id)).issued_codes).toHaveLength(1);
  });
});

describe('double_bonus preset: logins on two consecutive days and two purchases in one ISO week earn +400, once a week', () => {
  it('adds 400 points to the second purchase of the week after logins on Monday and Tuesday; not to a third; again next week', async () => {
    const [promo] = await preset('double_bonus');
    const m = await enroll(t, p.posKey);

    await login(m.id); // Monday
    at(DAY);
    await login(m.id); // Tuesday
    const first = await buy(m.id);
    expect(first.points).toBe(800);
    at(DAY + HOUR);
    const second = await buy(m.id);
    expect(second.promotions).toMatchObject({ applied: [{ promotion_id: promo!.id, effect_type: 'points_bonus', points: 400 }], extra_points: 400 });
    expect(second.points).toBe(1200);
    at(2 * DAY);
    expect(reasonOf(await quote(m.id), promo!.id)).toBe('per_member_period_limit');
    expect((await buy(m.id)).points).toBe(800);

    // Next ISO week, in local time: Monday 00:30 in Baku is Sunday 20:30 UTC.
    t.clock.set(new Date('2026-03-08T20:30:00Z'));
    await login(m.id);
    t.clock.set(new Date('2026-03-09T21:00:00Z')); // Tuesday 01:00 local
    await login(m.id);
    expect(reasonOf(await quote(m.id), promo!.id)).toBe('login_streak'); // no purchase this week yet
    await buy(m.id);
    expect((await buy(m.id)).promotions.extra_points).toBe(400);
  });

  it('gives nothing for logins on days that are not consecutive, or consecutive across two ISO weeks', async () => {
    const [promo] = await preset('double_bonus');
    const apart = await enroll(t, p.posKey);
    await login(apart.id); // Monday
    at(2 * DAY);
    await login(apart.id); // Wednesday
    await buy(apart.id);
    expect(reasonOf(await quote(apart.id), promo!.id)).toBe('login_streak');

    const across = await enroll(t, p.posKey);
    t.clock.set(new Date('2026-03-08T12:00:00Z')); // Sunday 16:00 local
    await login(across.id);
    t.clock.set(new Date('2026-03-09T08:00:00Z')); // Monday 12:00 local, the next ISO week
    await login(across.id);
    await buy(across.id);
    const q = await quote(across.id);
    expect(reasonOf(q, promo!.id)).toBe('login_streak');
    expect(q.points.extra).toBe(0);
  });
});

describe('campaign preset: +10 % points from starts_on to ends_on inclusive, in local time', () => {
  it('applies from local midnight of starts_on to the last second of ends_on', async () => {
    const [promo] = await preset('campaign', { starts_on: '2026-03-10', ends_on: '2026-03-12' });
    const m = await enroll(t, p.posKey);
    const extraAt = async (iso: string) => {
      t.clock.set(new Date(iso));
      return quote(m.id);
    };

    const before = await extraAt('2026-03-09T19:59:59Z'); // 2026-03-09 23:59:59 local
    expect(before.points.extra).toBe(0);
    expect(reasonOf(before, promo!.id)).toBe('not_started');
    expect((await extraAt('2026-03-09T20:00:00Z')).points).toEqual({ base: 800, extra: 80, total: 880 }); // 03-10 00:00 local
    expect((await extraAt('2026-03-12T19:59:59Z')).points.extra).toBe(80); // 03-12 23:59:59 local
    const after = await extraAt('2026-03-12T20:00:00Z'); // 03-13 00:00 local
    expect(after.points.extra).toBe(0);
    expect(reasonOf(after, promo!.id)).toBe('ended');

    t.clock.set(new Date('2026-03-12T19:59:00Z'));
    const bought = await buy(m.id);
    expect(bought.promotions).toMatchObject({ applied: [{ promotion_id: promo!.id, effect_type: 'points_multiplier', points: 80 }], extra_points: 80 });
    expect(bought.points).toBe(880);
  });

  it('defaults to 30 local days starting today', async () => {
    const [promo] = await preset('campaign');
    const res = await t.call({ method: 'GET', url: `/v1/promotions/${promo!.id}`, key: p.adminKey });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().conditions).toMatchObject({ starts_at: '2026-03-01T20:00:00.000Z', ends_at: '2026-03-31T20:00:00.000Z' });
  });
});

describe('tier discounts: ordinary promotions with a tier condition', () => {
  it('gives a bronze member the bronze discount and a silver member the silver one', async () => {
    await endPromotions(t, p.programId);
    const bronze = await enroll(t, p.posKey);
    const silver = await enroll(t, p.posKey);
    // 125.00 AZN earn 1000 points: Silver's threshold in the default tiers.
    const upgrade = await buy(silver.id, { amount: { amount: 12500, currency: 'AZN' } });
    expect(upgrade.points).toBe(1000);

    const create = async (tier: string, percent: number) => {
      const res = await post(t, p.adminKey, '/v1/promotions', { name: `${tier} discount`, effect: { type: 'percent_off', percent }, conditions: { tiers: [tier] } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string };
    };
    const b = await create('bronze', 5);
    const s = await create('silver', 10);

    const qb = await quote(bronze.id);
    expect(qb).toMatchObject({ discount: { amount: 500 }, applied: [{ promotion_id: b.id, discount: 500 }] });
    expect(reasonOf(qb, s.id)).toBe('tier');
    const bought = await buy(silver.id);
    expect(bought.discount).toEqual({ amount: 1000, currency: 'AZN' });
    expect(appliedIds(bought.promotions)).toEqual([s.id]);
    expect(reasonOf(await quote(silver.id), b.id)).toBe('tier');
  });
});
