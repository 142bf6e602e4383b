import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../../src/app.ts';
import { fixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/connect.ts';
import { MigrationError } from '../../src/db/migrate.ts';
import { pruneEvents, pruneIdempotencyKeys } from '../../src/jobs/housekeeping.ts';
import { JOB_NAMES } from '../../src/jobs/jobs.ts';
import { runWebhooksOnce, webhookSettings } from '../../src/webhooks/dispatcher.ts';
import { createProgramFixture, enroll, OPERATOR_TOKEN, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { nextReceipt, post, runJobAt } from '../helpers/ledger.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

const GRANTS_FILE = new URL('../../ops/postgres/runtime-role.sql', import.meta.url);
const START = new Date('2026-03-02T08:00:00Z');
const silent = pino({ level: 'silent' });

/**
 * The service run as a role with only the grants of ops/postgres/runtime-role.sql, on a database the owner migrated,
 * started with MIGRATE_ON_START=false: every write path must work, and history must not be rewritable.
 */
describe('the runtime role of ops/postgres/runtime-role.sql', () => {
  // Roles are per server, shared by every test run on it: a name of our own, dropped afterwards.
  const role = `pl_app_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let database: { url: string; drop: () => Promise<void> };
  let owner: pg.Client;
  let opened: Database;
  let t: TestApp & { clock: ReturnType<typeof fixedClock> };
  let p: ProgramFixture;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    database = await createTestDatabase();
    owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await owner.query((await readFile(GRANTS_FILE, 'utf8')).replaceAll('points_ledger_app', role));

    const url = new URL(database.url);
    url.username = role;
    url.password = password;
    const config = loadConfig({
      DATABASE_URL: url.toString(),
      MIGRATE_ON_START: 'false',
      OPERATOR_TOKEN,
      LOG_LEVEL: 'silent',
      JOBS_ENABLED: 'false',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      DB_CONNECT_TIMEOUT_MS: '5000',
    });
    // The service's own start-up path: with MIGRATE_ON_START=false it only checks the schema, which this role may do.
    opened = await openDatabase(config, silent);
    const clock = fixedClock(START);
    const app = await buildApp({ config, db: opened.db, pool: opened.pool, clock, logger: silent });
    await app.ready();
    t = {
      app,
      db: opened.db,
      pool: opened.pool,
      config,
      clock,
      call: ({ key, headers, ...rest }) => app.inject({ ...rest, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } }),
      close: async () => undefined,
    };
    p = await createProgramFixture(t);
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver?.close();
    await t?.app.close();
    await opened?.close();
    await owner?.end();
    await database?.drop();
    // The database holding its grants is gone, so nothing depends on the role any more.
    const admin = new pg.Client({ connectionString: new URL('/postgres', database.url).toString() });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.end());
  });

  const created = (res: { statusCode: number; body: string; json: () => unknown }) => {
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Record<string, { id: string } & Record<string, unknown>>;
  };
  const ok = (res: { statusCode: number; body: string; json: () => unknown }, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return (res.body ? res.json() : {}) as Record<string, unknown>;
  };

  it('should run as a role that owns nothing and may not create', async () => {
    const { rows } = await t.pool.query<{ user: string; create: boolean }>(
      `SELECT current_user AS user, has_schema_privilege('public', 'CREATE') AS create`,
    );
    expect(rows[0]).toEqual({ user: role, create: false });
    await expect(t.pool.query('CREATE TABLE sneaky (id int)')).rejects.toThrow(/permission denied for schema public/);
  });

  it('should enroll, update and change the status of members', async () => {
    const m = await enroll(t, p.posKey, { name: 'Aysel' });
    ok(await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: p.posKey, payload: { name: 'Aysel M.' } }));
    ok(await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: p.adminKey, payload: { status: 'blocked' } }));
    ok(await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: p.adminKey, payload: { status: 'active' } }));
  });

  it('should write every ledger operation: purchase, return, redeem, reverse, hold, capture, void, adjust, conversion, activity, renewal', async () => {
    const m = await enroll(t, p.posKey);
    const bought = created(await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 125_000, currency: 'AZN' } }));
    created(await post(t, p.posKey, `/v1/purchases/${bought['purchase']!.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 1250, currency: 'AZN' } }));
    created(await post(t, p.adminKey, '/v1/adjustments', { member_id: m.id, points: 5_000, reason: 'funding' }));
    const redeemed = created(await post(t, p.posKey, '/v1/redemptions', { member_id: m.id, points: 100 }));
    created(await post(t, p.posKey, `/v1/redemptions/${redeemed['redemption']!.id}/reversal`, {}));
    const held = created(await post(t, p.posKey, '/v1/holds', { member_id: m.id, points: 50 }));
    created(await post(t, p.posKey, `/v1/holds/${held['hold']!.id}/capture`, { points: 50 }));
    const held2 = created(await post(t, p.posKey, '/v1/holds', { member_id: m.id, points: 50 }));
    created(await post(t, p.posKey, `/v1/holds/${held2['hold']!.id}/void`, {}));
    created(await post(t, p.adminKey, '/v1/adjustments', { member_id: m.id, points: -10, reason: 'correction' }));
    // A rate set of the future: writing one is what matters here, and today's rates stay as they are.
    created(await post(t, p.adminKey, '/v1/rates', { rates: { KWD: 20 }, effective_from: '2030-01-01T00:00:00Z' }));
    created(await post(t, p.posKey, '/v1/conversions', { member_id: m.id, direction: 'money_to_points', amount: { amount: 1000, currency: 'EUR' } }));
    created(await post(t, p.posKey, '/v1/conversions', { member_id: m.id, direction: 'points_to_money', points: 1400, currency: 'EUR' }));
    created(await post(t, p.posKey, `/v1/members/${m.id}/activities`, { type: 'task_completed' }));
    // Wallet money: a credit, a debit and its reversal, a hold captured in part and one voided.
    const usd = (amount: number) => ({ amount, currency: 'USD' });
    created(await post(t, p.adminKey, `/v1/members/${m.id}/wallet/credits`, { amount: usd(500), reason: 'goodwill', expires_at: '2026-12-01T00:00:00Z' }));
    const spent = created(await post(t, p.posKey, `/v1/members/${m.id}/wallet/debits`, { amount: usd(100), receipt_id: nextReceipt() }));
    created(await post(t, p.posKey, `/v1/members/${m.id}/wallet/debits/${spent['debit']!.id}/reversal`, { amount: 40 }));
    const walletHold = created(await post(t, p.posKey, `/v1/members/${m.id}/wallet/holds`, { amount: usd(100) }));
    created(await post(t, p.posKey, `/v1/members/${m.id}/wallet/holds/${walletHold['hold']!.id}/capture`, { amount: 60 }));
    const walletHold2 = created(await post(t, p.posKey, `/v1/members/${m.id}/wallet/holds`, { amount: usd(50) }));
    created(await post(t, p.posKey, `/v1/members/${m.id}/wallet/holds/${walletHold2['hold']!.id}/void`, {}));
    ok(await t.call({ method: 'GET', url: `/v1/members/${m.id}/wallet`, key: p.readKey }));

    // Renewal: a back-dated purchase whose points expired an hour ago, renewed at once.
    const late = await enroll(t, p.posKey);
    created(await post(t, p.posKey, '/v1/purchases', { member_id: late.id, receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' }, occurred_at: '2025-03-02T07:00:00Z' }));
    created(await post(t, p.posKey, `/v1/members/${late.id}/renewals`, {}));

    const balance = ok(await t.call({ method: 'GET', url: `/v1/members/${m.id}/balance`, key: p.readKey }));
    expect(balance).toMatchObject({ available: expect.any(Number) });
    const audit = ok(await t.call({ method: 'GET', url: '/v1/audit/trial-balance', key: p.adminKey }));
    expect(audit['ok']).toBe(true);
  });

  it('should run purchases with lines and promotions (limits, a budget, a code, a quote), returns by lines, verified sign-up and partner transfers', async () => {
    const percentOff = async (fields: Record<string, unknown>) => created(await post(t, p.adminKey, '/v1/promotions', { name: 'runtime role', effect: { type: 'percent_off', percent: 5 }, ...fields }));
    await percentOff({ limits: { per_member: 5, total_uses: 100, budget: { amount: { amount: 1_000_000, currency: 'AZN' } } } });
    const coded = await percentOff({ conditions: { requires_code: true } });
    created(await post(t, p.adminKey, '/v1/promo-codes', { promotion_id: coded['id'], code: 'RUNTIME-ROLE', max_uses: 1 }));
    const m = await enroll(t, p.posKey);
    const lines = [
      { sku: 'COAT', category: 'coats', quantity: 1, unit_price: 8000, amount: 8000 },
      { sku: 'SCARF', category: 'scarves', quantity: 2, unit_price: 1000, amount: 2000 },
    ];
    const basket = { member_id: m.id, amount: { amount: 10_000, currency: 'AZN' }, lines };
    const quote = ok(await post(t, p.posKey, '/v1/purchases/quote', basket)) as unknown as { quote_id: string };
    const bought = created(await post(t, p.posKey, '/v1/purchases', { ...basket, receipt_id: nextReceipt(), quote_id: quote.quote_id }));
    expect(bought['purchase']!['discount']).toMatchObject({ amount: expect.any(Number) });
    created(await post(t, p.posKey, '/v1/purchases', { ...basket, receipt_id: nextReceipt(), promo_codes: [{ code: 'RUNTIME-ROLE' }] }));
    created(await post(t, p.posKey, `/v1/purchases/${bought['purchase']!.id}/returns`, { receipt_id: nextReceipt('RR'), lines: [{ sku: 'SCARF', quantity: 1 }] }));

    const pending = created(await post(t, p.posKey, '/v1/members', { phone: '+994509990001', verification: 'otp' })) as unknown as { id: string };
    created(await post(t, p.posKey, `/v1/members/${pending.id}/otp`, {}));
    const { rows } = await t.pool.query<{ otp: string }>(
      `SELECT data->>'otp' AS otp FROM events WHERE member_id = $1 AND type = 'member.otp_requested' ORDER BY seq DESC LIMIT 1`,
      [pending.id],
    );
    ok(await post(t, p.posKey, `/v1/members/${pending.id}/verify`, { otp: rows[0]!.otp }));
    created(await post(t, p.posKey, '/v1/partner-transfers', { member_id: m.id, partner: 'acme', external_id: 'runtime-role-1', points: 1000 }));
  });

  it('should run every job', async () => {
    const m = await enroll(t, p.posKey, { birth_date: '1990-03-10', consents: { push: true } });
    // A notification for the notifications job to send: the notification's cursor, the recipient row, the event, the touch.
    created(await post(t, p.adminKey, '/v1/notifications', { audience: { member_ids: [m.id] }, channels: ['push'], title: 'T', body: 'B' }));
    created(await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 12_500, currency: 'AZN' } }));
    created(await post(t, p.posKey, '/v1/holds', { member_id: m.id, points: 10 }));
    // Wallet money that expires, and a wallet hold that lapses.
    created(await post(t, p.adminKey, `/v1/members/${m.id}/wallet/credits`, { amount: { amount: 500, currency: 'USD' }, reason: 'goodwill', expires_at: '2026-06-01T00:00:00Z' }));
    created(await post(t, p.posKey, `/v1/members/${m.id}/wallet/holds`, { amount: { amount: 100, currency: 'USD' } }));
    // Far enough ahead that points mature and expire, holds lapse and members go inactive.
    const later = new Date(START.getTime() + 400 * 86_400_000);
    const results: Record<string, Record<string, number>> = {};
    for (const job of JOB_NAMES) results[job] = await runJobAt(t, p.adminKey, job, later);
    // Not just runs that found nothing to do: these wrote ledger transactions.
    expect(results['expire']!['points_expired']).toBeGreaterThan(0);
    expect(results['expire-holds']!['holds_expired']).toBeGreaterThan(0);
    expect(results['notifications']!['notifications_dispatched']).toBe(1);
    const wallet = ok(await t.call({ method: 'GET', url: `/v1/members/${m.id}/wallet`, key: p.readKey }));
    expect(wallet['balances']).toEqual([{ currency: 'USD', available: 0, held: 0, expiring: [] }]);
  });

  it('should keep segments, targets and custom member events: create, change, add and remove members, delete', async () => {
    const m = await enroll(t, p.posKey);
    const segment = ok(await post(t, p.adminKey, '/v1/segments', { name: 'vip list', kind: 'static' }), 201) as { id: string };
    ok(await post(t, p.adminKey, `/v1/segments/${segment.id}/members`, { member_ids: [m.id] }));
    ok(await t.call({ method: 'PATCH', url: `/v1/segments/${segment.id}`, key: p.adminKey, payload: { name: 'vip' } }));
    ok(await t.call({ method: 'DELETE', url: `/v1/segments/${segment.id}/members/${m.id}`, key: p.adminKey }));
    expect((await t.call({ method: 'DELETE', url: `/v1/segments/${segment.id}`, key: p.adminKey })).statusCode).toBe(204);
    // A target that is off track at once (nothing sold): the targets job writes its alert.
    const target = ok(await post(t, p.adminKey, '/v1/targets', { metric: 'revenue', period: 'month', value: 1_000_000_000, alert_below_percent: 5 }), 201) as { id: string };
    ok(await t.call({ method: 'PATCH', url: `/v1/targets/${target.id}`, key: p.adminKey, payload: { value: 2_000_000_000 } }));
    const later = new Date(START.getTime() + 10 * 86_400_000);
    expect(await runJobAt(t, p.adminKey, 'targets', later)).toMatchObject({ targets_off_track: 1 });
    expect((await t.call({ method: 'DELETE', url: `/v1/targets/${target.id}`, key: p.adminKey })).statusCode).toBe(204);
    created(await post(t, p.posKey, `/v1/members/${m.id}/events`, { type: 'cart.abandoned', data: { sku: 'X' } }));
  });

  it('should run a what-if replay, on temporary scratch tables only', async () => {
    const m = await enroll(t, p.posKey);
    const at = new Date(START.getTime() - 3_600_000).toISOString();
    created(await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 1_250, currency: 'AZN' }, occurred_at: at }));
    const body = ok(await t.call({ method: 'POST', url: '/v1/analytics/simulations', key: p.readKey,
      payload: { settings: { earn_rates: { AZN: 16 } }, from: new Date(START.getTime() - 86_400_000).toISOString(), to: START.toISOString() } }));
    expect(body['points_issued']).toEqual({ baseline: 100, simulated: 200, difference: 100 });
  });

  it('should manage program, keys and webhooks, and record a delivery attempt', async () => {
    ok(await t.call({ method: 'PATCH', url: '/v1/program', key: p.adminKey, payload: { name: 'Renamed program' } }));
    const key = created(await t.call({ method: 'POST', url: '/v1/api-keys', key: p.adminKey, payload: { role: 'read' } }));
    ok(await t.call({ method: 'DELETE', url: `/v1/api-keys/${key['id']}`, key: p.adminKey }));

    const hook = created(await t.call({ method: 'POST', url: '/v1/webhooks', key: p.adminKey, payload: { url: receiver.url } })) as unknown as { id: string };
    ok(await t.call({ method: 'PATCH', url: `/v1/webhooks/${hook.id}`, key: p.adminKey, payload: { event_types: ['points.earned'] } }));
    const m = await enroll(t, p.posKey);
    created(await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' } }));
    const deps = { db: t.db, clock: t.clock, logger: silent, settings: webhookSettings(t.config), random: () => 0.5 };
    const deadline = Date.now() + 15_000;
    while (receiver.requests.length === 0 && Date.now() < deadline) {
      await runWebhooksOnce(deps);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(receiver.requests.length).toBeGreaterThan(0);
    const { rows } = await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_attempts');
    expect(rows[0]!.n).toBeGreaterThan(0);
    ok(await t.call({ method: 'DELETE', url: `/v1/webhooks/${hook.id}`, key: p.adminKey }), 204);
  });

  it('should read the event feed and prune events and idempotency results past their retention', async () => {
    const feed = ok(await t.call({ method: 'GET', url: '/v1/events', key: p.readKey }));
    expect((feed['data'] as unknown[]).length).toBeGreaterThan(0);
    const farFuture = new Date(START.getTime() + 3650 * 86_400_000);
    expect(await pruneIdempotencyKeys(t.db, farFuture)).toBeGreaterThan(0);
    expect(await pruneEvents(t.db, farFuture)).toBeGreaterThan(0);
  });

  it('should be refused UPDATE, DELETE and TRUNCATE of the ledger by its privileges, before any trigger', async () => {
    const attempts = [
      ['UPDATE ledger_transactions SET type = type', 'ledger_transactions'],
      ['DELETE FROM ledger_transactions', 'ledger_transactions'],
      ['TRUNCATE ledger_transactions', 'ledger_transactions'],
      ['UPDATE ledger_entries SET amount = amount', 'ledger_entries'],
      ['DELETE FROM ledger_entries', 'ledger_entries'],
      ['UPDATE lot_allocations SET points = points', 'lot_allocations'],
      ['DELETE FROM lot_allocations', 'lot_allocations'],
      ['UPDATE events SET type = type', 'events'],
    ] as const;
    for (const [statement, table] of attempts) {
      // The trigger's refusal says "is append-only"; the privilege check, which runs first, says this.
      await expect(t.pool.query(statement), statement).rejects.toMatchObject({ code: '42501', message: `permission denied for table ${table}` });
    }
  });
});

