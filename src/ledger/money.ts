const RATE_SCALE = 1_000_000n;

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point in the currency's minor unit (USD 2, JPY 0, KWD 3), from ICU's ISO 4217 data. */
export function minorUnitDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
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

/** Money in minor units for `points` at `rate` points per 1 unit: the inverse of pointsForMoney. */
export function moneyForPoints(points: number, currency: string, rate: number, rounding: Rounding = 'floor'): number {
  const scaledRate = BigInt(Math.round(rate * Number(RATE_SCALE)));
  const unit = 10n ** BigInt(minorUnitDigits(currency));
  return Number(divide(BigInt(points) * unit * RATE_SCALE, scaledRate, rounding));
}

/** The share of an amount a fee in basis points takes, rounded as the program says. */
export function feeOf(amount: number, feeBps: number, rounding: Rounding = 'floor'): number {
  return Number(divide(BigInt(amount) * BigInt(feeBps), 10_000n, rounding));
}

/**
 * Money in one currency expressed in another, through each currency's points rate (the program's own exchange); a
 * minimum is converted rounding up, so that an amount reaches it only if it reaches the original exactly.
 */
export function convertMoney(amountMinor: number, from: { currency: string; rate: number }, to: { currency: string; rate: number }, rounding: Rounding = 'floor'): number {
  const fromRate = BigInt(Math.round(from.rate * Number(RATE_SCALE)));
  const toRate = BigInt(Math.round(to.rate * Number(RATE_SCALE)));
  const numerator = BigInt(amountMinor) * fromRate * 10n ** BigInt(minorUnitDigits(to.currency));
  return Number(divide(numerator, toRate * 10n ** BigInt(minorUnitDigits(from.currency)), rounding));
}

const pointsFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** Points as people read them: 1,000,000. */
export function formatPoints(points: number): string {
  return pointsFormat.format(points);
}

/**
 * Money in minor units as people read it, in major units with the currency's own decimals and its code:
 * 500000 AZN is "5,000.00 AZN", 1500 JPY is "1,500 JPY". Exact for every amount up to MAX_MONEY_AMOUNT.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const format = new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  // The decimal string keeps the division exact: no floating-point rounding of amountMinor / 10^digits.
  const major = `${amountMinor < 0 ? '-' : ''}${shiftDecimal(Math.abs(amountMinor), digits)}`;
  return `${format.format(major as Intl.StringNumericLiteral)} ${currency}`;
}

function shiftDecimal(amountMinor: number, digits: number): string {
  if (digits === 0) return String(amountMinor);
  const text = String(amountMinor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
