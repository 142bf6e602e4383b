import { describe, expect, it } from 'vitest';
import { createMember, uid, useSqlDatabase, type MemberFixture } from '../helpers/sql.ts';

const db = useSqlDatabase();

const TIERS = [
  { name: 'bronze', threshold: 0, multiplier: 1 },
  { name: 'silver', threshold: 1000, multiplier: 1 },
  { name: 'gold', threshold: 3000, multiplier: 1.5 },
  { name: 'platinum', threshold: 6000, multiplier: 2 },
];

const tierFor = (points: number | null, tiers: unknown = TIERS) => db().value<number>('SELECT pl_tier_for($1::jsonb, $2::bigint)', [JSON.stringify(tiers), points]);
const tierIndex = (name: string | null, tiers: unknown = TIERS) => db().value<number>('SELECT pl_tier_index($1::jsonb, $2)', [JSON.stringify(tiers), name]);

describe('pl_tier_for', () => {
  it('gives the entry tier below the first threshold above it', async () => {
    expect(await tierFor(0)).toBe(0);
    expect(await tierFor(999)).toBe(0);
  });

  it('reaches a tier at exactly its threshold, not one point earlier', async () => {
    expect(await tierFor(1000)).toBe(1);
    expect(await tierFor(2999)).toBe(1);
    expect(await tierFor(3000)).toBe(2);
    expect(await tierFor(5999)).toBe(2);
    expect(await tierFor(6000)).toBe(3);
  });

  it('stays at the top tier however far above its threshold', async () => {
    expect(await tierFor(1_000_000_000)).toBe(3);
  });

  it('gives the entry tier for negative qualifying points', async () => {
    expect(await tierFor(-500)).toBe(0);
  });

  it('works for a program with a single tier', async () => {
    expect(await tierFor(10_000, [{ name: 'member', threshold: 0 }])).toBe(0);
  });
});

describe('pl_tier_index', () => {
  it('gives the position of a tier in the program’s list', async () => {
    expect(await tierIndex('bronze')).toBe(0);
    expect(await tierIndex('silver')).toBe(1);
    expect(await tierIndex('gold')).toBe(2);
    expect(await tierIndex('platinum')).toBe(3);
  });

  it('counts an unknown name, a differently cased name and NULL as the entry tier', async () => {
    expect(await tierIndex('diamond')).toBe(0);
    expect(await tierIndex('Gold')).toBe(0);
    expect(await tierIndex(null)).toBe(0);
  });
});

