import { sql } from 'kysely';
import type { Db } from '../db/pool.ts';

/**
 * A position in a program's event feed: the writing transaction's id and the event's order within it.
 * Readers move strictly forward through (xid, seq).
 */
export interface FeedPosition {
  xid: string;
  seq: number;
}

export const FEED_START: FeedPosition = { xid: '0', seq: 0 };

/**
 * Where a reader stands. On one PostgreSQL, one position. On a Citus cluster transaction ids are per node, so there
 * is one position per shard of `events` (like a Kafka consumer's offset per partition): each shard is read in its own
 * commit-safe order, below its own node's horizon, and the shards are merged for the reader. Events of one member
 * live in one shard, so a member's events keep their order; events of different members have no order between them.
 */
export type FeedCursor = { single: FeedPosition } | { shards: Record<string, FeedPosition> };

export const feedStart = (cluster: boolean): FeedCursor => (cluster ? { shards: {} } : { single: FEED_START });

export interface EventRow {
  /** The shard of `events` it was read from on a cluster; '' on one PostgreSQL. */
  shard: string;
  id: string;
  type: string;
  member_id: string | null;
  occurred_at: Date;
  recorded_at: Date;
  data: Record<string, unknown>;
  xid: string;
  seq: number;
}

export interface FeedPage {
  events: EventRow[];
  /** Where the next read starts. It moves past skipped (filtered-out) events too, never past an uncommitted one. */
  next: FeedCursor;
  /** More events are already readable after `next`. */
  has_more: boolean;
  /** `after` lies before events that were pruned (EVENTS_RETENTION_DAYS): the reader has missed some. */
  behind_retention: boolean;
}

/**
 * Events after `after`, oldest first, in an order no later commit can slip into behind the reader.
 *
 * Transaction ids are assigned when a transaction first writes, and transactions commit in any order, so ordering by
 * id alone would let a reader pass id 100 while id 99 is still running and then miss 99's events. Only events whose
 * transaction id is below the snapshot's xmin are returned: every transaction below xmin has finished, and any
 * transaction that commits later has an id at or above it, so it sorts after everything returned. A long-running
 * transaction delays the feed; it never makes it skip.
 */
export interface FeedOptions {
  limit: number;
  types?: readonly string[] | undefined;
  memberId?: string | undefined;
}

export async function readFeed(db: Db, programId: string, after: FeedCursor, options: FeedOptions): Promise<FeedPage> {
  return 'shards' in after ? readShards(db, programId, after.shards, options) : readSingle(db, programId, after.single, options);
}

async function readSingle(db: Db, programId: string, after: FeedPosition, options: FeedOptions): Promise<FeedPage> {
  const types = options.types && options.types.length > 0 ? options.types : null;
  // One statement: the horizon and the rows come from the same snapshot.
  const { rows } = await sql<EventRow & { horizon: string; pruned_xid: string | null; pruned_seq: number | null }>`
    WITH horizon AS (
      SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin, r.pruned_xid::text AS pruned_xid, r.pruned_seq
        FROM (SELECT 1) one LEFT JOIN event_retention r ON r.program_id = ${programId})
    SELECT '' AS shard, e.id, e.type, e.member_id, e.occurred_at, e.recorded_at, e.data, e.db_xid::text AS xid, e.seq,
           horizon.xmin::text AS horizon, horizon.pruned_xid, horizon.pruned_seq
      FROM horizon
      LEFT JOIN LATERAL (
        SELECT * FROM events
         WHERE program_id = ${programId}
           AND (db_xid, seq) > (${after.xid}::xid8, ${after.seq}::bigint)
           AND db_xid < horizon.xmin
           AND (${types}::text[] IS NULL OR type = ANY (${types}::text[]))
           AND (${options.memberId ?? null}::text IS NULL OR member_id = ${options.memberId ?? null})
         ORDER BY db_xid, seq
         LIMIT ${options.limit + 1}) e ON true`.execute(db);
  const { horizon, pruned_xid: prunedXid, pruned_seq: prunedSeq } = rows[0]!;
  const found = rows
    .filter((r) => r.id !== null)
    .map(({ horizon: _h, pruned_xid: _x, pruned_seq: _s, ...event }) => ({ ...event, seq: Number(event.seq) }));
  const behindRetention =
    prunedXid !== null && compare(after, FEED_START) !== 0 && compare(after, { xid: prunedXid, seq: Number(prunedSeq) }) < 0;
  const events = found.slice(0, options.limit);
  const hasMore = found.length > options.limit;
  const last = events.at(-1);
  let next: FeedPosition;
  if (hasMore && last) next = { xid: last.xid, seq: last.seq };
  else {
    // Everything below the horizon has been seen (or filtered out): the next read can start at the horizon.
    const horizonPosition = { xid: horizon, seq: 0 };
    next = last && compare({ xid: last.xid, seq: last.seq }, horizonPosition) > 0 ? { xid: last.xid, seq: last.seq } : horizonPosition;
    if (compare(next, after) < 0) next = after;
  }
  return { events, next: { single: next }, has_more: hasMore, behind_retention: behindRetention };
}

