import { sql } from 'kysely';
import type { Db } from '../db/pool.ts';

const BATCH = 5_000;

/**
 * Deletes a table's rows older than a cutoff in small batches, so it never holds many locks or a long transaction.
 * Only for tables that are not the ledger: their rows are copies or caches with a retention.
 */
async function pruneBefore(db: Db, table: 'idempotency_keys' | 'events', column: 'created_at' | 'recorded_at', olderThan: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const { numAffectedRows } = await sql`DELETE FROM ${sql.table(table)} WHERE ctid IN (
        SELECT ctid FROM ${sql.table(table)} WHERE ${sql.ref(column)} < ${olderThan} LIMIT ${BATCH})`.execute(db);
    const deleted = Number(numAffectedRows ?? 0);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

/** Stored Idempotency-Key results are only there for retries; once past the retention no client retries. */
export function pruneIdempotencyKeys(db: Db, olderThan: Date): Promise<number> {
  return pruneBefore(db, 'idempotency_keys', 'created_at', olderThan);
}

/** The outbox keeps events for a retention period; the ledger itself keeps every transaction for good. */
export function pruneEvents(db: Db, olderThan: Date): Promise<number> {
  return pruneBefore(db, 'events', 'recorded_at', olderThan);
}
