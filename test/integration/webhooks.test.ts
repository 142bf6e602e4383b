import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { createDb, createPool } from '../../src/db/pool.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import {
  backoffMs,
  claimDue,
  deliver,
  fanOut,
  runWebhooksOnce,
  startWebhookWorker,
  webhookSettings,
  type WebhookDeps,
  type WebhookSettings,
} from '../../src/webhooks/dispatcher.ts';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { purchase, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

const START = new Date('2027-01-10T09:00:00.000Z');
const HOUR = 3_600_000;

let t: FixedClockTestApp;
let p: ProgramFixture;
let other: ProgramFixture;
let receiver: WebhookReceiver;

beforeAll(async () => {
  // The receiver is on 127.0.0.1; webhooks-private-networks.test.ts covers the default, which refuses it.
  t = (await createTestApp({ now: START, env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } })) as FixedClockTestApp;
  p = await createProgramFixture(t);
  other = await createProgramFixture(t);
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await t.db.deleteFrom('webhook_endpoints').execute();
  receiver.requests.length = 0;
  receiver.reply({ status: 200 });
  t.clock.set(START);
});

afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const silent = pino({ level: 'silent' });

/** Deliveries driven by the test, on the app's fixed clock; jitter pinned to none so backoff is exact. */
function deps(settings: Partial<WebhookSettings> = {}): WebhookDeps {
  return { db: t.db, clock: t.clock, logger: silent, settings: { ...webhookSettings(t.config), timeoutMs: 400, ...settings }, random: () => 0.5 };
}

/**
 * Runs passes until the receiver has `count` requests. Several passes may be needed: the feed only shows a
 * transaction once every older one on the server has finished, and other test files share the server.
 */
