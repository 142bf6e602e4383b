import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface PoolOptions {
  connectionString: string;
  max: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  applicationName?: string;
  /** PostgreSQL settings for every session of the pool, sent in the startup packet (no extra round trip). */
  sessionSettings?: Record<string, string | number>;
}

const INT8_OID = 20;
const DATE_OID = 1082;

// Points and money are bigint columns; every figure we store fits well inside 2^53, so numbers are safe and
// spare every caller a string-to-number conversion.
const typeOverrides = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    // A `date` has no time zone: keep 'YYYY-MM-DD' rather than a Date at local midnight.
    if (oid === DATE_OID) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
};

export function createPool(options: PoolOptions): pg.Pool {
  return new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    // A runaway query must not hold a connection (and its locks) forever.
    statement_timeout: options.statementTimeoutMs,
    idle_in_transaction_session_timeout: options.statementTimeoutMs * 2,
    application_name: options.applicationName ?? 'points-ledger',
    ...(options.sessionSettings && {
      options: Object.entries(options.sessionSettings)
        .map(([name, value]) => `-c ${name}=${value}`)
        .join(' '),
    }),
    types: typeOverrides as pg.CustomTypesConfig,
  });
}

export function createDb(pool: pg.Pool): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
