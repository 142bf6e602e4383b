import { Registry, collectDefaultMetrics, Histogram, Gauge, Counter } from 'prom-client';
import type pg from 'pg';
import { buildInfo, type BuildInfo } from './build-info.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's metrics, for code that only has the request (problem answers). */
    metrics: Metrics;
  }
}

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  ledgerRetries: Counter<'operation'>;
  ledgerBatchSize: Histogram<string>;
  ledgerBatchesSplit: Counter<string>;
  ledgerOperations: Counter<'operation' | 'outcome' | 'code'>;
  ledgerPoints: Counter<'operation' | 'type'>;
  problems: Counter<'code' | 'status'>;
  jobRuns: Counter<'job_name' | 'outcome'>;
  jobDuration: Histogram<'job_name'>;
  jobLastSuccess: Gauge<'job_name'>;
  webhookDeliveries: Counter<'outcome'>;
  webhookAttemptDuration: Histogram<'result'>;
}

const DEFAULT_GAUGES_NAMED_TOTAL = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** At most this many endpoints get backlog series, the largest backlogs first: a scrape stays one cheap query. */
export const WEBHOOK_BACKLOG_ENDPOINTS = 200;

/**
 * One registry per app instance, so tests that build several apps never share or double-register metrics.
 * Names follow the Prometheus conventions `promtool check metrics` enforces: `_total` only on counters, base units
 * (seconds, bytes) in the name, and no label Prometheus sets itself (`job`, `instance`): scheduled jobs are `job_name`.
 */
