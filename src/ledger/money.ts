import { UnprocessableError } from '../errors.ts';

const RATE_SCALE = 1_000_000n;

/** Digits after the decimal point in the currency's minor unit (USD 2, JPY 0, KWD 3), from ICU's ISO 4217 data. */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export type Rounding = 'floor' | 'round' | 'ceil';

/** Divides exactly in integers, then rounds as the program says (down by default). */
function divide(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  if (rounding === 'ceil') return quotient + 1n;
  if (rounding === 'round') return remainder * 2n >= denominator ? quotient + 1n : quotient;
  return quotient;
}

/**
 * Points for an amount of money in minor units at `rate` points per 1 unit, exact (no floating point): 100.50 AZN at
 * 8 points per AZN is 10050 * 8 / 100 = 804 points.
 */
export function pointsForMoney(amountMinor: number, currency: string, rate: number, rounding: Rounding = 'floor'): number {
  const scaledRate = BigInt(Math.round(rate * Number(RATE_SCALE)));
  const unit = 10n ** BigInt(minorUnitDigits(currency));
  return Number(divide(BigInt(amountMinor) * scaledRate, unit * RATE_SCALE, rounding));
}

export function rateFor(rates: Record<string, number>, currency: string): number {
  const rate = rates[currency];
  if (rate === undefined) {
    throw new UnprocessableError('unsupported_currency', `The program has no earn rate for ${currency}.`, {
      currency,
      supported: Object.keys(rates).sort(),
    });
  }
  return rate;
}
