import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/promotions/engine.ts';
import type { EngineLine, Evaluation, Promotion } from '../../src/promotions/model.ts';
import { ctx, facts, promo } from '../helpers/promotions.ts';

const SKUS = ['burger', 'fries', 'cola', 'juice', 'watch', 'sock', 'hat', 'pen'];
const BRANDS = [null, 'Lux', 'Acme'];
const CATEGORIES = [null, 'food', 'drinks'];
const AZN = (amount: number) => ({ amount, currency: 'AZN' });

// Distinct skus, so that a line keeps its identity when the lines are shuffled.
const linesArb = fc.uniqueArray(fc.constantFrom(...SKUS), { minLength: 1, maxLength: 6 }).chain((skus) =>
  fc.tuple(
    ...skus.map((sku) =>
      fc
        .record({ brand: fc.constantFrom(...BRANDS), category: fc.constantFrom(...CATEGORIES), quantity: fc.integer({ min: 1, max: 4 }), unit_price: fc.integer({ min: 1, max: 5_000 }) })
        .map((l): EngineLine => ({ sku, ...l, amount: l.unit_price * l.quantity })),
    ),
  ),
);

const itemArb = fc.oneof(
  fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ category: fc.constantFrom('food', 'drinks'), quantity: fc.integer({ min: 1, max: 2 }) }),
);

const effectArb = fc.oneof(
  fc.record({ type: fc.constant('percent_off'), percent: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ type: fc.constant('amount_off'), amount: fc.integer({ min: 1, max: 20_000 }).map(AZN) }),
  fc.record({ type: fc.constant('points_multiplier'), multiplier: fc.constantFrom(1.1, 1.5, 2, 3, 10) }),
  fc.record({ type: fc.constant('points_bonus'), points: fc.integer({ min: 1, max: 1_000 }) }),
  fc.record({ type: fc.constant('gift'), gift: fc.constant('Mug') }),
  fc.oneof(
    fc.record({ type: fc.constant('bundle'), items: fc.array(itemArb, { minLength: 2, maxLength: 3 }), price: fc.integer({ min: 1, max: 5_000 }).map(AZN) }),
    fc.record({ type: fc.constant('bundle'), items: fc.array(itemArb, { minLength: 2, maxLength: 3 }), percent_off: fc.integer({ min: 1, max: 100 }) }),
  ),
  fc.record({ type: fc.constant('buy_x_get_y'), buy: fc.integer({ min: 1, max: 3 }), get: fc.integer({ min: 1, max: 2 }), percent_off: fc.integer({ min: 1, max: 100 }) }),
);

const scopeArb = fc.oneof(
  fc.constant({}),
  fc.record({ brands: fc.constant(['Lux']) }),
  fc.record({ categories: fc.subarray(['food', 'drinks'], { minLength: 1 }) }),
  fc.record({ skus: fc.subarray(SKUS, { minLength: 1 }) }),
);

const promotionsArb = fc.uniqueArray(fc.integer({ min: 10, max: 99 }), { maxLength: 7 }).chain((ids) =>
  fc.tuple(
    ...ids.map((n) =>
      fc
        .record({
          effect: effectArb,
          scope: scopeArb,
          stackable: fc.boolean(),
          priority: fc.integer({ min: -1, max: 1 }),
          minAmount: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
        })
        .map(({ minAmount, ...fields }): Promotion => promo(`prm_${n}`, { ...fields, conditions: minAmount ? { min_amount: AZN(minAmount) } : {} })),
    ),
  ),
);

const settingsArb = fc.record({
  point_value: fc.integer({ min: 0, max: 20 }),
  caps: fc.option(fc.record({ Lux: fc.integer({ min: 0, max: 100 }), Acme: fc.integer({ min: 1, max: 50 }) }, { requiredKeys: [] }), { nil: undefined }),
});

const scenarioArb = fc.record({ lines: linesArb, promotions: promotionsArb, settings: settingsArb });

function run(lines: EngineLine[], promotions: Promotion[], settings: { point_value: number; caps: Record<string, number> | undefined }): Evaluation {
  return evaluate(promotions, facts(), ctx(lines, { point_value: settings.point_value, brand_discount_caps: settings.caps ?? {} }));
}

