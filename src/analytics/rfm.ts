import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import { minorUnitDigits } from '../ledger/money.ts';
import { RFM_LOST, RFM_SCORES, rfmLostAfterMonths, type ProgramSettings, type RfmScoreKey } from '../programs/settings.ts';
import { paidNet } from './paid.ts';
import { analyticsRead, type AnalyticsReader } from './read.ts';

/**
 * RFM (analytics.md "RFM"): each member's recency, frequency and money, scored 1-5 against the program's other
 * members, and the segment the program's R × FM grid names for the scores. Everything is computed from purchases and
 * returns as of an instant, in one SQL query: no state but the ledger, so any as_of answers the same every time.
 *
 * The figures, over the purchases that occurred in the `lookback_months` calendar months up to as_of (in the
 * program's time zone) and were recorded by as_of:
 * - A purchase counts while it is not fully returned by as_of: returns recorded after as_of are not subtracted yet.
 *   A fully returned purchase is as if it never happened (it sets no recency, adds no frequency).
 * - recency_days: local calendar days from the member's last counted purchase to as_of (0: bought today).
 * - frequency: counted purchases in the window.
 * - monetary: net spend (what the customer paid: amount less its promotion discount, less the returned share of it)
 *   in the window in minor units of the home currency, each purchase in
 *   another currency converted exactly at the program's FX rate (POST /v1/fx-rates) in force when it occurred, as the
 *   FX table stood at as_of; the total (or, with monetary: average, the total divided by the purchases converted)
 *   rounded half up once at the end. A purchase whose currency had no rate in force then counts for R and F, not
 *   for M (`unconverted_purchases` in the report says how many).
 *
 * Scores, over the members with at least one counted purchase in the window (n of them), by rank with ties: a
 * member's score is 1 + floor(5 × (rank − 1) / n), where rank is SQL's rank() (1 + the number of members with a
 * strictly lower value; for R, a strictly longer recency). Equal values therefore always score alike, and a tie
 * takes the score of where it starts: when 60 % of members bought exactly once, they all have F = 1 and the next
 * value starts at F = 4. With distinct values the scores are exact quintiles (25 members: ranks 1-5 score 1, ...).
 * FM = round half up of (F + M) / 2; the segment is grid[R][FM].
 *
 * Lost: a member whose last counted purchase (or enrollment, if they never bought) is at least `lost_after_months`
 * calendar months before as_of is in segment Lost whatever the grid says: the win-back rule's lost_at, by default
 * with the same months. A Lost member with a purchase in the window (possible with lookback_months above
 * lost_after_months) still counts among the scored; one without has no scores. Any other member without a counted
 * purchase in the window has no scores and no segment.
 *
 * The scoring is written as cut points (`RfmCuts`): for each score 2-5, the least value that reaches it (for R the
 * longest recency). They are computed from the whole population with rank(), then every member's scores are
 * comparisons with them. The report does both in one query; the rfm job computes the cuts once and scores members
 * batch by batch with the same expressions, so both always agree.
 */

export type RfmGrid = Record<RfmScoreKey, Record<RfmScoreKey, string>>;

export interface RfmParams {
  programId: string;
  asOf: Date;
  timezone: string;
  homeCurrency: string;
  lookbackMonths: number;
  monetary: 'total' | 'average';
  lostAfterMonths: number;
  grid: RfmGrid;
}

/** The parameters of a program's RFM as of an instant, the lookback optionally overridden (the report's query). */
export function rfmParams(
  programId: string,
  settings: Pick<ProgramSettings, 'timezone' | 'home_currency' | 'rfm' | 'win_back'>,
  asOf: Date,
  overrides: { lookback_months?: number | undefined } = {},
): RfmParams {
  return {
    programId,
    asOf,
    timezone: settings.timezone,
    homeCurrency: settings.home_currency,
    lookbackMonths: overrides.lookback_months ?? settings.rfm.lookback_months,
    monetary: settings.rfm.monetary,
    lostAfterMonths: rfmLostAfterMonths(settings),
    // Validated to hold all 25 cells (settingsRuleViolations).
    grid: settings.rfm.grid as RfmGrid,
  };
}

/** One member's row of the RFM subquery (rfmMembersQuery). */
export interface RfmMemberRow {
  member_id: string;
  /** The last counted purchase ever (not only in the window); null if none. */
  last_purchase_at: Date | null;
  recency_days: number | null;
  /** Counted purchases in the window (0: unscored). */
  frequency: number;
  /** M's figure: total or average net spend, minor units of the home currency; null when unscored. */
  monetary: number | null;
  /** Total net spend in the window (the report's revenue), minor units of the home currency. */
  spend: number;
  /** Purchases in the window in a currency without an FX rate in force: left out of spend and monetary. */
  unconverted: number;
  lost: boolean;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  fm_score: number | null;
  segment: string | null;
}

