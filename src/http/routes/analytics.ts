import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { liability } from '../../analytics/liability.ts';
import {
  DASHBOARD_METRICS,
  DIMENSIONS,
  MAX_BUCKETS,
  MAX_RANGE_DAYS,
  checkWindow,
  dashboardBreakdown,
  dashboardSummary,
  dashboardTimeseries,
  type Interval,
} from '../../analytics/dashboard.ts';
import { memberRfm, rfmParams, rfmReport } from '../../analytics/rfm.ts';
import { reportInstant } from '../../analytics/read.ts';
import { searchTransactions } from '../../analytics/transactions.ts';
import { FieldError } from '../../errors.ts';
import { READ, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, PageQuery, pageBody, pageOf, problems } from '../schemas.ts';
import { decodeCursor, paginate } from '../pagination.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { TransactionSchema } from '../../schemas/ledger.ts';
import { TypeFilter } from './member-ledger.ts';
import { MemberParams } from './members.ts';

const Value = z.object({ amount: z.number().int().describe("Minor units of the home currency at point_value (exact product, rounded half away from zero once)"), currency: z.string() });

const LiabilitySchema = z
  .object({
    as_of: z.string().describe('The instant the figures are as of: what the ledger had recorded by then'),
    currency: z.string().describe("The program's home currency"),
    point_value: z.number().describe('Minor units of the home currency one point is worth (settings.point_value, as now)'),
    totals: z
      .object({
        available: z.number().int(),
        pending: z.number().int(),
        held: z.number().int().describe('Reserved by open holds: out of their lots until captured, voided or expired'),
        debt: z.number().int().describe('Owed by members (negative), as the trial balance carries it'),
        outstanding: z.number().int().describe("available + pending + held + debt: the trial balance's member accounts at as_of"),
        value: Value,
      })
      .describe('The points the program owes at as_of'),
    breakage: z
      .object({ issued: z.number().int(), expired: z.number().int(), rate: z.number().describe('expired ÷ issued, six decimal places') })
      .describe('Over every cohort'),
    by_cohort: z
      .array(
        z.object({
          cohort: z.string().describe("YYYY-MM: the month the lots were granted, in the program's time zone"),
          issued: z.number().int().describe('Points granted in lots of the month'),
          outstanding: z.number().int().describe('Of those, still in the lots (available or pending)'),
          expired: z.number().int().describe('Of those, expired'),
          breakage_rate: z.number().describe('expired ÷ issued, six decimal places'),
          value: Value,
        }),
      )
      .describe('Oldest first; the cohorts add up to available + pending'),
    by_expiry: z
      .array(
        z.object({
          expiry_month: z.string().nullable().describe("YYYY-MM the points expire in, in the program's time zone; null: never"),
          points: z.number().int(),
          value: Value,
        }),
      )
      .describe('Points still in lots by the month they expire, soonest first'),
  })
  .meta({ id: 'Liability' });

const Score = z.number().int().min(1).max(5).nullable();

const RfmMemberFields = {
  member_id: Id('mem', 'Member'),
  last_purchase_at: z.string().nullable().describe('Occurred_at of the last purchase not fully returned by as_of (any time, not only in the window); null if none'),
  recency_days: z.number().int().nullable().describe("Calendar days, in the program's time zone, from the last purchase to as_of (0: bought that day)"),
  frequency: z.number().int().describe('Purchases in the window not fully returned by as_of'),
  monetary: z
    .number()
    .int()
    .nullable()
    .describe('Net spend in the window (what was paid after promotion discounts, less the returned share by as_of), minor units of the home currency at the FX rate in force at each purchase: the total, or the average per purchase with rfm.monetary average. null when not scored'),
  r: Score.describe('Recency score 1-5 (5: most recent); null when the member has no purchase in the window'),
  f: Score.describe('Frequency score 1-5'),
  m: Score.describe('Monetary score 1-5'),
  fm: Score.describe('round half up of (f + m) / 2'),
  cell: z.string().nullable().describe('The grid cell, R<r>-FM<fm> (e.g. R5-FM3); null when not scored'),
  segment: z.string().nullable().describe('grid[r][fm], or Lost; null: not scored and not lost'),
};

