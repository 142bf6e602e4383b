import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

/** Sales targets (engagement.md "Targets"): the shapes of the API and of the target.* events. */

export const TARGET_METRICS = ['revenue', 'sales_count', 'average_check', 'active_members'] as const;
export const TARGET_PERIODS = ['week', 'month'] as const;
export const TARGET_STATUSES = ['active', 'paused'] as const;

export const TargetRecord = z.object({
  id: Id('tgt', 'Target'),
  name: z.string().nullable(),
  metric: z
    .enum(TARGET_METRICS)
    .describe('As the dashboard counts them: revenue: what customers paid (after promotion discounts), net of the returned share, in the home currency; sales_count: purchases not returned in full; average_check: revenue ÷ sales; active_members: members with a purchase in the period'),
  period: z.enum(TARGET_PERIODS).describe("week: ISO week (Monday to Sunday); month: calendar month; both in the program's time zone"),
  value: z.number().int().describe('The target for the whole period: minor units of the home currency for revenue and average_check, a count otherwise'),
  currency: z.string().nullable().describe('The home currency for revenue and average_check; null for counts'),
  alert_below_percent: z.number().describe('target.off_track when the pace falls below (100 - this) % of the target to date'),
  status: z.enum(TARGET_STATUSES).describe('A paused target is not judged by the targets job'),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const TargetProgressRecord = z.object({
  target_id: Id('tgt', 'Target'),
  metric: z.enum(TARGET_METRICS),
  period: z.enum(TARGET_PERIODS),
  period_key: z.string().describe('2027-01 for a month, 2027-W03 for an ISO week'),
  period_start: Timestamp.describe("Local midnight starting the period, in the program's time zone"),
  period_end: Timestamp.describe('Local midnight starting the next period (exclusive)'),
  as_of: Timestamp,
  elapsed_percent: z.number().describe('Share of the period elapsed at as_of, in percent (two decimals)'),
  currency: z.string().nullable(),
  target: z.number().int().describe("The whole period's target"),
  actual: z.number().int().nullable().describe('Period to date; null for average_check without a sale'),
  expected: z.number().int().describe('The target × elapsed share, rounded (the target itself for average_check, which does not accumulate)'),
  pace_percent: z.number().nullable().describe('actual ÷ expected in percent (two decimals); null while nothing is expected or measurable'),
  projected: z.number().int().nullable().describe('actual extended to the whole period at the same pace (actual itself for average_check)'),
  threshold_percent: z.number().describe('100 - alert_below_percent: the pace below which the target is off track'),
  status: z
    .enum(['on_track', 'off_track', 'not_judged'])
    .describe("not_judged during the period's first local day (too little elapsed to judge) and for an average_check without a sale"),
  judged_from: Timestamp.describe("The instant from which the period is judged: local midnight ending the period's first day"),
  figures: z
    .object({
      revenue: z.object({ amount: z.number().int(), currency: z.string() }).describe('Paid (after promotion discounts), net of the returned share, in the home currency, period to date: the dashboard summary\'s revenue for the same days'),
      sales_count: z.number().int(),
      active_members: z.number().int(),
      unconverted: z
        .array(z.object({ currency: z.string(), sales: z.number().int(), amount: z.number().int().describe('Paid, net of the returned share, minor units of `currency` (rounded down per purchase)') }))
        .describe('Sales left out of revenue and average_check because no FX rate of their currency was in force when they happened'),
    })
    .describe('Every metric of the period to date, whichever the target measures'),
  alert: z
    .object({ off_track_at: Timestamp, back_on_track_at: Timestamp.nullable() })
    .nullable()
    .describe('When the targets job published target.off_track (and target.back_on_track) for this period'),
});