/** For each score 2-5, the value that reaches it (null: no member does). n: how many members were scored. */
export interface RfmCuts {
  n: number;
  /** Longest recency_days that still scores R ≥ 2, 3, 4, 5. */
  r: (number | null)[];
  /** Least frequency that scores F ≥ 2, 3, 4, 5. */
  f: (number | null)[];
  /** Least monetary that scores M ≥ 2, 3, 4, 5 (as text: bigint). */
  m: (string | null)[];
}

/** Currencies whose minor unit is not hundredths (JPY 0, KWD 3, ...): the SQL takes 2 for every other code. */
const ODD_DIGITS = JSON.stringify(
  Object.fromEntries(
    Intl.supportedValuesOf('currency')
      .map((c) => [c, minorUnitDigits(c)] as const)
      .filter(([, d]) => d !== 2),
  ),
);

/** Only members in (after, upTo] by id: the rfm job's batches. */
export interface MemberRange {
  after: string;
  upTo: string;
}

const inRange = (column: RawBuilder<unknown>, range: MemberRange | undefined) =>
  range ? sql`AND ${column} > ${range.after} AND ${column} <= ${range.upTo}` : sql``;

/**
 * Every member of the program enrolled by as_of with the raw figures: last_purchase_at, recency_days, frequency,
 * spend, monetary, unconverted, lost. Every join is on the member, so on a Citus cluster each worker computes its own
 * members (fx_rates is a reference table, on every node).
 */
function memberFigures(o: RfmParams, range?: MemberRange): RawBuilder<unknown> {
  const asOf = o.asOf;
  const tz = o.timezone;
  const windowStart = sql`((${asOf}::timestamptz AT TIME ZONE ${tz}) - make_interval(months => ${o.lookbackMonths}::int)) AT TIME ZONE ${tz}`;
  // What the customer paid, net of the returned share (src/analytics/paid.ts): the revenue every report counts.
  const net = paidNet({ amount: sql`p.amount`, discount: sql`p.discount`, returned: sql`coalesce(r.amount, 0)` });
  return sql`
    SELECT m.id AS member_id, a.last_purchase_at,
           ((${asOf}::timestamptz AT TIME ZONE ${tz})::date - (a.last_purchase_at AT TIME ZONE ${tz})::date) AS recency_days,
           coalesce(a.frequency, 0)::int AS frequency,
           round(coalesce(a.spend, 0))::bigint AS spend,
           CASE WHEN coalesce(a.frequency, 0) = 0 THEN NULL
                WHEN ${o.monetary}::text = 'average' THEN round(coalesce(a.spend, 0) / greatest(a.converted, 1))::bigint
                ELSE round(coalesce(a.spend, 0))::bigint END AS monetary,
           coalesce(a.frequency - a.converted, 0)::int AS unconverted,
           ((coalesce(a.last_purchase_at, m.created_at) AT TIME ZONE ${tz}) + make_interval(months => ${o.lostAfterMonths}::int))
             AT TIME ZONE ${tz} <= ${asOf}::timestamptz AS lost
      FROM members m
      LEFT JOIN (
        SELECT pu.member_id, max(pu.occurred_at) AS last_purchase_at,
               count(*) FILTER (WHERE pu.in_window) AS frequency,
               count(pu.net) FILTER (WHERE pu.in_window) AS converted,
               sum(pu.net) FILTER (WHERE pu.in_window) AS spend
          FROM (
            SELECT p.member_id, p.occurred_at, p.occurred_at > ${windowStart} AS in_window,
                   CASE WHEN p.currency = ${o.homeCurrency} THEN ${net}
                        ELSE ${net} * fx.rate * power(10::numeric, ${minorUnitDigits(o.homeCurrency)}::int
                                                      - coalesce((${ODD_DIGITS}::jsonb ->> p.currency)::int, 2)) END AS net
              FROM purchases p
              LEFT JOIN (
                SELECT t.member_id, t.ref_id, sum((t.data->>'amount')::bigint) AS amount
                  FROM ledger_transactions t
                 WHERE t.program_id = ${o.programId} AND t.type = 'return' AND t.recorded_at <= ${asOf}::timestamptz
                       ${inRange(sql`t.member_id`, range)}
                 GROUP BY t.member_id, t.ref_id
              ) r ON r.member_id = p.member_id AND r.ref_id = p.id
              -- The rate in force at the purchase: from its effective_from until the next one, as recorded by as_of.
              LEFT JOIN (
                SELECT currency, rate, effective_from,
                       lead(effective_from) OVER (PARTITION BY currency ORDER BY effective_from) AS effective_until
                  FROM fx_rates WHERE program_id = ${o.programId} AND created_at <= ${asOf}::timestamptz
              ) fx ON p.currency <> ${o.homeCurrency} AND fx.currency = p.currency AND fx.effective_from <= p.occurred_at
                      AND (fx.effective_until IS NULL OR p.occurred_at < fx.effective_until)
             WHERE p.program_id = ${o.programId} AND p.created_at <= ${asOf}::timestamptz AND p.occurred_at <= ${asOf}::timestamptz
                   AND p.amount > coalesce(r.amount, 0) ${inRange(sql`p.member_id`, range)}
          ) pu
         GROUP BY pu.member_id
      ) a ON a.member_id = m.id
     WHERE m.program_id = ${o.programId} AND m.created_at <= ${asOf}::timestamptz ${inRange(sql`m.id`, range)}`;
}

