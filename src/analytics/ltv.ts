import { Decimal as DecimalBase } from 'decimal.js';
import { DomainError, UnprocessableError } from '../errors.ts';
import { minorUnitDigits } from '../ledger/money.ts';

/**
 * Lifetime value (analytics.md "Lifetime value"): pure formulas over exact decimals. No I/O here; the ledger-derived
 * inputs come from ltv-ledger.ts and the HTTP layer only translates.
 *
 * Units. Money inputs are decimal major units of the stated currency (30 means 30.00 USD), as the seeds' worked
 * examples and the spreadsheets these figures come from are written: ARPU and AOV are averages, which are rarely a
 * whole number of minor units. Rates (margin, churn, retention, discount_rate) are fractions: 0.04 is 4 %. The answer
 * gives the LTV in integer minor units, like every amount this API returns, plus the unrounded decimal in major units.
 *
 * Arithmetic. Every step is decimal (decimal.js) at 50 significant digits, so 0.1 + 0.2 is 0.3 and a division such
 * as ÷ 1.1 carries 50 digits; the only rounding to money is the last one, half-even to the currency's minor unit.
 */
const Decimal = DecimalBase.clone({ precision: 50, rounding: DecimalBase.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });
type Decimal = InstanceType<typeof Decimal>;

/**
 * A decimal as given: a JSON number (read as the decimal it prints as) or a decimal string; or, from the ledger, a
 * Decimal at full precision (so nothing is rounded before the end).
 */
export type DecimalInput = number | string | Decimal;

export const FORMULAS = ['arpu_lifetime', 'aov_frequency_lifespan', 'margin_churn', 'discounted', 'segment'] as const;
export type Formula = (typeof FORMULAS)[number];

export interface ArpuLifetimeInputs {
  arpu: DecimalInput;
  lifetime_months: DecimalInput;
  cac?: DecimalInput | undefined;
}
export interface AovFrequencyLifespanInputs {
  aov: DecimalInput;
  purchases_per_year: DecimalInput;
  lifespan_years: DecimalInput;
  cac?: DecimalInput | undefined;
}
export interface MarginChurnInputs {
  arpu: DecimalInput;
  margin: DecimalInput;
  churn: DecimalInput;
  cac?: DecimalInput | undefined;
}
export interface DiscountedInputs {
  revenues: DecimalInput[];
  margin: DecimalInput;
  discount_rate: DecimalInput;
  cac?: DecimalInput | undefined;
}
export interface SegmentInputs {
  margin?: DecimalInput | undefined;
  segments: { name: string; margin?: DecimalInput | undefined; periods: { revenue: DecimalInput; retention: DecimalInput }[] }[];
  cac?: DecimalInput | undefined;
}

export type LtvRequest =
  | { formula: 'arpu_lifetime'; inputs: ArpuLifetimeInputs }
  | { formula: 'aov_frequency_lifespan'; inputs: AovFrequencyLifespanInputs }
  | { formula: 'margin_churn'; inputs: MarginChurnInputs }
  | { formula: 'discounted'; inputs: DiscountedInputs }
  | { formula: 'segment'; inputs: SegmentInputs };

/** Money: integer minor units (rounded half-even once) and the unrounded value in major units. */
export interface LtvMoney {
  amount: number;
  currency: string;
  exact: string;
}

/**
 * LTV:CAC bands. The seed names < 1 loss, 1–2 risky, 3 healthy, 4–5 conservative and leaves gaps; closed here as
 * half-open intervals on the unrounded ratio: [0, 1) loss, [1, 3) risky (2–3 is still short of the 3:1 rule of
 * thumb), [3, 4) healthy, [4, ∞) conservative (above 5 even more so: acquisition is probably underfunded).
 */
export const BANDS = ['loss', 'risky', 'healthy', 'conservative'] as const;
export type Band = (typeof BANDS)[number];

export function bandOf(ratio: Decimal): Band {
  if (ratio.lt(1)) return 'loss';
  if (ratio.lt(3)) return 'risky';
  if (ratio.lt(4)) return 'healthy';
  return 'conservative';
}

export interface LtvResult {
  formula: Formula;
  currency: string;
  /** The lifetime value; for discounted, net of CAC as the seed's example is (gross − cac). */
  ltv: LtvMoney;
  /** Before subtracting CAC (discounted only; the other formulas never subtract it). */
  gross?: LtvMoney;
  /** ltv (gross for discounted) ÷ cac, when a CAC above zero is given. */
  cac_ratio: { ratio: string; band: Band } | null;
  /** discounted: each period's margin × revenue ÷ (1 + rate)^t. */
  terms?: { period: number; revenue: string; discount_factor: string; value: LtvMoney }[];
  /** segment: each segment's Σ revenue × retention × margin. */
  segments?: { name: string; margin: string; ltv: LtvMoney; terms: { period: number; revenue: string; retention: string; value: LtvMoney }[] }[];
  /** The inputs the formula used, as exact decimal strings (money in major units). */
  inputs: Record<string, unknown>;
}

export interface InputViolation {
  pointer: string;
  message: string;
}

