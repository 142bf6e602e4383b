import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.ts';
import { NOTIFICATION_BATCH } from '../../src/engagement/notifications.ts';
import { createProgramFixture, createTestApp, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { spawnService, statusOf, until, type ServiceProcess } from '../helpers/service-process.ts';

// issue 16 item 1: sending is resumable after a SIGKILL without a single duplicate or loss. The real service, as its
// own process, sends a notification to a few thousand members and is killed mid-send; a restarted one finishes it.
const MEMBERS = 5_000;
const CHANNELS = ['push', 'sms'] as const;
const PAIRS = MEMBERS * CHANNELS.length;

let t: TestApp;
let p: ProgramFixture;
let service: ServiceProcess | undefined;

beforeAll(async () => {
  t = await createTestApp();
  // The service runs on the real clock: no quiet hours or caps, so the send never waits for the time of day.
  p = await createProgramFixture(t, { engagement: { frequency_cap: { per_day: null, per_week: null }, quiet_hours: null, conversion_window_days: 7 } });
});
afterEach(() => service?.kill());
afterAll(() => t?.close());

async function start(): Promise<ServiceProcess> {
  const s = spawnService({ port: await freePort(), env: { DATABASE_URL: t.config.DATABASE_URL! } });
  await until('the service to be ready', async () => (await statusOf(s.base, '/readyz')) === 200, 60_000, s.output);
  return s;
}

const runJob = (base: string) =>
  fetch(`${base}/v1/jobs/notifications/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${p.adminKey}`, 'content-type': 'application/json' },
    body: '{}',
  });

const count = async (text: string, values: unknown[]) => (await t.pool.query<{ n: number }>(text, values)).rows[0]!.n;

it('a service killed mid-send loses and duplicates nothing: the restarted one finishes, one dispatch per member and channel', async () => {
  const consent = Object.fromEntries(CHANNELS.map((c) => [c, { granted: true, updated_at: '2026-01-01T00:00:00.000Z' }]));
  // Written straight into the table: enrolling thousands through the API would take minutes. In chunks: on a
  // cluster one INSERT ... SELECT of them all outlasts the statement timeout.
  for (let from = 1; from <= MEMBERS; from += 500) {
    await t.pool.query(
      `INSERT INTO members (id, program_id, loyalty_id, name, phone, consents, created_at, updated_at)
       SELECT 'mem_crash' || lpad(i::text, 6, '0'), $1, lpad((70000000 + i)::text, 8, '0'), 'Member ' || i, '+99450' || lpad(i::text, 7, '0'),
              $2::jsonb, now() - interval '1 day', now() - interval '1 day'
         FROM generate_series($3::int, $3::int + 499) i`,
      [p.programId, JSON.stringify(consent), from],
    );
  }
  const res = await t.call({ method: 'POST', url: '/v1/notifications', key: p.adminKey, payload: { audience: { all: true }, channels: CHANNELS, title: 'Hi {{first_name}}', body: 'B' } });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const decided = () => count('SELECT count(*)::int AS n FROM notification_recipients WHERE notification_id = $1', [id]);

  service = await start();
  const first = service;
  const run = runJob(first.base).catch(() => null);
  // Killed once a batch or more has committed, with more to go.
  await until('a first batch to commit', async () => (await decided()) > 0, 60_000, first.output);
  first.kill();
  expect(await first.exited).toBe('SIGKILL');
  expect(await run).toBeNull();

  // What the killed process left: whole batches only (each member's two channels with their events and touch).
  const left = await decided();
  expect(left).toBeGreaterThan(0);
  expect(left).toBeLessThan(PAIRS);
  expect(left % (NOTIFICATION_BATCH * CHANNELS.length)).toBe(0);
  expect(await count(`SELECT count(*)::int AS n FROM events WHERE type = 'notification.dispatch' AND data->>'notification_id' = $1`, [id])).toBe(left);
  expect(await count('SELECT count(*)::int AS n FROM engagement_touches WHERE source_id = $1', [id])).toBe(left / CHANNELS.length);

  service = await start();
  const resumed = await runJob(service.base);
  expect(resumed.status).toBe(200);
  expect(await resumed.json()).toMatchObject({ notifications_sent: 1, notifications_dispatched: PAIRS - left });

  // Exactly one dispatch per member and channel, and one touch per member.
  const { rows } = await t.pool.query<{ events: number; keys: number; members: number }>(
    `SELECT count(*)::int AS events, count(DISTINCT data->>'dispatch_key')::int AS keys, count(DISTINCT member_id)::int AS members
       FROM events WHERE type = 'notification.dispatch' AND data->>'notification_id' = $1`,
    [id],
  );
  expect(rows[0]).toEqual({ events: PAIRS, keys: PAIRS, members: MEMBERS });
  const { rows: sent } = await t.pool.query<{ member_id: string; channel: string }>(
    `SELECT member_id, data->>'channel' AS channel FROM events WHERE type = 'notification.dispatch' AND data->>'notification_id' = $1`,
    [id],
  );
  const { rows: members } = await t.pool.query<{ id: string }>('SELECT id FROM members WHERE program_id = $1', [p.programId]);
  const pairs = new Set(sent.map((r) => `${r.member_id}:${r.channel}`));
  expect(members.flatMap((m) => CHANNELS.map((c) => `${m.id}:${c}`)).filter((pair) => !pairs.has(pair))).toEqual([]);
  expect(await count('SELECT count(*)::int AS n FROM engagement_touches WHERE source_id = $1', [id])).toBe(MEMBERS);
  const after = await t.call({ method: 'GET', url: `/v1/notifications/${id}`, key: p.readKey });
  expect(after.json()).toMatchObject({ status: 'sent', counts: { audience: MEMBERS, dispatched: PAIRS, holdout: 0 } });
}, 180_000);
