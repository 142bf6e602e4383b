import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { JOURNEY_TEMPLATES, createFromTemplate, createJourney, getJourney, listJourneys, updateJourney } from '../../engagement/journeys.ts';
import { JOURNEY_REENTRY, JOURNEY_STATUSES, JourneyRecord, JourneyStep, JourneyTrigger, MAX_STEPS } from '../../schemas/journey.ts';
import { Id } from '../../schemas/common.ts';
import { ADMIN, READ, bearerSecurity, programOf } from '../auth.ts';
import { OptionalIdempotencyHeaders, sendCreated } from '../idempotent-create.ts';
import { AUTH_PROBLEMS, PageQuery, pageBody, pageOf, problems } from '../schemas.ts';
import { decodeCursor, paginate } from '../pagination.ts';

const WELCOME_EXAMPLE = {
  name: 'Welcome series',
  trigger: { event: 'member.enrolled' },
  steps: [
    { type: 'notify', channels: ['push', 'email'], title: 'Welcome, {{first_name}}', body: 'Your card {{loyalty_id}} is ready.' },
    { type: 'award_points', points: 100, reason: 'welcome' },
    { type: 'wait', duration: { days: 3 }, until_local_time: '10:00' },
    { type: 'condition', rule: { purchase_count: { max: 0 } }, else: 'exit' },
    { type: 'issue_code', promotion_id: 'prm_01jdq3v7f8e9t0sw2p1x5m3k4z', validity: { relative_to: 'step', from_days: 0, until_days: 14 } },
    { type: 'notify', channels: ['push'], title: 'A gift for your first purchase', body: 'Show code {{code}} at the till.' },
  ],
};

export const JourneySchema = JourneyRecord.meta({
  id: 'Journey',
  description: 'A trigger and a short list of steps each member who triggers it runs through',
  examples: [{ id: 'jny_01jdq3v7f8e9t0sw2p1x5m3k4z', ...WELCOME_EXAMPLE, status: 'active', reentry: 'never', template: null, created_at: '2027-01-01T00:00:00.000Z', updated_at: '2027-01-01T00:00:00.000Z' }],
});

const fields = {
  name: z.string().trim().min(1).max(200).describe('A label for people'),
  steps: z.array(JourneyStep).min(1).max(MAX_STEPS).describe('Run in order from step 0; a condition may branch forward'),
  status: z.enum(JOURNEY_STATUSES).describe('A paused journey starts no run and advances none (its runs wait where they are)'),
  reentry: z.enum(JOURNEY_REENTRY).describe('never (default): one run per member ever; after_exit: a later trigger starts a new run once the last ended'),
};

const JourneyDefinition = z
  .object({ name: fields.name, trigger: JourneyTrigger, steps: fields.steps, status: fields.status.optional().describe('Default: active'), reentry: fields.reentry.optional() })
  .strict();

const JourneyFromTemplate = z
  .object({
    template: z.string().min(1).max(100).describe('A template name (GET /v1/journey-templates)'),
    overrides: z
      .object({
        name: fields.name.optional(),
        status: fields.status.optional(),
        promotions: z.record(z.string(), Id('prm', 'Promotion')).optional().describe("The promotion of each of the template's slots"),
        bonus_points: z.number().int().min(1).max(1_000_000).optional().describe('welcome: the welcome bonus (default 100)'),
      })
      .strict()
      .default({}),
  })
  .strict();

const JourneyCreate = z.union([JourneyDefinition, JourneyFromTemplate]).meta({
  id: 'JourneyCreate',
  description: 'A journey as a whole definition, or made from a template with overrides',
  examples: [WELCOME_EXAMPLE, { template: 'win_back', overrides: { promotions: { d60: 'prm_a', m9: 'prm_b', m12: 'prm_c', m15: 'prm_d' } } }],
});

const JourneyPatch = z
  .object({ name: fields.name.optional(), trigger: JourneyTrigger.optional(), steps: fields.steps.optional(), status: fields.status.optional(), reentry: fields.reentry.optional() })
  .strict()
  .meta({ id: 'JourneyPatch', examples: [{ status: 'paused' }] });

const templateListing = () =>
  JOURNEY_TEMPLATES.map((t) => ({ name: t.name, description: t.description, promotions: t.promotions, journey: { ...t.build({}), status: 'active' as const } }));

const TemplateSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    promotions: z.array(z.string()).describe('The promotion slots overrides.promotions must fill'),
    journey: JourneyDefinition.describe('The journey it makes, with empty promotion ids where the slots go'),
  })
  // Spelled out: an example generated from the step union would mix the variants' fields.
  .meta({ id: 'JourneyTemplate', examples: [templateListing()[0]!] });

// One page holds them all; the page shape is every list's.
const TemplateList = pageOf(TemplateSchema, 'JourneyTemplatePage', 'The journey templates (one page)');

const Params = z.object({ id: Id('jny', 'Journey') });

const DESCRIPTION = [
  'Triggers: member.enrolled, purchase.first, member.birthday_upcoming, member.inactive (a milestone; default every milestone but lost), tier.changed (optionally to a tier), points.expiring, points.renewable, member.segment_changed (optionally entering an RFM segment), member.custom_event with its type.',
  'Steps: wait (a duration, optionally from a member.inactive trigger\'s inactive_since, and/or until a local time), condition (a segment rule on the member when the step runs; false: exit or go to a later step), issue_code (a single-use code of a promotion bound to the member; validity relative to the step or the trigger\'s birthday), award_points (an adjustment with a reason), notify (notification.dispatch per consented channel, {{first_name}}-style fields filled; in the program\'s quiet hours it waits for their end), exit.',
  'The journeys job (POST /v1/jobs/journeys/run; every minute in the service) starts a run per member and trigger event and advances it; every step publishes journey.step_completed. A run of a member.inactive journey exits when the member buys (purchase) or is marked lost (lost).',
  'An invalid definition is 422 invalid_journey with a pointer for each problem (a goto out of range or backwards, an unknown promotion, a bad rule...).',
].join('\n');

/** Journeys (engagement.md "Journeys"): admins define them, read keys read them. */
export const journeyRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings }) => {
  app.post(
    '/v1/journeys',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'createJourney',
        summary: 'Define a journey, or make one from a template',
        description: DESCRIPTION,
        tags: ['engagement'],
        security: bearerSecurity,
        headers: OptionalIdempotencyHeaders,
        body: JourneyCreate,
        response: { 201: JourneySchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request, reply) => {
      const programId = programOf(request);
      const program = await settings.get(programId);
      const body = request.body;
      return sendCreated(request, reply, { db, clock }, programId, 'createJourney', (trx) =>
        'template' in body ? createFromTemplate(trx, clock, programId, program, body.template, body.overrides) : createJourney(trx, clock, programId, program, body),
      );
    },
  );

  app.get(
    '/v1/journeys',
    {
      config: { access: READ },
      schema: {
        operationId: 'listJourneys',
        summary: "The program's journeys, oldest first",
        tags: ['engagement'],
        security: bearerSecurity,
        querystring: PageQuery,
        response: { 200: pageOf(JourneySchema, 'JourneyPage', 'A page of journeys'), ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = decodeCursor(cursor, ['id'] as const);
      const rows = await listJourneys(db, programOf(request), { limit: limit + 1, after: after?.id });
      const page = paginate(rows, limit, (j) => ({ id: j.id }));
      return pageBody(page.data, page.next_cursor);
    },
  );

  app.get(
    '/v1/journeys/:id',
    {
      config: { access: READ },
      schema: {
        operationId: 'getJourney',
        summary: 'A journey',
        tags: ['engagement'],
        security: bearerSecurity,
        params: Params,
        response: { 200: JourneySchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => getJourney(db, programOf(request), request.params.id),
  );

  app.patch(
    '/v1/journeys/:id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'updateJourney',
        summary: 'Change a journey, pause or resume it',
        description: 'Names only what changes; the whole definition is checked again. Runs under way keep their step index.',
        tags: ['engagement'],
        security: bearerSecurity,
        params: Params,
        body: JourneyPatch,
        response: { 200: JourneySchema, ...problems(...AUTH_PROBLEMS, 404, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      return updateJourney(db, clock, programId, await settings.get(programId), request.params.id, request.body);
    },
  );

  app.get(
    '/v1/journey-templates',
    {
      config: { access: READ },
      schema: {
        operationId: 'listJourneyTemplates',
        summary: 'The seed journeys as templates',
        description: 'POST /v1/journeys { template, overrides: { promotions: { <slot>: <promotion id> } } } makes a journey of one.',
        tags: ['engagement'],
        security: bearerSecurity,
        response: { 200: TemplateList, ...problems(...AUTH_PROBLEMS) },
      },
    },
    async () => pageBody(templateListing(), null),
  );
};
