import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import pino from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/clock.ts';
import { createDb, createPool } from '../../src/db/pool.ts';
import { fanOut } from '../../src/webhooks/dispatcher.ts';
import { startScheduler } from '../../src/jobs/scheduler.ts';
import { createTestDatabase } from './database.ts';
import { until } from './service-process.ts';
import { OPERATOR_TOKEN, createProgramFixture, enroll, type ProgramFixture, type TestApp } from './app.ts';
import { post, purchase } from './ledger.ts';

/** Whether promtool (Debian package `prometheus`) is on PATH. */
export const promtoolAvailable = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
export const PROMTOOL_SKIP_NOTE = 'promtool is not on PATH: promtool checks skipped; .ci/run installs the Debian package prometheus';

/** Runs promtool with `input` on stdin. */
export function promtool(args: string[], input?: string): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { input, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A test app like createTestApp's, whose JSON log lines are kept in `logs`. */
export async function createLoggedTestApp(): Promise<TestApp & { logs: Record<string, unknown>[] }> {
  const database = await createTestDatabase();
  const config = loadConfig({ OPERATOR_TOKEN, DATABASE_URL: database.url, LOG_LEVEL: 'info', JOBS_ENABLED: 'false', DB_CONNECT_TIMEOUT_MS: '5000' });
  const pool = createPool({ connectionString: database.url, max: config.DB_POOL_SIZE, statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS, connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS });
  pool.on('error', () => undefined);
  const db = createDb(pool);
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = await buildApp({ config, db, pool, clock: systemClock, logger: pino({ level: 'info' }, destination) });
  await app.ready();
  return {
    app,
    db,
    pool,
    config,
    clock: systemClock,
    logs,
    call: ({ key, headers, ...rest }) => app.inject({ ...rest, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } }),
    close: async () => {
      await app.close();
      if (!pool.ending) await db.destroy();
      if (!pool.ending) await pool.end();
      await database.drop();
    },
  };
}

/**
 * Traffic that touches every family of metrics: ledger writes committed, replayed and refused, problems, a scheduled
 * job run, a pending webhook delivery. Returns what it made.
 */
export async function driveTraffic(t: TestApp): Promise<{ p: ProgramFixture; memberId: string; endpointId: string }> {
  const p = await createProgramFixture(t);
  const webhook = await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload: { url: 'https://receiver.example.com/hooks' } });
  expect(webhook.statusCode, webhook.body).toBe(201);
  const endpointId = (webhook.json() as { id: string }).id;

  const member = await enroll(t, p.posKey);
  await purchase(t, p.posKey, member.id, 1250);
  const key = randomUUID();
  const redemption = { member_id: member.id, points: 1_000_000 };
  expect((await post(t, p.posKey, '/v1/redemptions', redemption, key)).statusCode).toBe(422);
  expect((await post(t, p.posKey, '/v1/redemptions', redemption, key)).headers['idempotent-replayed']).toBe('true');
  const adjustKey = randomUUID();
  expect((await post(t, p.adminKey, '/v1/adjustments', { member_id: member.id, points: 5, reason: 'goodwill' }, adjustKey)).statusCode).toBe(201);
  expect((await post(t, p.adminKey, '/v1/adjustments', { member_id: member.id, points: 5, reason: 'goodwill' }, adjustKey)).statusCode).toBe(201);
  expect((await t.call({ method: 'GET', url: '/v1/members', key: 'plk_not_a_real_key' })).statusCode).toBe(401);

  // The scheduler's first tick runs every job for the program.
  const scheduler = startScheduler({ db: t.db, pool: t.pool, clock: t.clock, logger: pino({ level: 'silent' }), intervalMs: 20, metrics: t.app.metrics });
  try {
    await until('a scheduled job run', async () => (await t.app.metrics.jobRuns.get()).values.length > 0, 10_000);
  } finally {
    await scheduler.stop();
  }
  // Deliveries are made from the feed once the transactions before them have ended: other files' may still be open.
  const pending = async () => {
    await fanOut({ db: t.db, clock: t.clock });
    const { rows } = await t.pool.query<{ n: string }>(`SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = $1`, [endpointId]);
    return Number(rows[0]!.n) > 0;
  };
  await until('a pending webhook delivery', pending, 15_000);
  return { p, memberId: member.id, endpointId };
}

export async function scrape(t: TestApp): Promise<string> {
  const res = await t.call({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  return res.body;
}

/** The value of one sample, by its exact name and label set as the exposition prints it; undefined when absent. */
export function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Every metric family a scrape declares (its `# TYPE` lines), with the type. */
export function metricFamilies(body: string): Map<string, string> {
  return new Map([...body.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}
