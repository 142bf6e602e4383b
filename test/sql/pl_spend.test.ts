import { describe, expect, it } from 'vitest';
import { createMember, insertLot, uid, useSqlDatabase, type MemberFixture } from '../helpers/sql.ts';

const db = useSqlDatabase();

const NOW = '2025-03-01T12:00:00Z';
const NO_CAPS = { per_transaction: null, per_day: null, per_month: null };

const payload = (m: MemberFixture, velocity: Record<string, unknown>) => ({
  program_id: m.programId,
  now: NOW,
  rules: { redeem_limits: NO_CAPS, earn_limits: NO_CAPS, velocity, day_start: '2025-03-01T00:00:00Z', month_start: '2025-03-01T00:00:00Z' },
});

/** pl_spend(p, member, txn, points, available, 'redeem') under the member's lock. */
const spend = (m: MemberFixture, points: number, available: number, velocity: Record<string, unknown>) =>
  db().locked<Record<string, unknown> | null>(m.memberId, `SELECT pl_spend($1::jsonb, $2, $3, $4::bigint, $5::bigint, 'redeem')`, [
    JSON.stringify(payload(m, velocity)),
    m.memberId,
    uid('txn'),
    points,
    available,
  ]);

const statusOf = async (m: MemberFixture) => (await db().rows<{ status: string }>('SELECT status FROM members WHERE id = $1', [m.memberId]))[0]!.status;

describe('pl_spend', () => {
  it('refuses a spend larger than the balance as insufficient_points without counting it toward velocity', async () => {
    const m = await createMember(db());
    await insertLot(db(), m, { granted: 600, expiresAt: '2026-01-01T00:00:00Z' });

    const refusal = await spend(m, 1_000_000, 600, { window_minutes: 10, max_transactions: 100, max_points: 1000 });

    expect(refusal).toEqual({ error: 'insufficient_points', available: 600, requested: 1_000_000 });
    expect(await statusOf(m)).toBe('active');
    expect(await db().value('SELECT count(*)::int FROM member_status_changes WHERE member_id = $1', [m.memberId])).toBe(0);
  });

  it('still blocks a member whose spend would commit and cross the velocity threshold', async () => {
    const m = await createMember(db());
    await insertLot(db(), m, { granted: 600, expiresAt: '2026-01-01T00:00:00Z' });

    const refusal = await spend(m, 600, 600, { window_minutes: 10, max_transactions: 100, max_points: 500 });

    expect(refusal).toMatchObject({ error: 'member_blocked', rule: 'velocity' });
    expect(await statusOf(m)).toBe('blocked');
  });
});
