import { createHash } from 'node:crypto';
import { ConflictError, UnprocessableError } from '../errors.ts';
import { addMinutes, startOfIsoWeek } from '../calendar.ts';
import { newId } from '../ids.ts';
import { convertMoney } from '../ledger/money.ts';
import { callLedger, LedgerRefusal, retryable, unwrap } from '../ledger/sql-call.ts';
import { ledgerEarn, ledgerPromotionFacts, type Args, type Result } from '../ledger/functions.ts';
import { earnArgs, preparePurchase, recordPurchase, write, type PreparedPurchase, type PurchaseInput, type WriteContext, type WriteResult } from '../ledger/ledger.ts';
import { rateAt } from '../rules/rates.ts';
import { evaluate, inScope } from './engine.ts';
import { generateCode, normalizeCode, promoCodeInvalid, type PresentedCode } from './codes.ts';
import { SPENDING_REFUSED } from '../schemas/member.ts';
import type { AppliedPromotion, Evaluation, MemberFacts, Promotion, PurchaseContext } from './model.ts';
import type { PromotionSegment } from './promotions.ts';
import { sql } from 'kysely';
import { jsonValues, parseRule, toParameterisedText, type RuleContext } from '../analytics/segment-rule.ts';
import { segmentPredicate, type Segment } from '../analytics/segments.ts';

/**
 * A purchase with promotions (incentives.md "Promotions"): the service evaluates (engine.ts, pure), the ledger commits
 * exactly that or says what changed meanwhile (src/promotions/sql/promotions.sql), and the service then evaluates
 * again with what it learnt. A purchase without promotions or codes takes the plain path, one round trip.
 */

export interface CheckoutInput extends PurchaseInput {
  promo_codes?: PresentedCode[] | undefined;
  quote_id?: string | undefined;
}

/** What checkout needs besides the ledger: the program's promotions, code verification, and the deployment. */
export interface PromotionServices {
  /** The program's active promotions: from a short cache, or `fresh` from the database. */
  active(programId: string, fresh?: boolean): Promise<Promotion[]>;
  /** The segments the active promotions' segment conditions name, from the same cache. */
  segments(programId: string): Promise<PromotionSegment[]>;
  /** Valid presented codes with the promotion each unlocks; throws promo_code_invalid for any other. */
  verifyCodes(programId: string, memberId: string, presented: PresentedCode[], now: Date): Promise<{ code: string; promotion_id: string }[]>;
  /** On Citus a write that consumes or issues a code runs in a transaction block, reaching the code's worker. */
  cluster: boolean;
}

export type CheckoutContext = WriteContext & { promotions: PromotionServices };

/** How long a quote can be committed. */
export const QUOTE_TTL_MINUTES = 5;
/** Attempts at committing a fresh evaluation before giving up (each failed one rolled back whole). */
const MAX_ATTEMPTS = 12;

/** The member's facts, and their status (a quote for a member who may not earn is refused like the purchase). */
type Facts = MemberFacts & { status: string; exhausted: string[] };
type PromotionsArg = NonNullable<Args<typeof ledgerEarn>['promotions']>;
type PurchaseResult = WriteResult<Result<typeof ledgerEarn>>;

/** The lines the engine sees: the purchase's own, or one implicit line for a purchase without lines. */
function engineLines(input: PurchaseInput, prepared: PreparedPurchase) {
  return (
    prepared.lines ?? [{ sku: '*', brand: null, category: null, quantity: 1, unit_price: input.amount.amount, amount: input.amount.amount }]
  );
}

