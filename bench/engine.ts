/**
 * `npm run bench:engine -- [iterations] [typical|stacked]`: the promotions engine alone, no service and no database. It evaluates the bench's
 * 50 promotions (bench/scenarios/purchases.ts) against its five-line baskets and prints the CPU per evaluate() call,
 * so the engine's share of a purchase with promotions can be told apart from the round trips'.
 */
import { performance } from 'node:perf_hooks';
import { newId } from '../src/ids.ts';
import { DEFAULT_SETTINGS } from '../src/programs/settings.ts';
import { evaluate } from '../src/promotions/engine.ts';
import { PromotionFieldsSchema, type MemberFacts, type Promotion, type PurchaseContext } from '../src/promotions/model.ts';
import { basketsForEngine, benchPromotions, type PromotionMix } from './scenarios/purchases.ts';

const iterations = Number(process.argv[2] ?? 20_000);
const mix = (process.argv[3] ?? 'typical') as PromotionMix;
const now = new Date();
const timezone = DEFAULT_SETTINGS.timezone;

const promotions: Promotion[] = benchPromotions(now, timezone, mix).map((fields, i) => ({
  ...PromotionFieldsSchema.parse(fields),
  id: newId('promotion'),
  version: 1,
  created_at: new Date(now.getTime() - (100 - i) * 1000).toISOString(),
  updated_at: now.toISOString(),
}));

const facts: MemberFacts = {
  tier: 'bronze',
  enrolled_at: new Date(now.getTime() - 86_400_000).toISOString(),
  birth_date: null,
  purchase_count: 3,
  purchases_within_days: { '30': 3 },
  login_days_this_week: [],
  purchases_this_week: 1,
  segments: [],
  uses: {},
};

const baskets = basketsForEngine();
const contexts: PurchaseContext[] = baskets.map((b, i) => ({
  occurred_at: now,
  timezone,
  currency: 'AZN',
  amount: b.amount,
  store_id: `store-${1 + (i % 5)}`,
  channel: 'store',
  lines: b.lines,
  code_promotions: [],
  exhausted: new Set(),
  point_value: DEFAULT_SETTINGS.point_value,
  // AZN at the default rate: 8 points per 1 AZN, as the service's basePoints gives for the bench's program.
  points_for: (net: number) => Math.floor((net * 8) / 100),
  convert: (money) => (money.currency === 'AZN' ? money.amount : null),
  brand_discount_caps: {},
}));

function run(n: number): { applied: number; discount: number } {
  let applied = 0;
  let discount = 0;
  for (let i = 0; i < n; i++) {
    const e = evaluate(promotions, facts, contexts[i % contexts.length]!);
    applied += e.applied.length;
    discount += e.discount;
  }
  return { applied: applied / n, discount: discount / n };
}

run(Math.min(2_000, iterations)); // warm-up: let the JIT settle
const cpu = process.cpuUsage();
const start = performance.now();
const { applied, discount } = run(iterations);
const wall = performance.now() - start;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
process.stdout.write(
  `engine evaluate(): ${promotions.length} promotions (${mix}), 5 lines, ${iterations} calls over ${contexts.length} baskets: ` +
    `${((cpuMs / iterations) * 1000).toFixed(1)} µs CPU per call (${((wall / iterations) * 1000).toFixed(1)} µs wall), ` +
    `${applied.toFixed(1)} promotions applied and ${(discount / 100).toFixed(2)} AZN off per purchase on average\n`,
);
