import { describe, expect, it } from 'vitest';
import { createMember, date, useSqlDatabase, type MemberFixture } from '../helpers/sql.ts';

const db = useSqlDatabase();

const NOW = '2025-03-01T12:00:00Z';
const VELOCITY = { window_minutes: 10, max_transactions: 5, max_points: 1000 };

/** pl_velocity_verdict(member, program, velocity, transactions, points, actor, now) under the member's lock. */
const verdict = (m: MemberFixture, transactions: number, points: number, velocity: Record<string, unknown> = VELOCITY, actor = 'ledger') =>
  db().locked<Record<string, unknown> | null>(m.memberId, 'SELECT pl_velocity_verdict($1, $2, $3::jsonb, $4::bigint, $5::bigint, $6, $7::timestamptz)', [
    m.memberId,
    m.programId,
    JSON.stringify(velocity),
    transactions,
    points,
    actor,
    NOW,
  ]);

async function memberOf(m: MemberFixture) {
  const [row] = await db().rows<{ status: string; status_reason: string | null; status_changed_at: Date | null; updated_at: Date }>(
    'SELECT status, status_reason, status_changed_at, updated_at FROM members WHERE id = $1',
    [m.memberId],
  );
  return row!;
}

const statusChangesOf = (m: MemberFixture) =>
  db().rows<{ program_id: string; status: string; reason: string; rule: string; details: unknown; actor: string; occurred_at: Date }>(
    'SELECT program_id, status, reason, rule, details, actor, occurred_at FROM member_status_changes WHERE member_id = $1',
    [m.memberId],
  );

const blockedEventsOf = (m: MemberFixture) =>
  db().rows<{ occurred_at: Date; data: { member: { status: string }; previous_status: string } }>(
    `SELECT occurred_at, data FROM events WHERE member_id = $1 AND type = 'member.blocked'`,
    [m.memberId],
  );

describe('pl_velocity_verdict', () => {
  it('lets a member at exactly both thresholds through and writes nothing', async () => {
    const m = await createMember(db());

    expect(await verdict(m, 5, 1000)).toBeNull();

    expect((await memberOf(m)).status).toBe('active');
    expect(await statusChangesOf(m)).toEqual([]);
    expect(await blockedEventsOf(m)).toEqual([]);
  });

  it('blocks a member one transaction over the limit and records why', async () => {
    const m = await createMember(db());

    const refusal = await verdict(m, 6, 10, VELOCITY, 'sweep');

    const reason = '6 transactions in 10 minutes';
    expect(refusal).toEqual({ error: 'member_blocked', member_id: m.memberId, rule: 'velocity', reason });
    expect(await memberOf(m)).toEqual({ status: 'blocked', status_reason: reason, status_changed_at: date(NOW), updated_at: date(NOW) });
    expect(await statusChangesOf(m)).toEqual([
      {
        program_id: m.programId,
        status: 'blocked',
        reason,
        rule: 'velocity',
        details: { transactions: 6, points: 10, window_minutes: 10 },
        actor: 'sweep',
        occurred_at: date(NOW),
      },
    ]);
    const events = await blockedEventsOf(m);
    expect(events).toHaveLength(1);
    expect(events[0]!.occurred_at).toEqual(date(NOW));
    expect(events[0]!.data).toMatchObject({ member: { status: 'blocked' }, previous_status: 'active' });
  });

  it('blocks a member one point over the limit', async () => {
    const m = await createMember(db());

    const refusal = await verdict(m, 1, 1001);

    expect(refusal).toMatchObject({ error: 'member_blocked', reason: '1001 points in 10 minutes' });
    expect((await memberOf(m)).status).toBe('blocked');
    expect((await statusChangesOf(m)).map((c) => [c.actor, c.details])).toEqual([['ledger', { transactions: 1, points: 1001, window_minutes: 10 }]]);
  });

  it('gives the transaction count as the reason when both thresholds are crossed', async () => {
    const m = await createMember(db());

    expect(await verdict(m, 9, 5000)).toMatchObject({ reason: '9 transactions in 10 minutes' });
    expect((await statusChangesOf(m)).map((c) => c.reason)).toEqual(['9 transactions in 10 minutes']);
  });

  it('applies only the threshold a rule sets', async () => {
    const onlyPoints = await createMember(db());
    const onlyTransactions = await createMember(db());

    expect(await verdict(onlyPoints, 1000, 100, { window_minutes: 60, max_points: 100 })).toBeNull();
    expect(await verdict(onlyPoints, 1000, 101, { window_minutes: 60, max_points: 100 })).toMatchObject({ reason: '101 points in 60 minutes' });
    expect(await verdict(onlyTransactions, 3, 1_000_000, { window_minutes: 60, max_transactions: 3 })).toBeNull();
    expect((await memberOf(onlyTransactions)).status).toBe('active');
  });

  it('blocks only the member it judges', async () => {
    const m = await createMember(db());
    const bystander = await createMember(db());

    await verdict(m, 6, 0);

    expect((await memberOf(bystander)).status).toBe('active');
    expect(await statusChangesOf(bystander)).toEqual([]);
  });
});
