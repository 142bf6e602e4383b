import { z } from 'zod';
import type { rulesPayload } from '../rules/rules.ts';
import { BalanceSchema, PurchasePromotionsRecord, AdjustmentRecord, PartnerTransferRecord, HoldRecord, PurchaseLineRecord, PurchaseRecord, RedemptionRecord, ReturnRecord, ReversalRecord, TierChangeRecord, purchaseRecorded, writeResult } from '../schemas/ledger.ts';
import { ActivityRecord, MemberEventRecord, RenewalRecord, activityRecorded, renewalRecorded } from '../schemas/engagement.ts';
import { ConversionRecord, ConversionResult } from '../schemas/conversion.ts';
import { WalletCredited, WalletDebited, WalletHoldResult, WalletReversed, WalletSchema } from '../schemas/wallet.ts';

/**
 * The ledger's database functions as TypeScript sees them: for each, the jsonb argument it reads and the result it
 * returns, so a call is typed both ways (src/ledger/sql-call.ts). The functions themselves live in src/ledger/sql/
 * and src/rules/sql/. Every function takes the member as its first, plain argument: it names the row it locks, and
 * it is the argument a Citus cluster routes the whole call by (src/db/placement.ts), so a write is one call on one
 * worker. Returns, reversals and hold captures name a resource instead: `owner` says how the service finds the
 * resource's member before the call (src/ledger/owners.ts).
 */
export interface LedgerFunction<Args extends z.ZodType = z.ZodType, Result extends z.ZodType = z.ZodType> {
  name: string;
  args: Args;
  result: Result;
  owner?: ResourceOwner;
}

/** Where a resource a write names is found by its id alone, and the refusal when it is not there. */
export interface ResourceOwner {
  resource: 'purchase' | 'redemption' | 'hold';
  /** The argument field that carries the resource's id. */
  idField: string;
}

function member<A extends z.ZodType, R extends z.ZodType>(name: string, args: A, result: R): LedgerFunction<A, R> {
  return { name, args, result };
}

function byResource<A extends z.ZodType, R extends z.ZodType>(name: string, args: A, result: R, owner: ResourceOwner): LedgerFunction<A, R> {
  return { name, args, result, owner };
}

const Instant = z.iso.datetime({ offset: true });
const RulesPayload = z.custom<ReturnType<typeof rulesPayload>>((value) => typeof value === 'object' && value !== null);

/** What every write sends besides its own fields: who asks, the Idempotency-Key and its request, the clock, the rules. */
export const WriteEnvelope = z.object({
  program_id: z.string(),
  /** The caller's key, re-checked inside the write; absent for internal callers. */
  api_key_id: z.string().optional(),
  idempotency_key: z.string().nullable(),
  /** sha256 (hex) of the operation and its request, so a reused key with another request is refused. */
  request_hash: z.string(),
  now: Instant,
  timezone: z.string(),
  rules: RulesPayload,
});
export type WriteEnvelope = z.infer<typeof WriteEnvelope>;

/**
 * What a per-member job step sends: the program, the instant the job runs as of, and the clock; and the renewal
 * window, since every step may settle (expire points) first and announces the renewal then (points.renewable).
 */
const JobEnvelope = z.object({ program_id: z.string(), as_of: Instant, now: Instant, renewal_window_hours: z.number().int() });
export type JobEnvelope = z.infer<typeof JobEnvelope>;

/** A business refusal ({"error": code, ...details}), stored against the Idempotency-Key like a success. */
export const Refusal = z.looseObject({ error: z.string(), replayed: z.boolean().optional() });
export type Refusal = z.infer<typeof Refusal>;

/** One applied promotion as the ledger re-checks and records it (src/promotions/sql/promotions.sql). */
const AppliedPromotionArg = z.object({
  promotion_id: z.string(),
  version: z.number().int(),
  name: z.string(),
  visibility: z.enum(['visible', 'technical']),
  effect_type: z.string(),
  discount: z.number().int(),
  points: z.number().int(),
  /** Per-member limits to count and hold: period key and its maximum (null: count only). */
  member_limits: z.array(z.object({ period_key: z.string(), max: z.number().int().nullable() })),
  /** Whether a use comes out of the promotion's total uses; and what it costs its budget (null: no budget). */
  total_uses: z.boolean(),
  budget_cost: z.number().int().nullable(),
  /** The presented code that unlocked it, consumed with the purchase. */
  code: z.string().nullable(),
  gift: z.string().nullable(),
  /** issue_code: the code to issue (minted by the service), the promotion it unlocks, and until when. */
  issue_code: z.object({ code: z.string(), promotion_id: z.string(), valid_until: Instant }).nullable(),
  /** The period keys of member_limits, as the purchase records them for a return to give the uses back. */
  period_keys: z.array(z.string()),
  /** What a return re-checks: the eligible lines' minimum (purchase currency) and their skus (null: the whole purchase). */
  min_amount: z.number().int().nullable(),
  eligible_skus: z.array(z.string()).nullable(),
});

