import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { purchase, redeem } from '../helpers/ledger.ts';

// Reports read on connections of their own (ANALYTICS_POOL_SIZE), never on the write path's: a report waiting for a
// turn waits in its pool while purchases and redemptions go on (issue 15 item 8, bench/ANALYTICS.md).

let t: TestApp;
let p: ProgramFixture;

beforeAll(async () => {
  t = await createTestApp({ env: { ANALYTICS_POOL_SIZE: '1', DB_CONNECT_TIMEOUT_MS: '2000', ANALYTICS_STATEMENT_TIMEOUT_MS: '20000' } });
  p = await createProgramFixture(t);
});
afterAll(() => t?.close());

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 5_000; !condition(); await sleep(10)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

describe('the analytics pool', () => {
  it('is ANALYTICS_POOL_SIZE connections apart from DB_POOL_SIZE', () => {
    expect(t.config.ANALYTICS_POOL_SIZE).toBe(1);
    expect(t.analyticsPool!.options.max).toBe(1);
    expect(t.pool.options.max).toBe(t.config.DB_POOL_SIZE);
  });

  it('waits for a turn up to the analytics timeout, not the connect timeout', () => {
    expect(t.analyticsPool!.options.connectionTimeoutMillis).toBe(20_000);
    expect(t.pool.options.connectionTimeoutMillis).toBe(2_000);
  });

  it('reads under the analytics statement timeout, not the write path one', async () => {
    const { rows } = await t.analyticsPool!.query<{ statement_timeout: string; application_name: string }>(
      `SELECT current_setting('statement_timeout') AS statement_timeout, current_setting('application_name') AS application_name`,
    );
    expect(rows[0]).toEqual({ statement_timeout: '20s', application_name: 'points-ledger-analytics' });
  });

  it('runs each report in one backend by default, leaving the database\'s other cores to the writes', async () => {
    expect(t.config.ANALYTICS_PARALLEL_WORKERS).toBe(0);
    const { rows } = await t.analyticsPool!.query(`SELECT current_setting('max_parallel_workers_per_gather') AS workers`);
    expect(rows[0]).toEqual({ workers: '0' });
  });

  it('gives reports ANALYTICS_PARALLEL_WORKERS parallel workers where the database has cores to spare', async () => {
    const wide = await createTestApp({ env: { ANALYTICS_PARALLEL_WORKERS: '3' } });
    try {
      const { rows } = await wide.analyticsPool!.query(`SELECT current_setting('max_parallel_workers_per_gather') AS workers`);
      expect(rows[0]).toEqual({ workers: '3' });
    } finally {
      await wide.close();
    }
  });

  it('makes a report wait for its own pool while writes go on, then answers it with them', async () => {
    const member = await enroll(t, p.posKey);
    await purchase(t, p.posKey, member.id, 1250); // 100 points
    // Every analytics connection taken: the report must wait for it, not take one of the write path's.
    const held = await t.analyticsPool!.connect();
    let released = false;
    try {
      let answered = false;
      const report = t.call({ method: 'GET', url: '/v1/analytics/liability', key: p.readKey }).then((res) => {
        answered = true;
        return res;
      });
      await until(() => t.analyticsPool!.waitingCount === 1, 'the report to wait for an analytics connection');

      await purchase(t, p.posKey, member.id, 2500); // 200 points
      const redeemed = await redeem(t, p.posKey, member.id, 50);
      expect(redeemed.statusCode, redeemed.body).toBe(201);
      const search = await t.call({ method: 'GET', url: `/v1/members/${member.id}/balance`, key: p.readKey });
      expect(search.json()).toMatchObject({ available: 250 });
      // Longer than DB_CONNECT_TIMEOUT_MS: a report queued behind others is not a database that does not answer.
      await sleep(2_500);
      expect(answered).toBe(false);
      expect(t.analyticsPool!.waitingCount).toBe(1);

      held.release();
      released = true;
      const res = await report;
      expect(res.statusCode, res.body).toBe(200);
      // As of when it was asked (as_of defaults to the request's now): the writes made while it waited come later.
      expect(res.json().totals).toMatchObject({ available: 100, outstanding: 100 });
    } finally {
      if (!released) held.release();
    }
  });
});
