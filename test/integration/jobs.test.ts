import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { enroll, type ProgramFixture } from '../helpers/app.ts';
import { balanceOf, post, purchase, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { runJob } from '../../src/jobs/jobs.ts';
import { startScheduler } from '../../src/jobs/scheduler.ts';
import { pruneEvents, pruneIdempotencyKeys } from '../../src/jobs/housekeeping.ts';
import { DEFAULT_SETTINGS } from '../../src/programs/settings.ts';

const START = new Date('2026-01-15T12:00:00Z');
const YEAR_LATER = new Date('2027-01-15T12:00:00Z');

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, program) => {
  t = app;
  p = program;
});

describe('time-driven jobs', () => {
  it('expire: expires exactly at expires_at, not a millisecond before, and a rerun does nothing', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    const before = await post(t, p.adminKey, '/v1/jobs/expire/run', { allow_future: true, as_of: new Date(YEAR_LATER.getTime() - 1).toISOString() });
    expect(before.json()).toMatchObject({ members: 0, points_expired: 0 });
    const at = await post(t, p.adminKey, '/v1/jobs/expire/run', { allow_future: true, as_of: YEAR_LATER.toISOString() });
    expect(at.json()).toMatchObject({ job: 'expire', members: 1, points_expired: 100 });
    const again = await post(t, p.adminKey, '/v1/jobs/expire/run', { allow_future: true, as_of: YEAR_LATER.toISOString() });
    expect(again.json()).toMatchObject({ members: 0, points_expired: 0 });
    const history = await t.call({ method: 'GET', url: `/v1/members/${m.id}/transactions?type=expire`, key: p.readKey });
    expect(history.json().data).toEqual([expect.objectContaining({ type: 'expire', points: 100, occurred_at: YEAR_LATER.toISOString() })]);
  });

  it('expire: only the unspent remainder of a lot expires', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    await post(t, p.posKey, '/v1/redemptions', { member_id: m.id, points: 30 });
    const run = await post(t, p.adminKey, '/v1/jobs/expire/run', { allow_future: true, as_of: YEAR_LATER.toISOString() });
    expect(run.json().points_expired).toBe(70);
  });

  it('is safe with two instances running the same job at once', async () => {
    const members = await Promise.all(Array.from({ length: 30 }, () => enroll(t, p.posKey)));
    for (const m of members) await purchase(t, p.posKey, m.id, 1250);
    // Two runs racing over the same members, as two service instances would.
    const [a, b] = await Promise.all([
      runJob(t.db, t.pool, t.clock, p.programId, DEFAULT_SETTINGS, 'expire', YEAR_LATER),
      runJob(t.db, t.pool, t.clock, p.programId, DEFAULT_SETTINGS, 'expire', YEAR_LATER),
    ]);
    expect(a.points_expired + b.points_expired).toBe(3000);
    for (const m of members.slice(0, 3)) expect((await balanceOf(t, p.readKey, m.id)).lifetime.expired).toBe(100);
  });

  it('resumes after a crash: what a killed run committed stays done and a rerun finishes the rest', async () => {
    const members = await Promise.all(Array.from({ length: 5 }, () => enroll(t, p.posKey)));
    for (const m of members) await purchase(t, p.posKey, m.id, 1250);
    // A run that "crashed" after settling two members: simulate by settling two members directly.
    for (const m of members.slice(0, 2)) {
      await t.pool.query('SELECT ledger_settle_member($1, $2::jsonb)', [
        m.id,
        JSON.stringify({ program_id: p.programId, as_of: YEAR_LATER.toISOString(), now: START.toISOString() }),
      ]);
    }
    const rerun = await runJob(t.db, t.pool, t.clock, p.programId, DEFAULT_SETTINGS, 'expire', YEAR_LATER);
    expect(rerun).toMatchObject({ members: 3, points_expired: 300 });
  });

  it('runs on a schedule inside the service', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    t.clock.set(YEAR_LATER);
    const scheduler = startScheduler({ db: t.db, pool: t.pool, clock: t.clock, logger: pino({ level: 'silent' }), intervalMs: 50 });
    try {
      await expect
        .poll(async () => (await t.pool.query('SELECT lifetime_expired FROM member_balances WHERE member_id = $1', [m.id])).rows[0].lifetime_expired, {
          timeout: 5_000,
        })
        .toBe(100);
    } finally {
      await scheduler.stop();
    }
  });

  it.each([
    { table: 'idempotency_keys', column: 'created_at', prune: pruneIdempotencyKeys },
    { table: 'events', column: 'recorded_at', prune: pruneEvents },
  ])('prunes $table past their retention, and only those', async ({ table, column, prune }) => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    t.clock.advance(3_600_000);
    await purchase(t, p.posKey, m.id, 1250);
    const cutoff = new Date(START.getTime() + 1_800_000);
    const count = async (op: '<' | '>=') => Number((await t.pool.query(`SELECT count(*) AS n FROM ${table} WHERE ${column} ${op} $1`, [cutoff])).rows[0].n);
    const older = await count('<');
    const newer = await count('>=');
    // The first purchase at least on one side of the cutoff, the second on the other.
    expect(older).toBeGreaterThanOrEqual(1);
    expect(newer).toBeGreaterThanOrEqual(1);
    expect(await prune(t.db, cutoff)).toBe(older);
    expect(await count('<')).toBe(0);
    expect(await count('>=')).toBe(newer);
  });

  it('refuses an unknown job name', async () => {
    const res = await post(t, p.adminKey, '/v1/jobs/compact/run', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ pointer: '/name', location: 'path' });
  });
});