/** What the service's evaluation decided for a purchase (src/promotions/checkout.ts). */
export const PromotionsArg = z.object({
  applied: z.array(AppliedPromotionArg),
  discount: z.number().int(),
  extra_points: z.number().int(),
  /** The quote committed, if any: it is marked used, once. */
  quote_id: z.string().nullable(),
  /** Echoed into the purchase as its `promotions`. */
  summary: PurchasePromotionsRecord,
});

export const ledgerEarn = member(
  'ledger_earn',
  WriteEnvelope.extend({
    txn_id: z.string(),
    purchase_id: z.string(),
    lot_id: z.string(),
    receipt_id: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    store_id: z.string().nullable(),
    /** Where the sale happened and on what (stored on the purchase); null when the request did not say. */
    channel: z.string().nullable(),
    device: z.string().nullable(),
    /** Base points (money x rate); the database applies the tier multiplier. */
    points: z.number().int(),
    rate: z.number(),
    rate_set_id: z.string().nullable(),
    rise_percent: z.number().nullable(),
    bonus_points: z.number().int(),
    bonus_txn_id: z.string(),
    bonus_lot_id: z.string(),
    tier_change_id: z.string(),
    /** The purchase's lines, checked by the service (they sum to amount); absent for a purchase without lines. */
    lines: z.array(PurchaseLineRecord).optional(),
    /** Present when the program's promotions were evaluated; `points` is then the net amount's. */
    promotions: PromotionsArg.optional(),
    /** Present in a cashback program only: the wallet credit's transaction and lot. */
    cashback: z.object({ txn_id: z.string(), lot_id: z.string() }).optional(),
    occurred_at: Instant,
    matures_at: Instant,
    expires_at: Instant,
  }),
  purchaseRecorded(PurchaseRecord, TierChangeRecord),
);

export const ledgerReturn = byResource(
  'ledger_return',
  WriteEnvelope.extend({
    txn_id: z.string(),
    return_id: z.string(),
    purchase_id: z.string(),
    receipt_id: z.string(),
    /** Exactly one of amount (with its currency) and lines: a return by lines gets its amount from the lines' shares. */
    amount: z.number().int().nullable(),
    currency: z.string().nullable(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })).optional(),
    return_policy: z.enum(['debt', 'clamp']),
    /** A point's worth in minor units of each currency (settings.point_value): a used code's value clawed back in points. */
    point_values: z.record(z.string(), z.number()),
    /** The wallet transaction clawing back a cashback purchase's money (unused for a points purchase). */
    cashback_txn_id: z.string(),
  }),
  writeResult('return', ReturnRecord),
  { resource: 'purchase', idField: 'purchase_id' },
);

export const ledgerRedeem = member(
  'ledger_redeem',
  WriteEnvelope.extend({ txn_id: z.string(), redemption_id: z.string(), points: z.number().int(), reason: z.string().nullable(), store_id: z.string().nullable() }),
  writeResult('redemption', RedemptionRecord),
);

export const ledgerReverse = byResource(
  'ledger_reverse',
  WriteEnvelope.extend({ txn_id: z.string(), reversal_id: z.string(), redemption_id: z.string(), points: z.number().int().nullable(), reason: z.string().nullable() }),
  writeResult('reversal', ReversalRecord),
  { resource: 'redemption', idField: 'redemption_id' },
);

export const ledgerHold = member(
  'ledger_hold',
  WriteEnvelope.extend({
    txn_id: z.string(),
    hold_id: z.string(),
    points: z.number().int(),
    expires_at: Instant,
    reason: z.string().nullable(),
    store_id: z.string().nullable(),
  }),
  writeResult('hold', HoldRecord),
);

