import { z } from 'zod';
import { MoneySchema } from '../schemas/ledger.ts';
import { Id, Timestamp } from '../schemas/common.ts';
import { MAX_POINTS } from '../schemas/limits.ts';

/**
 * Promotions (incentives.md "Promotions"): what a promotion is, as the API accepts and shows it, and what the
 * engine (engine.ts) takes and gives. The engine is pure; the ledger (ledger_earn) enforces the limits it relies on.
 */

const Name = z.string().trim().min(1).max(100);
const Labels = z.array(z.string().min(1).max(100)).min(1).max(200);
const LocalTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be HH:MM (24-hour, local time)');

export const PromotionScopeSchema = z
  .object({
    brands: Labels.optional(),
    categories: Labels.optional(),
    skus: Labels.optional(),
  })
  .strict()
  .describe('Which lines the promotion is about: a line is eligible when its brand, category or sku is in a given list. No list: every line.')
  .meta({ id: 'PromotionScope' });

/** One item of a bundle: a sku or a category, and how many units of it the bundle takes. */
const BundleItem = z
  .object({
    sku: z.string().min(1).max(100).optional(),
    category: z.string().min(1).max(100).optional(),
    quantity: z.number().int().min(1).max(1000).default(1),
  })
  .strict()
  .refine((item) => (item.sku === undefined) !== (item.category === undefined), { message: 'give exactly one of sku and category' });

const Percent = z.number().gt(0).max(100);

export const PromotionEffectSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('percent_off'), percent: Percent.describe('Percent off each eligible line') }).strict(),
    z
      .object({ type: z.literal('amount_off'), amount: MoneySchema.describe('Money off, spread over the eligible lines in proportion to their amounts') })
      .strict(),
    z
      .object({ type: z.literal('points_multiplier'), multiplier: z.number().gt(1).max(100).describe('Points of the eligible lines are multiplied by this') })
      .strict(),
    z.object({ type: z.literal('points_bonus'), points: z.number().int().min(1).max(MAX_POINTS) }).strict(),
    z
      .object({
        type: z.literal('issue_code'),
        promotion_id: Id('prm', 'Promotion whose code is issued').describe('The promotion the issued code unlocks (it should have conditions.requires_code)'),
        valid_days: z.number().int().min(1).max(3650).describe('The code is valid this many days from the purchase'),
      })
      .strict(),
    z.object({ type: z.literal('gift'), gift: Name.describe('The non-monetary reward, recorded on the purchase') }).strict(),
    z
      .object({
        type: z.literal('bundle'),
        items: z.array(BundleItem).min(2).max(20).describe('What must be bought together; every complete set gets the bundle price'),
        price: MoneySchema.optional().describe('Fixed price of one complete set'),
        percent_off: Percent.optional().describe('Or percent off one complete set'),
      })
      .strict()
      .refine((e) => (e.price === undefined) !== (e.percent_off === undefined), { message: 'give exactly one of price and percent_off', path: ['price'] }),
    z
      .object({
        type: z.literal('buy_x_get_y'),
        buy: z.number().int().min(1).max(100).describe('Units to pay for in each group'),
        get: z.number().int().min(1).max(100).describe('Units discounted in each group: the cheapest of the group'),
        percent_off: Percent.default(100).describe('Discount on the Y units (100: free)'),
      })
      .strict(),
  ])
  .meta({ id: 'PromotionEffect' });

