import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDistributed } from '../../src/db/placement.ts';
import { createMember, uid, useSqlDatabase, type MemberFixture } from '../helpers/sql.ts';

/**
 * A promotion's total uses and budget live in a pool and in slices beside the members (migrations/0005_promotions.sql):
 * purchases spend from their slice, and pl_promotion_refill moves chunks from the pool, sweeping the slices back into
 * it when it runs dry. Whatever the sequence, nothing is created or lost, and nothing goes below zero.
 */
const db = useSqlDatabase();

async function promotionWithPool(m: MemberFixture, uses: number | null, budget: number | null): Promise<string> {
  const id = uid('prm');
  await db().rows(
    `INSERT INTO promotions (program_id, id, name, status, visibility, stackable, priority, effect, scope, conditions, limits, created_at, updated_at)
     VALUES ($1, $2, 'test', 'active', 'visible', false, 0, '{"type":"percent_off","percent":10}', '{}', '{}', '{}', now(), now())`,
    [m.programId, id],
  );
  await db().rows('INSERT INTO promotion_pools (program_id, promotion_id, uses_left, budget_left) VALUES ($1, $2, $3, $4)', [m.programId, id, uses, budget]);
  return id;
}

const refill = (m: MemberFixture, promotion: string, slice: string, uses: number, budget: number) =>
  db().value<boolean>('SELECT pl_promotion_refill($1, $2, $3, $4, $5)', [m.programId, promotion, slice, uses, budget]);

/** What is left in the pool and in each slice. */
async function state(m: MemberFixture, promotion: string) {
  const pool = (await db().rows<{ uses: string | null; budget: string | null }>(
    'SELECT uses_left AS uses, budget_left AS budget FROM promotion_pools WHERE program_id = $1 AND promotion_id = $2',
    [m.programId, promotion],
  ))[0]!;
  const slices = await db().rows<{ slice: string; uses: string; budget: string }>(
    'SELECT slice_key AS slice, uses_left AS uses, budget_left AS budget FROM promotion_slices WHERE program_id = $1 AND promotion_id = $2',
    [m.programId, promotion],
  );
  const total = (field: 'uses' | 'budget') => Number(pool[field] ?? 0) + slices.reduce((sum, s) => sum + Number(s[field]), 0);
  return { pool, slices: Object.fromEntries(slices.map((s) => [s.slice, { uses: Number(s.uses), budget: Number(s.budget) }])), uses: total('uses'), budget: total('budget') };
}

/** A purchase's spend from its slice, as pl_promotions_claim does it: all or nothing. */
async function spend(m: MemberFixture, promotion: string, slice: string, uses: number, budget: number): Promise<boolean> {
  const rows = await db().rows(
    `UPDATE promotion_slices SET uses_left = uses_left - $4, budget_left = budget_left - $5
      WHERE slice_key = $3 AND program_id = $1 AND promotion_id = $2 AND uses_left >= $4 AND budget_left >= $5 RETURNING 1`,
    [m.programId, promotion, slice, uses, budget],
  );
  return rows.length === 1;
}

