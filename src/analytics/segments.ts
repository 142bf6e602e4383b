import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Database, MemberRow, SegmentTable } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { analyticsRead, type AnalyticsReader } from './read.ts';
import { boundValues, compileRule, memberFigures, parseRule, rfmSegmentNames, type Binder, type Rule, type RuleContext } from './segment-rule.ts';
import { rfmParams, segmentNames, type RfmGrid } from './rfm.ts';

/**
 * Segments (analytics.md "Segments"): a dynamic segment is a rule evaluated as of an instant; a static one is a list
 * of members kept through the API. Both answer the same questions: who is in it as of T (paged), and its figures.
 */

export type SegmentKind = 'dynamic' | 'static';

export interface Segment {
  id: string;
  name: string;
  description: string | null;
  kind: SegmentKind;
  rule: Rule | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SegmentInput {
  name: string;
  description?: string | null | undefined;
  kind: SegmentKind;
  rule?: unknown;
}

export interface SegmentPatch {
  name?: string | undefined;
  description?: string | null | undefined;
  rule?: unknown;
}

/** A static segment takes at most this many members per request. */
export const MAX_MEMBERS_PER_REQUEST = 1000;

type Row = Selectable<SegmentTable>;

function toSegment(row: Row): Segment {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    rule: (row.rule as Rule | null) ?? null,
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

const inTransaction = <T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>) =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

function ruleRefusal(pointer: string, message: string) {
  return new UnprocessableError('invalid_rule', `${pointer.slice(1)} ${message}`, { errors: [{ pointer, location: 'body', message }] });
}

/** The settings a rule is checked and evaluated with. */
export type RuleSettings = Pick<ProgramSettings, 'timezone' | 'home_currency' | 'tiers' | 'rfm' | 'win_back'>;

/**
 * The rule a segment of `kind` is created or changed with: required for dynamic, refused for static. rfm_segment
 * names must be segments of the program's RFM grid (or Lost) as it stands now: 422 invalid_rule with a pointer to
 * each unknown one. A name the grid later drops simply matches nobody.
 */
function checkedRule(kind: SegmentKind, rule: unknown, settings: RuleSettings): Rule | null {
  if (kind === 'static') {
    if (rule !== undefined && rule !== null) throw ruleRefusal('/rule', 'must be absent: a static segment is a list of members');
    return null;
  }
  if (rule === undefined || rule === null) throw ruleRefusal('/rule', 'is required for a dynamic segment');
  const parsed = parseRule(rule, '/rule');
  const known = segmentNames(settings.rfm.grid as RfmGrid);
  const unknown = rfmSegmentNames(parsed).filter((n) => !known.includes(n.name));
  if (unknown.length > 0) {
    const message = `must be a segment of the program's RFM grid: ${known.join(', ')}`;
    throw new UnprocessableError('invalid_rule', `The rule is invalid: ${unknown.map((u) => `${u.pointer.slice(1)} ${message}`).join('; ')}.`, {
      errors: unknown.map((u) => ({ pointer: u.pointer, location: 'body', message })),
    });
  }
  return parsed;
}

export async function createSegment(db: Kysely<Database>, clock: Clock, programId: string, settings: RuleSettings, input: SegmentInput): Promise<Segment> {
  const rule = checkedRule(input.kind, input.rule, settings);
  const now = clock.now();
  const row = await db
    .insertInto('segments')
    .values({
      program_id: programId,
      id: newId('segment'),
      name: input.name,
      description: input.description ?? null,
      kind: input.kind,
      rule: rule === null ? null : JSON.stringify(rule),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSegment(row);
}

export async function getSegment(db: Kysely<Database>, programId: string, id: string): Promise<Segment> {
  const row = await db.selectFrom('segments').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('segment', id);
  return toSegment(row);
}

/** Oldest first (ids sort by creation), after the cursor's id. */
export async function listSegments(db: Kysely<Database>, programId: string, page: { limit: number; after?: string | undefined }): Promise<Segment[]> {
  let query = db.selectFrom('segments').selectAll().where('program_id', '=', programId);
  if (page.after) query = query.where('id', '>', page.after);
  return (await query.orderBy('id').limit(page.limit).execute()).map(toSegment);
}

/** The segments of the program among `ids` (for promotions: which named segments exist). */
export async function segmentsByIds(db: Kysely<Database>, programId: string, ids: readonly string[]): Promise<Segment[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('segments').selectAll().where('program_id', '=', programId).where('id', 'in', [...ids]).execute()).map(toSegment);
}

export async function updateSegment(
  db: Kysely<Database>,
  clock: Clock,
  programId: string,
  settings: RuleSettings,
  id: string,
  patch: SegmentPatch,
): Promise<Segment> {
  return inTransaction(db, async (trx) => {
    const current = await getSegment(trx, programId, id);
    const changes: Record<string, unknown> = { updated_at: clock.now() };
    if (patch.name !== undefined) changes['name'] = patch.name;
    if (patch.description !== undefined) changes['description'] = patch.description;
    if (patch.rule !== undefined) changes['rule'] = JSON.stringify(checkedRule(current.kind, patch.rule, settings));
    const row = await trx
      .updateTable('segments')
      .set((eb) => ({ ...changes, version: eb(eb.ref('version'), '+', 1) }))
      .where('program_id', '=', programId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSegment(row);
  });
}

/**
 * Deletes a segment and its member list. An active promotion whose segment condition names it keeps it (409
 * segment_in_use): the promotion would otherwise silently stop applying. The promotions' lock (the one every
 * promotion write takes) makes the check and the delete atomic against a promotion naming it meanwhile.
 */
export async function deleteSegment(db: Kysely<Database>, programId: string, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`promotions ${programId}`}::text, 0))`.execute(trx);
    await getSegment(trx, programId, id);
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM promotions
       WHERE program_id = ${programId} AND status = 'active'
         AND conditions->'segment'->'segment_ids' ? ${id}
       ORDER BY id`.execute(trx);
    if (rows.length > 0) {
      throw new ConflictError('segment_in_use', `Active promotions name the segment in their segment condition (${rows.map((r) => r.id).join(', ')}); pause, end or change them first.`, {
        promotion_ids: rows.map((r) => r.id),
      });
    }
    await trx.deleteFrom('segment_members').where('program_id', '=', programId).where('segment_id', '=', id).execute();
    await trx.deleteFrom('segments').where('program_id', '=', programId).where('id', '=', id).execute();
  });
}

