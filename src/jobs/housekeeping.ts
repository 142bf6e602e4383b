import { sql } from 'kysely';
import type { Db } from '../db/pool.ts';

const BATCH = 5_000;

/**
 * Stored Idempotency-Key results are only there for retries; once past the retention no client retries, and the
 * table must not grow forever. Deletes in small batches so it never holds many locks or a long transaction.
 */
export async function pruneIdempotencyKeys(db: Db, olderThan: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const { numAffectedRows } = await sql`DELETE FROM idempotency_keys WHERE ctid IN (
        SELECT ctid FROM idempotency_keys WHERE created_at < ${olderThan} LIMIT ${BATCH})`.execute(db);
    const deleted = Number(numAffectedRows ?? 0);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
