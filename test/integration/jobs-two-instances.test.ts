import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { expectTrialBalanceOk, purchase, type FixedClockTestApp } from '../helpers/ledger.ts';
import { JOB_NAMES, runJob, type JobName, type JobResult } from '../../src/jobs/jobs.ts';
import { resolveSettings } from '../../src/programs/settings.ts';

// Two service instances (two apps, each with its own pool and caches) on one database, running every job at once,
// as two schedulers would. Every member is set up alike, so every member's history must come out alike: a member
// handled twice (or skipped) stands out, and each phase's totals are known exactly.

// 14:00 in Baku (the default program time zone).
const START = new Date('2026-03-01T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MEMBERS = 40;
// Half of them have a birthday 4 days after START (member.birthday_upcoming is raised 7 days before).
const BIRTHDAY = '1990-03-05';

let a: FixedClockTestApp;
let b: FixedClockTestApp;
let p: ProgramFixture;
let members: { id: string }[];

beforeAll(async () => {
  a = (await createTestApp({ now: START })) as FixedClockTestApp;
  b = (await createTestApp({ now: START, databaseUrl: a.config.DATABASE_URL })) as FixedClockTestApp;
  // Earned points wait 3 days before they are spendable, so the mature job has work of its own.
  p = await createProgramFixture(a, { pending_days: 3 });
  members = [];
  for (let i = 0; i < MEMBERS; i++) {
    // Enrolled and bought through both instances alike.
    const via = i % 2 === 0 ? a : b;
    const m = await enroll(via, p.posKey, i % 2 === 0 ? { birth_date: BIRTHDAY } : {});
    await purchase(via, p.posKey, m.id, 1250); // 100 points, pending until START + 3 days
    members.push(m);
  }
});

afterAll(async () => {
  // b shares a's database and drops nothing; a drops it.
  await b?.close();
  await a?.close();
});

type Totals = Omit<JobResult, 'job' | 'as_of'>;

/** One instance's scheduler tick as of an instant: every job of the program in turn. */
async function tick(t: FixedClockTestApp, asOf: Date): Promise<Record<JobName, JobResult>> {
  const { settings } = await t.db.selectFrom('programs').select('settings').where('id', '=', p.programId).executeTakeFirstOrThrow();
  const results = {} as Record<JobName, JobResult>;
  for (const job of JOB_NAMES) results[job] = await runJob(t.db, t.pool, t.clock, p.programId, resolveSettings(settings), job, asOf);
  return results;
}

/** Both instances tick at once; what they did, job by job, added up. */
async function bothTick(asOf: Date): Promise<Record<JobName, Totals>> {
  a.clock.set(asOf);
  b.clock.set(asOf);
  const [fromA, fromB] = await Promise.all([tick(a, asOf), tick(b, asOf)]);
  const sum = {} as Record<JobName, Totals>;
  for (const job of JOB_NAMES) {
    const { job: _job, as_of: _asOf, ...x } = fromA[job];
    const { job: _jobB, as_of: _asOfB, ...y } = fromB[job];
    sum[job] = Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v + y[k as keyof Totals]])) as Totals;
  }
  return sum;
}

/** Nothing is left to do: a third tick, from either instance, finds no work. */
async function expectNothingLeft(asOf: Date) {
  for (const t of [a, b]) {
    const again = await tick(t, asOf);
    for (const job of JOB_NAMES) expect(again[job], `${job} after the concurrent tick`).toMatchObject({ members: 0, events: 0 });
  }
}

/** Each member's transactions as (type, points, occurred_at), in version order. */
async function histories(): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ member_id: string; type: string; points: string; occurred_at: Date }>`
    SELECT member_id, type, points::text, occurred_at FROM ledger_transactions WHERE program_id = ${p.programId}
     ORDER BY member_id, version`.execute(a.db);
  const byMember = new Map<string, string[]>(members.map((m) => [m.id, []]));
  for (const r of rows) byMember.get(r.member_id)!.push(`${r.type} ${r.points} ${r.occurred_at.toISOString()}`);
  return byMember;
}

/** Each member's events (type, occurred_at), in the order they were written; and milestones (kind/key). */
async function notices(): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ member_id: string; type: string; occurred_at: Date }>`
    SELECT member_id, type, occurred_at FROM events
     WHERE program_id = ${p.programId} AND type IN ('points.expiring', 'member.birthday_upcoming', 'member.inactive')
     ORDER BY member_id, type, occurred_at`.execute(a.db);
  const { rows: milestones } = await sql<{ member_id: string; kind: string; key: string }>`
    SELECT member_id, kind, key FROM member_milestones WHERE program_id = ${p.programId} ORDER BY member_id, kind, key`.execute(a.db);
  const byMember = new Map<string, string[]>(members.map((m) => [m.id, []]));
  for (const r of rows) byMember.get(r.member_id)!.push(`${r.type} ${r.occurred_at.toISOString()}`);
  for (const r of milestones) byMember.get(r.member_id)!.push(`milestone ${r.kind}/${r.key}`);
  return byMember;
}