export const ledgerCloseHold = byResource(
  'ledger_close_hold',
  WriteEnvelope.extend({ txn_id: z.string(), hold_id: z.string(), action: z.enum(['capture', 'void']), points: z.number().int().nullable().optional() }),
  writeResult('hold', HoldRecord),
  { resource: 'hold', idField: 'hold_id' },
);

export const ledgerAdjust = member(
  'ledger_adjust',
  WriteEnvelope.extend({ txn_id: z.string(), adjustment_id: z.string(), lot_id: z.string(), points: z.number().int(), reason: z.string(), expires_at: Instant }),
  writeResult('adjustment', AdjustmentRecord),
);

export const ledgerPartnerTransfer = member(
  'ledger_partner_transfer',
  WriteEnvelope.extend({
    transfer_id: z.string(),
    txn_id: z.string(),
    lot_id: z.string(),
    partner: z.string(),
    external_id: z.string(),
    points: z.number().int(),
    /** Worked out by the service from the program's partner_transfer_bonus_percent, rounded down. */
    bonus: z.number().int(),
    bonus_percent: z.number().int(),
    expires_at: Instant,
  }),
  writeResult('partner_transfer', PartnerTransferRecord),
);

/** Store credit or goodwill into the member's wallet: a new lot of money (src/ledger/sql/wallet.sql). */
export const ledgerWalletCredit = member(
  'ledger_wallet_credit',
  WriteEnvelope.extend({
    txn_id: z.string(),
    credit_id: z.string(),
    lot_id: z.string(),
    /** Minor units of currency. */
    amount: z.number().int().positive(),
    currency: z.string(),
    reason: z.string(),
    /** null: the money never expires. */
    expires_at: Instant.nullable(),
  }),
  WalletCredited,
);

/** Spending wallet money at the till, soonest-expiring lots first; once per receipt. */
export const ledgerWalletDebit = member(
  'ledger_wallet_debit',
  WriteEnvelope.extend({
    txn_id: z.string(),
    debit_id: z.string(),
    amount: z.number().int().positive(),
    currency: z.string(),
    receipt_id: z.string(),
  }),
  WalletDebited,
);

/** Reserving wallet money at the till: drawn from lots now, held until captured, voided or expired. */
export const ledgerWalletHold = member(
  'ledger_wallet_hold',
  WriteEnvelope.extend({
    txn_id: z.string(),
    hold_id: z.string(),
    amount: z.number().int().positive(),
    currency: z.string(),
    reason: z.string().nullable(),
    expires_at: Instant,
  }),
  WalletHoldResult,
);

/** Capture (all or part) or void a wallet hold of the member. */
export const ledgerWalletCloseHold = member(
  'ledger_wallet_close_hold',
  WriteEnvelope.extend({ txn_id: z.string(), hold_id: z.string(), action: z.enum(['capture', 'void']), amount: z.number().int().positive().nullable() }),
  WalletHoldResult,
);

/** Giving back all or part of a wallet debit, to the lots it drew from (with their expiry). */
export const ledgerWalletReverse = member(
  'ledger_wallet_reverse',
  WriteEnvelope.extend({ txn_id: z.string(), reversal_id: z.string(), debit_id: z.string(), amount: z.number().int().positive().nullable(), reason: z.string().nullable() }),
  WalletReversed,
);

export const ledgerWallet = member('ledger_wallet', WriteEnvelope.pick({ program_id: true, api_key_id: true, now: true, timezone: true }), WalletSchema);

export const ledgerActivity = member(
  'ledger_activity',
  WriteEnvelope.extend({
    activity_id: z.string(),
    txn_id: z.string(),
    type: z.string(),
    task_id: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    occurred_at: Instant,
    day_key: z.string(),
    extension_days: z.number().int(),
  }),
  activityRecorded(ActivityRecord),
);

/** A custom member event (src/engagement/sql/member-events.sql): stored and published as member.custom_event. */
export const ledgerMemberEvent = member(
  'ledger_member_event',
  WriteEnvelope.extend({ event_id: z.string(), type: z.string(), data: z.record(z.string(), z.unknown()), occurred_at: Instant }),
  z.object({ event: MemberEventRecord }),
);

export const ledgerRenew = member(
  'ledger_renew',
  WriteEnvelope.extend({ renewal_id: z.string(), txn_id: z.string(), lot_id: z.string(), window_hours: z.number().int(), expires_at: Instant }),
  renewalRecorded(RenewalRecord),
);

