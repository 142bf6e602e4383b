import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { enrollMember, findMember, listMembers, resendVerification, updateMember, verifyMember, type Member } from '../../members/members.ts';
import { READ, WRITE, bearerSecurity, programOf } from '../auth.ts';
import { OptionalIdempotencyHeaders, sendCreated } from '../idempotent-create.ts';
import { AUTH_PROBLEMS, PageQuery, pageOf, problems, pageBody } from '../schemas.ts';
import { Id } from '../../schemas/common.ts';
import {
  Attributes,
  AttributesPatch,
  ConsentsInput,
  ConsentsPatch,
  LoyaltyId,
  MemberSchema,
  MemberSource,
  MemberStatus,
  SettableMemberStatus,
} from '../../schemas/member.ts';
import { FieldError } from '../../errors.ts';
import { OTP_POLICY } from '../../otp/otp.ts';
import { decodeCursor, paginate } from '../pagination.ts';
import { memberActivity } from '../../ledger/history.ts';
import { rulesPayload } from '../../rules/rules.ts';
import { dayKey } from '../../calendar.ts';

const Phone = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be in E.164 format, e.g. +994501234567')
  .describe('Mobile number in E.164 format');
const Gender = z.enum(['female', 'male', 'other', 'undisclosed']);

const profileFields = {
  external_ref: z.string().trim().min(1).max(100).describe("The integrator's own customer reference, unique in the program"),
  name: z.string().trim().min(1).max(200),
  phone: Phone,
  email: z.email().max(254),
  birth_date: z.iso.date().describe('YYYY-MM-DD'),
  gender: Gender,
  branch: z.string().trim().min(1).max(100).describe('Home branch or store'),
};

export const toMemberJson = (m: Member) => ({
  id: m.id,
  loyalty_id: m.loyalty_id,
  external_ref: m.external_ref,
  status: m.status,
  status_reason: m.status_reason,
  name: m.name,
  phone: m.phone,
  email: m.email,
  birth_date: m.birth_date,
  gender: m.gender,
  branch: m.branch,
  source: m.source,
  referral_code: m.referral_code,
  attributes: m.attributes,
  consents: m.consents,
  created_at: m.created_at.toISOString(),
  updated_at: m.updated_at.toISOString(),
});

const MAX_ATTRIBUTE_FILTERS = 5;
const AttributeFilter = z
  .string()
  .max(600)
  .regex(/^[a-z][a-z0-9_]{0,63}:/, 'must be key:value, the key an attribute name (a lowercase letter, then lowercase letters, digits or underscores)');
/** key:value at the first colon: keys have none, a value may. */
const splitAttributeFilter = (filter: string) => {
  const colon = filter.indexOf(':');
  return { key: filter.slice(0, colon), value: filter.slice(colon + 1) };
};

export const MemberParams = z.object({ id: Id('mem', 'Member') });

const OtpRequestSchema = z
  .object({
    member_id: Id('mem', 'Member'),
    expires_at: z.string().describe('When the new code stops working'),
    max_attempts: z.number().int().describe('Wrong codes allowed before the code dies'),
  })
  .meta({ id: 'OtpRequest', description: 'A verification code was issued; member.otp_requested carries it to the integrator\'s SMS provider' });

export const MemberCardSchema = MemberSchema.extend({
  balance: z
    .object({ available: z.number().int(), pending: z.number().int(), held: z.number().int(), debt: z.number().int(), version: z.number().int() })
    .describe('Points now; GET /v1/members/{id}/balance has the full breakdown'),
  tier: z
    .object({ name: z.string(), qualifying_points: z.number().int(), next_tier: z.string().nullable(), points_to_next: z.number().int().nullable() })
    .nullable(),
  purchase_count: z.number().int(),
  return_count: z.number().int(),
  total_spent: z
    .array(z.object({ amount: z.number().int(), currency: z.string() }))
    .describe('What the member paid after promotion discounts, net of the returned share, per currency (not converted), in minor units'),
  last_activity_at: z.string().nullable().describe('Last purchase, spend or recorded activity (inactivity decay counts from it)'),
  last_purchase_at: z.string().nullable().describe('Win-back milestones count from it'),
  lost_at: z.string().nullable().describe('Set when the member passed the last win-back milestone; cleared by their next purchase'),
}).meta({ id: 'MemberCard' });