function purchaseContext(ctx: WriteContext, input: CheckoutInput, prepared: PreparedPurchase, codePromotions: string[], exhausted: Set<string>): PurchaseContext {
  const currency = input.amount.currency;
  const rateOf = (c: string) => {
    try {
      return rateAt(ctx.rateSets, ctx.settings, c, prepared.occurredAt).rate;
    } catch {
      return null;
    }
  };
  // Only minimums are converted (min_amount): rounded up, since a purchase meets one only if it does exactly. Rounded
  // down, 80.00 GBP would pass for 100.01 USD at 0.80 GBP to the dollar, though it is exactly 100.00 USD.
  const convert = (money: { amount: number; currency: string }) => {
    if (money.currency === currency) return money.amount;
    const from = rateOf(money.currency);
    const to = rateOf(currency);
    return from === null || to === null ? null : convertMoney(money.amount, { currency: money.currency, rate: from }, { currency, rate: to }, 'ceil');
  };
  // A point's worth in the purchase currency: point_value is in minor units of the home currency.
  const home = ctx.settings.home_currency;
  const homeRate = rateOf(home);
  const purchaseRate = rateOf(currency) ?? 1;
  const pointValue = home === currency || homeRate === null ? ctx.settings.point_value : (ctx.settings.point_value * homeRate) / purchaseRate;
  return {
    occurred_at: prepared.occurredAt,
    timezone: ctx.settings.timezone,
    currency,
    amount: input.amount.amount,
    store_id: input.store_id ?? null,
    channel: input.channel ?? null,
    lines: engineLines(input, prepared),
    code_promotions: codePromotions,
    exhausted,
    point_value: pointValue,
    points_for: prepared.pointsFor,
    convert,
    brand_discount_caps: ctx.settings.brand_discount_caps,
  };
}

/**
 * The segments the promotions' segment conditions name, as one array of booleans over the member row `m` that
 * ledger_promotion_facts evaluates on the member's worker as of the purchase's time: the same compiled rules the
 * segments' member lists use, with their values in one jsonb array instead of bound parameters (segment-rule.ts
 * jsonValues). Undefined without such segments.
 */
function segmentChecks(ctx: WriteContext, segments: readonly PromotionSegment[]) {
  if (segments.length === 0) return undefined;
  // rfm_segment reads the member's stored segment (member_rfm, kept by the rfm job): see RuleContext.rfm.
  const rules: RuleContext = {
    timezone: ctx.settings.timezone,
    homeCurrency: ctx.settings.home_currency,
    entryTier: ctx.settings.tiers[0]?.name ?? null,
    rfm: 'stored',
  };
  const values: unknown[] = [];
  const b = jsonValues(values);
  // Rules were validated when stored; one that no longer parses (a stored rule from an older language) leaves its
  // segment out, so the member is not in it: a purchase is never refused over a segment.
  const usable = segments.flatMap((s): Pick<Segment, 'id' | 'kind' | 'rule'>[] => {
    if (s.kind === 'static') return [{ id: s.id, kind: s.kind, rule: null }];
    try {
      return [{ id: s.id, kind: s.kind, rule: parseRule(s.rule) }];
    } catch {
      return [];
    }
  });
  if (usable.length === 0) return undefined;
  // A condition on a missing value (no birth date) is NULL: not in the segment.
  const flags = usable.map((segment) => sql<boolean>`coalesce(${segmentPredicate(segment, b, rules)}, false)`);
  const check = toParameterisedText(sql`ARRAY[${sql.join(flags)}]::boolean[]`, values);
  return { ids: usable.map((s) => s.id), check: check.sql, values: check.values };
}

