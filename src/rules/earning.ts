import type { ProgramSettings } from '../programs/settings.ts';
import { pointsForMoney } from '../ledger/money.ts';

/** The most base points one money→points conversion in a currency yields (a purchase or a conversion), or null. */
export function currencyCap(settings: ProgramSettings, currency: string): number | null {
  return settings.currency_caps[currency] ?? null;
}

/**
 * The base points of money at a rate, before the tier multiplier and bonuses: `points` is what a purchase earns (at
 * most the currency's cap), `uncapped` what the money comes to, which a conversion compares with the cap to refuse.
 */
export function basePoints(settings: ProgramSettings, currency: string, amountMinor: number, rate: number): { points: number; uncapped: number; cap: number | null } {
  const uncapped = pointsForMoney(amountMinor, currency, rate, settings.rounding);
  const cap = currencyCap(settings, currency);
  return { points: cap === null ? uncapped : Math.min(uncapped, cap), uncapped, cap };
}
