import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { ProgramCache } from '../programs/program-cache.ts';
import { ConflictError, FieldError, UnprocessableError } from '../errors.ts';
import { newId } from '../ids.ts';
import { addDays, addMonths } from '../calendar.ts';

export interface RateSet {
  id: string;
  rates: Record<string, number>;
  effective_from: Date;
  created_at: Date;
}

export interface RateSetWindow extends RateSet {
  /** When the next set takes over; null while it is the latest. */
  effective_to: Date | null;
  /** Per currency of the set: until when a later set may not change its rate. */
  locks: Record<string, Date>;
  /** Until when the set cannot be replaced whole: its latest currency lock. */
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

/** A currency's review period: rate_locks, or rate_lock_months for a currency it does not name. */
export function lockPeriodOf(settings: ProgramSettings, currency: string): { months: number; days: number } {
  return settings.rate_locks[currency] ?? { months: settings.rate_lock_months, days: 0 };
}

const describePeriod = ({ months, days }: { months: number; days: number }) =>
  [months ? `${months}-month` : '', days ? `${days}-day` : ''].filter(Boolean).join(' and ') || 'no';

/**
 * Until when the rate of `currency` in sets[index] is held: its review period counted from the set where the rate
 * took that value (a rate repeated by later sets keeps the lock of its change).
 */
function heldUntil(sets: RateSet[], index: number, currency: string, settings: ProgramSettings): Date {
  const rate = sets[index]!.rates[currency];
  let since = index;
  while (since > 0 && sets[since - 1]!.rates[currency] === rate) since--;
  const { months, days } = lockPeriodOf(settings, currency);
  return addDays(addMonths(sets[since]!.effective_from, months), days);
}

export function withWindows(sets: RateSet[], settings: ProgramSettings): RateSetWindow[] {
  return sets.map((set, i) => {
    const locks = Object.fromEntries(Object.keys(set.rates).map((c) => [c, heldUntil(sets, i, c, settings)]));
    const latest = Math.max(set.effective_from.getTime(), ...Object.values(locks).map((d) => d.getTime()));
    return { ...set, effective_to: sets[i + 1]?.effective_from ?? null, locks, locked_until: new Date(latest) };
  });
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
 * Adds a rate set. Each currency's rate is held for that currency's review period after it last changed: a set that
 * would change (or leave out) a currency before then is refused (422 rate_locked, a pointer to each such rate);
 * currencies it repeats unchanged are no change. A set that would slip in before an already scheduled one is 409.
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
    const current = withWindows(sets, settings).at(-1);
    if (current) {
      const held = Object.entries(current.locks)
        .filter(([c, until]) => input.rates[c] !== current.rates[c] && effectiveFrom.getTime() < until.getTime())
        .sort(([a], [b]) => a.localeCompare(b));
      if (held.length > 0) {
        const errors = held.map(([c, until]) => ({
          pointer: `/rates/${c}`,
          location: 'body' as const,
          message: `is held at ${current.rates[c]} until ${until.toISOString()}: ${c} may change once its ${describePeriod(lockPeriodOf(settings, c))} review period has passed`,
        }));
        const lockedUntil = new Date(Math.max(...held.map(([, until]) => until.getTime())));
        throw new UnprocessableError('rate_locked', `The rates of ${held.map(([c]) => c).join(', ')} are held until their review periods pass (the last until ${lockedUntil.toISOString()}).`, {
          rate_set_id: current.id,
          locked_until: lockedUntil.toISOString(),
          errors,
        });
      }
    }
    const row = await trx
      .insertInto('rate_sets')
      .values({ program_id: programId, id: newId('rateSet'), rates: JSON.stringify(input.rates), effective_from: effectiveFrom, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const added = { id: row.id, rates: row.rates, effective_from: row.effective_from, created_at: row.created_at };
    return withWindows([...sets, added], settings).at(-1)!;
  });
}

export async function listRateSets(db: Kysely<Database>, programId: string, settings: ProgramSettings): Promise<RateSetWindow[]> {
  return withWindows(await loadRateSets(db, programId), settings);
}
