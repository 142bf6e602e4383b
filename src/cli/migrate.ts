import { loadConfig } from '../config.ts';
import { createLogger } from '../observability/logger.ts';
import { openDatabase } from '../db/connect.ts';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
try {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  // MIGRATE_ON_START=false is for the service's start, not for this command, whose one job is to migrate.
  const database = await openDatabase(config, logger, { migrate: true });
  await database.close();
  logger.info('database is up to date');
} catch (error) {
  // A refused or failed migration is an operator's problem to read, not a stack trace.
  process.stderr.write(`migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
