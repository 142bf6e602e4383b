import { loadConfig } from '../config.ts';
import { createLogger } from '../observability/logger.ts';
import { openDatabase } from '../db/connect.ts';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL);
const database = await openDatabase(config, logger);
await database.close();
logger.info('database is up to date');
