import { z } from 'zod';
import { UnprocessableError } from '../errors.ts';
import { MAX_BALANCE, MAX_MONEY_AMOUNT, MAX_POINTS, MAX_RATE, MIN_RATE } from '../schemas/limits.ts';

/**
 * A program's business settings. Every default comes from ../shared/design/rules.md. A program stores only what an
 * admin changed; `resolveSettings` lays that over DEFAULT_SETTINGS, so a new setting reaches old programs with its
 * default and a changed default is not frozen into programs that never chose it.
 */
/** The engagement defaults (engagement.md): at most 2 messages a day and 5 a week per channel, none 21:00-09:00. */
const DEFAULT_ENGAGEMENT = { frequency_cap: { per_day: 2, per_week: 5 }, quiet_hours: { from: '21:00', to: '09:00' }, conversion_window_days: 7 };

/** HH:MM, 24-hour, in the program's time zone. */
const EngagementLocalTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be HH:MM (24-hour, local time)');

const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');
const Cap = z.number().int().positive().max(MAX_BALANCE).nullable();
const Rate = z.number().min(MIN_RATE).max(MAX_RATE);
const CurrencyCaps = z.record(Currency, z.number().int().positive().max(MAX_POINTS));

const Tier = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a lowercase identifier'),
  threshold: z.number().int().min(0).max(MAX_BALANCE).describe('Qualifying points needed'),
  multiplier: z.number().min(0).max(100).describe('Earn multiplier on purchases'),
  benefit: z
    .object({ points: z.number().int().positive().max(MAX_POINTS), period: z.enum(['active_day', 'week', 'month']) })
    .nullable()
    .describe('Points paid by the tier-benefits job, at most once per member per period'),
  cashback_percent: z
    .number()
    .min(0)
    .max(100)
    .multipleOf(0.01)
    .optional()
    .describe(
      "Cashback of a purchase by a member of this tier, in percent of its net amount (decimal, at most two places: 1.5 credits 0.12 AZN on 8.00 AZN, rounded down in minor units). Required on every tier when reward is cashback; ignored in a points program",
    ),
  caps_exempt: z.boolean().default(false).describe("Members of this tier earn past the program's earn caps (earn_limits); the velocity rule still applies"),
});

const Limits = z
  .object({ per_transaction: Cap, per_day: Cap, per_month: Cap })
  .describe('Caps in points; null means no cap. Days and months are in the program time zone.');

/** R score (rows) and FM score (columns), 1-5, as the grid's keys. */
export const RFM_SCORES = ['5', '4', '3', '2', '1'] as const;
export type RfmScoreKey = (typeof RFM_SCORES)[number];
/** The segment of every member whose last purchase is older than rfm.lost_after_months, whatever the grid says. */
export const RFM_LOST = 'Lost';

// Every cell is optional in the schema so that a missing or blank one is a 422 pointing at the cell
// (settingsRuleViolations) rather than a 400 about the object's shape.
const RfmCell = z.string().max(64).describe('Segment name, non-empty');
const RfmRow = z
  .object({ '1': RfmCell.optional(), '2': RfmCell.optional(), '3': RfmCell.optional(), '4': RfmCell.optional(), '5': RfmCell.optional() })
  .strict()
  .describe('FM score (round half up of (F + M) / 2) → segment name');
const RfmGrid = z
  .object({ '5': RfmRow.optional(), '4': RfmRow.optional(), '3': RfmRow.optional(), '2': RfmRow.optional(), '1': RfmRow.optional() })
  .strict()
  .describe('R score → FM score → segment name: all 25 cells, e.g. grid["5"]["1"] is "New Customers" by default');
export type RfmGridSetting = z.output<typeof RfmGrid>;

/** analytics.md "RFM": the default R × FM table. */
export const DEFAULT_RFM_GRID: Record<RfmScoreKey, Record<RfmScoreKey, string>> = {
  '5': { '1': 'New Customers', '2': 'Potential Loyalist', '3': 'Potential Loyalist', '4': 'Champions', '5': 'Champions' },
  '4': { '1': 'Promising', '2': 'Potential Loyalist', '3': 'Potential Loyalist', '4': 'Loyal Customers', '5': 'Loyal Customers' },
  '3': { '1': 'About to Sleep', '2': 'About to Sleep', '3': 'Need Attention', '4': 'Loyal Customers', '5': 'Loyal Customers' },
  '2': { '1': 'Hibernating', '2': 'Hibernating', '3': 'At Risk', '4': 'At Risk', '5': 'Cannot Lose Them' },
  '1': { '1': 'Hibernating', '2': 'Hibernating', '3': 'At Risk', '4': 'At Risk', '5': 'Cannot Lose Them' },
};

