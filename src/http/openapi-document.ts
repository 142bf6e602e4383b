import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type pg from 'pg';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { systemClock } from '../clock.ts';
import { createDb, createPool } from '../db/pool.ts';

export const OPENAPI_PATH = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));

/** The document as committed: built from the route schemas without a database (no connection is ever opened). */
export async function renderOpenApi(): Promise<string> {
  const pool = createPool({ connectionString: 'postgresql://unused@127.0.0.1:1/unused', max: 1, statementTimeoutMs: 1000, connectTimeoutMs: 1000 });
  const app = await buildApp({
    config: loadConfig({}),
    db: createDb(pool),
    pool: pool as pg.Pool,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    // The document is the same on either; saying so keeps buildApp from asking the (absent) database.
    cluster: false,
  });
  await app.ready();
  const document = JSON.stringify(app.swagger(), null, 2) + '\n';
  await app.close();
  await pool.end();
  return document;
}
