import { sql, type Kysely } from 'kysely';
import { isDistributedDb } from '../../src/db/placement.ts';

/**
 * The feed gives out only events of transactions older than every one still running (src/events/feed.ts): a write
 * that just answered may share the database with a transaction that is still open, so wait until the feed reaches
 * every event written so far before a journeys run that expects to see them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: only the events table is read
export async function feedSettled(db: Kysely<any>): Promise<void> {
  const check = 'SELECT coalesce((SELECT max(db_xid) FROM %s) < pg_snapshot_xmin(pg_current_snapshot()), true)';
  // On a cluster each shard of events is behind its own node's horizon (transaction ids are per node).
  const query = (await isDistributedDb(db))
    ? sql<{ ok: boolean }>`SELECT bool_and(result::boolean) AS ok FROM run_command_on_shards('events', ${check})`
    : sql<{ ok: boolean }>`${sql.raw(check.replace('%s', 'events'))} AS ok`;
  for (let i = 0; i < 200; i++) {
    const { rows } = await query.execute(db);
    if (rows[0]!.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the event feed did not catch up');
}
