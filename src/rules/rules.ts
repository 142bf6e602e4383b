import type { ProgramSettings } from '../programs/settings.ts';
import { startOfDay, startOfMonth } from '../calendar.ts';

/**
 * The rule settings a ledger function applies, sent with each write (`p.rules`), with the program's current day and
 * month boundaries so the database never needs the program's time zone rules.
 */
export function rulesPayload(settings: ProgramSettings, now: Date) {
  const { dayStart, monthStart } = boundaries(settings.timezone, now);
  return {
    tiers: settings.tiers,
    tier_window_months: settings.tier_window_months,
    tier_downgrade_steps: settings.tier_downgrade_steps,
    earn_limits: settings.earn_limits,
    redeem_limits: settings.redeem_limits,
    velocity: settings.velocity,
    withdrawal_limits: settings.withdrawal_limits,
    // Settling before a write can expire points: it announces the renewal then (points.renewable).
    renewal_window_hours: settings.renewal_window_hours,
    day_start: dayStart,
    month_start: monthStart,
  };
}

// The day and month boundaries only change at local midnight: remember them per time zone until the day ends.
const cachedBoundaries = new Map<string, { dayStart: string; monthStart: string; from: number; until: number }>();

function boundaries(timeZone: string, now: Date): { dayStart: string; monthStart: string } {
  const at = now.getTime();
  const cached = cachedBoundaries.get(timeZone);
  if (cached && at >= cached.from && at < cached.until) return cached;
  const dayStart = startOfDay(now, timeZone);
  // The next local midnight is within 22-26 hours of this one (DST), so probe 26 hours on and take its day start.
  const nextDay = startOfDay(new Date(dayStart.getTime() + 26 * 3_600_000), timeZone);
  const fresh = { dayStart: dayStart.toISOString(), monthStart: startOfMonth(now, timeZone).toISOString(), from: dayStart.getTime(), until: nextDay.getTime() };
  cachedBoundaries.set(timeZone, fresh);
  return fresh;
}
