import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import * as ledger from '../../ledger/ledger.ts';
import { READ, WRITE, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, PageQuery, pageBody, pageOf, problems } from '../schemas.ts';
import { decodeCursor, paginate } from '../pagination.ts';
import { Timestamp } from '../../schemas/common.ts';
import { IdempotencyHeaders } from './ledger-schemas.ts';
import { ActivityRecord, MEMBER_EVENT_DATA_BYTES, MEMBER_EVENT_TYPE, MemberEventRecord, RenewalRecord, activityRecorded, renewalRecorded } from '../../schemas/engagement.ts';
import { listMemberEvents, recordMemberEvent } from '../../engagement/member-events.ts';
import { WRITE_PROBLEMS, sendWrite, writeContext } from './ledger.ts';
import { MemberParams } from './members.ts';


export const ActivitySchema = ActivityRecord.meta({ id: 'Activity' });
export const RenewalSchema = RenewalRecord.meta({ id: 'Renewal' });
export const MemberEventSchema = MemberEventRecord.meta({ id: 'MemberEvent', description: 'A custom event the integrator recorded for a member' });

const MemberEventType = z
  .string()
  .max(100)
  .regex(MEMBER_EVENT_TYPE, 'must be lowercase dotted words, at least two, such as cart.abandoned or wishlist.price_drop')
  .describe('Lowercase dotted words, at least two: wishlist.price_drop, cart.abandoned, app.rated...');

/** What members do besides buying and spending: activities (logins, tasks) and renewing points that just expired. */
export const engagementRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, deps) => {
  app.post(
    '/v1/members/:id/activities',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        security: bearerSecurity,
        headers: IdempotencyHeaders,
        operationId: 'recordActivity',
        summary: 'Record a member activity (login, completed task...)',
        description:
          "Activities count as activity for inactivity decay and for the daily tier gift. The first `task_completed` of a local day extends the member's soonest-expiring points by the program's `task_extension_days` (an `extend` transaction, in `extension`); later tasks that day extend nothing. Requires an Idempotency-Key.",
        tags: ['members'],
        params: MemberParams,
        body: z
          .object({
            type: z
              .string()
              .regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be a lowercase identifier such as login or task_completed')
              .describe('login, task_completed, or any lowercase identifier the integrator uses'),
            task_id: z.string().trim().min(1).max(100).optional().describe('Which task was completed'),
            occurred_at: Timestamp.optional().describe('Default: now'),
            data: z.record(z.string(), z.unknown()).optional().describe('Free-form details, kept with the activity'),
          })
          .strict()
          .refine((body) => JSON.stringify(body.data ?? {}).length <= 4096, { message: 'must be at most 4 KB of JSON', path: ['data'] })
          .meta({ examples: [{ type: 'task_completed', task_id: 'daily-quiz' }] }),
        response: {
          201: activityRecorded(ActivitySchema).meta({ id: 'ActivityRecorded' }),
          ...problems(...WRITE_PROBLEMS),
        },
      },
    },
    async (request, reply) =>
      sendWrite(reply, await ledger.recordActivity(await writeContext(request, 'activity', deps), request.params.id, request.body)),
  );

  app.post(
    '/v1/members/:id/renewals',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        security: bearerSecurity,
        headers: IdempotencyHeaders,
        operationId: 'renewExpiredPoints',
        summary: 'Renew points that expired in the renewal window',
        description:
          "Restores every point that expired within the program's `renewal_window_hours` (24 by default) and was not renewed yet, as a new lot with a fresh validity. Each expiry can be renewed once, and renewed points cannot be renewed again. 409 `renewal_window_closed` after the window, `already_renewed` when the window's expiries were renewed, `nothing_to_renew` when nothing ever expired. Requires an Idempotency-Key.",
        tags: ['ledger'],
        params: MemberParams,
        body: z.object({}).strict().default({}),
        response: {
          201: renewalRecorded(RenewalSchema).meta({ id: 'RenewalRecorded' }),
          ...problems(...WRITE_PROBLEMS),
        },
      },
    },
    async (request, reply) => sendWrite(reply, await ledger.renewExpiredPoints(await writeContext(request, 'renewal', deps), request.params.id)),
  );

  app.post(
    '/v1/members/:id/events',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        security: bearerSecurity,
        headers: IdempotencyHeaders,
        operationId: 'recordMemberEvent',
        summary: 'Record a custom member event (wishlist.price_drop, cart.abandoned...)',
        description: `Stores what the member did and publishes it as \`member.custom_event\` (data.event carries the type and data) in the same transaction, for journeys and webhooks to act on. \`data\` is a JSON object of at most ${MEMBER_EVENT_DATA_BYTES} bytes. A pending, blocked or deactivated member is refused like a purchase (422 member_pending, 423 member_blocked, 422 member_deactivated): nothing is stored or published. Requires an Idempotency-Key: a retry gets the first answer, and publishes nothing more.`,
        tags: ['members'],
        params: MemberParams,
        body: z
          .object({
            type: MemberEventType,
            data: z.record(z.string(), z.unknown()).optional().describe(`Free-form details, a JSON object of at most ${MEMBER_EVENT_DATA_BYTES} bytes`),
            occurred_at: Timestamp.optional().describe('Default: now; at most 5 minutes ahead of the server clock'),
          })
          .strict()
          .refine((body) => Buffer.byteLength(JSON.stringify(body.data ?? {})) <= MEMBER_EVENT_DATA_BYTES, {
            message: `must be at most ${MEMBER_EVENT_DATA_BYTES} bytes of JSON`,
            path: ['data'],
          })
          .meta({ examples: [{ type: 'cart.abandoned', data: { cart_id: 'c-1001', items: 3, total: 4590 } }] }),
        response: {
          201: z.object({ event: MemberEventSchema }).meta({ id: 'MemberEventRecorded' }),
          // No 409: nothing about a custom event can conflict (a reused key with another body is 422).
          ...problems(...AUTH_PROBLEMS, 404, 422, 423),
        },
      },
    },
    async (request, reply) =>
      sendWrite(reply, await recordMemberEvent(await writeContext(request, 'member_event', deps), request.params.id, request.body)),
  );

  app.get(
    '/v1/members/:id/events',
    {
      config: { access: READ },
      schema: {
        security: bearerSecurity,
        operationId: 'listMemberEvents',
        summary: "The member's custom events, newest first",
        description: 'What POST /v1/members/{id}/events recorded, newest recorded first, optionally of one `type`.',
        tags: ['members'],
        params: MemberParams,
        querystring: PageQuery.extend({ type: MemberEventType.optional().describe('Only events of this type') }),
        response: { 200: pageOf(MemberEventSchema, 'MemberEventPage', "A page of the member's custom events"), ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => {
      const { limit, cursor, type } = request.query;
      const after = decodeCursor(cursor, ['id'] as const);
      const rows = await listMemberEvents(deps.db, programOf(request), request.params.id, { type }, { limit: limit + 1, before: after?.id });
      const page = paginate(rows, limit, (e) => ({ id: e.id }));
      return pageBody(page.data, page.next_cursor);
    },
  );
};