export const PromotionConditionsSchema = z
  .object({
    starts_at: Timestamp.optional(),
    ends_at: Timestamp.optional().describe('Exclusive end'),
    days_of_week: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional().describe('ISO days (1 = Monday) in the program time zone'),
    hours: z.object({ from: LocalTime, to: LocalTime }).strict().optional().describe('Local time of day, from inclusive to exclusive; from > to spans midnight'),
    min_amount: MoneySchema.optional().describe('The eligible lines must come to at least this (converted at the rate sets in force)'),
    stores: Labels.optional(),
    channels: Labels.optional(),
    tiers: Labels.optional(),
    first_purchase_within_hours: z.number().int().min(1).max(24 * 365).optional().describe("Only the member's first purchase, within this many hours of enrolment"),
    birthday_window_days: z.number().int().min(0).max(60).optional().describe('Only within this many local days either side of the birthday'),
    purchase_count: z
      .object({
        more_than: z.number().int().min(0).max(10_000).describe('Earlier purchases (not fully returned) in the window, this one not counted'),
        within_days: z.number().int().min(1).max(3660),
      })
      .strict()
      .optional(),
    login_streak: z
      .object({
        days: z.number().int().min(2).max(31).describe('Logins (activity type login) on this many consecutive local days this ISO week'),
        purchases_in_week: z.number().int().min(1).max(100).describe('Purchases in this ISO week, this one included'),
      })
      .strict()
      .optional(),
    segment: z
      .object({
        segment_ids: z
          .array(Id('seg', 'Segment'))
          .min(1)
          .max(20)
          .describe("Segments of the program (GET /v1/segments): the member must be in at least one of them at the purchase's time"),
      })
      .strict()
      .optional()
      .describe("Only members in any of these segments, evaluated as of the purchase's time (a dynamic segment's rule, a static segment's list)"),
    requires_code: z.boolean().default(false).describe('Applies only when the purchase presents one of its promo codes'),
  })
  .strict()
  .meta({ id: 'PromotionConditions' });

export const PROMOTION_PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;

export const PromotionLimitsSchema = z
  .object({
    per_member: z.number().int().min(1).max(1_000_000).optional().describe('Uses per member, ever'),
    per_member_period: z
      .object({ uses: z.number().int().min(1).max(1_000_000), period: z.enum(PROMOTION_PERIODS) })
      .strict()
      .optional()
      .describe('Uses per member per local day, ISO week, month, quarter or year'),
    total_uses: z.number().int().min(1).max(100_000_000).optional(),
    budget: z
      .union([
        z.object({ amount: MoneySchema.describe('Money the discounts may total') }).strict(),
        z.object({ points: z.number().int().min(1).max(MAX_POINTS * 1000).describe('Points the promotion may award') }).strict(),
      ])
      .optional(),
  })
  .strict()
  .meta({ id: 'PromotionLimits' });

export const PROMOTION_STATUSES = ['active', 'paused', 'ended'] as const;

/** The writable fields; the API adds id, version and times. */
export const PromotionFieldsSchema = z.object({
  name: Name,
  description: z.string().max(1000).nullable().default(null),
  status: z.enum(PROMOTION_STATUSES).default('active'),
  visibility: z.enum(['visible', 'technical']).default('visible'),
  stackable: z.boolean().default(false),
  priority: z.number().int().min(-1000).max(1000).default(0).describe('Breaks ties between promotions worth the same: higher first, then the older id'),
  effect: PromotionEffectSchema,
  scope: PromotionScopeSchema.default({}),
  conditions: PromotionConditionsSchema.default({ requires_code: false }),
  limits: PromotionLimitsSchema.default({}),
});

export type PromotionFields = z.output<typeof PromotionFieldsSchema>;
export type PromotionEffect = z.output<typeof PromotionEffectSchema>;
export type PromotionConditions = z.output<typeof PromotionConditionsSchema>;
export type PromotionLimits = z.output<typeof PromotionLimitsSchema>;
export type PromotionScope = z.output<typeof PromotionScopeSchema>;

export interface Promotion extends PromotionFields {
  id: string;
  /** Bumped by every change: a quote or an evaluation names the versions it used, and the ledger re-checks them. */
  version: number;
  created_at: string;
  updated_at: string;
}

// ---- What the engine takes --------------------------------------------------------------------------------------

export interface EngineLine {
  sku: string;
  brand: string | null;
  category: string | null;
  quantity: number;
  unit_price: number;
  amount: number;
}

