import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import {
  MAX_MEMBERS_PER_REQUEST,
  addSegmentMembers,
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  removeSegmentMember,
  segmentMembers,
  segmentStats,
  updateSegment,
  type Segment,
} from '../../analytics/segments.ts';
import { CONDITION_NAMES, MAX_RULE_CONDITIONS, MAX_RULE_DEPTH } from '../../analytics/segment-rule.ts';
import { reportInstant } from '../../analytics/read.ts';
import { forgetActivePromotions } from '../../promotions/promotions.ts';
import { ADMIN, READ, bearerSecurity, programOf } from '../auth.ts';
import { OptionalIdempotencyHeaders, sendCreated } from '../idempotent-create.ts';
import { AUTH_PROBLEMS, PageQuery, pageBody, pageOf, problems } from '../schemas.ts';
import { decodeCursor, paginate } from '../pagination.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { MemberSchema } from '../../schemas/member.ts';
import { toMemberJson } from './members.ts';

const SegmentId = Id('seg', 'Segment');
const MemberId = Id('mem', 'Member');

const EXAMPLE_RULE = {
  all: [
    { branch: { in: ['Baku', 'Ganja'] } },
    { age: { min: 25, max: 34 } },
    { any: [{ total_spent: { min: 50000 } }, { purchase_count: { min: 3, within_days: 90 } }] },
    { not: { status: { in: ['blocked'] } } },
  ],
};

const SegmentRule = z
  .unknown()
  .describe(
    [
      `A JSON tree: {"all": [rule, ...]} | {"any": [rule, ...]} | {"not": rule} | a condition; at most ${MAX_RULE_DEPTH} levels and ${MAX_RULE_CONDITIONS} conditions. Conditions (${CONDITION_NAMES.join(', ')}):`,
      '- `branch`, `gender`, `source`, `tier`, `status`: `{"in": [...]}`. Tier and status are those recorded by as_of.',
      "- `age`: `{min?, max?}` whole years at as_of on the program's local date (a birthday counts from its local midnight); members without a birth date never match.",
      '- `total_spent`: `{min?, max?}` net spend (what was paid after promotion discounts, less the returned share of it, returns recorded by as_of) in minor units of the home currency, other currencies converted at the FX rate in force at each purchase\'s time (a purchase with no rate in force is left out).',
      '- `balance`: `{min?, max?}` available points at as_of.',
      '- `last_purchase`: `{after?, before?}` the latest purchase\'s time, after inclusive, before exclusive; members without purchases never match.',
      '- `purchase_count`: `{min?, max?, within_days?}` purchases not fully returned, all of them or those of the last within_days days before as_of.',
      "- `rfm_segment`: `{\"in\": [...]}` the member's RFM segment as of as_of (GET /v1/analytics/rfm: the program's grid names and Lost; another name is 422). In a promotion's segment condition it is the segment the rfm job last stored for the member.",
      '- `attribute`: `{key, equals}`, `{key, in: [...]}` or `{key, min?, max?}` on the member\'s attributes, typed as stored (the string "2" is not the number 2; a range reads numbers only); a missing key never matches.',
      'Ranges are inclusive. `not` of a condition on a missing value (no birth date, no purchase) matches. An invalid rule is 422 invalid_rule with a pointer into it for each problem.',
    ].join('\n'),
  )
  .meta({ examples: [EXAMPLE_RULE] });

