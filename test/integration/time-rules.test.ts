import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createProgramFixture, enroll, type ProgramFixture } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, post, purchase, runJobAt, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { runJob } from '../../src/jobs/jobs.ts';
import { DEFAULT_SETTINGS } from '../../src/programs/settings.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';
import { EventSchema } from '../../src/events/schemas.ts';

// 14:00 in Baku (UTC+4, no daylight saving), so local dates are easy to reason about.
const START = new Date('2026-03-01T10:00:00Z');
// A purchase at START is spendable at once and expires 12 calendar months later.
const EXPIRY = new Date('2027-03-01T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app) => {
  t = app;
});
// Jobs run program-wide: each test gets a program of its own so job totals are its members' alone.
beforeEach(async () => {
  p = await createProgramFixture(t);
});
afterEach(() => expectTrialBalanceOk(t, p.adminKey));

const runAt = (job: string, asOf: Date) => runJobAt(t, p.adminKey, job, asOf);

async function eventsOf(memberId: string, type?: string) {
  const { rows } = await sql<{ type: string; data: Record<string, unknown>; occurred_at: Date }>`
    SELECT type, data, occurred_at FROM events WHERE member_id = ${memberId} AND (${type ?? null}::text IS NULL OR type = ${type ?? null})
     ORDER BY db_xid, seq`.execute(t.db);
  return rows;
}

async function transactionsOf(memberId: string, type: string) {
  const res = await t.call({ method: 'GET', url: `/v1/members/${memberId}/transactions?type=${type}`, key: p.readKey });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { points: number; occurred_at: string; data: Record<string, unknown>; lots: { lot_id: string; points: number }[] }[];
}

describe('expiry warning', () => {
  it('fires 48 hours before a lot expires, not a minute earlier, once per member and expiry date', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    expect((await runAt('expiry-warnings', at(EXPIRY, -48 * HOUR - MINUTE))).events).toBe(0);
    expect(await eventsOf(m.id, 'points.expiring')).toEqual([]);

    expect((await runAt('expiry-warnings', at(EXPIRY, -48 * HOUR))).events).toBe(1);
    const [warning] = await eventsOf(m.id, 'points.expiring');
    expect(warning!.data).toEqual({ expires_on: '2027-03-01', first_expires_at: EXPIRY.toISOString(), points: 100, warning_hours: 48 });
    expect(warning!.occurred_at.toISOString()).toBe(at(EXPIRY, -48 * HOUR).toISOString());

    // A rerun, and a later run inside the window, warn nothing new.
    expect((await runAt('expiry-warnings', at(EXPIRY, -48 * HOUR))).events).toBe(0);
    expect((await runAt('expiry-warnings', at(EXPIRY, -HOUR))).events).toBe(0);
    expect(await eventsOf(m.id, 'points.expiring')).toHaveLength(1);
  });

  it('fires at 47 h 59 m before for a member the 48-hour run did not see, and separately for another expiry date', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    t.clock.set(at(START, DAY));
    await purchase(t, p.posKey, m.id, 2500);
    expect((await runAt('expiry-warnings', at(EXPIRY, -47 * HOUR - 59 * MINUTE))).events).toBe(1);
    expect((await runAt('expiry-warnings', at(EXPIRY, DAY - 47 * HOUR - 59 * MINUTE))).events).toBe(1);
    const warnings = await eventsOf(m.id, 'points.expiring');
    expect(warnings.map((w) => [w.data['expires_on'], w.data['points']])).toEqual([
      ['2027-03-01', 100],
      ['2027-03-02', 200],
    ]);
  });

  it('warns only about points still there: a spent lot is not announced', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    expect((await post(t, p.posKey, '/v1/redemptions', { member_id: m.id, points: 100 })).statusCode).toBe(201);
    expect((await runAt('expiry-warnings', at(EXPIRY, -HOUR))).events).toBe(0);
  });

  it('is safe with two instances running it at once', async () => {
    const members = await Promise.all(Array.from({ length: 10 }, () => enroll(t, p.posKey)));
    for (const m of members) await purchase(t, p.posKey, m.id, 1250);
    const asOf = at(EXPIRY, -HOUR);
    const [a, b] = await Promise.all([
      runJob(t.db, t.pool, t.clock, p.programId, DEFAULT_SETTINGS, 'expiry-warnings', asOf),
      runJob(t.db, t.pool, t.clock, p.programId, DEFAULT_SETTINGS, 'expiry-warnings', asOf),
    ]);
    expect(a.events + b.events).toBe(10);
    for (const m of members) expect(await eventsOf(m.id, 'points.expiring')).toHaveLength(1);
  });
});

