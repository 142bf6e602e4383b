import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, PromotionTable } from '../db/schema.ts';
import { systemClock, type Clock } from '../clock.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../errors.ts';
import { newId } from '../ids.ts';
import { resolveSettings, type ProgramSettings } from '../programs/settings.ts';
import type { Promotion, PromotionFields, PromotionLimits } from './model.ts';

/** A promotion as the API shows it: the model's promotion and the preset that created it, if any. */
export interface PromotionRecord extends Promotion {
  preset: string | null;
}

/** A field of a PATCH: a named top-level key replaces its whole value, as with program settings. */
export type PromotionPatch = Partial<PromotionFields>;

/** What to create: the fields (defaults applied), and for presets the preset and an id chosen beforehand. */
export interface NewPromotion {
  fields: PromotionFields;
  preset?: string | null;
  /** Presets pick ids first, so that a trigger's issue_code can name the reward promotion created with it. */
  id?: string;
}

export interface PromotionViolation {
  pointer: string;
  message: string;
}

/** 422 invalid_promotion, with a pointer into the request body for each broken rule. */
export class InvalidPromotionError extends UnprocessableError {
  constructor(violations: PromotionViolation[], base = '') {
    const errors = violations.map((v) => ({ pointer: base + v.pointer, location: 'body' as const, message: v.message }));
    super('invalid_promotion', `The promotion breaks ${errors.length === 1 ? 'a rule' : `${errors.length} rules`}: ${errors.map((e) => `${e.pointer.slice(1)} ${e.message}`).join('; ')}.`, { errors });
  }
}

type Row = Selectable<PromotionTable>;

function toPromotion(row: Row): PromotionRecord {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    description: row.description,
    status: row.status,
    visibility: row.visibility,
    stackable: row.stackable,
    priority: row.priority,
    effect: row.effect as PromotionFields['effect'],
    scope: row.scope as PromotionFields['scope'],
    conditions: row.conditions as PromotionFields['conditions'],
    limits: row.limits as PromotionFields['limits'],
    preset: row.preset,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

const inTransaction = <T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>) =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

/**
 * Every write to a program's promotions takes this lock first: the active-promotion cap is a count over rows, which
 * no row lock can protect from two concurrent creations. An advisory lock is held on the coordinator's session, so
 * it serializes the same way on Citus, where `promotions` is a reference table.
 */