describe('pl_promotion_refill', () => {
  it('gives a slice what a purchase needs from the pool, and nothing when the whole promotion has less', async () => {
    const m = await createMember(db());
    const p = await promotionWithPool(m, 3, null);
    expect(await refill(m, p, 'slice-a', 1, 0)).toBe(true);
    expect((await state(m, p)).slices['slice-a']).toEqual({ uses: 1, budget: 0 });
    expect(await spend(m, p, 'slice-a', 1, 0)).toBe(true);
    expect(await refill(m, p, 'slice-a', 1, 0)).toBe(true);
    expect(await refill(m, p, 'slice-b', 1, 0)).toBe(true);
    expect(Number((await state(m, p)).pool.uses)).toBe(0);
    // slice-c finds the pool dry: the sweep takes slice-a's and slice-b's unspent uses back and hands one on.
    expect(await refill(m, p, 'slice-c', 1, 0)).toBe(true);
    const after = await state(m, p);
    expect(after.slices['slice-c']!.uses).toBeGreaterThanOrEqual(1);
    expect(after.uses).toBe(2);
    expect(await spend(m, p, 'slice-c', 1, 0)).toBe(true);
    expect(await refill(m, p, 'slice-c', 1, 0)).toBe(true);
    expect(await spend(m, p, 'slice-c', 1, 0)).toBe(true);
    expect(await refill(m, p, 'slice-a', 1, 0)).toBe(false);
    expect((await state(m, p)).uses).toBe(0);
  });

  it('refuses a budget cost larger than what is left, and keeps what is left for smaller ones', async () => {
    const m = await createMember(db());
    const p = await promotionWithPool(m, null, 1000);
    expect(await refill(m, p, 'slice-a', 0, 700)).toBe(true);
    expect(await spend(m, p, 'slice-a', 0, 700)).toBe(true);
    expect(await refill(m, p, 'slice-b', 0, 301)).toBe(false);
    expect((await state(m, p)).budget).toBe(300);
    expect(await refill(m, p, 'slice-b', 0, 300)).toBe(true);
    expect(await spend(m, p, 'slice-b', 0, 300)).toBe(true);
    expect((await state(m, p)).budget).toBe(0);
    expect((await state(m, p)).pool.uses).toBeNull();
  });

  it('never creates or loses a use, whatever the sequence of spends and refills across slices', async () => {
    const m = await createMember(db());
    const slices = ['slice-0', 'slice-1', 'slice-2', 'slice-3'];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.record({ slice: fc.constantFrom(...slices), need: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 40 }),
        async (total, steps) => {
          const p = await promotionWithPool(m, total, null);
          let spent = 0;
          for (const step of steps) {
            if (await spend(m, p, step.slice, step.need, 0)) spent += step.need;
            else if (await refill(m, p, step.slice, step.need, 0)) {
              expect(await spend(m, p, step.slice, step.need, 0)).toBe(true);
              spent += step.need;
            } else {
              // Refused only when the whole promotion truly has less than the purchase needs.
              expect((await state(m, p)).uses).toBeLessThan(step.need);
            }
            expect((await state(m, p)).uses).toBe(total - spent);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('puts the slice a member spends from on that member\'s own shard', async () => {
    const m = await createMember(db());
    const slice = await db().value<string>('SELECT pl_slice_key($1)', [m.memberId]);
    if (!(await isDistributed(db().pool))) {
      expect(slice).toMatch(/^slice-([0-9]|[12][0-9]|3[01])$/);
      return;
    }
    // Co-located tables have the same hash ranges: the slice's shard and the member's cover the same range.
    const [placed] = await db().rows<{ same: boolean }>(
      `SELECT (SELECT shardminvalue FROM pg_dist_shard WHERE shardid = get_shard_id_for_distribution_column('promotion_slices', $1::text))
            = (SELECT shardminvalue FROM pg_dist_shard WHERE shardid = get_shard_id_for_distribution_column('members', $2::text)) AS same`,
      [slice, m.memberId],
    );
    expect(placed!.same).toBe(true);
  });
});

describe('pl_promotions_take_slices', () => {
  const take = (needs: unknown[]) => db().rows('SELECT pl_promotions_take_slices($1::jsonb)', [JSON.stringify(needs)]);

  it("takes what a batch's purchases noted, summed per slice, and all or nothing when a slice lacks it", async () => {
    const m = await createMember(db());
    const p = await promotionWithPool(m, 10, 1000);
    expect(await refill(m, p, 'slice-a', 4, 400)).toBe(true);
    const need = (uses: number, budget: number) => ({ program_id: m.programId, slice_key: 'slice-a', promotion_id: p, uses, budget });
    const before = (await state(m, p)).slices['slice-a']!;

    await take([need(1, 100), need(1, 50)]);
    expect((await state(m, p)).slices['slice-a']).toEqual({ uses: before.uses - 2, budget: before.budget - 150 });

    // Each need alone fits what is left; together they do not: the retry signal, and nothing taken.
    const left = (await state(m, p)).slices['slice-a']!;
    await expect(take([need(left.uses, 0), need(1, 0)])).rejects.toMatchObject({ code: 'PLP01' });
    await expect(take([need(left.uses, 0), need(1, 0)])).rejects.toThrow(/promotion_slice_empty/);
    expect((await state(m, p)).slices['slice-a']).toEqual(left);
  });
});
