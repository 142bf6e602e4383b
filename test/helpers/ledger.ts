import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createProgramFixture, createTestApp, type ProgramFixture, type TestApp } from './app.ts';
import type { fixedClock } from '../../src/clock.ts';

let receiptCounter = 0;
export const nextReceipt = (prefix = 'R') => `${prefix}-${process.pid}-${++receiptCounter}-${randomUUID().slice(0, 8)}`;

/** POST with a fresh Idempotency-Key unless one is given. */
export function post(t: TestApp, key: string, url: string, payload: Record<string, unknown>, idempotencyKey: string = randomUUID()): Promise<LightMyRequestResponse> {
  return t.call({ method: 'POST', url, key, payload, headers: { 'idempotency-key': idempotencyKey } });
}

/** Earn: AZN earns 8 points per 1 AZN by default, so 12.50 AZN (1250) is exactly 100 points. */
export async function purchase(t: TestApp, key: string, memberId: string, amountMinor: number, extra: Record<string, unknown> = {}) {
  const res = await post(t, key, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount: amountMinor, currency: 'AZN' }, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function redeem(t: TestApp, key: string, memberId: string, points: number) {
  return post(t, key, '/v1/redemptions', { member_id: memberId, points });
}

export async function balanceOf(t: TestApp, key: string, memberId: string) {
  const res = await t.call({ method: 'GET', url: `/v1/members/${memberId}/balance`, key });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The ledger invariants of ledger.md, checked through the public audit endpoint. */
/** Runs a time-driven job as of an instant through the API (ahead of the clock if need be), expecting 200. */
export async function runJobAt(t: TestApp, adminKey: string, job: string, asOf: Date) {
  const res = await post(t, adminKey, `/v1/jobs/${job}/run`, { allow_future: true, as_of: asOf.toISOString() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function expectTrialBalanceOk(t: TestApp, adminKey: string) {
  const res = await t.call({ method: 'GET', url: '/v1/audit/trial-balance', key: adminKey });
  expect(res.statusCode, res.body).toBe(200);
  const report = res.json();
  const failed = report.checks.filter((c: { ok: boolean }) => !c.ok);
  expect(failed, JSON.stringify(failed)).toEqual([]);
  expect(report.ok).toBe(true);
  return report;
}

export type FixedClockTestApp = TestApp & { clock: ReturnType<typeof fixedClock> };

/**
 * A ledger test file's app on a fixed clock starting at `start`, and one program. After every test the ledger's
 * invariants are checked and the clock goes back to `start`.
 */
export function useLedgerTestProgram(start: Date, assign: (t: FixedClockTestApp, p: ProgramFixture) => void): void {
  let app: FixedClockTestApp | undefined;
  let program: ProgramFixture | undefined;
  beforeAll(async () => {
    app = (await createTestApp({ now: start })) as FixedClockTestApp;
    program = await createProgramFixture(app);
    assign(app, program);
  });
  afterEach(async () => {
    await expectTrialBalanceOk(app!, program!.adminKey);
    app!.clock.set(start);
  });
  afterAll(() => app?.close());
}

/** A ledger function call as the app sent it. */
export interface SentLedgerCall {
  text: string;
  values: unknown[];
}

/**
 * Records every ledger function call the app's pool sends (`SELECT ledger_…`) into `sent`, then sends it: tests of
 * what crosses to the database (one call per write, and where a cluster runs it) read them back.
 */
export function recordLedgerCalls(app: TestApp, sent: SentLedgerCall[]): void {
  const record = (args: unknown[]) => {
    const config = args[0] as { text?: unknown; values?: unknown[] } | undefined;
    if (config && typeof config.text === 'string' && config.text.startsWith('SELECT ledger_')) sent.push({ text: config.text, values: config.values ?? [] });
  };
  const query = app.pool.query.bind(app.pool) as (...args: unknown[]) => unknown;
  app.pool.query = ((...args: unknown[]) => {
    record(args);
    return query(...args);
  }) as typeof app.pool.query;
  // Calls made in a transaction block (a return on Citus: sql-call.ts) go through a checked-out client. pg's own
  // pool.query checks clients out with a callback: that form is passed through untouched.
  const connect = app.pool.connect.bind(app.pool) as (...args: unknown[]) => unknown;
  // A client records only inside a transaction block it was told to open: outside one, its queries come from
  // pool.query, recorded above.
  const wrap = (client: pg.PoolClient) => {
    const marked = client as pg.PoolClient & { recorded?: boolean; inBlock?: boolean };
    if (!marked.recorded) {
      marked.recorded = true;
      const clientQuery = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
        if (text === 'BEGIN') marked.inBlock = true;
        else if (text === 'COMMIT' || text === 'ROLLBACK') marked.inBlock = false;
        else if (marked.inBlock) record(args);
        return clientQuery(...args);
      }) as typeof client.query;
    }
    return client;
  };
  app.pool.connect = ((...args: unknown[]) => {
    if (typeof args[0] === 'function') return connect(...args);
    return (connect() as Promise<pg.PoolClient>).then(wrap);
  }) as typeof app.pool.connect;
}

/** Two instances of the service on one database, each listening on a real socket: what a job run twice at once needs. */
export interface TwoInstances {
  a: FixedClockTestApp;
  b: FixedClockTestApp;
  baseA: string;
  baseB: string;
  close(): Promise<void>;
}

export async function createTwoInstances(now: Date, poolSize: number): Promise<TwoInstances> {
  const env = { DB_POOL_SIZE: String(poolSize) };
  const a = (await createTestApp({ now, env })) as FixedClockTestApp;
  const b = (await createTestApp({ now, databaseUrl: a.config.DATABASE_URL, env })) as FixedClockTestApp;
  const baseA = await a.app.listen({ port: 0, host: '127.0.0.1' });
  const baseB = await b.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    a,
    b,
    baseA,
    baseB,
    close: async () => {
      // The second shares the first's database: only its own app and connections go; the first drops the database.
      await b.app.close();
      await b.db.destroy();
      await a.close();
    },
  };
}
