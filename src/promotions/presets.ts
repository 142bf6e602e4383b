import { z } from 'zod';
import { dayKey, localMidnight } from '../calendar.ts';
import { UnprocessableError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { MAX_MONEY_AMOUNT } from '../schemas/limits.ts';
import { PromotionFieldsSchema, type PromotionFields } from './model.ts';
import type { NewPromotion } from './promotions.ts';

/**
 * Presets (incentives.md "Promotions"): templates that create ordinary promotions, so everything they make is
 * evaluated, limited and tested like any other promotion. Each records its preset; a job that must find the
 * promotion for a step (win-back) looks for its preset value, e.g. `win_back:9m`.
 */

const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');
/** Money whose currency defaults to the program's home currency. */
const MoneyParam = z.object({ amount: z.number().int().positive().max(MAX_MONEY_AMOUNT).describe('Minor units'), currency: Currency.optional() }).strict();
const Percent = z.number().gt(0).max(100);
const ValidDays = z.number().int().min(1).max(3650);
const LocalDay = z.iso.date().describe('A local date (YYYY-MM-DD) in the program time zone');

export const PRESET_PARAMS = {
  first_purchase: z
    .object({ percent: Percent.default(20), within_hours: z.number().int().min(1).max(24 * 365).default(24) })
    .strict(),
  threshold_coupon: z
    .object({ threshold: MoneyParam.default({ amount: 10_000 }), reward: MoneyParam.default({ amount: 1_000 }), valid_days: ValidDays.default(30) })
    .strict(),
  repeat_buyer: z
    .object({
      more_than: z.number().int().min(0).max(10_000).default(2),
      within_days: z.number().int().min(1).max(3660).default(90),
      percent: Percent.default(20),
      valid_days: ValidDays.default(30),
    })
    .strict(),
  double_bonus: z
    .object({
      points: z.number().int().min(1).max(1_000_000).default(400),
      streak_days: z.number().int().min(2).max(7).default(2),
      purchases_in_week: z.number().int().min(1).max(100).default(2),
    })
    .strict(),
  campaign: z
    .object({ starts_on: LocalDay.optional().describe('Default: today'), ends_on: LocalDay.optional().describe('Inclusive; default: 29 days after starts_on'), percent: Percent.default(10) })
    .strict()
    .refine((p) => p.starts_on === undefined || p.ends_on === undefined || p.ends_on >= p.starts_on, { message: 'must not be before starts_on', path: ['ends_on'] }),
  birthday: z
    .object({ percent: Percent.optional().describe('Default 10, unless amount is given'), amount: MoneyParam.optional(), window_days: z.number().int().min(0).max(60).default(7) })
    .strict()
    .refine((p) => p.percent === undefined || p.amount === undefined, { message: 'give percent or amount, not both', path: ['amount'] }),
  win_back: z
    .object({
      amounts: z
        .array(MoneyParam)
        .length(4)
        .default([{ amount: 500 }, { amount: 1_000 }, { amount: 1_500 }, { amount: 2_000 }])
        .describe('Code values for 60 days, 9, 12 and 15 months without a purchase, each larger than the one before'),
    })
    .strict(),
} as const;

export type PresetName = keyof typeof PRESET_PARAMS;
export const PRESET_NAMES = Object.keys(PRESET_PARAMS) as PresetName[];

/** The win-back steps, in order, with the preset value that marks the promotion of each. */
export const WIN_BACK_STEPS = [
  { preset: 'win_back:60d', label: '60 days' },
  { preset: 'win_back:9m', label: '9 months' },
  { preset: 'win_back:12m', label: '12 months' },
  { preset: 'win_back:15m', label: '15 months' },
] as const;

const escapePointer = (segment: PropertyKey) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

/** 422 invalid_preset_params, a pointer into the body for each problem. */
export class InvalidPresetParamsError extends UnprocessableError {
  constructor(errors: { pointer: string; message: string }[]) {
    const located = errors.map((e) => ({ ...e, location: 'body' as const }));
    super('invalid_preset_params', `The preset's parameters are invalid: ${errors.map((e) => `${e.pointer.slice(1) || 'body'} ${e.message}`).join('; ')}.`, { errors: located });
  }
}

function parseParams<P extends PresetName>(preset: P, params: unknown): z.output<(typeof PRESET_PARAMS)[P]> {
  const result = PRESET_PARAMS[preset].safeParse(params ?? {});
  if (!result.success) {
    throw new InvalidPresetParamsError(result.error.issues.map((issue) => ({ pointer: issue.path.map((p) => `/${escapePointer(p)}`).join(''), message: issue.message })));
  }
  return result.data as z.output<(typeof PRESET_PARAMS)[P]>;
}

function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const moneyText = (m: { amount: number; currency: string }) => `${(m.amount / 10 ** fractionDigits(m.currency)).toFixed(fractionDigits(m.currency))} ${m.currency}`;

const promotion = (fields: z.input<typeof PromotionFieldsSchema>): PromotionFields => PromotionFieldsSchema.parse(fields);

/**
 * The promotions a preset makes for a program at `now`, with their ids chosen so that a trigger can name its reward.
 * Money parameters without a currency are in the home currency; a currency the program has no rate for is refused.
 */
export function presetPromotions(preset: PresetName, rawParams: unknown, settings: ProgramSettings, now: Date): NewPromotion[] {
  const money = (m: z.output<typeof MoneyParam>, pointer: string) => {
    const currency = m.currency ?? settings.home_currency;
    if (!(currency in settings.earn_rates)) {
      throw new InvalidPresetParamsError([
        { pointer: `${pointer}/currency`, message: `must be a currency the program has a rate for (${Object.keys(settings.earn_rates).sort().join(', ')})` },
      ]);
    }
    return { amount: m.amount, currency };
  };
  const item = (fields: z.input<typeof PromotionFieldsSchema>, tag: string = preset): NewPromotion => ({ id: newId('promotion'), preset: tag, fields: promotion(fields) });

  switch (preset) {
    case 'first_purchase': {
      const p = parseParams('first_purchase', rawParams);
      return [
        item({
          name: `First purchase: ${p.percent} % off`,
          effect: { type: 'percent_off', percent: p.percent },
          conditions: { first_purchase_within_hours: p.within_hours },
          limits: { per_member: 1 },
        }),
      ];
    }
    case 'threshold_coupon': {
      const p = parseParams('threshold_coupon', rawParams);
      const threshold = money(p.threshold, '/threshold');
      const reward = money(p.reward, '/reward');
      const rewardPromotion = item({
        name: `Threshold coupon: ${moneyText(reward)} off`,
        visibility: 'technical',
        effect: { type: 'amount_off', amount: reward },
        conditions: { requires_code: true },
      });
      // "Over 100": min_amount is inclusive, so one minor unit more; 100.00 issues nothing, 100.01 a code.
      const trigger = item({
        name: `Spend over ${moneyText(threshold)}, get ${moneyText(reward)} off the next purchase`,
        stackable: true,
        effect: { type: 'issue_code', promotion_id: rewardPromotion.id!, valid_days: p.valid_days },
        conditions: { min_amount: { amount: threshold.amount + 1, currency: threshold.currency } },
      });
      return [rewardPromotion, trigger];
    }
    case 'repeat_buyer': {
      const p = parseParams('repeat_buyer', rawParams);
      const reward = item({
        name: `Repeat buyer: ${p.percent} % off`,
        visibility: 'technical',
        effect: { type: 'percent_off', percent: p.percent },
        conditions: { requires_code: true },
      });
      const trigger = item({
        name: `More than ${p.more_than} purchases in ${p.within_days} days: a ${p.percent} % code`,
        stackable: true,
        effect: { type: 'issue_code', promotion_id: reward.id!, valid_days: p.valid_days },
        // The condition counts earlier purchases; "more than 2 purchases" is met by the third, so more than 1 before it.
        // More than 0 is every purchase: no condition.
        conditions: p.more_than > 0 ? { purchase_count: { more_than: p.more_than - 1, within_days: p.within_days } } : {},
        limits: { per_member_period: { uses: 1, period: 'quarter' } },
      });
      return [reward, trigger];
    }
    case 'double_bonus': {
      const p = parseParams('double_bonus', rawParams);
      return [
        item({
          name: `Double bonus: +${p.points} points`,
          stackable: true,
          effect: { type: 'points_bonus', points: p.points },
          conditions: { login_streak: { days: p.streak_days, purchases_in_week: p.purchases_in_week } },
          limits: { per_member_period: { uses: 1, period: 'week' } },
        }),
      ];
    }
    case 'campaign': {
      const p = parseParams('campaign', rawParams);
      const startsOn = p.starts_on ?? dayKey(now, settings.timezone);
      const endsOn = p.ends_on ?? shiftDay(startsOn, 29);
      if (endsOn < startsOn) throw new InvalidPresetParamsError([{ pointer: '/ends_on', message: `must not be before starts_on (${startsOn})` }]);
      return [
        item({
          name: `Campaign: +${p.percent} % points, ${startsOn} to ${endsOn}`,
          stackable: true,
          effect: { type: 'points_multiplier', multiplier: 1 + p.percent / 100 },
          // The end date is inclusive: the promotion ends at the local midnight that follows it.
          conditions: { starts_at: midnightOf(startsOn, settings.timezone), ends_at: midnightOf(shiftDay(endsOn, 1), settings.timezone) },
        }),
      ];
    }
    case 'birthday': {
      const p = parseParams('birthday', rawParams);
      const effect = p.amount ? { type: 'amount_off' as const, amount: money(p.amount, '/amount') } : { type: 'percent_off' as const, percent: p.percent ?? 10 };
      return [
        item({
          name: `Birthday: ${effect.type === 'amount_off' ? moneyText(effect.amount) : `${effect.percent} %`} off`,
          effect,
          conditions: { birthday_window_days: p.window_days, requires_code: true },
          limits: { per_member_period: { uses: 1, period: 'year' } },
        }),
      ];
    }
    case 'win_back': {
      const p = parseParams('win_back', rawParams);
      const amounts = p.amounts.map((m, i) => money(m, `/amounts/${i}`));
      const errors: { pointer: string; message: string }[] = [];
      amounts.forEach((m, i) => {
        if (i === 0) return;
        if (m.currency !== amounts[0]!.currency) errors.push({ pointer: `/amounts/${i}/currency`, message: `must be ${amounts[0]!.currency}, like the first amount` });
        else if (m.amount <= amounts[i - 1]!.amount) errors.push({ pointer: `/amounts/${i}/amount`, message: 'must be larger than the amount before: each step is worth more' });
      });
      if (errors.length > 0) throw new InvalidPresetParamsError(errors);
      return WIN_BACK_STEPS.map((step, i) =>
        item(
          {
            name: `Win-back after ${step.label} without a purchase: ${moneyText(amounts[i]!)} off`,
            visibility: 'technical',
            effect: { type: 'amount_off', amount: amounts[i]! },
            conditions: { requires_code: true },
          },
          step.preset,
        ),
      );
    }
  }
}

/** A local date moved by whole days (calendar arithmetic on the date alone, no time zone involved). */
function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function midnightOf(day: string, timeZone: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return localMidnight({ year, month, day: date }, timeZone).toISOString();
}
