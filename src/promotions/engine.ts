/**
 * The promotions engine (incentives.md "Promotions"): which promotions apply to a purchase, line by line, and why
 * each other one does not. Pure and deterministic: no database, no clock (the purchase's time comes in the context),
 * and the same promotions and lines in any order give the same outcome, because both are put into a canonical order
 * first (promotions by id; lines by their content) and every tie is broken on that order.
 *
 * Checks run in a fixed order and a promotion is rejected with the first that fails: status, schedule (starts_at,
 * ends_at exclusive, ISO days of week, local hours), store, channel, tier, segment, first purchase, birthday window, purchase
 * count, login streak, code, scope, min_amount, per-member limits, exhausted totals or budget, currencies, and then
 * what the effect itself needs (a complete bundle, enough units for buy X get Y).
 *
 * Effects come in two kinds:
 * - Line effects (percent_off, amount_off, points_multiplier, bundle, buy_x_get_y) compete for lines. Each line gets
 *   the non-stackable one worth most to the customer (money off plus points times point_value; ties: higher
 *   priority, then the smaller, older id). A promotion that loses a line is evaluated again on the lines it still
 *   holds (a bundle may become incomplete, an amount_off spreads over fewer lines), until nothing changes; lines only
 *   ever leave a promotion, so this ends. A promotion left with no line at all cannot keep the lines it took from
 *   others: the round is played again without it. Then the stackable ones apply on top, priority desc then id asc,
 *   each on what is left of the line. Brand caps cut last.
 * - Purchase-level effects (points_bonus, issue_code, gift) take no line: each applies when its conditions hold,
 *   its scope still has to match at least one line (and min_amount counts the lines it matches). They appear in
 *   Evaluation.applied or Evaluation.rejected; on the lines only when rejected (the same reason on every line).
 *
 * Rules this module chooses, since the contract leaves them open:
 * - Units: a line has floor(quantity) units at unit_price (a weighed line of 0.5 kg has none for bundles and buy X
 *   get Y). A line's discount never exceeds its amount, whatever its unit prices say.
 * - Bundles: sets are formed one after the other while every item can be filled; sku items are filled before
 *   category items (the specific before the general, so a category item does not take the unit a sku item needs),
 *   each from the highest-priced units first, so a fixed-price or percent-off set saves the customer the most. A set's
 *   discount (its units' regular price minus the set price, or the percent of it; never below zero) is spread over the
 *   lines its units came from, pro rata to those units' price. A set price above the regular price still forms the set
 *   (it holds its lines at no discount).
 * - Buy X get Y: the eligible units sorted by unit price, highest first, are cut into groups of X+Y; the Y cheapest
 *   of each complete group (its last Y) get percent_off. Every line with a unit in a complete group is held by the
 *   promotion, even if only its paid units are.
 * - Spreading (amount_off, bundle discounts, multiplier points) is pro rata with the largest remainders rounded up,
 *   ties to the line first in canonical order, so the parts always sum to the whole.
 * - A line outside a promotion's scope carries the reason 'no_eligible_lines' for it, unless a check before the
 *   scope's failed (then that one, as on every line).
 * - A stackable promotion finds nothing left on a line fully discounted before it: 'better_promotion' there.
 * - A promotion worth nothing on a line (10 % of 0.05 floors to 0) still applies there: it held the line.
 * - hours with from = to is the whole day.
 * - Brand caps cut the promotions on the brand's lines that are worth least first (value before caps, then lower
 *   priority, then newer id), line by line in canonical order.
 * - line_no is the line's 1-based position in ctx.lines.
 */
import { addDays, dayKey, isoWeekKey, localDate, localMinuteOfDay, monthKey } from '../calendar.ts';
import type {
  AppliedPromotion,
  EngineLine,
  Evaluate,
  Evaluation,
  LineOutcome,
  MemberFacts,
  Promotion,
  PromotionEffect,
  PROMOTION_PERIODS,
  PurchaseContext,
  RejectionReason,
} from './model.ts';

export type PromotionPeriod = (typeof PROMOTION_PERIODS)[number];

