import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { UnprocessableError } from '../errors.ts';
import { addLocalMonths } from '../calendar.ts';
import { minorUnitDigits } from '../ledger/money.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { paidNet } from './paid.ts';
import { analyticsRead, type AnalyticsReader } from './read.ts';
import { boundValues } from './segment-rule.ts';
import { getSegment, ruleContext, segmentPredicate, type RuleSettings } from './segments.ts';
import { computeLtv, exactString, InvalidLtvInputError, LtvDecimal, MissingLtvInputError, money, type LtvMoney, type LtvRequest, type LtvResult } from './ltv.ts';
import { rfmMembersQuery, rfmParams } from './rfm.ts';

type Decimal = InstanceType<typeof LtvDecimal>;

/**
 * LTV inputs derived from the ledger (analytics.md "Lifetime value", "From the ledger"), over a window [from, to) of
 * purchases as the ledger had recorded them by as_of:
 *
 * - net revenue: each purchase's paid amount (amount − discount) less the returned share of it (returns recorded by
 *   as_of), in the home currency at the FX rate in force at the purchase's occurred_at (POST /v1/fx-rates, as
 *   referrals convert). Exact: nothing is rounded before the final LTV.
 * - active members: members with at least one purchase in the window not fully returned.
 * - months: calendar months from `from` on the program's wall clock, the last one partial (a fraction of that month).
 * - ARPU = net revenue ÷ active members ÷ months; AOV = net revenue ÷ purchases (not fully returned);
 *   purchases_per_year = purchases ÷ active members ÷ (months ÷ 12).
 * - churn (monthly) = members active at `from` (a purchase in the inactivity threshold before it) with no purchase
 *   in the threshold before `to`, ÷ members active at `from`, ÷ months. The threshold is the win-back setting's
 *   first_days (when a member is first called inactive), or the request's inactivity_days.
 * - lifetime_months = 1 ÷ churn; lifespan_years = 1 ÷ (12 × churn).
 * - discounted: one period per calendar month from `from`, each the month's net revenue ÷ active members.
 * - margin, discount_rate and CAC have no ledger source: the request gives them in `inputs`. Any input given there
 *   overrides the derived one.
 * - segment (the formula): the members who bought in the window grouped by their RFM segment as of as_of (or the
 *   one segment segment_id names); per group and local month, revenue per retained customer = the month's net revenue
 *   ÷ the group's members who bought in it, retention = those members ÷ the group's members who bought in the window.
 *   The margin is given.
 * - segment_id: every figure over the segment's members as of as_of only (its rule or list then, as GET
 *   /v1/segments/{id}/members answers it), churn and activity included.
 */
export interface LedgerWindow {
  from?: string | undefined;
  to?: string | undefined;
  inactivity_days?: number | undefined;
  segment_id?: string | undefined;
}

export interface LedgerFigures {
  from: string;
  to: string;
  as_of: string;
  months: string;
  inactivity_days: number;
  /** The segment the population was restricted to (null: the whole program). */
  segment_id: string | null;
  members: { active: number; active_at_start: number; churned: number };
  purchases: number;
  net_revenue: LtvMoney;
}

export type LtvLedgerResult = LtvResult & { as_of: string; ledger: LedgerFigures; sources: Record<string, 'ledger' | 'given'> };

/** 422 with a pointer: the window or threshold the request names cannot be used. */
const refuse = (code: string, pointer: string, message: string) =>
  new UnprocessableError(code, `${pointer.slice(1)} ${message}`, { errors: [{ pointer, location: 'body', message }] });

/** Whole local months from `from` to `to`, plus the fraction of the month `to` falls in. */
export function monthsBetween(from: Date, to: Date, timeZone: string): { months: Decimal; starts: Date[] } {
  const starts: Date[] = [from];
  let whole = 0;
  while (addLocalMonths(from, whole + 1, timeZone).getTime() <= to.getTime()) {
    whole += 1;
    starts.push(addLocalMonths(from, whole, timeZone));
  }
  const last = starts[starts.length - 1]!;
  if (last.getTime() === to.getTime()) {
    starts.pop();
    return { months: new LtvDecimal(whole), starts };
  }
  const next = addLocalMonths(from, whole + 1, timeZone);
  const fraction = new LtvDecimal(to.getTime() - last.getTime()).div(next.getTime() - last.getTime());
  return { months: fraction.plus(whole), starts };
}

const NEEDS: Record<LtvRequest['formula'], string[]> = {
  arpu_lifetime: ['arpu', 'lifetime_months'],
  aov_frequency_lifespan: ['aov', 'purchases_per_year', 'lifespan_years'],
  margin_churn: ['arpu', 'churn'],
  discounted: ['revenues'],
  segment: [],
};

