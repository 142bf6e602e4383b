import { describe, expect, it } from 'vitest';
import { evaluate, periodKey } from '../../src/promotions/engine.ts';
import type { Evaluation, Promotion } from '../../src/promotions/model.ts';
import { ctx, facts, line, promo } from '../helpers/promotions.ts';

const AZN = (amount: number) => ({ amount, currency: 'AZN' });
const tenOff = (id: string, extra: Record<string, unknown> = {}) => promo(id, { effect: { type: 'percent_off', percent: 10 }, ...extra });

/** The applied promotion ids, or the first rejection reason of one promotion. */
const appliedIds = (e: Evaluation) => e.applied.map((a) => a.promotion_id);
const reasonOf = (e: Evaluation, id: string) => e.rejected.find((r) => r.promotion_id === id)?.reason ?? null;

/** Evaluates one promotion on one 100.00 line at a given instant, and says whether it applied or why not. */
function verdict(p: Promotion, at: string, f = facts(), overrides: Parameters<typeof ctx>[1] = {}): string {
  const e = evaluate([p], f, ctx([line('sku-1', 10_000)], { occurred_at: new Date(at), ...overrides }));
  return e.applied.length > 0 ? 'applied' : reasonOf(e, p.id)!;
}

describe('periodKey', () => {
  it('makes local day, ISO week, month, quarter and year keys', () => {
    // 31 Dec 2026 21:30Z is 1 Jan 2027 01:30 in Baku, a Friday in ISO week 53 of 2026.
    const at = new Date('2026-12-31T21:30:00Z');
    expect(periodKey('all', at, 'Asia/Baku')).toBe('all');
    expect(periodKey('day', at, 'Asia/Baku')).toBe('d:2027-01-01');
    expect(periodKey('week', at, 'Asia/Baku')).toBe('w:2026-W53');
    expect(periodKey('month', at, 'Asia/Baku')).toBe('m:2027-01');
    expect(periodKey('quarter', at, 'Asia/Baku')).toBe('q:2027-Q1');
    expect(periodKey('year', at, 'Asia/Baku')).toBe('y:2027');
    expect(periodKey('quarter', at, 'UTC')).toBe('q:2026-Q4');
    expect(periodKey('week', new Date('2026-12-01T08:00:00Z'), 'UTC')).toBe('w:2026-W49');
  });
});