/** The key a per-member use is counted under: "all", or the local day, ISO week, month, quarter or year. */
export function periodKey(period: PromotionPeriod | 'all', date: Date, timezone: string): string {
  switch (period) {
    case 'all':
      return 'all';
    case 'day':
      return `d:${dayKey(date, timezone)}`;
    case 'week':
      return `w:${isoWeekKey(date, timezone)}`;
    case 'month':
      return `m:${monthKey(date, timezone)}`;
    case 'quarter': {
      const d = localDate(date, timezone);
      return `q:${d.year}-Q${Math.ceil(d.month / 3)}`;
    }
    case 'year':
      return `y:${localDate(date, timezone).year}`;
  }
}

type LineEffect = Extract<PromotionEffect, { type: 'percent_off' | 'amount_off' | 'points_multiplier' | 'bundle' | 'buy_x_get_y' }>;
type LinePromotion = Promotion & { effect: LineEffect };

const LINE_EFFECTS = new Set<PromotionEffect['type']>(['percent_off', 'amount_off', 'points_multiplier', 'bundle', 'buy_x_get_y']);

function isLinePromotion(p: Promotion): p is LinePromotion {
  return LINE_EFFECTS.has(p.effect.type);
}

/** Floor that forgives binary fractions: 1000 * 0.29 * 100 / 100 must be 290, not 289. */
function floorSafe(x: number): number {
  return Math.floor(Math.round(x * 1e6) / 1e6);
}

/** Splits total over weights (all >= 0) in integers that sum exactly to it; ties in the remainder go to the earlier. */
function spread(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (weights[i]! > 0) {
      parts[i]! += 1;
      left -= 1;
    }
  }
  return parts;
}

const cmp = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** Order by the line's content, so that the caller's order of lines does not matter. */
function compareLines(a: EngineLine, b: EngineLine): number {
  return (
    cmp(a.sku, b.sku) ||
    cmp(a.brand, b.brand) ||
    cmp(a.category, b.category) ||
    b.unit_price - a.unit_price ||
    a.quantity - b.quantity ||
    a.amount - b.amount
  );
}

/** Higher priority first, then the smaller (older) id. */
function byPriority(a: Promotion, b: Promotion): number {
  return b.priority - a.priority || cmp(a.id, b.id);
}

