import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import { newId } from '../ids.ts';
import { ledgerMemberEvent } from '../ledger/functions.ts';
import { occurredAtOrNow, write, type WriteContext } from '../ledger/ledger.ts';

export interface MemberEventInput {
  type: string;
  data?: Record<string, unknown> | undefined;
  occurred_at?: string | undefined;
}

export interface MemberEventView {
  id: string;
  member_id: string;
  type: string;
  data: Record<string, unknown>;
  occurred_at: string;
  recorded_at: string;
}

/**
 * Records a custom event the integrator posts for a member (engagement.md "Journeys": wishlist.price_drop,
 * cart.abandoned...) and publishes it as member.custom_event, in one call under the member's lock: the stored event,
 * the outbox row and the Idempotency-Key's stored answer commit together (src/engagement/sql/member-events.sql).
 */
export function recordMemberEvent(ctx: WriteContext, memberId: string, input: MemberEventInput) {
  const now = ctx.clock.now();
  const occurredAt = occurredAtOrNow(input.occurred_at, now);
  return write(ctx, ledgerMemberEvent, memberId, 'member_event', { member_id: memberId, ...input }, (envelope) => ({
    ...envelope,
    event_id: newId('memberEvent'),
    type: input.type,
    data: input.data ?? {},
    occurred_at: occurredAt.toISOString(),
  }), now);
}

/** The member's custom events, newest first (by id: ids sort by creation), optionally of one type. */
export async function listMemberEvents(
  db: Kysely<Database>,
  programId: string,
  memberId: string,
  filter: { type?: string | undefined },
  page: { limit: number; before?: string | undefined },
): Promise<MemberEventView[]> {
  const { rows: member } = await sql<{ id: string }>`SELECT id FROM members WHERE id = ${memberId} AND program_id = ${programId}`.execute(db);
  if (member.length === 0) throw new NotFoundError('member', memberId);
  const { rows } = await sql<{ id: string; member_id: string; type: string; data: Record<string, unknown>; occurred_at: Date; recorded_at: Date }>`
    SELECT id, member_id, type, data, occurred_at, recorded_at FROM member_events
     WHERE member_id = ${memberId} AND program_id = ${programId}
       AND (${filter.type ?? null}::text IS NULL OR type = ${filter.type ?? null})
       AND (${page.before ?? null}::text IS NULL OR id < ${page.before ?? null})
     ORDER BY id DESC LIMIT ${page.limit}`.execute(db);
  return rows.map((r) => ({ ...r, occurred_at: r.occurred_at.toISOString(), recorded_at: r.recorded_at.toISOString() }));
}
