import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { MoneyOrZeroSchema, MoneySchema } from './ledger.ts';

/** Gift cards (incentives.md "Wallets", Gift cards), as the routes answer them and the gift_card.* events carry them. */

export const GiftCardSchema = z
  .object({
    id: Id('gcd', 'Gift card'),
    purchase_id: Id('pur', 'Purchase').describe('The purchase that paid for the card'),
    status: z.enum(['active', 'expired']).describe('active: spendable while it holds money; expired: past expires_at, what was left moved to gift_card_expired'),
    loaded: MoneySchema.describe('What the card was loaded with'),
    balance: MoneyOrZeroSchema.describe('What is left on it'),
    phone: z.string().describe('The bound phone, masked but for its last 4 digits: one-time passwords go there'),
    code_hint: z.string().describe('The last 4 characters of the code (the code itself is shown only when the card is issued)'),
    expires_at: Timestamp.nullable().describe('When money left on the card expires (null: never)'),
    created_at: Timestamp,
  })
  .meta({ id: 'GiftCard' });

export const GIFT_CARD_TRANSACTION_TYPES = ['gift_card_issue', 'gift_card_spend', 'gift_card_transfer', 'gift_card_expire', 'gift_card_reversal'] as const;

export const GiftCardTransactionSchema = z
  .object({
    id: Id('txn', 'Transaction'),
    type: z.enum(GIFT_CARD_TRANSACTION_TYPES),
    gift_card_id: Id('gcd', 'Gift card'),
    amount: MoneySchema.describe('The money moved'),
    resource_id: z.string().nullable().describe('The card (issue), spend (gcs_), transfer (gct_) or spend reversal (gcr_) it created'),
    ref_id: z.string().nullable().describe('The purchase that paid for the card (issue); the spend given back (reversal); the reversal whose money expired at once (expire)'),
    external_ref: z.string().nullable().describe('The receipt id (spend)'),
    occurred_at: Timestamp,
    version: z.number().int().describe("The card's version after this transaction: 1, 2, 3... with no gaps"),
    data: z.record(z.string(), z.unknown()),
    entries: z.array(
      z.object({
        account: z
          .string()
          .regex(/^gift_card(|_sold|_spent|_transferred|_expired):[A-Z]{3}$/)
          .describe("gift_card is the card's balance; gift_card_sold, gift_card_spent, gift_card_transferred and gift_card_expired the system's")
          .meta({ examples: ['gift_card:AZN'] }),
        amount: z.number().int().describe('Signed minor units'),
      }),
    ),
  })
  .meta({ id: 'GiftCardTransaction' });

export const IssuedGiftCardSchema = z
  .object({
    gift_card: GiftCardSchema,
    code: z.string().describe('The card code: shown here only (a replay of the request shows it again); the service keeps only its hash'),
    transaction: GiftCardTransactionSchema,
  })
  .meta({ id: 'IssuedGiftCard' });

export const GiftCardSpendResultSchema = z
  .object({
    spend: z.object({ id: Id('gcs', 'Gift card spend'), gift_card_id: Id('gcd', 'Gift card'), amount: MoneySchema, receipt_id: z.string() }),
    gift_card: GiftCardSchema,
    transaction: GiftCardTransactionSchema,
  })
  .meta({ id: 'GiftCardSpendResult' });

export const GiftCardSpendReversalSchema = z
  .object({
    id: Id('gcr', 'Gift card spend reversal'),
    spend_id: Id('gcs', 'Gift card spend'),
    gift_card_id: Id('gcd', 'Gift card'),
    amount: MoneySchema.describe('The money given back to the card'),
    remaining_reversible: z.number().int().describe('Minor units of the spend that can still be given back'),
    reason: z.string().nullable(),
    expired: z.boolean().describe('The card had expired: the money given back expired again at once (gift_card_expire, gift_card.expired)'),
  })
  .meta({ id: 'GiftCardSpendReversal' });

export const GiftCardSpendReversedSchema = z
  .object({ reversal: GiftCardSpendReversalSchema, gift_card: GiftCardSchema, transaction: GiftCardTransactionSchema })
  .meta({ id: 'GiftCardSpendReversed' });

export const GiftCardTransferResultSchema = z
  .object({
    transfer: z.object({
      id: Id('gct', 'Gift card transfer'),
      gift_card_id: Id('gcd', 'Gift card'),
      member_id: Id('mem', 'Member'),
      amount: MoneySchema,
      wallet_lot_id: Id('wlt', 'Wallet lot'),
      expires_at: Timestamp.nullable().describe("The wallet lot's expiry: the card's"),
    }),
    gift_card: GiftCardSchema,
    transaction: GiftCardTransactionSchema,
    wallet_transaction: z.record(z.string(), z.unknown()).describe("The member's wallet credit (a WalletTransaction, data.reason gift_card)"),
  })
  .meta({ id: 'GiftCardTransferResult' });

export const GiftCardStatementSchema = z
  .object({ gift_card: GiftCardSchema, transactions: z.array(GiftCardTransactionSchema) })
  .meta({ id: 'GiftCardStatement' });

export const GiftCardOtpRequestSchema = z
  .object({
    gift_card_id: Id('gcd', 'Gift card'),
    purpose: z.enum(['spend', 'transfer']).describe('What the password authorises'),
    phone: z.string().describe('The masked phone the code goes to'),
    expires_at: Timestamp,
    max_attempts: z.number().int(),
  })
  .meta({ id: 'GiftCardOtpRequest' });
