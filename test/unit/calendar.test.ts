import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addLocalMonths, addMinutes, addMonths, dayKey, exactOffsetMinutes, isoWeekKey, localMinuteOfDay, monthKey, offsetMinutes, startOfDay, startOfMonth } from '../../src/calendar.ts';

describe('instant arithmetic in UTC', () => {
  it('adds days and minutes as fixed durations, whatever the wall clock does', () => {
    expect(addDays(new Date('2027-01-31T06:00:00Z'), 30).toISOString()).toBe('2027-03-02T06:00:00.000Z');
    expect(addDays(new Date('2027-03-01T00:00:00Z'), -1).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(addDays(new Date('2028-02-28T12:00:00Z'), 1).toISOString()).toBe('2028-02-29T12:00:00.000Z');
    expect(addMinutes(new Date('2026-12-31T23:45:00Z'), 30).toISOString()).toBe('2027-01-01T00:15:00.000Z');
    expect(addMinutes(new Date('2027-01-01T00:00:00Z'), -1).toISOString()).toBe('2026-12-31T23:59:00.000Z');
  });

  it('adds calendar months, clamping a missing day to the month end', () => {
    expect(addMonths(new Date('2027-01-31T10:30:00Z'), 1).toISOString()).toBe('2027-02-28T10:30:00.000Z');
    expect(addMonths(new Date('2028-01-31T10:30:00Z'), 1).toISOString()).toBe('2028-02-29T10:30:00.000Z');
    expect(addMonths(new Date('2027-03-31T00:00:00Z'), 1).toISOString()).toBe('2027-04-30T00:00:00.000Z');
    expect(addMonths(new Date('2026-11-15T08:00:00Z'), 3).toISOString()).toBe('2027-02-15T08:00:00.000Z');
    expect(addMonths(new Date('2028-02-29T12:00:00Z'), 12).toISOString()).toBe('2029-02-28T12:00:00.000Z');
    expect(addMonths(new Date('2027-03-31T00:00:00Z'), -1).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(addMonths(new Date('2027-05-31T00:00:00Z'), 0).toISOString()).toBe('2027-05-31T00:00:00.000Z');
  });

  it('does not change the date it is given', () => {
    const at = new Date('2027-01-31T06:00:00Z');
    addDays(at, 1);
    addMinutes(at, 1);
    addMonths(at, 1);
    expect(at.toISOString()).toBe('2027-01-31T06:00:00.000Z');
  });
});

describe('calendar in a program time zone', () => {
  it('adds months on the local wall clock, clamping to the month end', () => {
    // 31 January 10:00 in Baku (UTC+4) plus one month is 28 February 10:00 in Baku.
    expect(addLocalMonths(new Date('2027-01-31T06:00:00Z'), 1, 'Asia/Baku').toISOString()).toBe('2027-02-28T06:00:00.000Z');
    // 1 February 01:00 in Baku is still 31 January in UTC: the local date decides.
    expect(addLocalMonths(new Date('2027-01-31T21:00:00Z'), 1, 'Asia/Baku').toISOString()).toBe('2027-02-28T21:00:00.000Z');
    expect(addLocalMonths(new Date('2028-02-29T12:00:00Z'), 12, 'Asia/Baku').toISOString()).toBe('2029-02-28T12:00:00.000Z');
  });

  it('keeps the wall-clock time across a daylight-saving change', () => {
    // 10:00 in Berlin in winter (UTC+1) is 10:00 in summer (UTC+2).
    expect(addLocalMonths(new Date('2027-03-01T09:00:00Z'), 1, 'Europe/Berlin').toISOString()).toBe('2027-04-01T08:00:00.000Z');
  });

  it('finds local day and month starts and period keys', () => {
    const at = new Date('2026-03-01T21:30:00Z'); // 2 March 01:30 in Baku, a Monday
    expect(startOfDay(at, 'Asia/Baku').toISOString()).toBe('2026-03-01T20:00:00.000Z');
    expect(startOfMonth(at, 'Asia/Baku').toISOString()).toBe('2026-02-28T20:00:00.000Z');
    expect(dayKey(at, 'Asia/Baku')).toBe('2026-03-02');
    expect(monthKey(at, 'Asia/Baku')).toBe('2026-03');
    expect(monthKey(at, 'UTC')).toBe('2026-03');
    expect(monthKey(new Date('2026-02-28T21:30:00Z'), 'Asia/Baku')).toBe('2026-03');
    expect(isoWeekKey(at, 'Asia/Baku')).toBe('2026-W10');
    expect(isoWeekKey(new Date('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
  });
});

describe('localMinuteOfDay', () => {
  it('reads the wall clock of the time zone', () => {
    expect(localMinuteOfDay(new Date('2026-12-01T20:30:00Z'), 'Asia/Baku')).toBe(30);
    expect(localMinuteOfDay(new Date('2026-12-01T19:59:00Z'), 'Asia/Baku')).toBe(23 * 60 + 59);
    // New York on its spring-forward day: 07:30Z is 03:30 EDT, not 02:30.
    expect(localMinuteOfDay(new Date('2027-03-14T07:30:00Z'), 'America/New_York')).toBe(3 * 60 + 30);
  });
});

describe('offsetMinutes', () => {
  // Zones with a one-hour DST change, a half-hour one (Lord Howe), a 45-minute offset and none.
  const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Baku', 'UTC'];

  it('answers exactly what Intl answers, at any instant, however often an hour is asked', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.integer({ min: 0, max: 3_599_999 }),
        (zone, t, step) => {
          const at = new Date(t);
          const again = new Date(Math.floor(t / 3_600_000) * 3_600_000 + step);
          expect(offsetMinutes(at, zone)).toBe(exactOffsetMinutes(at, zone));
          expect(offsetMinutes(again, zone)).toBe(exactOffsetMinutes(again, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is exact on both sides of a change of offset, also after the hour was asked', () => {
    // London left summer time at 01:00 UTC on 27 October 2024; Lord Howe moves by half an hour at 15:00 UTC (02:00 local).
    const cases: [string, string][] = [
      ['Europe/London', '2024-10-27T00:59:59.999Z'],
      ['Europe/London', '2024-10-27T01:00:00.000Z'],
      ['Australia/Lord_Howe', '2024-04-06T14:59:59.999Z'],
      ['Australia/Lord_Howe', '2024-04-06T15:00:00.000Z'],
    ];
    for (const [zone, iso] of cases) {
      const at = new Date(iso);
      expect(offsetMinutes(at, zone)).toBe(exactOffsetMinutes(at, zone));
    }
    expect(offsetMinutes(new Date('2024-10-27T00:30:00Z'), 'Europe/London')).toBe(60);
    expect(offsetMinutes(new Date('2024-10-27T01:30:00Z'), 'Europe/London')).toBe(0);
  });
});
