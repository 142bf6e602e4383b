import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { UnprocessableError } from '../errors.ts';
import { minorUnitDigits } from '../ledger/money.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { paidGross, paidReturned } from './paid.ts';
import { analyticsRead, type AnalyticsReader } from './read.ts';
import { rfmMembersQuery, rfmParams, segmentNames, type RfmGrid } from './rfm.ts';

/**
 * The dashboard: a period's sales, returns, points and members (summary), one figure per local day / ISO week /
 * month (timeseries), or one figure per branch, store, channel, device, gender, age band, tier, source or RFM segment
 * (breakdown).
 *
 * Definitions (one per figure, shared by the three reports so their figures add up):
 * - A purchase counts in the period its `occurred_at` falls in ([from, to)), once it was recorded (purchases.created_at
 *   <= as_of). Its returns count against it, in its period, once they were recorded by as_of: a later return lowers
 *   a closed period's revenue, and as_of time travel shows the period as it stood before.
 * - Money is what the customer paid (src/analytics/paid.ts, as LTV, RFM and segments count it): a purchase's amount
 *   less its promotion discount, and of that the share returned ((amount − discount) × returned ÷ amount). Both are in
 *   the home currency: converted at the FX rate (fx_rates) in force at the purchase's occurred_at and rounded down to
 *   the home currency's minor unit, each on its own, so revenue = paid − returns exactly and the buckets or groups
 *   add up to the summary. A purchase in a currency with no rate in force then is in no money figure (the summary
 *   lists it under `unconverted`, with what was paid net of returns in its own currency, rounded down).
 * - revenue: paid, net of returns. sales: purchases not fully returned (a fully returned purchase is no sale, as RFM's F).
 *   average_check: revenue ÷ sales (of converted purchases), rounded half to even. returns: the paid share returned
 *   and the number of returns (transactions). active_members: members with a purchase in the period.
 * - Points: the system accounts of the trial balance, per transaction occurred_at in the period and recorded by
 *   as_of: issued = −Δ issued (earning, bonuses, benefits and transfers in, less the points returns took back, as the
 *   balance's lifetime earned), redeemed = Δ redeemed (net of reversals), expired = Δ expired (an expiry occurs at
 *   its lot's expires_at and is recorded when settled). outstanding (summary only) is the liability report's total
 *   (available + pending + held + debt) at min(to, as_of).
 * - new_members: members enrolled (created_at) in the period, by as_of.
 */

export const DASHBOARD_METRICS = [
  'revenue',
  'sales',
  'average_check',
  'returns',
  'returns_count',
  'points_issued',
  'points_redeemed',
  'points_expired',
  'active_members',
  'new_members',
] as const;
export type DashboardMetric = (typeof DASHBOARD_METRICS)[number];

/** Money metrics: minor units of the home currency. */
export const MONEY_METRICS: readonly DashboardMetric[] = ['revenue', 'average_check', 'returns'];

/** Dimensions of the member (their current profile; tier, age and RFM segment at as_of) and of the purchase. */
export const MEMBER_DIMENSIONS = ['branch', 'gender', 'age_band', 'tier', 'source', 'segment'] as const;
export const PURCHASE_DIMENSIONS = ['store', 'channel', 'device'] as const;
export const DIMENSIONS = [...MEMBER_DIMENSIONS, ...PURCHASE_DIMENSIONS] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Metrics of purchases, the only ones a purchase's own dimensions (store, channel, device) are defined for. */
const PURCHASE_METRICS: readonly DashboardMetric[] = ['revenue', 'sales', 'average_check', 'returns', 'returns_count', 'active_members'];
const POINTS_METRICS: readonly DashboardMetric[] = ['points_issued', 'points_redeemed', 'points_expired'];

export type Interval = 'day' | 'week' | 'month';

export interface DashboardWindow {
  from: Date;
  to: Date;
  asOf: Date;
}

type Settings = Pick<ProgramSettings, 'timezone' | 'home_currency' | 'tiers' | 'age_bands' | 'rfm' | 'win_back'>;

interface PurchaseFigures {
  revenue: number;
  sales: number;
  converted_sales: number;
  returns: number;
  returns_count: number;
  active_members: number;
}
interface PointsFigures {
  points_issued: number;
  points_redeemed: number;
  points_expired: number;
}
type Figures = PurchaseFigures & PointsFigures & { new_members: number };

