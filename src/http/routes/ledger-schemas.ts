import { z } from 'zod';
import { Id } from '../../schemas/common.ts';
import { BalanceSchema, MoneySchema, TransactionSchema } from '../../schemas/ledger.ts';

export const Points = z.number().int().positive().max(1_000_000_000).describe('Points (integer)');

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ error: (issue) => (issue.input === undefined ? 'is required on every ledger write' : 'must be a string') })
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .describe('Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back.'),
});

const LotSummary = z.object({ id: z.string(), points: z.number().int(), matures_at: z.string(), expires_at: z.string() });

export const PurchaseSchema = z
  .object({
    id: Id('pur', 'Purchase'),
    member_id: z.string(),
    receipt_id: z.string(),
    amount: MoneySchema,
    store_id: z.string().nullable(),
    points: z.number().int().describe('Points earned: money x rate, times the tier multiplier'),
    base_points: z.number().int().optional().describe('Points before the tier multiplier'),
    rate: z.number().optional().describe('Points per 1 unit of the currency at occurred_at'),
    rate_set_id: z.string().nullable().optional(),
    debt_paid: z.number().int().describe('Points that went to paying off a debt instead of the balance'),
    lot: LotSummary.nullable(),
    occurred_at: z.string(),
  })
  .meta({ id: 'Purchase' });

export const ReturnSchema = z
  .object({
    id: Id('ret', 'Return'),
    purchase_id: z.string(),
    member_id: z.string(),
    receipt_id: z.string(),
    amount: MoneySchema,
    points: z.number().int().describe('Points this return claws back, in proportion to the purchase'),
    clawed_from_purchase: z.number().int(),
    clawed_from_balance: z.number().int(),
    debt: z.number().int().describe('What could not be clawed back and became a debt (debt policy)'),
    forgiven: z.number().int().describe('What could not be clawed back and was dropped (clamp policy)'),
  })
  .meta({ id: 'Return' });

export const RedemptionSchema = z
  .object({
    id: Id('red', 'Redemption'),
    member_id: z.string(),
    points: z.number().int(),
    reversed: z.number().int(),
    reason: z.string().nullable(),
    store_id: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'Redemption' });

export const ReversalSchema = z
  .object({
    id: Id('rev', 'Reversal'),
    redemption_id: z.string(),
    member_id: z.string(),
    points: z.number().int(),
    remaining_reversible: z.number().int(),
  })
  .meta({ id: 'Reversal' });

export const HoldSchema = z
  .object({
    id: Id('hld', 'Hold'),
    member_id: z.string(),
    points: z.number().int(),
    captured: z.number().int().nullable(),
    status: z.enum(['active', 'captured', 'voided', 'expired']),
    expires_at: z.string(),
    created_at: z.string(),
    closed_at: z.string().nullable().optional(),
  })
  .meta({ id: 'Hold' });

export const AdjustmentSchema = z
  .object({
    id: Id('adj', 'Adjustment'),
    member_id: z.string(),
    points: z.number().int().describe('Positive: credit; negative: debit'),
    reason: z.string(),
    lot_id: z.string().nullable(),
  })
  .meta({ id: 'Adjustment' });

export const TierChangeSchema = z
  .object({ from: z.string(), to: z.string(), qualifying_points: z.number().int() })
  .meta({ id: 'TierChange', description: 'The tier changed in this request' });

export const writeResponse = <K extends string, S extends z.ZodType>(name: K, resource: S, id: string) =>
  z
    .object({ transaction: TransactionSchema, balance: BalanceSchema, [name]: resource } as {
      transaction: typeof TransactionSchema;
      balance: typeof BalanceSchema;
    } & Record<K, S>)
    .meta({ id });

export const PurchaseRecordedSchema = z
  .object({
    transaction: TransactionSchema,
    balance: BalanceSchema,
    purchase: PurchaseSchema,
    bonus: TransactionSchema.optional().describe('The rate-rise bonus, a separate ledger transaction'),
    tier_change: TierChangeSchema.optional(),
  })
  .meta({ id: 'PurchaseRecorded' });