describe('MIGRATE_ON_START=false', () => {
  async function start(url: string, options: { migrate?: boolean } = {}) {
    const config = loadConfig({ DATABASE_URL: url, MIGRATE_ON_START: 'false', LOG_LEVEL: 'silent' });
    return openDatabase(config, silent, options);
  }

  it('should refuse a database never migrated, naming npm run migrate, and change nothing', async () => {
    const database = await createTestDatabase({ empty: true });
    try {
      const error = await start(database.url).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(/not been migrated.*`npm run migrate`/);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query(`SELECT to_regclass('schema_migrations') AS t`).finally(() => client.end());
      expect(rows[0].t).toBeNull();
    } finally {
      await database.drop();
    }
  });

  it('should refuse a database with a pending migration or SQL sources other than this code’s', async () => {
    const database = await createTestDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`UPDATE schema_sources SET checksum = 'stale' WHERE path = 'ledger/sql/earn.sql'`);
      await client.query(`INSERT INTO schema_sources (path, checksum) VALUES ('gone/sql/old.sql', 'x')`);
      await client.query(`DELETE FROM schema_migrations WHERE version = 2`);
      const error = await start(database.url).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(MigrationError);
      expect(error!.message).toContain('pending migrations 2 (balance_limits)');
      expect(error!.message).toContain('SQL sources not applied as in this code: gone/sql/old.sql, ledger/sql/earn.sql');
      expect(error!.message).toContain('`npm run migrate`');
    } finally {
      await client.end();
      await database.drop();
    }
  });

  it('should start on a database migrated exactly to this code', async () => {
    const database = await createTestDatabase();
    try {
      const opened = await start(database.url);
      await opened.close();
    } finally {
      await database.drop();
    }
  });

  it('should still migrate when asked to, as `npm run migrate` does', async () => {
    const database = await createTestDatabase({ empty: true });
    try {
      const migrated = await start(database.url, { migrate: true });
      await migrated.close();
      const checked = await start(database.url);
      await checked.close();
    } finally {
      await database.drop();
    }
  });
});
