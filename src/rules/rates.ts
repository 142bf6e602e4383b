import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { ProgramCache } from '../programs/program-cache.ts';
import { ConflictError, FieldError, UnprocessableError } from '../errors.ts';
import { newId } from '../ids.ts';
import { addMonths } from '../calendar.ts';

export interface RateSet {
  id: string;
  rates: Record<string, number>;
  effective_from: Date;
  created_at: Date;
}

export interface RateSetWindow extends RateSet {
  /** When the next set takes over; null while it is the latest. */
  effective_to: Date | null;
  /** Until when it cannot be superseded. */
  locked_until: Date;
}

export type RatesCache = ProgramCache<RateSet[]>;

async function loadRateSets(db: Kysely<Database>, programId: string): Promise<RateSet[]> {
  const rows = await db.selectFrom('rate_sets').selectAll().where('program_id', '=', programId).orderBy('effective_from').execute();
  return rows.map((r) => ({ id: r.id, rates: r.rates, effective_from: r.effective_from, created_at: r.created_at }));
}

export function createRatesCache(db: Kysely<Database>, clock: Clock): RatesCache {
  return new ProgramCache(clock, (programId) => loadRateSets(db, programId));
}

export function withWindows(sets: RateSet[], lockMonths: number): RateSetWindow[] {
  return sets.map((set, i) => ({
    ...set,
    effective_to: sets[i + 1]?.effective_from ?? null,
    locked_until: addMonths(set.effective_from, lockMonths),
  }));
}

/** The set in force at an instant (null: the program's base earn_rates apply). */
export function rateSetAt(sets: RateSet[], at: Date): RateSet | null {
  let found: RateSet | null = null;
  for (const set of sets) {
    if (set.effective_from.getTime() <= at.getTime()) found = set;
    else break;
  }
  return found;
}

export interface RateQuote {
  rate: number;
  rate_set_id: string | null;
  /** Percent the currency's rate rose over the previous set, when it did. */
  rise_percent: number | null;
}

/** The rate for a currency at an instant, and how it moved against the set before. */
export function rateAt(sets: RateSet[], settings: ProgramSettings, currency: string, at: Date): RateQuote {
  const current = rateSetAt(sets, at);
  const rates = current?.rates ?? settings.earn_rates;
  const rate = rates[currency];
  if (rate === undefined) {
    throw new UnprocessableError('unsupported_currency', `The program has no rate for ${currency} at ${at.toISOString()}.`, {
      currency,
      supported: Object.keys(rates).sort(),
    });
  }
  let rise: number | null = null;
  if (current) {
    const index = sets.indexOf(current);
    const previous = index > 0 ? sets[index - 1]!.rates : settings.earn_rates;
    const before = previous[currency];
    if (before !== undefined && rate > before) rise = Math.round(((rate - before) / before) * 10_000) / 100;
  }
  return { rate, rate_set_id: current?.id ?? null, rise_percent: rise };
}

/**
 * Adds a rate set. A set stays in force for the lock period: a replacement that would start before the current set's
 * lock ends is refused (409 rate_locked), and so is one that would slip in before an already scheduled set.
 */
export async function addRateSet(
  db: Kysely<Database>,
  clock: Clock,
  programId: string,
  settings: ProgramSettings,
  input: { rates: Record<string, number>; effective_from?: string | undefined },
): Promise<RateSetWindow> {
  const now = clock.now();
  const effectiveFrom = input.effective_from ? new Date(input.effective_from) : now;
  if (effectiveFrom.getTime() < now.getTime() - 60_000) throw new FieldError('/effective_from', 'must not be in the past: purchases already recorded keep their rate');
  return db.transaction().execute(async (trx) => {
    // Serialises rate changes of one program, so two admins cannot both slip a set into the same window.
    await trx.selectFrom('programs').select('id').where('id', '=', programId).forUpdate().executeTakeFirstOrThrow();
    const sets = await loadRateSets(trx as unknown as Kysely<Database>, programId);
    const later = sets.find((s) => s.effective_from.getTime() >= effectiveFrom.getTime());
    if (later) {
      throw new ConflictError('rate_locked', `A rate set already takes effect at ${later.effective_from.toISOString()}; a new set must start after it.`, {
        rate_set_id: later.id,
      });
    }
    const current = sets.at(-1);
    if (current) {
      const lockedUntil = addMonths(current.effective_from, settings.rate_lock_months);
      if (effectiveFrom.getTime() < lockedUntil.getTime()) {
        throw new ConflictError('rate_locked', `The rate set in force is locked until ${lockedUntil.toISOString()}.`, {
          rate_set_id: current.id,
          locked_until: lockedUntil.toISOString(),
        });
      }
    }
    const row = await trx
      .insertInto('rate_sets')
      .values({ program_id: programId, id: newId('rateSet'), rates: JSON.stringify(input.rates), effective_from: effectiveFrom, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: row.id, rates: row.rates, effective_from: row.effective_from, created_at: row.created_at, effective_to: null, locked_until: addMonths(row.effective_from, settings.rate_lock_months) };
  });
}

export async function listRateSets(db: Kysely<Database>, programId: string, settings: ProgramSettings): Promise<RateSetWindow[]> {
  return withWindows(await loadRateSets(db, programId), settings.rate_lock_months);
}
