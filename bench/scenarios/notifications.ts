import { setTimeout as sleep } from 'node:timers/promises';
import type { ScenarioResult } from '../report.ts';
import type { BenchContext, BenchHarness, Scenario } from '../scenario.ts';
import { mixed } from './ledger.ts';

/**
 * Issue 16 item 1: sending a notification to 100,000 members does not move the mixed write load's p99 by more than
 * 20 %.
 *
 * 1. A program of its own gets BENCH_NOTIFICATION_MEMBERS members (100,000 by default) with push consent, written
 *    with set-based SQL, and no quiet hours or caps (the send must not wait for the time of day).
 * 2. The mixed write load (70 % earn, 25 % redeem, 5 % balance) on the bench program is measured alone.
 * 3. A notification to every member of the other program is created and the notifications job started through the
 *    service (POST /v1/jobs/notifications/run: the same code the scheduler runs), and the same load is measured again
 *    while it sends. The report gives both p99s, their ratio against the 1.2, the send's duration and rate,
 *    and how much of the measured load it overlapped (a send that ends early understates its cost).
 */

export const NOTIFICATIONS_P99_TARGET = 1.2;
const DEFAULT_AUDIENCE = 100_000;
const SEED_CHUNK = 10_000;

export interface NotificationFigures {
  audience: number;
  seedSeconds: number;
  idle: { requestsPerSecond: number; p50: number; p99: number; errors: number };
  whileSending: { requestsPerSecond: number; p50: number; p99: number; errors: number };
  p99Ratio: number;
  target: number;
  send: { status: number; seconds: number; dispatched: number; perSecond: number; overlapPercent: number };
}

async function api(baseUrl: string, method: string, path: string, key: string, body: unknown) {
  const res = await fetch(baseUrl + path, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function run(context: BenchContext, harness: BenchHarness): Promise<ScenarioResult> {
  const { log } = harness;
  // bench/run.ts reads the other BENCH_* variables; this one only this scenario uses.
  const audience = Number(process.env['BENCH_NOTIFICATION_MEMBERS'] ?? DEFAULT_AUDIENCE);
  const program = await context.createProgram('notifications');
  await api(context.baseUrl, 'PATCH', '/v1/program', program.keys.admin, {
    settings: { engagement: { frequency_cap: { per_day: null, per_week: null }, quiet_hours: null, conversion_window_days: 7 } },
  });
  log(`notifications: seeding ${audience} members with push consent`);
  const seedStart = performance.now();
  const consent = JSON.stringify({ push: { granted: true, updated_at: new Date().toISOString() } });
  for (let from = 1; from <= audience; from += SEED_CHUNK) {
    await context.pool.query(
      `INSERT INTO members (id, program_id, loyalty_id, name, phone, consents, created_at, updated_at)
       SELECT 'mem_ntfbench' || lpad(i::text, 7, '0'), $1, lpad((50000000 + i)::text, 8, '0'), 'Member ' || i,
              '+99450' || lpad(i::text, 7, '0'), $2::jsonb, now() - interval '1 day', now() - interval '1 day'
         FROM generate_series($3::int, least($3::int + $4::int - 1, $5::int)) i`,
      [program.programId, consent, from, SEED_CHUNK, audience],
    );
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const next = await mixed.setup(context);
  if (harness.warmup > 0) await harness.load('mixed (warm-up)', '', next, harness.warmup);
  log(`notifications: mixed write load alone, ${harness.duration} s`);
  const idle = await harness.load('mixed (no send)', mixed.description, next, harness.duration);

  await api(context.baseUrl, 'POST', '/v1/notifications', program.keys.admin, { audience: { all: true }, channels: ['push'], title: 'Hi {{first_name}}', body: 'Bench' });
  log(`notifications: mixed write load while the job sends to ${audience} members`);
  const sendStart = performance.now();
  const sending = fetch(`${context.baseUrl}/v1/jobs/notifications/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${program.keys.admin}`, 'content-type': 'application/json' },
    body: '{}',
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as { notifications_dispatched?: number }, seconds: (performance.now() - sendStart) / 1000 }));
  // The first batch is under way before the load starts.
  await sleep(200);
  const loadStart = performance.now();
  const loaded = await harness.load('notifications', 'mixed write load while a notification is sent (bench/scenarios/notifications.ts)', next, harness.duration);
  const loadEnd = performance.now();
  const sent = await sending;
  const sendEnd = sendStart + sent.seconds * 1000;
  const overlap = Math.max(0, Math.min(sendEnd, loadEnd) - loadStart) / (loadEnd - loadStart);
  const dispatched = sent.body.notifications_dispatched ?? 0;

  const figures = (r: ScenarioResult) => ({ requestsPerSecond: r.requestsPerSecond, p50: r.latencyMs.p50, p99: r.latencyMs.p99, errors: r.errors });
  const notifications: NotificationFigures = {
    audience,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    idle: figures(idle),
    whileSending: figures(loaded),
    p99Ratio: loaded.latencyMs.p99 / Math.max(1, idle.latencyMs.p99),
    target: NOTIFICATIONS_P99_TARGET,
    send: { status: sent.status, seconds: Math.round(sent.seconds * 10) / 10, dispatched, perSecond: Math.round(dispatched / sent.seconds), overlapPercent: Math.round(overlap * 100) },
  };
  log(
    `notifications: p99 ${idle.latencyMs.p99} ms alone, ${loaded.latencyMs.p99} ms while sending (${notifications.p99Ratio.toFixed(2)}x, target <= ${NOTIFICATIONS_P99_TARGET}x); ` +
      `sent ${dispatched} in ${notifications.send.seconds} s (${notifications.send.perSecond}/s), overlapping ${notifications.send.overlapPercent} % of the measured load`,
  );
  return { ...loaded, notifications };
}

export const notifications: Scenario = {
  name: 'notifications',
  description: 'mixed write load while the notifications job sends to BENCH_NOTIFICATION_MEMBERS (100,000) members',
  setup() {
    throw new Error('the notifications scenario runs its own way (run)');
  },
  run,
};
