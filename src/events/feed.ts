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

export interface EventRow {
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
  next: FeedPosition;
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
export async function readFeed(
  db: Db,
  programId: string,
  after: FeedPosition,
  options: { limit: number; types?: readonly string[] | undefined; memberId?: string | undefined },
): Promise<FeedPage> {
  const types = options.types && options.types.length > 0 ? options.types : null;
  // One statement: the horizon and the rows come from the same snapshot.
  const { rows } = await sql<EventRow & { horizon: string; pruned_xid: string | null; pruned_seq: number | null }>`
    WITH horizon AS (
      SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin, r.pruned_xid::text AS pruned_xid, r.pruned_seq
        FROM (SELECT 1) one LEFT JOIN event_retention r ON r.program_id = ${programId})
    SELECT e.id, e.type, e.member_id, e.occurred_at, e.recorded_at, e.data, e.db_xid::text AS xid, e.seq,
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
  return { events, next, has_more: hasMore, behind_retention: behindRetention };
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
