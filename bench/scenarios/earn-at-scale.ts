import { seedAnalytics } from '../analytics-seed.ts';
import type { ScenarioResult } from '../report.ts';
import type { BenchContext, BenchHarness, Scenario } from '../scenario.ts';
import { earn } from './ledger.ts';

/**
 * Issue 17, target 3: the cost of a ledger write stays flat as the data grows. The earn load (one purchase of 12.50
 * AZN for a random member) is measured on the bench's program (--members, 10,000 by default) while the database is
 * small; then a program of its own is seeded with --analytics-members members (1,000,000 by default) and a year of
 * history each (bench/analytics-seed.ts, set-based SQL), and the same load is measured on members drawn from all of
 * them; then once more on the small program, so that what the large tables cost every program (indexes shared by all
 * of them) is told apart from what a member's own history costs. The target: the large figure within 15 % of the
 * small one measured before the seeding, by throughput.
 */

/** The target: throughput at scale as a share of the small program's (within 15 %). */
export const SCALE_THROUGHPUT_TARGET = 0.85;
/** Members of the large program the load spreads over: a random draw from all of them (every id would be ~100 MB here). */
const LARGE_SAMPLE = 200_000;

export interface ScaleFigures {
  members: number;
  seedSeconds: number;
  transactions: number;
  /** Members the load on the large program was spread over. */
  sampled: number;
  small: LoadFigures;
  large: LoadFigures;
  smallAfter: LoadFigures;
  /** large ÷ small (before the seeding), by throughput. */
  ratio: number;
  target: number;
}

interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const figures = (r: ScenarioResult): LoadFigures => ({ requestsPerSecond: r.requestsPerSecond, p50: r.latencyMs.p50, p99: r.latencyMs.p99, errors: r.errors });

async function measureEarn(context: BenchContext, harness: BenchHarness, name: string): Promise<ScenarioResult> {
  const next = await earn.setup(context);
  if (harness.warmup > 0) await harness.load(`${name} (warm-up)`, '', next, harness.warmup);
  harness.log(`${name}: ${harness.duration} s over ${context.memberIds.length.toLocaleString('en-US')} members`);
  return harness.load(name, earn.description, next, harness.duration);
}

async function run(context: BenchContext, harness: BenchHarness): Promise<ScenarioResult> {
  const small = await measureEarn(context, harness, 'earn, small database');

  const program = await context.createProgram('scale');
  harness.log(`earn-at-scale: seeding ${harness.analytics.members.toLocaleString('en-US')} members with a year of history`);
  const seed = await seedAnalytics(context.pool, { programId: program.programId, members: harness.analytics.members, now: new Date(), runId: context.runId, log: harness.log });
  const { rows } = await context.pool.query<{ id: string }>(`SELECT id FROM members WHERE program_id = $1 ORDER BY random() LIMIT $2`, [
    program.programId,
    LARGE_SAMPLE,
  ]);
  const large = await measureEarn({ ...context, programId: program.programId, keys: program.keys, memberIds: rows.map((r) => r.id) }, harness, 'earn-at-scale');
  const smallAfter = await measureEarn(context, harness, 'earn, small program, large database');

  const scale: ScaleFigures = {
    members: seed.members,
    seedSeconds: seed.seconds,
    transactions: seed.transactions,
    sampled: rows.length,
    small: figures(small),
    large: figures(large),
    smallAfter: figures(smallAfter),
    ratio: large.requestsPerSecond / small.requestsPerSecond,
    target: SCALE_THROUGHPUT_TARGET,
  };
  return { ...large, scale };
}

export const earnAtScale: Scenario = {
  name: 'earn-at-scale',
  description: 'POST /v1/purchases over --analytics-members members with a year of history each, against the same on --members',
  setup() {
    throw new Error('the earn-at-scale scenario runs its own way (run)');
  },
  run,
};
