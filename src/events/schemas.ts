import { z } from 'zod';
import { Id, Timestamp } from '../schemas/common.ts';
import { MoneyOrZeroSchema, TransactionSchema } from '../schemas/ledger.ts';
import { MemberSchema, MemberStatus } from '../schemas/member.ts';
import { WalletCurrencySchema, WalletTransactionSchema } from '../schemas/wallet.ts';
import { GiftCardSchema, GiftCardTransactionSchema } from '../schemas/gift-card.ts';
import { MemberEventRecord } from '../schemas/engagement.ts';
import { TargetProgressRecord, TargetRecord } from '../schemas/target.ts';
import { NotificationDispatchData } from '../schemas/notification.ts';
import { StepCompletedData } from '../schemas/journey.ts';
import { EVENT_TYPES, type EventType } from './types.ts';

/**
 * The events of the feed (GET /v1/events) and of webhook bodies, one schema per type. The envelope is the one
 * toEventJson (./feed.ts) builds; `data` is what the SQL that records the change writes for the type
 * (src/ledger/sql/record.sql, src/events/sql/).
 */

/** The member's balance after the transaction: the figures that changed, and the version that orders them. */
export const BalanceAfterSchema = z
  .object({
    available: z.number().int().describe('Spendable now'),
    pending: z.number().int().describe('Earned, spendable after the return window'),
    held: z.number().int().describe('Reserved by open holds'),
    debt: z.number().int().describe('Owed after a return clawed back more than was there'),
    version: z.number().int().describe("The member's balance version after the transaction (equals transaction.version)"),
  })
  .meta({ id: 'BalanceAfter' });

const LocalDate = z.iso.date().describe('YYYY-MM-DD, in the program time zone');

/** The ledger transaction of a points.*, hold.* or conversion.* event: a Transaction of the listed types. */
const ledgerData = (types: readonly [string, ...string[]]) =>
  z.object({
    transaction: z.intersection(
      TransactionSchema,
      // Narrows the type only: loose, so it adds no additionalProperties: false next to Transaction's own fields.
      z.looseObject({ type: z.enum(types).describe(`One of: ${types.join(', ')}`) }),
    ),
    balance: BalanceAfterSchema,
  });

/** The wallet transaction of a wallet.* event (of the listed types), and the currency's wallet after it. */
const walletData = (types: readonly [string, ...string[]]) =>
  z.object({
    transaction: z.intersection(WalletTransactionSchema, z.looseObject({ type: z.enum(types).describe(`One of: ${types.join(', ')}`) })),
    wallet: WalletCurrencySchema,
  });

const memberData = <P extends z.ZodType>(previousStatus: P) => z.object({ member: MemberSchema, previous_status: previousStatus });

const TierChangeRecord = z.object({
  id: Id('tch', 'Tier change'),
  from: z.string().describe('Tier before'),
  to: z.string().describe('Tier after'),
  direction: z.enum(['up', 'down']),
  qualifying_points: z.number().int().describe('Qualifying points when the tier changed'),
  cause: z.string().describe('The purchase that crossed a threshold (pur_...), or review:<as_of> for the tier review that lowered it'),
  occurred_at: Timestamp,
});

const ReferralRecord = z.object({
  id: Id('rfl', 'Referral'),
  referee_id: Id('mem', 'Member'),
  referrer_id: Id('mem', 'Member'),
  status: z.enum(['pending', 'rewarded', 'cancelled']),
  purchase_id: z.string().nullable().describe("The referee's first purchase"),
  due_at: Timestamp.nullable().describe('When that purchase matured (its return window ended)'),
  waiting_reason: z.string().nullable(),
  reward: z.object({ amount: z.number().int(), currency: z.string() }).nullable().describe('The store credit, in minor units of the home currency'),
  created_at: Timestamp,
});

interface EventDefinition {
  /** Component name in the OpenAPI document. */
  id: string;
  summary: string;
  data: z.ZodType;
  /** Gift card events are placed by their card: member_id holds the card's id (gcd_); target events by their target (tgt_). */
  owner?: 'gift_card' | 'target';
}

/** The card after a movement and the movement: the data of every gift_card.* event but otp_requested. */
const giftCardData = (types: readonly [string, ...string[]]) =>
  z.object({
    gift_card: GiftCardSchema,
    transaction: z.intersection(GiftCardTransactionSchema, z.looseObject({ type: z.enum(types).describe(`One of: ${types.join(', ')}`) })),
  });