const SCORES = [2, 3, 4, 5] as const;

/** The cut points over a relation `figures` of every member's figures: one row (n = 0 and nulls when nobody scores). */
const cutsFrom = (figures: RawBuilder<unknown>) => sql`
  SELECT count(*)::int AS n,
         ${sql.join(SCORES.map((s) => sql`max(recency_days) FILTER (WHERE 5 * (rr - 1) >= ${s - 1} * total) AS ${sql.ref(`r${s}`)}`))},
         ${sql.join(SCORES.map((s) => sql`min(frequency) FILTER (WHERE 5 * (fr - 1) >= ${s - 1} * total) AS ${sql.ref(`f${s}`)}`))},
         ${sql.join(SCORES.map((s) => sql`min(monetary) FILTER (WHERE 5 * (mr - 1) >= ${s - 1} * total) AS ${sql.ref(`m${s}`)}`))}
    FROM (SELECT recency_days, frequency, monetary, count(*) OVER () AS total,
                 rank() OVER (ORDER BY recency_days DESC) AS rr,
                 rank() OVER (ORDER BY frequency) AS fr,
                 rank() OVER (ORDER BY monetary) AS mr
            FROM ${figures} WHERE frequency > 0) ranked`;

/** Cuts given as values (the job's batches), as the one-row relation cutsFrom yields. */
const cutsValues = (c: RfmCuts) => sql`
  SELECT ${c.n}::int AS n,
         ${sql.join(SCORES.map((s, i) => sql`${c.r[i] ?? null}::int AS ${sql.ref(`r${s}`)}`))},
         ${sql.join(SCORES.map((s, i) => sql`${c.f[i] ?? null}::int AS ${sql.ref(`f${s}`)}`))},
         ${sql.join(SCORES.map((s, i) => sql`${c.m[i] ?? null}::bigint AS ${sql.ref(`m${s}`)}`))}`;

/** 1 + how many cuts the value reaches; null for an unscored member. */
const score = (reaches: (s: number) => RawBuilder<unknown>) =>
  sql`CASE WHEN f.frequency > 0 THEN 1 + ${sql.join(
    SCORES.map((s) => sql`coalesce(${reaches(s)}, false)::int`),
    sql` + `,
  )} END`;

/** The scores and segment of every member of `figures` (aliased f) against the cuts (aliased c). */
function scored(o: RfmParams, figures: RawBuilder<unknown>, cuts: RawBuilder<unknown>) {
  const grid = JSON.stringify(o.grid);
  return sql`
    SELECT s.*, CASE WHEN s.lost THEN ${RFM_LOST}::text WHEN s.r_score IS NULL THEN NULL
                     ELSE ${grid}::jsonb -> s.r_score::text ->> s.fm_score::text END AS segment
      FROM (SELECT q.*, (q.f_score + q.m_score + 1) / 2 AS fm_score
              FROM (SELECT f.*,
                           ${score((s) => sql`f.recency_days <= c.${sql.ref(`r${s}`)}`)} AS r_score,
                           ${score((s) => sql`f.frequency >= c.${sql.ref(`f${s}`)}`)} AS f_score,
                           ${score((s) => sql`f.monetary >= c.${sql.ref(`m${s}`)}`)} AS m_score
                      FROM ${figures} f CROSS JOIN (${cuts}) c) q) s`;
}