// ---- Conditions ------------------------------------------------------------------------------------------------

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const dayNumber = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function withinBirthdayWindow(birthDate: string, at: Date, timezone: string, days: number): boolean {
  const [, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const today = localDate(at, timezone);
  const todayN = dayNumber(today.year, today.month, today.day);
  for (const year of [today.year - 1, today.year, today.year + 1]) {
    const day = bm === 2 && bd === 29 && !isLeap(year) ? 28 : bd;
    if (Math.abs(todayN - dayNumber(year, bm, day)) <= days) return true;
  }
  return false;
}

function longestRun(dates: readonly string[]): number {
  const days = [...new Set(dates)]
    .map((s) => {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      return dayNumber(y, m, d);
    })
    .filter((n) => Number.isFinite(n))
    .sort((a, b) => a - b);
  let best = 0;
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && days[i]! === days[i - 1]! + 1 ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

export function inScope(p: Promotion, line: EngineLine): boolean {
  const { brands, categories, skus } = p.scope;
  if (!brands && !categories && !skus) return true;
  return (
    (brands !== undefined && line.brand !== null && brands.includes(line.brand)) ||
    (categories !== undefined && line.category !== null && categories.includes(line.category)) ||
    (skus !== undefined && skus.includes(line.sku))
  );
}

/** The first reason a promotion does not apply to this purchase at all, or null; eligible are canonical indices. */
function purchaseRejection(p: Promotion, facts: MemberFacts, ctx: PurchaseContext, lines: EngineLine[], eligible: number[]): RejectionReason | null {
  if (p.status !== 'active') return p.status;
  const c = p.conditions;
  const at = ctx.occurred_at.getTime();
  if (c.starts_at !== undefined && at < Date.parse(c.starts_at)) return 'not_started';
  if (c.ends_at !== undefined && at >= Date.parse(c.ends_at)) return 'ended';
  if (c.days_of_week) {
    const d = localDate(ctx.occurred_at, ctx.timezone);
    const isoDay = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() || 7;
    if (!c.days_of_week.includes(isoDay)) return 'day_of_week';
  }
  if (c.hours) {
    const now = localMinuteOfDay(ctx.occurred_at, ctx.timezone);
    const from = toMinutes(c.hours.from);
    const to = toMinutes(c.hours.to);
    const open = from < to ? now >= from && now < to : from > to ? now >= from || now < to : true;
    if (!open) return 'hours';
  }
  if (c.stores && (ctx.store_id === null || !c.stores.includes(ctx.store_id))) return 'store';
  if (c.channels && (ctx.channel === null || !c.channels.includes(ctx.channel))) return 'channel';
  if (c.tiers && (facts.tier === null || !c.tiers.includes(facts.tier))) return 'tier';
  if (c.segment && !c.segment.segment_ids.some((id) => facts.segments.includes(id))) return 'segment';
  if (c.first_purchase_within_hours !== undefined) {
    if (facts.purchase_count > 0) return 'not_first_purchase';
    if (at > Date.parse(facts.enrolled_at) + c.first_purchase_within_hours * 3_600_000) return 'enrolment_window';
  }
  if (c.birthday_window_days !== undefined) {
    if (facts.birth_date === null || !withinBirthdayWindow(facts.birth_date, ctx.occurred_at, ctx.timezone, c.birthday_window_days)) {
      return 'birthday_window';
    }
  }
  if (c.purchase_count) {
    const count = facts.purchases_within_days[String(c.purchase_count.within_days)] ?? 0;
    if (!(count > c.purchase_count.more_than)) return 'purchase_count';
  }
  if (c.login_streak) {
    if (longestRun(facts.login_days_this_week) < c.login_streak.days) return 'login_streak';
    if (facts.purchases_this_week + 1 < c.login_streak.purchases_in_week) return 'login_streak';
  }
  if (c.requires_code && !ctx.code_promotions.includes(p.id)) return 'code_required';
  if (eligible.length === 0) return 'no_eligible_lines';
  if (c.min_amount) {
    const min = c.min_amount.currency === ctx.currency ? c.min_amount.amount : ctx.convert(c.min_amount);
    if (min === null) return 'currency';
    const total = eligible.reduce((sum, i) => sum + lines[i]!.amount, 0);
    if (total < min) return 'min_amount';
  }
  const uses = facts.uses[p.id] ?? {};
  if (p.limits.per_member !== undefined && (uses['all'] ?? 0) >= p.limits.per_member) return 'per_member_limit';
  const perPeriod = p.limits.per_member_period;
  if (perPeriod && (uses[periodKey(perPeriod.period, ctx.occurred_at, ctx.timezone)] ?? 0) >= perPeriod.uses) return 'per_member_period_limit';
  if (ctx.exhausted.has(p.id)) return p.limits.budget ? 'budget_exhausted' : 'total_uses_exhausted';
  const budget = p.limits.budget;
  if (budget && 'amount' in budget && budget.amount.currency !== ctx.currency) return 'currency';
  if (p.effect.type === 'amount_off' && p.effect.amount.currency !== ctx.currency) return 'currency';
  if (p.effect.type === 'bundle' && p.effect.price && p.effect.price.currency !== ctx.currency) return 'currency';
  return null;
}

// ---- Line effects ----------------------------------------------------------------------------------------------

interface Share {
  discount: number;
  points: number;
}

/**
 * What a line effect gives on the lines it holds (canonical indices, ascending), each line's amount taken as base[i]
 * (its amount, or what is left of it for a stackable promotion). Returns the lines it uses with their share.
 */
function allocate(p: LinePromotion, held: readonly number[], lines: EngineLine[], base: readonly number[], ctx: PurchaseContext): Map<number, Share> {
  const out = new Map<number, Share>();
  const put = (i: number, discount: number, points: number) => out.set(i, { discount: Math.min(Math.max(discount, 0), base[i]!), points });
  const e = p.effect;
  switch (e.type) {
    case 'percent_off':
      for (const i of held) put(i, floorSafe((base[i]! * e.percent) / 100), 0);
      return out;
    case 'amount_off': {
      const total = held.reduce((s, i) => s + base[i]!, 0);
      const parts = spread(Math.min(e.amount.amount, total), held.map((i) => base[i]!));
      held.forEach((i, k) => put(i, parts[k]!, 0));
      return out;
    }
    case 'points_multiplier': {
      const net = held.reduce((s, i) => s + base[i]!, 0);
      const extra = Math.max(0, floorSafe(ctx.points_for(net) * (e.multiplier - 1)));
      const parts = spread(extra, held.map((i) => base[i]!));
      held.forEach((i, k) => put(i, 0, parts[k]!));
      return out;
    }
    case 'bundle':
      return allocateBundle(e, held, lines, base);
    case 'buy_x_get_y': {
      // Positions 0.. of the units, dearest first; in each complete group of buy+get the last `get` are discounted.
      const group = e.buy + e.get;
      const runs = runsOf(held, lines);
      const grouped = Math.floor(runs.reduce((n, r) => n + r.count, 0) / group) * group;
      const discountedBefore = (x: number) => Math.floor(x / group) * e.get + Math.max(0, (x % group) - e.buy);
      let at = 0;
      for (const r of runs) {
        if (at < grouped) {
          const free = discountedBefore(Math.min(at + r.count, grouped)) - discountedBefore(at);
          put(r.line, floorSafe((free * r.price * e.percent_off) / 100), 0);
        }
        at += r.count;
      }
      return new Map([...out].sort((a, b) => a[0] - b[0]));
    }
  }
}

/** The units of a line: floor(quantity) of them at unit_price. */
interface Run {
  line: number;
  price: number;
  count: number;
}

/** The held lines' units, dearest first, ties in canonical line order (a line of a million units stays one run). */
function runsOf(held: readonly number[], lines: EngineLine[]): Run[] {
  return held
    .map((i) => ({ line: i, price: lines[i]!.unit_price, count: Math.max(0, Math.floor(lines[i]!.quantity)) }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.price - a.price || a.line - b.line);
}

function allocateBundle(e: Extract<LineEffect, { type: 'bundle' }>, held: readonly number[], lines: EngineLine[], base: readonly number[]): Map<number, Share> {
  const runs = runsOf(held, lines);
  const left = runs.map((r) => r.count);
  const items = e.items.map((item, k) => ({ item, k })).sort((a, b) => Number(a.item.sku === undefined) - Number(b.item.sku === undefined) || a.k - b.k);
  const matches = (item: (typeof e.items)[number], r: Run) => {
    const line = lines[r.line]!;
    return item.sku !== undefined ? line.sku === item.sku : line.category === item.category;
  };
  const discount = new Map<number, number>();
  for (;;) {
    // One set: each item takes its units from the dearest matching runs still available.
    const draw = runs.map(() => 0);
    let complete = true;
    for (const { item } of items) {
      let need = item.quantity;
      for (let r = 0; r < runs.length && need > 0; r++) {
        if (!matches(item, runs[r]!)) continue;
        const take = Math.min(need, left[r]! - draw[r]!);
        draw[r]! += take;
        need -= take;
      }
      if (need > 0) complete = false;
    }
    if (!complete) break;
    // The same set repeats as long as every run it draws from can supply it again: make them all at once.
    let times = Infinity;
    draw.forEach((d, r) => {
      if (d > 0) times = Math.min(times, Math.floor(left[r]! / d));
    });
    const used = runs.map((r, k) => ({ line: r.line, regular: draw[k]! * r.price, k })).filter((u) => draw[u.k]! > 0);
    used.forEach((u) => (left[u.k]! -= draw[u.k]! * times));
    const regular = used.reduce((sum, u) => sum + u.regular, 0);
    const off = e.price ? Math.max(0, regular - e.price.amount) : floorSafe((regular * e.percent_off!) / 100);
    // Spread over the set's lines in canonical order (each line is one run, so lines and runs are one to one).
    used.sort((a, b) => a.line - b.line);
    spread(off, used.map((u) => u.regular)).forEach((part, k) => {
      const line = used[k]!.line;
      discount.set(line, (discount.get(line) ?? 0) + part * times);
    });
  }
  const out = new Map<number, Share>();
  for (const [i, d] of [...discount].sort((a, b) => a[0] - b[0])) out.set(i, { discount: Math.min(d, base[i]!), points: 0 });
  return out;
}

const effectReason = (p: LinePromotion): RejectionReason | null =>
  p.effect.type === 'bundle' ? 'bundle_incomplete' : p.effect.type === 'buy_x_get_y' ? 'not_enough_units' : null;

// ---- Choosing --------------------------------------------------------------------------------------------------

interface Round {
  alloc: Map<string, Map<number, Share>>;
  lost: Map<string, Set<number>>;
  /** Promotions that at some point were the best on a line, but end up holding none. */
  deadOwners: string[];
}

/** One round of the competition between non-stackable line promotions, to its fixed point. */
function compete(cands: LinePromotion[], eligible: Map<string, number[]>, lines: EngineLine[], ctx: PurchaseContext): Round {
  const held = new Map(cands.map((p) => [p.id, [...eligible.get(p.id)!]]));
  const lost = new Map(cands.map((p) => [p.id, new Set<number>()]));
  const everOwner = new Set<string>();
  const base = lines.map((l) => l.amount);
  const value = (s: Share) => s.discount + s.points * ctx.point_value;
  let alloc = new Map<string, Map<number, Share>>();
  // Lines only ever leave a promotion, so this ends within the number of (promotion, line) pairs.
  const bound = cands.reduce((s, p) => s + held.get(p.id)!.length, 0) + 1;
  for (let round = 0; round <= bound; round++) {
    alloc = new Map(cands.map((p) => [p.id, allocate(p, held.get(p.id)!, lines, base, ctx)]));
    const owner = new Map<number, LinePromotion>();
    for (const p of cands) {
      for (const [i, share] of alloc.get(p.id)!) {
        const current = owner.get(i);
        if (!current) {
          owner.set(i, p);
          continue;
        }
        const diff = value(share) - value(alloc.get(current.id)!.get(i)!);
        if (diff > 0 || (diff === 0 && byPriority(p, current) < 0)) owner.set(i, p);
      }
    }
    let changed = false;
    for (const p of cands) {
      for (const i of alloc.get(p.id)!.keys()) {
        if (owner.get(i) === p) {
          everOwner.add(p.id);
          continue;
        }
        held.set(p.id, held.get(p.id)!.filter((j) => j !== i));
        lost.get(p.id)!.add(i);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const deadOwners = cands.filter((p) => everOwner.has(p.id) && alloc.get(p.id)!.size === 0).map((p) => p.id);
  return { alloc, lost, deadOwners };
}

/** Reasons from the checks that come before the scope's, in the fixed order. */
const BEFORE_SCOPE = new Set<RejectionReason>([
  'paused',
  'ended',
  'not_started',
  'day_of_week',
  'hours',
  'store',
  'channel',
  'tier',
  'segment',
  'not_first_purchase',
  'enrolment_window',
  'birthday_window',
  'purchase_count',
  'login_streak',
  'code_required',
  'no_eligible_lines',
]);

// ---- Evaluate --------------------------------------------------------------------------------------------------

interface Entry {
  promotion_id: string;
  discount: number;
  points: number;
}

export const evaluate: Evaluate = (promotions, facts, ctx) => {
  // Canonical orders: c -> input index, and the lines seen in canonical order.
  const order = ctx.lines.map((_, i) => i).sort((a, b) => compareLines(ctx.lines[a]!, ctx.lines[b]!) || a - b);
  const lines = order.map((i) => ctx.lines[i]!);
  const sorted = [...promotions].sort((a, b) => cmp(a.id, b.id));

  const eligible = new Map<string, number[]>();
  const rejectedAll = new Map<string, RejectionReason>();
  for (const p of sorted) {
    const el = lines.map((_, i) => i).filter((i) => inScope(p, lines[i]!));
    eligible.set(p.id, el);
    const reason = purchaseRejection(p, facts, ctx, lines, el);
    if (reason) rejectedAll.set(p.id, reason);
    else if (isLinePromotion(p)) {
      const eff = effectReason(p);
      if (eff && allocate(p, el, lines, lines.map((l) => l.amount), ctx).size === 0) rejectedAll.set(p.id, eff);
    }
  }
  const live = sorted.filter((p) => !rejectedAll.has(p.id));
  const linePromos = live.filter(isLinePromotion);

  // Non-stackable: compete, dropping promotions that end with no line but kept others off theirs, until none do.
  let cands = linePromos.filter((p) => !p.stackable).sort(byPriority);
  const lostBy = new Map<string, Set<number>>();
  let round = compete(cands, eligible, lines, ctx);
  while (round.deadOwners.length > 0) {
    for (const id of round.deadOwners) lostBy.set(id, round.lost.get(id)!);
    cands = cands.filter((p) => !round.deadOwners.includes(p.id));
    round = compete(cands, eligible, lines, ctx);
  }
  for (const [id, set] of round.lost) lostBy.set(id, set);

  const entries: Entry[][] = lines.map(() => []);
  const remaining = lines.map((l) => l.amount);
  const add = (id: string, i: number, s: Share) => {
    entries[i]!.push({ promotion_id: id, discount: s.discount, points: s.points });
    remaining[i]! -= s.discount;
  };
  for (const p of cands) for (const [i, s] of round.alloc.get(p.id)!) add(p.id, i, s);

  // Stackable: on top, each on what earlier discounts left of the line.
  for (const p of linePromos.filter((q) => q.stackable).sort(byPriority)) {
    const el = eligible.get(p.id)!;
    const held = el.filter((i) => remaining[i]! > 0);
    lostBy.set(p.id, new Set(el.filter((i) => remaining[i]! <= 0)));
    for (const [i, s] of allocate(p, held, lines, [...remaining], ctx)) add(p.id, i, s);
  }

  const brandCut = applyBrandCaps(entries, lines, sorted, ctx);

  // Assemble, per promotion and per line.
  const byId = new Map(sorted.map((p) => [p.id, p]));
  const totals = new Map<string, { discount: number; points: number; lines: number }>();
  for (const line of entries) {
    for (const e of line) {
      const t = totals.get(e.promotion_id) ?? { discount: 0, points: 0, lines: 0 };
      t.discount += e.discount;
      t.points += e.points;
      t.lines += 1;
      totals.set(e.promotion_id, t);
    }
  }
  const applied: AppliedPromotion[] = [];
  const rejected: Evaluation['rejected'] = [];
  for (const p of sorted) {
    const reason = rejectedAll.get(p.id);
    if (reason) {
      rejected.push({ promotion_id: p.id, reason });
      continue;
    }
    const t = totals.get(p.id);
    if (isLinePromotion(p) && !t) {
      rejected.push({ promotion_id: p.id, reason: brandCut.has(p.id) ? 'brand_cap' : 'better_promotion' });
      continue;
    }
    applied.push(appliedOf(p, t?.discount ?? 0, t?.points ?? 0, ctx));
  }
  applied.sort((a, b) => byPriority(byId.get(a.promotion_id)!, byId.get(b.promotion_id)!));

  const outcomes: LineOutcome[] = new Array(lines.length);
  lines.forEach((line, i) => {
    const discount = Math.min(line.amount, entries[i]!.reduce((s, e) => s + e.discount, 0));
    const lineRejected: LineOutcome['rejected'] = [];
    const here = new Set(entries[i]!.map((e) => e.promotion_id));
    for (const p of sorted) {
      if (here.has(p.id)) continue;
      const reason = rejectedAll.get(p.id);
      const inScope = eligible.get(p.id)!.includes(i);
      // On a line outside the scope, a check that comes after the scope's is not the first to fail.
      if (reason) lineRejected.push({ promotion_id: p.id, reason: inScope || BEFORE_SCOPE.has(reason) ? reason : 'no_eligible_lines' });
      else if (!isLinePromotion(p)) continue;
      else if (!inScope) lineRejected.push({ promotion_id: p.id, reason: 'no_eligible_lines' });
      else if (brandCut.get(p.id)?.has(i)) lineRejected.push({ promotion_id: p.id, reason: 'brand_cap' });
      else if (lostBy.get(p.id)?.has(i)) lineRejected.push({ promotion_id: p.id, reason: 'better_promotion' });
      else lineRejected.push({ promotion_id: p.id, reason: effectReason(p) ?? 'better_promotion' });
    }
    const inputIndex = order[i]!;
    outcomes[inputIndex] = {
      line_no: inputIndex + 1,
      sku: line.sku,
      amount: line.amount,
      discount,
      net_amount: line.amount - discount,
      applied: entries[i]!.map((e) => ({ promotion_id: e.promotion_id, discount: e.discount, points: e.points })),
      rejected: lineRejected,
    };
  });

  const discount = outcomes.reduce((s, l) => s + l.discount, 0);
  const net = ctx.amount - discount;
  return {
    lines: outcomes,
    applied,
    rejected,
    discount,
    net_amount: net,
    base_points: ctx.points_for(net),
    extra_points: applied.reduce((s, a) => s + a.points, 0),
  };
};

/** The applied promotion with what it costs against its limits. */
function appliedOf(p: Promotion, discount: number, linePoints: number, ctx: PurchaseContext): AppliedPromotion {
  const e = p.effect;
  const points = e.type === 'points_bonus' ? e.points : linePoints;
  const memberLimits: AppliedPromotion['member_limits'] = [];
  if (p.limits.per_member !== undefined) memberLimits.push({ period_key: 'all', max: p.limits.per_member });
  const perPeriod = p.limits.per_member_period;
  if (perPeriod) memberLimits.push({ period_key: periodKey(perPeriod.period, ctx.occurred_at, ctx.timezone), max: perPeriod.uses });
  const budget = p.limits.budget;
  return {
    promotion_id: p.id,
    version: p.version,
    name: p.name,
    visibility: p.visibility,
    effect_type: e.type,
    discount,
    points,
    gift: e.type === 'gift' ? e.gift : null,
    issue_code: e.type === 'issue_code' ? { promotion_id: e.promotion_id, valid_until: addDays(ctx.occurred_at, e.valid_days).toISOString() } : null,
    member_limits: memberLimits,
    total_uses: p.limits.total_uses !== undefined,
    budget_cost: budget === undefined ? null : 'amount' in budget ? discount : points,
  };
}

/**
 * Cuts the discounts on each capped brand's lines down to its cap, taking first from the promotions worth least there.
 * Entries cut to nothing leave their line; returns, per promotion, the lines it lost so.
 */
function applyBrandCaps(entries: Entry[][], lines: EngineLine[], promotions: Promotion[], ctx: PurchaseContext): Map<string, Set<number>> {
  const byId = new Map(promotions.map((p) => [p.id, p]));
  const worth = new Map<string, number>();
  for (const line of entries) for (const e of line) worth.set(e.promotion_id, (worth.get(e.promotion_id) ?? 0) + e.discount + e.points * ctx.point_value);
  const cut = new Map<string, Set<number>>();
  for (const brand of Object.keys(ctx.brand_discount_caps).sort()) {
    const percent = ctx.brand_discount_caps[brand]!;
    const brandLines = lines.map((_, i) => i).filter((i) => lines[i]!.brand === brand);
    const cap = floorSafe((brandLines.reduce((s, i) => s + lines[i]!.amount, 0) * percent) / 100);
    let excess = brandLines.reduce((s, i) => s + entries[i]!.reduce((t, e) => t + e.discount, 0), 0) - cap;
    if (excess <= 0) continue;
    const ids = [...new Set(brandLines.flatMap((i) => entries[i]!.filter((e) => e.discount > 0).map((e) => e.promotion_id)))];
    ids.sort((a, b) => worth.get(a)! - worth.get(b)! || -byPriority(byId.get(a)!, byId.get(b)!));
    for (const id of ids) {
      for (const i of brandLines) {
        if (excess <= 0) break;
        const e = entries[i]!.find((x) => x.promotion_id === id);
        if (!e || e.discount === 0) continue;
        const take = Math.min(e.discount, excess);
        e.discount -= take;
        excess -= take;
        if (e.discount === 0) cut.set(id, (cut.get(id) ?? new Set()).add(i));
      }
    }
  }
  // A promotion worth nothing after the cuts applies nowhere, not even on lines it held for nothing (buy X get Y's
  // paid units); one still worth something only leaves the lines it was cut to nothing on.
  for (const [id, cutLines] of cut) {
    const left = entries.reduce((s, line) => s + line.filter((e) => e.promotion_id === id).reduce((t, e) => t + e.discount + e.points, 0), 0);
    entries.forEach((line, i) => {
      const k = line.findIndex((e) => e.promotion_id === id);
      if (k < 0) return;
      const e = line[k]!;
      if (left === 0 || (cutLines.has(i) && e.points === 0)) {
        line.splice(k, 1);
        cutLines.add(i);
      }
    });
  }
  return cut;
}