const ZERO: Figures = {
  revenue: 0,
  sales: 0,
  converted_sales: 0,
  returns: 0,
  returns_count: 0,
  active_members: 0,
  points_issued: 0,
  points_redeemed: 0,
  points_expired: 0,
  new_members: 0,
};

/** Labels of the bands the boundaries make: [18, 25, 65] → <18, 18-24, 25-64, 65+. */
export function ageBandLabels(bounds: readonly number[]): string[] {
  return [`<${bounds[0]}`, ...bounds.slice(1).map((b, i) => `${bounds[i]}-${b - 1}`), `${bounds[bounds.length - 1]}+`];
}

/** revenue ÷ sales in minor units, half to even (0 without sales). */
export function averageCheck(revenue: number, sales: number): number {
  if (sales === 0) return 0;
  const r = BigInt(revenue);
  const s = BigInt(sales);
  let q = r / s;
  const rem = r % s;
  const twice = (rem < 0n ? -rem : rem) * 2n;
  if (twice > s || (twice === s && q % 2n !== 0n)) q += r < 0n ? -1n : 1n;
  return Number(q);
}

function value(f: Figures, metric: DashboardMetric): number {
  if (metric === 'average_check') return averageCheck(f.revenue, f.converted_sales);
  return f[metric];
}

/** How rows are grouped: not at all (summary), by local period (timeseries), or by a dimension (breakdown). */
type Grouping = { kind: 'none' } | { kind: 'bucket'; interval: Interval } | { kind: 'dimension'; by: Dimension };

interface QueryContext {
  trx: Transaction<Database>;
  programId: string;
  settings: Settings;
  window: DashboardWindow;
  grouping: Grouping;
}

/** The instant's local date in the program's time zone, as PostgreSQL computes it. */
const localDate = (at: Date, tz: string) => sql<string>`(${at}::timestamptz AT TIME ZONE ${tz})::date`;

/** The group key of a row: text, or NULL for an unknown value. `time` is the row's instant, `m` the member alias. */
function groupKey(ctx: QueryContext, time: RawBuilder<unknown>): RawBuilder<string | null> {
  const { grouping, settings, window } = ctx;
  if (grouping.kind === 'none') return sql<string>`''::text`;
  if (grouping.kind === 'bucket') {
    // Local wall-clock time, truncated to the local day / ISO week (Monday) / month: DST changes only the bucket's
    // length in hours, never which bucket a row falls in.
    return sql<string>`to_char(date_trunc(${grouping.interval}, ${time} AT TIME ZONE ${settings.timezone}), 'YYYY-MM-DD')`;
  }
  switch (grouping.by) {
    case 'branch':
      return sql`m.branch`;
    case 'gender':
      return sql`m.gender`;
    case 'source':
      return sql`m.source`;
    case 'store':
      return sql`pu.store_id`;
    case 'channel':
      return sql`pu.channel`;
    case 'device':
      return sql`pu.device`;
    case 'tier':
      return sql`coalesce(tc.to_tier, ${settings.tiers[0]!.name}::text)`;
    case 'segment':
      return sql`rfm.segment`;
    case 'age_band': {
      // Age in whole years on the program's local date at as_of, as the member list's age filter counts it: a
      // member is younger than b when born after that day b years earlier.
      const bounds = settings.age_bands;
      const labels = ageBandLabels(bounds);
      const today = localDate(window.asOf, settings.timezone);
      const whens = bounds.map((b, i) => sql`WHEN m.birth_date > (${today} - make_interval(years => ${b}::int))::date THEN ${labels[i]!}::text`);
      return sql`CASE WHEN m.birth_date IS NULL THEN NULL::text ${sql.join(whens, sql` `)} ELSE ${labels[labels.length - 1]!}::text END`;
    }
  }
}

/** The joins a member's tier or segment needs, onto the members table `m`. */
function memberStateJoin(ctx: QueryContext): RawBuilder<unknown> {
  const { grouping, programId, settings, window } = ctx;
  if (grouping.kind !== 'dimension') return sql``;
  if (grouping.by === 'tier') {
    // The member's tier at as_of: the last change recorded by then, the entry tier before any.
    return sql`LEFT JOIN (SELECT DISTINCT ON (member_id) member_id, to_tier FROM tier_changes
                           WHERE program_id = ${programId} AND recorded_at <= ${window.asOf}
                           ORDER BY member_id, recorded_at DESC, id DESC) tc ON tc.member_id = m.id`;
  }
  if (grouping.by === 'segment') {
    // The member's RFM segment as of as_of, computed from the ledger as the RFM report does (not the rfm job's last
    // published one, which is of another instant); members without scores have none.
    return sql`LEFT JOIN (${rfmMembersQuery(rfmParams(programId, settings, window.asOf))}) rfm ON rfm.member_id = m.id`;
  }
  return sql``;
}