/** 422: inputs that are well-formed but impossible (churn 0, a margin above 1, a negative amount, no periods). */
export class InvalidLtvInputError extends UnprocessableError {
  constructor(violations: InputViolation[]) {
    super('invalid_ltv_input', `The inputs cannot give a lifetime value: ${violations.map((v) => `${v.pointer} ${v.message}`).join('; ')}.`, {
      errors: violations.map((v) => ({ ...v, location: 'body' })),
    });
  }
}

/** 400: an input the formula needs was not given (and, from the ledger, cannot be derived). */
export class MissingLtvInputError extends DomainError {
  constructor(pointers: string[]) {
    super('bad_request', 'validation_failed', `The request has ${pointers.length} invalid field${pointers.length === 1 ? '' : 's'}.`, {
      errors: pointers.map((pointer) => ({ pointer, location: 'body', message: 'is required for this formula' })),
    });
  }
}

const dec = (v: DecimalInput) => (v instanceof Decimal ? v : new Decimal(typeof v === 'number' ? v.toString() : v));
/** Up to 20 decimal places, no exponent, no trailing zeros: 720, 202.77986476333583267, 0.04. */
export const exactString = (d: Decimal) => d.toDecimalPlaces(20, Decimal.ROUND_HALF_EVEN).toFixed();

export function money(value: Decimal, currency: string): LtvMoney {
  const digits = minorUnitDigits(currency);
  const minor = value.times(new Decimal(10).pow(digits)).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  // -0 would print as 0 anyway; Number() keeps it an integer
  return { amount: minor.isZero() ? 0 : minor.toNumber(), currency, exact: exactString(value) };
}

/** Collects every violation of a request before refusing it, so a client fixes them all at once. */
class Checker {
  readonly violations: InputViolation[] = [];
  readonly missing: string[] = [];

  /** The value at `pointer`, or undefined (recorded as missing) when absent. */
  get(value: DecimalInput | undefined, pointer: string): Decimal | undefined {
    if (value === undefined) {
      this.missing.push(pointer);
      return undefined;
    }
    return dec(value);
  }
  nonNegative(value: DecimalInput | undefined, pointer: string): Decimal | undefined {
    const d = this.get(value, pointer);
    if (d?.isNegative() && !d.isZero()) this.violations.push({ pointer, message: 'must not be negative' });
    return d;
  }
  positive(value: DecimalInput | undefined, pointer: string, what = 'must be greater than 0'): Decimal | undefined {
    const d = this.get(value, pointer);
    if (d && !d.gt(0)) this.violations.push({ pointer, message: what });
    return d;
  }
  fraction(value: DecimalInput | undefined, pointer: string, opts: { zero: boolean }): Decimal | undefined {
    const d = this.get(value, pointer);
    if (d && (d.gt(1) || (opts.zero ? d.lt(0) : d.lte(0)))) {
      this.violations.push({ pointer, message: opts.zero ? 'must be between 0 and 1 (a fraction: 0.6 is 60 %)' : 'must be more than 0 and at most 1 (a fraction: 0.04 is 4 %)' });
    }
    return d;
  }
  optionalCac(value: DecimalInput | undefined): Decimal | undefined {
    return value === undefined ? undefined : this.nonNegative(value, '/inputs/cac');
  }
  done(): void {
    if (this.missing.length > 0) throw new MissingLtvInputError(this.missing);
    if (this.violations.length > 0) throw new InvalidLtvInputError(this.violations);
  }
}

function ratioOf(ltv: Decimal, cac: Decimal | undefined): LtvResult['cac_ratio'] {
  if (cac === undefined || cac.isZero()) return null;
  const ratio = ltv.div(cac);
  return { ratio: ratio.toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN).toFixed(), band: bandOf(ratio) };
}

const str = (d: Decimal | undefined) => (d === undefined ? undefined : exactString(d));

