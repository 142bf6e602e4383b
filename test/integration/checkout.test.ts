import { endPromotions, memberEvents } from '../helpers/promotions.ts';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { EventSchema } from '../../src/events/schemas.ts';

/**
 * Purchases with promotions through the API (design/incentives.md "Promotions"): what the till pays, the points on
 * the net amount, the quote that a purchase commits exactly, and the events. The races are in promotion-races.test.ts.
 */

const START = new Date('2026-03-02T08:00:00Z'); // a Monday, 12:00 in Baku

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
});

const LINES = [
  { sku: 'TEA-1', brand: 'Azerchay', category: 'tea', quantity: 2, unit_price: 2500, amount: 5000 },
  { sku: 'CUP-2', brand: 'Gilan', category: 'cups', quantity: 1, unit_price: 5000, amount: 5000 },
];

/** A promotion through the API, as an admin creates it. */
async function createPromotion(fields: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const res = await post(t, p.adminKey, '/v1/promotions', { name: `promo ${randomUUID().slice(0, 6)}`, ...fields });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

function buy(memberId: string, extra: Record<string, unknown> = {}, idempotencyKey?: string) {
  return post(t, p.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount: 10000, currency: 'AZN' }, lines: LINES, ...extra }, idempotencyKey);
}

function quote(memberId: string, extra: Record<string, unknown> = {}) {
  return t.call({ method: 'POST', url: '/v1/purchases/quote', key: p.posKey, payload: { member_id: memberId, amount: { amount: 10000, currency: 'AZN' }, lines: LINES, ...extra } });
}

