import { z } from 'zod';
import { Id } from './common.ts';

/** Money, ledger transactions and balances, as the ledger routes answer them and the points.*, hold.* and conversion.* events carry them. */

export const MoneySchema = z
  .object({
    amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('Integer amount in minor units (cents, qapik)'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').describe('ISO 4217 currency code'),
  })
  .meta({ id: 'Money', examples: [{ amount: 2450, currency: 'AZN' }] });

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
