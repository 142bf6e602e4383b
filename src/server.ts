import closeWithGrace from 'close-with-grace';
import { loadConfig, ConfigError } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { openDatabase } from './db/connect.ts';
import { buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { createMetrics } from './observability/metrics.ts';
import { startWebhookWorker, webhookSettings } from './webhooks/dispatcher.ts';

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
      }) : null;

  // On SIGTERM/SIGINT: stop accepting, let in-flight requests finish, then close the pool and the embedded database.
  closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await scheduler?.stop();
    await webhooks?.stop();
    await app.close();
    await database.close();
    logger.info('stopped');
  });

  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error: unknown) => {
  process.stderr.write(`points-ledger failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
