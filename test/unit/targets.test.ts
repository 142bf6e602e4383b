import { describe, expect, it } from 'vitest';
import { judge, periodOf, type PeriodFigures } from '../../src/engagement/targets.ts';

// The pace arithmetic of a target (src/engagement/targets.ts judge): exact at the threshold, whatever rounds for show.
const january = periodOf(new Date('2027-01-16T00:00:00Z'), 'month', 'UTC'); // 15 of 31 days elapsed
const asOf = new Date('2027-01-16T00:00:00Z');
const figures = (revenue: number, sales: number, members = sales): PeriodFigures => ({ revenue, convertedSales: sales, salesCount: sales, activeMembers: members, unconverted: [] });
const target = (metric: 'revenue' | 'sales_count' | 'average_check' | 'active_members', value: number, alert: number) => ({ id: 'tgt_1', metric, period: 'month' as const, value, alert_below_percent: alert });

describe('judge', () => {
  it('should be on track exactly at (100 - alert) % of the pace, and off track one minor unit below', () => {
    // Expected by the 16th: 620,000 × 15 / 31 = 300,000; 95 % of it is 285,000.
    expect(judge(target('revenue', 620000, 5), january, asOf, figures(285000, 3), 'AZN')).toMatchObject({ expected: 300000, pace_percent: 95, status: 'on_track' });
    expect(judge(target('revenue', 620000, 5), january, asOf, figures(284999, 3), 'AZN')).toMatchObject({ pace_percent: 95, status: 'off_track' });
  });

  it('should compare an average check without rounding it first', () => {
    // 2,849 ÷ 3 = 949.67, shown as 950, is below 95 % of 1,000; 2,850 ÷ 3 = 950 is not.
    expect(judge(target('average_check', 1000, 5), january, asOf, figures(2849, 3), 'AZN')).toMatchObject({ actual: 950, expected: 1000, status: 'off_track' });
    expect(judge(target('average_check', 1000, 5), january, asOf, figures(2850, 3), 'AZN')).toMatchObject({ actual: 950, status: 'on_track' });
    expect(judge(target('average_check', 1000, 5), january, asOf, figures(0, 0), 'AZN')).toMatchObject({ actual: null, pace_percent: null, status: 'not_judged' });
  });

  it('should take alert percents with two decimals as basis points', () => {
    // 97.5 % of 300,000 is 292,500.
    expect(judge(target('revenue', 620000, 2.5), january, asOf, figures(292500, 1), 'AZN').status).toBe('on_track');
    expect(judge(target('revenue', 620000, 2.5), january, asOf, figures(292499, 1), 'AZN')).toMatchObject({ threshold_percent: 97.5, status: 'off_track' });
  });

  it('should not judge the first local day, and project counts to the period end', () => {
    const early = new Date('2027-01-01T23:59:59Z');
    expect(judge(target('sales_count', 100, 5), january, early, figures(0, 0), 'AZN')).toMatchObject({ status: 'not_judged', currency: null });
    expect(judge(target('sales_count', 100, 5), january, new Date('2027-01-02T00:00:00Z'), figures(0, 0), 'AZN').status).toBe('off_track');
    // 45 sales in 15 of 31 days: 93 by the end; 100 × 15 / 31 = 48.39 expected, rounded to 48.
    expect(judge(target('sales_count', 100, 5), january, asOf, figures(0, 45), 'AZN')).toMatchObject({ actual: 45, expected: 48, projected: 93, pace_percent: 93, status: 'off_track' });
    expect(judge(target('active_members', 100, 7), january, asOf, figures(0, 60, 45), 'AZN')).toMatchObject({ actual: 45, status: 'on_track' });
  });
});