describe('purchases with promotions', () => {
  it('takes the best promotion off each line, earns points on the net amount and publishes promotion.applied', async () => {
    await endPromotions(t, p.programId);
    const tea10 = await createPromotion({ effect: { type: 'percent_off', percent: 10 }, scope: { categories: ['tea'] } });
    const tea15 = await createPromotion({ effect: { type: 'percent_off', percent: 15 }, scope: { categories: ['tea'] } });
    const m = await enroll(t, p.posKey);

    const res = await buy(m.id);
    expect(res.statusCode, res.body).toBe(201);
    const { purchase, transaction } = res.json();
    // 15 % of the tea line (50.00 AZN) is 7.50; the cups line has no promotion.
    expect(purchase.discount).toEqual({ amount: 750, currency: 'AZN' });
    expect(purchase.net_amount).toEqual({ amount: 9250, currency: 'AZN' });
    expect(purchase.promotions.applied).toEqual([expect.objectContaining({ promotion_id: tea15.id, discount: 750, points: 0, effect_type: 'percent_off' })]);
    expect(purchase.promotions.lines[0]).toMatchObject({ sku: 'TEA-1', discount: 750, net_amount: 4250 });
    // AZN earns 8 points per 1 AZN: 92.50 AZN net -> 740 points (the gross amount would earn 800).
    expect(purchase.points).toBe(740);
    expect(transaction.points).toBe(740);
    expect(transaction.data.promotion_ids).toEqual([tea15.id]);

    const [applied] = await memberEvents(t, m.id, 'promotion.applied');
    expect(EventSchema.parse(applied)).toMatchObject({
      data: { purchase_id: purchase.id, discount: { amount: 750, currency: 'AZN' }, promotions: [{ promotion_id: tea15.id, discount: 750 }] },
    });
    const stored = await t.pool.query('SELECT discount::int, quote_id FROM purchases WHERE id = $1', [purchase.id]);
    expect(stored.rows[0]).toEqual({ discount: 750, quote_id: null });
    expect(tea10.id).not.toBe(tea15.id);
  });

  it('quotes per line what applies and why each other promotion does not, and writes nothing to the ledger', async () => {
    await endPromotions(t, p.programId);
    const tea = await createPromotion({ effect: { type: 'percent_off', percent: 10 }, scope: { categories: ['tea'] } });
    const big = await createPromotion({ effect: { type: 'amount_off', amount: { amount: 500, currency: 'AZN' } }, conditions: { min_amount: { amount: 20000, currency: 'AZN' } } });
    const m = await enroll(t, p.posKey);

    const res = await quote(m.id);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.quote_id).toMatch(/^qte_/);
    expect(body.discount).toEqual({ amount: 500, currency: 'AZN' });
    expect(body.points).toEqual({ base: 760, extra: 0, total: 760 });
    expect(body.lines[0].applied).toEqual([expect.objectContaining({ promotion_id: tea.id, discount: 500 })]);
    expect(body.lines[1].rejected).toEqual(expect.arrayContaining([{ promotion_id: tea.id, reason: 'no_eligible_lines' }, { promotion_id: big.id, reason: 'min_amount' }]));
    expect(body.rejected).toEqual([{ promotion_id: big.id, reason: 'min_amount' }]);
    const { rows } = await t.pool.query('SELECT count(*)::int AS n FROM ledger_transactions WHERE member_id = $1', [m.id]);
    expect(rows[0].n).toBe(0);
  });

  it('commits exactly what the quote showed, once; a replay of the purchase returns the same discount', async () => {
    await endPromotions(t, p.programId);
    const tea = await createPromotion({ effect: { type: 'percent_off', percent: 20 }, scope: { categories: ['tea'] } });
    const m = await enroll(t, p.posKey);
    const q = (await quote(m.id)).json();

    const key = randomUUID();
    const receipt = nextReceipt();
    const first = await buy(m.id, { quote_id: q.quote_id, receipt_id: receipt }, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().purchase).toMatchObject({ quote_id: q.quote_id, discount: { amount: 1000 } });
    const replay = await buy(m.id, { quote_id: q.quote_id, receipt_id: receipt }, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());

    const again = await buy(m.id, { quote_id: q.quote_id });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().code).toBe('quote_expired');
    expect(tea.id).toMatch(/^prm_/);
  });

  it('quotes and commits a channel-limited promotion; the purchase stores its channel and device, which the quote ignores', async () => {
    await endPromotions(t, p.programId);
    const app = await createPromotion({ effect: { type: 'percent_off', percent: 10 }, conditions: { channels: ['app'] } });
    const m = await enroll(t, p.posKey);
    const storeQuote = (await quote(m.id, { channel: 'store', device: 'till-1' })).json();
    expect(storeQuote.discount).toEqual({ amount: 0, currency: 'AZN' });
    const q = (await quote(m.id, { channel: 'app', device: 'ios' })).json();
    expect(q.discount).toEqual({ amount: 1000, currency: 'AZN' });

    // The device is not part of what was quoted: another one commits the quote.
    const res = await buy(m.id, { quote_id: q.quote_id, channel: 'app', device: 'android' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().purchase).toMatchObject({ quote_id: q.quote_id, discount: { amount: 1000 }, channel: 'app', device: 'android' });
    const stored = await t.pool.query('SELECT channel, device, quote_id FROM purchases WHERE id = $1', [res.json().purchase.id]);
    expect(stored.rows).toEqual([{ channel: 'app', device: 'android', quote_id: q.quote_id }]);

    // The channel is: committing an app quote as a store sale is another purchase.
    const q2 = (await quote(m.id, { channel: 'app' })).json();
    const other = await buy(m.id, { quote_id: q2.quote_id, channel: 'store' });
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json()).toMatchObject({ code: 'quote_mismatch', errors: [{ pointer: '/quote_id' }] });
    expect(app.id).toMatch(/^prm_/);
  });

  it('answers 409 quote_expired after the quote lifetime, and 422 quote_mismatch for another basket', async () => {
    await endPromotions(t, p.programId);
    await createPromotion({ effect: { type: 'percent_off', percent: 5 } });
    const m = await enroll(t, p.posKey);
    const q = (await quote(m.id)).json();

    const other = await buy(m.id, { quote_id: q.quote_id, lines: [{ ...LINES[0], amount: 5000 }, { ...LINES[1] }], store_id: 'elsewhere' });
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json()).toMatchObject({ code: 'quote_mismatch', errors: [{ pointer: '/quote_id' }] });

    t.clock.advance(5 * 60_000 + 1000);
    try {
      const late = await buy(m.id, { quote_id: q.quote_id });
      expect(late.statusCode, late.body).toBe(409);
      expect(late.json().code).toBe('quote_expired');
    } finally {
      t.clock.set(START);
    }
  });

  it("answers 409 quote_changed when a limit the quote counted on ran out meanwhile", async () => {
    await endPromotions(t, p.programId);
    await createPromotion({ effect: { type: 'percent_off', percent: 10 }, limits: { total_uses: 1 } });
    const [a, b] = [await enroll(t, p.posKey), await enroll(t, p.posKey)];
    const q = (await quote(a.id)).json();
    expect(q.discount.amount).toBe(1000);
    expect((await buy(b.id)).json().purchase.discount.amount).toBe(1000);

    const late = await buy(a.id, { quote_id: q.quote_id });
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().code).toBe('quote_changed');
    // Without a quote the purchase is evaluated afresh: no discount left, and it goes through.
    const fresh = await buy(a.id);
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.json().purchase.discount.amount).toBe(0);
  });

  it('adds a points multiplier on the eligible lines and a points bonus, valuing points at point_value to pick the best', async () => {
    await endPromotions(t, p.programId);
    // 3x on tea: 50.00 AZN earn 400 points, so 800 extra, worth 8.00 AZN at 1 qəpik a point: beats 10 % off (5.00).
    const triple = await createPromotion({ effect: { type: 'points_multiplier', multiplier: 3 }, scope: { categories: ['tea'] } });
    await createPromotion({ effect: { type: 'percent_off', percent: 10 }, scope: { categories: ['tea'] } });
    const bonus = await createPromotion({ effect: { type: 'points_bonus', points: 50 } });
    const m = await enroll(t, p.posKey);

    const res = await buy(m.id);
    expect(res.statusCode, res.body).toBe(201);
    const { purchase } = res.json();
    expect(purchase.discount.amount).toBe(0);
    expect(purchase.promotions.applied.map((a: { promotion_id: string }) => a.promotion_id).sort()).toEqual([triple.id, bonus.id].sort());
    expect(purchase.promotions.extra_points).toBe(850);
    expect(purchase.points).toBe(800 + 850);
  });

  it('issues a code over the threshold for the next purchase (100.00 none, 100.01 one), which then takes its reward off once', async () => {
    await endPromotions(t, p.programId);
    const res = await post(t, p.adminKey, '/v1/promotions/presets/threshold_coupon', {
      threshold: { amount: 10000, currency: 'AZN' },
      reward: { amount: 1000, currency: 'AZN' },
      valid_days: 30,
    });
    expect(res.statusCode, res.body).toBe(201);
    const m = await enroll(t, p.posKey);

    const exactRes = await buy(m.id);
    expect(exactRes.statusCode, exactRes.body).toBe(201);
    const exact = exactRes.json().purchase;
    expect(exact.issued_codes).toEqual([]);
    const over = (
      await post(t, p.posKey, '/v1/purchases', {
        member_id: m.id,
        receipt_id: nextReceipt(),
        amount: { amount: 10001, currency: 'AZN' },
        lines: [LINES[0], { ...LINES[1], unit_price: 5001, amount: 5001 }],
      })
    ).json().purchase;
    expect(over.issued_codes).toHaveLength(1);
    const issued = over.issued_codes[0];
    expect(issued).toMatchObject({ member_id: m.id, max_uses: 1, issued_by_purchase: over.id });
    const [event] = await memberEvents(t, m.id, 'promo_code.issued');
    expect(EventSchema.parse(event)).toMatchObject({ data: { code: issued.code } });

    const next = await buy(m.id, { promo_codes: [{ code: issued.code.toLowerCase() }] });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().purchase.discount.amount).toBe(1000);
    const [redeemed] = await memberEvents(t, m.id, 'promo_code.redeemed');
    expect(EventSchema.parse(redeemed)).toMatchObject({ data: { code: issued.code, purchase_id: next.json().purchase.id } });

    const twice = await buy(m.id, { promo_codes: [{ code: issued.code }] });
    expect(twice.statusCode, twice.body).toBe(422);
    expect(twice.json().code).toBe('promo_code_invalid');
  });

  it('keeps a purchase without promotions exactly as before', async () => {
    await endPromotions(t, p.programId);
    const m = await enroll(t, p.posKey);
    const res = await buy(m.id);
    expect(res.statusCode, res.body).toBe(201);
    const { purchase } = res.json();
    expect(purchase.points).toBe(800);
    expect(purchase).not.toHaveProperty('discount');
    expect(purchase).not.toHaveProperty('promotions');
  });
});