describe('effects', () => {
  it('percent_off takes the floor of the percent of each eligible line', () => {
    const e = evaluate([tenOff('prm_1')], facts(), ctx([line('a', 999), line('b', 1_005)]));
    expect(e.lines.map((l) => l.discount)).toEqual([99, 100]);
    expect(e.discount).toBe(199);
    expect(e.net_amount).toBe(1_805);
    expect(e.base_points).toBe(18);
  });

  it('amount_off spreads pro rata and the parts sum exactly', () => {
    const e = evaluate([promo('prm_1', { effect: { type: 'amount_off', amount: AZN(100) } })], facts(), ctx([line('a', 100), line('b', 100), line('c', 100)]));
    expect(e.lines.map((l) => l.discount)).toEqual([34, 33, 33]);
    expect(e.discount).toBe(100);
    const uneven = evaluate([promo('prm_1', { effect: { type: 'amount_off', amount: AZN(1_000) } })], facts(), ctx([line('a', 333), line('b', 667), line('c', 1_999)]));
    expect(uneven.lines.map((l) => l.discount)).toEqual([111, 222, 667]);
  });

  it('amount_off never gives more than the eligible lines cost', () => {
    const e = evaluate([promo('prm_1', { effect: { type: 'amount_off', amount: AZN(5_000) }, scope: { skus: ['a'] } })], facts(), ctx([line('a', 300), line('b', 700)]));
    expect(e.lines.map((l) => l.discount)).toEqual([300, 0]);
    expect(e.lines[1]!.rejected).toEqual([{ promotion_id: 'prm_1', reason: 'no_eligible_lines' }]);
  });

  it('points_multiplier adds floor(points of the eligible net x (multiplier - 1))', () => {
    const e = evaluate([promo('prm_1', { effect: { type: 'points_multiplier', multiplier: 1.5 }, scope: { categories: ['food'] } })], facts(), ctx([
      line('a', 1_050, 1, { category: 'food' }),
      line('b', 2_000, 1, { category: 'food' }),
      line('c', 5_000),
    ]));
    // points_for(3050) = 30, x0.5 = 15, spread 1050:2000 -> 5.16 / 9.84 -> 5 / 10.
    expect(e.applied[0]!.points).toBe(15);
    expect(e.lines.map((l) => l.applied[0]?.points ?? null)).toEqual([5, 10, null]);
    expect(e.discount).toBe(0);
    expect(e.base_points).toBe(80);
    expect(e.extra_points).toBe(15);
  });

  it('purchase-level effects: points bonus, issued code, gift; they need one line in scope', () => {
    const promos = [
      promo('prm_1', { effect: { type: 'points_bonus', points: 400 } }),
      promo('prm_2', { effect: { type: 'issue_code', promotion_id: 'prm_9', valid_days: 30 } }),
      promo('prm_3', { effect: { type: 'gift', gift: 'Tote bag' } }),
      promo('prm_4', { effect: { type: 'points_bonus', points: 50 }, scope: { brands: ['Nope'] } }),
    ];
    const e = evaluate(promos, facts(), ctx([line('a', 1_000)]));
    expect(appliedIds(e)).toEqual(['prm_1', 'prm_2', 'prm_3']);
    expect(e.extra_points).toBe(400);
    expect(e.applied[1]!.issue_code).toEqual({ promotion_id: 'prm_9', valid_until: '2026-12-31T08:00:00.000Z' });
    expect(e.applied[2]!.gift).toBe('Tote bag');
    expect(reasonOf(e, 'prm_4')).toBe('no_eligible_lines');
    expect(e.lines[0]!.applied).toEqual([]);
    expect(e.lines[0]!.rejected).toEqual([{ promotion_id: 'prm_4', reason: 'no_eligible_lines' }]);
  });

  describe('bundle', () => {
    const combo = (extra: Record<string, unknown> = {}) =>
      promo('prm_combo', {
        effect: { type: 'bundle', items: [{ sku: 'burger' }, { sku: 'fries' }, { category: 'drinks' }], price: AZN(800) },
        ...extra,
      });

    it('sells burger + fries + drink at the set price, the discount spread over the lines', () => {
      const e = evaluate([combo()], facts(), ctx([line('burger', 500), line('fries', 250), line('cola', 200, 1, { category: 'drinks' })]));
      // 950 - 800 = 150, spread 500:250:200 = 78.95 / 39.47 / 31.58 -> 79 / 39 / 32
      expect(e.lines.map((l) => l.discount)).toEqual([79, 39, 32]);
      expect(e.discount).toBe(150);
    });

    it('makes as many sets as complete, from the dearest drinks first; the rest is left out', () => {
      const e = evaluate([combo()], facts(), ctx([
        line('burger', 500, 3),
        line('fries', 250, 2),
        line('cola', 200, 2, { category: 'drinks' }),
        line('juice', 300, 1, { category: 'drinks' }),
      ]));
      // Two sets: burger+fries+juice (1050 -> 250 off), burger+fries+cola (950 -> 150 off).
      expect(e.discount).toBe(400);
      const juice = e.lines[3]!;
      expect(juice.discount).toBe(Math.round((250 * 300) / 1050)); // 71.4 -> 71
      expect(e.lines.reduce((s, l) => s + l.discount, 0)).toBe(400);
    });

    it('is incomplete without every item', () => {
      const e = evaluate([combo()], facts(), ctx([line('burger', 500), line('fries', 250)]));
      expect(reasonOf(e, 'prm_combo')).toBe('bundle_incomplete');
      expect(e.discount).toBe(0);
    });

    it('takes a percent off the set instead of a price', () => {
      const p = promo('prm_1', { effect: { type: 'bundle', items: [{ sku: 'a', quantity: 2 }, { sku: 'b' }], percent_off: 20 } });
      const e = evaluate([p], facts(), ctx([line('a', 1_000, 3), line('b', 500)]));
      // One set (2 a + 1 b = 2500, 500 off) spread 2000:500.
      expect(e.lines.map((l) => l.discount)).toEqual([400, 100]);
    });

    it('rejects a set price in another currency', () => {
      const p = promo('prm_1', { effect: { type: 'bundle', items: [{ sku: 'a' }, { sku: 'b' }], price: { amount: 100, currency: 'USD' } } });
      expect(reasonOf(evaluate([p], facts(), ctx([line('a', 1_000), line('b', 500)])), 'prm_1')).toBe('currency');
    });
  });

  describe('buy_x_get_y', () => {
    const b2g1 = promo('prm_1', { effect: { type: 'buy_x_get_y', buy: 2, get: 1 } });

    it('gives the cheapest of each group of three, the groups formed from the dearest units down', () => {
      // Units 1000 1000 600 | 300 300 300 | 100: two groups; 600 and one 300 free, the 100 is in no group.
      const e = evaluate([b2g1], facts(), ctx([line('a', 1_000, 2), line('b', 600), line('c', 300, 3), line('d', 100)]));
      expect(e.lines.map((l) => l.discount)).toEqual([0, 600, 300, 0]);
      expect(e.lines[0]!.applied).toEqual([{ promotion_id: 'prm_1', discount: 0, points: 0 }]);
      expect(e.lines[3]!.applied).toEqual([]);
      expect(e.lines[3]!.rejected).toEqual([{ promotion_id: 'prm_1', reason: 'not_enough_units' }]);
      expect(e.discount).toBe(900);
    });

    it('discounts by percent_off when not free, and needs a whole group', () => {
      const half = promo('prm_1', { effect: { type: 'buy_x_get_y', buy: 1, get: 1, percent_off: 50 } });
      expect(evaluate([half], facts(), ctx([line('a', 801), line('b', 401)])).lines.map((l) => l.discount)).toEqual([0, 200]);
      expect(reasonOf(evaluate([b2g1], facts(), ctx([line('a', 1_000, 2)])), 'prm_1')).toBe('not_enough_units');
    });
  });
});

