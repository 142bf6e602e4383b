import { z } from 'zod';
import { Id } from './common.ts';
import { MAX_MONEY_AMOUNT } from './limits.ts';

/** Money, ledger transactions and balances, as the ledger routes answer them and the points.*, hold.* and conversion.* events carry them. */

export const MoneySchema = z
  .object({
    amount: z.number().int().positive().max(MAX_MONEY_AMOUNT).describe(`Integer amount in minor units (cents, qapik), at most ${MAX_MONEY_AMOUNT}`),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').describe('ISO 4217 currency code'),
  })
  .meta({ id: 'Money', examples: [{ amount: 2450, currency: 'AZN' }] });

/** Money that may be zero: a discount that came to nothing, what is left. */
export const MoneyOrZeroSchema = MoneySchema.extend({ amount: z.number().int().min(0).max(MAX_MONEY_AMOUNT).describe('Integer amount in minor units, may be 0') }).meta({
  id: 'MoneyOrZero',
  examples: [{ amount: 0, currency: 'AZN' }],
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
  'partner_transfer',
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

/** The balance as GET /v1/members/{id}/balance answers it: with what the spendable points are worth now. */
export const MemberBalanceSchema = BalanceSchema.extend({
  value: z
    .object({ amount: z.number().int(), currency: z.string() })
    .describe("The available points at the program's point_value, in minor units of its home currency (exact, rounded half away from zero once)"),
}).meta({ id: 'MemberBalance' });

/*
 * What the ledger's write functions return, field by field. Named here without an OpenAPI id: the HTTP layer gives
 * each its name where it documents it (src/http/routes/ledger-schemas.ts), so the document keeps its order.
 */

export const LotSummary = z.object({ id: z.string(), points: z.number().int(), matures_at: z.string(), expires_at: z.string() });

/** A line of a purchase as the purchase shows it: what the receipt listed (money in the purchase's currency, minor units). */
export const PurchaseLineRecord = z.object({
  sku: z.string(),
  brand: z.string().nullable(),
  category: z.string().nullable(),
  quantity: z.number().int().describe('Units bought'),
  unit_price: z.number().int().describe('Price of one unit, minor units'),
  amount: z.number().int().describe('What the line costs before discounts, minor units; the lines sum to the purchase amount'),
});

/** A line a return took back: its units now, its share of the money now, and the line's totals returned so far. */
export const ReturnLineRecord = z.object({
  sku: z.string(),
  quantity: z.number().int().describe('Units returned now'),
  amount: z.number().int().describe("This return's share of the line's amount, minor units"),
  returned_quantity: z.number().int().describe('Units of the line returned so far, this return included'),
  returned_amount: z.number().int().describe("Minor units of the line returned so far; every unit returned is exactly the line's amount"),
});

/** What one promotion gave on a purchase, as the purchase, its quote and the promotion.applied event show it. */
export const AppliedPromotionRecord = z.object({
  promotion_id: Id('prm', 'Promotion'),
  name: z.string(),
  visibility: z.enum(['visible', 'technical']).describe('technical promotions apply silently: tills need not show them'),
  effect_type: z.string(),
  discount: z.number().int().describe("Money off, minor units of the purchase's currency"),
  points: z.number().int().describe('Extra points beyond those of the net amount'),
  gift: z.string().nullable(),
  code: z.string().nullable().describe('The promo code that unlocked it'),
});

/** A line after promotions: what it cost, what came off, and which promotions did it. */
export const LineOutcomeRecord = z.object({
  line_no: z.number().int().describe('0-based position of the line in the request (the implicit line of a purchase without lines is 0)'),
  sku: z.string(),
  amount: z.number().int(),
  discount: z.number().int(),
  net_amount: z.number().int(),
  applied: z.array(z.object({ promotion_id: z.string(), discount: z.number().int(), points: z.number().int() })),
});

export const PurchasePromotionsRecord = z.object({
  applied: z.array(AppliedPromotionRecord),
  lines: z.array(LineOutcomeRecord),
  extra_points: z.number().int().describe("The applied promotions' points, on top of the net amount's"),
});

/** A promo code a purchase's promotion issued to the member, for a later purchase. */
export const IssuedCodeRecord = z.object({
  code: z.string(),
  promotion_id: z.string().describe('The promotion the code unlocks'),
  member_id: z.string(),
  max_uses: z.number().int(),
  valid_from: z.string(),
  valid_until: z.string(),
  issued_by_purchase: z.string(),
});

export const PurchaseRecord = z
  .object({
    id: Id('pur', 'Purchase'),
    member_id: z.string(),
    receipt_id: z.string(),
    amount: MoneySchema,
    store_id: z.string().nullable(),
    channel: z.string().nullable().describe('Where the sale happened, as the purchase said; null when it did not'),
    device: z.string().nullable().describe('What it was rung up on (a till id, an app platform); null when the purchase did not say'),
    points: z.number().int().describe('Points earned: money x rate, times the tier multiplier'),
    base_points: z.number().int().optional().describe('Points before the tier multiplier'),
    rate: z.number().optional().describe('Points per 1 unit of the currency at occurred_at'),
    rate_set_id: z.string().nullable().optional(),
    debt_paid: z.number().int().describe('Points that went to paying off a debt instead of the balance'),
    lot: LotSummary.nullable(),
    occurred_at: z.string(),
    lines: z.array(PurchaseLineRecord).optional().describe('The lines of the purchase, when it was recorded with lines'),
    discount: MoneyOrZeroSchema.optional().describe("What the purchase's promotions took off (present when the program has promotions)"),
    net_amount: MoneyOrZeroSchema.optional().describe('amount - discount: what the customer paid, and what the points were earned on'),
    promotions: PurchasePromotionsRecord.optional(),
    issued_codes: z.array(IssuedCodeRecord).optional().describe('Codes its promotions issued for a later purchase'),
    quote_id: z.string().nullable().optional().describe('The quote it committed, if any'),
    cashback: z
      .object({
        amount: MoneyOrZeroSchema.describe("Credited to the member's wallet: percent of the net amount, rounded down in minor units"),
        percent: z.number().nullable().describe("The member's tier cashback_percent at the purchase"),
        tier_points: z.number().int().describe('The points the purchase would have earned: they count towards the tier, they are not credited'),
        lot_id: z.string().nullable().describe('The wallet lot of the money (null when it came to nothing)'),
        transaction_id: z.string().nullable().describe('The wallet_credit transaction (wallet.credited, data.reason cashback)'),
      })
      .optional()
      .describe('Present in a cashback program (settings.reward cashback): the purchase then earns wallet money, and points only from promotions'),
  });

export const ReturnRecord = z
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
    lines: z.array(ReturnLineRecord).optional().describe('The lines returned, when the return named lines instead of an amount'),
    promotions_revoked: z
      .array(
        z.object({
          promotion_id: z.string(),
          points: z.number().int().describe('Its extra points, clawed back whole'),
          issued_code: z.string().nullable(),
          code_revoked: z.boolean().nullable().describe('true: the unused code it issued was revoked; false: it was used, and its value clawed back'),
          code_value_points: z.number().int().describe("The used code's discount, in points at point_value, clawed back"),
        }),
      )
      .optional()
      .describe('Promotions of the purchase that what remains of it no longer qualifies for'),
    cashback: z
      .object({
        amount: MoneyOrZeroSchema.describe("The purchase's cashback this return takes back: its proportion, cumulative over returns"),
        clawed_from_purchase: z.number().int().describe("Taken from the purchase's own cashback lot"),
        clawed_from_wallet: z.number().int().describe('Taken from the rest of the wallet in the currency'),
        forgiven: z.number().int().describe('Already spent, held or expired: dropped (a wallet never goes negative)'),
        transaction_id: z.string().nullable().describe('The wallet_debit transaction (wallet.debited, data.reason cashback_return), null when nothing was taken'),
      })
      .optional()
      .describe('Present when the purchase earned cashback: the money clawed back from the wallet'),
  });