/** The member joins a grouping needs, on the member id (co-located on a cluster). */
function memberJoins(ctx: QueryContext, memberId: RawBuilder<unknown>): RawBuilder<unknown> {
  const { grouping } = ctx;
  if (grouping.kind !== 'dimension' || !(MEMBER_DIMENSIONS as readonly string[]).includes(grouping.by)) return sql``;
  return sql`JOIN members m ON m.id = ${memberId} ${memberStateJoin(ctx)}`;
}

/** What reading the FX table needs: the program, its home currency, and the instant rates must have been entered by. */
export interface FxContext {
  trx: Transaction<Database>;
  programId: string;
  settings: Pick<Settings, 'home_currency'>;
  window: { asOf: Date };
}

export type FxRanges = Awaited<ReturnType<typeof fxRanges>>;

/** The program's FX table as validity ranges, with the shift from the currency's minor unit to the home one's. */
export async function fxRanges(ctx: FxContext) {
  const { rows } = await sql<{ currency: string; effective_from: Date; rate: string }>`
    SELECT currency, effective_from, rate::text AS rate FROM fx_rates
     WHERE program_id = ${ctx.programId} AND created_at <= ${ctx.window.asOf}
     ORDER BY currency, effective_from`.execute(ctx.trx);
  const home = ctx.settings.home_currency;
  const homeDigits = minorUnitDigits(home);
  // The home currency is not in it: its amounts are taken as they are (purchaseTotals).
  const currency: string[] = [];
  const from: string[] = [];
  const until: string[] = [];
  const rate: string[] = [];
  const shift: number[] = [];
  rows.forEach((r, i) => {
    if (r.currency === home) return;
    const next = rows[i + 1];
    currency.push(r.currency);
    from.push(r.effective_from.toISOString());
    until.push(next?.currency === r.currency ? next.effective_from.toISOString() : 'infinity');
    rate.push(r.rate);
    shift.push(homeDigits - minorUnitDigits(r.currency));
  });
  return { currency, from, until, rate, shift };
}

/**
 * The FX ranges as a relation (currency, valid_from, valid_until, factor), factor converting the currency's minor
 * units to the home currency's; join it on the purchase's currency and occurred_at. Parameters, not a CTE: a CTE scan
 * would keep a single node from scanning the purchases in parallel.
 */
export const fxFactors = (fx: FxRanges) => sql`(SELECT currency, valid_from, valid_until, rate * power(10::numeric, shift) AS factor
                     FROM unnest(${fx.currency}::text[], ${fx.from}::timestamptz[], ${fx.until}::timestamptz[], ${fx.rate}::numeric[], ${fx.shift}::int[])
                          AS f(currency, valid_from, valid_until, rate, shift))`;

interface PurchaseRow {
  key: string | null;
  unconverted: string | null;
  revenue: string | null;
  sales: string;
  returns: string | null;
  returns_count: string;
  net: string;
}

/** What the purchases of the period come to per group, and per currency without a rate (`unconverted`). */
interface PurchaseTotals {
  figures: Map<string | null, Omit<PurchaseFigures, 'active_members'>>;
  unconverted: Map<string, { sales: number; amount: number }>;
}

/** The period's purchases: occurred in [from, to), recorded by as_of. */
function purchasesOfPeriod(ctx: QueryContext) {
  const { programId, window } = ctx;
  return sql`pu.program_id = ${programId} AND pu.occurred_at >= ${window.from} AND pu.occurred_at < ${window.to}
         AND pu.created_at <= ${window.asOf}`;
}

/**
 * One row per purchase of the period, with what was returned of it by as_of and its conversion factor, summed per
 * group in one pass (a hash aggregate, parallel on a single node). Every join is on the member: each shard of a
 * cluster answers for its own members and the coordinator adds up the groups.
 */