describe('large quantities', () => {
  it('counts a million units without taking them one by one', () => {
    const b2g1 = promo('prm_1', { effect: { type: 'buy_x_get_y', buy: 2, get: 1 } });
    const e = evaluate([b2g1], facts(), ctx([line('a', 3, 1_000_000), line('b', 1, 2)]));
    // Units: a million at 3, then two at 1: 333,334 groups; the last group is (3, 1, 1) with one 1 free.
    expect(e.lines.map((l) => l.discount)).toEqual([333_333 * 3, 1]);
    const pair = promo('prm_2', { effect: { type: 'bundle', items: [{ sku: 'a' }, { sku: 'b', quantity: 2 }], price: AZN(4) } });
    const sets = evaluate([pair], facts(), ctx([line('a', 3, 1_000_000), line('b', 1, 1_000_001)]));
    // 500,000 sets of 5 at 4 -> 1 off each, spread 3:2 -> 1 on a.
    expect(sets.lines.map((l) => l.discount)).toEqual([500_000, 0]);
    expect(sets.lines[1]!.applied).toEqual([{ promotion_id: 'prm_2', discount: 0, points: 0 }]);
  });
});

describe('choosing', () => {
  it('goes to the promotion worth most to the customer, points valued at point_value', () => {
    const lines = [line('a', 10_000)];
    const percent = tenOff('prm_1'); // 1000 off
    const triple = promo('prm_2', { effect: { type: 'points_multiplier', multiplier: 3 } }); // 100 points -> +200
    const cheapPoints = evaluate([percent, triple], facts(), ctx(lines, { point_value: 4 })); // 800 < 1000
    expect(appliedIds(cheapPoints)).toEqual(['prm_1']);
    expect(reasonOf(cheapPoints, 'prm_2')).toBe('better_promotion');
    expect(cheapPoints.lines[0]!.rejected).toEqual([{ promotion_id: 'prm_2', reason: 'better_promotion' }]);
    const dearPoints = evaluate([percent, triple], facts(), ctx(lines, { point_value: 6 })); // 1200 > 1000
    expect(appliedIds(dearPoints)).toEqual(['prm_2']);
    expect(dearPoints.extra_points).toBe(200);
    expect(dearPoints.discount).toBe(0);
  });

  it('breaks ties by priority, then by the older id', () => {
    const lines = [line('a', 1_000)];
    expect(appliedIds(evaluate([tenOff('prm_2'), tenOff('prm_1')], facts(), ctx(lines)))).toEqual(['prm_1']);
    expect(appliedIds(evaluate([tenOff('prm_1'), tenOff('prm_2', { priority: 1 })], facts(), ctx(lines)))).toEqual(['prm_2']);
    // Worth beats priority.
    const eleven = promo('prm_3', { effect: { type: 'percent_off', percent: 11 } });
    expect(appliedIds(evaluate([tenOff('prm_2', { priority: 1000 }), eleven], facts(), ctx(lines)))).toEqual(['prm_3']);
  });

  it('chooses per line', () => {
    const food = promo('prm_1', { effect: { type: 'percent_off', percent: 20 }, scope: { categories: ['food'] } });
    const all = tenOff('prm_2');
    const e = evaluate([food, all], facts(), ctx([line('a', 1_000, 1, { category: 'food' }), line('b', 1_000)]));
    expect(e.lines.map((l) => l.applied.map((a) => a.promotion_id))).toEqual([['prm_1'], ['prm_2']]);
    expect(e.lines[0]!.rejected).toEqual([{ promotion_id: 'prm_2', reason: 'better_promotion' }]);
    expect(e.discount).toBe(300);
  });

  it('applies stackable promotions on top, each on what is left of the line', () => {
    const e = evaluate(
      [tenOff('prm_1'), tenOff('prm_2', { stackable: true }), promo('prm_3', { stackable: true, priority: 5, effect: { type: 'amount_off', amount: AZN(100) } })],
      facts(),
      ctx([line('a', 1_000)]),
    );
    // 10% (100), then the priority-5 amount_off (100 of 900), then 10% of 800.
    expect(e.lines[0]!.applied).toEqual([
      { promotion_id: 'prm_1', discount: 100, points: 0 },
      { promotion_id: 'prm_3', discount: 100, points: 0 },
      { promotion_id: 'prm_2', discount: 80, points: 0 },
    ]);
    expect(e.discount).toBe(280);
  });

  it('a stackable multiplier counts the points of what is left after the discounts', () => {
    const half = promo('prm_1', { effect: { type: 'percent_off', percent: 50 } });
    const double = promo('prm_2', { stackable: true, effect: { type: 'points_multiplier', multiplier: 2 } });
    const e = evaluate([half, double], facts(), ctx([line('a', 10_000)]));
    expect(e.lines[0]!.applied).toEqual([
      { promotion_id: 'prm_1', discount: 5_000, points: 0 },
      { promotion_id: 'prm_2', discount: 0, points: 50 },
    ]);
    expect(e.base_points).toBe(50);
    expect(e.extra_points).toBe(50);
  });

  it('never takes more off a line than it costs', () => {
    const p = [promo('prm_1', { effect: { type: 'percent_off', percent: 100 } }), promo('prm_2', { stackable: true, effect: { type: 'amount_off', amount: AZN(50) } })];
    const e = evaluate(p, facts(), ctx([line('a', 300)]));
    expect(e.lines[0]!.discount).toBe(300);
    expect(e.net_amount).toBe(0);
    expect(reasonOf(e, 'prm_2')).toBe('better_promotion');
  });

  it('re-spreads an amount_off over the lines it keeps', () => {
    const off = promo('prm_1', { effect: { type: 'amount_off', amount: AZN(300) } });
    const half = promo('prm_2', { effect: { type: 'percent_off', percent: 50 }, scope: { skus: ['b'] } });
    const e = evaluate([off, half], facts(), ctx([line('a', 1_000), line('b', 1_000)]));
    // On both lines the amount_off gives 150 each; on b the 50% (500) wins, so the 300 goes all on a.
    expect(e.lines.map((l) => l.discount)).toEqual([300, 500]);
  });

  it('drops a bundle that loses a line it needs, and gives its other line back to the next best', () => {
    const bundle = promo('prm_1', { effect: { type: 'bundle', items: [{ sku: 'burger' }, { sku: 'fries' }], price: AZN(450) } });
    const friesHalf = promo('prm_2', { effect: { type: 'percent_off', percent: 50 }, scope: { skus: ['fries'] } });
    const burgerTen = tenOff('prm_3', { scope: { skus: ['burger'] } });
    const e = evaluate([bundle, friesHalf, burgerTen], facts(), ctx([line('burger', 500), line('fries', 250)]));
    // The bundle gives 200 on the burger and 100 on the fries; 50% of the fries (125) wins them, the bundle is then
    // incomplete and the burger gets its 10%.
    expect(e.lines.map((l) => l.applied.map((a) => [a.promotion_id, a.discount]))).toEqual([[['prm_3', 50]], [['prm_2', 125]]]);
    expect(reasonOf(e, 'prm_1')).toBe('better_promotion');
  });
});