describe('pl_qualifying', () => {
  const AS_OF = '2025-06-15T12:00:00Z';

  /** Writes ledger transactions directly, each with the member's next version. */
  async function transactions(m: MemberFixture, rows: { type: string; points: number; at: string; data?: Record<string, unknown> }[]) {
    for (const row of rows) {
      // Read first, then insert: Citus refuses a subquery inside an INSERT into a distributed table.
      const version = await db().value<number>(
        'SELECT coalesce(max(version), 0)::int + 1 FROM ledger_transactions WHERE member_id = $1',
        [m.memberId],
      );
      await db().rows(
        `INSERT INTO ledger_transactions (member_id, id, program_id, type, points, occurred_at, recorded_at, version, data)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8)`,
        [m.memberId, uid('txn'), m.programId, row.type, row.points, row.at, version, JSON.stringify(row.data ?? {})],
      );
    }
  }

  const qualifying = (m: MemberFixture, asOf = AS_OF, months = 12) => db().value<number>('SELECT pl_qualifying($1, $2::timestamptz, $3::int)', [m.memberId, asOf, months]);

  it('is zero for a member without transactions', async () => {
    const m = await createMember(db());
    expect(await qualifying(m)).toBe(0);
  });

  it('adds up purchases and their bonuses', async () => {
    const m = await createMember(db());
    await transactions(m, [
      { type: 'earn', points: 400, at: '2025-01-10T00:00:00Z' },
      { type: 'bonus', points: 20, at: '2025-01-10T00:00:00Z' },
      { type: 'earn', points: 250, at: '2025-05-01T00:00:00Z' },
    ]);
    expect(await qualifying(m)).toBe(670);
  });

  it('takes a return’s clawback off, not the points the return actually took', async () => {
    const m = await createMember(db());
    await transactions(m, [
      { type: 'earn', points: 1000, at: '2025-02-01T00:00:00Z' },
      // 300 clawed: 100 taken from the balance, the rest forgiven.
      { type: 'return', points: 100, at: '2025-03-01T00:00:00Z', data: { claw: 300 } },
    ]);
    expect(await qualifying(m)).toBe(700);
  });

  it('is not lowered by redemptions, holds, expiries, debt payments or conversions', async () => {
    const m = await createMember(db());
    await transactions(m, [
      { type: 'earn', points: 500, at: '2025-02-01T00:00:00Z' },
      { type: 'redeem', points: 300, at: '2025-03-01T00:00:00Z' },
      { type: 'hold', points: 100, at: '2025-03-02T00:00:00Z' },
      { type: 'expire', points: 50, at: '2025-03-03T00:00:00Z' },
      { type: 'debt_payment', points: 20, at: '2025-03-04T00:00:00Z' },
      { type: 'convert', points: 10, at: '2025-03-05T00:00:00Z' },
    ]);
    expect(await qualifying(m)).toBe(500);
  });

  it('does not count admin adjustments or maturing points', async () => {
    const m = await createMember(db());
    await transactions(m, [
      { type: 'earn', points: 100, at: '2025-02-01T00:00:00Z' },
      { type: 'adjust', points: 5000, at: '2025-02-02T00:00:00Z' },
      { type: 'mature', points: 100, at: '2025-02-15T00:00:00Z' },
    ]);
    expect(await qualifying(m)).toBe(100);
  });

  it('counts the rolling window (as_of minus the months, as_of]: the start is out, as_of itself is in', async () => {
    const m = await createMember(db());
    await transactions(m, [
      { type: 'earn', points: 1, at: '2024-06-15T12:00:00Z' },
      { type: 'earn', points: 10, at: '2024-06-15T12:00:00.001Z' },
      { type: 'earn', points: 100, at: AS_OF },
      { type: 'earn', points: 1000, at: '2025-06-15T12:00:00.001Z' },
    ]);
    expect(await qualifying(m)).toBe(110);
    // A shorter window, and an as_of that moves past the next transaction.
    expect(await qualifying(m, AS_OF, 1)).toBe(100);
    expect(await qualifying(m, '2025-06-15T12:00:00.001Z', 12)).toBe(1100);
  });

  it('only counts the member’s own transactions', async () => {
    const m = await createMember(db());
    const other = await createMember(db());
    await transactions(other, [{ type: 'earn', points: 900, at: '2025-05-01T00:00:00Z' }]);
    await transactions(m, [{ type: 'earn', points: 50, at: '2025-05-01T00:00:00Z' }]);
    expect(await qualifying(m)).toBe(50);
  });

  it('feeds pl_tier_for: a return below a threshold drops the tier the points reach', async () => {
    const m = await createMember(db());
    await transactions(m, [{ type: 'earn', points: 1000, at: '2025-05-01T00:00:00Z' }]);
    expect(await db().value('SELECT pl_tier_for($1::jsonb, pl_qualifying($2, $3::timestamptz, 12))', [JSON.stringify(TIERS), m.memberId, AS_OF])).toBe(1);
    await transactions(m, [{ type: 'return', points: 1, at: '2025-05-02T00:00:00Z', data: { claw: 1 } }]);
    expect(await db().value('SELECT pl_tier_for($1::jsonb, pl_qualifying($2, $3::timestamptz, 12))', [JSON.stringify(TIERS), m.memberId, AS_OF])).toBe(0);
  });
});
