import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { systemClock } from '../../src/clock.ts';
import { startWebhookWorker } from '../../src/webhooks/dispatcher.ts';
import { OPERATOR_TOKEN, createProgramFixture, createTestApp, enroll, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EVENTS = 30;
const LEASE_MS = 1_500;
const TIMEOUT_MS = 1_000;
const CONCURRENCY = 4;

let t: TestApp;
let p: ProgramFixture;
let receiver: WebhookReceiver;
let child: ChildProcess | undefined;

beforeAll(async () => {
  // The receiver is on 127.0.0.1.
  t = await createTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } });
  p = await createProgramFixture(t);
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await receiver?.close();
  await t?.close();
});

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function deliveryStatuses(webhookId: string) {
  return t.db.selectFrom('webhook_deliveries').select(['event_id', 'status', 'attempts']).where('endpoint_id', '=', webhookId).execute();
}

it('a service killed mid-delivery loses nothing: another worker delivers every event', async () => {
  // Slow enough that the service has attempts in flight whenever it is killed.
  receiver.reply({ status: 200, delayMs: 250 });
  const created = await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload: { url: receiver.url, event_types: ['member.enrolled'] } });
  expect(created.statusCode, created.body).toBe(201);
  const endpoint = created.json() as { id: string; secret: string };
  const members = new Set<string>();
  for (let i = 0; i < EVENTS; i++) members.add((await enroll(t, p.posKey)).id);

  // The real service, as its own process, on the test database.
  let output = '';
  child = spawn(process.execPath, ['src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: t.config.DATABASE_URL,
      PORT: '0',
      OPERATOR_TOKEN,
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      WEBHOOK_POLL_INTERVAL_MS: '50',
      WEBHOOK_LEASE_MS: String(LEASE_MS),
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      WEBHOOK_CONCURRENCY: String(CONCURRENCY),
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child!.on('exit', (code, signal) => resolve(signal ?? code)));

  try {
    await receiver.waitFor((r) => r.length >= 8, 30_000);
  } catch (error) {
    throw new Error(`the service did not deliver: ${(error as Error).message}\n${output}`, { cause: error });
  }
  const inFlight = receiver.open();
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const receivedBeforeKill = receiver.requests.length;

  // It died mid-run: attempts were in flight, and deliveries are left unfinished.
  expect(inFlight).toBeGreaterThan(0);
  const left = (await deliveryStatuses(endpoint.id)).filter((d) => d.status !== 'succeeded');
  expect(left.length).toBeGreaterThan(0);
  expect(receivedBeforeKill).toBeLessThan(EVENTS);

  // Another instance takes over once the dead one's leases run out.
  const worker = startWebhookWorker({
    db: t.db,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    settings: { timeoutMs: TIMEOUT_MS, leaseMs: LEASE_MS, retryHours: 24, pollIntervalMs: 50, concurrency: CONCURRENCY, allowPrivateNetworks: true },
  });
  try {
    await until(
      'every delivery to succeed',
      async () => {
        const all = await deliveryStatuses(endpoint.id);
        return all.length === EVENTS && all.every((d) => d.status === 'succeeded');
      },
      30_000,
    );
  } finally {
    await worker.stop();
  }

  // Every event arrived, signed, at least once; repeats only for the attempts the dead service had claimed and not
  // recorded (at most its concurrency).
  const deliveries = await deliveryStatuses(endpoint.id);
  const verifier = new Webhook(endpoint.secret);
  const received = new Map<string, number>();
  for (const request of receiver.requests) {
    const event = verifier.verify(request.body, request.headers) as { id: string; type: string; member_id: string };
    expect(event.type).toBe('member.enrolled');
    expect(members.has(event.member_id)).toBe(true);
    received.set(event.id, (received.get(event.id) ?? 0) + 1);
  }
  expect([...received.keys()].sort()).toEqual(deliveries.map((d) => d.event_id).sort());
  expect(received.size).toBe(EVENTS);
  const repeats = [...received.values()].reduce((sum, n) => sum + n - 1, 0);
  expect(repeats).toBeLessThanOrEqual(CONCURRENCY);
  expect(deliveries.filter((d) => d.attempts > 1).length).toBeLessThanOrEqual(CONCURRENCY);
});
