import { z } from 'zod';

/**
 * A program's business settings. Every default comes from ../shared/design/rules.md. A program stores only what an
 * admin changed; `resolveSettings` lays that over DEFAULT_SETTINGS, so a new setting reaches old programs with its
 * default and a changed default is not frozen into programs that never chose it.
 */
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');
const Cap = z.number().int().positive().nullable();

const Tier = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a lowercase identifier'),
  threshold: z.number().int().min(0).describe('Qualifying points needed'),
  multiplier: z.number().min(0).max(100).describe('Earn multiplier on purchases'),
  benefit: z
    .object({ points: z.number().int().positive(), period: z.enum(['active_day', 'week', 'month']) })
    .nullable()
    .describe('Points paid by the tier-benefits job, at most once per member per period'),
});

const Limits = z
  .object({ per_transaction: Cap, per_day: Cap, per_month: Cap })
  .describe('Caps in points; null means no cap. Days and months are in the program time zone.');

const fields = {
  timezone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Baku')
    .describe('IANA time zone for day and month boundaries'),
  home_currency: Currency.describe('Currency withdrawal limits are counted in'),
  earn_rates: z.record(Currency, z.number().positive().max(1_000_000)).describe('Points per 1 unit of each currency, before any rate set'),
  rounding: z.enum(['floor', 'round', 'ceil']).describe('How fractional points and money round'),
  pending_days: z.number().int().min(0).max(365).describe('Return window before earned points become spendable'),
  validity_months: z.number().int().min(1).max(120).describe('Lot lifetime once spendable'),
  return_policy: z
    .enum(['debt', 'clamp'])
    .describe('debt: points that cannot be clawed back become a debt paid from later earnings; clamp: claw back only what is there'),
  hold_ttl_minutes: z.number().int().min(1).max(60 * 24 * 30).describe('Default lifetime of a hold'),
  rate_lock_months: z.number().int().min(0).max(60).describe('How long a rate set stays in force before it may be superseded'),
  rise_bonus: z
    .object({ threshold_percent: z.number().positive().max(1000), points: z.number().int().min(0).max(1_000_000) })
    .describe('Bonus points per purchase in a currency whose rate rose at least threshold_percent over the previous set'),
  conversion: z
    .object({
      fee_bps: z.number().int().min(0).max(49).describe('Fee in basis points; below 50 (0.5 %)'),
      caps: z.record(Currency, z.number().int().positive()).describe('Most points one conversion may involve, per currency'),
    })
    .describe('Converting points to money (withdrawal) and money to points'),
  withdrawal_limits: z
    .object({ per_day: z.number().int().positive().nullable(), per_month: z.number().int().positive().nullable() })
    .describe('Per member, in minor units of the home currency, summed at each withdrawal rate'),
  tiers: z
    .array(Tier)
    .min(1)
    .max(20)
    .refine((tiers) => tiers[0]!.threshold === 0, 'the first tier must start at 0 qualifying points')
    .refine((tiers) => tiers.every((t, i) => i === 0 || t.threshold > tiers[i - 1]!.threshold), 'thresholds must be strictly increasing')
    .refine((tiers) => new Set(tiers.map((t) => t.name)).size === tiers.length, 'tier names must be unique'),
  tier_window_months: z.number().int().min(1).max(60).describe('Qualifying points are points earned in this rolling window'),
  tier_downgrade_steps: z.number().int().min(1).max(20).describe('Tiers a member may drop at one review'),
  earn_limits: Limits,
  redeem_limits: Limits,
  velocity: z
    .object({
      window_minutes: z.number().int().min(1).max(7 * 24 * 60),
      max_transactions: z.number().int().positive(),
      max_points: z.number().int().positive(),
    })
    .nullable()
    .describe("A member with more transactions, or more points moved, in the sliding window is blocked; null turns it off"),
  expiry_warning_hours: z.number().int().min(1).max(24 * 60).describe('points.expiring is raised this long before a lot expires, once per member and expiry date'),
  renewal_window_hours: z.number().int().min(0).max(24 * 60).describe('For this long after points expire they can be renewed, once; 0 turns renewal off'),
  task_extension_days: z.number().int().min(0).max(365).describe("The first completed task of a day extends the member's soonest-expiring points by this many days; 0 turns it off"),
  inactivity_decay: z
    .object({
      after_days: z.number().int().min(1).max(3650).describe('Days without activity or purchase per decay period'),
      percent: z.number().positive().max(100).describe('Share of the available balance deducted per period (rounded down)'),
    })
    .nullable()
    .describe('Inactivity decay; null turns it off'),
  birthday: z
    .object({
      days_before: z.number().int().min(0).max(60).describe('member.birthday_upcoming is raised this many local days before the birthday'),
      offer_valid_days: z.number().int().min(0).max(60).describe('How long after the birthday the offer stays valid (in the event)'),
    })
    .nullable()
    .describe('Birthday notices; null turns them off. 29 February birthdays fall on 28 February in common years.'),
  win_back: z
    .object({
      first_days: z.number().int().min(1).max(3650).describe('First member.inactive after this many days without a purchase'),
      months: z.array(z.number().int().min(1).max(600)).max(24).describe('Later member.inactive milestones, in months without a purchase'),
      lost_after_months: z.number().int().min(1).max(600).describe('After this many months without a purchase the member is marked lost'),
    })
    .refine((w) => w.months.every((m, i) => i === 0 || m > w.months[i - 1]!), 'months must be strictly increasing')
    .refine((w) => w.months.every((m) => m < w.lost_after_months), 'lost_after_months must come after every milestone')
    .nullable()
    .describe('Win-back milestones; null turns them off'),
};