const RfmMemberSchema = z.object(RfmMemberFields).meta({ id: 'RfmMember', description: "A member's RFM figures, scores and segment" });

const RfmReportSchema = z
  .object({
    as_of: z.string().describe('The instant the figures are as of: purchases and returns recorded by then'),
    currency: z.string().describe("The program's home currency: monetary and revenue are in its minor units"),
    lookback_months: z.number().int().describe('The window: purchases in this many calendar months up to as_of are scored'),
    monetary: z.enum(['total', 'average']).describe('What M measures (settings.rfm.monetary)'),
    lost_after_months: z.number().int().describe('Members without a purchase for this many months (or since enrollment) are Lost'),
    members_scored: z.number().int().describe('Members with at least one purchase in the window: the population the quintiles are taken over'),
    members_with_segment: z.number().int().describe('Members scored or Lost: what share is a share of'),
    unconverted_purchases: z
      .number()
      .int()
      .describe('Purchases in the window in a currency with no FX rate in force at their time: counted in R and F, left out of M and revenue'),
    segments: z
      .array(
        z.object({
          segment: z.string(),
          size: z.number().int(),
          share: z.number().describe('size ÷ members_with_segment, six decimal places'),
          revenue: z.object({ amount: z.number().int(), currency: z.string() }).describe("The segment's net spend in the window"),
          average: z
            .object({ r: z.number().nullable(), f: z.number().nullable(), m: z.number().nullable() })
            .describe('Mean scores of its scored members, two decimal places; null when none is scored (Lost without purchases in the window)'),
        }),
      )
      .describe("Every segment name of the grid in reading order (R 5 to 1, FM 1 to 5), then Lost; empty ones with size 0"),
    members: pageOf(
      RfmMemberSchema,
      'RfmMemberPage',
      "A page of the members with a segment (of ?segment= if given), by member id: pass next_cursor as ?cursor= for the next, which keeps this page's as_of",
    ),
  })
  .meta({ id: 'RfmReport' });

const TransactionSearchQuery = PageQuery.extend({
  type: TypeFilter,
  member_id: Id('mem', 'Member').optional(),
  store_id: z.string().min(1).max(100).optional().describe('The store a purchase, redemption or hold named'),
  receipt_id: z.string().min(1).max(100).optional().describe('The receipt id of a purchase or return'),
  from: Timestamp.optional().describe('Occurred at or after'),
  to: Timestamp.optional().describe('Occurred before'),
  min_points: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe("The transaction's headline points, at least"),
  max_points: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe("The transaction's headline points, at most"),
});

const ReportHeader = {
  from: z.string().describe('Start of the period (inclusive)'),
  to: z.string().describe('End of the period (exclusive)'),
  as_of: z.string().describe('The instant the figures are as of: what the ledger had recorded by then'),
  currency: z.string().describe("The program's home currency: every money figure is in its minor units"),
  time_zone: z.string().describe("The program's time zone (settings.timezone): local days, weeks, months and ages"),
};

const DashboardQuery = z.object({
  from: Timestamp.describe('Start of the period (inclusive): purchases, points and enrollments that occurred at or after it'),
  to: Timestamp.describe('End of the period (exclusive)'),
  as_of: Timestamp.optional().describe('Default: now. Only what was recorded by then counts (purchases, returns, points, members)'),
});

const Metric = z
  .enum(DASHBOARD_METRICS)
  .describe(
    'revenue, average_check and returns are minor units of the home currency (returns: the amount returned); sales, returns_count, active_members and new_members are counts; points_* are points',
  );

