import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { captureWalletHold, creditWallet, debitWallet, getWallet, holdWallet, reverseWalletDebit, voidWalletHold } from '../../ledger/wallet.ts';
import { ADMIN, READ, WRITE, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, PageQuery, pageBody, pageOf, problems } from '../schemas.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { listWalletTransactions } from '../../ledger/history.ts';
import { Timestamp } from '../../schemas/common.ts';
import { MoneySchema } from '../../schemas/ledger.ts';
import { WalletCredited, WalletDebited, WalletHoldResult, WalletReversed, WalletSchema, WalletTransactionSchema } from '../../schemas/wallet.ts';
import { Id } from '../../schemas/common.ts';
import { MAX_MONEY_AMOUNT } from '../../schemas/limits.ts';
import { IdempotencyHeaders } from './ledger-schemas.ts';
import { MemberParams } from './members.ts';
import { WRITE_PROBLEMS, sendWrite, writeContext } from './ledger.ts';

const REPLAY_DESCRIPTION =
  'Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.';

/** Wallets (incentives.md "Wallets"): money per member and currency, in minor units, in the same ledger as points. */
export const walletRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, deps) => {
  const common = { security: bearerSecurity, headers: IdempotencyHeaders, params: MemberParams };

  app.post(
    '/v1/members/:id/wallet/credits',
    {
      config: { access: ADMIN, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'creditWallet',
        summary: "Credit money to the member's wallet: store credit or goodwill",
        description: `The money becomes a lot of its own, spendable at once and until expires_at (never, without it). ${REPLAY_DESCRIPTION}`,
        tags: ['wallet'],
        body: z
          .object({
            amount: MoneySchema,
            reason: z.string().trim().min(1).max(500),
            expires_at: Timestamp.optional().describe('When the money expires (default: never); must be in the future'),
          })
          .strict()
          .meta({ examples: [{ amount: { amount: 500, currency: 'USD' }, reason: 'goodwill: late delivery' }] }),
        // A credit refuses nobody: no 409 (no receipt) and no 423 (a blocked member may still be credited).
        response: { 201: WalletCredited, ...problems(...AUTH_PROBLEMS, 404, 422) },
      },
    },
    async (request, reply) => sendWrite(reply, await creditWallet(await writeContext(request, 'wallet_credit', deps), request.params.id, request.body)),
  );

  app.post(
    '/v1/members/:id/wallet/debits',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'debitWallet',
        summary: "Spend money from the member's wallet at the till",
        description: `Draws from the wallet's lots in the currency, soonest expiry first and money that never expires last. Not enough money is 422 insufficient_funds with the available figure; a receipt is paid from the wallet once (409 duplicate_receipt). Refused for pending, blocked and deactivated members. ${REPLAY_DESCRIPTION}`,
        tags: ['wallet'],
        body: z
          .object({
            amount: MoneySchema,
            receipt_id: z.string().trim().min(1).max(100).describe("The till's receipt number: paid from the wallet once"),
          })
          .strict()
          .meta({ examples: [{ amount: { amount: 300, currency: 'USD' }, receipt_id: 'R-10442' }] }),
        response: { 201: WalletDebited, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => sendWrite(reply, await debitWallet(await writeContext(request, 'wallet_debit', deps), request.params.id, request.body)),
  );

  const HoldParams = MemberParams.extend({ hold_id: Id('whl', 'Wallet hold') });

  app.post(
    '/v1/members/:id/wallet/holds',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'createWalletHold',
        summary: "Reserve money in the member's wallet until it is captured or voided",
        description: `Draws the money from the wallet's lots now, soonest expiry first, and holds it; a hold neither captured nor voided expires at expires_at (default: now + the program's hold_ttl_minutes) and the money returns to its lots. Refused like a debit (insufficient_funds; pending, blocked and deactivated members). ${REPLAY_DESCRIPTION}`,
        tags: ['wallet'],
        body: z
          .object({
            amount: MoneySchema,
            reason: z.string().trim().min(1).max(500).optional(),
            expires_at: Timestamp.optional().describe("When the hold lapses (default: now + hold_ttl_minutes); must be in the future"),
          })
          .strict()
          .meta({ examples: [{ amount: { amount: 1200, currency: 'USD' }, reason: 'fuel pump 4' }] }),
        response: { 201: WalletHoldResult, ...problems(...AUTH_PROBLEMS, 404, 422, 423) },
      },
    },
    async (request, reply) => sendWrite(reply, await holdWallet(await writeContext(request, 'wallet_hold', deps), request.params.id, request.body)),
  );

  app.post(
    '/v1/members/:id/wallet/holds/:hold_id/capture',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        params: HoldParams,
        operationId: 'captureWalletHold',
        summary: 'Spend all or part of a wallet hold; the rest returns to the wallet',
        description: `Without amount the whole hold is captured. A capture is published as wallet.debited (reason capture). ${REPLAY_DESCRIPTION}`,
        tags: ['wallet'],
        body: z
          .object({ amount: z.number().int().positive().max(MAX_MONEY_AMOUNT).optional().describe("Minor units of the hold's currency, at most the hold") })
          .strict()
          .meta({ examples: [{ amount: 950 }] }),
        response: { 201: WalletHoldResult, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      sendWrite(reply, await captureWalletHold(await writeContext(request, 'wallet_capture', deps), request.params.id, request.params.hold_id, request.body ?? {})),
  );

  app.post(
    '/v1/members/:id/wallet/holds/:hold_id/void',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        params: HoldParams,
        operationId: 'voidWalletHold',
        summary: 'Release a wallet hold: the money returns to the lots it came from',
        description: REPLAY_DESCRIPTION,
        tags: ['wallet'],
        response: { 201: WalletHoldResult, ...problems(...AUTH_PROBLEMS, 404, 409, 422) },
      },
    },
    async (request, reply) => sendWrite(reply, await voidWalletHold(await writeContext(request, 'wallet_void', deps), request.params.id, request.params.hold_id)),
  );

  app.post(
    '/v1/members/:id/wallet/debits/:debit_id/reversal',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        params: MemberParams.extend({ debit_id: Id('wdb', 'Wallet debit') }),
        operationId: 'reverseWalletDebit',
        summary: 'Give back all or part of a wallet debit, into the lots it came from',
        description: `The money returns to the lots the debit drew from, latest expiry first, each keeping its expiry (money whose lot has expired since expires at once). Without amount, all that is left of the debit. Published as wallet.credited (transaction type wallet_reversal). ${REPLAY_DESCRIPTION}`,
        tags: ['wallet'],
        body: z
          .object({
            amount: z.number().int().positive().max(MAX_MONEY_AMOUNT).optional().describe("Minor units of the debit's currency (default: all that can still be reversed)"),
            reason: z.string().trim().min(1).max(500).optional(),
          })
          .strict()
          .meta({ examples: [{ amount: 300, reason: 'sale cancelled' }] }),
        // A reversal refuses nobody for their status, as points reversals do: no 409, no 423.
        response: { 201: WalletReversed, ...problems(...AUTH_PROBLEMS, 404, 422) },
      },
    },
    async (request, reply) =>
      sendWrite(reply, await reverseWalletDebit(await writeContext(request, 'wallet_reversal', deps), request.params.id, request.params.debit_id, request.body ?? {})),
  );

  app.get(
    '/v1/members/:id/wallet',
    {
      config: { access: READ, revocationCheckedInQuery: true },
      schema: {
        operationId: 'getWallet',
        summary: "The member's money per currency: available, held and what expires soon",
        tags: ['wallet'],
        security: bearerSecurity,
        params: MemberParams,
        response: { 200: WalletSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      return getWallet(deps.pool, deps.clock, { programId, apiKeyId: request.principal?.keyId ?? null }, await deps.settings.get(programId), request.params.id);
    },
  );

  app.get(
    '/v1/members/:id/wallet/transactions',
    {
      config: { access: READ },
      schema: {
        operationId: 'listWalletTransactions',
        summary: "The member's wallet statement, newest first, with entries",
        tags: ['wallet'],
        security: bearerSecurity,
        params: MemberParams,
        querystring: PageQuery.extend({
          currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').optional().describe('Only this currency'),
        }),
        response: {
          200: pageOf(WalletTransactionSchema, 'WalletTransactionPage', "A page of the member's wallet transactions, newest first"),
          ...problems(...AUTH_PROBLEMS, 404),
        },
      },
    },
    async (request) => {
      const { limit, cursor, currency } = request.query;
      const after = decodeCursor(cursor, ['v'] as const);
      const rows = await listWalletTransactions(deps.db, programOf(request), request.params.id, { currency }, {
        limit: limit + 1,
        beforeVersion: after ? Number(after.v) : undefined,
      });
      const data = rows.slice(0, limit);
      return pageBody(data, rows.length > limit ? encodeCursor({ v: data.at(-1)!.version }) : null);
    },
  );
};