async function purchaseTotals(ctx: QueryContext): Promise<PurchaseTotals> {
  const { programId, window } = ctx;
  const fx = await fxRanges(ctx);
  // Amounts in the home currency are summed as bigints, without the numeric conversion (9 in 10 purchases of the
  // seeded year): floor(x × 1) = x, so the figures are the same. Only a returned share (paid_returned, numeric) is
  // computed, and only for the purchases with a return.
  const terms = { amount: sql`pu.amount`, discount: sql`pu.discount`, returned: sql`r.amount` };
  const { rows } = await sql<PurchaseRow>`
    WITH p AS (
      SELECT pu.currency, pu.amount, ${paidGross(terms)} AS paid, ${groupKey(ctx, sql`pu.occurred_at`)} AS key,
             pu.currency = ${ctx.settings.home_currency} AS home,
             coalesce(r.amount, 0) AS returned, CASE WHEN r.amount IS NULL THEN 0 ELSE ${paidReturned(terms)} END AS paid_returned,
             coalesce(r.n, 0) AS returns_count, fx.factor
        FROM purchases pu
        ${memberJoins(ctx, sql`pu.member_id`)}
        -- Only purchases with something returned by now can have had a return by as_of.
        LEFT JOIN (SELECT member_id, ref_id, count(*) AS n, sum((data->>'amount')::bigint) AS amount
                     FROM ledger_transactions
                    WHERE program_id = ${programId} AND type = 'return' AND recorded_at <= ${window.asOf}
                    GROUP BY member_id, ref_id) r
               ON pu.returned_amount > 0 AND r.member_id = pu.member_id AND r.ref_id = pu.id
        LEFT JOIN ${fxFactors(fx)} fx
               ON fx.currency = pu.currency AND pu.occurred_at >= fx.valid_from AND pu.occurred_at < fx.valid_until
       WHERE ${purchasesOfPeriod(ctx)}
    )
    SELECT key, CASE WHEN NOT home AND factor IS NULL THEN currency END AS unconverted,
           sum(CASE WHEN home THEN paid - floor(paid_returned)::bigint
                    ELSE (floor(paid * factor) - floor(paid_returned * factor))::bigint END)::text AS revenue,
           count(*) FILTER (WHERE returned < amount)::text AS sales,
           sum(CASE WHEN home THEN floor(paid_returned)::bigint ELSE floor(paid_returned * factor)::bigint END)::text AS returns,
           sum(returns_count)::text AS returns_count,
           sum(floor(paid - paid_returned)::bigint)::text AS net
      FROM p GROUP BY 1, 2`.execute(ctx.trx);
  const figures = new Map<string | null, Omit<PurchaseFigures, 'active_members'>>();
  const unconverted = new Map<string, { sales: number; amount: number }>();
  for (const r of rows) {
    let f = figures.get(r.key);
    if (!f) figures.set(r.key, (f = { revenue: 0, sales: 0, converted_sales: 0, returns: 0, returns_count: 0 }));
    f.sales += Number(r.sales);
    f.returns_count += Number(r.returns_count);
    if (r.unconverted === null) {
      f.revenue += Number(r.revenue ?? 0);
      f.returns += Number(r.returns ?? 0);
      f.converted_sales += Number(r.sales);
    } else {
      const u = unconverted.get(r.unconverted) ?? { sales: 0, amount: 0 };
      u.sales += Number(r.sales);
      u.amount += Number(r.net);
      unconverted.set(r.unconverted, u);
    }
  }
  return { figures, unconverted };
}