const DashboardSummarySchema = z
  .object({
    ...ReportHeader,
    revenue: z.number().int().describe("Purchases of the period less what was returned of them by as_of, each converted at the FX rate in force at the purchase (rounded down), minor units of the home currency"),
    sales: z.number().int().describe('Purchases of the period not fully returned by as_of'),
    average_check: z.number().int().describe('revenue ÷ sales (of purchases with an FX rate), rounded half to even; 0 without sales'),
    returns: z
      .object({ count: z.number().int().describe('Return transactions recorded by as_of against purchases of the period'), amount: z.number().int().describe('Their amount, converted as the purchase was') })
      .describe("Returns of the period's purchases: revenue is net of them"),
    points: z
      .object({
        issued: z.number().int().describe('Net points out of the issued account (earning, bonuses, benefits, transfers in, less returns), by transaction occurred_at'),
        redeemed: z.number().int().describe('Net points into the redeemed account (redemptions and captures less reversals)'),
        expired: z.number().int().describe('Points expired (at their lot\'s expires_at), once the expiry was recorded'),
        outstanding: z.number().int().describe("The liability report's outstanding total (available + pending + held + debt) at outstanding_at"),
        outstanding_at: z.string().describe('The earlier of to and as_of'),
      })
      .describe("The trial balance's accounts over the period"),
    active_members: z.number().int().describe('Members with a purchase in the period'),
    new_members: z.number().int().describe('Members enrolled in the period'),
    unconverted: z
      .array(z.object({ currency: z.string(), sales: z.number().int(), amount: z.number().int().describe('Net amount in minor units of currency') }))
      .describe('Purchases in currencies with no FX rate in force at their time: in no money figure (record the rate with POST /v1/fx-rates)'),
  })
  .meta({ id: 'DashboardSummary' });

const TimeseriesSchema = z
  .object({
    ...ReportHeader,
    metric: Metric,
    interval: z.enum(['day', 'week', 'month']),
    buckets: z
      .array(
        z.object({
          period: z.string().describe('The local period: 2026-03-29, 2026-W13 (ISO week) or 2026-03'),
          start: z.string().describe("The instant the local period starts (local midnight in the program's time zone)"),
          end: z.string().describe('The instant it ends: a DST change makes a local day 23 or 25 hours long'),
          value: z.number().int().describe('The figure of what occurred in the period and within [from, to); 0 for none'),
        }),
      )
      .describe('Every local period from the one holding from to the one holding the end of the range, empty ones included'),
  })
  .meta({ id: 'DashboardTimeseries' });

const BreakdownSchema = z
  .object({
    ...ReportHeader,
    metric: Metric,
    by: z.enum(DIMENSIONS),
    groups: z
      .array(z.object({ key: z.string().nullable().describe('The value; null: unknown (not recorded)'), value: z.number().int() }))
      .describe('Age bands and tiers in their own order (each listed, 0 included), other values in text order; unknown (null) last'),
  })
  .meta({ id: 'DashboardBreakdown' });

