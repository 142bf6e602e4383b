import { z } from 'zod';
import { Id } from './common.ts';
import { MoneySchema } from './ledger.ts';

/** Wallet money (incentives.md "Wallets"), as the wallet routes answer it and the wallet.* events carry it. */

export const WALLET_TRANSACTION_TYPES = ['wallet_credit', 'wallet_debit', 'wallet_hold', 'wallet_capture', 'wallet_void', 'wallet_hold_expire', 'wallet_expire', 'wallet_reversal'] as const;

export const WalletEntrySchema = z
  .object({
    account: z
      .string()
      .regex(/^wallet_(available|held|issued|spent|expired):[A-Z]{3}$/)
      .describe('A money account of one currency: wallet_available and wallet_held are the member\'s; wallet_issued, wallet_spent and wallet_expired the system\'s')
      .meta({ examples: ['wallet_available:USD'] }),
    amount: z.number().int().describe('Signed minor units: positive into the account, negative out of it'),
  })
  .meta({ id: 'WalletEntry' });

export const WalletTransactionSchema = z
  .object({
    id: Id('txn', 'Transaction'),
    type: z.enum(WALLET_TRANSACTION_TYPES),
    member_id: Id('mem', 'Member'),
    amount: MoneySchema.describe('The money moved'),
    resource_id: z.string().nullable().describe('The credit, debit or hold it created'),
    ref_id: z.string().nullable().describe('The hold it captured, voided or expired'),
    external_ref: z.string().nullable().describe('The receipt id, for debits'),
    occurred_at: z.string().describe('Business time'),
    recorded_at: z.string().describe('When the ledger recorded it'),
    version: z.number().int().describe("The member's balance version after this transaction (one sequence with points)"),
    data: z.record(z.string(), z.unknown()),
    entries: z.array(WalletEntrySchema),
  })
  .meta({ id: 'WalletTransaction' });

export const WalletCurrencySchema = z
  .object({
    currency: z.string().describe('ISO 4217 currency code'),
    available: z.number().int().describe('Minor units the member can spend or have held'),
    held: z.number().int().describe('Minor units reserved by open holds'),
    expiring: z
      .array(z.object({ date: z.string(), amount: z.number().int() }))
      .describe('Money expiring in the next 30 days, by date in the program time zone'),
  })
  .meta({ id: 'WalletBalance' });

export const WalletSchema = z
  .object({ member_id: Id('mem', 'Member'), balances: z.array(WalletCurrencySchema).describe('One per currency the member holds or held') })
  .meta({ id: 'Wallet' });

export const WalletCreditRecord = z
  .object({
    id: Id('wcr', 'Wallet credit'),
    member_id: z.string(),
    amount: MoneySchema,
    reason: z.string(),
    lot_id: z.string().describe('The lot the credit became'),
    expires_at: z.string().nullable().describe('When the money expires; null: never'),
  })
  .meta({ id: 'WalletCredit' });

export const WalletDebitRecord = z
  .object({ id: Id('wdb', 'Wallet debit'), member_id: z.string(), amount: MoneySchema, receipt_id: z.string() })
  .meta({ id: 'WalletDebit' });

export const WalletHoldRecord = z
  .object({
    id: Id('whl', 'Wallet hold'),
    member_id: z.string(),
    amount: MoneySchema.describe('The money reserved'),
    captured: z.number().int().nullable().describe('Minor units captured (the rest was released); null until captured'),
    status: z.enum(['active', 'captured', 'voided', 'expired']),
    reason: z.string().nullable(),
    expires_at: z.string(),
    created_at: z.string(),
    closed_at: z.string().nullable(),
  })
  .meta({ id: 'WalletHold' });

export const WalletReversalRecord = z
  .object({
    id: Id('wrv', 'Wallet reversal'),
    debit_id: z.string(),
    member_id: z.string(),
    amount: MoneySchema.describe('The money given back'),
    remaining_reversible: z.number().int().describe('Minor units of the debit that can still be reversed'),
    reason: z.string().nullable(),
  })
  .meta({ id: 'WalletReversal' });

/** A wallet write's result: its transaction, the wallet's currency after it, and the resource it created. */
export const walletWriteResult = <K extends string, S extends z.ZodType>(name: K, resource: S) =>
  z.object({ transaction: WalletTransactionSchema, wallet: WalletCurrencySchema, [name]: resource } as {
    transaction: typeof WalletTransactionSchema;
    wallet: typeof WalletCurrencySchema;
  } & Record<K, S>);

export const WalletCredited = walletWriteResult('credit', WalletCreditRecord).meta({ id: 'WalletCredited' });
export const WalletDebited = walletWriteResult('debit', WalletDebitRecord).meta({ id: 'WalletDebited' });
export const WalletReversed = walletWriteResult('reversal', WalletReversalRecord).meta({ id: 'WalletReversed' });
export const WalletHoldResult = walletWriteResult('hold', WalletHoldRecord).meta({ id: 'WalletHoldResult' });