/**
 * Every shard's current snapshot (its node's, as pg_snapshot text): where a new webhook endpoint starts on a cluster.
 * Events below a snapshot's xmin are behind it, and the snapshot tells which above it had already committed.
 */
export async function shardSnapshots(db: Db): Promise<Record<string, string>> {
  const rows = await onEveryShard(db, 'SELECT pg_current_snapshot()::text', 'reading the snapshot');
  return Object.fromEntries(rows.map((r) => [r.shard, r.result]));
}

/** run_command_on_shards over `events`: each shard's answer, or the first failure thrown. */
async function onEveryShard(db: Db, command: string, what: string): Promise<{ shard: string; result: string }[]> {
  const { rows } = await sql<{ shard: string; success: boolean; result: string }>`
    SELECT shardid::text AS shard, success, result FROM run_command_on_shards('events', ${command})`.execute(db);
  const failed = rows.find((r) => !r.success);
  if (failed) throw new Error(`${what} on events shard ${failed.shard} failed: ${failed.result}`);
  return rows;
}

/**
 * The cluster's pruning of events past their retention, shard by shard, in batches that are a prefix of each shard's
 * feed order. Each batch's last position per program is recorded in event_retention (pruned_shards) before the batch
 * is deleted, so a reader behind it is told (410) even if the deletion is cut short; a batch deleted twice is harmless.
 */
export async function pruneShardEvents(db: Db, olderThan: Date, batch: number): Promise<number> {
  const before = commandLiteral(olderThan.toISOString());
  let total = 0;
  for (;;) {
    const bounds = await onEveryShard(
      db,
      `SELECT coalesce(json_agg(json_build_array(program_id, xid, seq::text)), '[]') FROM (
         SELECT DISTINCT ON (program_id) program_id, db_xid::text AS xid, seq FROM (
           SELECT program_id, db_xid, seq FROM %1$s WHERE recorded_at < ${before}::timestamptz ORDER BY db_xid, seq LIMIT ${batch}) b
          ORDER BY program_id, db_xid DESC, seq DESC) latest`,
      'finding events to prune',
    );
    const perShard = bounds.map(({ shard, result }) => ({ shard, latest: JSON.parse(result) as [string, string, string][] }));
    if (perShard.every((s) => s.latest.length === 0)) return total;
    const byProgram = new Map<string, Record<string, [string, string]>>();
    const batchEnd: Record<string, [string, string]> = {};
    for (const { shard, latest } of perShard) {
      for (const [program, xid, seq] of latest) {
        (byProgram.get(program) ?? byProgram.set(program, {}).get(program)!)[shard] = [xid, seq];
        const end = batchEnd[shard];
        if (!end || compare({ xid, seq: Number(seq) }, { xid: end[0], seq: Number(end[1]) }) > 0) batchEnd[shard] = [xid, seq];
      }
    }
    for (const [program, positions] of byProgram) {
      const { rows } = await sql<{ pruned_shards: Record<string, [string, string]> | null }>`
        SELECT pruned_shards FROM event_retention WHERE program_id = ${program}`.execute(db);
      const merged = { ...(rows[0]?.pruned_shards ?? {}) };
      for (const [shard, [xid, seq]] of Object.entries(positions)) {
        const old = merged[shard];
        if (!old || compare({ xid, seq: Number(seq) }, { xid: old[0], seq: Number(old[1]) }) > 0) merged[shard] = [xid, seq];
      }
      // pruned_xid/pruned_seq are the single node's position; on a cluster the per-shard map is the one read.
      await sql`INSERT INTO event_retention (program_id, pruned_xid, pruned_seq, pruned_shards)
                VALUES (${program}, '0', 0, ${JSON.stringify(merged)}::jsonb)
                ON CONFLICT (program_id) DO UPDATE SET pruned_shards = excluded.pruned_shards`.execute(db);
    }
    const ends = commandLiteral(JSON.stringify(batchEnd));
    const deleted = await onEveryShard(
      db,
      `WITH e AS (SELECT (${ends}::jsonb -> regexp_replace('%1$s', '^.*_', '')) AS p),
       d AS (DELETE FROM %1$s USING e WHERE e.p IS NOT NULL AND recorded_at < ${before}::timestamptz
                AND (db_xid, seq) <= ((e.p->>0)::xid8, (e.p->>1)::bigint) RETURNING 1)
       SELECT count(*) FROM d`,
      'pruning events',
    );
    total += deleted.reduce((sum, { result }) => sum + Number(result), 0);
  }
}

/** One shard's answer: its node's horizon and its events after the cursor's position for it (limit + 1 at most). */
interface ShardPage {
  h: string;
  e: { id: string; type: string; member_id: string; occurred_at: string; recorded_at: string; data: Record<string, unknown>; xid: string; seq: number }[];
}

/** A SQL literal inside a run_command_on_shards command, where `%` is format()'s and must be doubled. */
function commandLiteral(value: string): string {
  return `'${value.replaceAll("'", "''").replaceAll('%', '%%')}'`;
}

