import { sql } from 'kysely';
import type { Db } from '../db/pool.ts';
import { isDistributedDb } from '../db/placement.ts';
import { pruneShardEvents } from '../events/feed.ts';

const BATCH = 5_000;

/**
 * Stored Idempotency-Key results are only there for retries; once past the retention no client retries.
 *
 * A batch names its rows by ctid on a single PostgreSQL (a TID scan: several times faster than joining the keys
 * back). A ctid means nothing across a cluster's shards, so there a batch names its rows by primary key: Citus
 * gathers the batch's keys once, then every shard deletes the ones it holds, in parallel.
 */
export async function pruneIdempotencyKeys(db: Db, olderThan: Date): Promise<number> {
  const byKey = await isDistributedDb(db);
  let total = 0;
  // Small batches: never many locks or a long transaction.
  for (;;) {
    const { numAffectedRows } = await (byKey
      ? sql`DELETE FROM idempotency_keys WHERE (shard_key, program_id, key) IN (
          SELECT shard_key, program_id, key FROM idempotency_keys WHERE created_at < ${olderThan} LIMIT ${BATCH})`
      : sql`DELETE FROM idempotency_keys WHERE ctid IN (
          SELECT ctid FROM idempotency_keys WHERE created_at < ${olderThan} LIMIT ${BATCH})`
    ).execute(db);
    const deleted = Number(numAffectedRows ?? 0);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

/**
 * The outbox keeps events for a retention period; the ledger itself keeps every transaction for good. Each batch
 * also moves its programs' pruned-through position, so the feed can tell a reader who fell behind it.
 */
export async function pruneEvents(db: Db, olderThan: Date): Promise<number> {
  // On a cluster each shard has its own positions: src/events/feed.ts prunes there, shard by shard.
  if (await isDistributedDb(db)) return pruneShardEvents(db, olderThan, BATCH);
  let total = 0;
  for (;;) {
    const { rows } = await sql<{ deleted: number }>`
      WITH doomed AS (SELECT ctid FROM events WHERE recorded_at < ${olderThan} LIMIT ${BATCH}),
      deleted AS (DELETE FROM events e USING doomed d WHERE e.ctid = d.ctid RETURNING e.program_id, e.db_xid, e.seq),
      latest AS (SELECT DISTINCT ON (program_id) program_id, db_xid, seq FROM deleted ORDER BY program_id, db_xid DESC, seq DESC),
      moved AS (
        INSERT INTO event_retention AS r (program_id, pruned_xid, pruned_seq) SELECT program_id, db_xid, seq FROM latest
        ON CONFLICT (program_id) DO UPDATE SET pruned_xid = excluded.pruned_xid, pruned_seq = excluded.pruned_seq
         WHERE (r.pruned_xid, r.pruned_seq) < (excluded.pruned_xid, excluded.pruned_seq))
      SELECT count(*)::int AS deleted FROM deleted`.execute(db);
    const deleted = rows[0]?.deleted ?? 0;
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
