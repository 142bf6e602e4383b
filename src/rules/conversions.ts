import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/schema.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { FieldError, NotFoundError, UnprocessableError } from '../errors.ts';
import { convertMoney, feeOf, formatPoints, moneyForPoints } from '../ledger/money.ts';
import { basePoints, currencyCap } from './earning.ts';
import { MAX_MONEY_AMOUNT, MAX_POINTS } from '../schemas/limits.ts';
import { rateAt, type RateSet } from './rates.ts';
import { rulesPayload } from './rules.ts';
import { newId } from '../ids.ts';
import { addLocalMonths } from '../calendar.ts';
import { write, type WriteContext } from '../ledger/ledger.ts';
import { ledgerConvert } from '../ledger/functions.ts';

export type Direction = 'points_to_money' | 'money_to_points';

export interface ConversionRequest {
  member_id: string;
  direction: Direction;
  /** points_to_money: the points to cash out, and the currency to pay in. */
  points?: number | undefined;
  currency?: string | undefined;
  /** money_to_points: the money paid in. */
  amount?: { amount: number; currency: string } | undefined;
}

export interface ConversionQuote {
  direction: Direction;
  points: number;
  /** The money side, in minor units of `currency`: paid out (after the fee) or paid in. */
  amount: number;
  currency: string;
  fee_bps: number;
  /** In minor units of `currency` for a withdrawal, in points for money_to_points. */
  fee: number;
  gross: number;
  rate: number;
  rate_set_id: string | null;
  home_amount: number;
  home_currency: string;
}

/** The figures of a conversion: the same function prices the quote and the conversion, so they agree to the point. */
export function priceConversion(settings: ProgramSettings, rateSets: RateSet[], at: Date, input: ConversionRequest): ConversionQuote {
  const feeBps = settings.conversion.fee_bps;
  const home = settings.home_currency;
  let quote: ConversionQuote;
  if (input.direction === 'points_to_money') {
    if (!input.points) throw new FieldError('/points', 'is required to convert points to money');
    if (!input.currency) throw new FieldError('/currency', 'is required to convert points to money');
    const { rate, rate_set_id } = rateAt(rateSets, settings, input.currency, at);
    const gross = moneyForPoints(input.points, input.currency, rate, settings.rounding);
    const fee = feeOf(gross, feeBps, settings.rounding);
    quote = { direction: input.direction, points: input.points, amount: gross - fee, currency: input.currency, fee_bps: feeBps, fee, gross, rate, rate_set_id, home_amount: 0, home_currency: home };
  } else {
    if (!input.amount) throw new FieldError('/amount', 'is required to convert money to points');
    const { rate, rate_set_id } = rateAt(rateSets, settings, input.amount.currency, at);
    const gross = basePoints(settings, input.amount.currency, input.amount.amount, rate).uncapped;
    const fee = feeOf(gross, feeBps, settings.rounding);
    quote = { direction: input.direction, points: gross - fee, amount: input.amount.amount, currency: input.amount.currency, fee_bps: feeBps, fee, gross, rate, rate_set_id, home_amount: 0, home_currency: home };
  }
  if (quote.points <= 0) throw new UnprocessableError('conversion_too_small', 'The conversion comes to no points after rounding and fees.');
  // The currency's cap (currency_caps) bounds the points of one conversion either way; money→points is refused
  // above it rather than clamped, since the member would pay for points they do not get.
  const cap = currencyCap(settings, quote.currency);
  const capped = quote.direction === 'points_to_money' ? quote.points : quote.gross;
  if (cap !== null && capped > cap) {
    throw new UnprocessableError('limit_exceeded', `One conversion in ${quote.currency} may involve at most ${formatPoints(cap)} points.`, {
      limit: 'conversion_per_transaction',
      cap,
      remaining: cap,
      requested: capped,
    });
  }
  quote.home_amount =
    quote.currency === home ? quote.amount : convertMoney(quote.amount, { currency: quote.currency, rate: quote.rate }, { currency: home, rate: rateAt(rateSets, settings, home, at).rate });
  // The maxima of src/schemas/limits.ts hold for every figure of the quote (at extreme rates a valid request can
  // price beyond them): refused before anything is written, and the quote always renders.
  const [points, money] = quote.direction === 'points_to_money' ? [quote.points, quote.gross] : [quote.gross, quote.amount];
  if (points > MAX_POINTS || money > MAX_MONEY_AMOUNT || quote.home_amount > MAX_MONEY_AMOUNT) {
    throw new UnprocessableError('amount_too_large', `A conversion may involve at most ${formatPoints(MAX_POINTS)} points and ${formatPoints(MAX_MONEY_AMOUNT)} minor units of money.`, {
      max_points: MAX_POINTS,
      max_amount: MAX_MONEY_AMOUNT,
    });
  }
  return quote;
}

export interface WithdrawalAllowance {
  per_day: { cap: number | null; used: number; remaining: number | null };
  per_month: { cap: number | null; used: number; remaining: number | null };
  currency: string;
}

/** What the member may still withdraw today and this month (program time zone), for the quote. */
export async function withdrawalAllowance(db: Kysely<Database>, settings: ProgramSettings, programId: string, memberId: string, now: Date): Promise<WithdrawalAllowance> {
  const member = await db.selectFrom('members').select('id').where('program_id', '=', programId).where('id', '=', memberId).executeTakeFirst();
  if (!member) throw new NotFoundError('member', memberId);
  const rules = rulesPayload(settings, now);
  const { rows } = await sql<{ today: number; this_month: number }>`SELECT today, this_month FROM pl_withdrawn(${memberId}, ${rules.day_start}::timestamptz, ${rules.month_start}::timestamptz)`.execute(db);
  const used = rows[0] ?? { today: 0, this_month: 0 };
  const left = (cap: number | null, spent: number) => (cap === null ? null : Math.max(cap - Number(spent), 0));
  return {
    per_day: { cap: settings.withdrawal_limits.per_day, used: Number(used.today), remaining: left(settings.withdrawal_limits.per_day, used.today) },
    per_month: { cap: settings.withdrawal_limits.per_month, used: Number(used.this_month), remaining: left(settings.withdrawal_limits.per_month, used.this_month) },
    currency: settings.home_currency,
  };
}

/** Converts for real: the same prices as the quote, with limits checked under the member's lock. */
export async function convert(ctx: WriteContext, input: ConversionRequest, pool: pg.Pool = ctx.pool) {
  const now = ctx.clock.now();
  const quote = priceConversion(ctx.settings, ctx.rateSets, now, input);
  const { home_amount, home_currency, ...conversion } = quote;
  return write({ ...ctx, pool }, ledgerConvert, input.member_id, 'conversion', { ...input }, (envelope) => ({
    ...envelope,
    txn_id: newId('transaction'),
    conversion_id: newId('conversion'),
    lot_id: newId('lot'),
    expires_at: addLocalMonths(now, ctx.settings.validity_months, ctx.settings.timezone).toISOString(),
    direction: input.direction,
    points: quote.points,
    home_amount,
    home_currency,
    conversion: { ...conversion, home_amount, home_currency },
  }), now);
}