export const ledgerConvert = member(
  'ledger_convert',
  WriteEnvelope.extend({
    txn_id: z.string(),
    conversion_id: z.string(),
    lot_id: z.string(),
    expires_at: Instant,
    direction: z.enum(['points_to_money', 'money_to_points']),
    points: z.number().int(),
    home_amount: z.number().int(),
    home_currency: z.string(),
    /** The priced conversion, stored as the transaction's data and returned with its id. */
    conversion: ConversionRecord.omit({ id: true, member_id: true, created_at: true }),
  }),
  ConversionResult,
);

/** The balance a read shows; it settles what is due first, under the member's lock only when something is. */
export const ledgerBalance = member('ledger_balance', WriteEnvelope.pick({ program_id: true, api_key_id: true, now: true, timezone: true, rules: true }), BalanceSchema);

const SettleResult = z.object({ holds_expired: z.number().int(), points_matured: z.number().int(), points_expired: z.number().int() });

export const ledgerSettleMember = member('ledger_settle_member', JobEnvelope.extend({ holds: z.boolean(), mature: z.boolean(), expire: z.boolean() }), SettleResult);

export const ledgerTierReview = member(
  'ledger_tier_review',
  JobEnvelope.extend({ rules: RulesPayload, run_id: z.string(), tier_change_id: z.string() }),
  z.object({ changed: z.boolean(), tier_change: TierChangeRecord.optional() }),
);

export const ledgerTierBenefit = member(
  'ledger_tier_benefit',
  JobEnvelope.extend({
    rules: RulesPayload,
    txn_id: z.string(),
    lot_id: z.string(),
    expires_at: Instant,
    day_key: z.string(),
    day_start: Instant,
    previous_day_key: z.string(),
    previous_day_start: Instant,
    previous_txn_id: z.string(),
    previous_lot_id: z.string(),
    week_key: z.string(),
    month_key: z.string(),
  }),
  z.object({ paid: z.number().int() }),
);

export const ledgerVelocityCheck = member('ledger_velocity_check', JobEnvelope.extend({ rules: RulesPayload }), z.object({ blocked: z.boolean() }));

const Notices = z.object({ events: z.number().int() });

export const ledgerExpiryWarning = member('ledger_expiry_warning', JobEnvelope.extend({ timezone: z.string(), warning_hours: z.number() }), Notices);

export const ledgerDecay = member(
  'ledger_decay',
  JobEnvelope.extend({ after_days: z.number().int(), percent_bps: z.number().int() }),
  z.object({ points_decayed: z.number().int() }),
);

/** A code a job minted for a birthday or win-back promotion, issued only with the notice (src/promotions/sql/member-codes.sql). */
const MintedCode = z.object({ code: z.string(), promotion_id: z.string() });

export const ledgerBirthday = member(
  'ledger_birthday',
  JobEnvelope.extend({
    timezone: z.string(),
    days_before: z.number().int(),
    offer_valid_days: z.number().int(),
    /** One per active birthday promotion; valid window_days local days either side of the birthday. */
    codes: z.array(MintedCode.extend({ window_days: z.number().int().min(0) })),
  }),
  Notices.extend({ codes_issued: z.number().int().optional() }),
);

export const WinBackMilestone = z.object({ key: z.string(), days: z.number().int().optional(), months: z.number().int().optional(), lost: z.boolean().optional() });

export const ledgerWinBack = member(
  'ledger_win_back',
  JobEnvelope.extend({
    timezone: z.string(),
    milestones: z.array(WinBackMilestone),
    /** One per milestone that has an active win-back promotion; only the announced milestone's is issued. */
    codes: z.array(MintedCode.extend({ milestone: z.string() })),
    /** How long an issued code is valid, from as_of. */
    code_valid_days: z.number().int().min(1),
  }),
  Notices.extend({ lost: z.boolean().optional(), codes_issued: z.number().int().optional() }),
);

