/**
 * The program clock's calendar, in one module that ledger, rules and jobs share and that imports nothing from the
 * domain folders: instant arithmetic (days and minutes as fixed durations, months in UTC) and, with the platform's own
 * tz database (Intl, no library), local days, weeks and months in a program's time zone: day and month boundaries for
 * caps and withdrawal limits, the period keys of tier benefits, and validity periods in local months.
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * MINUTE_MS);
}

/** Calendar months in UTC; a day that does not exist in the target month clamps to its last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(at: Date, months: number): Date {
  const result = new Date(at.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

// Building an Intl.DateTimeFormat costs far more than using one, and this runs on every ledger write.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * A zone's offset from UTC, in minutes, at an instant. Asking Intl costs microseconds, and a purchase with promotions
 * asks dozens of times (schedules, periods, expiry): an offset is kept per zone and UTC hour when it is the same at
 * both ends of that hour, which every hour without a change of offset is (no zone changes offset twice in an hour).
 * An hour with a change is asked about exactly, every time.
 */
const OFFSET_CACHE_LIMIT = 50_000;
const offsets = new Map<string, number>();

export function offsetMinutes(at: Date, timeZone: string): number {
  const hour = Math.floor(at.getTime() / HOUR_MS);
  const key = `${timeZone} ${hour}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const offset = exactOffsetMinutes(at, timeZone);
  const start = hour * HOUR_MS;
  if (exactOffsetMinutes(new Date(start), timeZone) === offset && exactOffsetMinutes(new Date(start + HOUR_MS - 1), timeZone) === offset) {
    if (offsets.size >= OFFSET_CACHE_LIMIT) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The offset as Intl gives it: exact, and slow. */
export function exactOffsetMinutes(at: Date, timeZone: string): number {
  const name = formatterFor(timeZone)
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')!.value; // "GMT+04:00", or "GMT" for UTC
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

/**
 * Calendar months on the program's wall clock: 31 January 10:00 in Baku plus one month is 28 February 10:00 in Baku,
 * whatever UTC date that falls on. A day the target month lacks clamps to its last day.
 */
export function addLocalMonths(at: Date, months: number, timeZone: string): Date {
  // Shift to the wall clock, add months there, and come back with the offset in force on the target date (two passes
  // settle a DST change).
  const wall = addMonths(new Date(at.getTime() + offsetMinutes(at, timeZone) * MINUTE_MS), months);
  const result = new Date(wall.getTime() - offsetMinutes(wall, timeZone) * MINUTE_MS);
  return new Date(wall.getTime() - offsetMinutes(result, timeZone) * MINUTE_MS);
}

export function localDate(at: Date, timeZone: string): LocalDate {
  const local = new Date(at.getTime() + offsetMinutes(at, timeZone) * MINUTE_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** The instant a local wall-clock midnight happens (two passes settle a DST change near midnight). */
export function localMidnight(date: LocalDate, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  let guess = new Date(wall - offsetMinutes(new Date(wall), timeZone) * MINUTE_MS);
  guess = new Date(wall - offsetMinutes(guess, timeZone) * MINUTE_MS);
  return guess;
}

export function startOfDay(at: Date, timeZone: string): Date {
  return localMidnight(localDate(at, timeZone), timeZone);
}

/** Local midnight of the Monday of the ISO week `at` falls in. */
export function startOfIsoWeek(at: Date, timeZone: string): Date {
  const d = localDate(at, timeZone);
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day));
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() || 7) - 1));
  return localMidnight({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, timeZone);
}

export function startOfMonth(at: Date, timeZone: string): Date {
  const d = localDate(at, timeZone);
  return localMidnight({ year: d.year, month: d.month, day: 1 }, timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dayKey(at: Date, timeZone: string): string {
  const d = localDate(at, timeZone);
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

export function monthKey(at: Date, timeZone: string): string {
  const d = localDate(at, timeZone);
  return `${d.year}-${pad(d.month)}`;
}

/** ISO 8601 week, e.g. 2026-W48 (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekKey(at: Date, timeZone: string): string {
  const d = localDate(at, timeZone);
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${date.getUTCFullYear()}-W${pad(week)}`;
}

/** Minutes since local midnight on the program's wall clock (0-1439): for time-of-day windows such as happy hours. */
export function localMinuteOfDay(at: Date, timeZone: string): number {
  const local = new Date(at.getTime() + offsetMinutes(at, timeZone) * MINUTE_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}