export const RedemptionRecord = z
  .object({
    id: Id('red', 'Redemption'),
    member_id: z.string(),
    points: z.number().int(),
    reversed: z.number().int(),
    reason: z.string().nullable(),
    store_id: z.string().nullable(),
    created_at: z.string(),
  });

export const ReversalRecord = z
  .object({
    id: Id('rev', 'Reversal'),
    redemption_id: z.string(),
    member_id: z.string(),
    points: z.number().int(),
    remaining_reversible: z.number().int(),
  });

export const HoldRecord = z
  .object({
    id: Id('hld', 'Hold'),
    member_id: z.string(),
    points: z.number().int(),
    captured: z.number().int().nullable(),
    status: z.enum(['active', 'captured', 'voided', 'expired']),
    expires_at: z.string(),
    created_at: z.string(),
    closed_at: z.string().nullable().optional(),
  });

export const AdjustmentRecord = z
  .object({
    id: Id('adj', 'Adjustment'),
    member_id: z.string(),
    points: z.number().int().describe('Positive: credit; negative: debit'),
    reason: z.string(),
    lot_id: z.string().nullable(),
  });

export const PartnerTransferRecord = z
  .object({
    id: Id('ptr', 'Partner transfer'),
    member_id: z.string(),
    partner: z.string().describe('The platform the points came from'),
    external_id: z.string().describe("The partner's id for the transfer: once per program and partner"),
    points: z.number().int().describe('Points the partner transferred'),
    bonus: z.number().int().describe("The program's bonus on them (partner_transfer_bonus_percent), rounded down"),
    credited: z.number().int().describe('points + bonus: what the member was credited'),
    lot_id: z.string().nullable().describe('The lot the credit became (null when an open debt took it all)'),
    occurred_at: z.string(),
  });

export const TierChangeRecord = z
  .object({ from: z.string(), to: z.string(), qualifying_points: z.number().int() });

/** A ledger write's result: its transaction, the balance after it, and the resource it created or acted on. */
export const writeResult = <K extends string, S extends z.ZodType>(name: K, resource: S) =>
  z.object({ transaction: TransactionSchema, balance: BalanceSchema, [name]: resource } as {
    transaction: typeof TransactionSchema;
    balance: typeof BalanceSchema;
  } & Record<K, S>);

/** A purchase's result; the HTTP layer documents it with its own named purchase and tier-change schemas. */
export const purchaseRecorded = <P extends typeof PurchaseRecord, T extends typeof TierChangeRecord>(purchase: P, tierChange: T) =>
  z.object({
    transaction: TransactionSchema,
    balance: BalanceSchema,
    purchase,
    bonus: TransactionSchema.optional().describe('The rate-rise bonus, a separate ledger transaction'),
    tier_change: tierChange.optional(),
  });
