import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { liability } from '../../analytics/liability.ts';
import { reportInstant } from '../../analytics/read.ts';
import { searchTransactions } from '../../analytics/transactions.ts';
import { FieldError } from '../../errors.ts';
import { READ, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, PageQuery, pageBody, pageOf, problems } from '../schemas.ts';
import { decodeCursor, paginate } from '../pagination.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { TransactionSchema } from '../../schemas/ledger.ts';
import { TypeFilter } from './member-ledger.ts';

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

/** Reports and back-office searches: read-only, under ANALYTICS_STATEMENT_TIMEOUT_MS (src/analytics/read.ts). */
export const analyticsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings, config }) => {
  const reader = { timeoutMs: config.ANALYTICS_STATEMENT_TIMEOUT_MS };

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