const DEFAULT_RFM = { lookback_months: 36, monetary: 'total' as const, grid: DEFAULT_RFM_GRID, lost_after_months: null };

const Rfm = z
  .object({
    lookback_months: z.number().int().min(1).max(120).default(DEFAULT_RFM.lookback_months).describe('Purchases in this many calendar months before as_of are scored (default 36)'),
    monetary: z
      .enum(['total', 'average'])
      .default(DEFAULT_RFM.monetary)
      .describe("M is the member's net spend in the window in total, or per purchase on average (default total)"),
    grid: RfmGrid.default(DEFAULT_RFM_GRID),
    lost_after_months: z
      .number()
      .int()
      .min(1)
      .max(600)
      .nullable()
      .default(DEFAULT_RFM.lost_after_months)
      .describe("A member without a purchase for this many calendar months (since enrollment if they never bought) is in segment Lost. null (default): the win-back rule's win_back.lost_after_months, so RFM's Lost is the win-back lost_at, or 36 when win-back is off"),
  })
  .describe('RFM scoring (GET /v1/analytics/rfm, the rfm job): fields left out take their defaults');

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
  earn_rates: z.record(Currency, Rate).describe('Points per 1 unit of each currency, before any rate set'),
  reward: z
    .enum(['points', 'cashback'])
    .describe(
      "What a purchase earns: points (money x rate, times the tier multiplier) or cashback, wallet money in the purchase's currency at the member's tier cashback_percent of the net amount, rounded down. Cashback is spendable at once, so it needs pending_days 0. Switching applies to purchases recorded from then on; each earlier purchase's returns claw back what it earned (README Cashback programs)",
    ),
  rounding: z.enum(['floor', 'round', 'ceil']).describe('How fractional points and money round'),
  pending_days: z.number().int().min(0).max(365).describe('Return window before earned points become spendable'),
  validity_months: z.number().int().min(1).max(120).describe('Lot lifetime once spendable'),
  return_policy: z
    .enum(['debt', 'clamp'])
    .describe('debt: points that cannot be clawed back become a debt paid from later earnings; clamp: claw back only what is there'),
  hold_ttl_minutes: z.number().int().min(1).max(60 * 24 * 30).describe('Default lifetime of a hold'),
  rate_lock_months: z.number().int().min(0).max(60).describe('Review period, in months, of a currency rate_locks does not name'),
  rate_locks: z
    .record(
      Currency,
      z.object({ months: z.number().int().min(0).max(60).default(0), days: z.number().int().min(0).max(366).default(0) }).describe('months, then days, after the rate last changed'),
    )
    .describe("Each currency's review period: a rate set may change a currency's rate only once this long has passed since the rate last changed"),
  rise_bonus: z
    .object({ threshold_percent: z.number().positive().max(1000), points: z.number().int().min(0).max(1_000_000) })
    .describe('Bonus points per purchase in a currency whose rate rose at least threshold_percent over the previous set'),
  conversion: z
    .object({
      fee_bps: z.number().int().min(0).max(49).describe('Fee in basis points; below 50 (0.5 %)'),
      caps: CurrencyCaps.optional().describe('Deprecated: the former name of currency_caps, still accepted; a value given here is stored as currency_caps'),
    })
    .describe('Converting points to money (withdrawal) and money to points'),
  currency_caps: CurrencyCaps.describe(
    'Most base points one money→points conversion in a currency yields: a purchase earns at most this many base points, a conversion (either way) involving more is refused. Currencies not named are uncapped.',
  ),
  withdrawal_limits: z
    .object({
      per_day: z.number().int().positive().max(MAX_MONEY_AMOUNT).nullable(),
      per_month: z.number().int().positive().max(MAX_MONEY_AMOUNT).nullable(),
    })
    .describe('Per member, in minor units of the home currency, summed at each withdrawal rate'),
  // At least one tier, the first at 0, thresholds increasing and names unique: see settingsRuleViolations.
  tiers: z.array(Tier).max(20).describe('VIP levels by qualifying points: the first starts at 0, thresholds strictly increase, names are unique'),
  tier_window_months: z.number().int().min(1).max(60).describe('Qualifying points are points earned in this rolling window'),
  tier_downgrade_steps: z.number().int().min(1).max(20).describe('Tiers a member may drop at one review'),
  earn_limits: Limits,
  redeem_limits: Limits,
  velocity: z
    .object({
      window_minutes: z.number().int().min(1).max(7 * 24 * 60),
      max_transactions: z.number().int().positive().max(MAX_POINTS),
      max_points: z.number().int().positive().max(MAX_BALANCE),
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
    .nullable()
    .describe('Win-back milestones; null turns them off'),
  point_value: z
    .number()
    .positive()
    .max(1_000_000)
    .describe("What one point is worth to the customer, in minor units of home_currency (may be fractional, e.g. 0.5): choosing the best promotion compares points with money at this value"),
  brand_discount_caps: z
    .record(z.string().min(1).max(100), z.number().min(0).max(100))
    .describe("Most a brand's lines may be discounted by all promotions together, in percent of their amount; brands not named are uncapped"),
  max_active_promotions: z.number().int().min(1).max(500).describe('Most promotions a program may have active at once'),
  partner_transfer_bonus_percent: z
    .number()
    .int()
    .min(0)
    .max(100)
    .describe('Bonus on points transferred in from a partner platform, in whole percent, rounded down (10: 1,000 points credit 1,100; 15 credit 16); 0 turns it off'),
  referral_reward: z
    .object({
      amount: z
        .object({ amount: z.number().int().positive().max(MAX_MONEY_AMOUNT).describe('Minor units of currency'), currency: Currency })
        .describe("The reward, credited as store credit in home_currency: converted with the FX rate (POST /v1/fx-rates) in force when the referee's first purchase matures, rounded down"),
    })
    .nullable()
    .describe("Store credit for the referrer when a referee's first purchase matures (the referrals job); null turns referral rewards off (referrals are still recorded)"),
  age_bands: z
    .array(z.number().int().min(1).max(150))
    .min(1)
    .max(20)
    .describe('Boundaries of the dashboard\'s age bands, ascending: [18, 25, 35, 45, 55, 65] makes <18, 18-24, 25-34, 35-44, 45-54, 55-64 and 65+ (age in whole years in the program\'s time zone at the report\'s as_of)'),
  rfm: Rfm,
  engagement: z
    .object({
      frequency_cap: z
        .object({
          per_day: z.number().int().min(1).max(100).nullable().describe("Most notification messages a member is sent per local day on one channel; null: no daily cap"),
          per_week: z.number().int().min(1).max(500).nullable().describe("Most notification messages a member is sent per ISO week (local) on one channel; null: no weekly cap"),
        })
        .strict()
        .describe('Per-member frequency caps on notifications; a member over a cap is skipped for that message and counted'),
      quiet_hours: z
        .object({
          from: EngagementLocalTime.describe('Local time quiet hours start, inclusive'),
          to: EngagementLocalTime.describe('Local time they end, exclusive; from > to spans midnight (21:00 to 09:00)'),
        })
        .strict()
        .nullable()
        .describe("Messages due in these local hours (the program's time zone) wait until they end; null: send at any hour"),
      conversion_window_days: z
        .number()
        .int()
        .min(1)
        .max(90)
        .describe('A purchase within this many days after a touch (a dispatch, an issued code, a journey step) converts it; results attribute it to the latest touch'),
    })
    .strict()
    .describe('Notifications and journeys (engagement.md): caps, quiet hours and the conversion window of campaign results')
    .meta({ examples: [DEFAULT_ENGAGEMENT] }),
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
  reward: 'points',
  rounding: 'floor',
  pending_days: 0,
  validity_months: 12,
  return_policy: 'debt',
  hold_ttl_minutes: 30,
  rate_lock_months: 3,
  rate_locks: { USD: { months: 1, days: 0 }, GBP: { months: 0, days: 14 }, EUR: { months: 3, days: 0 }, AZN: { months: 3, days: 0 } },
  rise_bonus: { threshold_percent: 5, points: 2 },
  conversion: { fee_bps: 25 },
  currency_caps: { EUR: 5000 },
  withdrawal_limits: { per_day: 500_000, per_month: 2_000_000 },
  tiers: [
    { name: 'bronze', threshold: 0, multiplier: 1, benefit: { points: 50, period: 'active_day' }, caps_exempt: false },
    { name: 'silver', threshold: 1000, multiplier: 1, benefit: { points: 200, period: 'week' }, caps_exempt: false },
    { name: 'gold', threshold: 3000, multiplier: 1, benefit: { points: 500, period: 'month' }, caps_exempt: false },
    // Platinum's bonuses are uncapped (rules.md).
    { name: 'platinum', threshold: 6000, multiplier: 1, benefit: null, caps_exempt: true },
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
  point_value: 1,
  brand_discount_caps: {},
  max_active_promotions: 50,
  partner_transfer_bonus_percent: 10,
  referral_reward: { amount: { amount: 500, currency: 'USD' } },
  age_bands: [18, 25, 35, 45, 55, 65],
  rfm: DEFAULT_RFM,
  engagement: DEFAULT_ENGAGEMENT,
};

export type SettingsPatch = z.output<typeof SettingsPatchSchema>;

/**
 * A patch with the caps given under their former name, conversion.caps, moved to currency_caps (unless the patch
 * names currency_caps itself): programs and clients from before the rename keep working.
 */
export function withRenamedSettings(patch: SettingsPatch): SettingsPatch {
  if (patch.conversion?.caps === undefined) return patch;
  const { caps, ...conversion } = patch.conversion;
  return { ...patch, conversion, currency_caps: patch.currency_caps ?? caps };
}

/** The effective settings: what the program changed over the defaults (top-level keys replace whole values). */
export function resolveSettings(stored: unknown): ProgramSettings {
  const patch = withRenamedSettings(SettingsPatchSchema.parse(stored ?? {}));
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return ProgramSettingsSchema.parse({ ...DEFAULT_SETTINGS, ...defined });
}

export interface SettingsViolation {
  /** JSON Pointer into the settings object. */
  pointer: string;
  message: string;
}

function capsInOrder(limits: Record<string, number | null>, order: string[], base: string): SettingsViolation[] {
  const out: SettingsViolation[] = [];
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      const narrow = limits[order[i]!];
      const wide = limits[order[j]!];
      if (narrow != null && wide != null && wide < narrow) out.push({ pointer: `${base}/${order[j]}`, message: `must be at least ${order[i]} (${narrow})` });
    }
  }
  return out;
}