/** The member's facts the promotions' conditions and limits read: one routed call, or one element of a batch. */
async function memberFacts(ctx: CheckoutContext, memberId: string, promotions: readonly Promotion[], at: Date): Promise<Facts> {
  const named = new Set(promotions.flatMap((p) => p.conditions.segment?.segment_ids ?? []));
  // Cached with the active promotions: no round trip of its own.
  const segments = named.size === 0 ? [] : (await ctx.promotions.segments(ctx.programId)).filter((s) => named.has(s.id));
  const windows = [...new Set(promotions.flatMap((p) => (p.conditions.purchase_count ? [p.conditions.purchase_count.within_days] : [])))];
  const call = {
    fn: ledgerPromotionFacts,
    member: memberId,
    args: {
      program_id: ctx.programId,
      now: at.toISOString(),
      timezone: ctx.settings.timezone,
      week_start: startOfIsoWeek(at, ctx.settings.timezone).toISOString(),
      windows,
      // Only what some promotion's conditions or limits read.
      promotion_ids: promotions.filter((p) => p.limits.per_member !== undefined || p.limits.per_member_period !== undefined).map((p) => p.id),
      pooled_ids: promotions.filter((p) => p.limits.total_uses !== undefined || p.limits.budget !== undefined).map((p) => p.id),
      week: promotions.some((p) => p.conditions.login_streak !== undefined),
      segments: segmentChecks(ctx, segments),
    },
  };
  // Under load it shares a round trip with other requests' writes (batcher.ts); it locks nothing.
  const outcome = ctx.batcher ? await ctx.batcher.call(call) : await callLedger(ctx.pool, call);
  const { body } = unwrap(outcome);
  // A member with no stored tier is in the entry tier (member_balances.tier NULL): a condition on it must see its name.
  return { ...body, tier: body.tier ?? ctx.settings.tiers[0]?.name ?? null };
}

/** What each applied promotion needs to keep qualifying when lines are returned (ledger_return re-checks it). */
type Requirements = Record<string, { min_amount: number | null; eligible_skus: string[] | null }>;

/** An evaluation and the requirements of what it applied: what a purchase commits and a quote stores. */
interface Decision {
  evaluation: Evaluation;
  requirements: Requirements;
}

function decide(evaluation: Evaluation, promotions: readonly Promotion[], ctx: PurchaseContext, withLines: boolean): Decision {
  const requirements: Requirements = {};
  for (const applied of evaluation.applied) {
    const promotion = promotions.find((p) => p.id === applied.promotion_id);
    const min = promotion?.conditions.min_amount;
    // Its eligible lines: a line effect's own lines (those it applied to); a purchase-level effect's, those in its scope.
    const lineEffect = evaluation.lines.some((l) => l.applied.some((a) => a.promotion_id === applied.promotion_id));
    const skus = lineEffect
      ? evaluation.lines.filter((l) => l.applied.some((a) => a.promotion_id === applied.promotion_id)).map((l) => l.sku)
      : ctx.lines.filter((l) => promotion && inScope(promotion, l)).map((l) => l.sku);
    requirements[applied.promotion_id] = { min_amount: min ? ctx.convert(min) : null, eligible_skus: withLines ? skus : null };
  }
  return { evaluation, requirements };
}

/** What a purchase and its quote show of an applied promotion. */
function shown(a: Pick<AppliedPromotion, 'promotion_id' | 'name' | 'visibility' | 'effect_type' | 'discount' | 'points' | 'gift'>) {
  return { promotion_id: a.promotion_id, name: a.name, visibility: a.visibility, effect_type: a.effect_type, discount: a.discount, points: a.points, gift: a.gift };
}

/** The evaluation as ledger_earn takes it; codes to issue are minted now (a collision makes the ledger ask again). */
function promotionsArg({ evaluation, requirements }: Decision, codes: { code: string; promotion_id: string }[], quoteId: string | null): PromotionsArg {
  const codeOf = new Map(codes.map((c) => [c.promotion_id, c.code]));
  const applied = evaluation.applied.map((a) => ({
    promotion_id: a.promotion_id,
    version: a.version,
    name: a.name,
    visibility: a.visibility,
    effect_type: a.effect_type,
    discount: a.discount,
    points: a.points,
    member_limits: a.member_limits,
    period_keys: a.member_limits.map((l) => l.period_key),
    total_uses: a.total_uses,
    budget_cost: a.budget_cost,
    code: codeOf.get(a.promotion_id) ?? null,
    gift: a.gift,
    issue_code: a.issue_code ? { code: generateCode(), promotion_id: a.issue_code.promotion_id, valid_until: a.issue_code.valid_until } : null,
    min_amount: requirements[a.promotion_id]?.min_amount ?? null,
    eligible_skus: requirements[a.promotion_id]?.eligible_skus ?? null,
  }));
  return {
    applied,
    discount: evaluation.discount,
    extra_points: evaluation.extra_points,
    quote_id: quoteId,
    summary: {
      applied: applied.map((a) => ({ ...shown(a), code: a.code })),
      lines: evaluation.lines.map((l) => ({
        line_no: l.line_no - 1,
        sku: l.sku,
        amount: l.amount,
        discount: l.discount,
        net_amount: l.net_amount,
        applied: l.applied,
      })),
      extra_points: evaluation.extra_points,
    },
  };
}

