import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import type pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { fixedClock, systemClock, type Clock } from '../../src/clock.ts';
import { createDb, createPool, type Db } from '../../src/db/pool.ts';
import { createTestDatabase } from './database.ts';

export const OPERATOR_TOKEN = 'test-operator-token-0123456789';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  pool: pg.Pool;
  config: Config;
  clock: Clock;
  /** Sends a request; `key` becomes `Authorization: Bearer <key>`. */
  call(options: InjectOptions & { key?: string | undefined }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Start the clock at this instant and let the test move it. */
  now?: Date;
}

/** An app on its own fresh database. Call once per file (beforeAll) and close it in afterAll. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp & { clock: ReturnType<typeof fixedClock> | Clock }> {
  const database = await createTestDatabase();
  const config = loadConfig({ OPERATOR_TOKEN, DATABASE_URL: database.url, LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ...options.env });
  const pool = createPool({ connectionString: database.url, max: config.DB_POOL_SIZE, statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS, connectTimeoutMs: 5_000 });
  const db = createDb(pool);
  const clock = options.now ? fixedClock(options.now) : systemClock;
  const app = await buildApp({ config, db, pool, clock, logger: pino({ level: 'silent' }) });
  await app.ready();
  return {
    app,
    db,
    pool,
    config,
    clock,
    call: ({ key, headers, ...rest }) =>
      app.inject({ ...rest, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } }),
    close: async () => {
      await app.close();
      await db.destroy();
      await database.drop();
    },
  };
}

export interface ProgramFixture {
  programId: string;
  adminKey: string;
  posKey: string;
  readKey: string;
}

/** A program with one key of each role. */
export async function createProgramFixture(t: TestApp, settings: Record<string, unknown> = {}): Promise<ProgramFixture> {
  const created = await t.call({
    method: 'POST',
    url: '/v1/programs',
    headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
    payload: { name: 'Test program', settings },
  });
  if (created.statusCode !== 201) throw new Error(`program creation failed: ${created.body}`);
  const { program, api_key } = created.json();
  const issue = async (role: string) => {
    const res = await t.call({ method: 'POST', url: '/v1/api-keys', key: api_key.secret, payload: { role } });
    if (res.statusCode !== 201) throw new Error(`key creation failed: ${res.body}`);
    return res.json().secret as string;
  };
  return { programId: program.id, adminKey: api_key.secret, posKey: await issue('pos'), readKey: await issue('read') };
}

export async function enroll(t: TestApp, key: string, profile: Record<string, unknown> = {}): Promise<{ id: string; loyalty_id: string }> {
  const res = await t.call({ method: 'POST', url: '/v1/members', key, payload: profile });
  if (res.statusCode !== 201) throw new Error(`enroll failed: ${res.body}`);
  return res.json();
}
