import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import type pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { fixedClock, systemClock, type Clock } from '../../src/clock.ts';
import { createDb, createPool, type Db } from '../../src/db/pool.ts';
import { createAnalyticsPool } from '../../src/db/connect.ts';
import { createTestDatabase } from './database.ts';

export const OPERATOR_TOKEN = 'test-operator-token-0123456789';

/** Nothing listens on port 1: connections are refused at once. For apps whose database is down. */
export const UNREACHABLE_DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/unreachable';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  pool: pg.Pool;
  /** The analytics read path's own pool (ANALYTICS_POOL_SIZE), as openDatabase makes it for the server; apps built
   * without one read reports through `pool`. */
  analyticsPool?: pg.Pool;
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
  /** Use this server instead of a fresh test database (for example one that does not answer); nothing is dropped. */
  databaseUrl?: string;
  /** Runs after buildApp and before ready(): the place to add a test-only route. */
  beforeReady?: (app: FastifyInstance) => void | Promise<void>;
}

/** An app on its own fresh database. Call once per file (beforeAll) and close it in afterAll. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp & { clock: ReturnType<typeof fixedClock> | Clock }> {
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const config = loadConfig({
    OPERATOR_TOKEN,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    // Generous: many test files share two cores.
    DB_CONNECT_TIMEOUT_MS: '5000',
    ...options.env,
  });
  const pool = createPool({
    connectionString: database.url,
    max: config.DB_POOL_SIZE,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
  });
  // As in openDatabase: a dropped idle connection must not crash the test run.
  pool.on('error', () => undefined);
  const db = createDb(pool);
  const analyticsPool = createAnalyticsPool(config, database.url);
  analyticsPool.on('error', () => undefined);
  const analyticsDb = createDb(analyticsPool);
  const clock = options.now ? fixedClock(options.now) : systemClock;
  const app = await buildApp({ config, db, pool, analyticsDb, clock, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    db,
    pool,
    analyticsPool,
    config,
    clock,
    call: ({ key, headers, ...rest }) =>
      app.inject({ ...rest, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } }),
    close: async () => {
      await app.close();
      await db.destroy();
      await analyticsDb.destroy();
      // Kysely ends the pool only if a query went through it.
      if (!pool.ending) await pool.end();
      if (!analyticsPool.ending) await analyticsPool.end();
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

export async function createProgram(t: TestApp, name = 'Test program', settings: Record<string, unknown> = {}) {
  const created = await t.call({ method: 'POST', url: '/v1/programs', key: OPERATOR_TOKEN, payload: { name, settings } });
  if (created.statusCode !== 201) throw new Error(`program creation failed: ${created.body}`);
  return created.json() as { program: { id: string; name: string }; api_key: { id: string; role: 'admin'; secret: string } };
}

/** Issues a key through the API, as an admin would. */
export async function issueKey(t: TestApp, adminKey: string, role: 'admin' | 'pos' | 'read', name?: string): Promise<{ id: string; secret: string }> {
  const res = await t.call({ method: 'POST', url: '/v1/api-keys', key: adminKey, payload: { role, ...(name ? { name } : {}) } });
  if (res.statusCode !== 201) throw new Error(`key creation failed: ${res.body}`);
  return res.json();
}

/** A program with one key of each role. */
export async function createProgramFixture(t: TestApp, settings: Record<string, unknown> = {}): Promise<ProgramFixture> {
  const { program, api_key } = await createProgram(t, 'Test program', settings);
  return {
    programId: program.id,
    adminKey: api_key.secret,
    posKey: (await issueKey(t, api_key.secret, 'pos')).secret,
    readKey: (await issueKey(t, api_key.secret, 'read')).secret,
  };
}

export async function enroll(t: TestApp, key: string, profile: Record<string, unknown> = {}): Promise<{ id: string; loyalty_id: string }> {
  const res = await t.call({ method: 'POST', url: '/v1/members', key, payload: profile });
  if (res.statusCode !== 201) throw new Error(`enroll failed: ${res.body}`);
  return res.json();
}

/**
 * One app on its own database and one program for a whole test file: made before the file's tests, closed after.
 * `assign` hands them to the file's variables.
 */
export function useTestProgram(assign: (t: TestApp, p: ProgramFixture) => void, options: TestAppOptions = {}): void {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await createTestApp(options);
    assign(app, await createProgramFixture(app));
  });
  afterAll(() => app?.close());
}

/**
 * The same, with the app listening on a real socket (`base`: its URL): truly parallel HTTP requests then race on
 * real connections, as many tills' do.
 */
export function useSocketTestProgram(assign: (t: TestApp, p: ProgramFixture, base: string) => void, options: TestAppOptions = {}): void {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await createTestApp(options);
    const program = await createProgramFixture(app);
    assign(app, program, await app.app.listen({ port: 0, host: '127.0.0.1' }));
  });
  afterAll(() => app?.close());
}