async function staticSegment(trx: Kysely<Database>, programId: string, id: string): Promise<Segment> {
  const segment = await getSegment(trx, programId, id);
  if (segment.kind !== 'static') {
    throw new ConflictError('segment_not_static', 'Members are added to and removed from static segments only; a dynamic segment is its rule.', { kind: segment.kind });
  }
  return segment;
}

/**
 * Adds members to a static segment: idempotent (a member already in it stays, as added then). Every id must name a
 * member of the program, else nothing is added: 422 member_not_in_program with a pointer to each unknown id (a member of
 * another program is unknown here). Answers how many were added and how many were there already.
 */
export async function addSegmentMembers(
  db: Kysely<Database>,
  clock: Clock,
  programId: string,
  id: string,
  memberIds: readonly string[],
  pointerOf: (index: number) => string,
): Promise<{ added: number; already: number }> {
  return inTransaction(db, async (trx) => {
    await staticSegment(trx, programId, id);
    const unique = [...new Set(memberIds)];
    const found = new Set(
      (await trx.selectFrom('members').select('id').where('program_id', '=', programId).where('id', 'in', unique).execute()).map((r) => r.id),
    );
    const missing = memberIds.map((m, i) => [m, i] as const).filter(([m]) => !found.has(m));
    if (missing.length > 0) {
      throw new UnprocessableError('member_not_in_program', `No member of this program with id ${missing.map(([m]) => m).join(', ')}.`, {
        errors: missing.map(([, i]) => ({ pointer: pointerOf(i), location: 'body', message: 'names no member of this program' })),
      });
    }
    const now = clock.now();
    // A removed member comes back with a new spell (added now); one already in keeps their row untouched.
    const { rows } = await sql<{ member_id: string }>`
      INSERT INTO segment_members (member_id, segment_id, program_id, added_at, removed_at)
      SELECT m, ${id}, ${programId}, ${now}, NULL FROM unnest(${unique}::text[]) AS m
      ON CONFLICT (member_id, segment_id) DO UPDATE SET added_at = excluded.added_at, removed_at = NULL
       WHERE segment_members.removed_at IS NOT NULL
      RETURNING member_id`.execute(trx);
    return { added: rows.length, already: unique.length - rows.length };
  });
}

/** Removes a member from a static segment; removing one not in it is no change. Answers whether it was in it. */
export async function removeSegmentMember(db: Kysely<Database>, clock: Clock, programId: string, id: string, memberId: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    await staticSegment(trx, programId, id);
    const row = await trx
      .updateTable('segment_members')
      .set({ removed_at: clock.now() })
      .where('member_id', '=', memberId)
      .where('segment_id', '=', id)
      .where('program_id', '=', programId)
      .where('removed_at', 'is', null)
      .returning('member_id')
      .executeTakeFirst();
    return row !== undefined;
  });
}

