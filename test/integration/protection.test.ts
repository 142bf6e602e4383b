import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { sql } from 'kysely';
import { UNREACHABLE_DATABASE_URL, createProgramFixture, createTestApp, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { issueApiKey } from '../../src/api-keys/api-keys.ts';
import { generateSecret } from '../../src/api-keys/secrets.ts';
import { createProgram } from '../../src/programs/programs.ts';
import { expectProblem } from '../helpers/problem.ts';

describe('rate limit', () => {
  let t: TestApp;
  let p: ProgramFixture;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' } });
    p = await createProgramFixture(t);
  });
  afterAll(() => t.close());

  // Straight to the database: issuing keys through the API would spend the admin key's own budget.
  const freshKey = async (role: 'pos' | 'read' = 'read') => (await issueApiKey(t.db, t.clock, { programId: p.programId, role })).secret;

  it('should answer the 4th request of one key within the window with 429 rate_limited and Retry-After', async () => {
    const key = await freshKey();
    for (let i = 0; i < 3; i++) expect((await t.call({ method: 'GET', url: '/v1/members', key })).statusCode).toBe(200);
    const res = await t.call({ method: 'GET', url: '/v1/members', key });
    const problem = expectProblem(res, 429, 'rate_limited');
    expect(problem.detail).toContain('3 requests');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('should count each key on its own', async () => {
    const noisy = await freshKey();
    const quiet = await freshKey();
    for (let i = 0; i < 4; i++) await t.call({ method: 'GET', url: '/v1/members', key: noisy });
    expectProblem(await t.call({ method: 'GET', url: '/v1/members', key: noisy }), 429, 'rate_limited');
    expect((await t.call({ method: 'GET', url: '/v1/members', key: quiet })).statusCode).toBe(200);
  });

  it('should limit writes as well as reads, and keep the write from happening', async () => {
    const key = await freshKey('pos');
    for (let i = 0; i < 3; i++) await t.call({ method: 'GET', url: '/v1/members', key });
    expectProblem(await t.call({ method: 'POST', url: '/v1/members', key, payload: { external_ref: 'limited' } }), 429, 'rate_limited');
    const found = await t.db.selectFrom('members').select('id').where('external_ref', '=', 'limited').execute();
    expect(found).toEqual([]);
  });

  it('should never limit /healthz, /readyz or /metrics', async () => {
    for (let i = 0; i < 10; i++) {
      for (const url of ['/healthz', '/readyz', '/metrics']) expect((await t.call({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});

describe('overload', () => {
  let t: TestApp;
  let p: ProgramFixture;
  let held: pg.PoolClient | null = null;

  beforeAll(async () => {
    t = await createTestApp({ env: { DB_POOL_SIZE: '1', DB_MAX_WAITING: '1', DB_CONNECT_TIMEOUT_MS: '2000' } });
    p = await createProgramFixture(t);
  });
  afterEach(() => {
    held?.release();
    held = null;
  });
  afterAll(() => t.close());

  it('should refuse a request with 503 overloaded and Retry-After once DB_MAX_WAITING requests wait for a connection', async () => {
    held = await t.pool.connect();
    const waiting = t.call({ method: 'GET', url: '/v1/members', key: p.readKey });
    await expect.poll(() => t.pool.waitingCount).toBe(1);

    const refused = await t.call({ method: 'GET', url: '/v1/members', key: p.readKey });
    expectProblem(refused, 503, 'overloaded');
    expect(refused.headers['retry-after']).toBe('1');

    held.release();
    held = null;
    expect((await waiting).statusCode).toBe(200);
  });

  it('should keep answering public endpoints while the pool is saturated', async () => {
    held = await t.pool.connect();
    const waiting = t.call({ method: 'GET', url: '/v1/members', key: p.readKey });
    await expect.poll(() => t.pool.waitingCount).toBe(1);
    expect((await t.call({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await t.call({ method: 'GET', url: '/metrics' })).body).toMatch(/^db_pool_requests_waiting 1$/m);
    held.release();
    held = null;
    await waiting;
  });

  it('should serve requests again once the pool drains', async () => {
    expect((await t.call({ method: 'GET', url: '/v1/members', key: p.readKey })).statusCode).toBe(200);
  });
});

describe('overload with DB_MAX_WAITING=0', () => {
  // Known bug: app.ts refuses when `pool.waitingCount >= DB_MAX_WAITING`, which with 0 ("never queue") refuses every
  // authenticated request even while a connection is idle. Once app.ts refuses only when the pool is also saturated,
  // this test fails; remove `.fails` then.
  it('should serve a request while a pool connection is idle', async () => {
    const strict = await createTestApp({ env: { DB_MAX_WAITING: '0', DB_POOL_SIZE: '2' } });
    try {
      // Straight to the database: with this bug even the operator cannot create a program through the API.
      const { apiKey } = await createProgram(strict.db, strict.clock, { name: 'strict' });
      const res = await strict.call({ method: 'GET', url: '/v1/members', key: apiKey.secret });
      expect(res.statusCode, res.body).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('database timeouts', () => {
  let t: TestApp;
  let p: ProgramFixture;

  beforeAll(async () => {
    t = await createTestApp({
      env: { DB_POOL_SIZE: '1', DB_STATEMENT_TIMEOUT_MS: '400', DB_CONNECT_TIMEOUT_MS: '500' },
      beforeReady: (app) => {
        app.get('/test/slow-query', { config: { access: 'public' } }, async () => {
          await sql`SELECT pg_sleep(2)`.execute(t.db);
          return { slept: true };
        });
      },
    });
    p = await createProgramFixture(t);
  });
  afterAll(() => t.close());

  it('should set statement_timeout on the app pool to DB_STATEMENT_TIMEOUT_MS', async () => {
    const { rows } = await t.pool.query<{ statement_timeout: string }>('SHOW statement_timeout');
    expect(rows[0]!.statement_timeout).toBe('400ms');
  });

  it('should cancel a statement that runs past the timeout and answer 503 overloaded with Retry-After', async () => {
    const started = performance.now();
    const res = await t.call({ method: 'GET', url: '/test/slow-query' });
    expect(performance.now() - started).toBeLessThan(1_500);
    expectProblem(res, 503, 'overloaded');
    expect(res.headers['retry-after']).toBe('1');
  });

  it('should answer 503 overloaded when no connection frees up within DB_CONNECT_TIMEOUT_MS', async () => {
    const held = await t.pool.connect();
    try {
      const res = await t.call({ method: 'GET', url: '/v1/members', key: p.readKey });
      expectProblem(res, 503, 'overloaded');
      expect(res.headers['retry-after']).toBe('1');
    } finally {
      held.release();
    }
    expect((await t.call({ method: 'GET', url: '/v1/members', key: p.readKey })).statusCode).toBe(200);
  });
});

describe('database unreachable', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ databaseUrl: UNREACHABLE_DATABASE_URL });
  });
  afterAll(() => t.close());

  it('should answer an authenticated request with 503 and Retry-After, not 500', async () => {
    // Well-formed, so it gets as far as the lookup: a malformed key is refused before the database is asked.
    const res = await t.call({ method: 'GET', url: '/v1/members', key: generateSecret() });
    expectProblem(res, 503, 'database_unavailable');
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).not.toContain('ECONNREFUSED');
  });
});
