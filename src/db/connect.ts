import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.ts';
import { createDb, createPool, type Db } from './pool.ts';
import { checkMigrated, migrate } from './migrate.ts';

export interface Database {
  db: Db;
  pool: pg.Pool;
  /** Reports' own connections (ANALYTICS_POOL_SIZE), apart from the write path's `pool` (src/analytics/read.ts). */
  analyticsDb: Db;
  analyticsPool: pg.Pool;
  embedded: EmbeddedDatabase | null;
  /** The service is shutting down: connections lost from now on (the database stopping too) are expected. */
  shuttingDown(): void;
  /** Closes the pool, then stops the embedded cluster if we started one. */
  close(): Promise<void>;
}

/** Connection losses this close together are one event (a restart drops every connection in the pool): logged once. */
const CONNECTION_LOSS_BURST_MS = 10_000;
/**
 * How long a lost connection waits before it is reported. A Ctrl-C reaches the embedded PostgreSQL (same process
 * group) as it reaches us, and its goodbyes can be read before our own signal handler has run.
 */
const CONNECTION_LOSS_REPORT_DELAY_MS = 250;

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL under DATA_DIR, and applies migrations (or, with
 * MIGRATE_ON_START=false, only checks the database is migrated). `migrate: true` migrates whatever the setting says.
 */
export async function openDatabase(config: Config, logger: Logger, options: { migrate?: boolean } = {}): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  let closing = false;
  let connectionString = config.DATABASE_URL;
  if (!connectionString) {
    const pgLog = logger.child({ component: 'embedded-postgres' });
    embedded = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      persistent: true,
      log: (m) => pgLog.debug(m),
      // Shutting down, the postmaster may exit before we stop it (a Ctrl-C signals it too): nothing to warn about.
      onSupervision: ({ level, message, details }) => pgLog[closing ? 'debug' : level](details, message),
    });
    connectionString = embedded.connectionString;
    logger.info({ port: embedded.port, data_dir: config.DATA_DIR }, 'embedded PostgreSQL started');
  }
  const pool = createPool({
    connectionString,
    max: config.DB_POOL_SIZE,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
  });
  // A client losing its connection (database restart) must not crash the process. pg emits that as an `error` event
  // on the client, with no listener while a request holds it between queries (an uncaught exception), so every client
  // gets its own listener. The pool's `error` event repeats it for idle clients: already logged.
  let lastWarnedAt = -Infinity;
  let alsoFailed = 0;
  const connectionFailed = (error: Error) => {
    setTimeout(() => {
      // Closing, the pool's last goodbyes can cross the database's own shutdown: expected, not worth a warning.
      if (closing) return logger.debug({ err: error }, 'database connection failed');
      const now = performance.now();
      if (now - lastWarnedAt < CONNECTION_LOSS_BURST_MS) {
        alsoFailed++;
        return logger.debug({ err: error }, 'database connection failed');
      }
      logger.warn({ err: error, ...(alsoFailed > 0 ? { also_failed_before: alsoFailed } : {}) }, 'database connection failed');
      lastWarnedAt = now;
      alsoFailed = 0;
    }, CONNECTION_LOSS_REPORT_DELAY_MS).unref();
  };
  pool.on('connect', (client) => client.on('error', connectionFailed));
  pool.on('error', () => undefined);
  const db = createDb(pool);
  const analyticsPool = createAnalyticsPool(config, connectionString);
  analyticsPool.on('connect', (client) => client.on('error', connectionFailed));
  analyticsPool.on('error', () => undefined);
  const analyticsDb = createDb(analyticsPool);
  const shuttingDown = () => {
    closing = true;
  };
  const close = async () => {
    closing = true;
    await db.destroy().catch((error: unknown) => logger.warn({ err: error }, 'closing the pool failed'));
    await analyticsDb.destroy().catch((error: unknown) => logger.warn({ err: error }, 'closing the analytics pool failed'));
    if (!analyticsPool.ending) await analyticsPool.end().catch((error: unknown) => logger.warn({ err: error }, 'closing the analytics pool failed'));
    // Kysely ends the pool only if a query ever went through it; a start that failed in migrate() never did.
    if (!pool.ending) await pool.end().catch((error: unknown) => logger.warn({ err: error }, 'closing the pool failed'));
    if (embedded) await embedded.stop();
  };
  try {
    if (!(options.migrate ?? config.MIGRATE_ON_START)) {
      await checkMigrated(pool);
      return { db, pool, analyticsDb, analyticsPool, embedded, shuttingDown, close };
    }
    let sources: string[] = [];
    let placed: string[] = [];
    const { applied } = await migrate(pool, undefined, {
      mode: config.DATABASE_MODE,
      onSourcesApplied: (paths) => (sources = paths),
      onTablesPlaced: (tables) => (placed = tables),
    });
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    if (sources.length > 0) logger.info({ sources: sources.length }, 'SQL sources applied');
    if (placed.length > 0) logger.info({ tables: placed }, 'tables placed on the Citus cluster');
  } catch (error) {
    await close();
    throw error;
  }
  return { db, pool, analyticsDb, analyticsPool, embedded, shuttingDown, close };
}

/**
 * The analytics read path's pool: ANALYTICS_POOL_SIZE connections under the analytics statement timeout. A report
 * waits here for a turn, never in the write path's pool, so however many reports are asked for at once, writes keep
 * every one of DB_POOL_SIZE connections (and load shedding, which watches that pool, never sheds writes for reports).
 * Its wait for a turn is bounded by the analytics timeout, not DB_CONNECT_TIMEOUT_MS: with more reports asked for
 * than the pool has connections, the others queue behind a report of several seconds, which is no sign of a database
 * that does not answer (pg's connectionTimeoutMillis bounds the wait in the queue and the connect alike).
 */
export function createAnalyticsPool(config: Config, connectionString: string): pg.Pool {
  return createPool({
    connectionString,
    max: config.ANALYTICS_POOL_SIZE,
    statementTimeoutMs: config.ANALYTICS_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.ANALYTICS_STATEMENT_TIMEOUT_MS,
    applicationName: 'points-ledger-analytics',
    sessionSettings: { max_parallel_workers_per_gather: config.ANALYTICS_PARALLEL_WORKERS },
  });
}
