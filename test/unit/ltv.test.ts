import { describe, expect, it } from 'vitest';
import { monthsBetween } from '../../src/analytics/ltv-ledger.ts';
import { bandOf, computeLtv, InvalidLtvInputError, LtvDecimal, MissingLtvInputError, type LtvRequest } from '../../src/analytics/ltv.ts';

const pointers = (request: LtvRequest, currency = 'USD') => {
  try {
    computeLtv(request, currency);
  } catch (error) {
    if (error instanceof InvalidLtvInputError || error instanceof MissingLtvInputError) {
      return { code: error.code, kind: error.kind, pointers: (error.extra.errors as { pointer: string }[]).map((e) => e.pointer) };
    }
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('computeLtv: the seeds\' worked examples, exactly', () => {
  it('arpu_lifetime: 30 USD × 24 = 720 USD; 1,000 × 36 = 36,000', () => {
    expect(computeLtv({ formula: 'arpu_lifetime', inputs: { arpu: 30, lifetime_months: 24 } }, 'USD').ltv).toEqual({ amount: 72000, currency: 'USD', exact: '720' });
    expect(computeLtv({ formula: 'arpu_lifetime', inputs: { arpu: '1000', lifetime_months: '36' } }, 'USD').ltv).toEqual({ amount: 3600000, currency: 'USD', exact: '36000' });
  });

  it('aov_frequency_lifespan: 80 × 4 × 3 = 960 USD', () => {
    expect(computeLtv({ formula: 'aov_frequency_lifespan', inputs: { aov: 80, purchases_per_year: 4, lifespan_years: 3 } }, 'USD').ltv).toEqual({ amount: 96000, currency: 'USD', exact: '960' });
  });

  it('margin_churn: 15 × 0.6 ÷ 0.04 = 225 USD (no float drift: 15 × 0.6 is 9, not 8.999…)', () => {
    const r = computeLtv({ formula: 'margin_churn', inputs: { arpu: 15, margin: 0.6, churn: 0.04 } }, 'USD');
    expect(r.ltv).toEqual({ amount: 22500, currency: 'USD', exact: '225' });
    expect(r.inputs).toEqual({ arpu: '15', margin: '0.6', churn: '0.04', cac: undefined });
  });

  it('discounted: (200, 240, 300), margin 0.5, 10 %, CAC 100 → 90.91 + 99.17 + 112.70 − 100 = 202.78 USD', () => {
    const r = computeLtv({ formula: 'discounted', inputs: { revenues: [200, 240, 300], margin: 0.5, discount_rate: 0.1, cac: 100 } }, 'USD');
    expect(r.ltv.amount).toBe(20278);
    expect(r.ltv.exact).toBe('202.779864763335837716');
    expect(r.gross).toEqual({ amount: 30278, currency: 'USD', exact: '302.779864763335837716' });
    expect(r.terms!.map((t) => [t.period, t.discount_factor, t.value.amount])).toEqual([
      [1, '1.1', 9091],
      [2, '1.21', 9917],
      [3, '1.331', 11270],
    ]);
    expect(r.terms!.map((t) => t.value.exact)).toEqual(['90.90909090909090909091', '99.17355371900826446281', '112.69722013523666416228']);
    // 302.78 ÷ 100: the gross value against what acquiring the customer cost.
    expect(r.cac_ratio).toEqual({ ratio: '3.0278', band: 'healthy' });
  });

  it('rounds half-even once, at the end, in the currency\'s minor unit', () => {
    // 0.125 USD → 12 cents (half to even), 0.135 → 14; JPY has no minor unit, KWD three digits.
    expect(computeLtv({ formula: 'arpu_lifetime', inputs: { arpu: '0.125', lifetime_months: 1 } }, 'USD').ltv.amount).toBe(12);
    expect(computeLtv({ formula: 'arpu_lifetime', inputs: { arpu: '0.135', lifetime_months: 1 } }, 'USD').ltv.amount).toBe(14);
    expect(computeLtv({ formula: 'arpu_lifetime', inputs: { arpu: '2.5', lifetime_months: 1 } }, 'JPY').ltv).toEqual({ amount: 2, currency: 'JPY', exact: '2.5' });
    expect(computeLtv({ formula: 'arpu_lifetime', inputs: { arpu: '1.2345', lifetime_months: 2 } }, 'KWD').ltv).toEqual({ amount: 2469, currency: 'KWD', exact: '2.469' });
    // Rounding each of three thirds first would give 0.99; once at the end gives 1.00.
    expect(computeLtv({ formula: 'margin_churn', inputs: { arpu: 1, margin: 1, churn: 1 } }, 'USD').ltv.amount).toBe(100);
    const thirds = computeLtv({ formula: 'discounted', inputs: { revenues: ['0.333333', '0.333333', '0.333334'], margin: 1, discount_rate: 0 } }, 'USD');
    expect(thirds.terms!.map((t) => t.value.amount)).toEqual([33, 33, 33]);
    expect(thirds.ltv.amount).toBe(100);
  });

  it('segment: Σ revenue × retention × margin per segment; the headline is the segments\' mean', () => {
    const r = computeLtv(
      {
        formula: 'segment',
        inputs: {
          margin: 0.5,
          segments: [
            { name: 'Champions', periods: [{ revenue: 100, retention: 1 }, { revenue: 100, retention: 0.8 }, { revenue: 100, retention: 0.6 }] },
            { name: 'At Risk', margin: 0.4, periods: [{ revenue: 50, retention: 0.5 }] },
          ],
        },
      },
      'USD',
    );
    // 50 + 40 + 30 = 120; 50 × 0.5 × 0.4 = 10; mean 65.
    expect(r.segments!.map((s) => [s.name, s.margin, s.ltv.amount])).toEqual([
      ['Champions', '0.5', 12000],
      ['At Risk', '0.4', 1000],
    ]);
    expect(r.segments![0]!.terms.map((t) => t.value.amount)).toEqual([5000, 4000, 3000]);
    expect(r.ltv).toEqual({ amount: 6500, currency: 'USD', exact: '65' });
  });
});

describe('LTV:CAC bands at their boundaries', () => {
  it.each([
    ['0', 'loss'],
    ['0.9999', 'loss'],
    ['1', 'risky'],
    ['2', 'risky'],
    ['2.9999', 'risky'],
    ['3', 'healthy'],
    ['3.9999', 'healthy'],
    ['4', 'conservative'],
    ['5', 'conservative'],
    ['5.0001', 'conservative'],
    ['12', 'conservative'],
  ])('ratio %s is %s', (ratio, band) => {
    expect(bandOf(new LtvDecimal(ratio))).toBe(band);
  });

  it('takes the band from the unrounded ratio and shows it to four places', () => {
    // 299.999 ÷ 100 = 2.99999: shown as 3.0000 but still risky.
    const r = computeLtv({ formula: 'arpu_lifetime', inputs: { arpu: '299.999', lifetime_months: 1, cac: 100 } }, 'USD');
    expect(r.cac_ratio).toEqual({ ratio: '3', band: 'risky' });
    expect(computeLtv({ formula: 'arpu_lifetime', inputs: { arpu: 300, lifetime_months: 1, cac: 100 } }, 'USD').cac_ratio).toEqual({ ratio: '3', band: 'healthy' });
    expect(computeLtv({ formula: 'arpu_lifetime', inputs: { arpu: 50, lifetime_months: 1, cac: 100 } }, 'USD').cac_ratio).toEqual({ ratio: '0.5', band: 'loss' });
    // No CAC, or a zero one: no ratio.
    expect(computeLtv({ formula: 'arpu_lifetime', inputs: { arpu: 50, lifetime_months: 1, cac: 0 } }, 'USD').cac_ratio).toBeNull();
    expect(computeLtv({ formula: 'arpu_lifetime', inputs: { arpu: 50, lifetime_months: 1 } }, 'USD').cac_ratio).toBeNull();
  });
});

describe('impossible inputs: 422 invalid_ltv_input with a pointer to each', () => {
  it.each<[string, LtvRequest, string[]]>([
    ['churn 0', { formula: 'margin_churn', inputs: { arpu: 15, margin: 0.6, churn: 0 } }, ['/inputs/churn']],
    ['churn above 1', { formula: 'margin_churn', inputs: { arpu: 15, margin: 0.6, churn: 1.5 } }, ['/inputs/churn']],
    ['margin above 1', { formula: 'margin_churn', inputs: { arpu: 15, margin: 60, churn: 0.04 } }, ['/inputs/margin']],
    ['negative ARPU and margin', { formula: 'margin_churn', inputs: { arpu: -15, margin: -0.1, churn: 0.04 } }, ['/inputs/arpu', '/inputs/margin']],
    ['negative CAC', { formula: 'arpu_lifetime', inputs: { arpu: 30, lifetime_months: 24, cac: -1 } }, ['/inputs/cac']],
    ['lifetime 0', { formula: 'arpu_lifetime', inputs: { arpu: 30, lifetime_months: 0 } }, ['/inputs/lifetime_months']],
    ['negative frequency, lifespan 0', { formula: 'aov_frequency_lifespan', inputs: { aov: 80, purchases_per_year: -4, lifespan_years: 0 } }, ['/inputs/purchases_per_year', '/inputs/lifespan_years']],
    ['an empty period list', { formula: 'discounted', inputs: { revenues: [], margin: 0.5, discount_rate: 0.1 } }, ['/inputs/revenues']],
    ['a negative period, a negative rate', { formula: 'discounted', inputs: { revenues: [200, -1], margin: 0.5, discount_rate: -0.1 } }, ['/inputs/revenues/1', '/inputs/discount_rate']],
    ['no segments', { formula: 'segment', inputs: { margin: 0.5, segments: [] } }, ['/inputs/segments']],
    [
      'retention above 1, a segment without periods',
      { formula: 'segment', inputs: { margin: 0.5, segments: [{ name: 'a', periods: [{ revenue: 1, retention: 1.2 }] }, { name: 'b', periods: [] }] } },
      ['/inputs/segments/0/periods/0/retention', '/inputs/segments/1/periods'],
    ],
  ])('%s', (_, request, expected) => {
    expect(pointers(request)).toEqual({ code: 'invalid_ltv_input', kind: 'unprocessable', pointers: expected });
  });

  it('a missing input is 400 validation_failed with its pointer', () => {
    expect(pointers({ formula: 'margin_churn', inputs: { arpu: 15 } } as unknown as LtvRequest)).toEqual({
      code: 'validation_failed',
      kind: 'bad_request',
      pointers: ['/inputs/margin', '/inputs/churn'],
    });
    expect(pointers({ formula: 'segment', inputs: { segments: [{ name: 'a', periods: [{ revenue: 1, retention: 1 }] }] } })).toMatchObject({ pointers: ['/inputs/segments/0/margin'] });
  });
});

describe('monthsBetween: local calendar months, the last one partial', () => {
  const baku = 'Asia/Baku';
  it('counts whole months on the wall clock and the fraction of the month the end falls in', () => {
    const from = new Date('2026-01-01T00:00:00+04:00');
    expect(monthsBetween(from, new Date('2026-04-01T00:00:00+04:00'), baku).months.toString()).toBe('3');
    // One month, then 14 of February's 28 days.
    const r = monthsBetween(from, new Date('2026-02-15T00:00:00+04:00'), baku);
    expect(r.months.toString()).toBe('1.5');
    expect(r.starts.map((d) => d.toISOString())).toEqual(['2025-12-31T20:00:00.000Z', '2026-01-31T20:00:00.000Z']);
    // Steps count from `from` (31 January + 2 months is 31 March), not from the clamped 28 February before.
    expect(monthsBetween(new Date('2026-01-31T12:00:00+04:00'), new Date('2026-03-31T12:00:00+04:00'), baku).months.toString()).toBe('2');
  });
});