describe('brand caps', () => {
  const lux = (price: number) => line('watch', price, 1, { brand: 'Lux' });

  it('cuts the least valuable promotion on the brand first', () => {
    const promos = [tenOff('prm_1'), tenOff('prm_2', { stackable: true })];
    const e = evaluate(promos, facts(), ctx([lux(10_000), line('sock', 1_000)], { brand_discount_caps: { Lux: 15 } }));
    // 1000 + 900 on the watch, capped at 1500: the stackable one (worth 900 + 90 on the sock) loses 400 there.
    expect(e.lines[0]!.applied).toEqual([
      { promotion_id: 'prm_1', discount: 1_000, points: 0 },
      { promotion_id: 'prm_2', discount: 500, points: 0 },
    ]);
    expect(e.lines[0]!.discount).toBe(1_500);
    expect(e.lines[1]!.discount).toBe(190);
  });

  it('rejects a promotion cut to nothing with brand_cap', () => {
    const promos = [tenOff('prm_1'), tenOff('prm_2', { stackable: true })];
    const e = evaluate(promos, facts(), ctx([lux(10_000)], { brand_discount_caps: { Lux: 5 } }));
    expect(e.lines[0]!.applied).toEqual([{ promotion_id: 'prm_1', discount: 500, points: 0 }]);
    expect(e.lines[0]!.rejected).toEqual([{ promotion_id: 'prm_2', reason: 'brand_cap' }]);
    expect(reasonOf(e, 'prm_2')).toBe('brand_cap');
    expect(e.discount).toBe(500);
  });

  it('leaves other brands and points alone', () => {
    const promos = [promo('prm_1', { effect: { type: 'points_multiplier', multiplier: 2 } })];
    const e = evaluate(promos, facts(), ctx([lux(10_000)], { brand_discount_caps: { Lux: 0.5 } }));
    expect(e.extra_points).toBe(100);
    expect(e.discount).toBe(0);
  });
});

