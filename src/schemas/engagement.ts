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