/** The outcome with its lines put in sku order and line_no dropped, to compare evaluations of shuffled inputs. */
function bySku(e: Evaluation) {
  return { ...e, lines: [...e.lines].sort((a, b) => (a.sku < b.sku ? -1 : 1)).map(({ line_no: _, ...l }) => l) };
}

describe('promotions engine, properties', () => {
  it('gives the same outcome whatever the order of promotions and lines', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((s) =>
          fc.record({
            s: fc.constant(s),
            lines: fc.shuffledSubarray(s.lines, { minLength: s.lines.length }),
            promotions: fc.shuffledSubarray(s.promotions, { minLength: s.promotions.length }),
          }),
        ),
        ({ s, lines, promotions }) => {
          const original = run(s.lines, s.promotions, s.settings);
          const shuffled = run(lines, promotions, s.settings);
          expect(bySku(shuffled)).toEqual(bySku(original));
          // line_no follows the line to where it is now.
          for (const outcome of shuffled.lines) expect(lines[outcome.line_no - 1]!.sku).toBe(outcome.sku);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps every line between nothing off and all off, and the totals add up', () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, promotions, settings }) => {
        const e = run(lines, promotions, settings);
        expect(e.lines.map((l) => l.line_no)).toEqual(lines.map((_, i) => i + 1));
        for (const [i, l] of e.lines.entries()) {
          expect(l.amount).toBe(lines[i]!.amount);
          expect(l.discount).toBeGreaterThanOrEqual(0);
          expect(l.discount).toBeLessThanOrEqual(l.amount);
          expect(l.net_amount).toBe(l.amount - l.discount);
          expect(l.applied.reduce((s, a) => s + a.discount, 0)).toBe(l.discount);
          for (const a of l.applied) expect(a.discount).toBeGreaterThanOrEqual(0);
        }
        const total = lines.reduce((s, l) => s + l.amount, 0);
        expect(e.lines.reduce((s, l) => s + l.discount, 0)).toBe(e.discount);
        expect(e.applied.reduce((s, a) => s + a.discount, 0)).toBe(e.discount);
        expect(e.net_amount).toBe(total - e.discount);
        expect(e.base_points).toBe(Math.floor(e.net_amount / 100));
        expect(e.extra_points).toBe(e.applied.reduce((s, a) => s + a.points, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('holds the brand caps', () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, promotions, settings }) => {
        const e = run(lines, promotions, settings);
        for (const [brand, percent] of Object.entries(settings.caps ?? {})) {
          const mine = e.lines.filter((_, i) => lines[i]!.brand === brand);
          const amount = mine.reduce((s, l) => s + l.amount, 0);
          expect(mine.reduce((s, l) => s + l.discount, 0)).toBeLessThanOrEqual(Math.floor((amount * percent) / 100));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('accounts for every promotion once, and on every line for every line promotion', () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, promotions, settings }) => {
        const e = run(lines, promotions, settings);
        const named = [...e.applied.map((a) => a.promotion_id), ...e.rejected.map((r) => r.promotion_id)].sort();
        expect(named).toEqual(promotions.map((p) => p.id).sort());
        const lineEffects = promotions.filter((p) => !['points_bonus', 'gift', 'issue_code'].includes(p.effect.type)).map((p) => p.id);
        for (const l of e.lines) {
          const onLine = [...l.applied.map((a) => a.promotion_id), ...l.rejected.map((r) => r.promotion_id)];
          expect(new Set(onLine).size).toBe(onLine.length);
          for (const id of lineEffects) expect(onLine).toContain(id);
          // At most one non-stackable promotion per line.
          const nonStackable = l.applied.filter((a) => !promotions.find((p) => p.id === a.promotion_id)!.stackable);
          expect(nonStackable.length).toBeLessThanOrEqual(1);
        }
        // A promotion rejected as a whole applies on no line.
        for (const r of e.rejected) for (const l of e.lines) expect(l.applied.map((a) => a.promotion_id)).not.toContain(r.promotion_id);
      }),
      { numRuns: 500 },
    );
  });
});