export const memberRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings }) => {
  app.post(
    '/v1/members',
    {
      config: { access: WRITE },
      schema: {
        operationId: 'enrollMember',
        summary: 'Enroll a member; assigns an 8-digit loyalty ID',
        description:
          'Enrolling an external_ref that already exists answers 409 member_exists with the existing member_id. With `verification: "otp"` (a phone is then required) the member starts `pending`: they cannot earn or spend until POST /v1/members/{id}/verify presents the one-time password that the event member.otp_requested carries for your SMS provider. `attributes` beyond their limits (keys, size) answer 422 too_many_attributes or attributes_too_large; each consent given is stamped with the time of enrollment.',
        tags: ['members'],
        security: bearerSecurity,
        body: z
          .object({
            external_ref: profileFields.external_ref.optional(),
            name: profileFields.name.optional(),
            phone: profileFields.phone.optional(),
            email: profileFields.email.optional(),
            birth_date: profileFields.birth_date.optional(),
            gender: profileFields.gender.optional(),
            branch: profileFields.branch.optional(),
            verification: z
              .enum(['none', 'otp'])
              .default('none')
              .describe(
                `none: the member is active at once. otp: the member is pending until they verify their phone with a ${OTP_POLICY.digits}-digit one-time password (valid ${OTP_POLICY.ttlMs / 60_000} minutes, ${OTP_POLICY.maxAttempts} tries), sent through member.otp_requested`,
              ),
            source: MemberSource.optional().describe('The channel the member enrolls through; stored on the member (null when not given)'),
            referred_by: z
              .string()
              .trim()
              .min(1)
              .max(100)
              .optional()
              .describe(
                "The referrer: their member id or referral code. When this member's first purchase matures, the referrer gets the program's referral_reward as store credit (the referrals job; referral.rewarded). Refused 422: referrer_not_found, referrer_not_active, self_referral (the referrer's email), referral_same_phone (the referrer's phone)",
              ),
            attributes: Attributes.optional(),
            consents: ConsentsInput.optional(),
          })
          .strict()
          .meta({
            examples: [
              {
                external_ref: 'CRM-1001',
                name: 'Aysel Mammadova',
                phone: '+994501234567',
                branch: 'Baku-28May',
                source: 'pos',
                attributes: { favourite_color: 'green', children: 2, vegan: false },
                consents: { sms: true, email: false },
              },
              { phone: '+994501234567', verification: 'otp', source: 'web' },
            ],
          }),
        headers: OptionalIdempotencyHeaders,
        response: { 201: MemberSchema, ...problems(...AUTH_PROBLEMS, 409, 422) },
      },
    },
    async (request, reply) => {
      const { verification, source, referred_by, attributes, consents, ...profile } = request.body;
      if (verification === 'otp' && profile.phone === undefined) throw new FieldError('/phone', 'is required with verification "otp"');
      return sendCreated(request, reply, { db, clock }, programOf(request), 'enrollMember', async (trx) =>
        toMemberJson(await enrollMember(trx, clock, programOf(request), profile, { verification, source, referred_by, data: { attributes, consents } })),
      );
    },
  );

  app.post(
    '/v1/members/:id/otp',
    {
      config: { access: WRITE },
      schema: {
        operationId: 'resendMemberOtp',
        summary: 'Send a pending member a new verification code',
        description: `Issues a new one-time password, replacing the last one, and publishes it in member.otp_requested. At most ${OTP_POLICY.maxIssues} codes per member per ${OTP_POLICY.rateWindowMs / 60_000} minutes, enrollment's included: more answer 429 otp_rate_limited with Retry-After. A member who is not pending answers 409 member_not_pending.`,
        tags: ['members'],
        security: bearerSecurity,
        params: MemberParams,
        response: { 201: OtpRequestSchema, ...problems(...AUTH_PROBLEMS, 404, 409) },
      },
    },
    async (request, reply) => {
      const issued = await resendVerification(db, clock, programOf(request), request.params.id);
      return reply.code(201).send({ ...issued, expires_at: issued.expires_at.toISOString() });
    },
  );

  app.post(
    '/v1/members/:id/verify',
    {
      config: { access: WRITE },
      schema: {
        operationId: 'verifyMember',
        summary: 'Activate a pending member with their one-time password',
        description: `The right code activates the member (member.verified) and is used up. A wrong one answers 422 otp_invalid (pointer /otp, with attempts_left); after ${OTP_POLICY.maxAttempts} wrong codes, or ${OTP_POLICY.ttlMs / 60_000} minutes after it was issued, or once used, the code answers 422 otp_expired: send a new one (POST /v1/members/{id}/otp). A member who is not pending (already verified, blocked) answers 409 member_not_pending.`,
        tags: ['members'],
        security: bearerSecurity,
        params: MemberParams,
        body: z
          .object({ otp: z.string().trim().min(1).max(16).describe('The code the member received') })
          .strict()
          .meta({ examples: [{ otp: '482913' }] }),
        response: { 200: MemberSchema, ...problems(...AUTH_PROBLEMS, 404, 409, 422) },
      },
    },
    async (request) => toMemberJson(await verifyMember(db, clock, programOf(request), request.params.id, request.body.otp)),
  );

  app.get(
    '/v1/members',
    {
      config: { access: READ },
      schema: {
        operationId: 'listMembers',
        summary: 'Search and filter members',
        description:
          "`q` matches part of the name or phone, or the whole loyalty ID. Filters combine (all must hold); ranges are inclusive, and a minimum above its maximum is 400 validation_failed pointing at the minimum. Age counts whole years on the program's local date; members without a birth date match no age or birth month filter. Total spent counts purchases in the home currency. Pages follow enrollment order.",
        tags: ['members'],
        security: bearerSecurity,
        querystring: PageQuery.extend({
          q: z.string().trim().min(1).max(100).optional(),
          status: MemberStatus.optional(),
          branch: z.string().max(100).optional(),
          external_ref: z.string().max(100).optional(),
          loyalty_id: LoyaltyId.optional(),
          phone: Phone.optional(),
          tier: z.string().trim().min(1).max(100).optional().describe("Tier name; the program's first (entry) tier also matches members who never moved tier"),
          gender: Gender.optional(),
          age_min: z.coerce.number().int().min(0).max(150).optional().describe("Age in whole years on the program's local date today, at least"),
          age_max: z.coerce.number().int().min(0).max(150).optional().describe('Age in whole years, at most'),
          birth_month: z.coerce.number().int().min(1).max(12).optional().describe('Month of the birth date, 1-12'),
          total_spent_min: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe("Net spend in the program's home currency, minor units, at least: what was paid after promotion discounts, net of the returned share, other currencies converted at the FX rate in force at each purchase's time (a purchase with no rate is left out), as segment rules count total_spent"),
          total_spent_max: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Net spend in the home currency, minor units, at most'),
          balance_min: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Available points, at least'),
          balance_max: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Available points, at most'),
          attribute: z
            .union([AttributeFilter, z.array(AttributeFilter).min(1).max(MAX_ATTRIBUTE_FILTERS)])
            .optional()
            .describe(
              `key:value, the member's attribute equal to the value as text (numbers as JSON writes them, true or false); repeat the parameter (at most ${MAX_ATTRIBUTE_FILTERS}) for several, all of which must hold`,
            ),
        }),
        response: { 200: pageOf(MemberSchema, 'MemberPage', 'A page of members, in enrollment order'), ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => {
      const { limit, cursor, attribute, ...filter } = request.query;
      for (const [min, max] of [['age_min', 'age_max'], ['total_spent_min', 'total_spent_max'], ['balance_min', 'balance_max']] as const) {
        const low = filter[min];
        const high = filter[max];
        if (low !== undefined && high !== undefined && low > high) throw new FieldError(`/${min}`, `must not be more than ${max} (${high})`, 'query');
      }
      const after = decodeCursor(cursor, ['id'] as const);
      const programId = programOf(request);
      const program = await settings.get(programId);
      const rows = await listMembers(
        db,
        programId,
        { ...filter, attributes: attribute === undefined ? undefined : [attribute].flat().map(splitAttributeFilter) },
        { limit: limit + 1, after: after?.id },
        { entryTier: program.tiers[0]?.name, homeCurrency: program.home_currency, timezone: program.timezone, today: dayKey(clock.now(), program.timezone), now: clock.now() },
      );
      const page = paginate(rows, limit, (m) => ({ id: m.id }));
      return pageBody(page.data.map(toMemberJson), page.next_cursor);
    },
  );

  app.get(
    '/v1/members/:id',
    {
      config: { access: READ },
      schema: {
        operationId: 'getMember',
        summary: 'The member card: profile, status, points, purchase and return counts, total spent',
        tags: ['members'],
        security: bearerSecurity,
        params: MemberParams,
        response: { 200: MemberCardSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const member = await findMember(db, programId, request.params.id);
      const now = clock.now();
      const rules = rulesPayload(await settings.get(programId), now);
      return { ...toMemberJson(member), ...(await memberActivity(db, member.id, now, { rules })) };
    },
  );

  app.patch(
    '/v1/members/:id',
    {
      config: { access: WRITE },
      schema: {
        operationId: 'updateMember',
        summary: "Update a member's profile or status",
        description:
          'Fields set to null are cleared. Changing status records when and why. `attributes` and `consents` are merged into what the member has (JSON merge patch): a key given replaces its value, a key set to null is removed, keys not named stay. A merge that would leave more than the limits answers 422 too_many_attributes, attributes_too_large or too_many_consents.',
        tags: ['members'],
        security: bearerSecurity,
        params: MemberParams,
        body: z
          .object({
            external_ref: profileFields.external_ref.nullable().optional(),
            name: profileFields.name.nullable().optional(),
            phone: profileFields.phone.nullable().optional(),
            email: profileFields.email.nullable().optional(),
            birth_date: profileFields.birth_date.nullable().optional(),
            gender: profileFields.gender.nullable().optional(),
            branch: profileFields.branch.nullable().optional(),
            status: SettableMemberStatus.optional().describe('Setting a pending member active verifies them without a code (member.verified)'),
            status_reason: z.string().trim().min(1).max(500).optional(),
            attributes: AttributesPatch.optional(),
            consents: ConsentsPatch.optional(),
          })
          .strict()
          .meta({
            examples: [
              { status: 'blocked', status_reason: 'card reported stolen' },
              { attributes: { favourite_color: 'blue', vegan: null }, consents: { push: true, email: null } },
            ],
          }),
        response: { 200: MemberSchema, ...problems(...AUTH_PROBLEMS, 404, 409, 422) },
      },
    },
    async (request) => toMemberJson(await updateMember(db, clock, programOf(request), request.params.id, request.body)),
  );
};
