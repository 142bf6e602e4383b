/**
 * `npm run bench` / `npm run bench:gate`: starts the service on a throwaway database, seeds a program and members,
 * then loads each scenario of bench/scenarios/index.ts in turn through the real listening socket and reports
 * throughput and latency. See the README's "Benchmark" section.
 *
 *   --duration S      seconds of load per scenario (BENCH_DURATION, default 20)
 *   --connections N   concurrent keep-alive connections (BENCH_CONNECTIONS, default 32)
 *   --scenario NAMES  comma-separated names or parts of names to run (BENCH_SCENARIO, default all)
 *   --members N       members to seed (BENCH_MEMBERS, default 10000)
 *   --warmup S        unrecorded load before each scenario (BENCH_WARMUP, default 2)
 *   --pool-size N     the service's DB_POOL_SIZE (BENCH_POOL_SIZE, default the service's default)
 *   --rules on|off    program rules (BENCH_RULES, default on): `on` is the default program (four tiers, velocity
 *                     blocking) plus daily and monthly earn/redeem caps; `off` is one tier, no caps, no velocity
 *   --outbox on|off   the events outbox (BENCH_OUTBOX, default on): `off` discards event rows with a trigger, so the
 *                     cost of the outbox (the row, its index entry, its WAL) is the difference between the two runs
 *   --flood-connections N  connections of invalid API keys beside scenarios that have a flood, e.g. auth-flood
 *                     (BENCH_FLOOD_CONNECTIONS, default 256)
 *   --analytics-members N  members the `analytics` scenario seeds with a year of history (BENCH_ANALYTICS_MEMBERS,
 *                     default 1000000); --analytics-concurrency N report requests kept running beside the write load
 *                     (BENCH_ANALYTICS_CONCURRENCY, default 1); --analytics-repetitions N timed runs of each report
 *                     (BENCH_ANALYTICS_REPETITIONS, default 5). See bench/ANALYTICS.md.
 *   --gate            exit 1 when a scenario has any error, its p99 reaches 200 ms (twice: a scenario over it is measured
 *                     once more, and the second measurement is judged), or, for a scenario measured
 *                     against a baseline of the same run, it costs more than that allows instead of the p99 check
 *                     (purchase-promotions: 5x purchase-plain by throughput) (BENCH_GATE=1)
 *   (with the mixed scenario, not --gate: that load again beside the scheduled jobs run back to back, then a fresh
 *   start and a restart of the service on the embedded default, timed; the speed issue's targets are printed last)
 *   --citus           run the scenarios (by default only `mixed`) on the single node and then on a Citus cluster in
 *                     the same run, with the CPU each node spends and per-call costs (bench/CITUS.md): the cluster is
 *                     BENCH_CITUS_URL's coordinator (a database is created on every node and dropped afterwards), or
 *                     one of its own started with ../shared/citus/cluster.sh on free ports and destroyed afterwards
 *
 * BENCH_DATABASE_URL: a server on which to create (and afterwards drop) a fresh database `pl_bench_<random>`;
 * unset, an embedded PostgreSQL cluster is started in the temp directory and deleted afterwards.
 * BENCH_KEEP_DATABASE=1: BENCH_DATABASE_URL's database is kept afterwards, to read its statistics (track_functions).
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon, { type Instance, type RawRequest, type Result } from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { freePort } from '../src/db/embedded.ts';
import { createThrowawayDatabase } from './database.ts';
import { measureStartup, startService, type RunningService, type StartupFigures } from './service.ts';
import { seedMembers } from './seed.ts';
import { OPTIONAL_SCENARIOS, SCENARIOS } from './scenarios/index.ts';
import { runFlood } from './flood-process.ts';
import { cpuWindow, rssSampler } from './cpu.ts';
import type { BenchContext, BenchRequest, Scenario } from './scenario.ts';
import { formatTable, gateFailures, ratio, GATE_P99_MS, type ScenarioResult } from './report.ts';
import type { ScaleFigures } from './scenarios/earn-at-scale.ts';
import { compareWithSql, MINIMAL_MIX_CLIENTS, type SqlComparison } from './sql-equivalent.ts';
import type { ThrowawayDatabase } from './database.ts';
import { cpuSampler, createClusterThrowawayDatabase, measureCalls, membersOnWorker, postmasterPid, type CallCost, type ClusterDatabase } from './citus.ts';
import { rulesPayload } from '../src/rules/rules.ts';
import { JOB_NAMES } from '../src/jobs/jobs.ts';
import type { ProgramSettings } from '../src/programs/settings.ts';

function formatSqlComparison(sql: SqlComparison, mixed: ScenarioResult | undefined): string {
  const lines = [`pgbench, same run, ${sql.clients} clients (the service's pool size), ${sql.durationSeconds} s:`];
  if (sql.mixed.ran) {
    const share = mixed ? ` -> the service reaches ${((mixed.requestsPerSecond / sql.mixed.tps) * 100).toFixed(0)} % of it (${(mixed.requestsPerSecond / sql.mixed.tps).toFixed(2)}x)` : '';
    lines.push(`  ledger functions 70/25/5 (the mixed load's SQL): ${sql.mixed.tps.toFixed(0)} tx/s, ${sql.mixed.latencyAvgMs.toFixed(2)} ms avg${share}`);
  } else lines.push(`  ledger functions: not run (${sql.mixed.reason})`);
  if (sql.minimalMix.ran) {
    lines.push(`  ledger.md's minimal SQL, accrual/guarded redeem/balance 70/25/5, ${MINIMAL_MIX_CLIENTS} clients: ${sql.minimalMix.tps.toFixed(0)} tx/s, ${sql.minimalMix.latencyAvgMs.toFixed(2)} ms avg`);
  }
  if (sql.accrualBaseline.ran) {
    lines.push(`  ledger.md accrual row (insert + update + insert, 16 clients): ${sql.accrualBaseline.tps.toFixed(0)} tx/s (the table says 4.5-5.1k on this machine kind)`);
  }
  return lines.join('\n');
}

const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const CITUS_RESULTS_FILE = fileURLToPath(new URL('./results/citus-latest.json', import.meta.url));

interface Options {
  duration: number;
  connections: number;
  scenario: string | undefined;
  members: number;
  warmup: number;
  poolSize: number;
  rules: 'on' | 'off';
  outbox: 'on' | 'off';
  floodConnections: number;
  analyticsMembers: number;
  analyticsConcurrency: number;
  analyticsRepetitions: number;
  gate: boolean;
  citus: boolean;
}

/** Program settings for --rules: the cost of the rules is the difference between the two runs. */
const RULES: Record<Options['rules'], Record<string, unknown>> = {
  on: {
    earn_limits: { per_transaction: null, per_day: 10_000_000, per_month: 100_000_000 },
    redeem_limits: { per_transaction: null, per_day: 10_000_000, per_month: 100_000_000 },
  },
  off: { tiers: [{ name: 'member', threshold: 0, multiplier: 1, benefit: null }], velocity: null },
};

