import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

/** The promo code resource, as the promo-code routes and the promo_code.* events carry it. It never holds the PIN. */

/** What an admin types and a till presents, after trimming and upper-casing. */
export const PROMO_CODE_PATTERN = /^[A-Z0-9-]{4,40}$/;

export const PromoCodeStatus = z
  .enum(['active', 'scheduled', 'expired', 'used_up', 'locked', 'revoked'])
  .describe(
    'active: usable now; scheduled: valid_from is ahead; expired: valid_until has passed; used_up: uses reached max_uses; locked: 5 wrong PINs; revoked: by an admin. The first that applies of revoked, locked, used_up, expired, scheduled.',
  );

export const PromoCodeSchema = z
  .object({
    code: z.string().regex(PROMO_CODE_PATTERN).describe('The code, unique in the program: A-Z, 0-9 and -, 4 to 40 characters'),
    promotion_id: Id('prm', 'Promotion').describe('The promotion the code unlocks'),
    member_id: Id('mem', 'Member').nullable().describe('The member the code is bound to (it works only for them); null: anyone'),
    has_pin: z.boolean().describe('A PIN must be presented with the code (the PIN itself is never shown after issue)'),
    max_uses: z.number().int().min(1),
    uses: z.number().int().min(0),
    valid_from: Timestamp.nullable().describe('Not usable before this instant; null: from issue'),
    valid_until: Timestamp.nullable().describe('Not usable from this instant on; null: no end'),
    status: PromoCodeStatus,
    locked_at: Timestamp.nullable().describe('When the 5th wrong PIN locked it'),
    revoked_at: Timestamp.nullable(),
    batch_id: Id('pcb', 'Promo code batch').nullable().describe('The batch it was issued in; null for a shared code'),
    issued_by_purchase: z.string().nullable().describe('The purchase whose promotion issued it; null when an admin issued it'),
    created_at: Timestamp,
  })
  .meta({ id: 'PromoCode' });

export type PromoCodeJson = z.infer<typeof PromoCodeSchema>;
