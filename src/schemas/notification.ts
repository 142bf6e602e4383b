import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

/** Notifications (engagement.md "Notifications"): the shapes of the API and of the notification.dispatch event. */

export const NOTIFICATION_CHANNELS = ['push', 'sms', 'email'] as const;
export const NOTIFICATION_STATUSES = ['scheduled', 'sending', 'sent', 'cancelled'] as const;
export const RECEIPT_STATUSES = ['delivered', 'opened', 'clicked'] as const;
/** A member list audience names at most this many members. */
export const MAX_AUDIENCE_MEMBER_IDS = 10_000;

const MemberId = Id('mem', 'Member');

export const NotificationAudience = z.union([
  z.object({ all: z.literal(true).describe('Every active member of the program') }).strict(),
  z.object({ segment_id: Id('seg', 'Segment').describe('The members of a segment (static or rule) when the job sends') }).strict(),
  z.object({ rfm_segment: z.string().min(1).max(100).describe("The members the rfm job last placed in this RFM segment (a name of the program's RFM grid, or Lost)") }).strict(),
  z
    .object({
      member_ids: z
        .array(MemberId)
        .min(1)
        .max(MAX_AUDIENCE_MEMBER_IDS)
        .describe(`Up to ${MAX_AUDIENCE_MEMBER_IDS.toLocaleString('en')} members of the program; an unknown id is 422 member_not_in_program`),
    })
    .strict(),
]);

export const NotificationCounts = z
  .object({
    audience: z.number().int().describe('Members the job reached in the audience so far (active members only), held out or not'),
    skipped: z
      .object({
        consent: z.number().int().describe('Member × channel pairs skipped: the member has not granted consent for the channel'),
        no_address: z.number().int().describe('Member × channel pairs skipped: the member record has no phone (sms) or e-mail (email)'),
        frequency_cap: z.number().int().describe('Member × channel pairs skipped: the member had reached the per_day or per_week cap on the channel'),
        quiet_hours: z.number().int().describe('Member × channel pairs skipped: still held by quiet hours at expires_at'),
      })
      .describe('Member × channel pairs not dispatched, by reason'),
    holdout: z.number().int().describe('Members held out: never sent, the control group of results'),
    dispatched: z.number().int().describe('notification.dispatch events published: one per member and channel'),
    delivered: z.number().int().describe('Receipts with status delivered'),
    opened: z.number().int().describe('Receipts with status opened'),
    clicked: z.number().int().describe('Receipts with status clicked'),
  })
  .meta({ id: 'NotificationCounts' });

export const NotificationRecord = z.object({
  id: Id('ntf', 'Notification'),
  status: z
    .enum(NOTIFICATION_STATUSES)
    .describe('scheduled until the notifications job starts it, sending while batches remain, then sent; cancelled by POST /v1/notifications/{id}/cancel'),
  audience: NotificationAudience,
  channels: z.array(z.enum(NOTIFICATION_CHANNELS)),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  scheduled_at: Timestamp,
  holdout_percent: z.number(),
  expires_at: Timestamp.nullable(),
  counts: NotificationCounts,
  created_at: Timestamp,
  updated_at: Timestamp,
  started_at: Timestamp.nullable().describe('When the first batch was sent'),
  finished_at: Timestamp.nullable().describe('When the last batch was sent'),
  cancelled_at: Timestamp.nullable(),
});

export const NotificationReceiptRecord = z.object({
  notification_id: Id('ntf', 'Notification'),
  member_id: MemberId,
  channel: z.enum(NOTIFICATION_CHANNELS),
  status: z.enum(RECEIPT_STATUSES),
  occurred_at: Timestamp.describe('When the provider says it happened'),
  recorded_at: Timestamp,
});

/** The data of notification.dispatch: everything a provider needs to send one message to one member on one channel. */
export const NotificationDispatchData = z.object({
  dispatch_key: z
    .string()
    .describe("Unique per message (<member_id>:<notification_id>:<channel> for a notification, journey:<run_id>:<step>:<channel> for a journey's notify step): pass it to the provider as its idempotency key"),
  notification_id: Id('ntf', 'Notification').nullable().describe("The notification sending it; null for a journey's message"),
  journey_id: Id('jny', 'Journey').nullable().describe("The journey whose notify step sent it; null for a notification's"),
  run_id: Id('jrn', 'Journey run').nullable().describe("The member's run of that journey; null for a notification's"),
  step: z.number().int().min(0).nullable().describe("The notify step's index in the journey; null for a notification's"),
  member_id: MemberId,
  channel: z.enum(NOTIFICATION_CHANNELS),
  phone: z.string().nullable().describe("The member's phone as the member record has it"),
  email: z.string().nullable().describe("The member's e-mail as the member record has it"),
  title: z.string().describe("The title with {{field}} placeholders filled from the member record (and a journey's trigger data and code)"),
  body: z.string().describe("The body with {{field}} placeholders filled from the member record (and a journey's trigger data and code)"),
  data: z.record(z.string(), z.unknown()).describe("The notification's or the notify step's data, as given"),
});