export function createMetrics(pool: pg.Pool, build: BuildInfo = buildInfo()): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client also exposes these sums of nodejs_active_{handles,requests,resources}{type} as gauges named `_total`,
  // which Prometheus reserves for counters (promtool check metrics refuses them). sum() of the labelled ones is the same.
  for (const name of DEFAULT_GAUGES_NAMED_TOTAL) registry.removeSingleMetric(name);

  new Gauge({
    name: 'points_ledger_build_info',
    help: 'Always 1; the labels say which build runs: package version, Node.js version and git commit',
    labelNames: ['version', 'node', 'commit'] as const,
    registers: [registry],
  }).set({ version: build.version, node: build.node, commit: build.commit }, 1);

  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  const poolGauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  poolGauge('db_pool_connections', 'Connections open in the PostgreSQL pool', () => pool.totalCount);
  poolGauge('db_pool_connections_idle', 'Idle connections in the PostgreSQL pool', () => pool.idleCount);
  poolGauge('db_pool_connections_max', 'Connections the PostgreSQL pool may open (DB_POOL_SIZE)', () => pool.options.max ?? 10);
  poolGauge('db_pool_requests_waiting', 'Queries waiting for a pool connection', () => pool.waitingCount);

  const ledgerRetries = new Counter({
    name: 'ledger_transaction_retries_total',
    help: 'Ledger transactions retried after a serialization failure or deadlock',
    labelNames: ['operation'] as const,
    registers: [registry],
  });

  const ledgerBatchSize = new Histogram({
    name: 'ledger_batch_size',
    help: 'Ledger calls sent to the database together (1 when a connection was free)',
    buckets: [1, 2, 4, 8, 16, 32],
    registers: [registry],
  });

  const ledgerBatchesSplit = new Counter({
    name: 'ledger_batches_split_total',
    help: 'Batches that failed as a whole (one element refused or asked to retry) and were run again call by call',
    registers: [registry],
  });

  const ledgerOperations = new Counter({
    name: 'ledger_operations_total',
    help: 'Ledger writes by operation and outcome: committed, refused (code: the problem code), replayed (a stored answer to a repeated Idempotency-Key; code set when that answer was a refusal) or failed (no answer from the database)',
    labelNames: ['operation', 'outcome', 'code'] as const,
    registers: [registry],
  });

  const ledgerPoints = new Counter({
    name: 'ledger_points_total',
    help: 'Points moved by committed ledger writes, by operation and transaction type (the headline figure of each transaction, unsigned)',
    labelNames: ['operation', 'type'] as const,
    registers: [registry],
  });

  const problems = new Counter({
    name: 'http_problems_total',
    help: 'problem+json answers by problem code and HTTP status',
    labelNames: ['code', 'status'] as const,
    registers: [registry],
  });

  const jobRuns = new Counter({
    name: 'scheduled_job_runs_total',
    help: 'Scheduled job runs (one per job and program) by outcome: success or failure',
    labelNames: ['job_name', 'outcome'] as const,
    registers: [registry],
  });

  const jobDuration = new Histogram({
    name: 'scheduled_job_run_duration_seconds',
    help: 'Duration of a scheduled job run for one program, failed runs included',
    labelNames: ['job_name'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    registers: [registry],
  });

  const jobLastSuccess = new Gauge({
    name: 'scheduled_job_last_success_timestamp_seconds',
    help: 'Unix time the scheduler last finished a job run without error',
    labelNames: ['job_name'] as const,
    registers: [registry],
  });

  const webhookDeliveries = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook delivery attempts by what became of the delivery: succeeded, retrying (failed, retried later) or failed (given up)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });

  const webhookAttemptDuration = new Histogram({
    name: 'webhook_attempt_duration_seconds',
    help: 'Webhook attempt duration by result: 2xx, non_2xx, timeout, error (connection failed) or aborted (shutdown)',
    labelNames: ['result'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  // Read from the table on scrape, so every instance reports the same backlog whichever of them delivers. Both
  // gauges collect from one query: a scrape collects every metric at once, so the second reuses the first's.
  const backlog = inFlightOnce(async () => {
    const { rows } = await pool.query<{ endpoint_id: string; pending: number; oldest: number }>(
      `SELECT endpoint_id, count(*)::float8 AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
         FROM webhook_deliveries WHERE status = 'pending'
        GROUP BY endpoint_id ORDER BY count(*) DESC, endpoint_id LIMIT $1`,
      [WEBHOOK_BACKLOG_ENDPOINTS],
    );
    return rows;
  });
  const backlogGauge = (name: string, help: string, value: (row: { pending: number; oldest: number }) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['endpoint'] as const,
      registers: [registry],
      async collect() {
        const rows = await backlog().catch(() => null);
        // The database is unreachable: database_up says so; the scrape still answers with the other metrics.
        if (!rows) return;
        // Endpoints that drained drop out rather than linger at their last value.
        this.reset();
        for (const row of rows) this.set({ endpoint: row.endpoint_id }, value(row));
      },
    });
  backlogGauge(
    'webhook_backlog_deliveries',
    `Pending webhook deliveries (waiting or being retried) per endpoint that has any; at most ${WEBHOOK_BACKLOG_ENDPOINTS} endpoints, largest backlogs first`,
    (row) => row.pending,
  );
  backlogGauge('webhook_oldest_pending_age_seconds', 'Age of the oldest pending webhook delivery, per endpoint that has any', (row) => Math.max(0, row.oldest));

  // The event feed hands out an event only once every transaction that took an id before it has ended (src/events/feed.ts):
  // the oldest open write transaction on the server is how far the feed can be held back.
  const feedLag = inFlightOnce(async () => {
    const { rows } = await pool.query<{ lag: number }>(
      `SELECT coalesce(extract(epoch FROM now() - min(xact_start)), 0)::float8 AS lag FROM pg_stat_activity WHERE backend_xid IS NOT NULL`,
    );
    return rows[0]?.lag ?? 0;
  });
  new Gauge({
    name: 'event_feed_horizon_lag_seconds',
    help: 'Age of the oldest open write transaction on the database server: how long new events can wait before the feed hands them out',
    registers: [registry],
    async collect() {
      const lag = await feedLag().catch(() => null);
      if (lag !== null) this.set(lag);
    },
  });
  new Gauge({
    name: 'database_up',
    help: 'Whether the database answered the query this scrape made (1) or not (0): what /readyz checks, seen from Prometheus',
    registers: [registry],
    async collect() {
      this.set((await feedLag().then(() => 1).catch(() => 0)));
    },
  });

  return {
    registry,
    httpDuration,
    ledgerRetries,
    ledgerBatchSize,
    ledgerBatchesSplit,
    ledgerOperations,
    ledgerPoints,
    problems,
    jobRuns,
    jobDuration,
    jobLastSuccess,
    webhookDeliveries,
    webhookAttemptDuration,
  };
}

/** A transaction in a ledger write's answer: its type and headline figure. */
interface TransactionLike {
  type: string;
  points: number;
}

const isTransaction = (value: unknown): value is TransactionLike =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && typeof (value as { points?: unknown }).points === 'number';

/** The transactions a write's answer carries: the main one, a purchase's rate-rise bonus, an activity's extension. */
const TRANSACTION_FIELDS = ['transaction', 'bonus', 'extension'] as const;

/**
 * Counts one ledger write from what the database answered (src/ledger/sql-call.ts Outcome): a refusal (`error`),
 * a stored answer replayed (`replayed`), or a committed result whose transactions moved points.
 */
export function recordLedgerOutcome(metrics: Pick<Metrics, 'ledgerOperations' | 'ledgerPoints'>, operation: string, outcome: object): void {
  const { error, replayed } = outcome as { error?: unknown; replayed?: unknown };
  const code = typeof error === 'string' ? error : '';
  if (replayed === true) {
    metrics.ledgerOperations.inc({ operation, outcome: 'replayed', code });
    return;
  }
  if (code !== '') {
    metrics.ledgerOperations.inc({ operation, outcome: 'refused', code });
    return;
  }
  metrics.ledgerOperations.inc({ operation, outcome: 'committed', code: '' });
  for (const field of TRANSACTION_FIELDS) {
    const transaction = (outcome as Record<string, unknown>)[field];
    if (isTransaction(transaction) && transaction.points !== 0) {
      metrics.ledgerPoints.inc({ operation, type: transaction.type }, Math.abs(transaction.points));
    }
  }
}

/** A ledger write the database never answered (it was unreachable, overloaded, or the call broke). */
export function recordLedgerFailure(metrics: Pick<Metrics, 'ledgerOperations'>, operation: string): void {
  metrics.ledgerOperations.inc({ operation, outcome: 'failed', code: '' });
}

/** Runs one scheduled job and records its outcome, duration and, on success, the time it finished. */
export async function observeJob<T>(metrics: Pick<Metrics, 'jobRuns' | 'jobDuration' | 'jobLastSuccess'> | undefined, job: string, run: () => Promise<T>): Promise<T> {
  if (!metrics) return run();
  const end = metrics.jobDuration.startTimer({ job_name: job });
  try {
    const result = await run();
    metrics.jobRuns.inc({ job_name: job, outcome: 'success' });
    metrics.jobLastSuccess.setToCurrentTime({ job_name: job });
    return result;
  } catch (error) {
    metrics.jobRuns.inc({ job_name: job, outcome: 'failure' });
    throw error;
  } finally {
    end();
  }
}

/** `run`, shared by every caller while one call is under way: concurrent collects of one scrape make one query. */
function inFlightOnce<T>(run: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= run().finally(() => {
      pending = null;
    });
    return pending;
  };
}
