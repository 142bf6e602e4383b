import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { cancelNotification, createNotification, getNotification, listNotifications, recordReceipt } from '../../engagement/notifications.ts';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  NotificationAudience,
  NotificationReceiptRecord,
  NotificationRecord,
  RECEIPT_STATUSES,
} from '../../schemas/notification.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { FieldError } from '../../errors.ts';
import { ADMIN, READ, bearerSecurity, programOf } from '../auth.ts';
import { OptionalIdempotencyHeaders, sendCreated } from '../idempotent-create.ts';
import { AUTH_PROBLEMS, PageQuery, pageBody, pageOf, problems } from '../schemas.ts';
import { decodeCursor, paginate } from '../pagination.ts';

const EXAMPLE_ID = 'ntf_01jdq3v7f8e9t0sw2p1x5m3k4z';
/** Room for a full member list audience (10,000 TypeIDs) and the longest title, body and data. */
const NOTIFICATION_BODY_LIMIT_BYTES = 512 * 1024;

export const NotificationSchema = NotificationRecord.meta({
  id: 'Notification',
  description: 'A message to an audience on some channels, and how far sending it got',
  examples: [
    {
      id: EXAMPLE_ID,
      status: 'sent',
      audience: { rfm_segment: 'Champions' },
      channels: ['push', 'email'],
      title: 'A gift for you, {{first_name}}',
      body: 'Double points on everything this weekend.',
      data: { deep_link: 'app://offers/double' },
      scheduled_at: '2027-01-08T08:00:00.000Z',
      holdout_percent: 10,
      expires_at: null,
      counts: { audience: 1200, skipped: { consent: 310, no_address: 4, frequency_cap: 12, quiet_hours: 0 }, holdout: 118, dispatched: 1760, delivered: 1690, opened: 540, clicked: 95 },
      created_at: '2027-01-07T15:00:00.000Z',
      updated_at: '2027-01-08T08:00:04.000Z',
      started_at: '2027-01-08T08:00:01.000Z',
      finished_at: '2027-01-08T08:00:04.000Z',
      cancelled_at: null,
    },
  ],
});
const ReceiptSchema = NotificationReceiptRecord.meta({
  id: 'NotificationReceipt',
  description: 'What the provider reported for one dispatch',
  examples: [
    {
      notification_id: EXAMPLE_ID,
      member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z',
      channel: 'push',
      status: 'opened',
      occurred_at: '2027-01-08T08:03:12.000Z',
      recorded_at: '2027-01-08T08:03:13.000Z',
    },
  ],
});

const Template = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .describe(`${what}. {{first_name}}, {{last_name}}, {{name}}, {{loyalty_id}}, {{phone}}, {{email}} and {{attributes.<key>}} are filled from the member record; an unknown field or one the member lacks is left empty`);

const NotificationCreate = z
  .object({
    audience: NotificationAudience.describe('Who: all active members, a segment, an RFM segment, or a list of members. Evaluated as the job sends; only active members'),
    channels: z.array(z.enum(NOTIFICATION_CHANNELS)).min(1).max(3).describe('A member without consent for a channel (members.consents), or without the phone or e-mail it needs, is skipped for it, and counted'),
    title: Template('The title').max(200),
    body: Template('The body').max(2000),
    data: z.record(z.string(), z.unknown()).optional().describe('Passed to the provider as is in every notification.dispatch (a deep link, an image)'),
    scheduled_at: Timestamp.optional().describe('When to send. Default: now (the next notifications run)'),
    holdout_percent: z
      .number()
      .min(0)
      .max(50)
      .multipleOf(0.01)
      .optional()
      .describe('Share of the audience (0-50, default 0) chosen by a stable hash of (notification, member) and never sent: the control group of results'),
    expires_at: Timestamp.optional().describe('A message still held by quiet hours at this instant is not sent (counted as skipped quiet_hours). Default: never'),
  })
  .strict()
  .meta({
    id: 'NotificationCreate',
    examples: [{ audience: { rfm_segment: 'Champions' }, channels: ['push', 'email'], title: 'A gift for you, {{first_name}}', body: 'Double points on everything this weekend.', holdout_percent: 10 }],
  });