/** Every event type, its schema name, what it means and its data. */
export const EVENT_DEFINITIONS = {
  'member.enrolled': {
    id: 'MemberEnrolledEvent',
    summary: 'A member enrolled, with the attributes and consents enrollment gave.',
    data: z.object({ member: MemberSchema }),
  },
  'member.updated': {
    id: 'MemberUpdatedEvent',
    summary:
      "A member's profile, attributes or consents changed (`member` is the whole member after the change), or their status changed other than by a block or an unblock (previous_status is then set).",
    data: memberData(MemberStatus.optional().describe('Set when the status changed')),
  },
  'member.blocked': {
    id: 'MemberBlockedEvent',
    summary: 'A member was blocked: by an admin, or by the velocity rule (in a write or by the sweep).',
    data: memberData(MemberStatus.describe('The status before the block')),
  },
  'member.unblocked': {
    id: 'MemberUnblockedEvent',
    summary: 'A blocked member became active again.',
    data: memberData(z.literal('blocked')),
  },
  'member.birthday_upcoming': {
    id: 'MemberBirthdayUpcomingEvent',
    summary: "A member's birthday is `days_before` local days away (once per birthday).",
    data: z.object({
      birth_date: z.iso.date().describe('YYYY-MM-DD'),
      birthday: LocalDate.describe('The coming anniversary (29 February falls on 28 February in common years)'),
      days_before: z.number().int().min(0).describe('Local days from the notice to the birthday'),
      offer_valid_from: LocalDate.describe('First day of the birthday offer'),
      offer_valid_until: LocalDate.describe('Last day of the birthday offer'),
    }),
  },
  'member.inactive': {
    id: 'MemberInactiveEvent',
    summary: 'A member reached a win-back milestone without a purchase; the last milestone marks them lost.',
    data: z.object({
      milestone: z
        .string()
        .regex(/^\d+[dmy]$/)
        .describe('Days (d), months (m) or years (y) without a purchase: 60d, 9m, 12m, 15m and 3y by default')
        .meta({ examples: ['60d', '9m', '3y'] }),
      inactive_since: Timestamp.describe('The last purchase, or enrollment'),
      lost: z.boolean().describe('The member is now considered lost (until their next purchase)'),
    }),
  },
  'member.segment_changed': {
    id: 'MemberSegmentChangedEvent',
    summary:
      "The member's RFM segment changed since the rfm job's last run (GET /v1/analytics/rfm explains the scores); the first run announces every member's segment, from null. occurred_at is the run's as_of.",
    data: z.object({
      from: z.string().nullable().describe('The segment the last run published; null on the first'),
      to: z.string().nullable().describe('The segment now (a grid name or Lost); null when the member no longer has one'),
      as_of: Timestamp.describe('The instant the segment was computed as of'),
      scores: z
        .object({ r: z.number().int(), f: z.number().int(), m: z.number().int(), fm: z.number().int() })
        .nullable()
        .describe('The scores 1-5 behind `to`; null when the member has no purchase in the window (Lost without one, or no segment)'),
      recency_days: z.number().int().nullable().describe('Days since the last purchase; null if none'),
      frequency: z.number().int().describe('Purchases in the window not fully returned'),
      monetary: z.number().int().nullable().describe('M: net spend in the window in minor units of `currency` (total or average per settings.rfm.monetary)'),
      currency: z.string().describe("The program's home currency"),
    }),
  },
  'member.otp_requested': {
    id: 'MemberOtpRequestedEvent',
    summary:
      'A member enrolled with verification "otp", or asked for a new code (POST /v1/members/{id}/otp): send `otp` to `phone` by SMS; POST /v1/members/{id}/verify takes it back. The only event that carries a secret: the service keeps the code only hashed and gives it out nowhere else. The event feed (GET /v1/events) is open to read keys too, so whoever holds a read key can see live codes: give read keys only to systems trusted with them, or take codes from a webhook endpoint subscribed to this type.',
    data: z.object({
      otp: z.string().regex(/^\d{6}$/).describe('The one-time password, 6 digits (leading zeros kept): a secret, to be sent to the member and not logged'),
      phone: z.string().nullable().describe("The member's phone to send it to"),
      expires_at: Timestamp.describe('When the code stops working (5 minutes after issue)'),
      max_attempts: z.number().int().min(1).describe('Wrong codes allowed before the code dies'),
    }),
  },
  'member.verified': {
    id: 'MemberVerifiedEvent',
    summary: 'A pending member became active: they presented their one-time password (POST /v1/members/{id}/verify), or an admin set them active.',
    data: memberData(z.literal('pending')),
  },
  'member.custom_event': {
    id: 'MemberCustomEvent',
    summary:
      "The integrator recorded a custom event for the member (POST /v1/members/{id}/events): `event.type` is its own type (wishlist.price_drop, cart.abandoned...), `event.data` what it sent. Journeys trigger on it.",
    data: z.object({ event: MemberEventRecord }),
  },
  'points.earned': {
    id: 'PointsEarnedEvent',
    summary: 'Points were earned: a purchase (earn), a rate-rise bonus (bonus), a tier benefit (benefit) or points transferred in from a partner platform with their bonus (partner_transfer).',
    data: ledgerData(['earn', 'bonus', 'benefit', 'partner_transfer']),
  },
  'wallet.credited': {
    id: 'WalletCreditedEvent',
    summary:
      "Money came into a member's wallet: a credit (wallet_credit: store credit or goodwill; data.reason cashback with data.purchase_id for a cashback program's purchase) or a debit reversed (wallet_reversal, data.debit_id); `wallet` is the currency's balance after it.",
    data: walletData(['wallet_credit', 'wallet_reversal']),
  },
  'wallet.debited': {
    id: 'WalletDebitedEvent',
    summary:
      "Money left a member's wallet: a debit at the till (wallet_debit, data.reason purchase; data.reason cashback_return with data.purchase_id and data.return_id when a return claws back cashback), a hold captured (wallet_capture, data.reason capture) or a lot that expired (wallet_expire, data.reason expired, data.lot_id); `wallet` is the currency's balance after it.",
    data: walletData(['wallet_debit', 'wallet_capture', 'wallet_expire']),
  },
  'wallet.held': {
    id: 'WalletHeldEvent',
    summary: "Money of a member's wallet was reserved by a hold (wallet_hold); it is spent by a capture (wallet.debited) or released.",
    data: walletData(['wallet_hold']),
  },
  'wallet.hold_released': {
    id: 'WalletHoldReleasedEvent',
    summary: 'A wallet hold was voided (wallet_void) or expired (wallet_hold_expire): its money is back in the wallet (data.reason voided or expired).',
    data: walletData(['wallet_void', 'wallet_hold_expire']),
  },
  'gift_card.issued': {
    id: 'GiftCardIssuedEvent',
    summary: 'A gift card was sold against a purchase and loaded (gift_card_issue). member_id is the card\'s id: gift card events are placed by their card. The code is not in it.',
    data: giftCardData(['gift_card_issue']),
    owner: 'gift_card',
  },
  'gift_card.otp_requested': {
    id: 'GiftCardOtpRequestedEvent',
    summary:
      "A one-time password was asked for to spend or transfer a gift card (POST /v1/gift-cards/{id}/otp): send `otp` to `phone` by SMS. The only gift card event that carries a secret: the service keeps the code only hashed and gives it out nowhere else; whoever can read the event feed (read keys too) can see live codes, so give read keys only to systems trusted with them, or take codes from a webhook endpoint subscribed to this type. member_id is the card's id.",
    data: z.object({
      gift_card_id: Id('gcd', 'Gift card'),
      purpose: z.enum(['spend', 'transfer']).describe('What the password authorises: a spend at a till, or moving the card into a wallet'),
      otp: z.string().regex(/^\d{6}$/).describe('The one-time password, 6 digits (leading zeros kept): a secret, to be sent to the phone and not logged'),
      phone: z.string().describe("The card's bound phone to send it to"),
      expires_at: Timestamp.describe('When the code stops working (5 minutes after issue)'),
      max_attempts: z.number().int().min(1).describe('Wrong codes allowed before the code dies'),
    }),
    owner: 'gift_card',
  },
  'gift_card.spent': {
    id: 'GiftCardSpentEvent',
    summary: "Money was spent from a gift card at a till (gift_card_spend, external_ref the receipt). member_id is the card's id.",
    data: giftCardData(['gift_card_spend']),
    owner: 'gift_card',
  },
  'gift_card.transferred': {
    id: 'GiftCardTransferredEvent',
    summary: "A gift card's money moved into a member's wallet (gift_card_transfer, data.member_id; the wallet publishes wallet.credited). member_id is the card's id.",
    data: giftCardData(['gift_card_transfer']),
    owner: 'gift_card',
  },
  'gift_card.expired': {
    id: 'GiftCardExpiredEvent',
    summary: "A gift card passed its expiry with money left: the money moved to gift_card_expired (gift_card_expire), recorded when the card was next touched. member_id is the card's id.",
    data: giftCardData(['gift_card_expire']),
    owner: 'gift_card',
  },
  'gift_card.refunded': {
    id: 'GiftCardRefundedEvent',
    summary: "All or part of a gift card spend was given back to the card (gift_card_reversal: ref_id and data.spend_id the spend, data.receipt_id its receipt). On an expired card the money expires again at once: gift_card.expired follows. member_id is the card's id.",
    data: giftCardData(['gift_card_reversal']),
    owner: 'gift_card',
  },
  'points.returned': {
    id: 'PointsReturnedEvent',
    summary: 'A return clawed back points of its purchase.',
    data: ledgerData(['return']),
  },
  'points.redeemed': {
    id: 'PointsRedeemedEvent',
    summary: 'Points were redeemed.',
    data: ledgerData(['redeem']),
  },
  'points.reversed': {
    id: 'PointsReversedEvent',
    summary: 'A redemption was reversed (all or part); the points came back.',
    data: ledgerData(['reversal']),
  },
  'points.adjusted': {
    id: 'PointsAdjustedEvent',
    summary: 'An admin credited or debited points by hand.',
    data: ledgerData(['adjust']),
  },
  'points.matured': {
    id: 'PointsMaturedEvent',
    summary: 'Pending points became spendable at the end of the return window.',
    data: ledgerData(['mature']),
  },
  'points.expiring': {
    id: 'PointsExpiringEvent',
    summary: 'Points will expire soon: `warning_hours` before the first lot of a local expiry date (once per member and date).',
    data: z.object({
      expires_on: LocalDate.describe('The local date the points expire'),
      first_expires_at: Timestamp.describe('When the first of them expires'),
      points: z.number().int().describe('Points expiring that day'),
      warning_hours: z.number().int().describe('How long before first_expires_at the warning is raised'),
    }),
  },
  'points.expired': {
    id: 'PointsExpiredEvent',
    summary: 'The unspent rest of a lot expired.',
    data: ledgerData(['expire']),
  },
  'points.renewable': {
    id: 'PointsRenewableEvent',
    summary:
      'Points that just expired can be renewed (POST /v1/members/{id}/renewals) until `renewable_until`: raised once per settlement that expired renewable points, after their points.expired events, when the program has a renewal window.',
    data: z.object({
      points: z.number().int().min(1).describe('The points of these expiries; renewing restores them, with any others expired within the window and not renewed yet'),
      expire_transaction_ids: z.array(z.string()).min(1).describe('The expiry transactions (points.expired) these points left in'),
      expired_at: Timestamp.describe('When the first of them expired'),
      renewable_until: Timestamp.describe('expired_at plus renewal_window_hours: a renewal before this instant restores all of them (later, only those that expired less than the window before it)'),
      renewal_window_hours: z.number().int().min(1).describe("The program's renewal window"),
    }),
  },
  'points.renewed': {
    id: 'PointsRenewedEvent',
    summary: 'Points that expired within the renewal window were restored, with a fresh validity.',
    data: ledgerData(['renew']),
  },
  'points.decayed': {
    id: 'PointsDecayedEvent',
    summary: 'A share of the available balance was deducted for a period of inactivity.',
    data: ledgerData(['decay']),
  },
  'points.extended': {
    id: 'PointsExtendedEvent',
    summary: "A completed task extended the member's soonest-expiring points (no points move; transaction.data says which lots and to when).",
    data: ledgerData(['extend']),
  },
  'points.debt_paid': {
    id: 'PointsDebtPaidEvent',
    summary: 'Points that came back paid off a debt.',
    data: ledgerData(['debt_payment']),
  },
  'hold.created': {
    id: 'HoldCreatedEvent',
    summary: 'Points were reserved by a hold.',
    data: ledgerData(['hold']),
  },
  'hold.captured': {
    id: 'HoldCapturedEvent',
    summary: 'A hold was captured (all or part; the rest returned to the balance).',
    data: ledgerData(['capture']),
  },
  'hold.voided': {
    id: 'HoldVoidedEvent',
    summary: 'A hold was released.',
    data: ledgerData(['void']),
  },
  'hold.expired': {
    id: 'HoldExpiredEvent',
    summary: 'A hold passed its expiry uncaptured and was released.',
    data: ledgerData(['hold_expire']),
  },
  'conversion.completed': {
    id: 'ConversionCompletedEvent',
    summary: 'Points were converted to money (a withdrawal) or money to points.',
    data: ledgerData(['convert']),
  },
  'tier.changed': {
    id: 'TierChangedEvent',
    summary: "A member's tier changed: up in the purchase that crossed a threshold, down at the tier review.",
    data: z.object({ tier_change: TierChangeRecord }),
  },
  'promotion.applied': {
    id: 'PromotionAppliedEvent',
    summary: 'A purchase got promotions: one event per purchase, listing each promotion with what it took off, the points it added, its gift, the code that unlocked it and the code it issued.',
    data: z.object({
      member_id: Id('mem', 'Member'),
      purchase_id: Id('pur', 'Purchase'),
      discount: MoneyOrZeroSchema.describe('All the promotions together'),
      extra_points: z.number().int().describe("The promotions' points, beyond those of the net amount"),
      promotions: z.array(
        z.object({
          promotion_id: Id('prm', 'Promotion'),
          name: z.string(),
          visibility: z.enum(['visible', 'technical']),
          effect_type: z.string(),
          discount: z.number().int().describe("Minor units of the purchase's currency"),
          points: z.number().int(),
          gift: z.string().nullable(),
          code: z.string().nullable().describe('The promo code presented for it'),
          issued_code: z.string().optional().describe('The promo code it issued for a later purchase (see promo_code.issued); absent when it issued none'),
        }),
      ),
    }),
  },
  'promo_code.issued': {
    id: 'PromoCodeIssuedEvent',
    summary:
      'A promo code bound to the member was issued: by an admin (POST /v1/promo-codes), by a purchase whose promotion issues codes, or by the birthday or win-back job with member.birthday_upcoming or member.inactive (a code of the birthday or win_back:<milestone> promotion). It never carries the PIN: the event feed is open to read keys, so a generated PIN is shown only in the issue response, to be passed on to the member from there.',
    data: z.object({
      code: z.string().describe('The code, as the member presents it'),
      promotion_id: Id('prm', 'Promotion').describe('The promotion the code unlocks'),
      member_id: Id('mem', 'Member').describe('The member it is bound to'),
      max_uses: z.number().int().min(1),
      valid_from: Timestamp.nullable().describe('Not usable before this instant; null: from issue'),
      valid_until: Timestamp.nullable().describe('Not usable from this instant on; null: no end'),
      issued_by_purchase: z.string().nullable().describe('The purchase whose promotion issued it; null when an admin or a job (birthday, win-back) issued it'),
      has_pin: z.boolean().optional().describe('Set by an admin issue: a PIN must be presented with the code (codes a purchase issues have none)'),
      batch_id: Id('pcb', 'Promo code batch').nullable().optional().describe('Set by an admin issue: the batch of generated codes, or null for a shared code'),
    }),
  },
  'promo_code.redeemed': {
    id: 'PromoCodeRedeemedEvent',
    summary: "A promo code was used on a purchase (consumed in the purchase's own transaction).",
    data: z.object({
      code: z.string(),
      promotion_id: Id('prm', 'Promotion'),
      member_id: Id('mem', 'Member'),
      purchase_id: Id('pur', 'Purchase'),
      discount: MoneyOrZeroSchema,
    }),
  },
  'promotion.revoked': {
    id: 'PromotionRevokedEvent',
    summary: 'A return left a purchase short of what one of its promotions needs: its extra points are clawed back, and a code it issued is revoked (unused) or its value clawed back (used).',
    data: z.object({
      promotion_id: Id('prm', 'Promotion'),
      member_id: Id('mem', 'Member'),
      purchase_id: Id('pur', 'Purchase'),
      points: z.number().int(),
      issued_code: z.string().nullable(),
      code_revoked: z.boolean().nullable(),
      code_value_points: z.number().int(),
    }),
  },
  'referral.rewarded': {
    id: 'ReferralRewardedEvent',
    summary:
      "A referee's first purchase matured: the referrer (member_id) got the program's referral_reward as store credit in the home currency (also published as wallet.credited, data.reason referral). `source` is the reward as set, `rate` the FX rate in force at maturity (null when no conversion was needed).",
    data: z.object({
      referral: ReferralRecord,
      source: z.object({ amount: z.number().int(), currency: z.string() }).nullable(),
      rate: z.string().nullable().describe('Units of home_currency per unit of the source currency, exact'),
      transaction: WalletTransactionSchema,
    }),
  },
  'referral.cancelled': {
    id: 'ReferralCancelledEvent',
    summary: "The referee's (member_id) first purchase was returned in full before it matured: the referral earns nothing, ever.",
    data: z.object({ referral: ReferralRecord, reason: z.enum(['purchase_returned']) }),
  },
  'target.off_track': {
    id: 'TargetOffTrackEvent',
    summary:
      "A target's pace fell below its alert threshold in the period (published by the targets job, once per target and period). member_id is the target's id: target events are placed by their target. `progress` is the measure that decided it.",
    data: z.object({ target: TargetRecord, progress: TargetProgressRecord }),
    owner: 'target',
  },
  'target.back_on_track': {
    id: 'TargetBackOnTrackEvent',
    summary: "A target that went off track in the period is back at or above its threshold (at most once per period, after target.off_track). member_id is the target's id.",
    data: z.object({ target: TargetRecord, progress: TargetProgressRecord }),
    owner: 'target',
  },
  'notification.dispatch': {
    id: 'NotificationDispatchEvent',
    summary:
      "One message to one member on one channel, for the integrator's provider to send: published by the notifications job (notification_id set) or by a journey's notify step (journey_id, run_id, step set). Send it once per dispatch_key: delivery is at least once. Report what the provider says about a notification's message with POST /v1/notifications/{id}/receipts.",
    data: NotificationDispatchData,
  },
  'journey.step_completed': {
    id: 'JourneyStepCompletedEvent',
    summary:
      "A step of a member's journey run completed (the journeys job): what it did, and where the run goes next. A wait completes when it ends; a run that ended with the step has next_step null and its run_status.",
    data: StepCompletedData,
  },
} as const satisfies Record<EventType, EventDefinition>;