/**
 * The reusable RFM subquery: every member of the program enrolled by as_of, with member_id, last_purchase_at,
 * recency_days, frequency, monetary, spend, unconverted, lost, r_score, f_score, m_score, fm_score and segment (null
 * scores and segment for members not scored, Lost whatever the scores for the lost). Use it as a FROM item, e.g.
 *   sql`SELECT rfm.member_id FROM (${rfmMembersQuery(o)}) rfm WHERE rfm.segment = ${'Champions'}`
 * Its cut points need every member's figures, so it always reads the whole program, whatever the outer query filters.
 */
export function rfmMembersQuery(o: RfmParams): RawBuilder<RfmMemberRow> {
  return sql<RfmMemberRow>`
    WITH figures AS MATERIALIZED (${memberFigures(o)}),
         cuts AS (${cutsFrom(sql`figures`)})
    ${scored(o, sql`figures`, sql`SELECT * FROM cuts`)}`;
}

/** The cut points of the program's population as of o.asOf (the rfm job computes them once per run). */
export async function rfmCuts(db: Kysely<Database>, o: RfmParams): Promise<RfmCuts> {
  const { rows } = await sql<Record<string, number | string | null>>`${cutsFrom(sql`(${memberFigures(o)}) figures`)}`.execute(db);
  const row = rows[0]!;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    n: Number(row.n),
    r: SCORES.map((s) => num(row[`r${s}`])),
    f: SCORES.map((s) => num(row[`f${s}`])),
    m: SCORES.map((s) => (row[`m${s}`] === null || row[`m${s}`] === undefined ? null : String(row[`m${s}`]))),
  };
}

/** The members in a range of ids scored against cuts computed beforehand: the rfm job's batch. */
export function rfmBatchQuery(o: RfmParams, cuts: RfmCuts, range: MemberRange): RawBuilder<RfmMemberRow> {
  return sql<RfmMemberRow>`${scored(o, sql`(${memberFigures(o, range)})`, cutsValues(cuts))}`;
}

/** A row as the pg driver returns it (bigint and counts as text) made into numbers. */
export function toRfmRow(r: Record<string, unknown>): RfmMemberRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    member_id: r.member_id as string,
    last_purchase_at: (r.last_purchase_at as Date | null) ?? null,
    recency_days: num(r.recency_days),
    frequency: Number(r.frequency),
    monetary: num(r.monetary),
    spend: Number(r.spend),
    unconverted: Number(r.unconverted),
    lost: r.lost === true,
    r_score: num(r.r_score),
    f_score: num(r.f_score),
    m_score: num(r.m_score),
    fm_score: num(r.fm_score),
    segment: (r.segment as string | null) ?? null,
  };
}

// --- The report ---------------------------------------------------------------------------------------------------

export interface RfmMemberView {
  member_id: string;
  last_purchase_at: string | null;
  recency_days: number | null;
  frequency: number;
  monetary: number | null;
  r: number | null;
  f: number | null;
  m: number | null;
  fm: number | null;
  /** "R5-FM3": the grid cell, null when unscored. */
  cell: string | null;
  segment: string | null;
}

export interface RfmSegmentSummary {
  segment: string;
  size: number;
  share: number;
  revenue: { amount: number; currency: string };
  average: { r: number | null; f: number | null; m: number | null };
}

export interface RfmReport {
  as_of: string;
  currency: string;
  lookback_months: number;
  monetary: 'total' | 'average';
  lost_after_months: number;
  members_scored: number;
  members_with_segment: number;
  unconverted_purchases: number;
  segments: RfmSegmentSummary[];
  members: RfmMemberView[];
}

export function toMemberView(r: RfmMemberRow): RfmMemberView {
  return {
    member_id: r.member_id,
    last_purchase_at: r.last_purchase_at ? r.last_purchase_at.toISOString() : null,
    recency_days: r.recency_days,
    frequency: r.frequency,
    monetary: r.monetary,
    r: r.r_score,
    f: r.f_score,
    m: r.m_score,
    fm: r.fm_score,
    cell: r.r_score === null ? null : `R${r.r_score}-FM${r.fm_score}`,
    segment: r.segment,
  };
}

/** The grid's names in reading order (R 5 to 1, FM 1 to 5), each once, then Lost. */
export function segmentNames(grid: RfmGrid): string[] {
  const names: string[] = [];
  for (const r of RFM_SCORES) for (const fm of [...RFM_SCORES].reverse()) if (!names.includes(grid[r][fm])) names.push(grid[r][fm]);
  if (!names.includes(RFM_LOST)) names.push(RFM_LOST);
  return names;
}

