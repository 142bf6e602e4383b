import type pg from 'pg';
import { newId } from '../src/ids.ts';

const BATCH = 5_000;

/**
 * Inserts `count` members straight into the `members` table of migrations/0001_foundation.sql, in batches of one
 * multi-row INSERT each: 10k enrolments over HTTP would take longer than the scenarios themselves.
 * Loyalty ids are 10000000 + n, so they are unique and 8 digits without a leading zero like the service's own.
 */
export async function seedMembers(pool: pg.Pool, programId: string, count: number, runId: string): Promise<string[]> {
  const ids: string[] = [];
  const now = new Date();
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    const batch = Array.from({ length: size }, (_, i) => {
      const n = start + i;
      return {
        id: newId('member'),
        loyaltyId: String(10_000_000 + n),
        externalRef: `seed-${runId}-${n}`,
        name: `Seed Member ${n}`,
        phone: `+99450${String(n).padStart(7, '0')}`,
        branch: `branch-${n % 20}`,
      };
    });
    await pool.query(
      `INSERT INTO members (id, program_id, loyalty_id, external_ref, name, phone, branch, created_at, updated_at)
       SELECT id, $1, loyalty_id, external_ref, name, phone, branch, $2, $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS m (id, loyalty_id, external_ref, name, phone, branch)`,
      [
        programId,
        now,
        batch.map((m) => m.id),
        batch.map((m) => m.loyaltyId),
        batch.map((m) => m.externalRef),
        batch.map((m) => m.name),
        batch.map((m) => m.phone),
        batch.map((m) => m.branch),
      ],
    );
    for (const m of batch) ids.push(m.id);
  }
  // Fresh statistics, so the planner does not treat the just-filled table as empty.
  await pool.query('ANALYZE members');
  return ids;
}