const envelope = {
  id: Id('evt', 'Event').describe('Event id (TypeID with prefix evt_). Unique; use it to drop duplicates (delivery is at least once).'),
  occurred_at: Timestamp.describe('When it happened (business time)'),
  timestamp: Timestamp.describe('The same instant as occurred_at, under the name the Standard Webhooks payload format uses'),
  recorded_at: Timestamp.describe('When the service recorded it'),
  program_id: Id('prg', 'Program'),
  member_id: Id('mem', 'Member').describe('The member the event concerns'),
};

const eventSchema = <T extends EventType>(type: T) => {
  const definition: EventDefinition = EVENT_DEFINITIONS[type];
  return z
    .object({
      ...envelope,
      ...(definition.owner === 'gift_card' ? { member_id: Id('gcd', 'Gift card').describe('The gift card the event concerns (gift card events are placed by their card)') } : {}),
      ...(definition.owner === 'target' ? { member_id: Id('tgt', 'Target').describe('The target the event concerns (target events are placed by their target)') } : {}),
      type: z.literal(type),
      data: definition.data,
    })
    .meta({ id: definition.id, description: `\`${type}\`: ${definition.summary}` });
};

const [first, ...rest] = EVENT_TYPES.map(eventSchema);

/** Any event, discriminated by `type`. */
export const EventSchema = z.discriminatedUnion('type', [first!, ...rest]).meta({
  id: 'Event',
  description: 'An event of the feed and of webhook deliveries: the envelope, and `data` according to `type`.',
  discriminator: {
    propertyName: 'type',
    mapping: Object.fromEntries(EVENT_TYPES.map((type) => [type, `#/components/schemas/${EVENT_DEFINITIONS[type].id}`])),
  },
});

export type Event = z.infer<typeof EventSchema>;