/** Whether a write touches a promo code: on Citus it then cannot be delegated to the member's worker alone. */
function touchesCodes(arg: PromotionsArg): boolean {
  return arg.applied.some((a) => a.code !== null || a.issue_code !== null);
}

/** The refusal for a code the purchase's own transaction found used up meanwhile: the same as for any invalid code. */
function invalidCode(input: CheckoutInput, code: unknown): UnprocessableError {
  const index = (input.promo_codes ?? []).findIndex((c) => normalizeCode(c.code) === code);
  return promoCodeInvalid(Math.max(index, 0));
}

/** Slices of a budget refill from the pool; false when the promotion has less left than this purchase needs. */
async function refill(ctx: WriteContext, signal: Record<string, unknown>): Promise<boolean> {
  try {
    const { rows } = await ctx.pool.query<{ ok: boolean }>('SELECT pl_promotion_refill($1, $2, $3, $4, $5) AS ok', [
      ctx.programId,
      signal['promotion_id'],
      signal['slice_key'],
      signal['uses'],
      signal['budget'],
    ]);
    return rows[0]!.ok;
  } catch (error) {
    // Chosen as a deadlock victim (or a serialization failure): nothing was taken; the purchase asks again.
    if (retryable(error)) return true;
    throw error;
  }
}

/** What a quote is for: the purchase fields that decide its outcome (not the receipt, not the PINs). */
function quoteHash(input: CheckoutInput): string {
  const basis = {
    member_id: input.member_id,
    amount: input.amount,
    store_id: input.store_id ?? null,
    channel: input.channel ?? null,
    lines: input.lines ?? null,
    codes: (input.promo_codes ?? []).map((c) => c.code.trim().toUpperCase()).sort(),
  };
  return createHash('sha256').update(JSON.stringify(basis)).digest('hex');
}

interface Evaluated {
  prepared: PreparedPurchase;
  codes: { code: string; promotion_id: string }[];
  promotions: Promotion[];
  facts: Facts;
  exhausted: Set<string>;
  decision: Decision;
}

async function evaluateFresh(ctx: CheckoutContext, input: CheckoutInput, prepared: PreparedPurchase, state?: Partial<Evaluated>): Promise<Evaluated> {
  const promotions = state?.promotions ?? (await ctx.promotions.active(ctx.programId));
  const codes = state?.codes ?? (input.promo_codes?.length ? await ctx.promotions.verifyCodes(ctx.programId, input.member_id, input.promo_codes, prepared.now) : []);
  const facts = state?.facts ?? (await memberFacts(ctx, input.member_id, promotions, prepared.occurredAt));
  const exhausted = state?.exhausted ?? new Set<string>(facts.exhausted);
  const pctx = purchaseContext(ctx, input, prepared, codes.map((c) => c.promotion_id), exhausted);
  const decision = decide(evaluate(promotions, facts, pctx), promotions, pctx, prepared.lines !== undefined);
  return { prepared, codes, promotions, facts, exhausted, decision };
}

/**
 * POST /v1/purchases. Without promotions or codes: the plain purchase. Otherwise evaluate, commit, and on a retry
 * signal learn what changed (a promotion, the member's uses, a spent slice) and evaluate again. With a quote_id the
 * quote's outcome is committed as it is, or 409 quote_expired / quote_changed.
 */
