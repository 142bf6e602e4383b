import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createProgramFixture, enroll, type ProgramFixture } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, post, purchase, runJobAt, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';
import { EventSchema } from '../../src/events/schemas.ts';

// As in time-rules.test.ts: a purchase at START expires 12 calendar months later, at EXPIRY.
const START = new Date('2026-03-01T10:00:00Z');
const EXPIRY = new Date('2027-03-01T10:00:00Z');
const HOUR = 3_600_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app) => {
  t = app;
});
beforeEach(async () => {
  p = await createProgramFixture(t);
});
afterEach(() => expectTrialBalanceOk(t, p.adminKey));

const runAt = (job: string, asOf: Date) => runJobAt(t, p.adminKey, job, asOf);

/** The member's events in feed order, as the feed shows them, each checked against its documented schema. */
async function feedOf(memberId: string) {
  const { rows } = await sql<EventRow & { program_id: string }>`
    SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events
     WHERE member_id = ${memberId} ORDER BY db_xid, seq`.execute(t.db);
  return rows.map((row) => {
    const event = toEventJson(row.program_id, row);
    const parsed = EventSchema.safeParse(event);
    expect(parsed.error, `${row.type} ${JSON.stringify(row.data)}`).toBeUndefined();
    return event as { type: string; occurred_at: string; data: Record<string, unknown> };
  });
}

async function expireIds(memberId: string) {
  const res = await t.call({ method: 'GET', url: `/v1/members/${memberId}/transactions?type=expire`, key: p.readKey });
  return (res.json().data as { id: string; occurred_at: string }[]).sort((a, b) => a.occurred_at.localeCompare(b.occurred_at)).map((x) => x.id);
}

const renew = (memberId: string) => post(t, p.posKey, `/v1/members/${memberId}/renewals`, {});

describe('points.renewable', () => {
  it('follows the expiry job with the renewal deadline, and renewing before it restores those points', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    expect((await runAt('expire', at(EXPIRY, HOUR))).points_expired).toBe(100);

    const events = await feedOf(m.id);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['points.expired', 'points.renewable']);
    const renewable = events.at(-1)!;
    expect(renewable.occurred_at).toBe(EXPIRY.toISOString());
    expect(renewable.data).toEqual({
      points: 100,
      expire_transaction_ids: await expireIds(m.id),
      expired_at: EXPIRY.toISOString(),
      renewable_until: at(EXPIRY, 24 * HOUR).toISOString(),
      renewal_window_hours: 24,
    });

    t.clock.set(at(EXPIRY, 24 * HOUR - 1));
    const renewed = await renew(m.id);
    expect(renewed.statusCode, renewed.body).toBe(201);
    expect(renewed.json().renewal).toMatchObject({ points: 100, expire_transaction_ids: renewable.data['expire_transaction_ids'] });
    expect((await feedOf(m.id)).filter((e) => e.type === 'points.renewable')).toHaveLength(1);
  });

  it('is published when a read or a write settles the expiry, with the program window', async () => {
    const f = await createProgramFixture(t, { renewal_window_hours: 6 });
    const m = await enroll(t, f.posKey);
    await purchase(t, f.posKey, m.id, 1250);
    t.clock.set(at(EXPIRY, 2 * HOUR));
    expect((await balanceOf(t, f.readKey, m.id)).available).toBe(0);
    const [renewable] = (await feedOf(m.id)).filter((e) => e.type === 'points.renewable');
    expect(renewable!.data).toMatchObject({ points: 100, renewable_until: at(EXPIRY, 6 * HOUR).toISOString(), renewal_window_hours: 6 });
    await expectTrialBalanceOk(t, f.adminKey);
  });

  it('covers every renewable expiry of one run; the deadline is the first one’s', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    t.clock.set(at(START, 3 * HOUR));
    await purchase(t, p.posKey, m.id, 2500);
    t.clock.set(START);
    expect((await runAt('expire', at(EXPIRY, 4 * HOUR))).points_expired).toBe(300);
    const renewable = (await feedOf(m.id)).filter((e) => e.type === 'points.renewable');
    expect(renewable).toHaveLength(1);
    expect(renewable[0]!.data).toEqual({
      points: 300,
      expire_transaction_ids: await expireIds(m.id),
      expired_at: EXPIRY.toISOString(),
      renewable_until: at(EXPIRY, 24 * HOUR).toISOString(),
      renewal_window_hours: 24,
    });
    expect(renewable[0]!.occurred_at).toBe(at(EXPIRY, 3 * HOUR).toISOString());
  });

  it('is not published when nothing expired, when the window had closed, or for renewed points expiring again', async () => {
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
    expect((await runAt('expire', at(EXPIRY, -1))).points_expired).toBe(0);
    expect((await feedOf(m.id)).map((e) => e.type)).not.toContain('points.renewable');

    const late = await enroll(t, p.posKey);
    await purchase(t, p.posKey, late.id, 1250);
    expect((await runAt('expire', at(EXPIRY, 24 * HOUR))).points_expired).toBe(200);
    expect((await feedOf(late.id)).map((e) => e.type)).not.toContain('points.renewable');
    // m's expiry at EXPIRY is 24 hours old as well: its window closed at that instant.
    expect((await feedOf(m.id)).map((e) => e.type)).not.toContain('points.renewable');

    const renewedMember = await enroll(t, p.posKey);
    await purchase(t, p.posKey, renewedMember.id, 1250);
    t.clock.set(at(EXPIRY, HOUR));
    expect((await renew(renewedMember.id)).statusCode).toBe(201);
    const before = (await feedOf(renewedMember.id)).filter((e) => e.type === 'points.renewable');
    expect(before).toHaveLength(1);
    // The renewed lot expires 12 months after the renewal: it is not renewable again.
    expect((await runAt('expire', at(EXPIRY, 400 * 24 * HOUR))).points_expired).toBe(100);
    expect((await feedOf(renewedMember.id)).filter((e) => e.type === 'points.renewable')).toEqual(before);
  });

  it('is not published when renewal is off (renewal_window_hours 0)', async () => {
    const f = await createProgramFixture(t, { renewal_window_hours: 0 });
    const m = await enroll(t, f.posKey);
    await purchase(t, f.posKey, m.id, 1250);
    const run = await post(t, f.adminKey, '/v1/jobs/expire/run', { allow_future: true, as_of: at(EXPIRY, HOUR).toISOString() });
    expect(run.json()).toMatchObject({ points_expired: 100 });
    expect((await feedOf(m.id)).map((e) => e.type)).toEqual(expect.arrayContaining(['points.expired']));
    expect((await feedOf(m.id)).map((e) => e.type)).not.toContain('points.renewable');
    await expectTrialBalanceOk(t, f.adminKey);
  });
});
