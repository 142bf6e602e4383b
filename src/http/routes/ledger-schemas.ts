import { z } from 'zod';
import { Id } from '../../schemas/common.ts';
import {
  AdjustmentRecord,
  AppliedPromotionRecord,
  PartnerTransferRecord,
  LineOutcomeRecord,
  MoneySchema,
  MoneyOrZeroSchema,
  HoldRecord,
  PurchaseRecord,
  RedemptionRecord,
  ReturnRecord,
  ReversalRecord,
  TierChangeRecord,
  purchaseRecorded,
  writeResult,
} from '../../schemas/ledger.ts';
import { MAX_POINTS } from '../../schemas/limits.ts';

export const Points = z.number().int().positive().max(MAX_POINTS).describe(`Points (integer), at most ${MAX_POINTS}`);

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ error: (issue) => (issue.input === undefined ? 'is required on every ledger write' : 'must be a string') })
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .describe('Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back.'),
});

export const PurchaseSchema = PurchaseRecord.meta({ id: 'Purchase' });
export const ReturnSchema = ReturnRecord.meta({ id: 'Return' });
export const RedemptionSchema = RedemptionRecord.meta({ id: 'Redemption' });
export const ReversalSchema = ReversalRecord.meta({ id: 'Reversal' });
export const HoldSchema = HoldRecord.meta({ id: 'Hold' });
export const AdjustmentSchema = AdjustmentRecord.meta({ id: 'Adjustment' });
export const PartnerTransferSchema = PartnerTransferRecord.meta({ id: 'PartnerTransfer' });
export const TierChangeSchema = TierChangeRecord.meta({ id: 'TierChange', description: 'The tier changed in this request' });

export const writeResponse = <K extends string, S extends z.ZodType>(name: K, resource: S, id: string) => writeResult(name, resource).meta({ id });

export const PurchaseRecordedSchema = purchaseRecorded(PurchaseSchema, TierChangeSchema).meta({ id: 'PurchaseRecorded' });

const REJECTION_REASONS = [
  'not_started', 'ended', 'paused', 'day_of_week', 'hours', 'min_amount', 'store', 'channel', 'tier', 'segment', 'not_first_purchase',
  'enrolment_window', 'birthday_window', 'purchase_count', 'login_streak', 'code_required', 'no_eligible_lines',
  'per_member_limit', 'per_member_period_limit', 'total_uses_exhausted', 'budget_exhausted', 'currency',
  'bundle_incomplete', 'not_enough_units', 'better_promotion', 'brand_cap',
] as const;
const Rejection = z.object({ promotion_id: z.string(), reason: z.enum(REJECTION_REASONS).describe('Why the promotion does not apply (here)') });

export const QuoteSchema = z
  .object({
    quote_id: Id('qte', 'Quote'),
    expires_at: z.string().describe('Commit it with POST /v1/purchases before this'),
    member_id: z.string(),
    amount: MoneySchema,
    discount: MoneyOrZeroSchema,
    net_amount: MoneyOrZeroSchema,
    points: z.object({
      base: z.number().int().describe("The net amount's points, times the member's tier multiplier"),
      extra: z.number().int().describe("The promotions' points"),
      total: z.number().int(),
    }),
    applied: z.array(
      AppliedPromotionRecord.omit({ code: true }).extend({
        issue_code: z.object({ promotion_id: z.string(), valid_until: z.string() }).nullable().describe('A code this purchase would issue for a later one'),
      }),
    ),
    rejected: z.array(Rejection).describe('Promotions that apply to no line, with the first reason'),
    lines: z.array(LineOutcomeRecord.extend({ rejected: z.array(Rejection) })),
  })
  .meta({ id: 'PurchaseQuote' });