export async function checkoutPurchase(ctx: CheckoutContext, input: CheckoutInput): Promise<PurchaseResult> {
  const prepared = preparePurchase(ctx, input);
  if (input.quote_id) return commitQuote(ctx, input, prepared, input.quote_id);
  const promotions = await ctx.promotions.active(ctx.programId);
  // No promotions and no codes: the plain purchase, one round trip as before.
  if (promotions.length === 0 && !input.promo_codes?.length) {
    return recordPurchase(ctx, input, prepared);
  }
  let state = await evaluateFresh(ctx, input, prepared, { promotions });
  for (let attempt = 1; ; attempt++) {
    const arg = promotionsArg(state.decision, state.codes, null);
    try {
      return await commit(ctx, input, prepared, state.decision.evaluation, arg);
    } catch (error) {
      if (!(error instanceof LedgerRefusal) || attempt >= MAX_ATTEMPTS) throw error;
      const signal = error.extra as Record<string, unknown>;
      switch (error.code) {
        case 'promotion_slice_empty':
          // Past a few rounds of losing refilled uses to other tills, this purchase goes on without the promotion.
          if (attempt >= MAX_ATTEMPTS - 2 || !(await refill(ctx, signal))) state.exhausted.add(String(signal['promotion_id']));
          state = await evaluateFresh(ctx, input, prepared, { ...state, promotions: state.promotions, facts: state.facts });
          break;
        case 'promotion_changed':
          state = await evaluateFresh(ctx, input, prepared, { codes: state.codes, exhausted: state.exhausted, promotions: await ctx.promotions.active(ctx.programId, true) });
          break;
        case 'promotion_limit_reached':
          state = await evaluateFresh(ctx, input, prepared, { codes: state.codes, exhausted: state.exhausted, promotions: state.promotions });
          break;
        case 'code_collision':
          break;
        case 'promo_code_invalid':
          throw invalidCode(input, signal['code']);
        default:
          throw error;
      }
    }
  }
}

/**
 * One attempt: the write with the evaluation. It shares the batcher's commits like any purchase (a retry signal
 * aborts its batch, whose elements then run one by one: batcher.ts), unless it consumes or issues a code: a code's
 * row is shared with other members' purchases and taken in the purchase's own call, between a batch's member locks
 * (budget slices, shared too, are taken for a whole batch after its member locks: pl_promotions_take_slices).
 */
async function commit(ctx: CheckoutContext, input: CheckoutInput, prepared: PreparedPurchase, evaluation: Evaluation, arg: PromotionsArg): Promise<PurchaseResult> {
  const points = prepared.pointsFor(evaluation.net_amount);
  const codes = touchesCodes(arg);
  const writeCtx: WriteContext = { ...ctx, batcher: codes ? undefined : ctx.batcher, transaction: ctx.promotions.cluster && codes };
  return write(writeCtx, ledgerEarn, input.member_id, 'purchase', { ...input }, (envelope) => earnArgs(input, prepared, envelope, points, arg), prepared.now);
}

interface QuoteRow {
  request_hash: string;
  evaluation: Decision;
  expires_at: Date;
  purchase_id: string | null;
}