describe('renewal', () => {
  const renew = (memberId: string, key?: string) => post(t, p.posKey, `/v1/members/${memberId}/renewals`, {}, key);

  it('restores expired points 23 hours after expiry, once, with a fresh validity', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    t.clock.set(at(EXPIRY, 23 * HOUR));
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(0);

    const renewed = await renew(m.id, 'renew-once');
    expect(renewed.statusCode, renewed.body).toBe(201);
    const body = renewed.json();
    expect(body.renewal).toMatchObject({ points: 100, expires_at: '2028-03-02T09:00:00.000Z' });
    expect(body.renewal.expire_transaction_ids).toHaveLength(1);
    expect(body.transaction).toMatchObject({ type: 'renew', points: 100 });
    expect(body.transaction.entries).toEqual([
      { account: 'available', amount: 100 },
      { account: 'expired', amount: -100 },
    ]);
    expect(body.balance).toMatchObject({ available: 100, lifetime: { expired: 0 } });
    expect(await eventsOf(m.id, 'points.renewed')).toHaveLength(1);

    const replay = await renew(m.id, 'renew-once');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(body);

    const again = await renew(m.id);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already_renewed' });
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(100);
  });

  it('refuses 25 hours after expiry with renewal_window_closed', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    t.clock.set(at(EXPIRY, 25 * HOUR));
    const late = await renew(m.id);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'renewal_window_closed',
      expired_at: EXPIRY.toISOString(),
      window_closed_at: at(EXPIRY, 24 * HOUR).toISOString(),
    });
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(0);
  });

  it('refuses nothing_to_renew when nothing expired, and renewed points cannot be renewed again', async () => {
    const m = await enroll(t, p.posKey);
    expect((await renew(m.id)).json()).toMatchObject({ code: 'nothing_to_renew' });
    await purchase(t, p.posKey, m.id, 1250);
    t.clock.set(at(EXPIRY, HOUR));
    expect((await renew(m.id)).statusCode).toBe(201);
    // The renewed lot expires a year later; an hour after that there is nothing renewable.
    t.clock.set(new Date('2028-03-01T12:00:00Z'));
    const second = await renew(m.id);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('renewal_window_closed');
  });
});