/**
 * The rules between settings that a field's own schema cannot see, checked on the effective settings (defaults
 * included) after every change: a program whose settings break one would fail later, at a till or in a job.
 */
export function settingsRuleViolations(s: ProgramSettings): SettingsViolation[] {
  const out: SettingsViolation[] = [];
  if (s.tiers.length === 0) out.push({ pointer: '/tiers', message: 'must have at least one tier' });
  else if (s.tiers[0]!.threshold !== 0) out.push({ pointer: '/tiers/0/threshold', message: 'the first tier must start at 0 qualifying points' });
  const seen = new Map<string, number>();
  s.tiers.forEach((tier, i) => {
    if (i > 0 && tier.threshold <= s.tiers[i - 1]!.threshold) {
      out.push({ pointer: `/tiers/${i}/threshold`, message: `must be greater than the threshold of the tier before (${s.tiers[i - 1]!.threshold}): thresholds strictly increase` });
    }
    const first = seen.get(tier.name);
    if (s.reward === 'cashback' && tier.cashback_percent === undefined) {
      out.push({ pointer: `/tiers/${i}/cashback_percent`, message: 'is required when reward is cashback: every tier needs its cashback percent' });
    }
    if (first !== undefined) out.push({ pointer: `/tiers/${i}/name`, message: `must be unique: tier ${first} is also named ${tier.name}` });
    else seen.set(tier.name, i);
  });
  // Cashback is spendable at once: with a return window, a member could spend it and return the purchase (the money
  // then forgiven). Until wallet money can wait out pending_days, the two are refused together.
  if (s.reward === 'cashback' && s.pending_days > 0) {
    out.push({ pointer: '/pending_days', message: 'must be 0 when reward is cashback: cashback is spendable at once, it cannot wait out a return window yet' });
  }
  out.push(...capsInOrder(s.earn_limits, ['per_transaction', 'per_day', 'per_month'], '/earn_limits'));
  out.push(...capsInOrder(s.redeem_limits, ['per_transaction', 'per_day', 'per_month'], '/redeem_limits'));
  out.push(...capsInOrder(s.withdrawal_limits, ['per_day', 'per_month'], '/withdrawal_limits'));
  if (s.earn_rates[s.home_currency] === undefined) {
    out.push({ pointer: '/home_currency', message: `must have a rate in earn_rates: withdrawals are counted in it (rates are given for ${Object.keys(s.earn_rates).sort().join(', ') || 'no currency'})` });
  }
  s.age_bands.forEach((b, i) => {
    if (i > 0 && b <= s.age_bands[i - 1]!) out.push({ pointer: `/age_bands/${i}`, message: `must be greater than the boundary before (${s.age_bands[i - 1]}): boundaries strictly increase` });
  });
  const quiet = s.engagement.quiet_hours;
  if (quiet && quiet.from === quiet.to) out.push({ pointer: '/engagement/quiet_hours/to', message: 'must differ from quiet_hours.from: an empty or whole-day quiet period would hold every message; use null for none' });
  const cap = s.engagement.frequency_cap;
  if (cap.per_day !== null && cap.per_week !== null && cap.per_week < cap.per_day) {
    out.push({ pointer: '/engagement/frequency_cap/per_week', message: 'must be at least per_day: a week holds the day' });
  }
  if (s.win_back) {
    const { months, lost_after_months } = s.win_back;
    months.forEach((m, i) => {
      if (i > 0 && m <= months[i - 1]!) out.push({ pointer: `/win_back/months/${i}`, message: 'must be greater than the milestone before: months strictly increase' });
    });
    if (months.some((m) => m >= lost_after_months)) out.push({ pointer: '/win_back/lost_after_months', message: 'must come after every milestone in months' });
  }
  out.push(...rfmGridViolations(s.rfm.grid));
  return out;
}