const SegmentSchema = z
  .object({
    id: SegmentId,
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(['dynamic', 'static']).describe('dynamic: a rule evaluated as of an instant; static: a list of members'),
    rule: SegmentRule.nullable().describe('The rule of a dynamic segment; null for a static one'),
    version: z.number().int().describe('Bumped by every change'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({
    id: 'Segment',
    examples: [
      {
        id: 'seg_01jdq3v7f8e9t0sw2p1x5m3k4z',
        name: 'Young big spenders in Baku and Ganja',
        description: null,
        kind: 'dynamic',
        rule: EXAMPLE_RULE,
        version: 1,
        created_at: '2026-12-01T09:00:00.000Z',
        updated_at: '2026-12-01T09:00:00.000Z',
      },
    ],
  });

const Name = z.string().trim().min(1).max(100);
const Description = z.string().max(1000).nullable();

const SegmentCreate = z
  .object({
    name: Name,
    description: Description.optional(),
    kind: z.enum(['dynamic', 'static']),
    rule: SegmentRule.optional().describe('Required for a dynamic segment, absent for a static one'),
  })
  .strict()
  .meta({ id: 'SegmentCreate', examples: [{ name: 'Young big spenders in Baku and Ganja', kind: 'dynamic', rule: EXAMPLE_RULE }, { name: 'VIP guest list', kind: 'static' }] });

const SegmentPatch = z
  .object({ name: Name.optional(), description: Description.optional(), rule: SegmentRule.optional().describe('Replaces the rule (dynamic segments only)') })
  .strict()
  .meta({ id: 'SegmentPatch', examples: [{ rule: { tier: { in: ['Gold'] } } }] });

const SegmentStatsSchema = z
  .object({
    segment_id: SegmentId,
    as_of: z.string().describe('The instant the figures are as of: what had been recorded by then'),
    currency: z.string().describe("The program's home currency"),
    size: z.number().int().describe('Members in the segment as of as_of (enrolled by then)'),
    purchases: z.number().int().describe('Their purchases recorded by as_of and not fully returned by then'),
    revenue: z.number().int().describe('Their net spend (paid after promotion discounts, less the returned share) in minor units of the home currency (FX at each purchase\'s time), rounded down once'),
    average_check: z.number().int().nullable().describe('revenue ÷ purchases, rounded half up; null without purchases'),
    points_balance: z.number().int().describe('Their available points as of as_of'),
  })
  .meta({ id: 'SegmentStats' });

const toSegmentJson = (s: Segment) => ({ ...s });

const Params = z.object({ id: SegmentId });
const MemberParams = z.object({ id: SegmentId, member_id: MemberId });
const AsOf = Timestamp.optional().describe('Default: now');

const MembershipChange = z
  .object({ added: z.number().int().describe('Members added now'), already: z.number().int().describe('Members that were in the segment already') })
  .meta({ id: 'SegmentMembershipChange' });

/** Segments (analytics.md "Segments"): admins write them, every key reads them; members and stats on the analytics path. */
export const segmentRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings, analytics: reader }) => {

  app.post(
    '/v1/segments',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'createSegment',
        summary: 'Create a segment',
        description:
          'A dynamic segment is a rule over the members, evaluated whenever it is read, as of an instant; a static segment is a list of members kept with PUT/POST/DELETE …/members. An invalid rule is 422 invalid_rule with a JSON pointer into it for each problem (e.g. /rule/all/2/age/min).',
        tags: ['segments'],
        security: bearerSecurity,
        body: SegmentCreate,
        headers: OptionalIdempotencyHeaders,
        response: { 201: SegmentSchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request, reply) => {
      const programId = programOf(request);
      const program = await settings.get(programId);
      return sendCreated(request, reply, { db, clock }, programId, 'createSegment', async (trx) => toSegmentJson(await createSegment(trx, clock, programId, program, request.body)));
    },
  );

  app.get(
    '/v1/segments',
    {
      config: { access: READ },
      schema: {
        operationId: 'listSegments',
        summary: "List the program's segments, oldest first",
        description: 'Dynamic and static alike, with their rules; any key of the program may read them.',
        tags: ['segments'],
        security: bearerSecurity,
        querystring: PageQuery,
        response: { 200: pageOf(SegmentSchema, 'SegmentPage', 'A page of segments'), ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = decodeCursor(cursor, ['id'] as const);
      const rows = await listSegments(db, programOf(request), { limit: limit + 1, after: after?.id });
      const page = paginate(rows, limit, (s) => ({ id: s.id }));
      return pageBody(page.data.map(toSegmentJson), page.next_cursor);
    },
  );

  app.get(
    '/v1/segments/:id',
    {
      config: { access: READ },
      schema: {
        operationId: 'getSegment',
        summary: 'A segment',
        description: 'With its rule (dynamic) and current `version`; its members and figures are under …/members and …/stats.',
        tags: ['segments'],
        security: bearerSecurity,
        params: Params,
        response: { 200: SegmentSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => toSegmentJson(await getSegment(db, programOf(request), request.params.id)),
  );

  app.patch(
    '/v1/segments/:id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'updateSegment',
        summary: 'Rename a segment or change its rule',
        description: 'The kind cannot change. A new rule applies to every later read and purchase (promotions with a segment condition see it within a second).',
        tags: ['segments'],
        security: bearerSecurity,
        params: Params,
        body: SegmentPatch,
        response: { 200: SegmentSchema, ...problems(...AUTH_PROBLEMS, 404, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const segment = await updateSegment(db, clock, programId, await settings.get(programId), request.params.id, request.body);
      forgetActivePromotions(programId);
      return toSegmentJson(segment);
    },
  );

  app.delete(
    '/v1/segments/:id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'deleteSegment',
        summary: 'Delete a segment',
        description: 'With its member list. A segment an active promotion names in its segment condition is 409 segment_in_use (`promotion_ids`).',
        tags: ['segments'],
        security: bearerSecurity,
        params: Params,
        response: { 204: z.null().describe('Deleted'), ...problems(...AUTH_PROBLEMS, 404, 409) },
      },
    },
    async (request, reply) => {
      const programId = programOf(request);
      await deleteSegment(db, programId, request.params.id);
      forgetActivePromotions(programId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/segments/:id/members',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'addSegmentMembers',
        summary: 'Add members to a static segment',
        description: `Up to ${MAX_MEMBERS_PER_REQUEST} member ids at once; idempotent (a member already in the segment stays as they were, counted in \`already\`). Every id must name a member of the program, else nothing is added: 422 member_not_in_program with a pointer to each unknown id. A dynamic segment is 409 segment_not_static.`,
        tags: ['segments'],
        security: bearerSecurity,
        params: Params,
        body: z.object({ member_ids: z.array(MemberId).min(1).max(MAX_MEMBERS_PER_REQUEST) }).strict().meta({ id: 'SegmentMembersAdd' }),
        response: { 200: MembershipChange, ...problems(...AUTH_PROBLEMS, 404, 409, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      // No cache to drop: purchases read a static segment's list live, in their facts call.
      return addSegmentMembers(db, clock, programId, request.params.id, request.body.member_ids, (i) => `/member_ids/${i}`);
    },
  );

  app.put(
    '/v1/segments/:id/members/:member_id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'addSegmentMember',
        summary: 'Add one member to a static segment',
        description: 'Idempotent. A member of another program, or no member, is 422 member_not_in_program; a dynamic segment is 409 segment_not_static.',
        tags: ['segments'],
        security: bearerSecurity,
        params: MemberParams,
        response: { 200: MembershipChange, ...problems(...AUTH_PROBLEMS, 404, 409, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      return addSegmentMembers(db, clock, programId, request.params.id, [request.params.member_id], () => '/member_id');
    },
  );

  app.delete(
    '/v1/segments/:id/members/:member_id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'removeSegmentMember',
        summary: 'Remove a member from a static segment',
        description: 'Idempotent: removing a member who is not in the segment changes nothing (`removed: false`). Lists as of an earlier instant still show them.',
        tags: ['segments'],
        security: bearerSecurity,
        params: MemberParams,
        response: { 200: z.object({ removed: z.boolean() }).meta({ id: 'SegmentMemberRemoval' }), ...problems(...AUTH_PROBLEMS, 404, 409) },
      },
    },
    async (request) => ({ removed: await removeSegmentMember(db, clock, programOf(request), request.params.id, request.params.member_id) }),
  );

  app.get(
    '/v1/segments/:id/members',
    {
      config: { access: READ },
      schema: {
        operationId: 'listSegmentMembers',
        summary: "The segment's members as of an instant",
        description:
          "In id (enrollment) order. The first page fixes the instant (as_of, default now): the cursor carries it, so every later page answers as of the same instant. An as_of later than the server's clock is 422 as_of_not_yet; a report running past ANALYTICS_STATEMENT_TIMEOUT_MS is 503 analytics_timeout.",
        tags: ['segments'],
        security: bearerSecurity,
        params: Params,
        querystring: PageQuery.extend({ as_of: AsOf }),
        response: {
          200: pageOf(MemberSchema, 'SegmentMemberPage', "A page of the segment's members"),
          ...problems(...AUTH_PROBLEMS, 404, 422),
        },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const { limit, cursor, as_of } = request.query;
      const after = decodeCursor(cursor, ['id', 'at'] as const);
      const asOf = after ? new Date(after.at) : reportInstant(as_of, clock.now());
      const rows = await segmentMembers(db, reader, programId, request.params.id, await settings.get(programId), asOf, { limit: limit + 1, after: after?.id });
      const page = paginate(rows, limit, (m) => ({ id: m.id, at: asOf.toISOString() }));
      return pageBody(
        page.data.map((m) => toMemberJson(m)),
        page.next_cursor,
      );
    },
  );

  app.get(
    '/v1/segments/:id/stats',
    {
      config: { access: READ },
      schema: {
        operationId: 'getSegmentStats',
        summary: "The segment's size, revenue, average check and points as of an instant",
        description:
          "Over the members in the segment as of as_of (default now): their number, their purchases and net spend recorded by then in the home currency, the average check, and their available points. An as_of later than the server's clock is 422 as_of_not_yet.",
        tags: ['segments'],
        security: bearerSecurity,
        params: Params,
        querystring: z.object({ as_of: AsOf }),
        response: { 200: SegmentStatsSchema, ...problems(...AUTH_PROBLEMS, 404, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const asOf = reportInstant(request.query.as_of, clock.now());
      return segmentStats(db, reader, programId, request.params.id, await settings.get(programId), asOf);
    },
  );
};
