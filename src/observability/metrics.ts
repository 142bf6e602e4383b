import { Registry, collectDefaultMetrics, Histogram, Gauge, Counter } from 'prom-client';
import type pg from 'pg';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  ledgerRetries: Counter<'operation'>;
  ledgerBatchSize: Histogram<string>;
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

  return { registry, httpDuration, ledgerRetries, ledgerBatchSize };
}