/** The ledger issue's target for the mixed load on this machine. */
const MIXED_TARGET = { requestsPerSecond: 1_500, p99Ms: 50 };

/** The speed issue's targets (issue 17), each a ratio or figure this run reports. */
const SPEED_TARGETS = { minimalSqlRatio: 0.6, p99Ms: 20, peakRssMb: 250, jobsP99Ratio: 1.2, freshStartMs: 3_000, restartMs: 1_500 };

function formatSpeedTargets(
  mixed: ScenarioResult | undefined,
  sql: SqlComparison | null,
  jobs: JobsComparison | null,
  startup: StartupFigures | null,
  scale: ScaleFigures | undefined,
): string {
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const lines = ['speed targets (issue 17), this run:'];
  if (mixed && sql?.minimalMix.ran) {
    const r = mixed.requestsPerSecond / sql.minimalMix.tps;
    lines.push(
      `  1. mixed load ${mixed.requestsPerSecond.toFixed(0)} req/s vs pgbench of ledger.md's minimal SQL (accrual/guarded redeem/balance 70/25/5, ${MINIMAL_MIX_CLIENTS} clients) ` +
        `${sql.minimalMix.tps.toFixed(0)} tx/s: ${r.toFixed(2)}x (target >= ${SPEED_TARGETS.minimalSqlRatio}x: ${verdict(r >= SPEED_TARGETS.minimalSqlRatio)}); ` +
        `p99 ${mixed.latencyMs.p99} ms (target <= ${SPEED_TARGETS.p99Ms} ms: ${verdict(mixed.latencyMs.p99 <= SPEED_TARGETS.p99Ms)}); ${mixed.errors} errors`,
    );
  } else lines.push(`  1. mixed load vs ledger.md's minimal SQL: not measured (${mixed ? 'pgbench did not run' : 'the mixed scenario did not run'})`);
  if (mixed?.serviceRss) {
    const { peakMb, startMb, endMb } = mixed.serviceRss;
    lines.push(
      `  2. service peak RSS under the mixed load ${peakMb} MB (target <= ${SPEED_TARGETS.peakRssMb} MB: ${verdict(peakMb <= SPEED_TARGETS.peakRssMb)}); ` +
        `${startMb} MB at its start, ${endMb} MB at its end (growth over 10 minutes: --scenario mixed --duration 600)`,
    );
  } else lines.push('  2. service peak RSS: not measured (no /proc, or the mixed scenario did not run)');
  if (scale) {
    lines.push(
      `  3. earn over ${scale.members.toLocaleString('en-US')} members with history ${scale.large.requestsPerSecond.toFixed(0)} req/s against ${scale.small.requestsPerSecond.toFixed(0)} on the small program: ` +
        `${scale.ratio.toFixed(2)}x (target >= ${scale.target}x: ${verdict(scale.ratio >= scale.target)})`,
    );
  } else lines.push('  3. earn cost at 1,000,000 members against 10,000: not measured (--scenario earn-at-scale)');
  if (mixed && jobs) {
    const r = jobs.mixed.latencyMs.p99 / mixed.latencyMs.p99;
    lines.push(
      `  4. mixed load beside the scheduled jobs run back to back: p99 ${mixed.latencyMs.p99} -> ${jobs.mixed.latencyMs.p99} ms, ${r.toFixed(2)}x ` +
        `(target <= ${SPEED_TARGETS.jobsP99Ratio}x: ${verdict(r <= SPEED_TARGETS.jobsP99Ratio)}); ${mixed.requestsPerSecond.toFixed(0)} -> ${jobs.mixed.requestsPerSecond.toFixed(0)} req/s, ` +
        `${jobs.mixed.errors} errors; ${jobs.runs} job runs${jobs.failures ? `, ${jobs.failures} FAILED` : ''} (${jobs.completed.join(', ') || 'none completed'}), ` +
        `the longest ${jobs.slowestJob ?? '-'} ${jobs.slowestMs} ms` +
        (jobs.running ? `; ${jobs.running.job} was still running at the end, ${jobs.running.ms} ms in` : ''),
    );
  } else lines.push('  4. scheduled jobs beside the mixed load: not measured (only in a run with the mixed scenario, without --gate)');
  if (startup) {
    lines.push(
      `  5. start on the embedded default to /readyz: fresh ${startup.freshMs} ms (target < ${SPEED_TARGETS.freshStartMs} ms: ${verdict(startup.freshMs < SPEED_TARGETS.freshStartMs)}), ` +
        `restart ${startup.restartMs} ms (target < ${SPEED_TARGETS.restartMs} ms: ${verdict(startup.restartMs < SPEED_TARGETS.restartMs)})`,
    );
  } else lines.push('  5. start and restart: not measured (only in a run with the mixed scenario)');
  return lines.join('\n');
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** A mistake in the command line: reported in one line, without a stack. */
class UsageError extends Error {}

function parseOptions(): Options {
  const parse = () =>
    parseArgs({
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        scenario: { type: 'string' },
        members: { type: 'string' },
        warmup: { type: 'string' },
        'pool-size': { type: 'string' },
        rules: { type: 'string' },
        outbox: { type: 'string' },
        'flood-connections': { type: 'string' },
        'analytics-members': { type: 'string' },
        'analytics-concurrency': { type: 'string' },
        'analytics-repetitions': { type: 'string' },
        gate: { type: 'boolean' },
        citus: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see --help`);
  }
  if (values.help) {
    process.stdout.write(
      'usage: node bench/run.ts [--duration S] [--connections N] [--scenario NAMES] [--members N] [--warmup S] [--pool-size N] [--rules on|off] [--outbox on|off] [--flood-connections N] [--analytics-members N] [--analytics-concurrency N] [--analytics-repetitions N] [--gate] [--citus]\n' +
        `scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}; only when named: ${OPTIONAL_SCENARIOS.map((s) => s.name).join(', ')}\n`,
    );
    process.exit(0);
  }
  const env = process.env;
  const number = (name: string, value: string | undefined, fallback: number, min: number) => {
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new UsageError(`${name} must be a number ≥ ${min}, got ${JSON.stringify(value)}`);
    return n;
  };
  return {
    duration: number('--duration', values.duration ?? env['BENCH_DURATION'], 20, 1),
    connections: Math.round(number('--connections', values.connections ?? env['BENCH_CONNECTIONS'], 32, 1)),
    scenario: values.scenario ?? (env['BENCH_SCENARIO'] || undefined),
    members: Math.round(number('--members', values.members ?? env['BENCH_MEMBERS'], 10_000, 1)),
    warmup: number('--warmup', values.warmup ?? env['BENCH_WARMUP'], 2, 0),
    poolSize: Math.round(number('--pool-size', values['pool-size'] ?? env['BENCH_POOL_SIZE'], loadConfig({}).DB_POOL_SIZE, 1)),
    rules: parseOnOff('--rules', values.rules ?? env['BENCH_RULES'] ?? 'on'),
    outbox: parseOnOff('--outbox', values.outbox ?? env['BENCH_OUTBOX'] ?? 'on'),
    floodConnections: Math.round(number('--flood-connections', values['flood-connections'] ?? env['BENCH_FLOOD_CONNECTIONS'], 256, 1)),
    analyticsMembers: Math.round(number('--analytics-members', values['analytics-members'] ?? env['BENCH_ANALYTICS_MEMBERS'], 1_000_000, 1)),
    analyticsConcurrency: Math.round(number('--analytics-concurrency', values['analytics-concurrency'] ?? env['BENCH_ANALYTICS_CONCURRENCY'], 1, 1)),
    analyticsRepetitions: Math.round(number('--analytics-repetitions', values['analytics-repetitions'] ?? env['BENCH_ANALYTICS_REPETITIONS'], 5, 1)),
    gate: values.gate ?? env['BENCH_GATE'] === '1',
    citus: values.citus ?? false,
  };
}

function parseOnOff(name: string, value: string): 'on' | 'off' {
  if (value !== 'on' && value !== 'off') throw new UsageError(`${name} must be on or off, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * --outbox off: every event row is dropped before it is written. The event's JSON is still built and a trigger call
 * added, so the difference slightly understates what the outbox costs.
 */
async function discardEvents(pool: pg.Pool): Promise<void> {
  await pool.query(`CREATE FUNCTION bench_discard_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`);
  await pool.query(`CREATE TRIGGER bench_discard_events BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION bench_discard_event()`);
}

function selectScenarios(filter: string | undefined): Scenario[] {
  if (!filter) return [...SCENARIOS];
  const wanted = filter.split(',').map((s) => s.trim()).filter(Boolean);
  const all = [...SCENARIOS, ...OPTIONAL_SCENARIOS];
  const chosen = all.filter((s) => wanted.some((w) => s.name === w || s.name.includes(w)));
  if (chosen.length === 0) throw new UsageError(`no scenario matches ${JSON.stringify(filter)}; there are: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  // A scenario compared with a baseline needs the baseline in the same run: it runs first, as in the default order.
  const withBaselines = all.filter((s) => chosen.includes(s) || chosen.some((c) => c.baseline?.scenario === s.name));
  return withBaselines;
}

async function api<T>(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Turns a scenario's request builder into autocannon's per-request hook, and keeps a few non-2xx answers. */
function autocannonRequests(next: () => BenchRequest, errorSamples: string[]) {
  return [
    {
      setupRequest: (request: RawRequest, context: Record<string, unknown>): RawRequest => {
        const r = next();
        context['last'] = `${r.method} ${r.path}`;
        const headers: Record<string, string> = { ...r.headers };
        if (r.key) headers['authorization'] = `Bearer ${r.key}`;
        if (r.body !== undefined) headers['content-type'] = 'application/json';
        return { ...request, method: r.method, path: r.path, headers, body: r.body === undefined ? undefined : JSON.stringify(r.body) };
      },
      onResponse: (status: number, body: string, context: Record<string, unknown>) => {
        if ((status < 200 || status > 299) && errorSamples.length < 5) errorSamples.push(`${String(context['last'])} → ${status} ${body.slice(0, 300)}`);
      },
    },
  ];
}

let running: Instance | null = null;
/** --citus: brackets the measured load of a scenario (CPU sampling), not its warm-up. */
let measuring: { start(): void; stop(): void } | null = null;
let runningFlood: ReturnType<typeof runFlood> | null = null;
/** The flood runs this long before the real client is measured, as an attack would be under way already. */
const FLOOD_RAMP_SECONDS = 2;

async function load(baseUrl: string, next: () => BenchRequest, duration: number, connections: number, errorSamples: string[]): Promise<Result> {
  running = autocannon({ url: baseUrl, connections, duration, timeout: 10, requests: autocannonRequests(next, errorSamples) });
  try {
    return await running;
  } finally {
    running = null;
  }
}

async function runScenario(scenario: Scenario, context: BenchContext, options: Options, servicePid: number): Promise<ScenarioResult> {
  if (scenario.run) {
    return scenario.run(context, {
      duration: options.duration,
      connections: options.connections,
      warmup: options.warmup,
      analytics: { members: options.analyticsMembers, concurrency: options.analyticsConcurrency, repetitions: options.analyticsRepetitions },
      load: async (name, description, next, seconds) => {
        const errorSamples: string[] = [];
        const result = await load(context.baseUrl, next, seconds, options.connections, errorSamples);
        return summarise({ name, description, setup: () => next }, result, errorSamples);
      },
      log,
    });
  }
  const next = await scenario.setup(context);
  if (options.warmup > 0) {
    log(`${scenario.name}: warming up for ${options.warmup} s`);
    await load(context.baseUrl, next, options.warmup, options.connections, []);
  }
  if (scenario.flood) {
    log(`${scenario.name}: ${options.duration} s at ${options.connections} connections, alone`);
    const alone = await load(context.baseUrl, next, options.duration, options.connections, []);
    const baselineRequestsPerSecond = alone.requests.total / alone.duration;
    log(`${scenario.name}: again, beside a flood of invalid keys on ${options.floodConnections} connections`);
    const flooding = (runningFlood = runFlood(context.baseUrl, scenario.flood.path, options.floodConnections, options.duration + FLOOD_RAMP_SECONDS + 1));
    try {
      await sleep(FLOOD_RAMP_SECONDS * 1000);
      const errorSamples: string[] = [];
      const measured = summarise(scenario, await load(context.baseUrl, next, options.duration, options.connections, errorSamples), errorSamples);
      const figures = await flooding.result;
      return {
        ...measured,
        flood: {
          connections: options.floodConnections,
          baselineRequestsPerSecond,
          ratio: measured.requestsPerSecond / baselineRequestsPerSecond,
          minimumRatio: scenario.flood.minimumRatio,
          floodRequestsPerSecond: figures.requestsPerSecond,
          floodStatusCodes: figures.statusCodes,
          floodSocketErrors: figures.socketErrors,
        },
      };
    } finally {
      flooding.stop();
      runningFlood = null;
    }
  }
  await checkpoint(context.pool);
  log(`${scenario.name}: ${options.duration} s at ${options.connections} connections`);
  const errorSamples: string[] = [];
  measuring?.start();
  const cpu = await cpuWindow(context.pool, servicePid);
  const rss = rssSampler(servicePid);
  const result = await load(context.baseUrl, next, options.duration, options.connections, errorSamples).finally(() => measuring?.stop());
  const spent = await cpu();
  const serviceRss = rss();
  const summary = summarise(scenario, result, errorSamples);
  const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, result.requests.total);
  return {
    ...summary,
    cpuMsPerRequest: { service: perRequest(spent.service), database: perRequest(spent.database) },
    ...(serviceRss ? { serviceRss } : {}),
  };
}

/**
 * Flushes what earlier work left dirty and restarts checkpoint_timeout, so that a timed checkpoint does not land in a
 * measurement of a few seconds: in a CI run after the test suites, one wrote 470 MB of WAL's worth of pages during the
 * 5 s mixed load and put its p99 at 339 ms and 200 ms (p97.5 48 ms). Needs a superuser or pg_checkpoint, which the
 * bench's own databases have; elsewhere the measurement goes on without it.
 */
async function checkpoint(pool: pg.Pool): Promise<void> {
  await pool.query('CHECKPOINT').catch((error: unknown) => log(`CHECKPOINT before the measurement failed (${(error as Error).message}); measuring anyway`));
}

function summarise(scenario: Scenario, result: Result, errorSamples: string[]): ScenarioResult {
  const requests = result.requests.total;
  const requestsPerSecond = requests / result.duration;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
  const reference = scenario.reference
    ? {
        ...scenario.reference,
        throughputRatio: ratio(requestsPerSecond, scenario.reference.throughput),
        ...(scenario.reference.p99Ms ? { p99Ratio: ratio(result.latency.p99, scenario.reference.p99Ms) } : {}),
      }
    : null;
  return {
    name: scenario.name,
    description: scenario.description,
    durationSeconds: result.duration,
    requests,
    requestsPerSecond,
    latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
    errors: result.non2xx + result.errors,
    non2xx: result.non2xx,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    errorSamples,
    reference,
  };
}

const cpuTotal = (cpu: { service: number; database: number }) => cpu.service + cpu.database;

/** Each scenario with a baseline gets its cost as a multiple of the baseline's, both measured in this run. */
function compareWithBaselines(scenarios: readonly Scenario[], results: ScenarioResult[]): void {
  for (const scenario of scenarios) {
    if (!scenario.baseline) continue;
    const result = results.find((r) => r.name === scenario.name);
    const base = results.find((r) => r.name === scenario.baseline!.scenario);
    if (!result || !base) continue;
    result.baseline = {
      ...scenario.baseline,
      requestsPerSecond: base.requestsPerSecond,
      latencyMs: { p50: base.latencyMs.p50, p99: base.latencyMs.p99 },
      // Cost is time per request: by throughput the baseline's rate over this one's, by latency this one's over the baseline's.
      throughputRatio: base.requestsPerSecond / result.requestsPerSecond,
      p50Ratio: result.latencyMs.p50 / base.latencyMs.p50,
      ...(result.cpuMsPerRequest && base.cpuMsPerRequest
        ? { cpuMsPerRequest: base.cpuMsPerRequest, cpuRatio: cpuTotal(result.cpuMsPerRequest) / cpuTotal(base.cpuMsPerRequest) }
        : {}),
    };
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The mixed load measured again while the scheduled jobs run back to back (the speed issue's fourth target). */
interface JobsComparison {
  mixed: ScenarioResult;
  /** Job runs that completed during that load, those that failed, and the longest one. */
  runs: number;
  failures: number;
  slowestMs: number;
  slowestJob: string | null;
  /** The jobs that completed at least once while the load ran, in the order they first did. */
  completed: string[];
  /** The job still running when the load ended, and for how long it had been. */
  running: { job: string; ms: number } | null;
}

/** The scheduler's jobs but the daily rfm (an analytics read, measured by the analytics scenario). */
const SCHEDULED_JOBS = JOB_NAMES.filter((name) => name !== 'rfm');

/**
 * Runs every scheduled job through POST /v1/jobs/{name}/run, one after another without a pause, until stopped: as if
 * each tick of the scheduler ran every job, far more often than it does (the minute jobs once a minute, the velocity
 * sweep every 10, the rest hourly), so what it does to the load is an upper bound.
 */
function runJobsBackToBack(baseUrl: string, adminKey: string): () => Promise<Omit<JobsComparison, 'mixed'>> {
  let stopped = false;
  const figures = { runs: 0, failures: 0, slowestMs: 0, slowestJob: null as string | null, completed: [] as string[], running: null as JobsComparison['running'] };
  let current: { job: string; started: number } | null = null;
  const loop = (async () => {
    while (!stopped) {
      for (const job of SCHEDULED_JOBS) {
        if (stopped) break;
        const started = performance.now();
        current = { job, started };
        const response = await fetch(`${baseUrl}/v1/jobs/${job}/run`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
          body: '{}',
        }).catch(() => null);
        await response?.arrayBuffer();
        const ms = performance.now() - started;
        current = null;
        if (stopped) break; // finished after the load: not beside it
        if (response?.ok) {
          figures.runs += 1;
          if (!figures.completed.includes(job)) figures.completed.push(job);
        } else figures.failures += 1;
        if (ms > figures.slowestMs) Object.assign(figures, { slowestMs: Math.round(ms), slowestJob: job });
      }
    }
  })();
  return async () => {
    stopped = true;
    const inFlight = current as { job: string; started: number } | null;
    figures.running = inFlight ? { job: inFlight.job, ms: Math.round(performance.now() - inFlight.started) } : null;
    await loop;
    return figures;
  };
}

/** What one database target of the run (the single node, or with --citus the cluster) measured. */
interface TargetRun {
  results: ScenarioResult[];
  /** Single node, a run with the mixed scenario: that load again beside the scheduled jobs. */
  jobs: JobsComparison | null;
  sql: SqlComparison | null;
  serverVersion: string;
  kind: string;
  /** --citus only: CPU seconds by process group during the measured mixed load. */
  cpu: Record<string, number> | null;
  /** --citus only: per-call costs measured on this target (see bench/citus.ts). */
  calls: CallCost[];
}

interface TargetHooks {
  /** Process groups whose CPU to sample during the measured part of the mixed scenario (the service is added). */
  cpuGroups?: () => Promise<Record<string, number | null>>;
  /** Runs after the scenarios, with the seeded program and members. */
  after?: (context: BenchContext, rules: ReturnType<typeof rulesPayload>) => Promise<CallCost[]>;
  /** The pgbench comparison runs the ledger functions with their member looked up in a subquery, which a cluster
   * cannot route to one worker: off there. The jobs comparison goes with it (the single node's main run only). */
  sqlComparison: boolean;
}

/** Starts the service on `database`, seeds it and runs every scenario (then pgbench, when asked and mixed ran). */
async function runTarget(
  database: { url: string; kind: string },
  options: Options,
  scenarios: Scenario[],
  runId: string,
  cleanups: Array<() => Promise<unknown>>,
  hooks: TargetHooks,
): Promise<TargetRun> {
  const operatorToken = `bench-operator-${randomBytes(16).toString('hex')}`;
  const port = await freePort();
  log(`starting the service on port ${port} (DB_POOL_SIZE=${options.poolSize})`);
  const service: RunningService = await startService(
    {
      DATABASE_URL: database.url,
      OPERATOR_TOKEN: operatorToken,
      // A log line per request would cost a large share of the throughput we are trying to measure.
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      DB_POOL_SIZE: String(options.poolSize),
      // The limit is per API key per window, and the bench sends everything with one key per role at several
      // thousand requests a second: the default (100k per 60 s) would start answering 429 partway through a
      // scenario and we would measure the limiter. 10M is the highest the configuration accepts.
      RATE_LIMIT_MAX: '10000000',
    },
    port,
  );
  cleanups.push(() => service.stop());

  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  // With --citus the single node's database is dropped before the run ends, under this pool's idle connections.
  pool.on('error', () => undefined);
  cleanups.push(async () => void (pool.ending ? undefined : await pool.end()));
  const serverVersion = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;

  /** A program with the run's settings, a key of each role and `options.members` members seeded with SQL. */
  const createProgram = async (name: string) => {
    const created = await api<{ program: { id: string; settings: ProgramSettings }; api_key: { secret: string } }>(
      service.baseUrl,
      'POST',
      '/v1/programs',
      operatorToken,
      { name: `${name} ${runId}`, settings: RULES[options.rules] },
    );
    const admin = created.api_key.secret;
    const issue = async (role: string) => (await api<{ secret: string }>(service.baseUrl, 'POST', '/v1/api-keys', admin, { role, name: `bench ${role}` })).secret;
    const keys = { admin, pos: await issue('pos'), read: await issue('read') };
    const seedStart = performance.now();
    const memberIds = await seedMembers(pool, created.program.id, options.members, runId);
    log(`${name}: seeded ${memberIds.length} members in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    return { programId: created.program.id, settings: created.program.settings, keys, memberIds };
  };
  const main = await createProgram('bench');
  if (options.outbox === 'off') {
    await discardEvents(pool);
    log('outbox off: event rows are discarded');
  }

  const context: BenchContext = {
    baseUrl: service.baseUrl,
    programId: main.programId,
    keys: main.keys,
    memberIds: main.memberIds,
    pool,
    runId,
    createProgram,
  };
  const results: ScenarioResult[] = [];
  let cpu: Record<string, number> | null = null;
  for (const scenario of scenarios) {
    if (hooks.cpuGroups && scenario.name === 'mixed') {
      const sampler = cpuSampler({ ...(await hooks.cpuGroups()), service: service.pid, 'load generator (this process)': process.pid });
      measuring = { start: () => sampler.start(), stop: () => void (cpu = sampler.stop()) };
    }
    try {
      results.push(await runScenario(scenario, context, options, service.pid));
    } finally {
      measuring = null;
    }
  }

  compareWithBaselines(scenarios, results);

  // The gate's absolute p99 limit is one measurement on a shared 2-core machine, where a neighbour's burst can push a
  // healthy scenario past it: a scenario over it (and nothing else wrong) is measured once more, and the gate judges
  // the second measurement. A regression is over the limit both times.
  if (options.gate) {
    for (const [i, r] of results.entries()) {
      const scenario = scenarios.find((s) => s.name === r.name);
      if (!scenario || r.baseline || r.analytics || r.errors > 0 || r.latencyMs.p99 < GATE_P99_MS) continue;
      log(`${r.name}: p99 ${r.latencyMs.p99} ms reached the gate's ${GATE_P99_MS} ms limit; measuring it once more`);
      const again = await runScenario(scenario, context, options, service.pid);
      log(`${r.name}: measured again, p99 ${again.latencyMs.p99} ms (first ${r.latencyMs.p99} ms)`);
      results[i] = again;
    }
  }

  let jobs: JobsComparison | null = null;
  const mixedScenario = scenarios.find((sc) => sc.name === 'mixed');
  // Not in a --gate run: a job that is running when the load ends is waited for (so pgbench gets an idle database),
  // which on a slow machine is minutes the gate does not judge.
  if (hooks.sqlComparison && !options.gate && mixedScenario && results.some((r) => r.name === 'mixed')) {
    log(`mixed: once more, beside the scheduled jobs run back to back (${SCHEDULED_JOBS.join(', ')})`);
    const stopJobs = runJobsBackToBack(service.baseUrl, main.keys.admin);
    let mixed: ScenarioResult | undefined;
    try {
      mixed = await runScenario(mixedScenario, context, options, service.pid);
    } finally {
      const figures = await stopJobs();
      if (mixed) jobs = { mixed, ...figures };
    }
  }

  // The same ledger SQL without the service, in the same run, so the ratio survives the machine's noise.
  let sql: SqlComparison | null = null;
  if (hooks.sqlComparison && results.some((r) => r.name === 'mixed')) {
    log(`pgbench: the mixed load's SQL alone, ${options.poolSize} clients, ${options.duration} s`);
    sql = await compareWithSql({
      pool,
      connectionString: database.url,
      programId: main.programId,
      memberIds: main.memberIds,
      rules: rulesPayload(main.settings, new Date()),
      clients: options.poolSize,
      durationSeconds: options.duration,
    });
  }
  const calls = hooks.after ? await hooks.after(context, rulesPayload(main.settings, new Date())) : [];
  // The next target gets the machine to itself.
  await service.stop();
  await pool.end();
  return { results, jobs, sql, serverVersion, kind: database.kind, cpu, calls };
}

/** Per-call costs on the cluster: the coordinator (delegated) and the worker holding the members (direct). */
function citusCallCosts(cluster: ClusterDatabase, options: Options, single: CallCost[]) {
  return async (context: BenchContext, rules: ReturnType<typeof rulesPayload>): Promise<CallCost[]> => {
    const firstWorker = new URL(cluster.workerUrls[0]!);
    const members = await membersOnWorker(cluster.url, context.memberIds, Number(firstWorker.port), 500);
    const cpuGroups: Record<string, number | null> = { coordinator: await postmasterPid(cluster.url) };
    for (const url of cluster.workerUrls) cpuGroups[`worker ${new URL(url).port}`] = await postmasterPid(url);
    const costs: CallCost[] = [...single];
    for (const fn of ['balance', 'earn'] as const) {
      for (const [via, url] of [
        ['coordinator (delegated)', cluster.url],
        [`worker ${firstWorker.port} (direct)`, cluster.workerUrls[0]!],
      ] as const) {
        log(`per-call cost: ledger_${fn} via the ${via}`);
        costs.push(await measureCalls({ via, url, fn, programId: context.programId, members, rules, cpuGroups, ...perCallSettings(options) }));
      }
    }
    return costs;
  };
}

const perCallSettings = (options: Options) => ({ sequential: 300, clients: Math.min(options.poolSize, 8), seconds: Math.min(options.duration, 10) });

/** Single node: the same calls, for the baseline. */
function singleCallCosts(options: Options, url: string, into: CallCost[]) {
  return async (context: BenchContext, rules: ReturnType<typeof rulesPayload>): Promise<CallCost[]> => {
    const members = context.memberIds.slice(0, 500);
    const cpuGroups = { 'single node': await postmasterPid(url) };
    for (const fn of ['balance', 'earn'] as const) {
      log(`per-call cost: ledger_${fn} on the single node`);
      into.push(await measureCalls({ via: 'single node', url, fn, programId: context.programId, members, rules, cpuGroups, ...perCallSettings(options) }));
    }
    return [];
  };
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model ?? null,
    memory_gib: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

async function main(): Promise<number> {
  const options = parseOptions();
  // --citus compares the mixed load unless scenarios are named.
  const scenarios = selectScenarios(options.scenario ?? (options.citus ? 'mixed' : undefined));
  const runId = randomBytes(4).toString('hex');

  // Undone in reverse order: stop the service before dropping its database.
  const cleanups: Array<() => Promise<unknown>> = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      running?.stop();
      runningFlood?.stop();
      for (const undo of cleanups.reverse()) {
        await undo().catch((error: unknown) => log(`cleanup step failed: ${error instanceof Error ? error.message : String(error)}`));
      }
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }

  try {
    const database = await createThrowawayDatabase(process.env['BENCH_DATABASE_URL'] || undefined, log);
    cleanups.push(() => database.dispose());
    if (options.citus) return await citusMain(database, options, scenarios, runId, cleanups);
    const { results, jobs, sql, serverVersion } = await runTarget(database, options, scenarios, runId, cleanups, { sqlComparison: true });
    // After the loads, with the bench's service stopped: the machine is the new process's alone.
    let startup: StartupFigures | null = null;
    if (results.some((r) => r.name === 'mixed')) {
      log('timing a fresh start and a restart on the embedded default');
      startup = await measureStartup(await freePort());
    }

    const report = {
      generated_at: new Date().toISOString(),
      commit: gitCommit(),
      machine: { ...machineInfo(), postgres: serverVersion, database: database.kind },
      settings: {
        duration_s: options.duration,
        warmup_s: options.warmup,
        connections: options.connections,
        pool_size: options.poolSize,
        members: options.members,
        analytics_members: options.analyticsMembers,
        analytics_concurrency: options.analyticsConcurrency,
        rules: options.rules,
        outbox: options.outbox,
        gate_p99_ms: GATE_P99_MS,
      },
      scenarios: results,
      sql_comparison: sql,
      jobs,
      startup,
    };
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(RESULTS_FILE, JSON.stringify(report, null, 2) + '\n');

    const machine = machineInfo();
    process.stdout.write(
      `\npoints-ledger bench: ${machine.cpus} CPUs, Node ${process.version}, PostgreSQL ${serverVersion} (${database.kind}), ` +
        `${options.duration} s per scenario, ${options.connections} connections, pool ${options.poolSize}, ${options.members} members, rules ${options.rules}, outbox ${options.outbox}\n\n`,
    );
    process.stdout.write(`${formatTable(results)}\n`);
    const mixedResult = results.find((r) => r.name === 'mixed');
    if (mixedResult) {
      const meets = mixedResult.requestsPerSecond >= MIXED_TARGET.requestsPerSecond && mixedResult.latencyMs.p99 <= MIXED_TARGET.p99Ms && mixedResult.errors === 0;
      process.stdout.write(
        `\nmixed load target (ledger issue): >= ${MIXED_TARGET.requestsPerSecond} req/s, p99 <= ${MIXED_TARGET.p99Ms} ms, no errors: ` +
          `${mixedResult.requestsPerSecond.toFixed(0)} req/s, p99 ${mixedResult.latencyMs.p99} ms, ${mixedResult.errors} errors -> ${meets ? 'met' : 'NOT met'}\n`,
      );
    }
    if (sql) process.stdout.write(`\n${formatSqlComparison(sql, mixedResult)}\n`);
    const scale = results.find((r) => r.scale)?.scale;
    if (mixedResult || scale) process.stdout.write(`\n${formatSpeedTargets(mixedResult, sql, jobs, startup, scale)}\n`);
    process.stdout.write(`\nwrote ${RESULTS_FILE}\n`);

    if (options.gate) {
      const failures = gateFailures(results);
      if (failures.length > 0) {
        process.stdout.write(`\nbench gate: FAIL (no errors; p99 under ${GATE_P99_MS} ms, or for a scenario with a baseline its cost ratio within its maximum)\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
        return 1;
      }
      process.stdout.write(`\nbench gate: PASS (no errors; every p99 under ${GATE_P99_MS} ms, or for a scenario with a baseline its cost ratio within its maximum)\n`);
    }
    return 0;
  } finally {
    await cleanup();
  }
}

/**
 * --citus: the same scenarios on the single node and then on a Citus cluster (BENCH_CITUS_URL's, or one of our own),
 * one after the other in this run, with the CPU each node spent under the mixed load and the per-call costs a
 * scaling model needs (bench/CITUS.md).
 */
async function citusMain(single: ThrowawayDatabase, options: Options, scenarios: Scenario[], runId: string, cleanups: Array<() => Promise<unknown>>): Promise<number> {
  const singleCalls: CallCost[] = [];
  const singlePostmaster = await postmasterPid(single.url);
  log('--citus: the single node first');
  const singleRun = await runTarget(single, options, scenarios, runId, cleanups, {
    sqlComparison: false,
    cpuGroups: async () => ({ 'single node PostgreSQL': singlePostmaster }),
    after: singleCallCosts(options, single.url, singleCalls),
  });
  await single.dispose();

  const cluster = await createClusterThrowawayDatabase(process.env['BENCH_CITUS_URL'] || undefined, log);
  cleanups.push(() => cluster.dispose());
  log('--citus: now the cluster');
  const clusterRun = await runTarget({ url: cluster.url, kind: 'citus' }, options, scenarios, runId, cleanups, {
    sqlComparison: false,
    cpuGroups: async () => {
      const groups: Record<string, number | null> = { coordinator: await postmasterPid(cluster.url) };
      for (const url of cluster.workerUrls) groups[`worker ${new URL(url).port}`] = await postmasterPid(url);
      return groups;
    },
    after: citusCallCosts(cluster, options, singleCalls),
  });

  const report = {
    generated_at: new Date().toISOString(),
    commit: gitCommit(),
    machine: { ...machineInfo(), postgres: clusterRun.serverVersion },
    settings: { duration_s: options.duration, warmup_s: options.warmup, connections: options.connections, pool_size: options.poolSize, members: options.members, rules: options.rules },
    single_node: { database: singleRun.kind, postgres: singleRun.serverVersion, scenarios: singleRun.results, cpu_seconds: singleRun.cpu },
    citus: { scenarios: clusterRun.results, cpu_seconds: clusterRun.cpu, per_call: clusterRun.calls },
  };
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(CITUS_RESULTS_FILE, JSON.stringify(report, null, 2) + '\n');

  const machine = machineInfo();
  process.stdout.write(
    `\npoints-ledger bench --citus: ${machine.cpus} CPUs shared by every process, Node ${process.version}, ${options.duration} s per scenario, ` +
      `${options.connections} connections, pool ${options.poolSize}, ${options.members} members, rules ${options.rules}\n`,
  );
  process.stdout.write(`\nsingle node (PostgreSQL ${singleRun.serverVersion}, ${singleRun.kind}):\n${formatTable(singleRun.results)}\n`);
  process.stdout.write(`\nCitus (coordinator + ${cluster.workerUrls.length} workers on this machine, PostgreSQL ${clusterRun.serverVersion}):\n${formatTable(clusterRun.results)}\n`);
  process.stdout.write(`\n${formatCitusComparison(singleRun, clusterRun)}\n`);
  process.stdout.write(`\nwrote ${CITUS_RESULTS_FILE}\n`);
  const errors = [...singleRun.results, ...clusterRun.results].reduce((sum, r) => sum + r.errors, 0);
  return options.gate && errors > 0 ? 1 : 0;
}

function formatCitusComparison(single: TargetRun, cluster: TargetRun): string {
  const lines: string[] = ['cluster / single node:'];
  for (const result of cluster.results) {
    const base = single.results.find((r) => r.name === result.name);
    if (!base) continue;
    lines.push(
      `  ${result.name}: ${result.requestsPerSecond.toFixed(0)} vs ${base.requestsPerSecond.toFixed(0)} req/s (x${(result.requestsPerSecond / base.requestsPerSecond).toFixed(2)}), ` +
        `p50 ${result.latencyMs.p50} vs ${base.latencyMs.p50} ms, p99 ${result.latencyMs.p99} vs ${base.latencyMs.p99} ms, errors ${result.errors} vs ${base.errors}`,
    );
  }
  const perRequest = (run: TargetRun) => {
    const mixed = run.results.find((r) => r.name === 'mixed');
    if (!run.cpu || !mixed) return [];
    const total = Object.values(run.cpu).reduce((x, y) => x + y, 0);
    return Object.entries(run.cpu).map(
      ([name, seconds]) => `    ${name}: ${((seconds / mixed.requests) * 1000).toFixed(3)} ms CPU per request, ${((seconds / total) * 100).toFixed(0)} % of the CPU spent`,
    );
  };
  lines.push('CPU during the measured mixed load (utime+stime of each server and its backends, the service, the load generator):');
  lines.push('  single node:', ...perRequest(single), '  Citus:', ...perRequest(cluster));
  lines.push('per-call cost of one ledger function call (node-postgres named statement, as the service sends it):');
  for (const call of cluster.calls) {
    lines.push(
      `  ledger_${call.fn} via ${call.via}: 1 client ${call.sequential.meanMs.toFixed(2)} ms mean, ${call.sequential.p50Ms.toFixed(2)} ms p50, ${call.sequential.p99Ms.toFixed(2)} ms p99 (${call.sequential.calls} calls); ` +
        `${call.concurrent.clients} clients ${call.concurrent.callsPerSecond.toFixed(0)} calls/s; CPU per call: ` +
        Object.entries(call.cpuMsPerCall).map(([name, ms]) => `${name} ${ms.toFixed(2)} ms`).join(', '),
    );
  }
  return lines.join('\n');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const detail = error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`[bench] failed: ${detail}\n`);
    process.exit(1);
  },
);