/** A report's rule context: rfm_segment computes the program's RFM as of `asOf` (the binder's instant). */
export function ruleContext(programId: string, settings: RuleSettings, asOf: Date): RuleContext {
  return {
    timezone: settings.timezone,
    homeCurrency: settings.home_currency,
    entryTier: settings.tiers[0]?.name ?? null,
    rfm: rfmParams(programId, settings, asOf),
  };
}

/** Whether the member row `m` is in the segment as of the binder's instant: its rule, or its list then. */
export function segmentPredicate(segment: Pick<Segment, 'id' | 'kind' | 'rule'>, b: Binder, ctx: RuleContext): RawBuilder<boolean> {
  if (segment.kind === 'dynamic') return compileRule(segment.rule!, b, ctx);
  return sql<boolean>`EXISTS (SELECT 1 FROM segment_members sm
                               WHERE sm.member_id = m.id AND sm.segment_id = ${b.text(segment.id)}
                                 AND sm.added_at <= ${b.asOf} AND (sm.removed_at IS NULL OR sm.removed_at > ${b.asOf}))`;
}

/**
 * The segment's members as of `asOf`, in id order after `after`: one statement, the rule compiled into its WHERE.
 * Members who had not enrolled by then are not in any segment.
 */
export async function segmentMembers(
  db: Kysely<Database>,
  reader: AnalyticsReader,
  programId: string,
  segmentId: string,
  settings: RuleSettings,
  asOf: Date,
  page: { limit: number; after?: string | undefined },
): Promise<MemberRow[]> {
  return analyticsRead(db, reader, async (trx) => {
    const segment = await getSegment(trx, programId, segmentId);
    const b = boundValues(asOf);
    const { rows } = await sql<MemberRow>`
      SELECT m.* FROM members m
       WHERE m.program_id = ${programId} AND m.created_at <= ${b.asOf}
         AND ${segmentPredicate(segment, b, ruleContext(programId, settings, asOf))}
         ${page.after ? sql`AND m.id > ${page.after}` : sql``}
       ORDER BY m.id
       LIMIT ${page.limit}`.execute(trx);
    return rows;
  });
}

export interface SegmentStats {
  segment_id: string;
  as_of: string;
  currency: string;
  /** Members in the segment as of as_of. */
  size: number;
  /** Their purchases recorded by as_of and not fully returned by then. */
  purchases: number;
  /** Their net spend (what they paid, less the returned share: src/analytics/paid.ts), in minor units of the home currency (FX at each purchase's time), rounded down once. */
  revenue: number;
  /** revenue ÷ purchases, rounded half up; null without purchases. */
  average_check: number | null;
  /** Their available points as of as_of. */
  points_balance: number;
}

/** Size, revenue, average check and points of the segment as of `asOf`: one statement over its members. */
export async function segmentStats(
  db: Kysely<Database>,
  reader: AnalyticsReader,
  programId: string,
  segmentId: string,
  settings: RuleSettings,
  asOf: Date,
): Promise<SegmentStats> {
  return analyticsRead(db, reader, async (trx) => {
    const segment = await getSegment(trx, programId, segmentId);
    const b = boundValues(asOf);
    const ctx = ruleContext(programId, settings, asOf);
    const f = memberFigures(b, ctx);
    const { rows } = await sql<{ size: string; purchases: string; revenue: string; points: string }>`
      SELECT count(*)::text AS size, coalesce(sum(x.purchases), 0)::text AS purchases,
             floor(coalesce(sum(x.spent), 0))::text AS revenue, coalesce(sum(x.balance), 0)::text AS points
        FROM (SELECT ${f.purchases} AS purchases, ${f.spentExact} AS spent, ${f.balance} AS balance
                FROM members m
               WHERE m.program_id = ${programId} AND m.created_at <= ${b.asOf}
                 AND ${segmentPredicate(segment, b, ctx)}) x`.execute(trx);
    const r = rows[0]!;
    const purchases = Number(r.purchases);
    const revenue = Number(r.revenue);
    return {
      segment_id: segment.id,
      as_of: asOf.toISOString(),
      currency: settings.home_currency,
      size: Number(r.size),
      purchases,
      revenue,
      average_check: purchases === 0 ? null : Math.floor((revenue * 2 + purchases) / (2 * purchases)),
      points_balance: Number(r.points),
    };
  });
}