async function lockProgramPromotions(trx: Kysely<Database>, programId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`promotions ${programId}`}::text, 0))`.execute(trx);
}

async function programSettings(trx: Kysely<Database>, programId: string): Promise<ProgramSettings> {
  const row = await trx.selectFrom('programs').select('settings').where('id', '=', programId).executeTakeFirst();
  if (!row) throw new NotFoundError('program', programId);
  return resolveSettings(row.settings);
}

async function activeCount(trx: Kysely<Database>, programId: string): Promise<number> {
  const row = await trx
    .selectFrom('promotions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('program_id', '=', programId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function refuseOverCap(settings: ProgramSettings, active: number, adding: number): void {
  if (active + adding <= settings.max_active_promotions) return;
  throw new ConflictError(
    'too_many_active_promotions',
    `The program may have at most ${settings.max_active_promotions} active promotions (setting max_active_promotions) and has ${active}; pause or end one first.`,
    { max_active_promotions: settings.max_active_promotions, active },
  );
}

/**
 * The rules a promotion's schema cannot see: between its fields, and against the program (its currencies, its other
 * promotions). `isPromotion` says whether an id names a promotion of the program.
 */
async function promotionViolations(
  fields: PromotionFields,
  settings: ProgramSettings,
  isPromotion: (id: string) => Promise<boolean>,
  segments: ReadonlySet<string>,
): Promise<PromotionViolation[]> {
  const out: PromotionViolation[] = [];
  const { effect, conditions, limits } = fields;
  const known = Object.keys(settings.earn_rates).sort();
  const checkCurrency = (pointer: string, currency: string) => {
    if (!(currency in settings.earn_rates)) out.push({ pointer, message: `must be a currency the program has a rate for (${known.join(', ')})` });
  };
  if (effect.type === 'amount_off') checkCurrency('/effect/amount/currency', effect.amount.currency);
  if (effect.type === 'bundle' && effect.price) checkCurrency('/effect/price/currency', effect.price.currency);
  if (conditions.min_amount) checkCurrency('/conditions/min_amount/currency', conditions.min_amount.currency);
  if (limits.budget && 'amount' in limits.budget) checkCurrency('/limits/budget/amount/currency', limits.budget.amount.currency);
  if (effect.type === 'issue_code' && !(await isPromotion(effect.promotion_id))) {
    out.push({ pointer: '/effect/promotion_id', message: `must name a promotion of this program (${effect.promotion_id} is none)` });
  }
  if (conditions.starts_at !== undefined && conditions.ends_at !== undefined && Date.parse(conditions.ends_at) <= Date.parse(conditions.starts_at)) {
    out.push({ pointer: '/conditions/ends_at', message: 'must be after starts_at' });
  }
  conditions.segment?.segment_ids.forEach((id, i) => {
    if (!segments.has(id)) out.push({ pointer: `/conditions/segment/segment_ids/${i}`, message: `must name a segment of this program (${id} is none)` });
  });
  conditions.days_of_week?.forEach((day, i, days) => {
    if (days.indexOf(day) !== i) out.push({ pointer: `/conditions/days_of_week/${i}`, message: `must be unique: day ${day} is listed twice` });
  });
  return out;
}

/**
 * Which of the segments the promotions' segment conditions name exist in the program. Read under the promotions'
 * lock, which deleting a segment takes too: a segment cannot disappear between this check and the promotion's write.
 */
async function existingSegments(trx: Kysely<Database>, programId: string, fields: readonly PromotionFields[]): Promise<Set<string>> {
  const named = [...new Set(fields.flatMap((f) => f.conditions.segment?.segment_ids ?? []))];
  if (named.length === 0) return new Set();
  const rows = await trx.selectFrom('segments').select('id').where('program_id', '=', programId).where('id', 'in', named).execute();
  return new Set(rows.map((r) => r.id));
}

const budgetValue = (budget: PromotionLimits['budget']) => (budget === undefined ? null : 'points' in budget ? budget.points : budget.amount.amount);
const budgetUnit = (budget: NonNullable<PromotionLimits['budget']>) => ('points' in budget ? 'points' : budget.amount.currency);

async function createPool(trx: Kysely<Database>, programId: string, promotionId: string, limits: PromotionLimits): Promise<void> {
  if (limits.total_uses === undefined && limits.budget === undefined) return;
  await trx
    .insertInto('promotion_pools')
    .values({ program_id: programId, promotion_id: promotionId, uses_left: limits.total_uses ?? null, budget_left: budgetValue(limits.budget) })
    .execute();
  // Half of it goes into the slices at once, so the first purchases on each slice need no refill (pl_promotion_prefill).
  await sql`SELECT pl_promotion_prefill(${programId}, ${promotionId})`.execute(trx);
}

/**
 * Moves the pool by the change of a limit: what slices or purchases already took stays taken. Lowering a limit by
 * more than is left unspent in the pool is refused, so a limit can never fall below what was handed out.
 */
async function adjustPool(trx: Kysely<Database>, programId: string, promotionId: string, before: PromotionLimits, after: PromotionLimits): Promise<void> {
  const uses = limitChange(before.total_uses ?? null, after.total_uses ?? null);
  const budget = limitChange(budgetValue(before.budget), budgetValue(after.budget));
  if (uses.kind === 'same' && budget.kind === 'same') return;
  await trx
    .insertInto('promotion_pools')
    .values({ program_id: programId, promotion_id: promotionId, uses_left: null, budget_left: null })
    .onConflict((oc) => oc.columns(['program_id', 'promotion_id']).doNothing())
    .execute();
  // One guarded UPDATE: slices take chunks from the pool concurrently (they do not take the program's lock), so the
  // difference is added to what is there at the update, and the guard refuses what would drive it below zero.
  const column = (change: LimitChange, name: 'uses_left' | 'budget_left') =>
    change.kind === 'same' ? sql<number | null>`${sql.ref(name)}` : change.kind === 'set' ? sql<number | null>`${change.value}::bigint` : sql<number>`coalesce(${sql.ref(name)}, 0) + ${change.by}::bigint`;
  const fits = (change: LimitChange, name: 'uses_left' | 'budget_left') => (change.kind === 'by' ? sql<boolean>`coalesce(${sql.ref(name)}, 0) + ${change.by}::bigint >= 0` : sql<boolean>`true`);
  const done = await trx
    .updateTable('promotion_pools')
    // A changed limit may give a spent promotion room again: purchases ask the slices afresh.
    .set({ uses_left: column(uses, 'uses_left'), budget_left: column(budget, 'budget_left'), swept_at: null })
    .where('program_id', '=', programId)
    .where('promotion_id', '=', promotionId)
    .where(fits(uses, 'uses_left'))
    .where(fits(budget, 'budget_left'))
    .returning('promotion_id')
    .executeTakeFirst();
  if (done) return;
  const pool = await trx
    .selectFrom('promotion_pools')
    .select(['uses_left', 'budget_left'])
    .where('program_id', '=', programId)
    .where('promotion_id', '=', promotionId)
    .executeTakeFirstOrThrow();
  const [limit, pointer, change, left] =
    uses.kind === 'by' && (pool.uses_left ?? 0) + uses.by < 0
      ? (['total_uses', '/limits/total_uses', uses, pool.uses_left ?? 0] as const)
      : (['budget', '/limits/budget', budget as Extract<LimitChange, { kind: 'by' }>, pool.budget_left ?? 0] as const);
  const by = -(change as Extract<LimitChange, { kind: 'by' }>).by;
  throw new ConflictError('limit_below_used', `${limit} cannot be lowered by ${by}: only ${left} of it is not handed out yet.`, {
    limit,
    left,
    errors: [{ pointer, location: 'body', message: `cannot be lowered by more than ${left}, the part not handed out yet` }],
  });
}

type LimitChange = { kind: 'same' } | { kind: 'set'; value: number | null } | { kind: 'by'; by: number };

function limitChange(before: number | null, after: number | null): LimitChange {
  if (before === after) return { kind: 'same' };
  if (before === null || after === null) return { kind: 'set', value: after };
  return { kind: 'by', by: after - before };
}


/** The writable fields as the promotions table stores them (JSON columns as text). */
function writableColumns(fields: PromotionFields) {
  return {
    name: fields.name,
    description: fields.description,
    status: fields.status,
    visibility: fields.visibility,
    stackable: fields.stackable,
    priority: fields.priority,
    effect: JSON.stringify(fields.effect),
    scope: JSON.stringify(fields.scope),
    conditions: JSON.stringify(fields.conditions),
    limits: JSON.stringify(fields.limits),
  };
}
/**
 * Creates promotions together (a preset makes several that name each other): all or none, under the program's
 * promotion lock, counted against max_active_promotions as a whole.
 */
export async function createPromotions(db: Kysely<Database>, clock: Clock, programId: string, items: NewPromotion[]): Promise<PromotionRecord[]> {
  const created = await inTransaction(db, async (trx) => {
    await lockProgramPromotions(trx, programId);
    const settings = await programSettings(trx, programId);
    const ids = items.map((item) => item.id ?? newId('promotion'));
    const isPromotion = async (id: string) =>
      ids.includes(id) || (await trx.selectFrom('promotions').select('id').where('program_id', '=', programId).where('id', '=', id).executeTakeFirst()) !== undefined;
    const segments = await existingSegments(trx, programId, items.map((i) => i.fields));
    for (const item of items) {
      const violations = await promotionViolations(item.fields, settings, isPromotion, segments);
      if (violations.length > 0) throw new InvalidPromotionError(violations);
    }
    refuseOverCap(settings, await activeCount(trx, programId), items.filter((i) => i.fields.status === 'active').length);
    const now = clock.now();
    const rows = await trx
      .insertInto('promotions')
      .values(
        items.map(({ fields, preset }, i) => ({
          program_id: programId,
          id: ids[i]!,
          ...writableColumns(fields),
          preset: preset ?? null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returningAll()
      .execute();
    for (const [i, item] of items.entries()) await createPool(trx, programId, ids[i]!, item.fields.limits);
    const byId = new Map(rows.map((r) => [r.id, toPromotion(r)]));
    return ids.map((id) => byId.get(id)!);
  });
  forgetActivePromotions(programId);
  return created;
}

export async function createPromotion(db: Kysely<Database>, clock: Clock, programId: string, fields: PromotionFields): Promise<PromotionRecord> {
  const [created] = await createPromotions(db, clock, programId, [{ fields }]);
  return created!;
}

export async function getPromotion(db: Kysely<Database>, programId: string, id: string): Promise<PromotionRecord> {
  const row = await db.selectFrom('promotions').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('promotion', id);
  return toPromotion(row);
}

/** Oldest first (ids sort by creation), after the cursor's id. */
export async function listPromotions(
  db: Kysely<Database>,
  programId: string,
  filter: { status?: PromotionFields['status'] | undefined },
  page: { limit: number; after?: string | undefined },
): Promise<PromotionRecord[]> {
  let query = db.selectFrom('promotions').selectAll().where('program_id', '=', programId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (page.after) query = query.where('id', '>', page.after);
  return (await query.orderBy('id').limit(page.limit).execute()).map(toPromotion);
}

/** Changes any writable fields; every change bumps the version the ledger re-checks purchases against. */
export async function updatePromotion(db: Kysely<Database>, clock: Clock, programId: string, id: string, patch: PromotionPatch): Promise<PromotionRecord> {
  const updated = await inTransaction(db, async (trx) => {
    await lockProgramPromotions(trx, programId);
    const row = await trx.selectFrom('promotions').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('promotion', id);
    const current = toPromotion(row);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as PromotionPatch;
    const fields: PromotionFields = { ...current, ...defined };
    const settings = await programSettings(trx, programId);
    const isPromotion = async (other: string) =>
      (await trx.selectFrom('promotions').select('id').where('program_id', '=', programId).where('id', '=', other).executeTakeFirst()) !== undefined;
    const violations = await promotionViolations(fields, settings, isPromotion, await existingSegments(trx, programId, [fields]));
    const [before, after] = [current.limits.budget, fields.limits.budget];
    if (before && after && budgetUnit(before) !== budgetUnit(after)) {
      violations.push({ pointer: '/limits/budget', message: `must stay in ${budgetUnit(before)}: what was already spent of the budget is counted in it` });
    }
    if (violations.length > 0) throw new InvalidPromotionError(violations);
    if (fields.status === 'active' && current.status !== 'active') refuseOverCap(settings, await activeCount(trx, programId), 1);
    await adjustPool(trx, programId, id, current.limits, fields.limits);
    const next = await trx
      .updateTable('promotions')
      .set((eb) => ({
        ...writableColumns(fields),
        version: eb(eb.ref('version'), '+', 1),
        updated_at: clock.now(),
      }))
      .where('program_id', '=', programId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPromotion(next);
  });
  forgetActivePromotions(programId);
  return updated;
}

// ---- The active promotions, for the purchase path ---------------------------------------------------------------

/**
 * Short: another instance's change is seen within this long. A stale list is safe (the ledger re-checks each
 * promotion's version at commit), it only costs a refused commit and a fresh evaluation.
 */
export const ACTIVE_PROMOTIONS_TTL_MS = 1_000;

/**
 * One cache for the process, keyed by program: program ids are unique across databases (TypeIDs), so the handle the
 * caller passes can load any entry. ProgramCache binds its loader to one handle; this one also shares a load that is
 * under way, so a burst of purchases after expiry reads the table once.
 */
const activeCache = new Map<string, { loadedAt: number; value: Promise<ActiveSet> }>();

/** The active promotions, and the segments their segment conditions name (what a purchase evaluates them with). */
interface ActiveSet {
  promotions: PromotionRecord[];
  segments: PromotionSegment[];
}

/** A segment a promotion's condition names, as the facts read needs it (src/promotions/checkout.ts). */
export interface PromotionSegment {
  id: string;
  kind: 'dynamic' | 'static';
  rule: unknown;
}

async function loadActive(db: Kysely<Database>, programId: string): Promise<ActiveSet> {
  const rows = await db.selectFrom('promotions').selectAll().where('program_id', '=', programId).where('status', '=', 'active').orderBy('id').execute();
  const promotions = rows.map(toPromotion);
  // Only when a promotion targets segments: the plain purchase path reads nothing more.
  const named = [...new Set(promotions.flatMap((p) => p.conditions.segment?.segment_ids ?? []))];
  const segments =
    named.length === 0
      ? []
      : await db.selectFrom('segments').select(['id', 'kind', 'rule']).where('program_id', '=', programId).where('id', 'in', named).orderBy('id').execute();
  return { promotions, segments };
}

function activeSet(db: Kysely<Database>, programId: string, clock: Clock): Promise<ActiveSet> {
  const now = clock.now().getTime();
  const cached = activeCache.get(programId);
  // A clock moved backwards (tests) must not keep an entry forever.
  if (cached && now >= cached.loadedAt && now - cached.loadedAt < ACTIVE_PROMOTIONS_TTL_MS) return cached.value;
  const value = loadActive(db, programId);
  const entry = { loadedAt: now, value };
  activeCache.set(programId, entry);
  // A failed load is not cached: the next caller tries again.
  value.catch(() => {
    if (activeCache.get(programId) === entry) activeCache.delete(programId);
  });
  return value;
}

/** The program's active promotions, oldest first, at most ACTIVE_PROMOTIONS_TTL_MS old (this instance's writes: fresh). */
export async function activePromotions(db: Kysely<Database>, programId: string, clock: Clock = systemClock): Promise<Promotion[]> {
  return (await activeSet(db, programId, clock)).promotions;
}

/** The segments the active promotions' segment conditions name, from the same cached load (a deleted one is absent). */
export async function activePromotionSegments(db: Kysely<Database>, programId: string, clock: Clock = systemClock): Promise<PromotionSegment[]> {
  return (await activeSet(db, programId, clock)).segments;
}

/** Drops the cached list; the writes here call it, and the HTTP layer again once a caller's transaction committed. */
export function forgetActivePromotions(programId: string): void {
  activeCache.delete(programId);
}