/** Six decimal places, like the other reports' ratios. */
const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1_000_000) / 1_000_000);

/**
 * The program's RFM as of o.asOf: per segment (every name of the grid and Lost) the members, their share of the
 * members with a segment, their net spend in the window and average scores; and one page of members with a segment
 * (by id, after `after`, optionally of one segment). One query: the figures are computed once for both.
 */
export async function rfmReport(
  db: Kysely<Database>,
  reader: AnalyticsReader,
  o: RfmParams,
  page: { limit: number; after?: string | undefined; segment?: string | undefined },
): Promise<RfmReport> {
  return analyticsRead(db, reader, async (trx) => {
    const { rows } = await sql<{ totals: Record<string, string>; segments: Record<string, unknown>[]; members: Record<string, unknown>[] }>`
      WITH rfm AS MATERIALIZED (${rfmMembersQuery(o)})
      SELECT
        (SELECT jsonb_build_object('scored', count(*) FILTER (WHERE r_score IS NOT NULL),
                                   'with_segment', count(*) FILTER (WHERE segment IS NOT NULL),
                                   'unconverted', coalesce(sum(unconverted), 0))
           FROM rfm) AS totals,
        (SELECT coalesce(jsonb_agg(g), '[]'::jsonb)
           FROM (SELECT segment, count(*) AS size, sum(spend) AS revenue,
                        round(avg(r_score), 2) AS r, round(avg(f_score), 2) AS f, round(avg(m_score), 2) AS m
                   FROM rfm WHERE segment IS NOT NULL GROUP BY segment) g) AS segments,
        (SELECT coalesce(jsonb_agg(p ORDER BY p.member_id), '[]'::jsonb)
           FROM (SELECT member_id, to_char(last_purchase_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_purchase_at,
                        recency_days, frequency, monetary, spend, unconverted, lost, r_score, f_score, m_score, fm_score, segment
                   FROM rfm
                  WHERE segment IS NOT NULL AND member_id > ${page.after ?? ''}
                        ${page.segment === undefined ? sql`` : sql`AND segment = ${page.segment}`}
                  ORDER BY member_id LIMIT ${page.limit}) p) AS members`.execute(trx);
    const row = rows[0]!;
    const withSegment = Number(row.totals.with_segment);
    const found = new Map(row.segments.map((g) => [g.segment as string, g]));
    const avg = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
      as_of: o.asOf.toISOString(),
      currency: o.homeCurrency,
      lookback_months: o.lookbackMonths,
      monetary: o.monetary,
      lost_after_months: o.lostAfterMonths,
      members_scored: Number(row.totals.scored),
      members_with_segment: withSegment,
      unconverted_purchases: Number(row.totals.unconverted),
      segments: segmentNames(o.grid).map((name) => {
        const g = found.get(name);
        const size = g ? Number(g.size) : 0;
        return {
          segment: name,
          size,
          share: ratio(size, withSegment),
          revenue: { amount: g ? Number(g.revenue) : 0, currency: o.homeCurrency },
          average: { r: avg(g?.r), f: avg(g?.f), m: avg(g?.m) },
        };
      }),
      members: row.members.map((m) => toMemberView(toRfmRow({ ...m, last_purchase_at: m.last_purchase_at ? new Date(m.last_purchase_at as string) : null }))),
    };
  });
}

export interface MemberRfm extends RfmMemberView {
  as_of: string;
  currency: string;
  lookback_months: number;
}

/** One member's RFM as of o.asOf (scored against the whole program); 404 for a member not in the program. */
export async function memberRfm(db: Kysely<Database>, reader: AnalyticsReader, o: RfmParams, memberId: string): Promise<MemberRfm> {
  return analyticsRead(db, reader, async (trx) => {
    const member = await trx.selectFrom('members').select(['id', 'created_at']).where('program_id', '=', o.programId).where('id', '=', memberId).executeTakeFirst();
    if (!member) throw new NotFoundError('member', memberId);
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM (${rfmMembersQuery(o)}) rfm WHERE rfm.member_id = ${memberId}`.execute(trx);
    const header = { member_id: memberId, as_of: o.asOf.toISOString(), currency: o.homeCurrency, lookback_months: o.lookbackMonths };
    if (rows.length === 0) {
      // Enrolled after as_of: nothing yet.
      return { ...header, last_purchase_at: null, recency_days: null, frequency: 0, monetary: null, r: null, f: null, m: null, fm: null, cell: null, segment: null };
    }
    return { ...toMemberView(toRfmRow(rows[0]!)), ...header };
  });
}
