import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { createTarget, deleteTarget, getTarget, listTargets, targetProgress, updateTarget } from '../../engagement/targets.ts';
import { reportInstant } from '../../analytics/read.ts';
import { TARGET_METRICS, TARGET_PERIODS, TARGET_STATUSES, TargetProgressRecord, TargetRecord } from '../../schemas/target.ts';
import { MAX_MONEY_AMOUNT } from '../../schemas/limits.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { ADMIN, READ, bearerSecurity, programOf } from '../auth.ts';
import { OptionalIdempotencyHeaders, sendCreated } from '../idempotent-create.ts';
import { AUTH_PROBLEMS, PageQuery, pageBody, pageOf, problems } from '../schemas.ts';
import { decodeCursor, paginate } from '../pagination.ts';

export const TargetSchema = TargetRecord.meta({
  id: 'Target',
  description: 'A sales target per ISO week or calendar month',
  examples: [
    {
      id: 'tgt_01jdq3v7f8e9t0sw2p1x5m3k4z',
      name: 'Monthly sales',
      metric: 'revenue',
      period: 'month',
      value: 620000,
      currency: 'AZN',
      alert_below_percent: 5,
      status: 'active',
      created_at: '2027-01-01T00:00:00.000Z',
      updated_at: '2027-01-01T00:00:00.000Z',
    },
  ],
});
const TargetProgressSchema = TargetProgressRecord.meta({ id: 'TargetProgress', description: "A target's period to date: actual against the pace the target sets" });

const fields = {
  name: z.string().trim().min(1).max(200).nullable().describe('A label for people'),
  metric: z.enum(TARGET_METRICS).describe('revenue, sales_count, average_check or active_members'),
  period: z.enum(TARGET_PERIODS).describe("week (ISO, Monday to Sunday) or month, in the program's time zone"),
  value: z
    .number()
    .int()
    .min(1)
    .max(MAX_MONEY_AMOUNT)
    .describe('The target for a whole period: minor units of the home currency for revenue and average_check (620000 = 6,200.00), a count otherwise'),
  alert_below_percent: z
    .number()
    .min(0)
    .max(99.99)
    .multipleOf(0.01)
    .describe('Publish target.off_track when the pace falls below (100 - this) % of the target to date: 5 alerts below 95 %'),
  status: z.enum(TARGET_STATUSES).describe('A paused target is not judged by the targets job'),
};

const TargetCreate = z
  .object({
    name: fields.name.optional(),
    metric: fields.metric,
    period: fields.period,
    value: fields.value,
    alert_below_percent: fields.alert_below_percent,
    status: fields.status.optional().describe('Default: active'),
  })
  .strict()
  .meta({ id: 'TargetCreate', examples: [{ name: 'Monthly sales', metric: 'revenue', period: 'month', value: 620000, alert_below_percent: 5 }] });

const TargetPatch = z
  .object({
    name: fields.name.optional(),
    metric: fields.metric.optional(),
    period: fields.period.optional(),
    value: fields.value.optional(),
    alert_below_percent: fields.alert_below_percent.optional(),
    status: fields.status.optional(),
  })
  .strict()
  .meta({ id: 'TargetPatch', examples: [{ value: 650000 }, { status: 'paused' }] });

const Params = z.object({ id: Id('tgt', 'Target') });

/** Sales targets (engagement.md "Targets"): admins set them, read keys read them and their pace. */
export const targetRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings, config }) => {
  const reader = { timeoutMs: config.ANALYTICS_STATEMENT_TIMEOUT_MS };

  app.post(
    '/v1/targets',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'createTarget',
        summary: 'Set a weekly or monthly target',
        description:
          "The targets job (POST /v1/jobs/targets/run; hourly in the service) measures the period to date and publishes target.off_track once per target and period when the pace falls below (100 - alert_below_percent) % of the target to date, and target.back_on_track once after that if it recovers. Revenue is what customers paid after promotion discounts, net of the returned share (a return counts against its purchase's period) in the home currency, other currencies converted at the FX rate in force when the purchase happened.",
        tags: ['engagement'],
        security: bearerSecurity,
        headers: OptionalIdempotencyHeaders,
        body: TargetCreate,
        response: { 201: TargetSchema, ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const programId = programOf(request);
      const program = await settings.get(programId);
      return sendCreated(request, reply, { db, clock }, programId, 'createTarget', (trx) => createTarget(trx, clock, programId, program, request.body));
    },
  );

  app.get(
    '/v1/targets',
    {
      config: { access: READ },
      schema: {
        operationId: 'listTargets',
        summary: "The program's targets, oldest first",
        tags: ['engagement'],
        security: bearerSecurity,
        querystring: PageQuery,
        response: { 200: pageOf(TargetSchema, 'TargetPage', 'A page of targets'), ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const { limit, cursor } = request.query;
      const after = decodeCursor(cursor, ['id'] as const);
      const rows = await listTargets(db, programId, await settings.get(programId), { limit: limit + 1, after: after?.id });
      const page = paginate(rows, limit, (t) => ({ id: t.id }));
      return pageBody(page.data, page.next_cursor);
    },
  );

  app.get(
    '/v1/targets/:id',
    {
      config: { access: READ },
      schema: {
        operationId: 'getTarget',
        summary: 'A target',
        tags: ['engagement'],
        security: bearerSecurity,
        params: Params,
        response: { 200: TargetSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      return getTarget(db, programId, await settings.get(programId), request.params.id);
    },
  );

  app.get(
    '/v1/targets/:id/progress',
    {
      config: { access: READ },
      schema: {
        operationId: 'getTargetProgress',
        summary: "A target's period to date: actual, expected, pace, projection",
        description:
          "The ISO week or calendar month (program time zone) containing `as_of` (default now), as the ledger had recorded it by then: actual to date, expected to date (the target × the elapsed share of the period; for average_check the target itself), pace (actual ÷ expected), the projection to the period's end at the same pace, and whether it is on track against the alert threshold. A period is not judged during its first local day. Every metric's figures are in `figures`. An as_of later than the server's clock is 422 as_of_not_yet.",
        tags: ['engagement'],
        security: bearerSecurity,
        params: Params,
        querystring: z.object({ as_of: Timestamp.optional().describe('Default: now') }),
        response: { 200: TargetProgressSchema, ...problems(...AUTH_PROBLEMS, 404, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const asOf = reportInstant(request.query.as_of, clock.now());
      return targetProgress(db, reader, programId, await settings.get(programId), request.params.id, asOf);
    },
  );

  app.patch(
    '/v1/targets/:id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'updateTarget',
        summary: 'Change a target, pause or resume it',
        description: 'Names only what changes. An alert already published for the current period stays published: the period does not alert twice.',
        tags: ['engagement'],
        security: bearerSecurity,
        params: Params,
        body: TargetPatch,
        response: { 200: TargetSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      return updateTarget(db, clock, programId, await settings.get(programId), request.params.id, request.body);
    },
  );

  app.delete(
    '/v1/targets/:id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'deleteTarget',
        summary: 'Delete a target',
        description: 'The events it published stay in the feed.',
        tags: ['engagement'],
        security: bearerSecurity,
        params: Params,
        response: { 204: z.null().describe('Deleted'), ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request, reply) => {
      await deleteTarget(db, programOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