export const SettingsPatchSchema = z
  .object(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]> })
  .strict();

export const ProgramSettingsSchema = z.object(fields).meta({ id: 'ProgramSettings' });

export type ProgramSettings = z.output<typeof ProgramSettingsSchema>;
export type TierSetting = z.output<typeof Tier>;

export const DEFAULT_SETTINGS: ProgramSettings = {
  timezone: 'Asia/Baku',
  home_currency: 'AZN',
  earn_rates: { USD: 12, EUR: 14, AZN: 8, GBP: 15 },
  rounding: 'floor',
  pending_days: 0,
  validity_months: 12,
  return_policy: 'debt',
  hold_ttl_minutes: 30,
  rate_lock_months: 3,
  rise_bonus: { threshold_percent: 5, points: 2 },
  conversion: { fee_bps: 25, caps: { EUR: 5000 } },
  withdrawal_limits: { per_day: 500_000, per_month: 2_000_000 },
  tiers: [
    { name: 'bronze', threshold: 0, multiplier: 1, benefit: { points: 50, period: 'active_day' } },
    { name: 'silver', threshold: 1000, multiplier: 1, benefit: { points: 200, period: 'week' } },
    { name: 'gold', threshold: 3000, multiplier: 1, benefit: { points: 500, period: 'month' } },
    { name: 'platinum', threshold: 6000, multiplier: 1, benefit: null },
  ],
  tier_window_months: 12,
  tier_downgrade_steps: 1,
  earn_limits: { per_transaction: null, per_day: null, per_month: null },
  redeem_limits: { per_transaction: null, per_day: null, per_month: null },
  velocity: { window_minutes: 10, max_transactions: 100, max_points: 1_000_000 },
  expiry_warning_hours: 48,
  renewal_window_hours: 24,
  task_extension_days: 5,
  inactivity_decay: { after_days: 30, percent: 5 },
  birthday: { days_before: 7, offer_valid_days: 7 },
  win_back: { first_days: 60, months: [9, 12, 15], lost_after_months: 36 },
};

export type SettingsPatch = z.output<typeof SettingsPatchSchema>;

/** The effective settings: what the program changed over the defaults (top-level keys replace whole values). */
export function resolveSettings(stored: unknown): ProgramSettings {
  const patch = SettingsPatchSchema.parse(stored ?? {});
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return ProgramSettingsSchema.parse({ ...DEFAULT_SETTINGS, ...defined });
}
