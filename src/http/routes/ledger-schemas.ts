import { z } from 'zod';
import { Id } from '../schemas.ts';

export const MoneySchema = z
  .object({
    amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('Integer amount in minor units (cents, qapik)'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').describe('ISO 4217 currency code'),
  })
  .meta({ id: 'Money', examples: [{ amount: 2450, currency: 'AZN' }] });

export const Points = z.number().int().positive().max(1_000_000_000).describe('Points (integer)');

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ error: (issue) => (issue.input === undefined ? 'is required on every ledger write' : 'must be a string') })
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .describe('Required. A unique key per intended write (e.g. a UUID); retries reuse it and get the first response back.'),
});

export const EntrySchema = z
  .object({
    account: z.enum(['available', 'pending', 'held', 'debt', 'issued', 'redeemed', 'expired', 'adjustments', 'converted', 'decayed']),
    amount: z.number().int().describe('Signed points: positive into the account, negative out of it'),
  })
  .meta({ id: 'Entry' });

export const TRANSACTION_TYPES = [
  'earn',
  'bonus',
  'return',
  'redeem',
  'reversal',
  'hold',
  'capture',
  'void',
  'hold_expire',
  'adjust',
  'mature',
  'expire',
  'debt_payment',
  'benefit',
  'convert',
  'renew',
  'decay',
  'extend',
] as const;

const transactionFields = {
  id: Id('txn', 'Transaction'),
  type: z.enum(TRANSACTION_TYPES),
  points: z.number().int().describe('Headline figure of the transaction'),
  resource_id: z.string().nullable().describe('The purchase, return, redemption, reversal, hold or adjustment it created'),
  ref_id: z.string().nullable().describe('What it acted on (the purchase of a return, the hold of a capture...)'),
  external_ref: z.string().nullable().describe('The receipt id, for purchases and returns'),
  occurred_at: z.string().describe('Business time'),
  recorded_at: z.string().describe('When the ledger recorded it'),
  version: z.number().int().describe("The member's balance version after this transaction"),
  data: z.record(z.string(), z.unknown()),
  entries: z.array(EntrySchema),
};

export const TransactionSchema = z.object({ ...transactionFields, member_id: Id('mem', 'Member') }).meta({ id: 'Transaction' });

export const TransactionWithLotsSchema = z
  .object({
    ...transactionFields,
    lots: z.array(z.object({ lot_id: z.string(), points: z.number().int(), expires_at: z.string() })).describe('Lots granted or drawn (negative) by the transaction'),
  })
  .meta({ id: 'TransactionDetail' });

export const BalanceSchema = z
  .object({
    member_id: Id('mem', 'Member'),
    available: z.number().int().describe('Spendable now'),
    pending: z.number().int().describe('Earned, spendable after the return window'),
    held: z.number().int().describe('Reserved by open holds'),
    debt: z.number().int().describe('Owed after a return clawed back more than was there; paid from later earnings'),
    lifetime: z.object({ earned: z.number().int(), redeemed: z.number().int(), expired: z.number().int() }),
    tier: z
      .object({
        name: z.string(),
        qualifying_points: z.number().int().describe('Points earned in the rolling window (returns deducted)'),
        next_tier: z.string().nullable(),
        points_to_next: z.number().int().nullable(),
      })
      .nullable(),
    expiring: z.array(z.object({ date: z.string(), points: z.number().int() })).describe('Points expiring in the next 30 days, by date in the program time zone'),
    version: z.number().int(),
  })
  .meta({ id: 'Balance' });

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