/**
 * The cluster's feed: the same commit-safe read as on one node, run on every shard of `events` at once
 * (run_command_on_shards: each shard's query runs on its node, in one snapshot of that node, so the horizon and the
 * rows agree), then merged. Each shard's events are taken as a prefix of that shard's own order, and the page's
 * position for a shard moves only past what was taken from it, or to its horizon when nothing below is left.
 */
async function readShards(db: Db, programId: string, after: Record<string, FeedPosition>, options: FeedOptions): Promise<FeedPage> {
  const positions = JSON.stringify(Object.fromEntries(Object.entries(after).map(([shard, p]) => [shard, [p.xid, String(p.seq)]])));
  const typeFilter = options.types && options.types.length > 0 ? `AND e.type IN (${options.types.map(commandLiteral).join(', ')})` : '';
  const memberFilter = options.memberId !== undefined ? `AND e.member_id = ${commandLiteral(options.memberId)}` : '';
  // %1$s is the shard's table; its id ends the name (events_102008) and keys the cursor.
  const command = `
    WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
    c AS (SELECT coalesce(p->>0, '0')::xid8 AS xid, coalesce(p->>1, '0')::bigint AS seq
            FROM (SELECT ${commandLiteral(positions)}::jsonb -> regexp_replace('%1$s', '^.*_', '') AS p) q),
    r AS (SELECT e.id, e.type, e.member_id, e.occurred_at, e.recorded_at, e.data, e.db_xid, e.seq
            FROM %1$s e, c, h
           WHERE e.program_id = ${commandLiteral(programId)} AND (e.db_xid, e.seq) > (c.xid, c.seq) AND e.db_xid < h.xmin
             ${typeFilter} ${memberFilter}
           ORDER BY e.db_xid, e.seq LIMIT ${options.limit + 1})
    SELECT json_build_object('h', (SELECT xmin FROM h)::text,
      'e', coalesce((SELECT json_agg(json_build_object('id', r.id, 'type', r.type, 'member_id', r.member_id,
               'occurred_at', r.occurred_at, 'recorded_at', r.recorded_at, 'data', r.data, 'xid', r.db_xid::text, 'seq', r.seq)
             ORDER BY r.db_xid, r.seq) FROM r), '[]'::json))`;
  const [rows, retention] = await Promise.all([
    onEveryShard(db, command, 'reading the feed'),
    sql<{ pruned_shards: Record<string, [string, string]> | null }>`
      SELECT pruned_shards FROM event_retention WHERE program_id = ${programId}`.execute(db),
  ]);
  const pruned = retention.rows[0]?.pruned_shards ?? {};
  const behindRetention =
    Object.keys(after).length > 0 &&
    Object.entries(pruned).some(([shard, [xid, seq]]) => after[shard] !== undefined && compare(after[shard]!, { xid, seq: Number(seq) }) < 0);

  const pages = rows.map((r) => ({ shard: r.shard, page: JSON.parse(r.result) as ShardPage }));
  const candidates: EventRow[] = pages.flatMap(({ shard, page }) =>
    page.e.map((e) => ({ ...e, shard, occurred_at: new Date(e.occurred_at), recorded_at: new Date(e.recorded_at), seq: Number(e.seq) })),
  );
  // Any order that keeps each shard's own order works; (xid, seq, shard) also keeps a page stable across reads.
  candidates.sort((a, b) => compare(a, b) || (a.shard < b.shard ? -1 : a.shard > b.shard ? 1 : 0));
  const events = candidates.slice(0, options.limit);
  const next: Record<string, FeedPosition> = {};
  let hasMore = candidates.length > options.limit;
  for (const { shard, page } of pages) {
    const from = after[shard] ?? FEED_START;
    const taken = events.filter((e) => e.shard === shard);
    const last = taken.at(-1);
    // Whatever this shard holds below its horizon and after `from` is in its answer unless it filled the limit + 1.
    const exhausted = taken.length === page.e.length && page.e.length <= options.limit;
    if (!exhausted) hasMore = true;
    let position = last ? { xid: last.xid, seq: last.seq } : from;
    if (exhausted) {
      const horizon = { xid: page.h, seq: 0 };
      if (compare(horizon, position) > 0) position = horizon;
    }
    next[shard] = compare(position, from) < 0 ? from : position;
  }
  return { events, next: { shards: next }, has_more: hasMore, behind_retention: behindRetention };
}

export function compare(a: FeedPosition, b: FeedPosition): number {
  const ax = BigInt(a.xid);
  const bx = BigInt(b.xid);
  if (ax !== bx) return ax < bx ? -1 : 1;
  return a.seq - b.seq;
}

/** The envelope every reader sees, in the feed and in webhook bodies (Standard Webhooks: type, timestamp, data). */
export function toEventJson(programId: string, e: EventRow) {
  return {
    id: e.id,
    type: e.type,
    occurred_at: e.occurred_at.toISOString(),
    timestamp: e.occurred_at.toISOString(),
    recorded_at: e.recorded_at.toISOString(),
    program_id: programId,
    member_id: e.member_id,
    data: e.data,
  };
}
