import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { UNREACHABLE_DATABASE_URL, createTestApp, enroll, type ProgramFixture, type TestApp, useTestProgram } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';

let t: TestApp;
let p: ProgramFixture;
useTestProgram((app, program) => {
  t = app;
  p = program;
});

const scrape = async () => {
  const res = await t.call({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  return res.body;
};

describe('GET /metrics', () => {
  it('should serve the Prometheus text format', async () => {
    const res = await t.call({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('should show how long an open write transaction holds the event feed back', async () => {
    const client = new pg.Client({ connectionString: t.config.DATABASE_URL });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_current_xact_id()');
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const lag = Number(/^event_feed_horizon_lag_seconds (\S+)$/m.exec(await scrape())?.[1]);
      expect(lag).toBeGreaterThanOrEqual(1);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('should record request durations by route template, never by concrete id', async () => {
    const member = await enroll(t, p.posKey);
    await t.call({ method: 'GET', url: '/v1/members', key: p.readKey });
    await t.call({ method: 'GET', url: `/v1/members/${member.id}`, key: p.readKey });
    await t.call({ method: 'GET', url: '/v1/members/mem_01jdq3v7f8e9t0sw2p1x5m3k4z', key: p.readKey });
    const body = await scrape();

    expect(body).toContain('# TYPE http_request_duration_seconds histogram');
    expect(body).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/v1\/members",status="200"\} [1-9]\d*$/m);
    expect(body).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/v1\/members",status="201"\} [1-9]\d*$/m);
    expect(body).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/v1\/members\/:id",status="200"\} 1$/m);
    expect(body).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/v1\/members\/:id",status="404"\} 1$/m);
    expect(body).toMatch(/^http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/v1\/members\/:id",status="200"\} \d+$/m);
    expect(body).not.toContain(member.id);
    expect(body).not.toContain('mem_01jdq3v7f8e9t0sw2p1x5m3k4z');
  });

  it('should put every unknown path under one label, so scanners cannot blow up cardinality', async () => {
    for (let i = 0; i < 3; i++) await t.call({ method: 'GET', url: `/wp-admin/probe-${i}.php` });
    const body = await scrape();
    expect(body).not.toContain('probe-');
    expect(body).toMatch(/^http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} [3-9]\d*$/m);
  });

  it('should count requests refused before routing, such as 401s, under their route', async () => {
    await t.call({ method: 'GET', url: '/v1/api-keys' });
    expect(await scrape()).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/v1\/api-keys",status="401"\} [1-9]\d*$/m);
  });

  it('should expose the database pool gauges', async () => {
    const body = await scrape();
    expect(body).toMatch(/^db_pool_connections \d+$/m);
    expect(body).toMatch(/^db_pool_connections_idle \d+$/m);
    expect(body).toMatch(/^db_pool_requests_waiting 0$/m);
    // The requests above opened at least one connection, now idle.
    const total = Number(/^db_pool_connections (\d+)$/m.exec(body)![1]);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(t.config.DB_POOL_SIZE);
  });

  it('should expose the process default metrics', async () => {
    const body = await scrape();
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(body).toContain(`# TYPE ${name}`);
    }
  });

  it('should keep each app instance its own registry', async () => {
    const other = await createTestApp({ databaseUrl: UNREACHABLE_DATABASE_URL });
    try {
      const body = (await other.call({ method: 'GET', url: '/metrics' })).body;
      expect(body).not.toMatch(/route="\/v1\/members"/);
    } finally {
      await other.close();
    }
  });
});

describe('health', () => {
  it('should answer GET /healthz with 200 ok', async () => {
    const res = await t.call({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('should answer GET /readyz with 200 ok while the database answers', async () => {
    const res = await t.call({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  describe('when the database is unreachable', () => {
    let down: TestApp;

    beforeAll(async () => {
      down = await createTestApp({ databaseUrl: UNREACHABLE_DATABASE_URL });
    });
    afterAll(() => down.close());

    it('should answer GET /readyz with 503 problem+json and Retry-After', async () => {
      const res = await down.call({ method: 'GET', url: '/readyz' });
      expectProblem(res, 503, 'database_unavailable');
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).not.toContain('ECONNREFUSED');
    });

    it('should still answer GET /healthz with 200: the process itself is alive', async () => {
      expect((await down.call({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    });

    it('should still serve /metrics', async () => {
      expect(await down.call({ method: 'GET', url: '/metrics' }).then((r) => r.body)).toMatch(/^db_pool_connections 0$/m);
    });
  });
});