const ReceiptCreate = z
  .object({
    member_id: Id('mem', 'Member'),
    channel: z.enum(NOTIFICATION_CHANNELS),
    status: z.enum(RECEIPT_STATUSES).describe('delivered, opened or clicked'),
    occurred_at: Timestamp.optional().describe('When the provider says it happened. Default: now'),
  })
  .strict()
  .meta({ id: 'NotificationReceiptCreate', examples: [{ member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z', channel: 'push', status: 'opened' }] });

const Params = z.object({ id: Id('ntf', 'Notification') });

/** Notifications (engagement.md "Notifications"): admins create and cancel them, the provider reports receipts. */
export const notificationRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings, config }) => {
  app.post(
    '/v1/notifications',
    {
      config: { access: ADMIN },
      // A member list of MAX_AUDIENCE_MEMBER_IDS ids is about 330 KB of JSON: more than the service-wide body limit.
      bodyLimit: Math.max(config.BODY_LIMIT_BYTES, NOTIFICATION_BODY_LIMIT_BYTES),
      schema: {
        operationId: 'createNotification',
        summary: 'Schedule a notification to an audience',
        description:
          "The notifications job (every minute in the service; POST /v1/jobs/notifications/run) sends it from scheduled_at: one notification.dispatch event per member and channel, for the integrator's provider. Skipped per channel: no consent, over the program's frequency caps (engagement.frequency_cap). Nothing is sent in quiet hours (engagement.quiet_hours, program time zone): the message waits until they end. holdout_percent of the audience is never sent. A segment_id or rfm_segment that names nothing is 422 invalid_audience; an unknown member id 422 member_not_in_program, with a pointer to each.",
        tags: ['engagement'],
        security: bearerSecurity,
        headers: OptionalIdempotencyHeaders,
        body: NotificationCreate,
        response: { 201: NotificationSchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request, reply) => {
      const programId = programOf(request);
      const body = request.body;
      if (body.expires_at && new Date(body.expires_at).getTime() <= new Date(body.scheduled_at ?? clock.now()).getTime()) {
        throw new FieldError('/expires_at', 'must be later than scheduled_at (or now when scheduled_at is absent)');
      }
      const program = await settings.get(programId);
      return sendCreated(request, reply, { db, clock }, programId, 'createNotification', (trx) => createNotification(trx, clock, programId, program, body));
    },
  );

  app.get(
    '/v1/notifications',
    {
      config: { access: READ },
      schema: {
        operationId: 'listNotifications',
        summary: "The program's notifications, newest first",
        description: 'Newest created first, each with its counts; `status` keeps one status.',
        tags: ['engagement'],
        security: bearerSecurity,
        querystring: PageQuery.extend({ status: z.enum(NOTIFICATION_STATUSES).optional().describe('Only notifications in this status') }),
        response: { 200: pageOf(NotificationSchema, 'NotificationPage', 'A page of notifications'), ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const after = decodeCursor(cursor, ['id'] as const);
      const rows = await listNotifications(db, programOf(request), { status }, { limit: limit + 1, before: after?.id });
      const page = paginate(rows, limit, (n) => ({ id: n.id }));
      return pageBody(page.data, page.next_cursor);
    },
  );

  app.get(
    '/v1/notifications/:id',
    {
      config: { access: READ },
      schema: {
        operationId: 'getNotification',
        summary: 'A notification with its counts',
        description:
          'audience: members the job reached so far; skipped: member × channel pairs not sent, by reason; holdout: members held out; dispatched: notification.dispatch events published; delivered, opened, clicked: receipts the provider reported.',
        tags: ['engagement'],
        security: bearerSecurity,
        params: Params,
        response: { 200: NotificationSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => getNotification(db, programOf(request), request.params.id),
  );

  app.post(
    '/v1/notifications/:id/cancel',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'cancelNotification',
        summary: 'Cancel a scheduled or sending notification',
        description:
          'No batch starts after the cancel; a batch being sent finishes first, and what was already handed over (notification.dispatch events) stays handed over. A sent notification is 409 notification_sent; cancelling a cancelled one answers it unchanged.',
        tags: ['engagement'],
        security: bearerSecurity,
        params: Params,
        response: { 200: NotificationSchema, ...problems(...AUTH_PROBLEMS, 404, 409) },
      },
    },
    async (request) => cancelNotification(db, clock, programOf(request), request.params.id),
  );

  app.post(
    '/v1/notifications/:id/receipts',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'recordNotificationReceipt',
        summary: 'Record what the provider reported for a dispatch',
        description:
          'Once per member, channel and status: 201 with the receipt the first time, 200 with the stored receipt on a repeat. A member the notification was not dispatched to on that channel (held out, skipped, not in the audience) is 422 notification_not_dispatched.',
        tags: ['engagement'],
        security: bearerSecurity,
        params: Params,
        body: ReceiptCreate,
        response: { 200: ReceiptSchema, 201: ReceiptSchema, ...problems(...AUTH_PROBLEMS, 404, 422) },
      },
    },
    async (request, reply) => {
      const { receipt, created } = await recordReceipt(db, clock, programOf(request), request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(receipt);
    },
  );
};