/** Reports and back-office searches: read-only, under ANALYTICS_STATEMENT_TIMEOUT_MS (src/analytics/read.ts). */
export const analyticsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings, analytics: reader }) => {

  app.get(
    '/v1/analytics/liability',
    {
      config: { access: READ },
      schema: {
        operationId: 'getLiability',
        summary: 'Points liability and breakage, by lot cohort and expiry month, as of an instant',
        description:
          "What the program owes in points as of `as_of` (default now): the trial balance's member accounts (available, pending, held, debt) at that instant, the points still in lots by the month they were granted and the month they expire, valued at point_value in the home currency, and breakage (expired ÷ issued) per cohort. As of an instant means what the ledger had recorded by then, so the same as_of always answers the same figures; an as_of later than the server's clock is 422 as_of_not_yet. Held points and debt are not in any cohort: held points left their lots for the hold, debt is owed to the program.",
        tags: ['analytics'],
        security: bearerSecurity,
        querystring: z.object({ as_of: Timestamp.optional().describe('Default: now') }),
        response: { 200: LiabilitySchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const asOf = reportInstant(request.query.as_of, clock.now());
      return liability(db, reader, programId, await settings.get(programId), asOf);
    },
  );

  const window = (query: { from: string; to: string; as_of?: string | undefined }) => ({
    from: new Date(query.from),
    to: new Date(query.to),
    asOf: reportInstant(query.as_of, clock.now()),
  });

  app.get(
    '/v1/analytics/summary',
    {
      config: { access: READ },
      schema: {
        operationId: 'getDashboardSummary',
        summary: "The dashboard's figures for a period: revenue, sales, average check, returns, points, members",
        description: `Revenue (what customers paid after promotion discounts, net of the returned share, returns recorded by as_of), sales, average check and returns of the purchases that occurred in [from, to), in the home currency at the FX rate in force at each purchase; points issued, redeemed and expired in the period and outstanding at its end (the trial balance's and the liability report's accounts); members active (with a purchase) and new (enrolled) in the period. Only what the ledger had recorded by as_of counts, so a past as_of answers the same figures every time. At most ${MAX_RANGE_DAYS} days; from not before to is 422 invalid_range.`,
        tags: ['analytics'],
        security: bearerSecurity,
        querystring: DashboardQuery,
        response: { 200: DashboardSummarySchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const w = window(request.query);
      checkWindow(w.from, w.to, MAX_RANGE_DAYS);
      return dashboardSummary(db, reader, programId, await settings.get(programId), w);
    },
  );

  app.get(
    '/v1/analytics/timeseries',
    {
      config: { access: READ },
      schema: {
        operationId: 'getDashboardTimeseries',
        summary: "One dashboard figure per local day, ISO week or month",
        description: `The metric (as the summary defines it) per local day, ISO week (Monday to Sunday) or month in the program's time zone, every period from the one holding from to the one holding the end of the range, empty ones as 0. Periods are stepped in local time, so across a DST change a day is 23 or 25 hours and nothing falls into the wrong day. active_members counts each member once per period. At most ${MAX_BUCKETS.day} days, ${MAX_BUCKETS.week} weeks or ${MAX_BUCKETS.month} months (422 range_too_long).`,
        tags: ['analytics'],
        security: bearerSecurity,
        querystring: DashboardQuery.extend({ metric: Metric, interval: z.enum(['day', 'week', 'month']).describe("Local periods in the program's time zone") }),
        response: { 200: TimeseriesSchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const w = window(request.query);
      const interval: Interval = request.query.interval;
      // A rough bound before any period is generated; the exact count of local periods is checked with them.
      const longest = { day: 1, week: 7, month: 31 }[interval] * (MAX_BUCKETS[interval] + 1);
      checkWindow(w.from, w.to, longest);
      return dashboardTimeseries(db, reader, programId, await settings.get(programId), w, request.query.metric, interval);
    },
  );

  app.get(
    '/v1/analytics/breakdown',
    {
      config: { access: READ },
      schema: {
        operationId: 'getDashboardBreakdown',
        summary: 'One dashboard figure per branch, store, channel, device, gender, age band, tier, source or RFM segment',
        description: `The metric (as the summary defines it) per value of a dimension. Of the member: branch, gender, source (as the member's profile has them now), tier (the member's tier at as_of), age_band (whole years on the program's local date at as_of, bands from settings.age_bands) and segment (the member's RFM segment as of as_of, as GET /v1/analytics/rfm computes it with the program's rfm settings; null for members without scores). Of the purchase: store, channel and device (as the purchase recorded them), which only purchase metrics have (points and new_members per store, channel or device are 422 metric_not_available). Unknown values are grouped under null. At most ${MAX_RANGE_DAYS} days.`,
        tags: ['analytics'],
        security: bearerSecurity,
        querystring: DashboardQuery.extend({ metric: Metric, by: z.enum(DIMENSIONS) }),
        response: { 200: BreakdownSchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const w = window(request.query);
      checkWindow(w.from, w.to, MAX_RANGE_DAYS);
      return dashboardBreakdown(db, reader, programId, await settings.get(programId), w, request.query.metric, request.query.by);
    },
  );

  app.get(
    '/v1/analytics/rfm',
    {
      config: { access: READ },
      schema: {
        operationId: 'getRfm',
        summary: 'RFM segments: sizes, shares, revenue and average scores, and the members (paged), as of an instant',
        description:
          "Recency, frequency and money of every member over the last lookback_months (default settings.rfm.lookback_months) up to as_of, scored 1-5 by quintiles over the members with a purchase in that window (R reversed: more recent scores higher; equal values score alike, the score where their rank starts: 1 + floor(5 × (rank − 1) ÷ members scored)), and the segment settings.rfm.grid names for R and FM = round half up of (F + M) ÷ 2. Members without a purchase for rfm.lost_after_months are Lost. Purchases count while not fully returned by as_of; money is what was paid after promotion discounts, net of the returned share, in the home currency at the FX rate in force at each purchase. `members` is a page of the members with a segment by id, optionally of one segment; its cursor keeps the first page's as_of. An as_of later than the server's clock is 422 as_of_not_yet.",
        tags: ['analytics'],
        security: bearerSecurity,
        querystring: PageQuery.extend({
          as_of: Timestamp.optional().describe("Default: now (or the cursor's)"),
          lookback_months: z.coerce.number().int().min(1).max(120).optional().describe('Default: settings.rfm.lookback_months (36)'),
          segment: z.string().min(1).max(64).optional().describe('Only members of this segment in the page (the summary is always whole)'),
        }),
        response: { 200: RfmReportSchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const { limit, cursor, as_of, lookback_months, segment } = request.query;
      const after = decodeCursor(cursor, ['id', 'at'] as const);
      if (after && as_of !== undefined && new Date(as_of).getTime() !== new Date(after.at).getTime()) {
        throw new FieldError('/as_of', `differs from the cursor's (${after.at}): pass the same as_of, or none, with a cursor`, 'query');
      }
      const asOf = reportInstant(as_of ?? after?.at, clock.now());
      const o = rfmParams(programId, await settings.get(programId), asOf, { lookback_months });
      const { members, ...report } = await rfmReport(db, reader, o, { limit: limit + 1, after: after?.id, segment });
      const page = paginate(members, limit, (m) => ({ id: m.member_id, at: o.asOf.toISOString() }));
      return { ...report, members: pageBody(page.data, page.next_cursor) };
    },
  );

  app.get(
    '/v1/members/:id/rfm',
    {
      config: { access: READ },
      schema: {
        operationId: 'getMemberRfm',
        summary: "A member's RFM figures, scores and segment as of an instant",
        description:
          "As in GET /v1/analytics/rfm (scored against the whole program as of as_of, default now). A member without a purchase in the window has null scores, and segment Lost if their last purchase, or their enrollment if they never bought, is rfm.lost_after_months old, null otherwise. 404 for a member not in the program.",
        tags: ['analytics'],
        security: bearerSecurity,
        params: MemberParams,
        querystring: z.object({
          as_of: Timestamp.optional().describe('Default: now'),
          lookback_months: z.coerce.number().int().min(1).max(120).optional().describe('Default: settings.rfm.lookback_months (36)'),
        }),
        response: {
          200: z
            .object({
              ...RfmMemberFields,
              as_of: z.string(),
              currency: z.string().describe("The program's home currency: monetary is in its minor units"),
              lookback_months: z.number().int(),
            })
            .meta({ id: 'MemberRfm' }),
          ...problems(...AUTH_PROBLEMS, 404, 422),
        },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const asOf = reportInstant(request.query.as_of, clock.now());
      const o = rfmParams(programId, await settings.get(programId), asOf, { lookback_months: request.query.lookback_months });
      return memberRfm(db, reader, o, request.params.id);
    },
  );

  app.get(
    '/v1/transactions',
    {
      config: { access: READ },
      schema: {
        operationId: 'searchTransactions',
        summary: "Search the program's points transactions (back office)",
        description:
          "Every member's points transactions in the program, newest first, filtered by type, member, store, receipt, occurred_at range and headline points range (ranges inclusive but `to`, which is exclusive). A member or a receipt makes the search use an index; a program-wide search reads the program's transactions under the analytics timeout (503 analytics_timeout when exceeded). Wallet money has its own statements.",
        tags: ['analytics'],
        security: bearerSecurity,
        querystring: TransactionSearchQuery,
        response: { 200: pageOf(TransactionSchema, 'ProgramTransactionPage', "A page of the program's transactions, newest first"), ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => {
      const { limit, cursor, type, from, to, ...filter } = request.query;
      if (filter.min_points !== undefined && filter.max_points !== undefined && filter.min_points > filter.max_points) {
        throw new FieldError('/min_points', `must not be more than max_points (${filter.max_points})`, 'query');
      }
      if (from !== undefined && to !== undefined && new Date(from).getTime() >= new Date(to).getTime()) {
        throw new FieldError('/from', 'must be before to', 'query');
      }
      const after = decodeCursor(cursor, ['id'] as const);
      const rows = await searchTransactions(
        db,
        reader,
        programOf(request),
        { ...filter, types: type, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
        { limit: limit + 1, before: after?.id },
      );
      const page = paginate(rows, limit, (r) => ({ id: r.id }));
      return pageBody(page.data, page.next_cursor);
    },
  );
};
