import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { getBalance } from '../../ledger/ledger.ts';
import { listTransactions, statement } from '../../ledger/history.ts';
import { trialBalance } from '../../ledger/audit.ts';
import { JOB_NAMES, runJob } from '../../jobs/jobs.ts';
import { ADMIN, READ, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, Id, PageQuery, Timestamp, pageOf, problems } from '../schemas.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { BalanceSchema, TRANSACTION_TYPES, TransactionWithLotsSchema } from './ledger-schemas.ts';

const MemberParams = z.object({ id: Id('mem', 'Member') });
const Figures = z.object({ available: z.number().int(), pending: z.number().int(), held: z.number().int(), debt: z.number().int() }).meta({ id: 'AccountFigures' });

const TypeFilter = z
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
        response: { 200: BalanceSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const caller = { programId, apiKeyId: request.principal?.keyId ?? null, batcher };
      return (await getBalance(pool, clock, caller, await settings.get(programId), request.params.id)) as z.infer<typeof BalanceSchema>;
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
        response: { 200: pageOf(TransactionWithLotsSchema, 'TransactionPage'), ...problems(...AUTH_PROBLEMS, 404) },
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
      return { data, next_cursor: rows.length > limit ? encodeCursor({ v: data.at(-1)!.version }) : null };
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

  app.get(
    '/v1/audit/trial-balance',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'getTrialBalance',
        summary: "Check the ledger's invariants for the program",
        description: 'Entries of every transaction and of the program sum to zero; cached balances equal their entries; lots equal grants minus allocations; versions have no gaps.',
        tags: ['audit'],
        security: bearerSecurity,
        response: {
          200: z
            .object({
              ok: z.boolean(),
              checks: z.array(z.object({ name: z.string(), description: z.string(), ok: z.boolean(), violations: z.number().int(), examples: z.array(z.string()) })),
              accounts: z.record(z.string(), z.number().int()).describe('Sum of entries per account'),
              transactions: z.number().int(),
            })
            .meta({ id: 'TrialBalance' }),
          ...problems(...AUTH_PROBLEMS),
        },
      },
    },
    async (request) => trialBalance(db, programOf(request)),
  );

  app.post(
    '/v1/jobs/:name/run',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'runJob',
        summary: 'Run a time-driven job as of an instant',
        description:
          'mature: pending lots whose return window ended become spendable. expire: the unspent rest of lots past expires_at expires. expire-holds: holds past their expiry are released. tier-review: members below their tier threshold drop (one tier at a time by default). tier-benefits: pays each tier benefit for the period containing as_of, at most once. velocity-sweep: blocks members over the velocity threshold. All are idempotent; the scheduler inside the service runs them as of now. `members` counts the members the run changed.',
        tags: ['jobs'],
        security: bearerSecurity,
        params: z.object({ name: z.enum(JOB_NAMES) }),
        body: z.object({ as_of: Timestamp.optional().describe('Default: now') }).strict().default({}).meta({ examples: [{ as_of: '2027-03-01T00:00:00Z' }] }),
        response: {
          200: z
            .object({
              job: z.enum(JOB_NAMES),
              as_of: z.string(),
              members: z.number().int(),
              points_matured: z.number().int(),
              points_expired: z.number().int(),
              holds_expired: z.number().int(),
              tiers_lowered: z.number().int(),
              benefits_points: z.number().int(),
              members_blocked: z.number().int(),
            })
            .meta({ id: 'JobResult' }),
          ...problems(...AUTH_PROBLEMS, 404),
        },
      },
    },
    async (request) => {
      const asOf = request.body?.as_of ? new Date(request.body.as_of) : clock.now();
      const programId = programOf(request);
      return runJob(db, pool, clock, programId, await settings.get(programId), request.params.name, asOf);
    },
  );
};