describe('activities and task extensions', () => {
  const activity = (memberId: string, body: Record<string, unknown>) => post(t, p.posKey, `/v1/members/${memberId}/activities`, body);

  it("the first completed task of a local day extends the soonest-expiring points by 5 days; later ones don't", async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    t.clock.set(at(START, HOUR));
    await purchase(t, p.posKey, m.id, 2500);

    const first = await activity(m.id, { type: 'task_completed', task_id: 'quiz' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().activity).toMatchObject({ type: 'task_completed', task_id: 'quiz' });
    expect(first.json().extension).toMatchObject({
      type: 'extend',
      points: 100,
      entries: [],
      data: { days: 5, from: EXPIRY.toISOString(), to: at(EXPIRY, 5 * DAY).toISOString() },
    });

    const second = await activity(m.id, { type: 'task_completed', task_id: 'survey' });
    expect(second.json().extension).toBeNull();
    const login = await activity(m.id, { type: 'login' });
    expect(login.json().extension).toBeNull();

    // The extended lot now outlives its old expiry and goes at the new one.
    expect((await runAt('expire', at(EXPIRY, 30 * MINUTE))).points_expired).toBe(0);
    expect((await runAt('expire', at(EXPIRY, HOUR))).points_expired).toBe(200);
    expect((await runAt('expire', at(EXPIRY, 5 * DAY))).points_expired).toBe(100);
  });

  it('the next local day extends again (Baku midnight, not UTC midnight)', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    // 19:59 UTC is 23:59 in Baku; 20:00 UTC is the next local day.
    t.clock.set(new Date('2026-03-01T19:59:00Z'));
    expect((await activity(m.id, { type: 'task_completed' })).json().extension).toMatchObject({ points: 100 });
    expect((await activity(m.id, { type: 'task_completed' })).json().extension).toBeNull();
    t.clock.set(new Date('2026-03-01T20:00:00Z'));
    expect((await activity(m.id, { type: 'task_completed' })).json().extension).toMatchObject({
      data: { to: at(EXPIRY, 10 * DAY).toISOString() },
    });
  });

  it('a login counts for the Bronze daily gift', async () => {
    const m = await enroll(t, p.posKey);
    expect((await runAt('tier-benefits', at(START, HOUR))).benefits_points).toBe(0);
    await activity(m.id, { type: 'login' });
    expect((await runAt('tier-benefits', at(START, HOUR))).benefits_points).toBe(50);
  });

  it('rejects a bad type, a future occurred_at and an unknown member', async () => {
    const m = await enroll(t, p.posKey);
    const bad = await activity(m.id, { type: 'Log In' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ pointer: '/type' });
    const future = await activity(m.id, { type: 'login', occurred_at: at(START, HOUR).toISOString() });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0]).toMatchObject({ pointer: '/occurred_at' });
    const missing = await activity('mem_01jdq3v7f8e9t0sw2p1x5m3k4z', { type: 'login' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('inactivity decay', () => {
  it('takes 5 % on day 30 without activity (not day 29), soonest-expiring lots first, once per period', async () => {
    t.clock.set(at(START, -2 * DAY));
    const m = await enroll(t, p.posKey);
    // An admin credit is not the member's activity; its lot expires two days before the purchase's.
    expect((await post(t, p.adminKey, '/v1/adjustments', { member_id: m.id, points: 100, reason: 'welcome' })).statusCode).toBe(201);
    t.clock.set(START);
    await purchase(t, p.posKey, m.id, 12500);

    expect((await runAt('inactivity-decay', at(START, 29 * DAY))).points_decayed).toBe(0);
    expect((await runAt('inactivity-decay', at(START, 30 * DAY))).points_decayed).toBe(55);
    expect((await runAt('inactivity-decay', at(START, 30 * DAY + HOUR))).points_decayed).toBe(0);
    const [decay] = await transactionsOf(m.id, 'decay');
    expect(decay).toMatchObject({ points: 55, occurred_at: at(START, 30 * DAY).toISOString() });
    expect(decay!.lots).toHaveLength(1);
    expect(decay!.lots[0]!.points).toBe(-55);
    expect(await eventsOf(m.id, 'points.decayed')).toHaveLength(1);

    // Again after each further 30 days: 5 % of 1,045 is 52.25, rounded down.
    expect((await runAt('inactivity-decay', at(START, 60 * DAY))).points_decayed).toBe(52);
    expect((await balanceOf(t, p.readKey, m.id)).available).toBe(1100 - 55 - 52);
  });

  it('activity restarts the count; a missed run catches up period by period', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 12500);
    t.clock.set(at(START, 20 * DAY));
    expect((await post(t, p.posKey, `/v1/members/${m.id}/activities`, { type: 'login' })).statusCode).toBe(201);
    expect((await runAt('inactivity-decay', at(START, 49 * DAY))).points_decayed).toBe(0);
    // Day 50 and day 80 after the login, in one late run: 50 of 1,000, then 47 of 950.
    expect((await runAt('inactivity-decay', at(START, 109 * DAY))).points_decayed).toBe(97);
    const decays = await transactionsOf(m.id, 'decay');
    expect(decays.map((d) => d.occurred_at).sort()).toEqual([at(START, 50 * DAY).toISOString(), at(START, 80 * DAY).toISOString()]);
  });

  it('never decays twice for one period with two instances running at once', async () => {
    const members = await Promise.all(Array.from({ length: 8 }, () => enroll(t, p.posKey)));
    for (const m of members) await purchase(t, p.posKey, m.id, 12500);
    const asOf = at(START, 31 * DAY);
    const [a, b] = await Promise.all([
      runJob(t.db, t.pool, t.clock, p.programId, DEFAULT_SETTINGS, 'inactivity-decay', asOf),
      runJob(t.db, t.pool, t.clock, p.programId, DEFAULT_SETTINGS, 'inactivity-decay', asOf),
    ]);
    expect(a.points_decayed + b.points_decayed).toBe(8 * 50);
  });
});

describe('birthdays', () => {
  it('announces the birthday 7 local days before, once a year', async () => {
    const m = await enroll(t, p.posKey, { birth_date: '1990-03-10' });
    // 19:59 UTC on 2 March is still 2 March in Baku: 8 days before.
    expect((await runAt('birthdays', new Date('2026-03-02T19:59:00Z'))).events).toBe(0);
    expect((await runAt('birthdays', new Date('2026-03-02T20:00:00Z'))).events).toBe(1);
    expect((await runAt('birthdays', new Date('2026-03-05T12:00:00Z'))).events).toBe(0);
    const [notice] = await eventsOf(m.id, 'member.birthday_upcoming');
    expect(notice!.data).toEqual({
      birth_date: '1990-03-10',
      birthday: '2026-03-10',
      days_before: 7,
      offer_valid_from: '2026-03-03',
      offer_valid_until: '2026-03-17',
    });
    expect((await runAt('birthdays', new Date('2027-03-03T12:00:00Z'))).events).toBe(1);
  });

  it('a 29 February birthday falls on 28 February in common years and on the 29th in leap years', async () => {
    const m = await enroll(t, p.posKey, { birth_date: '2004-02-29' });
    expect((await runAt('birthdays', new Date('2027-02-20T12:00:00Z'))).events).toBe(0);
    expect((await runAt('birthdays', new Date('2027-02-21T12:00:00Z'))).events).toBe(1);
    expect((await runAt('birthdays', new Date('2028-02-21T12:00:00Z'))).events).toBe(0);
    expect((await runAt('birthdays', new Date('2028-02-22T12:00:00Z'))).events).toBe(1);
    expect((await eventsOf(m.id, 'member.birthday_upcoming')).map((e) => e.data['birthday'])).toEqual(['2027-02-28', '2028-02-29']);
  });
});

describe('win-back', () => {
  it('fires at 60 days, 9, 12 and 15 months without a purchase, each once, and marks the member lost at 3 years', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    expect((await runAt('win-back', at(START, 59 * DAY))).events).toBe(0);
    expect((await runAt('win-back', at(START, 60 * DAY))).events).toBe(1);
    expect((await runAt('win-back', at(START, 61 * DAY))).events).toBe(0);
    expect((await runAt('win-back', new Date('2026-12-01T10:00:00Z'))).events).toBe(1);
    expect((await runAt('win-back', new Date('2027-03-01T10:00:00Z'))).events).toBe(1);
    expect((await runAt('win-back', new Date('2027-06-01T10:00:00Z'))).events).toBe(1);
    expect((await runAt('win-back', new Date('2029-02-28T10:00:00Z'))).events).toBe(0);
    expect((await runAt('win-back', new Date('2029-03-01T10:00:00Z'))).events).toBe(1);
    const notices = await eventsOf(m.id, 'member.inactive');
    expect(notices.map((n) => [n.data['milestone'], n.data['lost']])).toEqual([
      ['60d', false],
      ['9m', false],
      ['12m', false],
      ['15m', false],
      ['3y', true],
    ]);
    expect(notices[0]!.data['inactive_since']).toBe(START.toISOString());

    const card = await t.call({ method: 'GET', url: `/v1/members/${m.id}`, key: p.readKey });
    expect(card.json().lost_at).toBe('2029-03-01T10:00:00.000Z');
    // Coming back clears it, and the milestones count from the new purchase.
    t.clock.set(new Date('2029-04-01T10:00:00Z'));
    await purchase(t, p.posKey, m.id, 1250);
    expect((await t.call({ method: 'GET', url: `/v1/members/${m.id}`, key: p.readKey })).json().lost_at).toBeNull();
    expect((await runAt('win-back', new Date('2029-05-31T10:00:00Z'))).events).toBe(1);
  });

  it('a late first run announces only the furthest milestone reached; the earlier ones never fire afterwards', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    expect((await runAt('win-back', new Date('2027-04-01T10:00:00Z'))).events).toBe(1);
    expect((await runAt('win-back', new Date('2027-04-02T10:00:00Z'))).events).toBe(0);
    expect((await eventsOf(m.id, 'member.inactive')).map((n) => n.data['milestone'])).toEqual(['12m']);
  });
});

describe('event payloads', () => {
  it('every event the rules above wrote matches its documented schema', async () => {
    const { rows } = await sql<EventRow & { program_id: string }>`
      SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events`.execute(t.db);
    const types = new Set(rows.map((r) => r.type));
    for (const type of ['points.expiring', 'points.renewed', 'points.extended', 'points.decayed', 'member.birthday_upcoming', 'member.inactive']) {
      expect(types).toContain(type);
    }
    for (const row of rows) {
      const parsed = EventSchema.safeParse(toEventJson(row.program_id, row));
      expect(parsed.success, `${row.type}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });
});
