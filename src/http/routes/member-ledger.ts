import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { getBalance } from '../../ledger/ledger.ts';
import { pointsValue } from '../../analytics/read.ts';
import { listTransactions, statement } from '../../ledger/history.ts';
import { READ, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, PageQuery, pageOf, problems, pageBody } from '../schemas.ts';
import { Timestamp } from '../../schemas/common.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { MemberBalanceSchema, TRANSACTION_TYPES, TransactionWithLotsSchema } from '../../schemas/ledger.ts';
import { MemberParams } from './members.ts';

const Figures = z.object({ available: z.number().int(), pending: z.number().int(), held: z.number().int(), debt: z.number().int() }).meta({ id: 'AccountFigures' });

export const TypeFilter = z
  .string()
  .transform((s) => s.split(',').map((t) => t.trim()))
  .pipe(z.array(z.enum(TRANSACTION_TYPES)))
  .optional()
  .describe(`Comma-separated transaction types: ${TRANSACTION_TYPES.join(', ')}`);

export const memberLedgerRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, pool, clock, settings, batcher }) => {
  app.get(
    '/v1/members/:id/balance',
    {
      config: { access: READ, revocationCheckedInQuery: true },
      schema: {
        operationId: 'getBalance',
        summary: "The member's points: available, pending, held, debt, lifetime figures and what expires soon",
        tags: ['ledger'],
        security: bearerSecurity,
        params: MemberParams,
        response: { 200: MemberBalanceSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const caller = { programId, apiKeyId: request.principal?.keyId ?? null, batcher };
      const program = await settings.get(programId);
      const balance = await getBalance(pool, clock, caller, program, request.params.id);
      return { ...balance, value: { amount: pointsValue(balance.available, program.point_value), currency: program.home_currency } };
    },
  );

  app.get(
    '/v1/members/:id/transactions',
    {
      config: { access: READ },
      schema: {
        operationId: 'listMemberTransactions',
        summary: "The member's ledger history, newest first, with entries and lots touched",
        tags: ['ledger'],
        security: bearerSecurity,
        params: MemberParams,
        querystring: PageQuery.extend({
          type: TypeFilter,
          from: Timestamp.optional().describe('Occurred at or after'),
          to: Timestamp.optional().describe('Occurred before'),
        }),
        response: { 200: pageOf(TransactionWithLotsSchema, 'TransactionPage', "A page of the member's transactions, newest first"), ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => {
      const { limit, cursor, type, from, to } = request.query;
      const after = decodeCursor(cursor, ['v'] as const);
      const rows = await listTransactions(
        db,
        programOf(request),
        request.params.id,
        { types: type, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
        { limit: limit + 1, beforeVersion: after ? Number(after.v) : undefined },
      );
      const data = rows.slice(0, limit);
      return pageBody(data, rows.length > limit ? encodeCursor({ v: data.at(-1)!.version }) : null);
    },
  );

  app.get(
    '/v1/members/:id/statement',
    {
      config: { access: READ },
      schema: {
        operationId: 'getMemberStatement',
        summary: 'Opening balance, movements and closing balance for a period',
        description: 'By business time (occurred_at), from inclusive, to exclusive. opening + movements = closing for every account.',
        tags: ['ledger'],
        security: bearerSecurity,
        params: MemberParams,
        querystring: z.object({ from: Timestamp, to: Timestamp.optional().describe('Default: now') }),
        response: {
          200: z
            .object({
              member_id: z.string(),
              from: z.string(),
              to: z.string(),
              opening: Figures,
              movements: z.array(
                TransactionWithLotsSchema.omit({ lots: true, entries: true }).extend({ changes: Figures.partial().describe('Change per member account') }),
              ),
              closing: Figures,
            })
            .meta({ id: 'Statement' }),
          ...problems(...AUTH_PROBLEMS, 404),
        },
      },
    },
    async (request) =>
      statement(db, programOf(request), request.params.id, new Date(request.query.from), request.query.to ? new Date(request.query.to) : clock.now()),
  );
};
