import { z } from 'zod';
import { Id } from './common.ts';
import { BalanceSchema, TransactionSchema, writeResult } from './ledger.ts';

/** What members do besides buying and spending: activities (logins, tasks) and renewals of points that just expired. */

export const ActivityRecord = z
  .object({
    id: Id('act', 'Activity'),
    member_id: z.string(),
    type: z.string(),
    task_id: z.string().nullable(),
    occurred_at: z.string(),
    recorded_at: z.string(),
    data: z.record(z.string(), z.unknown()),
  });

export const RenewalRecord = z
  .object({
    id: Id('rnw', 'Renewal'),
    member_id: z.string(),
    points: z.number().int().describe('Points restored'),
    expire_transaction_ids: z.array(z.string()).describe('The expiry transactions this renewal restored'),
    lot_id: z.string().nullable().describe('The new lot (null when every point went to paying a debt)'),
    expires_at: z.string().describe('When the renewed points expire'),
    created_at: z.string(),
  });

/** An activity's result: the activity, the expiry extension it earned (if any) and the balance after it. */
export const activityRecorded = <A extends typeof ActivityRecord>(activity: A) =>
  z.object({
    activity,
    extension: TransactionSchema.nullable().describe('The expiry extension this activity earned, if any'),
    balance: BalanceSchema,
  });

export const renewalRecorded = <R extends typeof RenewalRecord>(renewal: R) => writeResult('renewal', renewal);

/** A custom event type: dotted lowercase words, at least two (wishlist.price_drop, cart.abandoned). */
export const MEMBER_EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
/** The most JSON a custom event's data may hold (as serialised). */
export const MEMBER_EVENT_DATA_BYTES = 4096;

/** A custom member event as stored (member_events) and published (member.custom_event). */
export const MemberEventRecord = z.object({
  id: Id('mev', 'Member event'),
  member_id: Id('mem', 'Member'),
  type: z.string().describe('The integrator\'s event type, e.g. wishlist.price_drop or cart.abandoned'),
  data: z.record(z.string(), z.unknown()).describe('What the integrator sent with it ({} when nothing)'),
  occurred_at: z.string().describe('When it happened (business time)'),
  recorded_at: z.string().describe('When the service recorded it'),
});

const GroupRate = z.number().nullable().describe('converted ÷ members in percent (two decimals); null without members');

/** What a notification or journey reached and what came of it (engagement.md "Results"; src/engagement/results.ts). */
export const CampaignResultsRecord = z.object({
  source: z.object({ kind: z.enum(['notification', 'journey']), id: z.string() }),
  as_of: z.string().describe('Touches and purchases recorded by then, returns by then'),
  window_days: z.number().int().describe('engagement.conversion_window_days: a purchase within this many days after a touch converts it'),
  currency: z.string().describe('The home currency revenue is in'),
  reached: z.number().int().describe('Members the campaign touched (a dispatch, an issued code, awarded points, a journey step), holdout excluded'),
  converted: z.number().int().describe('Reached members with at least one purchase attributed to one of their touches of this campaign (the latest touch before the purchase, within the window)'),
  conversion_rate: GroupRate,
  purchases: z.number().int().describe('Purchases attributed to the campaign'),
  revenue: z
    .number()
    .int()
    .describe('What those purchases paid after promotion discounts, net of the share returned by as_of, in minor units of the home currency (other currencies at the FX rate in force when the purchase happened)'),
  unconverted: z
    .array(z.object({ currency: z.string(), purchases: z.number().int(), amount: z.number().int().describe('Paid net of returns, minor units of that currency') }))
    .describe('Attributed purchases in a currency without an FX rate for their time: not in revenue'),
  points_cost: z.object({
    awarded: z.number().int().describe("Points the campaign's touches credited (a journey's award_points steps)"),
    earned: z.number().int().describe('Points the attributed purchases earned, net of what their returns took back by as_of'),
    total: z.number().int(),
  }),
  holdout: z
    .object({
      members: z.number().int().describe('Members held out of the campaign by its holdout_percent (never sent)'),
      converted: z.number().int().describe('Held-out members with a purchase within the window after their hold-out that no later touch claimed'),
      conversion_rate: GroupRate,
      revenue: z.number().int().describe('What those purchases paid, as revenue counts it'),
    })
    .describe('The control group, measured exactly as the reached group is'),
  uplift_percentage_points: z
    .number()
    .nullable()
    .describe('conversion_rate − holdout.conversion_rate, in percentage points; null without a holdout or without reached members. Judge significance by the two groups\' counts'),
});