/** Every member with (or without) a birthday has exactly the same history and notices as every other such member. */
async function expectAllAlike() {
  const [h, n] = await Promise.all([histories(), notices()]);
  for (const parity of [0, 1]) {
    const group = members.filter((_, i) => i % 2 === parity);
    const first = group[0]!.id;
    for (const m of group) {
      expect(h.get(m.id), `transactions of ${m.id}`).toEqual(h.get(first));
      expect(n.get(m.id), `notices of ${m.id}`).toEqual(n.get(first));
    }
  }
  return { history: h.get(members[0]!.id)!, notices: n };
}

const countOf = (list: string[], prefix: string) => list.filter((x) => x.startsWith(prefix)).length;

// Each phase is some 40 × 10 job calls from each instance: generous on a loaded cluster.
describe('two service instances running the jobs at once', { timeout: 120_000 }, () => {
  it('pay the daily tier gift and raise birthday notices once per member', async () => {
    const totals = await bothTick(new Date(START.getTime() + HOUR));
    expect(totals['tier-benefits']).toMatchObject({ members: MEMBERS, benefits_points: 50 * MEMBERS });
    expect(totals.birthdays).toMatchObject({ members: MEMBERS / 2, events: MEMBERS / 2 });
    expect(totals.mature).toMatchObject({ members: 0, points_matured: 0 });
    const { history, notices: byMember } = await expectAllAlike();
    expect(countOf(history, 'benefit 50 ')).toBe(1);
    expect(countOf(byMember.get(members[0]!.id)!, 'member.birthday_upcoming')).toBe(1);
    expect(countOf(byMember.get(members[1]!.id)!, 'member.birthday_upcoming')).toBe(0);
    await expectNothingLeft(new Date(START.getTime() + HOUR));
    await expectTrialBalanceOk(a, p.adminKey);
  });

  it('mature each pending lot once', async () => {
    const at = new Date(START.getTime() + 3 * DAY + HOUR);
    const totals = await bothTick(at);
    expect(totals.mature).toMatchObject({ members: MEMBERS, points_matured: 100 * MEMBERS });
    expect(totals['tier-benefits'].benefits_points).toBe(0);
    const { history } = await expectAllAlike();
    expect(countOf(history, 'mature 100 ')).toBe(1);
    await expectNothingLeft(at);
    await expectTrialBalanceOk(a, p.adminKey);
  });

  it('decay an inactive balance once per period', async () => {
    const at = new Date(START.getTime() + 40 * DAY);
    const totals = await bothTick(at);
    // One 30-day period without activity: 5 % of 150 available, rounded down.
    expect(totals['inactivity-decay']).toMatchObject({ members: MEMBERS, points_decayed: 7 * MEMBERS });
    const { history } = await expectAllAlike();
    expect(countOf(history, 'decay 7 ')).toBe(1);
    await expectNothingLeft(at);
    await expectTrialBalanceOk(a, p.adminKey);
  });

  it('warn of expiring points, announce win-back milestones and decay later periods once each', async () => {
    // A day before the tier gift's lot (granted START + 1 h, valid 12 months) expires.
    const at = new Date(START.getTime() + HOUR + 364 * DAY);
    const totals = await bothTick(at);
    expect(totals['expiry-warnings']).toMatchObject({ members: MEMBERS, events: MEMBERS });
    expect(totals['win-back']).toMatchObject({ members: MEMBERS, events: MEMBERS });
    expect(totals['inactivity-decay'].members).toBe(MEMBERS);
    const { history, notices: byMember } = await expectAllAlike();
    const mine = byMember.get(members[1]!.id)!;
    expect(countOf(mine, 'points.expiring')).toBe(1);
    expect(countOf(mine, 'member.inactive')).toBe(1);
    // What the instances said they decayed is exactly what the ledger holds.
    const decayed = history.filter((x) => x.startsWith('decay ')).reduce((s, x) => s + Number(x.split(' ')[1]), 0);
    expect(decayed * MEMBERS).toBe(7 * MEMBERS + totals['inactivity-decay'].points_decayed);
    await expectNothingLeft(at);
    await expectTrialBalanceOk(a, p.adminKey);
  });

  it('expire what is left once, and leave a clean trial balance on both instances', async () => {
    const at = new Date(START.getTime() + 2 * 365 * DAY);
    const { rows } = await sql<{ available: string }>`SELECT sum(available)::text AS available FROM member_balances
      WHERE program_id = ${p.programId}`.execute(a.db);
    const totals = await bothTick(at);
    expect(totals.expire).toMatchObject({ members: MEMBERS, points_expired: Number(rows[0]!.available) });
    const { history } = await expectAllAlike();
    expect(countOf(history, 'expire ')).toBe(1);
    await expectNothingLeft(at);
    const after = await sql<{ available: string }>`SELECT sum(available)::text AS available FROM member_balances
      WHERE program_id = ${p.programId}`.execute(a.db);
    expect(Number(after.rows[0]!.available)).toBe(0);
    const fromA = await expectTrialBalanceOk(a, p.adminKey);
    const fromB = await expectTrialBalanceOk(b, p.adminKey);
    expect(fromB).toEqual(fromA);
    expect(fromA.transactions).toBe((await histories()).get(members[0]!.id)!.length * MEMBERS);
  });
});
