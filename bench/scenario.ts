import { randomBytes, randomInt } from 'node:crypto';
import type pg from 'pg';
import type { ScenarioResult } from './report.ts';

/** One HTTP request a scenario wants sent. `body` is serialised as JSON. */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  /** The API key to send as `Authorization: Bearer`; omit for public routes. */
  key?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A figure from shared/design/ledger.md ("Speed: what this machine can do") to compare a scenario against. */
export interface Reference {
  /** The row of ledger.md's table this is compared with. */
  label: string;
  /** Throughput range the table gives (ops/s or tx/s). */
  throughput: readonly [low: number, high: number];
  /** p99 range in ms, where the table gives one. */
  p99Ms?: readonly [low: number, high: number];
}

/** What every scenario gets: the running service, a program with one key of each role, and the seeded members. */
export interface BenchContext {
  baseUrl: string;
  programId: string;
  keys: { admin: string; pos: string; read: string };
  /** Ids of the members seeded before the first scenario (BENCH_MEMBERS of them). */
  memberIds: readonly string[];
  /** A pool on the bench database, for setup that is faster in SQL than over HTTP. Not for use during the load. */
  pool: pg.Pool;
  /** Unique per bench run; prefix anything that must be unique (external_ref, receipt_id, Idempotency-Key). */
  runId: string;
  /**
   * Another program with the same settings, keys and as many seeded members, for a scenario whose setup would change
   * what the others measure (e.g. active promotions, which take every purchase of their program off the plain path).
   */
  createProgram(name: string): Promise<BenchProgram>;
}

export interface BenchProgram {
  programId: string;
  keys: BenchContext['keys'];
  memberIds: readonly string[];
}

/**
 * A scenario measured against another of the same run: its cost (1 / throughput, and p50) as a multiple of the
 * baseline's. Both run in the same process on the same machine minutes apart, so the ratio survives the machine's noise
 * better than either figure. `target` is the issue's; with --gate only `maximum` (generous, against noise) fails.
 */
export interface Baseline {
  scenario: string;
  target: number;
  maximum: number;
}

/**
 * A scenario prepares once (setup), then returns a function that builds the next request each time autocannon needs
 * one. The builder is called once per request on every connection, so keep it cheap; put state in the closure.
 */
export interface Scenario {
  name: string;
  description: string;
  reference?: Reference;
  /**
   * Measure the load twice: alone, then while bench/flood.ts sends requests with invalid API keys to `path` on
   * --flood-connections connections. The report gives the second throughput as a share of the first.
   */
  flood?: { path: string; minimumRatio: number };
  /** Compare with this scenario of the same run (selecting this one runs the baseline first). */
  baseline?: Baseline;
  setup(context: BenchContext): Promise<() => BenchRequest> | (() => BenchRequest);
  /**
   * A scenario that measures its own way (the analytics one: seeds a large program, times reports one by one, then
   * loads the service twice) instead of the runner's one load of `setup`'s requests. Its result is the table's row.
   */
  run?(context: BenchContext, harness: BenchHarness): Promise<ScenarioResult>;
}

/** What the runner lends a scenario with its own `run`: the run's settings and its load generator. */
export interface BenchHarness {
  duration: number;
  connections: number;
  warmup: number;
  /** --analytics-members, --analytics-concurrency, --analytics-repetitions. */
  analytics: { members: number; concurrency: number; repetitions: number };
  /** One autocannon load of `next`'s requests through the service, summarised as a row of the table named `name`. */
  load(name: string, description: string, next: () => BenchRequest, seconds: number): Promise<ScenarioResult>;
  log(message: string): void;
}

export const randomItem = <T>(items: readonly T[]): T => {
  if (items.length === 0) throw new Error('randomItem of an empty list');
  return items[randomInt(items.length)]!;
};

/** A process-unique, increasing counter with a random run-scoped prefix: cheap unique keys for request bodies. */
export function uniqueSequence(prefix: string): () => string {
  const salt = randomBytes(3).toString('hex');
  let n = 0;
  return () => `${prefix}-${salt}-${(n++).toString(36)}`;
}