describe('conditions, at their edges', () => {
  it('needs status active', () => {
    expect(verdict(tenOff('prm_1', { status: 'paused' }), '2026-12-01T08:00:00Z')).toBe('paused');
    expect(verdict(tenOff('prm_1', { status: 'ended' }), '2026-12-01T08:00:00Z')).toBe('ended');
  });

  it('starts_at is inclusive, ends_at exclusive', () => {
    const p = tenOff('prm_1', { conditions: { starts_at: '2026-12-01T00:00:00Z', ends_at: '2026-12-02T00:00:00Z' } });
    expect(verdict(p, '2026-11-30T23:59:59.999Z')).toBe('not_started');
    expect(verdict(p, '2026-12-01T00:00:00Z')).toBe('applied');
    expect(verdict(p, '2026-12-01T23:59:59.999Z')).toBe('applied');
    expect(verdict(p, '2026-12-02T00:00:00Z')).toBe('ended');
  });

  it('days of week are local ISO days', () => {
    const mondays = tenOff('prm_1', { conditions: { days_of_week: [1] } });
    // Sunday 29 Nov 20:00Z is Monday 30 Nov 00:00 in Baku.
    expect(verdict(mondays, '2026-11-29T19:59:00Z')).toBe('day_of_week');
    expect(verdict(mondays, '2026-11-29T20:00:00Z')).toBe('applied');
    expect(verdict(mondays, '2026-11-30T19:59:00Z')).toBe('applied');
    expect(verdict(mondays, '2026-11-30T20:00:00Z')).toBe('day_of_week');
  });

  it('hours are local, from inclusive to exclusive', () => {
    const lunch = tenOff('prm_1', { conditions: { hours: { from: '12:00', to: '14:00' } } });
    expect(verdict(lunch, '2026-12-01T07:59:00Z')).toBe('hours');
    expect(verdict(lunch, '2026-12-01T08:00:00Z')).toBe('applied');
    expect(verdict(lunch, '2026-12-01T09:59:00Z')).toBe('applied');
    expect(verdict(lunch, '2026-12-01T10:00:00Z')).toBe('hours');
  });

  it('hours with from after to span midnight', () => {
    const night = tenOff('prm_1', { conditions: { hours: { from: '22:00', to: '02:00' } } });
    expect(verdict(night, '2026-12-01T17:59:00Z')).toBe('hours'); // 21:59
    expect(verdict(night, '2026-12-01T18:00:00Z')).toBe('applied'); // 22:00
    expect(verdict(night, '2026-12-01T21:59:00Z')).toBe('applied'); // 01:59
    expect(verdict(night, '2026-12-01T22:00:00Z')).toBe('hours'); // 02:00
  });

  it('min_amount counts the eligible lines: at least, converted when in another currency', () => {
    const at = '2026-12-01T08:00:00Z';
    expect(verdict(tenOff('prm_1', { conditions: { min_amount: AZN(10_000) } }), at)).toBe('applied');
    expect(verdict(tenOff('prm_1', { conditions: { min_amount: AZN(10_001) } }), at)).toBe('min_amount');
    // 5882 USD cents x 1.7 = 9999.4 -> 9999; 5883 -> 10001.
    expect(verdict(tenOff('prm_1', { conditions: { min_amount: { amount: 5_882, currency: 'USD' } } }), at)).toBe('applied');
    expect(verdict(tenOff('prm_1', { conditions: { min_amount: { amount: 5_883, currency: 'USD' } } }), at)).toBe('min_amount');
    expect(verdict(tenOff('prm_1', { conditions: { min_amount: { amount: 1, currency: 'EUR' } } }), at)).toBe('currency');
    const scoped = tenOff('prm_1', { scope: { skus: ['a'] }, conditions: { min_amount: AZN(5_000) } });
    const e = evaluate([scoped], facts(), ctx([line('a', 4_999), line('b', 5_000)]));
    expect(reasonOf(e, 'prm_1')).toBe('min_amount');
    // Line b fails the scope before min_amount is checked.
    expect(e.lines.map((l) => l.rejected[0]!.reason)).toEqual(['min_amount', 'no_eligible_lines']);
  });

  it('stores, channels and tiers', () => {
    const at = '2026-12-01T08:00:00Z';
    expect(verdict(tenOff('prm_1', { conditions: { stores: ['store-2'] } }), at)).toBe('store');
    expect(verdict(tenOff('prm_1', { conditions: { stores: ['store-1'] } }), at)).toBe('applied');
    expect(verdict(tenOff('prm_1', { conditions: { stores: ['store-1'] } }), at, facts(), { store_id: null })).toBe('store');
    expect(verdict(tenOff('prm_1', { conditions: { channels: ['web'] } }), at)).toBe('channel');
    expect(verdict(tenOff('prm_1', { conditions: { tiers: ['gold'] } }), at)).toBe('tier');
    expect(verdict(tenOff('prm_1', { conditions: { tiers: ['gold'] } }), at, facts({ tier: 'gold' }))).toBe('applied');
    // The first failing check in the fixed order: store before tier.
    expect(verdict(tenOff('prm_1', { conditions: { tiers: ['gold'], stores: ['x'] } }), at)).toBe('store');
  });

  it('first purchase within N hours of enrolment', () => {
    const p = tenOff('prm_1', { conditions: { first_purchase_within_hours: 24 } });
    const fresh = facts({ purchase_count: 0, enrolled_at: '2026-12-01T00:00:00Z' });
    expect(verdict(p, '2026-12-02T00:00:00Z', fresh)).toBe('applied');
    expect(verdict(p, '2026-12-02T00:00:00.001Z', fresh)).toBe('enrolment_window');
    expect(verdict(p, '2026-12-01T08:00:00Z', { ...fresh, purchase_count: 1 })).toBe('not_first_purchase');
  });

  it('birthday window of ±7 local days, across New Year', () => {
    const p = tenOff('prm_1', { conditions: { birthday_window_days: 7 } });
    const dec28 = facts({ birth_date: '1990-12-28' });
    expect(verdict(p, '2027-01-04T08:00:00Z', dec28)).toBe('applied');
    expect(verdict(p, '2027-01-05T08:00:00Z', dec28)).toBe('birthday_window');
    // 4 Jan 20:00Z is already 5 Jan in Baku.
    expect(verdict(p, '2027-01-04T20:00:00Z', dec28)).toBe('birthday_window');
    const jan3 = facts({ birth_date: '1990-01-03' });
    expect(verdict(p, '2026-12-27T08:00:00Z', jan3)).toBe('applied');
    expect(verdict(p, '2026-12-26T08:00:00Z', jan3)).toBe('birthday_window');
    expect(verdict(p, '2026-12-27T08:00:00Z', facts({ birth_date: null }))).toBe('birthday_window');
  });

  it('a 29 February birthday is 28 February in common years', () => {
    const p = tenOff('prm_1', { conditions: { birthday_window_days: 7 } });
    const leapling = facts({ birth_date: '2000-02-29' });
    expect(verdict(p, '2027-03-07T08:00:00Z', leapling)).toBe('applied');
    expect(verdict(p, '2027-03-08T08:00:00Z', leapling)).toBe('birthday_window');
    expect(verdict(p, '2028-03-07T08:00:00Z', leapling)).toBe('applied');
    expect(verdict(p, '2028-02-21T08:00:00Z', leapling)).toBe('birthday_window');
    expect(verdict(p, '2027-02-21T08:00:00Z', leapling)).toBe('applied');
    const zero = tenOff('prm_1', { conditions: { birthday_window_days: 0 } });
    expect(verdict(zero, '2027-02-28T08:00:00Z', leapling)).toBe('applied');
    expect(verdict(zero, '2027-03-01T08:00:00Z', leapling)).toBe('birthday_window');
  });

  it('purchase count in a window: more than', () => {
    const p = tenOff('prm_1', { conditions: { purchase_count: { more_than: 2, within_days: 90 } } });
    const at = '2026-12-01T08:00:00Z';
    expect(verdict(p, at, facts({ purchases_within_days: { '90': 2 } }))).toBe('purchase_count');
    expect(verdict(p, at, facts({ purchases_within_days: { '90': 3 } }))).toBe('applied');
    expect(verdict(p, at, facts({ purchases_within_days: { '30': 9 } }))).toBe('purchase_count');
  });

  it('login streak: consecutive local days and purchases this week, this one counted', () => {
    const p = promo('prm_1', { effect: { type: 'points_bonus', points: 400 }, conditions: { login_streak: { days: 2, purchases_in_week: 2 } } });
    const at = '2026-12-02T08:00:00Z';
    expect(verdict(p, at, facts({ login_days_this_week: ['2026-11-30', '2026-12-01'], purchases_this_week: 1 }))).toBe('applied');
    expect(verdict(p, at, facts({ login_days_this_week: ['2026-11-30', '2026-12-01'], purchases_this_week: 0 }))).toBe('login_streak');
    expect(verdict(p, at, facts({ login_days_this_week: ['2026-11-30', '2026-12-02'], purchases_this_week: 1 }))).toBe('login_streak');
  });

  it('requires a code when told', () => {
    const p = tenOff('prm_1', { conditions: { requires_code: true } });
    expect(verdict(p, '2026-12-01T08:00:00Z')).toBe('code_required');
    expect(verdict(p, '2026-12-01T08:00:00Z', facts(), { code_promotions: ['prm_1'] })).toBe('applied');
  });

  it('per-member limits, ever and per local period', () => {
    const at = '2026-12-01T08:00:00Z';
    const ever = tenOff('prm_1', { limits: { per_member: 2 } });
    expect(verdict(ever, at, facts({ uses: { prm_1: { all: 1 } } }))).toBe('applied');
    expect(verdict(ever, at, facts({ uses: { prm_1: { all: 2 } } }))).toBe('per_member_limit');
    const weekly = tenOff('prm_1', { limits: { per_member_period: { uses: 1, period: 'week' } } });
    expect(verdict(weekly, at, facts({ uses: { prm_1: { 'w:2026-W48': 1 } } }))).toBe('applied');
    expect(verdict(weekly, at, facts({ uses: { prm_1: { 'w:2026-W49': 1 } } }))).toBe('per_member_period_limit');
  });

  it('exhausted totals and budgets, and money in another currency', () => {
    const at = '2026-12-01T08:00:00Z';
    const exhausted = { exhausted: new Set(['prm_1']) };
    expect(verdict(tenOff('prm_1', { limits: { total_uses: 10 } }), at, facts(), exhausted)).toBe('total_uses_exhausted');
    expect(verdict(tenOff('prm_1', { limits: { budget: { points: 10 } } }), at, facts(), exhausted)).toBe('budget_exhausted');
    expect(verdict(tenOff('prm_1', { limits: { budget: { amount: { amount: 10, currency: 'USD' } } } }), at)).toBe('currency');
    expect(verdict(promo('prm_1', { effect: { type: 'amount_off', amount: { amount: 10, currency: 'USD' } } }), at)).toBe('currency');
  });

  it('names the first failing reason on every line and in the evaluation', () => {
    const p = tenOff('prm_1', { status: 'paused', conditions: { stores: ['x'] } });
    const e = evaluate([p], facts(), ctx([line('a', 100), line('b', 200)]));
    expect(e.rejected).toEqual([{ promotion_id: 'prm_1', reason: 'paused' }]);
    expect(e.lines.map((l) => l.rejected)).toEqual([[{ promotion_id: 'prm_1', reason: 'paused' }], [{ promotion_id: 'prm_1', reason: 'paused' }]]);
  });
});

describe('what an applied promotion costs against its limits', () => {
  it('lists member limit keys, total uses and the budget cost', () => {
    const at = new Date('2026-12-31T21:30:00Z'); // 1 Jan 2027 in Baku
    const money = tenOff('prm_1', { limits: { per_member: 3, per_member_period: { uses: 1, period: 'quarter' }, total_uses: 100, budget: { amount: AZN(100_000) } } });
    const points = promo('prm_2', { effect: { type: 'points_bonus', points: 250 }, limits: { budget: { points: 10_000 } } });
    const e = evaluate([money, points], facts(), ctx([line('a', 1_000)], { occurred_at: at }));
    expect(e.applied[0]).toMatchObject({
      promotion_id: 'prm_1',
      version: 1,
      effect_type: 'percent_off',
      discount: 100,
      member_limits: [
        { period_key: 'all', max: 3 },
        { period_key: 'q:2027-Q1', max: 1 },
      ],
      total_uses: true,
      budget_cost: 100,
    });
    expect(e.applied[1]).toMatchObject({ promotion_id: 'prm_2', points: 250, member_limits: [], total_uses: false, budget_cost: 250 });
  });
});