async function commitQuote(ctx: CheckoutContext, input: CheckoutInput, prepared: PreparedPurchase, quoteId: string): Promise<PurchaseResult> {
  const { rows } = await ctx.pool.query<QuoteRow>(
    'SELECT request_hash, evaluation, expires_at, purchase_id FROM purchase_quotes WHERE member_id = $1 AND id = $2 AND program_id = $3',
    [input.member_id, quoteId, ctx.programId],
  );
  const quote = rows[0];
  if (!quote) {
    throw new UnprocessableError('quote_not_found', 'quote_id names no quote of this member.', {
      errors: [{ pointer: '/quote_id', location: 'body', message: 'names no quote of this member' }],
    });
  }
  if (quote.request_hash !== quoteHash(input)) {
    throw new UnprocessableError('quote_mismatch', 'The purchase differs from what was quoted (amount, lines, store, channel or codes).', {
      errors: [{ pointer: '/quote_id', location: 'body', message: 'was quoted for another purchase' }],
    });
  }
  // A replay of a committed quote's purchase is answered by its Idempotency-Key inside the write; anything else late is expired.
  const codes = input.promo_codes?.length ? await ctx.promotions.verifyCodes(ctx.programId, input.member_id, input.promo_codes, prepared.now) : [];
  for (let attempt = 1; ; attempt++) {
    const arg = promotionsArg(quote.evaluation, codes, quoteId);
    try {
      return await commit(ctx, input, prepared, quote.evaluation.evaluation, arg);
    } catch (error) {
      if (!(error instanceof LedgerRefusal) || attempt >= MAX_ATTEMPTS) throw error;
      const signal = error.extra as Record<string, unknown>;
      switch (error.code) {
        case 'promotion_slice_empty':
          if (await refill(ctx, signal)) break;
          throw quoteChanged(String(signal['promotion_id']));
        case 'promotion_changed':
        case 'promotion_limit_reached':
          throw quoteChanged(String(signal['promotion_id']));
        case 'code_collision':
          break;
        case 'quote_expired':
          throw new ConflictError('quote_expired', 'The quote expired or was already committed; ask for a new quote.', { quote_id: quoteId });
        case 'promo_code_invalid':
          throw invalidCode(input, signal['code']);
        default:
          throw error;
      }
    }
  }
}

function quoteChanged(promotionId: string): ConflictError {
  return new ConflictError('quote_changed', 'What the quote promised is no longer available (a promotion changed or a limit ran out); ask for a new quote.', {
    promotion_id: promotionId,
  });
}

export interface Quote {
  quote_id: string;
  expires_at: string;
  member_id: string;
  amount: { amount: number; currency: string };
  discount: { amount: number; currency: string };
  net_amount: { amount: number; currency: string };
  points: { base: number; extra: number; total: number };
  applied: (Pick<Evaluation['applied'][number], 'promotion_id' | 'name' | 'visibility' | 'effect_type' | 'discount' | 'points' | 'gift' | 'issue_code'>)[];
  rejected: Evaluation['rejected'];
  lines: Evaluation['lines'];
}

/** POST /v1/purchases/quote: the evaluation, stored for a few minutes so the purchase can commit exactly it. */
export async function quotePurchase(ctx: CheckoutContext, input: CheckoutInput): Promise<Quote> {
  const prepared = preparePurchase(ctx, input);
  const { decision, facts } = await evaluateFresh(ctx, input, prepared);
  const { evaluation } = decision;
  // The purchase itself would be refused: so is its quote.
  if (SPENDING_REFUSED.has(facts.status)) throw new LedgerRefusal({ error: `member_${facts.status}`, member_id: input.member_id });
  const id = newId('quote');
  const expiresAt = addMinutes(prepared.now, QUOTE_TTL_MINUTES);
  await ctx.pool.query(
    `INSERT INTO purchase_quotes (member_id, id, program_id, request_hash, evaluation, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
    [input.member_id, id, ctx.programId, quoteHash(input), JSON.stringify(decision), expiresAt, prepared.now],
  );
  // The tier multiplies the net amount's points (as ledger_earn does); promotions' points come on top.
  const tier = ctx.settings.tiers.find((t) => t.name === facts.tier) ?? ctx.settings.tiers[0];
  const base = Math.floor(evaluation.base_points * (tier?.multiplier ?? 1));
  const currency = input.amount.currency;
  return {
    quote_id: id,
    expires_at: expiresAt.toISOString(),
    member_id: input.member_id,
    amount: input.amount,
    discount: { amount: evaluation.discount, currency },
    net_amount: { amount: evaluation.net_amount, currency },
    points: { base, extra: evaluation.extra_points, total: base + evaluation.extra_points },
    applied: evaluation.applied.map((a) => ({ ...shown(a), issue_code: a.issue_code })),
    rejected: evaluation.rejected,
    // 0-based like the purchase's stored lines (the engine counts from 1).
    lines: evaluation.lines.map((l) => ({ ...l, line_no: l.line_no - 1 })),
  };
}