/** Computes one formula. Throws 422 invalid_ltv_input (every impossible input) or 400 for a missing one. */
export function computeLtv(request: LtvRequest, currency: string): LtvResult {
  const c = new Checker();
  switch (request.formula) {
    case 'arpu_lifetime': {
      const i = request.inputs;
      const arpu = c.nonNegative(i.arpu, '/inputs/arpu');
      const months = c.positive(i.lifetime_months, '/inputs/lifetime_months');
      const cac = c.optionalCac(i.cac);
      c.done();
      const ltv = arpu!.times(months!);
      return {
        formula: request.formula,
        currency,
        ltv: money(ltv, currency),
        cac_ratio: ratioOf(ltv, cac),
        inputs: { arpu: str(arpu), lifetime_months: str(months), cac: str(cac) },
      };
    }
    case 'aov_frequency_lifespan': {
      const i = request.inputs;
      const aov = c.nonNegative(i.aov, '/inputs/aov');
      const frequency = c.nonNegative(i.purchases_per_year, '/inputs/purchases_per_year');
      const years = c.positive(i.lifespan_years, '/inputs/lifespan_years');
      const cac = c.optionalCac(i.cac);
      c.done();
      const ltv = aov!.times(frequency!).times(years!);
      return {
        formula: request.formula,
        currency,
        ltv: money(ltv, currency),
        cac_ratio: ratioOf(ltv, cac),
        inputs: { aov: str(aov), purchases_per_year: str(frequency), lifespan_years: str(years), cac: str(cac) },
      };
    }
    case 'margin_churn': {
      const i = request.inputs;
      const arpu = c.nonNegative(i.arpu, '/inputs/arpu');
      const margin = c.fraction(i.margin, '/inputs/margin', { zero: true });
      // Churn 0 would mean customers never leave: an infinite lifetime, not a value.
      const churn = c.fraction(i.churn, '/inputs/churn', { zero: false });
      const cac = c.optionalCac(i.cac);
      c.done();
      const ltv = arpu!.times(margin!).div(churn!);
      return {
        formula: request.formula,
        currency,
        ltv: money(ltv, currency),
        cac_ratio: ratioOf(ltv, cac),
        inputs: { arpu: str(arpu), margin: str(margin), churn: str(churn), cac: str(cac) },
      };
    }
    case 'discounted': {
      const i = request.inputs;
      const revenues = i.revenues === undefined ? (c.get(undefined, '/inputs/revenues'), []) : i.revenues.map((r, n) => c.nonNegative(r, `/inputs/revenues/${n}`)!);
      if (i.revenues !== undefined && i.revenues.length === 0) c.violations.push({ pointer: '/inputs/revenues', message: 'must list at least one period' });
      const margin = c.fraction(i.margin, '/inputs/margin', { zero: true });
      const rate = c.nonNegative(i.discount_rate, '/inputs/discount_rate');
      const cac = c.optionalCac(i.cac);
      c.done();
      // Period t (from 1) is discounted by (1 + rate)^t: revenue at the end of each period.
      const terms = revenues.map((revenue, n) => {
        const factor = rate!.plus(1).pow(n + 1);
        return { period: n + 1, revenue, factor, value: revenue.times(margin!).div(factor) };
      });
      const gross = terms.reduce((sum, t) => sum.plus(t.value), new Decimal(0));
      const ltv = gross.minus(cac ?? 0);
      return {
        formula: request.formula,
        currency,
        ltv: money(ltv, currency),
        gross: money(gross, currency),
        cac_ratio: ratioOf(gross, cac),
        terms: terms.map((t) => ({ period: t.period, revenue: exactString(t.revenue), discount_factor: exactString(t.factor), value: money(t.value, currency) })),
        inputs: { revenues: revenues.map(exactString), margin: str(margin), discount_rate: str(rate), cac: str(cac) },
      };
    }
    case 'segment': {
      const i = request.inputs;
      const common = i.margin === undefined ? undefined : c.fraction(i.margin, '/inputs/margin', { zero: true });
      if (i.segments === undefined) c.get(undefined, '/inputs/segments');
      else if (i.segments.length === 0) c.violations.push({ pointer: '/inputs/segments', message: 'must list at least one segment' });
      const segments = (i.segments ?? []).map((s, n) => {
        const at = `/inputs/segments/${n}`;
        const margin = s.margin === undefined ? (common ?? c.get(undefined, `${at}/margin`)) : c.fraction(s.margin, `${at}/margin`, { zero: true });
        if (s.periods.length === 0) c.violations.push({ pointer: `${at}/periods`, message: 'must list at least one period' });
        const periods = s.periods.map((p, k) => ({
          revenue: c.nonNegative(p.revenue, `${at}/periods/${k}/revenue`)!,
          retention: c.fraction(p.retention, `${at}/periods/${k}/retention`, { zero: true })!,
        }));
        return { name: s.name, margin, periods };
      });
      const cac = c.optionalCac(i.cac);
      c.done();
      const computed = segments.map((s) => {
        const terms = s.periods.map((p, k) => ({ period: k + 1, revenue: p.revenue, retention: p.retention, value: p.revenue.times(p.retention).times(s.margin!) }));
        const ltv = terms.reduce((sum, t) => sum.plus(t.value), new Decimal(0));
        return { s, terms, ltv };
      });
      // The headline is the segments' mean: one customer's value when each segment weighs alike. Integrators with
      // segment sizes weigh the per-segment figures themselves.
      const mean = computed.reduce((sum, x) => sum.plus(x.ltv), new Decimal(0)).div(computed.length);
      return {
        formula: request.formula,
        currency,
        ltv: money(mean, currency),
        cac_ratio: ratioOf(mean, cac),
        segments: computed.map(({ s, terms, ltv }) => ({
          name: s.name,
          margin: exactString(s.margin!),
          ltv: money(ltv, currency),
          terms: terms.map((t) => ({ period: t.period, revenue: exactString(t.revenue), retention: exactString(t.retention), value: money(t.value, currency) })),
        })),
        inputs: {
          margin: str(common),
          segments: segments.map((s) => ({ name: s.name, margin: str(s.margin), periods: s.periods.map((p) => ({ revenue: exactString(p.revenue), retention: exactString(p.retention) })) })),
          cac: str(cac),
        },
      };
    }
  }
}

export { Decimal as LtvDecimal };
