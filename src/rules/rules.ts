import type { ProgramSettings } from '../programs/settings.ts';
import { startOfDay, startOfMonth } from './calendar.ts';

/**
 * The rule settings a ledger function applies, sent with each write (`p.rules`), with the program's current day and
 * month boundaries so the database never needs the program's time zone rules.
 */
export function rulesPayload(settings: ProgramSettings, now: Date) {
  return {
    tiers: settings.tiers,
    tier_window_months: settings.tier_window_months,
    tier_downgrade_steps: settings.tier_downgrade_steps,
    earn_limits: settings.earn_limits,
    redeem_limits: settings.redeem_limits,
    velocity: settings.velocity,
    withdrawal_limits: settings.withdrawal_limits,
    day_start: startOfDay(now, settings.timezone).toISOString(),
    month_start: startOfMonth(now, settings.timezone).toISOString(),
  };
}