/** What the ledger knows about the member that a condition or limit reads (ledger_promotion_facts). */
export interface MemberFacts {
  tier: string | null;
  /** members.created_at */
  enrolled_at: string;
  /** YYYY-MM-DD or null */
  birth_date: string | null;
  /** Purchases so far (not counting this one). */
  purchase_count: number;
  /** Earlier purchases not fully returned, by window in days ("90": 3). Only the windows the promotions ask for. */
  purchases_within_days: Record<string, number>;
  /** The segments (of those the promotions' segment conditions name) the member is in at the purchase's time. */
  segments: string[];
  /** Local dates (YYYY-MM-DD) of logins in the current ISO week, and purchases already made in it. */
  login_days_this_week: string[];
  purchases_this_week: number;
  /**
   * Uses so far per promotion id and period key: "all", or the local period of the purchase: "d:2026-12-01",
   * "w:2026-W49", "m:2026-12", "q:2026-Q4", "y:2026" (engine.ts periodKey makes them).
   */
  uses: Record<string, Record<string, number>>;
}

export interface PurchaseContext {
  /** Local business time of the purchase. */
  occurred_at: Date;
  timezone: string;
  currency: string;
  amount: number;
  store_id: string | null;
  channel: string | null;
  /** The lines; a purchase without lines is one implicit line (sku "*"). */
  lines: EngineLine[];
  /** Promotion ids unlocked by valid codes the purchase presents. */
  code_promotions: string[];
  /** Promotions whose total uses or budget the ledger found spent (evaluate again without them). */
  exhausted: ReadonlySet<string>;
  /** Money per point in the purchase currency's minor units (settings.point_value); values points for "best". */
  point_value: number;
  /** Base points per minor unit of this currency (rate x rounding happen in the service). */
  points_for: (netAmount: number) => number;
  /** Converts a minimum in another currency into the purchase currency, rounded up; null when no rate is known. */
  convert: (money: { amount: number; currency: string }) => number | null;
  /** Program setting brand_discount_caps: percent of a brand's lines' amount the discounts may total. */
  brand_discount_caps: Record<string, number>;
}

export type RejectionReason =
  | 'not_started'
  | 'ended'
  | 'paused'
  | 'day_of_week'
  | 'hours'
  | 'min_amount'
  | 'store'
  | 'channel'
  | 'tier'
  | 'segment'
  | 'not_first_purchase'
  | 'enrolment_window'
  | 'birthday_window'
  | 'purchase_count'
  | 'login_streak'
  | 'code_required'
  | 'no_eligible_lines'
  | 'per_member_limit'
  | 'per_member_period_limit'
  | 'total_uses_exhausted'
  | 'budget_exhausted'
  | 'currency'
  | 'bundle_incomplete'
  | 'not_enough_units'
  | 'better_promotion'
  | 'brand_cap';

// ---- What the engine gives --------------------------------------------------------------------------------------

export interface LineOutcome {
  line_no: number;
  sku: string;
  amount: number;
  /** Money off this line, all promotions together, after brand caps. */
  discount: number;
  net_amount: number;
  applied: { promotion_id: string; discount: number; points: number }[];
  rejected: { promotion_id: string; reason: RejectionReason }[];
}

/** One promotion that applies, with what it costs against its limits. */
export interface AppliedPromotion {
  promotion_id: string;
  version: number;
  name: string;
  visibility: 'visible' | 'technical';
  effect_type: PromotionEffect['type'];
  /** Money off across lines (purchase currency minor units). */
  discount: number;
  /** Extra points it awards (multiplier or bonus), on top of the points of the net amount. */
  points: number;
  gift: string | null;
  /** issue_code: the promotion the issued code unlocks and until when. */
  issue_code: { promotion_id: string; valid_until: string } | null;
  /** Limit keys the ledger checks and counts: per-member period keys with their maxima, and budget costs. */
  member_limits: { period_key: string; max: number }[];
  total_uses: boolean;
  /** Budget cost in the budget's unit (money minor units or points), null without a budget. */
  budget_cost: number | null;
}

export interface Evaluation {
  lines: LineOutcome[];
  applied: AppliedPromotion[];
  /** Promotions that applied to no line, with the first reason. */
  rejected: { promotion_id: string; reason: RejectionReason }[];
  discount: number;
  net_amount: number;
  /** Points of the net amount (points_for) plus every applied promotion's points. */
  base_points: number;
  extra_points: number;
}

/** The engine's entry point (engine.ts): pure and deterministic, same inputs, same outcome. */
export type Evaluate = (promotions: readonly Promotion[], facts: MemberFacts, ctx: PurchaseContext) => Evaluation;
