import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { PROMOTION_STATUSES, PromotionFieldsSchema } from '../../promotions/model.ts';
import { createPromotion, createPromotions, forgetActivePromotions, getPromotion, listPromotions, updatePromotion, type PromotionRecord } from '../../promotions/promotions.ts';
import { PRESET_NAMES, presetPromotions } from '../../promotions/presets.ts';
import { ADMIN, READ, bearerSecurity, programOf } from '../auth.ts';
import { OptionalIdempotencyHeaders, sendCreated } from '../idempotent-create.ts';
import { AUTH_PROBLEMS, PageQuery, pageBody, pageOf, problems } from '../schemas.ts';
import { decodeCursor, paginate } from '../pagination.ts';
import { Id } from '../../schemas/common.ts';

const PromotionId = Id('prm', 'Promotion');
const shape = PromotionFieldsSchema.shape;

export const PromotionSchema = z
  .object({
    id: PromotionId,
    version: z.number().int().describe('Bumped by every change; a purchase names the versions it was evaluated with'),
    name: z.string(),
    description: z.string().nullable(),
    status: shape.status.unwrap(),
    visibility: shape.visibility.unwrap(),
    stackable: z.boolean(),
    priority: z.number().int(),
    effect: shape.effect,
    scope: shape.scope.unwrap(),
    conditions: shape.conditions.unwrap(),
    limits: shape.limits.unwrap(),
    preset: z.string().nullable().describe('The preset that created it (win-back steps: win_back:60d, win_back:9m, win_back:12m, win_back:15m), or null'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({
    id: 'Promotion',
    examples: [
      {
        id: 'prm_01jdq3v7f8e9t0sw2p1x5m3k4z',
        version: 1,
        name: 'Weekend 10 % off shoes',
        description: null,
        status: 'active',
        visibility: 'visible',
        stackable: false,
        priority: 0,
        effect: { type: 'percent_off', percent: 10 },
        scope: { categories: ['shoes'] },
        conditions: { days_of_week: [6, 7], hours: { from: '10:00', to: '22:00' }, requires_code: false },
        limits: { per_member: 1 },
        preset: null,
        created_at: '2026-12-01T09:00:00.000Z',
        updated_at: '2026-12-01T09:00:00.000Z',
      },
    ],
  });

const PromotionCreate = PromotionFieldsSchema.strict().meta({
  id: 'PromotionCreate',
  examples: [{ name: 'Weekend 10 % off shoes', effect: { type: 'percent_off', percent: 10 }, scope: { categories: ['shoes'] }, conditions: { days_of_week: [6, 7] } }],
});

// Without defaults: a PATCH names only what changes, and a named key replaces its whole value.
const PromotionPatch = z
  .object({
    name: shape.name.optional(),
    description: shape.description.unwrap().optional(),
    status: shape.status.unwrap().optional(),
    visibility: shape.visibility.unwrap().optional(),
    stackable: shape.stackable.unwrap().optional(),
    priority: shape.priority.unwrap().optional(),
    effect: shape.effect.optional(),
    scope: shape.scope.unwrap().optional(),
    conditions: shape.conditions.unwrap().optional(),
    limits: shape.limits.unwrap().optional(),
  })
  .strict()
  .meta({ id: 'PromotionPatch', examples: [{ status: 'paused' }] });

const toPromotionJson = (p: PromotionRecord) => ({
  id: p.id,
  version: p.version,
  name: p.name,
  description: p.description,
  status: p.status,
  visibility: p.visibility,
  stackable: p.stackable,
  priority: p.priority,
  effect: p.effect,
  scope: p.scope,
  conditions: p.conditions,
  limits: p.limits,
  preset: p.preset,
  created_at: p.created_at,
  updated_at: p.updated_at,
});

const Params = z.object({ id: PromotionId });

export const promotionRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings }) => {
  app.post(
    '/v1/promotions',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'createPromotion',
        summary: 'Create a promotion',
        description:
          'Rules beyond each field\'s own (422 invalid_promotion, a pointer each): an issue_code effect names a promotion of the program; conditions.ends_at comes after starts_at; days_of_week are unique; money is in currencies the program has rates for. A total_uses or budget limit opens the pool purchases draw from. At most max_active_promotions (setting, 50) may be active: one more is 409 too_many_active_promotions.',
        tags: ['promotions'],
        security: bearerSecurity,
        body: PromotionCreate,
        headers: OptionalIdempotencyHeaders,
        response: { 201: PromotionSchema, ...problems(...AUTH_PROBLEMS, 409, 422) },
      },
    },
    async (request, reply) => {
      const programId = programOf(request);
      const sent = await sendCreated(request, reply, { db, clock }, programId, 'createPromotion', async (trx) =>
        toPromotionJson(await createPromotion(trx, clock, programId, request.body)),
      );
      // The creation may have run in the transaction that stored its response, committed only now.
      forgetActivePromotions(programId);
      return sent;
    },
  );

  app.post(
    '/v1/promotions/presets/:preset',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'createPresetPromotions',
        summary: 'Create the promotions of a preset',
        description: [
          'A preset is a template: it creates ordinary promotions (marked with `preset`), returned in `promotions`. Parameters (all optional; money without a currency is in the home currency; invalid ones are 422 invalid_preset_params with a pointer each):',
          '- `first_purchase` `{percent: 20, within_hours: 24}`: percent off the first purchase within hours of enrolment, once per member.',
          '- `threshold_coupon` `{threshold: {amount: 10000}, reward: {amount: 1000}, valid_days: 30}`: a purchase over the threshold (100.00: none, 100.01: one) issues a code for reward off a later purchase. Creates the reward (code only, technical) and the trigger (stackable).',
          '- `repeat_buyer` `{more_than: 2, within_days: 90, percent: 20, valid_days: 30}`: more than N purchases in the window, this one included (so with N = 2 the third issues it), issues a percent-off code, once per quarter; a purchase returned in full does not count. Creates the reward and the trigger.',
          '- `double_bonus` `{points: 400, streak_days: 2, purchases_in_week: 2}`: logins on consecutive days and purchases in one ISO week earn bonus points, once per week.',
          '- `campaign` `{starts_on: today, ends_on: starts_on + 29 days, percent: 10}`: points x (1 + percent/100) from local midnight of starts_on to the end of ends_on (inclusive), program time zone.',
          '- `birthday` `{percent: 10 | amount, window_days: 7}`: a code-only discount within window_days of the birthday, once per year.',
          '- `win_back` `{amounts: [4 increasing money values, default 5, 10, 15, 20]}`: four code-only technical discounts, for 60 days, 9, 12 and 15 months without a purchase; their `preset` is win_back:60d, win_back:9m, win_back:12m, win_back:15m.',
        ].join('\n'),
        tags: ['promotions'],
        security: bearerSecurity,
        params: z.object({ preset: z.enum(PRESET_NAMES).describe('The preset') }),
        body: z.record(z.string(), z.unknown()).optional().describe("The preset's parameters").meta({ examples: [{ threshold: { amount: 10000, currency: 'USD' }, reward: { amount: 1000, currency: 'USD' } }] }),
        headers: OptionalIdempotencyHeaders,
        response: {
          201: z.object({ promotions: z.array(PromotionSchema).describe('The promotions created, in the order the preset makes them') }).meta({ id: 'PresetPromotions' }),
          ...problems(...AUTH_PROBLEMS, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const programId = programOf(request);
      const programSettings = await settings.get(programId);
      const items = presetPromotions(request.params.preset, request.body ?? {}, programSettings, clock.now());
      const sent = await sendCreated(request, reply, { db, clock }, programId, 'createPresetPromotions', async (trx) => ({
        promotions: (await createPromotions(trx, clock, programId, items)).map(toPromotionJson),
      }));
      forgetActivePromotions(programId);
      return sent;
    },
  );

  app.get(
    '/v1/promotions',
    {
      config: { access: READ },
      schema: {
        operationId: 'listPromotions',
        summary: "List the program's promotions, oldest first",
        description: 'Every status unless `status` is given; paused and ended promotions stay listed.',
        tags: ['promotions'],
        security: bearerSecurity,
        querystring: PageQuery.extend({ status: z.enum(PROMOTION_STATUSES).optional().describe('Only promotions with this status') }),
        response: { 200: pageOf(PromotionSchema, 'PromotionPage', 'A page of promotions'), ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const after = decodeCursor(cursor, ['id'] as const);
      const rows = await listPromotions(db, programOf(request), { status }, { limit: limit + 1, after: after?.id });
      const page = paginate(rows, limit, (p) => ({ id: p.id }));
      return pageBody(page.data.map(toPromotionJson), page.next_cursor);
    },
  );

  app.get(
    '/v1/promotions/:id',
    {
      config: { access: READ },
      schema: {
        operationId: 'getPromotion',
        summary: 'A promotion',
        description: 'With its current `version`, the one purchases are evaluated with.',
        tags: ['promotions'],
        security: bearerSecurity,
        params: Params,
        response: { 200: PromotionSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => toPromotionJson(await getPromotion(db, programOf(request), request.params.id)),
  );

  app.patch(
    '/v1/promotions/:id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'updatePromotion',
        summary: 'Change a promotion, pause, end or reactivate it',
        description:
          'Every change bumps `version`: a quote made with the old version is refused at commit. A named key replaces its whole value. Changing total_uses or the budget moves what is left by the difference; lowering it by more than is left is 409 limit_below_used. Reactivating past max_active_promotions is 409 too_many_active_promotions.',
        tags: ['promotions'],
        security: bearerSecurity,
        params: Params,
        body: PromotionPatch,
        response: { 200: PromotionSchema, ...problems(...AUTH_PROBLEMS, 404, 409, 422) },
      },
    },
    async (request) => toPromotionJson(await updatePromotion(db, clock, programOf(request), request.params.id, request.body)),
  );
};