async function deliverUntil(count: number, d: WebhookDeps = deps()) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await runWebhooksOnce(d);
    if (receiver.requests.length >= count) return;
    if (Date.now() > deadline) throw new Error(`expected ${count} webhook requests, got ${receiver.requests.length}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function createWebhook(payload: Record<string, unknown>, key = p.adminKey) {
  const res = await t.call({ method: 'POST', url: '/v1/webhooks', key, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string; url: string; event_types: string[]; enabled: boolean };
}

interface DeliveryJson {
  id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempt_count: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  attempts: { attempt: number; status_code: number | null; error: string | null; duration_ms: number; response: string | null; started_at: string }[];
}

async function deliveriesOf(webhookId: string, query = ''): Promise<DeliveryJson[]> {
  const res = await t.call({ method: 'GET', url: `/v1/webhooks/${webhookId}/deliveries${query}`, key: p.adminKey });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
}

async function webhookOf(id: string) {
  const res = await t.call({ method: 'GET', url: `/v1/webhooks/${id}`, key: p.adminKey });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const payloadOf = (r: ReceivedWebhook) => JSON.parse(r.body) as { id: string; type: string; member_id: string | null; data: Record<string, unknown> };

describe('webhook endpoints API', () => {
  it('creates, lists, reads, changes and deletes an endpoint; only creation shows the secret', async () => {
    const created = await createWebhook({ url: 'https://crm.example.com/hooks', event_types: ['points.earned', 'member.enrolled'], description: 'CRM' });
    expect(created).toMatchObject({ url: 'https://crm.example.com/hooks', event_types: ['member.enrolled', 'points.earned'], enabled: true, description: 'CRM' });
    expect(created.id).toMatch(/^whk_/);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);

    const second = await createWebhook({ url: 'http://127.0.0.1:9/x' });
    expect(second.event_types).toEqual([]);
    expect(second.secret).not.toBe(created.secret);

    const page1 = await t.call({ method: 'GET', url: '/v1/webhooks?limit=1', key: p.adminKey });
    expect(page1.statusCode, page1.body).toBe(200);
    expect(page1.json().data).toHaveLength(1);
    expect(page1.json().data[0].id).toBe(created.id);
    expect(page1.json().data[0]).not.toHaveProperty('secret');
    const page2 = await t.call({ method: 'GET', url: `/v1/webhooks?limit=1&cursor=${page1.json().next_cursor}`, key: p.adminKey });
    expect(page2.json()).toMatchObject({ data: [{ id: second.id }], next_cursor: null });

    const read = await webhookOf(created.id);
    expect(read).toMatchObject({ id: created.id, url: created.url, enabled: true, disabled_reason: null, failing_since: null });
    expect(read).not.toHaveProperty('secret');

    const patched = await t.call({
      method: 'PATCH',
      url: `/v1/webhooks/${created.id}`,
      key: p.adminKey,
      payload: { url: 'https://crm.example.com/v2', event_types: [], description: null, enabled: false },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ url: 'https://crm.example.com/v2', event_types: [], description: null, enabled: false, disabled_reason: expect.any(String) });

    const deleted = await t.call({ method: 'DELETE', url: `/v1/webhooks/${created.id}`, key: p.adminKey });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expectProblem(await t.call({ method: 'GET', url: `/v1/webhooks/${created.id}`, key: p.adminKey }), 404, 'webhook_not_found');
    expectProblem(await t.call({ method: 'DELETE', url: `/v1/webhooks/${created.id}`, key: p.adminKey }), 404, 'webhook_not_found');
  });

  it('refuses bad input with field pointers', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://example.com/x' }, '/url'],
      [{ url: 'not a url' }, '/url'],
      [{}, '/url'],
      [{ url: 'https://example.com', event_types: ['points.earned', 'points.stolen'] }, '/event_types/1'],
      [{ url: 'https://example.com', enabled: 'yes' }, '/enabled'],
      [{ url: 'https://example.com', secret: 'whsec_mine' }, ''],
    ];
    for (const [payload, pointer] of cases) {
      const res = await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload });
      const problem = expectProblem(res, 400, 'validation_failed');
      if (pointer) expect(problem.errors?.map((e) => e.pointer), res.body).toContain(pointer);
    }
    const endpoint = await createWebhook({ url: 'https://example.com' });
    const res = await t.call({ method: 'PATCH', url: `/v1/webhooks/${endpoint.id}`, key: p.adminKey, payload: { event_types: ['nope'] } });
    expect(expectProblem(res, 400, 'validation_failed').errors?.[0]?.pointer).toBe('/event_types/0');
    expectProblem(await t.call({ method: 'GET', url: '/v1/webhooks?cursor=garbage', key: p.adminKey }), 400, 'validation_failed');
    expectProblem(await t.call({ method: 'GET', url: `/v1/webhooks/${endpoint.id}/deliveries?status=lost`, key: p.adminKey }), 400, 'validation_failed');
  });

  it('is for admin keys only', async () => {
    expectProblem(await t.call({ method: 'POST', url: '/v1/webhooks', key: p.posKey, payload: { url: 'https://example.com' } }), 403, 'forbidden');
    expectProblem(await t.call({ method: 'GET', url: '/v1/webhooks', key: p.readKey }), 403, 'forbidden');
    expectProblem(await t.call({ method: 'GET', url: '/v1/webhooks' }), 401, 'unauthenticated');
  });

  it("answers 404 for another program's endpoints and deliveries", async () => {
    receiver.reply({ status: 200 });
    const mine = await createWebhook({ url: receiver.url });
    await enroll(t, p.posKey);
    await deliverUntil(1);
    const [delivery] = await deliveriesOf(mine.id);
    const key = other.adminKey;
    expectProblem(await t.call({ method: 'GET', url: `/v1/webhooks/${mine.id}`, key }), 404, 'webhook_not_found');
    expectProblem(await t.call({ method: 'PATCH', url: `/v1/webhooks/${mine.id}`, key, payload: { enabled: false } }), 404, 'webhook_not_found');
    expectProblem(await t.call({ method: 'DELETE', url: `/v1/webhooks/${mine.id}`, key }), 404, 'webhook_not_found');
    expectProblem(await t.call({ method: 'GET', url: `/v1/webhooks/${mine.id}/deliveries`, key }), 404, 'webhook_not_found');
    expectProblem(await t.call({ method: 'POST', url: `/v1/webhooks/${mine.id}/deliveries/${delivery!.id}/retry`, key }), 404, 'webhook_not_found');
    const theirs = await createWebhook({ url: receiver.url }, key);
    expectProblem(await t.call({ method: 'POST', url: `/v1/webhooks/${theirs.id}/deliveries/${delivery!.id}/retry`, key }), 404, 'webhook_delivery_not_found');
    const list = await t.call({ method: 'GET', url: '/v1/webhooks', key });
    expect(list.json().data.map((w: { id: string }) => w.id)).toEqual([theirs.id]);
    // Still there for its own program.
    expect((await webhookOf(mine.id)).enabled).toBe(true);
  });
});

describe('webhook delivery', () => {
  it("delivers a purchase's points.earned over HTTP, signed as Standard Webhooks specifies", async () => {
    const endpoint = await createWebhook({ url: receiver.url, event_types: ['points.earned'] });
    const member = await enroll(t, p.posKey);
    const earned = await purchase(t, p.posKey, member.id, 1250);
    await deliverUntil(1);

    expect(receiver.requests).toHaveLength(1);
    const request = receiver.requests[0]!;
    // An independent implementation of the specification verifies it (and checks the timestamp against real time).
    const verified = new Webhook(endpoint.secret).verify(request.body, request.headers) as { id: string; type: string; program_id: string; member_id: string; data: { transaction: { id: string; points: number } } };
    expect(verified).toMatchObject({ type: 'points.earned', program_id: p.programId, member_id: member.id });
    expect(verified.data.transaction).toMatchObject({ id: earned.transaction.id, points: 100 });
    expect(request.headers['webhook-id']).toBe(verified.id);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/points-ledger/);
    // The real wall clock, not the test's fixed 2027 clock.
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);

    // A tampered body, another secret or a stale timestamp do not verify.
    expect(() => new Webhook(endpoint.secret).verify(request.body.replace('"points":100', '"points":900'), request.headers)).toThrow();
    const otherSecret = (await createWebhook({ url: 'https://example.com' })).secret;
    expect(() => new Webhook(otherSecret).verify(request.body, request.headers)).toThrow();
    expect(() => new Webhook(endpoint.secret).verify(request.body, { ...request.headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000) - 3600) })).toThrow();

    const [delivery, ...rest] = await deliveriesOf(endpoint.id);
    expect(rest).toEqual([]);
    expect(delivery).toMatchObject({ event_id: verified.id, event_type: 'points.earned', status: 'succeeded', attempt_count: 1, last_status_code: 200, next_attempt_at: null });
    expect(delivery!.attempts).toMatchObject([{ attempt: 1, status_code: 200, error: null, response: 'status 200' }]);
  });

  it('delivers only the event types an endpoint asked for, and only events after its creation', async () => {
    const before = await enroll(t, p.posKey);
    await createWebhook({ url: `${receiver.url}/all` });
    const earnedOnly = await createWebhook({ url: `${receiver.url}/earned`, event_types: ['points.earned'] });
    await createWebhook({ url: `${receiver.url}/other` }, other.adminKey);
    const member = await enroll(t, p.posKey);
    await purchase(t, p.posKey, member.id, 1250);
    await purchase(t, p.posKey, before.id, 2500);
    await deliverUntil(5);
    // One more pass: nothing else is due.
    await runWebhooksOnce(deps());

    const byPath = (path: string) => receiver.requests.filter((r) => r.path === `/hooks${path}`).map(payloadOf);
    expect(byPath('/all').map((e) => [e.type, e.member_id])).toEqual(
      expect.arrayContaining([
        ['member.enrolled', member.id],
        ['points.earned', member.id],
        ['points.earned', before.id],
      ]),
    );
    expect(byPath('/all')).toHaveLength(3);
    expect(byPath('/earned').map((e) => e.type)).toEqual(['points.earned', 'points.earned']);
    expect(byPath('/other')).toEqual([]);
    expect((await deliveriesOf(earnedOnly.id)).map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('retries a failing receiver with growing backoff, and the attempts show in GET deliveries', async () => {
    receiver.reply({ status: 500, body: 'boom' });
    const endpoint = await createWebhook({ url: receiver.url });
    await enroll(t, p.posKey);
    await deliverUntil(1);
    expect((await webhookOf(endpoint.id)).failing_since).toBe(START.toISOString());

    const gaps: number[] = [];
    for (let attempt = 2; attempt <= 5; attempt++) {
      const [pending] = await deliveriesOf(endpoint.id);
      expect(pending).toMatchObject({ status: 'pending', attempt_count: attempt - 1, last_status_code: 500, last_error: 'HTTP 500' });
      const due = new Date(pending!.next_attempt_at!);
      gaps.push(due.getTime() - t.clock.now().getTime());
      // Not before it is due.
      t.clock.set(new Date(due.getTime() - 1000));
      expect((await runWebhooksOnce(deps())).attempts).toBe(0);
      t.clock.set(due);
      if (attempt === 5) receiver.reply({ status: 204 });
      expect(await runWebhooksOnce(deps())).toMatchObject({ attempts: 1 });
    }
    expect(gaps).toEqual([5_000, 30_000, 120_000, 600_000]);

    expect(receiver.requests).toHaveLength(5);
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const [delivery] = await deliveriesOf(endpoint.id, '?status=succeeded');
    expect(delivery).toMatchObject({ status: 'succeeded', attempt_count: 5, last_status_code: 204, last_error: null });
    expect(delivery!.attempts.map((a) => [a.attempt, a.status_code])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
      [4, 500],
      [5, 204],
    ]);
    expect(delivery!.attempts[0]!.response).toBe('boom');
    expect(await deliveriesOf(endpoint.id, '?status=pending')).toEqual([]);
    // A success clears the failure record.
    expect((await webhookOf(endpoint.id)).failing_since).toBeNull();
  });

  it('backs off exponentially with up to 10 % jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30].map((n) => backoffMs(n, () => 0.5) / 1000)).toEqual([5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800, 28800]);
    expect(backoffMs(1, () => 0)).toBe(4_500);
    expect(backoffMs(1, () => 0.999_999)).toBe(5_500);
  });

  it('records a timeout when the receiver hangs past WEBHOOK_TIMEOUT_MS', async () => {
    receiver.reply('hang');
    const endpoint = await createWebhook({ url: receiver.url });
    await enroll(t, p.posKey);
    const started = Date.now();
    await deliverUntil(1, deps({ timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(10_000);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'pending', attempt_count: 1, last_status_code: null, last_error: 'timed out after 300 ms' });
    expect(delivery!.attempts[0]!.duration_ms).toBeGreaterThanOrEqual(290);
    expect(delivery!.attempts[0]!.duration_ms).toBeLessThan(5_000);
  });

  it('does not follow redirects and records connection failures', async () => {
    receiver.reply({ status: 302 });
    const redirected = await createWebhook({ url: receiver.url });
    const closed = await startWebhookReceiver();
    await closed.close();
    const refused = await createWebhook({ url: `${closed.url}/nobody-listens` });
    await enroll(t, p.posKey);
    await deliverUntil(1);
    await runWebhooksOnce(deps());
    expect(receiver.requests).toHaveLength(1);
    expect((await deliveriesOf(redirected.id))[0]).toMatchObject({ status: 'pending', last_status_code: 302, last_error: 'HTTP 302' });
    const [failed] = await deliveriesOf(refused.id);
    expect(failed).toMatchObject({ status: 'pending', attempt_count: 1, last_status_code: null });
    expect(failed!.last_error).toMatch(/ECONNREFUSED/);
  });

  it('disables an endpoint failing for 24 h; re-enabling it delivers the backlog', async () => {
    receiver.reply({ status: 503 });
    const endpoint = await createWebhook({ url: receiver.url });
    const first = await enroll(t, p.posKey);
    await deliverUntil(1);

    const step = async () => {
      const next = await t.db
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.min('next_attempt_at').as('at'))
        .where('endpoint_id', '=', endpoint.id)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      t.clock.set(next.at!);
      await runWebhooksOnce(deps());
    };
    while (t.clock.now().getTime() < START.getTime() + 12 * HOUR) await step();
    // A second event while the endpoint is failing: it is still pending when the endpoint is disabled.
    const second = await enroll(t, p.posKey);
    await deliverUntil(receiver.requests.length + 1);
    for (let i = 0; i < 40 && (await webhookOf(endpoint.id)).enabled; i++) await step();

    // Disabled by the failure at exactly 24 h after the first, which was also the first event's last attempt.
    expect(t.clock.now().toISOString()).toBe(new Date(START.getTime() + 24 * HOUR).toISOString());
    const disabled = await webhookOf(endpoint.id);
    expect(disabled).toMatchObject({ enabled: false, failing_since: START.toISOString(), disabled_reason: expect.stringMatching(/retry window/) });
    const byMember = async () => {
      const all = await deliveriesOf(endpoint.id);
      const payloads = new Map(receiver.requests.map((r) => [r.headers['webhook-id'], payloadOf(r)]));
      return (memberId: string) => all.find((d) => payloads.get(d.event_id)?.member_id === memberId);
    };
    const firstDelivery = (await byMember())(first.id)!;
    expect(firstDelivery).toMatchObject({ status: 'failed', attempt_count: 12, last_status_code: 503 });
    // Parked: no due time while the endpoint is disabled, so the workers' claim never steps over it.
    expect((await byMember())(second.id)).toMatchObject({ status: 'pending', next_attempt_at: null });

    // While disabled: nothing is sent, even once the second delivery is due, and new events wait.
    const sent = receiver.requests.length;
    const third = await enroll(t, p.posKey);
    t.clock.set(new Date(START.getTime() + 32 * HOUR));
    await runWebhooksOnce(deps());
    expect(receiver.requests).toHaveLength(sent);

    receiver.reply({ status: 200 });
    const enabled = await t.call({ method: 'PATCH', url: `/v1/webhooks/${endpoint.id}`, key: p.adminKey, payload: { enabled: true } });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.json()).toMatchObject({ enabled: true, disabled_reason: null, failing_since: null });
    await deliverUntil(sent + 2);
    await runWebhooksOnce(deps());
    const delivered = receiver.requests.slice(sent).map(payloadOf);
    expect(delivered.map((e) => [e.type, e.member_id]).sort()).toEqual(
      [
        ['member.enrolled', second.id],
        ['member.enrolled', third.id],
      ].sort(),
    );
    expect(await deliveriesOf(endpoint.id, '?status=pending')).toEqual([]);
    expect((await deliveriesOf(endpoint.id, '?status=failed')).map((d) => d.id)).toEqual([firstDelivery.id]);

    // The given-up delivery can still be sent by hand.
    const retried = await t.call({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/deliveries/${firstDelivery.id}/retry`, key: p.adminKey });
    expect(retried.statusCode, retried.body).toBe(202);
    await deliverUntil(sent + 3);
    expect(payloadOf(receiver.requests.at(-1)!).member_id).toBe(first.id);
    expect((await byMember())(first.id)).toMatchObject({ status: 'succeeded', attempt_count: 13 });
  });

  it('resends a delivery on request', async () => {
    const endpoint = await createWebhook({ url: receiver.url });
    await enroll(t, p.posKey);
    await deliverUntil(1);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery!.status).toBe('succeeded');

    const res = await t.call({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/deliveries/${delivery!.id}/retry`, key: p.adminKey });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ id: delivery!.id, status: 'pending', attempt_count: 1, next_attempt_at: START.toISOString() });
    expect(res.json().attempts).toHaveLength(1);
    await deliverUntil(2);
    expect(receiver.requests[1]!.headers['webhook-id']).toBe(receiver.requests[0]!.headers['webhook-id']);
    expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body);
    expect(new Webhook(endpoint.secret).verify(receiver.requests[1]!.body, receiver.requests[1]!.headers)).toMatchObject({ type: 'member.enrolled' });
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'succeeded', attempt_count: 2 });

    // While an attempt is under way, a retry is refused rather than sent twice at once.
    await t.call({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/deliveries/${delivery!.id}/retry`, key: p.adminKey });
    const [claim] = await claimDue(deps(), 1);
    expect(claim!.id).toBe(delivery!.id);
    expectProblem(await t.call({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/deliveries/${delivery!.id}/retry`, key: p.adminKey }), 409, 'delivery_in_progress');
    expect(await deliver(deps(), claim!)).toBe('succeeded');
    expectProblem(await t.call({ method: 'POST', url: `/v1/webhooks/${endpoint.id}/deliveries/wdl_01jdq3v7f8e9t0sw2p1x5m3k4z/retry`, key: p.adminKey }), 404, 'webhook_delivery_not_found');
  });

  it('never lets an attempt whose lease was taken over overwrite the newer one', async () => {
    receiver.reply({ status: 200 });
    const endpoint = await createWebhook({ url: receiver.url });
    await enroll(t, p.posKey);
    // Fan out, then claim as a worker that stalls.
    const d = deps({ leaseMs: 60_000 });
    for (let i = 0; i < 400 && (await fanOut(d)) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    const [stale] = await claimDue(d, 10);
    expect(stale).toMatchObject({ attempt: 1 });
    // Within the lease no one else takes it.
    expect(await claimDue(d, 10)).toEqual([]);
    t.clock.advance(60_000);
    const [fresh] = await claimDue(d, 10);
    expect(fresh).toMatchObject({ id: stale!.id, attempt: 2 });

    expect(await deliver(d, fresh!)).toBe('succeeded');
    receiver.reply({ status: 500 });
    // The stalled worker wakes up and fails: its attempt is logged, the delivery stays as the newer attempt left it.
    expect(await deliver(d, stale!)).toBe('superseded');
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempt_count: 2, last_status_code: 200 });
    expect(delivery!.attempts.map((a) => [a.attempt, a.status_code])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect((await webhookOf(endpoint.id)).failing_since).toBeNull();
  });

  it('stops delivering when the endpoint is deleted', async () => {
    receiver.reply({ status: 500 });
    const endpoint = await createWebhook({ url: receiver.url });
    await enroll(t, p.posKey);
    await deliverUntil(1);
    const res = await t.call({ method: 'DELETE', url: `/v1/webhooks/${endpoint.id}`, key: p.adminKey });
    expect(res.statusCode).toBe(204);
    t.clock.advance(HOUR);
    await runWebhooksOnce(deps());
    expect(receiver.requests).toHaveLength(1);
    expect(await t.db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', endpoint.id).execute()).toEqual([]);
  });

  it('a stopping worker cuts short an attempt that hangs and leaves it due for another worker', async () => {
    receiver.reply('hang');
    const endpoint = await createWebhook({ url: receiver.url });
    await enroll(t, p.posKey);
    const worker = startWebhookWorker({ ...deps({ pollIntervalMs: 20, timeoutMs: 5_000 }), stopGraceMs: 100 });
    try {
      await receiver.waitFor((r) => r.length >= 1, 15_000);
    } finally {
      const stopping = Date.now();
      await worker.stop();
      expect(Date.now() - stopping).toBeLessThan(2_000);
    }
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'pending', attempt_count: 1, next_attempt_at: START.toISOString(), last_error: expect.stringMatching(/stopping/) });
    // A shutdown is not the receiver's failure.
    expect((await webhookOf(endpoint.id)).failing_since).toBeNull();
    receiver.reply({ status: 200 });
    await deliverUntil(2);
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'succeeded', attempt_count: 2 });
  });

  it('two workers running at once deliver every event exactly once', async () => {
    const events = 40;
    // A little latency so that both workers have attempts in flight at the same time.
    receiver.reply(() => ({ status: 200, delayMs: 5 + Math.floor(Math.random() * 25) }));
    const endpoint = await createWebhook({ url: receiver.url });
    for (let i = 0; i < events; i++) await enroll(t, p.posKey);

    // Two instances: each its own pool (its own connections), metrics and worker.
    const instances = [0, 1].map(() => {
      const pool = createPool({ connectionString: t.config.DATABASE_URL!, max: 4, statementTimeoutMs: 10_000, connectTimeoutMs: 5_000 });
      const metrics = createMetrics(pool);
      const worker = startWebhookWorker({ ...deps({ pollIntervalMs: 20, concurrency: 4 }), db: createDb(pool), metrics });
      return { pool, metrics, worker };
    });
    try {
      await receiver.waitFor((r) => new Set(r.map((x) => x.headers['webhook-id'])).size >= events, 20_000);
      // Time for any duplicate to show up.
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      for (const { worker } of instances) await worker.stop();
      for (const { pool } of instances) await pool.end();
    }

    const perId = new Map<string, number>();
    for (const r of receiver.requests) perId.set(r.headers['webhook-id']!, (perId.get(r.headers['webhook-id']!) ?? 0) + 1);
    expect(perId.size).toBe(events);
    expect([...perId.values()].filter((n) => n !== 1)).toEqual([]);
    const delivered = await Promise.all(instances.map(async ({ metrics }) => (await metrics.webhookDeliveries.get()).values.find((v) => v.labels.outcome === 'succeeded')?.value ?? 0));
    expect(delivered[0]! + delivered[1]!).toBe(events);
    // Both instances did part of the work.
    expect(delivered[0]).toBeGreaterThan(0);
    expect(delivered[1]).toBeGreaterThan(0);
    const statuses = await deliveriesOf(endpoint.id, '?limit=200');
    expect(statuses).toHaveLength(events);
    expect(statuses.every((d) => d.status === 'succeeded' && d.attempt_count === 1)).toBe(true);
  });
});
