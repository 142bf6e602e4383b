import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';
import { loadConfig, ConfigError, type Config } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { buildApp } from './app.ts';
import { isDistributed } from './db/placement.ts';
import { systemClock } from './clock.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { createMetrics } from './observability/metrics.ts';
import { buildInfo } from './observability/build-info.ts';
import { startWebhookWorker, webhookSettings } from './webhooks/dispatcher.ts';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** A shutdown signal this soon after the first is the same one delivered twice, not a request to hurry. */
const DUPLICATE_SIGNAL_MS = 1_000;

/** Until the configuration names a level, start-up failures are still logged as JSON lines, like everything else. */
let logger: Logger = createLogger('info');

async function main() {
  const config = loadConfig(process.env);
  logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config, logger);
  try {
    await serve(config, database);
  } catch (error) {
    // The embedded PostgreSQL we started (and the pool) must not outlive a start that failed, e.g. on a port in use.
    await database.close().catch((closeError: unknown) => logger.warn({ err: closeError }, 'closing the database failed'));
    throw error;
  }
}

async function serve(config: Config, database: Database) {
  const metrics = createMetrics(database.pool, buildInfo(config.BUILD_COMMIT));
  const webhooks = config.WEBHOOKS_ENABLED
    ? startWebhookWorker({
        db: database.db,
        clock: systemClock,
        logger,
        metrics,
        settings: webhookSettings(config),
        // Attempts still running then are cut short (and retried later), so shutdown fits in its own timeout.
        stopGraceMs: Math.min(config.WEBHOOK_TIMEOUT_MS, Math.floor(config.SHUTDOWN_TIMEOUT_MS / 2)),
      })
    : null;
  const cluster = await isDistributed(database.pool);
  const app = await buildApp({
    config,
    db: database.db,
    pool: database.pool,
    analyticsDb: database.analyticsDb,
    clock: systemClock,
    logger,
    metrics,
    cluster,
    ...(webhooks ? { webhookWorker: webhooks } : {}),
  });
  const scheduler = config.JOBS_ENABLED ? startScheduler({
        db: database.db,
        pool: database.pool,
        clock: systemClock,
        logger,
        intervalMs: config.JOBS_INTERVAL_MS,
        idempotencyRetentionHours: config.IDEMPOTENCY_RETENTION_HOURS,
        eventsRetentionDays: config.EVENTS_RETENTION_DAYS,
        metrics,
      }) : null;

  // On SIGTERM/SIGINT (or a crash): stop accepting, let in-flight requests finish, then close the pool and the
  // embedded database.
  let signalled: NodeJS.Signals | undefined;
  let shutdownBegan: number | undefined;
  const shutdown = closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS, logger, skip: [...SHUTDOWN_SIGNALS] }, async ({ err }) => {
    shutdownBegan = performance.now();
    database.shuttingDown();
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal: signalled }, 'shutting down');
    await scheduler?.stop();
    await webhooks?.stop();
    await app.close();
    await database.close();
    logger.info('stopped');
  });
  // Our own signal handling, not close-with-grace's: under `npm start` a Ctrl-C reaches node twice (from the terminal,
  // and forwarded by npm), and that copy must not count as an operator's second signal, which forces an exit. These
  // listeners also stay installed throughout: with none, node restores the default action and a signal kills at once.
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdownBegan === undefined) {
      signalled = signal;
      // Before anything else runs: a Ctrl-C stops the embedded PostgreSQL at this same moment.
      database.shuttingDown();
      shutdown.close();
    } else if (performance.now() - shutdownBegan >= DUPLICATE_SIGNAL_MS) {
      logger.error(`second ${signal}, exiting`);
      process.exit(1);
    }
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);

  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    // Nothing was served: stop what already runs beside the app, so the process can exit.
    for (const signal of SHUTDOWN_SIGNALS) process.off(signal, onSignal);
    shutdown.uninstall();
    await scheduler?.stop();
    await webhooks?.stop();
    await app.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) logger.fatal({ problems: error.problems }, `points-ledger failed to start: ${error.message}`);
  else logger.fatal({ err: error }, `points-ledger failed to start: ${error instanceof Error ? error.message : String(error)}`);
  // A setting the environment must fix (such as an unreachable DATA_DIR): restarting as it is will not help.
  process.exit(error instanceof ConfigError ? 78 : 1); // 78: EX_CONFIG
});
