import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import * as ledger from '../../ledger/ledger.ts';
import { WRITE, bearerSecurity } from '../auth.ts';
import { problems } from '../schemas.ts';
import { Timestamp } from '../../schemas/common.ts';
import { IdempotencyHeaders } from './ledger-schemas.ts';
import { ActivityRecord, RenewalRecord, activityRecorded, renewalRecorded } from '../../schemas/engagement.ts';
import { WRITE_PROBLEMS, sendWrite, writeContext } from './ledger.ts';
import { MemberParams } from './members.ts';


export const ActivitySchema = ActivityRecord.meta({ id: 'Activity' });
export const RenewalSchema = RenewalRecord.meta({ id: 'Renewal' });

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
};