/** Every one of the 25 cells names a segment: a missing row or cell, or a blank name, is pointed at. */
function rfmGridViolations(grid: RfmGridSetting): SettingsViolation[] {
  const out: SettingsViolation[] = [];
  for (const r of RFM_SCORES) {
    const row = grid[r];
    if (row === undefined) {
      out.push({ pointer: `/rfm/grid/${r}`, message: `is missing: R score ${r} needs a segment name for each FM score 1-5` });
      continue;
    }
    for (const fm of RFM_SCORES) {
      const name = row[fm];
      if (name === undefined) out.push({ pointer: `/rfm/grid/${r}/${fm}`, message: `is missing: every R × FM cell needs a segment name` });
      else if (name.trim() === '') out.push({ pointer: `/rfm/grid/${r}/${fm}`, message: 'must be a non-empty segment name' });
    }
  }
  return out;
}

/** The months without a purchase after which a member is Lost: rfm's own, or the win-back rule's. */
export function rfmLostAfterMonths(s: Pick<ProgramSettings, 'rfm' | 'win_back'>): number {
  return s.rfm.lost_after_months ?? s.win_back?.lost_after_months ?? 36;
}

/** 422 invalid_settings, with a pointer into the request body for each broken rule. */
export class InvalidSettingsError extends UnprocessableError {
  constructor(violations: SettingsViolation[], base = '/settings') {
    const errors = violations.map((v) => ({ pointer: base + v.pointer, location: 'body' as const, message: v.message }));
    super('invalid_settings', `The settings break ${errors.length === 1 ? 'a rule' : `${errors.length} rules`}: ${errors.map((e) => `${e.pointer.slice(1)} ${e.message}`).join('; ')}.`, { errors });
  }
}

/** The stored patch for a program's settings, once the settings it makes effective keep every rule between them. */
export function checkedSettingsPatch(patch: unknown): SettingsPatch {
  const stored = SettingsPatchSchema.parse(patch);
  const violations = settingsRuleViolations(resolveSettings(stored));
  if (violations.length > 0) throw new InvalidSettingsError(violations);
  return stored;
}
