import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { FieldError } from '../../errors.ts';
import { MAX_BATCH, MAX_GENERATED_PINS, findCode, issueCodes, listCodes, preparePins, revokeCode, toPromoCodeJson } from '../../promotions/codes.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { PROMO_CODE_PATTERN, PromoCodeSchema } from '../../schemas/promo-code.ts';
import { ADMIN, READ, bearerSecurity, programOf } from '../auth.ts';
import { OptionalIdempotencyHeaders, sendCreated } from '../idempotent-create.ts';
import { decodeCursor, paginate } from '../pagination.ts';
import { AUTH_PROBLEMS, PageQuery, pageBody, pageOf, problems } from '../schemas.ts';

const PromotionId = Id('prm', 'Promotion');

/** As stored: trimmed and upper-cased first, so "  summer-26 " is SUMMER-26. */
const Code = z
  .string()
  .max(100)
  .trim()
  .toUpperCase()
  .regex(PROMO_CODE_PATTERN, 'must be 4 to 40 of A-Z, 0-9 and - (after trimming and upper-casing)');

const IssueBody = z
  .object({
    promotion_id: PromotionId.describe('The promotion the codes unlock'),
    code: Code.optional().describe('One shared code, your own text (trimmed, upper-cased). Give this or count.'),
    count: z.number().int().min(1).max(MAX_BATCH).optional().describe(`A batch of this many generated codes (10 characters of Crockford base32). Give this or code.`),
    member_id: Id('mem', 'Member').optional().describe('Bind the codes to this member: they work only in their purchases'),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be in E.164 format, e.g. +994501234567')
      .optional()
      .describe("Or bind them to the program's member with this phone (exactly one member must have it)"),
    pin: z
      .union([z.string().regex(/^\d{4,8}$/, 'must be 4 to 8 digits'), z.literal('generate')])
      .optional()
      .describe(
        `A PIN the purchase must present with the code: 4 to 8 digits (every code of the batch gets it), or "generate": a random 4-digit PIN per code, shown in this response only (at most ${MAX_GENERATED_PINS} codes). PINs are stored hashed; 5 wrong PINs lock a code.`,
      ),
    max_uses: z.number().int().min(1).max(1_000_000_000).optional().describe('Uses of each code in all (default 1)'),
    valid_from: Timestamp.optional().describe('Not usable before this instant (default: at once)'),
    valid_until: Timestamp.optional().describe('Not usable from this instant on (default: no end)'),
  })
  .strict()
  .meta({
    examples: [
      { promotion_id: 'prm_01jdq3v7f8e9t0sw2p1x5m3k4z', code: 'SUMMER-26', max_uses: 1000, valid_until: '2026-09-01T00:00:00+04:00' },
      { promotion_id: 'prm_01jdq3v7f8e9t0sw2p1x5m3k4z', count: 1, phone: '+994501234567', pin: 'generate' },
    ],
  });

const IssuedSchema = z
  .object({
    promotion_id: PromotionId,
    batch_id: Id('pcb', 'Promo code batch').nullable().describe('Names the batch of generated codes; null for a shared code'),
    codes: z.array(
      PromoCodeSchema.extend({
        pin: z.string().optional().describe('The generated PIN (pin "generate" only). Shown here once: it is stored hashed and never shown again.'),
      }).meta({ id: 'IssuedPromoCode' }),
    ),
  })
  .meta({ id: 'IssuedPromoCodes' });

const CodeParams = z.object({ code: z.string().min(1).max(100).describe('The code (case and surrounding spaces do not matter)') });

export const promoCodeRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock }) => {
  app.post(
    '/v1/promo-codes',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'issuePromoCodes',
        summary: 'Issue promo codes for a promotion',
        description:
          'Either one shared code (`code`, your own text) or a batch of `count` generated codes. Codes may be bound to a member (`member_id`, or `phone`) and need a PIN. A purchase presents them in `promo_codes`; any code that cannot be used (unknown, wrong PIN, locked, revoked, expired, used up, another member\'s) is refused alike with 422 promo_code_invalid. Codes bound to a member publish `promo_code.issued` (without the PIN). With an Idempotency-Key, a retry gets the same codes and PINs back.',
        tags: ['promo-codes'],
        security: bearerSecurity,
        body: IssueBody,
        headers: OptionalIdempotencyHeaders,
        response: { 201: IssuedSchema, ...problems(...AUTH_PROBLEMS, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if ((body.code === undefined) === (body.count === undefined)) throw new FieldError('/code', 'give exactly one of code and count');
      if (body.member_id !== undefined && body.phone !== undefined) throw new FieldError('/phone', 'cannot be given with member_id');
      // Hashing PINs takes up to seconds: done before the idempotent creation opens its transaction (a replay wastes it).
      const prepared = await preparePins(body);
      return sendCreated(request, reply, { db, clock }, programOf(request), 'issuePromoCodes', (trx) => issueCodes(trx, clock, programOf(request), body, prepared));
    },
  );

  app.get(
    '/v1/promo-codes',
    {
      config: { access: READ },
      schema: {
        operationId: 'listPromoCodes',
        summary: "A promotion's promo codes, by code",
        tags: ['promo-codes'],
        security: bearerSecurity,
        querystring: PageQuery.extend({
          promotion_id: PromotionId,
          member_id: Id('mem', 'Member').optional().describe('Only the codes bound to this member'),
        }),
        response: { 200: pageOf(PromoCodeSchema, 'PromoCodePage', 'A page of promo codes, by code'), ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => {
      const { limit, cursor, promotion_id, member_id } = request.query;
      const after = decodeCursor(cursor, ['code'] as const);
      const rows = await listCodes(db, programOf(request), { promotion_id, member_id }, { limit: limit + 1, after: after?.code });
      const page = paginate(rows, limit, (row) => ({ code: row.code }));
      const now = clock.now();
      return pageBody(
        page.data.map((row) => toPromoCodeJson(row, now)),
        page.next_cursor,
      );
    },
  );

  app.get(
    '/v1/promo-codes/:code',
    {
      config: { access: READ },
      schema: {
        operationId: 'getPromoCode',
        summary: 'A promo code (never its PIN)',
        tags: ['promo-codes'],
        security: bearerSecurity,
        params: CodeParams,
        response: { 200: PromoCodeSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => toPromoCodeJson(await findCode(db, programOf(request), request.params.code), clock.now()),
  );

  app.post(
    '/v1/promo-codes/:code/revoke',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'revokePromoCode',
        summary: 'Revoke a promo code',
        description: 'The code can no longer be used; uses already made stand. Revoking a revoked code changes nothing.',
        tags: ['promo-codes'],
        security: bearerSecurity,
        params: CodeParams,
        response: { 200: PromoCodeSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => toPromoCodeJson(await revokeCode(db, clock, programOf(request), request.params.code), clock.now()),
  );
};
