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
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Member' });