export async function ltvFromLedger(
  db: Kysely<Database>,
  reader: AnalyticsReader,
  programId: string,
  settings: RuleSettings & Pick<ProgramSettings, 'win_back'>,
  asOf: Date,
  request: { formula: LtvRequest['formula']; inputs?: Record<string, unknown> | undefined } & LedgerWindow,
): Promise<LtvLedgerResult> {
  if (request.formula === 'segment' && request.inputs?.['margin'] === undefined) throw new MissingLtvInputError(['/inputs/margin']);
  const to = request.to ? new Date(request.to) : asOf;
  const from = request.from ? new Date(request.from) : addLocalMonths(to, -12, settings.timezone);
  if (to.getTime() > asOf.getTime()) throw refuse('invalid_period', '/to', `must not be later than as_of (${asOf.toISOString()})`);
  if (from.getTime() >= to.getTime()) throw refuse('invalid_period', '/from', 'must be before to');
  const inactivityDays = request.inactivity_days ?? settings.win_back?.first_days;
  if (inactivityDays === undefined) {
    throw refuse('invalid_ltv_input', '/inactivity_days', 'is required: the program has no win_back setting to take the inactivity threshold from');
  }
  const home = settings.home_currency;
  const digits = minorUnitDigits(home);
  const { months, starts } = monthsBetween(from, to, settings.timezone);
  const thresholdMs = inactivityDays * 86_400_000;
  const startCutoff = new Date(from.getTime() - thresholdMs);
  const endCutoff = new Date(to.getTime() - thresholdMs);
  const earliest = startCutoff;

  // Each purchase's net amount as of asOf, in its own currency's minor units. Returns join on (member_id, purchase
  // id): every join is on member_id, so on a Citus cluster each shard answers for its own members.
  const purchasesOf = (population: RawBuilder<boolean>) => sql`
    SELECT p.member_id, p.currency, p.occurred_at,
           ${paidNet({ amount: sql`p.amount`, discount: sql`p.discount`, returned: sql`coalesce(r.returned, 0)` })} AS net,
           coalesce(r.returned, 0) < p.amount AS counts
      FROM purchases p
      JOIN ledger_transactions t ON t.member_id = p.member_id AND t.id = p.txn_id
      LEFT JOIN (SELECT member_id, ref_id, sum((data->>'amount')::bigint) AS returned
                   FROM ledger_transactions
                  WHERE program_id = ${programId} AND type = 'return' AND recorded_at <= ${asOf}
                  GROUP BY member_id, ref_id) r ON r.member_id = p.member_id AND r.ref_id = p.id
     WHERE p.program_id = ${programId} AND t.recorded_at <= ${asOf}
       AND p.occurred_at >= ${earliest} AND p.occurred_at < ${to} AND ${population}`;

  const buckets = sql`width_bucket(w.occurred_at, ${starts.map((s) => s.toISOString())}::timestamptz[])`;
  /**
   * The segment formula's figures: per group (the request's segment, or else each member's RFM segment as of asOf)
   * and local month, the net revenue by currency and the members with a purchase counted; and per group the members
   * with one in the window (the base retention is measured against).
   */
  const segmentFigures = async (trx: Transaction<Database>, purchases: RawBuilder<unknown>, segmentName: string | undefined) => {
    const grouped =
      segmentName === undefined
        ? sql`SELECT w.*, coalesce(rfm.segment, 'Unscored') AS grp FROM (${purchases}) w
                JOIN (${rfmMembersQuery(rfmParams(programId, settings, asOf))}) rfm ON rfm.member_id = w.member_id
               WHERE w.occurred_at >= ${from}`
        : sql`SELECT w.*, ${segmentName}::text AS grp FROM (${purchases}) w WHERE w.occurred_at >= ${from}`;
    const { rows: revenue } = await sql<{ grp: string; currency: string; rate: string | null; period: number; net: string }>`
      WITH fx AS (
        SELECT currency, rate, effective_from,
               lead(effective_from) OVER (PARTITION BY currency ORDER BY effective_from) AS until
          FROM fx_rates WHERE program_id = ${programId} AND created_at <= ${asOf}
      )
      SELECT w.grp, w.currency, fx.rate::text AS rate, ${buckets} AS period, sum(w.net)::text AS net
        FROM (${grouped}) w
        LEFT JOIN fx ON fx.currency = w.currency AND w.currency <> ${home}
                    AND w.occurred_at >= fx.effective_from AND (fx.until IS NULL OR w.occurred_at < fx.until)
       GROUP BY 1, 2, 3, 4`.execute(trx);
    const { rows: active } = await sql<{ grp: string; period: number; members: string }>`
      SELECT w.grp, ${buckets} AS period, count(DISTINCT w.member_id)::text AS members
        FROM (${grouped}) w WHERE w.counts GROUP BY 1, 2`.execute(trx);
    const { rows: base } = await sql<{ grp: string; members: string }>`
      SELECT w.grp, count(DISTINCT w.member_id)::text AS members FROM (${grouped}) w WHERE w.counts GROUP BY 1`.execute(trx);
    return { revenue, active, base };
  };

  const figures = await analyticsRead(db, reader, async (trx) => {
    // The segment's members as of asOf: a semi-join on the member (co-located with purchases on a cluster).
    let population = sql<boolean>`true`;
    let segmentName: string | undefined;
    if (request.segment_id !== undefined) {
      const segment = await getSegment(trx, programId, request.segment_id);
      segmentName = segment.name;
      const b = boundValues(asOf);
      population = sql<boolean>`p.member_id IN (SELECT m.id FROM members m
                                                 WHERE m.program_id = ${programId} AND m.created_at <= ${b.asOf}
                                                   AND ${segmentPredicate(segment, b, ruleContext(programId, settings, asOf))})`;
    }
    const purchases = purchasesOf(population);
    // Revenue by currency, FX rate in force at the purchase, and period (1-based month step from `from`).
    const { rows: revenue } = await sql<{ currency: string; rate: string | null; period: number; net: string; purchases: string }>`
      WITH fx AS (
        SELECT currency, rate, effective_from,
               lead(effective_from) OVER (PARTITION BY currency ORDER BY effective_from) AS until
          FROM fx_rates WHERE program_id = ${programId} AND created_at <= ${asOf}
      )
      SELECT w.currency, fx.rate::text AS rate,
             width_bucket(w.occurred_at, ${starts.map((s) => s.toISOString())}::timestamptz[]) AS period,
             sum(w.net)::text AS net, count(*) FILTER (WHERE w.counts)::text AS purchases
        FROM (${purchases}) w
        LEFT JOIN fx ON fx.currency = w.currency AND w.currency <> ${home}
                    AND w.occurred_at >= fx.effective_from AND (fx.until IS NULL OR w.occurred_at < fx.until)
       WHERE w.occurred_at >= ${from}
       GROUP BY 1, 2, 3`.execute(trx);
    const { rows: counted } = await sql<{ active: string; active_at_start: string; churned: string }>`
      SELECT count(*) FILTER (WHERE in_window)::text AS active,
             count(*) FILTER (WHERE at_start)::text AS active_at_start,
             count(*) FILTER (WHERE at_start AND NOT at_end)::text AS churned
        FROM (SELECT w.member_id,
                     bool_or(w.occurred_at >= ${from}) AS in_window,
                     bool_or(w.occurred_at < ${from}) AS at_start,
                     bool_or(w.occurred_at >= ${endCutoff}) AS at_end
                FROM (${purchases}) w
               WHERE w.counts
               GROUP BY w.member_id) m`.execute(trx);
    const groups = request.formula === 'segment' ? await segmentFigures(trx, purchases, segmentName) : undefined;
    return { revenue, counted: counted[0]!, groups };
  });

  const missing = [...new Set(figures.revenue.filter((r) => r.currency !== home && r.rate === null).map((r) => r.currency))].sort();
  if (missing.length > 0) {
    throw new UnprocessableError('fx_rate_missing', `No FX rate to ${home} was in force for some purchases in ${missing.join(', ')}: record one with POST /v1/fx-rates.`, {
      currencies: missing,
    });
  }
  const unit = new LtvDecimal(10).pow(digits);
  const perPeriod = starts.map(() => new LtvDecimal(0));
  let netMinor = new LtvDecimal(0);
  let purchaseCount = 0;
  // Purchase minor units → home minor units: × rate × 10^(home digits − purchase digits).
  const toHome = (r: { currency: string; rate: string | null; net: string }) =>
    r.currency === home ? new LtvDecimal(r.net) : new LtvDecimal(r.net).times(r.rate!).times(new LtvDecimal(10).pow(digits - minorUnitDigits(r.currency)));
  for (const r of figures.revenue) {
    const converted = toHome(r);
    netMinor = netMinor.plus(converted);
    perPeriod[r.period - 1] = perPeriod[r.period - 1]!.plus(converted);
    purchaseCount += Number(r.purchases);
  }
  const active = Number(figures.counted.active);
  const atStart = Number(figures.counted.active_at_start);
  const churned = Number(figures.counted.churned);
  const net = netMinor.div(unit);

  // Derived inputs in major units; undefined where the data cannot give one (say why).
  const derived: Record<string, { value?: Decimal | Decimal[]; why?: string }> = {};
  const noMembers = 'cannot be derived: no member made a purchase in the window';
  const churn = atStart === 0 || churned === 0 ? undefined : new LtvDecimal(churned).div(atStart).div(months);
  const noChurn =
    atStart === 0
      ? 'cannot be derived: no member was active (a purchase within inactivity_days) at from'
      : 'cannot be derived: no member active at from went inactive by to (churn 0 is an unbounded lifetime)';
  derived['arpu'] = active === 0 ? { why: noMembers } : { value: net.div(active).div(months) };
  derived['aov'] = purchaseCount === 0 ? { why: noMembers } : { value: net.div(purchaseCount) };
  derived['purchases_per_year'] = active === 0 ? { why: noMembers } : { value: new LtvDecimal(purchaseCount).div(active).div(months.div(12)) };
  derived['churn'] = churn ? { value: churn } : { why: noChurn };
  derived['lifetime_months'] = churn ? { value: new LtvDecimal(1).div(churn) } : { why: noChurn };
  derived['lifespan_years'] = churn ? { value: new LtvDecimal(1).div(churn.times(12)) } : { why: noChurn };
  derived['revenues'] = active === 0 ? { why: noMembers } : { value: perPeriod.map((p) => p.div(unit).div(active)) };
  const segments = figures.groups ? segmentPeriods(figures.groups, starts.length, toHome, unit) : [];

  const given = request.inputs ?? {};
  const inputs: Record<string, unknown> = { ...given };
  const sources: Record<string, 'ledger' | 'given'> = {};
  for (const key of Object.keys(given)) sources[key] = 'given';
  const underivable: { pointer: string; message: string }[] = [];
  for (const key of NEEDS[request.formula]) {
    if (given[key] !== undefined) continue;
    const d = derived[key]!;
    if (d.value === undefined) underivable.push({ pointer: `/inputs/${key}`, message: `${d.why}; give it in inputs` });
    else {
      inputs[key] = d.value;
      sources[key] = 'ledger';
    }
  }
  if (request.formula === 'segment' && given['segments'] === undefined) {
    if (segments.length === 0) underivable.push({ pointer: '/inputs/segments', message: `${noMembers}; give them in inputs` });
    else {
      inputs['segments'] = segments;
      sources['segments'] = 'ledger';
    }
  }
  if (underivable.length > 0) throw new InvalidLtvInputError(underivable);
  const result = computeLtv({ formula: request.formula, inputs } as unknown as LtvRequest, home);
  return {
    ...result,
    as_of: asOf.toISOString(),
    sources,
    ledger: {
      from: from.toISOString(),
      to: to.toISOString(),
      as_of: asOf.toISOString(),
      months: exactString(months),
      inactivity_days: inactivityDays,
      segment_id: request.segment_id ?? null,
      members: { active, active_at_start: atStart, churned },
      purchases: purchaseCount,
      net_revenue: money(net, home),
    },
  };
}

