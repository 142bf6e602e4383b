import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createLogger } from '../../src/observability/logger.ts';
import { CREDENTIALS_REFUSED, runWebhooksOnce, webhookSettings, type WebhookDeps } from '../../src/webhooks/dispatcher.ts';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { purchase, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

const START = new Date('2027-02-01T09:00:00.000Z');
const PASSWORD = 'pa55w0rd-n0t-f0r-l0gs';
const TOKEN = 'qu3ry-t0k3n-n0t-f0r-l0gs';

let t: FixedClockTestApp;
let p: ProgramFixture;
let receiver: WebhookReceiver;

beforeAll(async () => {
  // The receiver is on 127.0.0.1.
  t = (await createTestApp({ now: START, env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } })) as FixedClockTestApp;
  p = await createProgramFixture(t);
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const withCredentials = (url: string) => url.replace('://', `://hooks:${PASSWORD}@`);

describe('webhook URLs with a user name or password', () => {
  it.each([
    [`https://hooks:${PASSWORD}@crm.example.com/loyalty`],
    ['https://hooks@crm.example.com/loyalty'],
    [`https://:${PASSWORD}@crm.example.com/loyalty`],
  ])('are refused at registration and by PATCH: %s', async (url) => {
    const created = await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload: { url } });
    const problem = expectProblem(created, 400, 'validation_failed');
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/url', location: 'body', message: expect.stringContaining('user name or password') })]);
    expect(created.body).not.toContain(PASSWORD);

    const ok = await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload: { url: 'https://crm.example.com/loyalty?token=kept' } });
    expect(ok.statusCode, ok.body).toBe(201);
    const patched = await t.call({ method: 'PATCH', url: `/v1/webhooks/${ok.json().id}`, key: p.adminKey, payload: { url } });
    expect(expectProblem(patched, 400, 'validation_failed').errors).toEqual([expect.objectContaining({ pointer: '/url' })]);
    const unchanged = await t.call({ method: 'GET', url: `/v1/webhooks/${ok.json().id}`, key: p.adminKey });
    expect(unchanged.json().url).toBe('https://crm.example.com/loyalty?token=kept');
    await t.db.deleteFrom('webhook_endpoints').execute();
  });

  it('stored before the rule: its attempts fail without the password or query in the logs or the attempt errors', async () => {
    const created = await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload: { url: `${receiver.url}/hook` } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    // As an endpoint registered before registration refused credentials would be.
    await sql`UPDATE webhook_endpoints SET url = ${withCredentials(`${receiver.url}/hook?token=${TOKEN}`)} WHERE id = ${id}`.execute(t.db);

    const lines: string[] = [];
    const logger = createLogger('debug', { destination: { write: (line: string) => void lines.push(line) } });
    const deps: WebhookDeps = { db: t.db, clock: t.clock, logger, settings: { ...webhookSettings(t.config), timeoutMs: 2000 }, random: () => 0.5 };

    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    // The feed shows a transaction once every older one on the server has finished: other files share it.
    const deadline = Date.now() + 15_000;
    let summary = await runWebhooksOnce(deps);
    while (summary.attempts === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      summary = await runWebhooksOnce(deps);
    }
    expect(summary.failed).toBeGreaterThan(0);
    expect(receiver.requests).toEqual([]);

    const deliveries = await t.call({ method: 'GET', url: `/v1/webhooks/${id}/deliveries`, key: p.adminKey });
    expect(deliveries.statusCode, deliveries.body).toBe(200);
    const [delivery] = deliveries.json().data as { last_error: string; attempts: { error: string }[] }[];
    expect(delivery!.last_error).toBe(CREDENTIALS_REFUSED);
    expect(delivery!.attempts.map((a) => a.error)).toEqual([CREDENTIALS_REFUSED]);
    expect(deliveries.body).not.toContain(PASSWORD);
    expect(deliveries.body).not.toContain(TOKEN);

    expect(lines.some((line) => line.includes(CREDENTIALS_REFUSED))).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain(TOKEN);
    }
  });
});