/** Members with a purchase of the period, per group: distinct (group, member) pairs, then counted. */
async function activeMembers(ctx: QueryContext): Promise<Map<string | null, number>> {
  const { rows } = await sql<{ key: string | null; n: string }>`
    SELECT key, count(*)::text AS n
      FROM (SELECT DISTINCT ${groupKey(ctx, sql`pu.occurred_at`)} AS key, pu.member_id
              FROM purchases pu ${memberJoins(ctx, sql`pu.member_id`)}
             WHERE ${purchasesOfPeriod(ctx)}) d
     GROUP BY key`.execute(ctx.trx);
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

/**
 * The period's points per group; with `outstandingAt` (the summary) also the member accounts' total recorded by then,
 * from the same scan of the entries.
 *
 * "Recorded by T" is written as "not among the transactions recorded after T": those are few (none for a past
 * period's usual as_of), so they make a small hash to probe, where joining every entry to its transaction built a
 * hash of the whole period's transactions (a year over 1M purchases: 3.1 s for the points, 2.6 s more for
 * outstanding, on the loaded test machine; one pass without that hash: see the README's measurements).
 */
async function pointsFigures(ctx: QueryContext, outstandingAt?: Date): Promise<Map<string | null, PointsFigures & { outstanding: number }>> {
  const { programId, window } = ctx;
  // Every transaction recorded after the earliest cut-off either figure uses (outstandingAt <= as_of).
  const cut = outstandingAt ?? window.asOf;
  const inPeriod = sql`e.account IN ('issued', 'redeemed', 'expired') AND e.occurred_at >= ${window.from} AND e.occurred_at < ${window.to}
                       AND (late.recorded_at IS NULL OR late.recorded_at <= ${window.asOf})`;
  const outstanding = outstandingAt
    ? sql`sum(e.amount) FILTER (WHERE e.account IN ('available', 'pending', 'held', 'debt') AND late.recorded_at IS NULL)::text`
    : sql`NULL::text`;
  const which = outstandingAt
    ? sql`(e.account IN ('issued', 'redeemed', 'expired') AND e.occurred_at >= ${window.from} AND e.occurred_at < ${window.to}
           OR e.account IN ('available', 'pending', 'held', 'debt'))`
    : sql`e.account IN ('issued', 'redeemed', 'expired') AND e.occurred_at >= ${window.from} AND e.occurred_at < ${window.to}`;
  const { rows } = await sql<{ key: string | null; issued: string | null; redeemed: string | null; expired: string | null; outstanding: string | null }>`
    SELECT ${groupKey(ctx, sql`e.occurred_at`)} AS key,
           (-sum(e.amount) FILTER (WHERE e.account = 'issued' AND ${inPeriod}))::text AS issued,
           sum(e.amount) FILTER (WHERE e.account = 'redeemed' AND ${inPeriod})::text AS redeemed,
           sum(e.amount) FILTER (WHERE e.account = 'expired' AND ${inPeriod})::text AS expired,
           ${outstanding} AS outstanding
      FROM ledger_entries e
      -- A transaction's entries carry its occurred_at; its recorded_at only matters when it is after the cut-off.
      LEFT JOIN (SELECT member_id, id, recorded_at FROM ledger_transactions
                  WHERE program_id = ${programId} AND recorded_at > ${cut}) late
             ON late.member_id = e.member_id AND late.id = e.txn_id
      ${memberJoins(ctx, sql`e.member_id`)}
     WHERE e.program_id = ${programId} AND ${which}
     GROUP BY 1`.execute(ctx.trx);
  return new Map(
    rows.map((r) => [
      r.key,
      {
        points_issued: Number(r.issued ?? 0),
        points_redeemed: Number(r.redeemed ?? 0),
        points_expired: Number(r.expired ?? 0),
        outstanding: Number(r.outstanding ?? 0),
      },
    ]),
  );
}

async function newMembers(ctx: QueryContext): Promise<Map<string | null, number>> {
  const { programId, window } = ctx;
  // The members table is `m` itself here; tier and segment need their own join.
  const state = memberStateJoin(ctx);
  const { rows } = await sql<{ key: string | null; n: string }>`
    SELECT ${groupKey(ctx, sql`m.created_at`)} AS key, count(*)::text AS n
      FROM members m ${state}
     WHERE m.program_id = ${programId} AND m.created_at >= ${window.from} AND m.created_at < ${window.to}
       AND m.created_at <= ${window.asOf}
     GROUP BY 1`.execute(ctx.trx);
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

/** Every figure the metrics ask for, per group key. */
async function figures(ctx: QueryContext, metrics: readonly DashboardMetric[], outstandingAt?: Date) {
  const out = new Map<string | null, Figures>();
  const at = (key: string | null) => {
    let f = out.get(key);
    if (!f) out.set(key, (f = { ...ZERO }));
    return f;
  };
  let unconverted = new Map<string, { sales: number; amount: number }>();
  if (metrics.some((m) => PURCHASE_METRICS.includes(m) && m !== 'active_members')) {
    const totals = await purchaseTotals(ctx);
    for (const [key, f] of totals.figures) Object.assign(at(key), f);
    unconverted = totals.unconverted;
  }
  if (metrics.includes('active_members')) {
    for (const [key, n] of await activeMembers(ctx)) at(key).active_members = n;
  }
  let outstanding = 0;
  if (metrics.some((m) => POINTS_METRICS.includes(m))) {
    for (const [key, { outstanding: o, ...f }] of await pointsFigures(ctx, outstandingAt)) {
      Object.assign(at(key), f);
      outstanding += o;
    }
  }
  if (metrics.includes('new_members')) {
    for (const [key, n] of await newMembers(ctx)) at(key).new_members = n;
  }
  return { byKey: out, unconverted, outstanding };
}

/**
 * A window's sales as the summary counts them (revenue, sales, converted sales, active members, unconverted), in
 * the caller's snapshot: sales targets (src/engagement/targets.ts) measure their periods with the same definitions,
 * so a target's actual and the dashboard's figure for the same days agree.
 */
export async function salesFigures(trx: Transaction<Database>, programId: string, settings: Settings, window: DashboardWindow) {
  const { byKey, unconverted } = await figures({ trx, programId, settings, window, grouping: { kind: 'none' } }, ['revenue', 'sales', 'active_members']);
  const f = byKey.get('') ?? ZERO;
  return {
    revenue: f.revenue,
    sales: f.sales,
    convertedSales: f.converted_sales,
    activeMembers: f.active_members,
    unconverted: [...unconverted.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, u]) => ({ currency, ...u })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reports

interface Header {
  from: string;
  to: string;
  as_of: string;
  currency: string;
  time_zone: string;
}

const header = (s: Settings, w: DashboardWindow): Header => ({
  from: w.from.toISOString(),
  to: w.to.toISOString(),
  as_of: w.asOf.toISOString(),
  currency: s.home_currency,
  time_zone: s.timezone,
});

export interface DashboardSummary extends Header {
  revenue: number;
  sales: number;
  average_check: number;
  returns: { count: number; amount: number };
  points: { issued: number; redeemed: number; expired: number; outstanding: number; outstanding_at: string };
  active_members: number;
  new_members: number;
  unconverted: { currency: string; sales: number; amount: number }[];
}

export async function dashboardSummary(
  db: Kysely<Database>,
  reader: AnalyticsReader,
  programId: string,
  settings: Settings,
  window: DashboardWindow,
): Promise<DashboardSummary> {
  return analyticsRead(db, reader, async (trx) => {
    const ctx: QueryContext = { trx, programId, settings, window, grouping: { kind: 'none' } };
    // Outstanding is a stock: the liability report's total (the trial balance's member accounts) at the period's end,
    // from the points pass's scan of the entries.
    const outstandingAt = new Date(Math.min(window.to.getTime(), window.asOf.getTime()));
    const { byKey, unconverted, outstanding } = await figures(ctx, DASHBOARD_METRICS, outstandingAt);
    const f = byKey.get('') ?? ZERO;
    return {
      ...header(settings, window),
      revenue: f.revenue,
      sales: f.sales,
      average_check: averageCheck(f.revenue, f.converted_sales),
      returns: { count: f.returns_count, amount: f.returns },
      points: {
        issued: f.points_issued,
        redeemed: f.points_redeemed,
        expired: f.points_expired,
        outstanding,
        outstanding_at: outstandingAt.toISOString(),
      },
      active_members: f.active_members,
      new_members: f.new_members,
      unconverted: [...unconverted.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, u]) => ({ currency, ...u })),
    };
  });
}

/** Most buckets per interval: a day series over a bit more than a year, a week series over five, a month one over ten. */
export const MAX_BUCKETS: Record<Interval, number> = { day: 400, week: 262, month: 120 };
/** The longest period a summary or breakdown covers. */
export const MAX_RANGE_DAYS = 1100;

export interface Timeseries extends Header {
  metric: DashboardMetric;
  interval: Interval;
  buckets: { period: string; start: string; end: string; value: number }[];
}

export async function dashboardTimeseries(
  db: Kysely<Database>,
  reader: AnalyticsReader,
  programId: string,
  settings: Settings,
  window: DashboardWindow,
  metric: DashboardMetric,
  interval: Interval,
): Promise<Timeseries> {
  return analyticsRead(db, reader, async (trx) => {
    const tz = settings.timezone;
    // Local periods from the one holding `from` to the one holding the last instant before `to`, stepped in local
    // wall-clock time and only then placed on the time line: a 23- or 25-hour day is still one day.
    const { rows: periods } = await sql<{ key: string; start: Date; end: Date }>`
      SELECT to_char(b, 'YYYY-MM-DD') AS key, b AT TIME ZONE ${tz} AS start, (b + ${`1 ${interval}`}::interval) AT TIME ZONE ${tz} AS end
        FROM generate_series(date_trunc(${interval}, ${window.from}::timestamptz AT TIME ZONE ${tz}),
                             (${window.to}::timestamptz - interval '1 microsecond') AT TIME ZONE ${tz},
                             ${`1 ${interval}`}::interval) AS b
       ORDER BY b`.execute(trx);
    if (periods.length > MAX_BUCKETS[interval]) {
      throw new UnprocessableError('range_too_long', `A ${interval} series has at most ${MAX_BUCKETS[interval]} buckets; this range has ${periods.length}.`, {
        max_buckets: MAX_BUCKETS[interval],
        errors: [{ pointer: '/to', location: 'query', message: `makes ${periods.length} ${interval} buckets: at most ${MAX_BUCKETS[interval]}` }],
      });
    }
    const ctx: QueryContext = { trx, programId, settings, window, grouping: { kind: 'bucket', interval } };
    const { byKey } = await figures(ctx, [metric]);
    return {
      ...header(settings, window),
      metric,
      interval,
      buckets: periods.map((p) => ({
        period: periodLabel(p.key, interval),
        start: p.start.toISOString(),
        end: p.end.toISOString(),
        value: value(byKey.get(p.key) ?? ZERO, metric),
      })),
    };
  });
}

/** 2026-03-29, 2026-W13, 2026-03. */
export function periodLabel(key: string, interval: Interval): string {
  if (interval === 'day') return key;
  if (interval === 'month') return key.slice(0, 7);
  // The ISO week of the Monday the bucket starts on (its local date is the key): the week's Thursday names the year.
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const thursday = new Date(date);
  thursday.setUTCDate(date.getUTCDate() + 3);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface Breakdown extends Header {
  metric: DashboardMetric;
  by: Dimension;
  groups: { key: string | null; value: number }[];
}

export function metricAvailable(metric: DashboardMetric, by: Dimension): boolean {
  return (MEMBER_DIMENSIONS as readonly string[]).includes(by) || PURCHASE_METRICS.includes(metric);
}

export async function dashboardBreakdown(
  db: Kysely<Database>,
  reader: AnalyticsReader,
  programId: string,
  settings: Settings,
  window: DashboardWindow,
  metric: DashboardMetric,
  by: Dimension,
): Promise<Breakdown> {
  if (!metricAvailable(metric, by)) {
    throw new UnprocessableError('metric_not_available', `${metric} is not defined per ${by}: a ${by} is known of purchases only.`, {
      errors: [{ pointer: '/metric', location: 'query', message: `is not defined per ${by}; per ${by}: ${PURCHASE_METRICS.join(', ')}` }],
    });
  }
  return analyticsRead(db, reader, async (trx) => {
    const ctx: QueryContext = { trx, programId, settings, window, grouping: { kind: 'dimension', by } };
    const { byKey } = await figures(ctx, [metric]);
    // Bands, tiers and segments are listed in their own order, every one of them; other values in text order;
    // unknown last.
    const listed =
      by === 'age_band'
        ? ageBandLabels(settings.age_bands)
        : by === 'tier'
          ? settings.tiers.map((t) => t.name)
          : by === 'segment'
            ? segmentNames(settings.rfm.grid as RfmGrid)
            : [];
    const rest = [...byKey.keys()].filter((k): k is string => k !== null && !listed.includes(k)).sort();
    const keys: (string | null)[] = [...listed, ...rest];
    if (byKey.has(null)) keys.push(null);
    return {
      ...header(settings, window),
      metric,
      by,
      groups: keys.map((key) => ({ key, value: value(byKey.get(key) ?? ZERO, metric) })),
    };
  });
}

/** 422 with a pointer when the period is empty, reversed or too long. */
export function checkWindow(from: Date, to: Date, maxDays: number | null): void {
  if (from.getTime() >= to.getTime()) {
    throw new UnprocessableError('invalid_range', 'from must be before to.', {
      errors: [{ pointer: '/from', location: 'query', message: `must be before to (${to.toISOString()})` }],
    });
  }
  if (maxDays !== null && to.getTime() - from.getTime() > maxDays * 86_400_000) {
    throw new UnprocessableError('range_too_long', `The period is longer than ${maxDays} days.`, {
      max_days: maxDays,
      errors: [{ pointer: '/to', location: 'query', message: `is more than ${maxDays} days after from` }],
    });
  }
}
