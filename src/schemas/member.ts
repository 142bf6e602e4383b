import { z } from 'zod';
import { Id } from './common.ts';

/** The member resource, as GET /v1/members/{id} and the member.* events carry it. */

export const MemberStatus = z
  .enum(['pending', 'active', 'blocked', 'deactivated'])
  .describe('pending: enrolled with verification "otp", phone not verified yet (no earning or spending)');

/** Statuses in which a member may neither earn nor spend (the ledger's pl_refuses_spending holds the same list). */
export const SPENDING_REFUSED: ReadonlySet<string> = new Set(['pending', 'blocked', 'deactivated']);

/** The statuses an admin sets: pending is only entered at enrollment. */
export const SettableMemberStatus = z.enum(['active', 'blocked', 'deactivated']);

export const MemberSource = z
  .enum(['pos', 'web', 'app', 'link', 'qr', 'operator'])
  .describe('The channel the member enrolled through: a till (pos), the website, the app, a shared link, a QR code, or an operator');

export const LoyaltyId = z.string().regex(/^\d{8}$/, 'must be 8 digits');

/**
 * Member attributes (analytics.md "Data"): free facts the integrator keeps on the member, for segments and reports.
 * Keys are lowercase identifiers; values are scalars, so a segment can compare them and a report group by them.
 * The limits on the whole (ATTRIBUTE_LIMITS) are the domain's (src/members/attributes.ts), checked after a merge.
 */
export const ATTRIBUTE_LIMITS = { keys: 50, bytes: 4096, stringLength: 500 } as const;
export const CONSENT_LIMITS = { channels: 20 } as const;

const ATTRIBUTE_KEY = /^[a-z][a-z0-9_]{0,63}$/;
const CHANNEL_KEY = /^[a-z][a-z0-9_]{0,31}$/;

export const AttributeValue = z.union([z.string().max(ATTRIBUTE_LIMITS.stringLength), z.number(), z.boolean()], {
  error: (issue) =>
    issue.code === 'invalid_union' ? `must be a string of at most ${ATTRIBUTE_LIMITS.stringLength} characters, a finite number or a boolean` : undefined,
});

const keyError = (what: string, pattern: string) => (issue: { code: string }) =>
  issue.code === 'invalid_key' ? `is not a valid ${what}: ${pattern}` : undefined;

/** What enrollment takes, and what a member shows. */
export const Attributes = z
  .record(z.string().regex(ATTRIBUTE_KEY), AttributeValue, {
    error: keyError('attribute name', 'a lowercase letter, then at most 63 lowercase letters, digits or underscores'),
  })
  .describe(
    `Free facts about the member: lowercase keys (^[a-z][a-z0-9_]{0,63}$) to strings (at most ${ATTRIBUTE_LIMITS.stringLength} characters), finite numbers or booleans; at most ${ATTRIBUTE_LIMITS.keys} keys and ${ATTRIBUTE_LIMITS.bytes} bytes as JSON`,
  );

/** What PATCH takes: JSON merge patch, a key set to null is removed. */
export const AttributesPatch = z
  .record(z.string().regex(ATTRIBUTE_KEY), AttributeValue.nullable(), {
    error: keyError('attribute name', 'a lowercase letter, then at most 63 lowercase letters, digits or underscores'),
  })
  .describe('Merged into the stored attributes (JSON merge patch): a key given replaces its value, a key set to null is removed, keys not named stay');

export const ConsentChannel = z.string().regex(CHANNEL_KEY);

export const ConsentsInput = z
  .record(ConsentChannel, z.boolean(), { error: keyError('channel', 'a lowercase letter, then at most 31 lowercase letters, digits or underscores (push, sms, email, whatsapp...)') })
  .describe('Per channel (push, sms, email, whatsapp...): true when the member agreed to be contacted on it, false when they refused');

export const ConsentsPatch = z
  .record(ConsentChannel, z.boolean().nullable(), {
    error: keyError('channel', 'a lowercase letter, then at most 31 lowercase letters, digits or underscores (push, sms, email, whatsapp...)'),
  })
  .describe("Merged into the stored consents: a channel given is granted (true) or refused (false), a channel set to null is forgotten, channels not named stay");

export const ConsentSchema = z
  .object({
    granted: z.boolean().describe('The member agreed to be contacted on the channel'),
    updated_at: z.string().describe('When the member last gave or withdrew it (unchanged by a PATCH that repeats the same answer)'),
  })
  .meta({ id: 'Consent' });

export const MemberSchema = z
  .object({
    id: Id('mem', 'Member'),
    loyalty_id: LoyaltyId.describe('8-digit loyalty ID, unique in the program'),
    external_ref: z.string().nullable(),
    status: MemberStatus,
    status_reason: z.string().nullable(),
    name: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    birth_date: z.string().nullable(),
    gender: z.string().nullable(),
    branch: z.string().nullable(),
    source: MemberSource.nullable().describe('The channel the member enrolled through; null when enrollment did not say'),
    referral_code: z
      .string()
      .nullable()
      .describe("The member's referral code, unique in the program: a new member enrolled with it as referred_by is their referee"),
    attributes: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .describe('Free facts about the member (set at enrollment, merged by PATCH); {} when none')
      .meta({ examples: [{ favourite_color: 'green', children: 2, vegan: false }] }),
    consents: z
      .record(z.string(), ConsentSchema)
      .describe('Per channel, whether the member agreed to be contacted on it and since when; a channel absent was never answered and counts as not granted')
      .meta({ examples: [{ sms: { granted: true, updated_at: '2026-03-01T09:30:00.000Z' }, email: { granted: false, updated_at: '2026-03-01T09:30:00.000Z' } }] }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Member' });
