import { Registry, collectDefaultMetrics, Histogram, Gauge, Counter } from 'prom-client';
import type pg from 'pg';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  ledgerRetries: Counter<'operation'>;
  ledgerBatchSize: Histogram<string>;
  webhookDeliveries: Counter<'outcome'>;
  webhookAttemptDuration: Histogram<'result'>;
}

/** One registry per app instance, so tests that build several apps never share or double-register metrics. */
export function createMetrics(pool: pg.Pool): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

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
  poolGauge('db_pool_connections_total', 'Connections open in the PostgreSQL pool', () => pool.totalCount);
  poolGauge('db_pool_connections_idle', 'Idle connections in the PostgreSQL pool', () => pool.idleCount);
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

  // The event feed hands out an event only once every transaction that took an id before it has ended (src/events/feed.ts):
  // the oldest open write transaction on the server is how far the feed can be held back.
  new Gauge({
    name: 'event_feed_horizon_lag_seconds',
    help: 'Age of the oldest open write transaction on the database server: how long new events can wait before the feed hands them out',
    registers: [registry],
    async collect() {
      try {
        const { rows } = await pool.query<{ lag: number }>(
          `SELECT coalesce(extract(epoch FROM now() - min(xact_start)), 0)::float8 AS lag FROM pg_stat_activity WHERE backend_xid IS NOT NULL`,
        );
        this.set(rows[0]?.lag ?? 0);
      } catch {
        // The database is unreachable: /readyz says so; the scrape still answers with the other metrics.
      }
    },
  });

  return { registry, httpDuration, ledgerRetries, ledgerBatchSize, webhookDeliveries, webhookAttemptDuration };
}
