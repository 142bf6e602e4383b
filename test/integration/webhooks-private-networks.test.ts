import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createEndpoint } from '../../src/webhooks/endpoints.ts';
import { runWebhooksOnce, webhookSettings, type WebhookDeps } from '../../src/webhooks/dispatcher.ts';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import type { FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

// The default configuration: WEBHOOK_ALLOW_PRIVATE_NETWORKS is not set, so private networks are refused.
let t: FixedClockTestApp;
let p: ProgramFixture;
let receiver: WebhookReceiver;

beforeAll(async () => {
  t = (await createTestApp({ now: new Date('2027-01-10T09:00:00.000Z') })) as FixedClockTestApp;
  p = await createProgramFixture(t);
  receiver = await startWebhookReceiver();
});

// Nothing is left to fan out to the public example URLs.
afterEach(async () => {
  await t.db.deleteFrom('webhook_endpoints').execute();
});

afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

describe('webhook URLs on private networks, refused by default', () => {
  it.each([
    ['http://127.0.0.1:9/x', '127.0.0.1 is not a public address'],
    ['http://localhost/x', 'localhost is this host'],
    ['http://169.254.169.254/latest', '169.254.169.254 is not a public address'],
    ['http://[::1]/', '::1 is not a public address'],
    ['https://10.1.2.3/hooks', '10.1.2.3 is not a public address'],
    ['http://[::ffff:192.168.0.1]/', '::ffff:c0a8:1 is not a public address'],
    ['http://2130706433/', '127.0.0.1 is not a public address'],
    ['http://api.localhost:8080/', 'api.localhost is this host'],
  ])('POST /v1/webhooks refuses %s with a pointer to /url', async (url, reason) => {
    const res = await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload: { url } });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors).toEqual([{ pointer: '/url', location: 'body', message: `must not point to this host or a private network: ${reason}` }]);
    expect(problem.detail).toContain(reason);
  });

  it('accepts public URLs, and PATCH refuses a private one', async () => {
    for (const url of ['https://crm.example.com/hooks', 'http://93.184.216.34/x', 'https://[2606:4700:4700::1111]/hooks']) {
      const res = await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload: { url } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().url).toBe(url);
    }
    const created = await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload: { url: 'https://crm.example.com/hooks' } });
    const { id } = created.json() as { id: string };

    const refused = await t.call({ method: 'PATCH', url: `/v1/webhooks/${id}`, key: p.adminKey, payload: { url: 'http://169.254.169.254/latest/meta-data/' } });
    expect(expectProblem(refused, 400, 'validation_failed').errors?.map((e) => e.pointer)).toEqual(['/url']);
    const changed = await t.call({ method: 'PATCH', url: `/v1/webhooks/${id}`, key: p.adminKey, payload: { url: 'https://crm.example.com/v2', description: 'CRM' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ url: 'https://crm.example.com/v2', description: 'CRM' });
    // A PATCH without a URL is not concerned.
    const disabled = await t.call({ method: 'PATCH', url: `/v1/webhooks/${id}`, key: p.adminKey, payload: { enabled: false } });
    expect(disabled.statusCode, disabled.body).toBe(200);
  });

  it('refuses to connect to a private address at send time, a literal one or one a name resolves to', async () => {
    // Endpoints registered while private networks were allowed (or a name that later resolves to one): the worker,
    // with the default configuration, still refuses them. `localhost` is resolved by the system, not external DNS.
    const literal = await createEndpoint(t.db, t.clock, p.programId, { url: `${receiver.url}/literal` });
    const byName = await createEndpoint(t.db, t.clock, p.programId, { url: `http://localhost:${new URL(receiver.url).port}/hooks/by-name` });
    await enroll(t, p.posKey);

    const settings = webhookSettings(t.config);
    expect(settings.allowPrivateNetworks).toBe(false);
    const deps: WebhookDeps = { db: t.db, clock: t.clock, logger: pino({ level: 'silent' }), settings: { ...settings, timeoutMs: 2_000 }, random: () => 0.5 };
    const attempted = async () =>
      t.db.selectFrom('webhook_deliveries').select(['endpoint_id', 'status', 'attempts', 'last_status_code', 'last_error']).where('attempts', '>', 0).execute();
    // The feed shows a transaction once every older one on the server has finished: several passes may be needed.
    const deadline = Date.now() + 15_000;
    while ((await attempted()).length < 2) {
      if (Date.now() > deadline) throw new Error('the deliveries were never attempted');
      await runWebhooksOnce(deps);
      await new Promise((r) => setTimeout(r, 25));
    }

    expect(receiver.requests).toEqual([]);
    const byEndpoint = new Map((await attempted()).map((d) => [d.endpoint_id, d]));
    expect(byEndpoint.get(literal.id)).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null, last_error: 'refused: 127.0.0.1 is not a public address' });
    expect(byEndpoint.get(byName.id)).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null });
    expect(byEndpoint.get(byName.id)!.last_error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), which is not a public address$/);
    // Retried like any connection failure, and shown in the attempt log.
    const res = await t.call({ method: 'GET', url: `/v1/webhooks/${byName.id}/deliveries`, key: p.adminKey });
    expect(res.json().data[0].attempts).toMatchObject([{ attempt: 1, status_code: null, error: expect.stringMatching(/^refused: /) }]);
    expect((await t.call({ method: 'GET', url: `/v1/webhooks/${literal.id}`, key: p.adminKey })).json().failing_since).not.toBeNull();

    // The same deliveries go through once an operator allows private networks: the refusal was the guard's.
    t.clock.advance(60_000);
    const allowed = await runWebhooksOnce({ ...deps, settings: { ...deps.settings, allowPrivateNetworks: true } });
    expect(allowed).toMatchObject({ attempts: 2, succeeded: 2 });
    expect(receiver.requests.map((r) => r.path).sort()).toEqual(['/hooks/by-name', '/hooks/literal']);
  });
});
