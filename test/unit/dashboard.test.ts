import { describe, expect, it } from 'vitest';
import { ageBandLabels, averageCheck, periodLabel } from '../../src/analytics/dashboard.ts';

describe('dashboard helpers', () => {
  it('labels ISO weeks by the year their Thursday is in', () => {
    expect(periodLabel('2026-03-23', 'week')).toBe('2026-W13');
    // 2026 starts on a Thursday: it has 53 weeks, and 1 January 2027 is in its last one.
    expect(periodLabel('2026-12-28', 'week')).toBe('2026-W53');
    expect(periodLabel('2027-01-04', 'week')).toBe('2027-W01');
    // Monday 30 December 2024 starts 2025's first week.
    expect(periodLabel('2024-12-30', 'week')).toBe('2025-W01');
    expect(periodLabel('2026-03-01', 'month')).toBe('2026-03');
    expect(periodLabel('2026-03-29', 'day')).toBe('2026-03-29');
  });

  it('rounds the average check half to even, 0 without sales', () => {
    expect(averageCheck(19733, 4)).toBe(4933);
    expect(averageCheck(5, 2)).toBe(2);
    expect(averageCheck(7, 2)).toBe(4);
    expect(averageCheck(27133, 5)).toBe(5427);
    expect(averageCheck(0, 0)).toBe(0);
    expect(averageCheck(9_007_199_254_740_991, 3)).toBe(3_002_399_751_580_330);
  });

  it('names the age bands from their boundaries', () => {
    expect(ageBandLabels([18, 25, 35, 45, 55, 65])).toEqual(['<18', '18-24', '25-34', '35-44', '45-54', '55-64', '65+']);
    expect(ageBandLabels([30])).toEqual(['<30', '30+']);
  });
});
