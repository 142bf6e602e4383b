import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMTOOL_SKIP_NOTE, createLoggedTestApp, driveTraffic, metricFamilies, promtool, promtoolAvailable, sample, scrape } from '../helpers/metrics.ts';
import type { ProgramFixture, TestApp } from '../helpers/app.ts';

let t: TestApp & { logs: Record<string, unknown>[] };
let p: ProgramFixture;
let memberId: string;
let endpointId: string;
let body: string;

beforeAll(async () => {
  t = await createLoggedTestApp();
  ({ p, memberId, endpointId } = await driveTraffic(t));
  body = await scrape(t);
}, 60_000);
afterAll(() => t?.close());

if (!promtoolAvailable) console.warn(PROMTOOL_SKIP_NOTE);

describe('metrics an operator watches', () => {
  it('passes promtool check metrics after traffic', (ctx) => {
    if (!promtoolAvailable) ctx.skip(PROMTOOL_SKIP_NOTE);
    const { status, output } = promtool(['check', 'metrics'], body);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('puts _total only on counters, and counters only under _total', () => {
    for (const [name, type] of metricFamilies(body)) {
      if (name.endsWith('_total')) expect({ name, type }).toEqual({ name, type: 'counter' });
      if (type === 'counter') expect(name).toMatch(/_total$/);
    }
  });

  it('counts ledger writes by operation and outcome, refusals with their code, and the points they moved', () => {
    expect(sample(body, 'ledger_operations_total{operation="purchase",outcome="committed",code=""}')).toBe(1);
    expect(sample(body, 'ledger_operations_total{operation="redemption",outcome="refused",code="insufficient_points"}')).toBe(1);
    expect(sample(body, 'ledger_operations_total{operation="redemption",outcome="replayed",code="insufficient_points"}')).toBe(1);
    expect(sample(body, 'ledger_operations_total{operation="adjustment",outcome="committed",code=""}')).toBe(1);
    expect(sample(body, 'ledger_operations_total{operation="adjustment",outcome="replayed",code=""}')).toBe(1);
    // 12.50 AZN at 8 points per AZN; the replayed adjustment moved nothing.
    expect(sample(body, 'ledger_points_total{operation="purchase",type="earn"}')).toBe(100);
    expect(sample(body, 'ledger_points_total{operation="adjustment",type="adjust"}')).toBe(5);
  });

  it('counts every problem+json answer by code and status', () => {
    expect(sample(body, 'http_problems_total{code="insufficient_points",status="422"}')).toBe(2);
    expect(sample(body, 'http_problems_total{code="unauthenticated",status="401"}')).toBe(1);
  });

  it('counts scheduled job runs, their duration and the time of the last success, per job', () => {
    const runs = sample(body, 'scheduled_job_runs_total{job_name="mature",outcome="success"}');
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'scheduled_job_run_duration_seconds_count{job_name="mature"}')).toBe(runs);
    const lastSuccess = sample(body, 'scheduled_job_last_success_timestamp_seconds{job_name="mature"}')!;
    expect(Math.abs(lastSuccess - Date.now() / 1000)).toBeLessThan(120);
  });

  it('shows the webhook backlog and the age of the oldest pending delivery per endpoint', () => {
    expect(sample(body, `webhook_backlog_deliveries{endpoint="${endpointId}"}`)).toBeGreaterThanOrEqual(1);
    expect(sample(body, `webhook_oldest_pending_age_seconds{endpoint="${endpointId}"}`)).toBeGreaterThanOrEqual(0);
  });

  it('drops an endpoint from the backlog once nothing is pending for it', async () => {
    await t.pool.query(`UPDATE webhook_deliveries SET status = 'succeeded', completed_at = now() WHERE endpoint_id = $1`, [endpointId]);
    const after = await scrape(t);
    expect(sample(after, `webhook_backlog_deliveries{endpoint="${endpointId}"}`)).toBeUndefined();
    expect(sample(after, `webhook_oldest_pending_age_seconds{endpoint="${endpointId}"}`)).toBeUndefined();
  });

  it('says which build runs', () => {
    const line = body.split('\n').find((l) => l.startsWith('points_ledger_build_info{'));
    expect(line).toMatch(/^points_ledger_build_info\{version="\d+\.\d+\.\d+[^"]*",node="v\d+\.\d+\.\d+",commit="[^"]+"\} 1$/);
    expect(line).toContain(`node="${process.version}"`);
  });

  it('says whether the database answered the scrape', () => {
    expect(sample(body, 'database_up')).toBe(1);
  });

  it('exposes the pool size next to the pool gauges, so saturation is a ratio', () => {
    expect(sample(body, 'db_pool_connections_max')).toBe(t.config.DB_POOL_SIZE);
    expect(sample(body, 'db_pool_connections')).toBeGreaterThan(0);
  });
});

describe('log lines', () => {
  const completed = (route: string, status: number) => t.logs.filter((l) => l['msg'] === 'request completed' && l['route'] === route && l['status'] === status);

  it('carry the program and key of an authenticated request', async () => {
    await t.call({ method: 'GET', url: `/v1/members/${memberId}`, key: p.readKey });
    const [line] = completed('/v1/members/:id', 200);
    expect(line).toMatchObject({ program_id: p.programId, key_id: expect.stringMatching(/^key_/) });
  });

  it('carry the problem code of a problem answer, with the key that was refused', () => {
    const [refused] = completed('/v1/redemptions', 422);
    expect(refused).toMatchObject({ problem_code: 'insufficient_points', program_id: p.programId, key_id: expect.any(String) });
    const [unauthenticated] = completed('/v1/members', 401);
    expect(unauthenticated).toMatchObject({ problem_code: 'unauthenticated' });
    expect(unauthenticated).not.toHaveProperty('key_id');
  });

  it('carry the problem code on error logs', async () => {
    // Last in the file: the pool is gone from here on, so the next query fails as a broken database call would.
    await t.pool.end();
    const res = await t.call({ method: 'GET', url: '/v1/members', key: p.readKey });
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    const code = (res.json() as { code: string }).code;
    const errors = t.logs.filter((l) => (l['level'] as number) >= 40 && l['err'] !== undefined);
    expect(errors.length).toBeGreaterThan(0);
    for (const line of errors) expect(line).toMatchObject({ problem_code: code });
  });
});
