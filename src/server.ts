import closeWithGrace from 'close-with-grace';
import { loadConfig, ConfigError } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { openDatabase } from './db/connect.ts';
import { buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { createMetrics } from './observability/metrics.ts';
import { startWebhookWorker, webhookSettings } from './webhooks/dispatcher.ts';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** A shutdown signal this soon after the first is the same one delivered twice, not a request to hurry. */
const DUPLICATE_SIGNAL_MS = 1_000;

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config, logger);
  const metrics = createMetrics(database.pool);
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
  const app = await buildApp({ config, db: database.db, pool: database.pool, clock: systemClock, logger, metrics, ...(webhooks ? { webhookWorker: webhooks } : {}) });
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
      shutdown.close();
    } else if (performance.now() - shutdownBegan >= DUPLICATE_SIGNAL_MS) {
      logger.error(`second ${signal}, exiting`);
      process.exit(1);
    }
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);

  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error: unknown) => {
  process.stderr.write(`points-ledger failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  // A setting the environment must fix (such as an unreachable DATA_DIR): restarting as it is will not help.
  process.exit(error instanceof ConfigError ? 78 : 1);
});