interface SegmentRows {
  revenue: { grp: string; currency: string; rate: string | null; period: number; net: string }[];
  active: { grp: string; period: number; members: string }[];
  base: { grp: string; members: string }[];
}

/**
 * The segment formula's inputs from the ledger: for each group and local month, revenue per retained customer (the
 * month's net revenue ÷ the group's members with a purchase in it) and retention (those members ÷ the group's members
 * with a purchase in the window), so revenue × retention is the month's revenue per member of the group. Groups in
 * name order; a month without purchases is 0 × 0.
 */
function segmentPeriods(rows: SegmentRows, periods: number, toHome: (r: { currency: string; rate: string | null; net: string }) => Decimal, unit: Decimal) {
  const names = rows.base.map((b) => b.grp).sort();
  return names.map((name) => {
    const base = Number(rows.base.find((b) => b.grp === name)!.members);
    const net = Array.from({ length: periods }, () => new LtvDecimal(0));
    for (const r of rows.revenue) if (r.grp === name) net[r.period - 1] = net[r.period - 1]!.plus(toHome(r));
    return {
      name,
      periods: net.map((n, k) => {
        const active = Number(rows.active.find((a) => a.grp === name && a.period === k + 1)?.members ?? 0);
        return active === 0
          ? { revenue: new LtvDecimal(0), retention: new LtvDecimal(0) }
          : { revenue: n.div(unit).div(active), retention: new LtvDecimal(active).div(base) };
      }),
    };
  });
}