/** What the conditions and limits of promotions read about a member (src/promotions/sql/promotions.sql). */
export const ledgerPromotionFacts = member(
  'ledger_promotion_facts',
  z.object({
    program_id: z.string(),
    now: Instant,
    timezone: z.string(),
    /** Local midnight starting the ISO week of the purchase. */
    week_start: Instant,
    /** Rolling windows, in days, whose purchase counts are asked for. */
    windows: z.array(z.number().int()),
    /** Promotions whose uses the member's limits count. */
    promotion_ids: z.array(z.string()),
    /** Promotions with total uses or a budget: which of them are spent everywhere. */
    pooled_ids: z.array(z.string()),
    /** Whether this ISO week's logins and purchases are needed (a login_streak condition). */
    week: z.boolean(),
    /**
     * Segments the promotions' segment conditions name: `check` is an array of booleans over the member row m, one per
     * id, compiled by src/analytics/segment-rule.ts from the segments' rules and lists, reading $1 (member), $2
     * (instant) and $3 (`values`).
     */
    segments: z.object({ ids: z.array(z.string()), check: z.string(), values: z.array(z.unknown()) }).optional(),
  }),
  z.object({
    status: z.string(),
    tier: z.string().nullable(),
    enrolled_at: z.string(),
    birth_date: z.string().nullable(),
    purchase_count: z.number().int(),
    purchases_within_days: z.record(z.string(), z.number().int()),
    login_days_this_week: z.array(z.string()),
    purchases_this_week: z.number().int(),
    /** Of the segments asked about, those the member is in. */
    segments: z.array(z.string()),
    uses: z.record(z.string(), z.record(z.string(), z.number().int())),
    /** Promotions whose total uses or budget are spent everywhere. */
    exhausted: z.array(z.string()),
  }),
);

/** A referral as the referrals functions pass it between shards (src/ledger/sql/referral.sql pl_referral_json). */
const ReferralJson = z.looseObject({
  id: z.string(),
  referee_id: z.string(),
  referrer_id: z.string(),
  status: z.enum(['pending', 'rewarded', 'cancelled']),
  reward: z.object({ amount: z.number().int(), currency: z.string() }).nullable(),
});

/** Referrals job, step 1 on the referee's shard: is the referral due, cancelled, waiting for a rate, or to be paid. */
export const ledgerReferralCheck = member(
  'ledger_referral_check',
  z.object({
    program_id: z.string(),
    now: Instant,
    as_of: Instant,
    pending_days: z.number().int(),
    reward_amount: z.number().int().positive(),
    reward_currency: z.string(),
    home_currency: z.string(),
    home_digits: z.number().int(),
    reward_digits: z.number().int(),
    event_id: z.string(),
  }),
  z.object({
    action: z.enum(['none', 'cancelled', 'waiting', 'reward']),
    referral: ReferralJson.optional(),
    rate: z.union([z.string(), z.number()]).nullable().optional(),
    source: z.object({ amount: z.number().int(), currency: z.string() }).optional(),
  }),
);

/** Referrals job, step 2 on the referrer's shard: the store credit, once per referral. */
export const ledgerReferralReward = member(
  'ledger_referral_reward',
  z.object({
    program_id: z.string(),
    now: Instant,
    timezone: z.string(),
    referral: ReferralJson,
    txn_id: z.string(),
    credit_id: z.string(),
    lot_id: z.string(),
    rate: z.string().nullable(),
    source: z.object({ amount: z.number().int(), currency: z.string() }).nullable(),
  }),
  z.object({ rewarded: z.boolean(), txn_id: z.string() }),
);

/** Referrals job, step 3 on the referee's shard: the referral is rewarded. */
export const ledgerReferralMark = member(
  'ledger_referral_mark',
  z.object({ program_id: z.string(), now: Instant, referral_id: z.string(), txn_id: z.string() }),
  z.object({ marked: z.boolean() }),
);

/** Every ledger function, by name (the batch dispatches by it). */
export const LEDGER_FUNCTIONS = [
  ledgerEarn,
  ledgerReturn,
  ledgerRedeem,
  ledgerReverse,
  ledgerHold,
  ledgerCloseHold,
  ledgerAdjust,
  ledgerPartnerTransfer,
  ledgerWalletCredit,
  ledgerWalletDebit,
  ledgerWalletHold,
  ledgerWalletCloseHold,
  ledgerWalletReverse,
  ledgerWallet,
  ledgerActivity,
  ledgerRenew,
  ledgerConvert,
  ledgerBalance,
  ledgerSettleMember,
  ledgerTierReview,
  ledgerTierBenefit,
  ledgerVelocityCheck,
  ledgerExpiryWarning,
  ledgerDecay,
  ledgerBirthday,
  ledgerWinBack,
  ledgerPromotionFacts,
  ledgerReferralCheck,
  ledgerReferralReward,
  ledgerReferralMark,
] as const;

export type Args<F extends LedgerFunction> = z.input<F['args']>;
export type Result<F extends LedgerFunction> = z.output<F['result']>;
