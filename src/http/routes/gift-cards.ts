import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { getGiftCard, giftCardStatement, issueGiftCard, requestGiftCardOtp, reverseGiftCardSpend, spendGiftCard, transferGiftCard } from '../../gift-cards/gift-cards.ts';
import { READ, WRITE, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, problems } from '../schemas.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { MoneySchema } from '../../schemas/ledger.ts';
import {
  GiftCardOtpRequestSchema,
  GiftCardSchema,
  GiftCardSpendResultSchema,
  GiftCardSpendReversedSchema,
  GiftCardStatementSchema,
  GiftCardTransferResultSchema,
  IssuedGiftCardSchema,
} from '../../schemas/gift-card.ts';
import { OTP_POLICY } from '../../otp/otp.ts';
import { IdempotencyHeaders } from './ledger-schemas.ts';
import { MAX_MONEY_AMOUNT } from '../../schemas/limits.ts';

const REPLAY =
  'Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused. A refusal is not stored: a retry is answered afresh.';
const PROOF = `The holder proves the card with its \`code\` and the one-time password sent to the card's phone for this operation (POST /v1/gift-cards/{id}/otp with its purpose). A wrong code and a wrong password answer alike, 422 otp_invalid on /otp with attempts_left, and each costs one of the password's ${OTP_POLICY.maxAttempts} tries; a password works once, for ${OTP_POLICY.ttlMs / 60_000} minutes (then 422 otp_expired).`;

const Params = z.object({ id: Id('gcd', 'Gift card') });
const Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be in E.164 format, e.g. +994501234567').describe('Mobile number in E.164 format');
const Code = z.string().trim().min(1).max(64).describe('The card code, as printed (case, spaces and dashes do not matter)');
const Otp = z.string().trim().min(1).max(16).describe("The one-time password sent to the card's phone");

/** Gift cards (incentives.md "Wallets", Gift cards). */
export const giftCardRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock }) => {
  const sendWrite = <T>(reply: import('fastify').FastifyReply, result: { body: T; replayed: boolean }) => {
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send(result.body);
  };

  app.post(
    '/v1/gift-cards',
    {
      config: { access: WRITE },
      schema: {
        operationId: 'issueGiftCard',
        summary: 'Sell a gift card against the purchase that paid for it',
        description: `Loads a new card with \`amount\`, bound to \`phone\`. Refused unless the purchase is of the program (404 purchase_not_found), not returned in full (409 purchase_returned), in the card's currency (422 currency_mismatch), and the cards loaded against it stay within what it paid (422 gift_card_exceeds_purchase with \`loadable\`). The answer carries the card's \`code\`, shown only here: keep it, the service stores only its hash. Publishes gift_card.issued. ${REPLAY}`,
        tags: ['gift-cards'],
        security: bearerSecurity,
        headers: IdempotencyHeaders,
        body: z
          .object({
            purchase_id: Id('pur', 'Purchase').describe('The completed purchase that paid for the card'),
            amount: MoneySchema,
            phone: Phone,
            expires_at: Timestamp.optional().describe('When money left on the card expires (default: never); must be in the future'),
          })
          .strict()
          .meta({ examples: [{ purchase_id: 'pur_01jdq3v7f8e9t0sw2p1x5m3k4z', amount: { amount: 5000, currency: 'AZN' }, phone: '+994501234567' }] }),
        response: { 201: IssuedGiftCardSchema, ...problems(...AUTH_PROBLEMS, 404, 409, 422) },
      },
    },
    async (request, reply) => sendWrite(reply, await issueGiftCard(db, clock, programOf(request), request.headers['idempotency-key'], request.body)),
  );

  app.get(
    '/v1/gift-cards/:id',
    {
      config: { access: READ },
      schema: {
        operationId: 'getGiftCard',
        summary: 'A gift card: balance, status, masked phone and code hint',
        description: 'The code itself is never shown again after the card is issued: only its last 4 characters. Money left past the expiry is moved to gift_card_expired first (gift_card.expired), so an expired card reads status expired and balance 0.',
        tags: ['gift-cards'],
        security: bearerSecurity,
        params: Params,
        response: { 200: GiftCardSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => getGiftCard(db, clock, programOf(request), request.params.id),
  );

  app.get(
    '/v1/gift-cards/:id/statement',
    {
      config: { access: READ },
      schema: {
        operationId: 'getGiftCardStatement',
        summary: "A gift card's movements, oldest first, with their entries",
        description: "Every movement of the card's money (issue, spends, transfers to wallets, expiry) as a ledger transaction of the card, versions 1..n, with its double-entry postings.",
        tags: ['gift-cards'],
        security: bearerSecurity,
        params: Params,
        response: { 200: GiftCardStatementSchema, ...problems(...AUTH_PROBLEMS, 404) },
      },
    },
    async (request) => giftCardStatement(db, clock, programOf(request), request.params.id),
  );

  app.post(
    '/v1/gift-cards/:id/otp',
    {
      config: { access: WRITE },
      schema: {
        operationId: 'requestGiftCardOtp',
        summary: "Send a one-time password to the card's phone",
        description: `Issues a ${OTP_POLICY.digits}-digit password for spending the card at a till (purpose spend, the default) or moving it into a wallet (purpose transfer), replacing the last one of that purpose, and publishes it in gift_card.otp_requested for your SMS provider (the only gift card event that carries a secret). At most ${OTP_POLICY.maxIssues} per card and purpose per ${OTP_POLICY.rateWindowMs / 60_000} minutes: more answer 429 otp_rate_limited with Retry-After. An empty or expired card answers 409.`,
        tags: ['gift-cards'],
        security: bearerSecurity,
        params: Params,
        querystring: z.object({
          purpose: z.enum(['spend', 'transfer']).default('spend').describe('What the password authorises: a spend at a till (POST .../spends) or moving the card into a wallet (POST .../transfers)'),
        }),
        response: { 201: GiftCardOtpRequestSchema, ...problems(...AUTH_PROBLEMS, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await requestGiftCardOtp(db, clock, programOf(request), request.params.id, request.query.purpose)),
  );

  app.post(
    '/v1/gift-cards/:id/spends',
    {
      config: { access: WRITE },
      schema: {
        operationId: 'spendGiftCard',
        summary: 'Pay at the till with a gift card',
        description: `Whoever holds the card may spend it (a gift needs no member). ${PROOF} Not enough money is 422 insufficient_funds (the password is still used up); a receipt is paid with a card once (409 duplicate_receipt). Publishes gift_card.spent. ${REPLAY}`,
        tags: ['gift-cards'],
        security: bearerSecurity,
        headers: IdempotencyHeaders,
        params: Params,
        body: z
          .object({ code: Code, otp: Otp, amount: MoneySchema, receipt_id: z.string().trim().min(1).max(100).describe("The till's receipt number: paid with the card once") })
          .strict()
          .meta({ examples: [{ code: 'GC-7K2M9QX4T8R1VB3N6P0D5HJW', otp: '482913', amount: { amount: 3000, currency: 'AZN' }, receipt_id: 'R-10442' }] }),
        response: { 201: GiftCardSpendResultSchema, ...problems(...AUTH_PROBLEMS, 404, 409, 422) },
      },
    },
    async (request, reply) => sendWrite(reply, await spendGiftCard(db, clock, programOf(request), request.params.id, request.headers['idempotency-key'], request.body)),
  );

  app.post(
    '/v1/gift-cards/:id/spends/:spend_id/reversal',
    {
      config: { access: WRITE },
      schema: {
        operationId: 'reverseGiftCardSpend',
        summary: 'Give back all or part of a gift card spend to the card (a refund)',
        description: `Puts the money back on the card it was spent from: a gift_card_reversal (gift_card_spent -> gift_card), published as gift_card.refunded. Without amount, all that is left of the spend; more is 422 reversal_exceeds_spend with \`reversible\`; a spend of another card is 404 gift_card_spend_not_found. Needs no code or one-time password: a refund only gives money back to the card, so the till's key authorises it and the holder need not be there. On an expired card the money given back expires again at once (gift_card_expire, gift_card.expired; \`reversal.expired\` true). ${REPLAY}`,
        tags: ['gift-cards'],
        security: bearerSecurity,
        headers: IdempotencyHeaders,
        params: Params.extend({ spend_id: Id('gcs', 'Gift card spend') }),
        body: z
          .object({
            amount: z.number().int().positive().max(MAX_MONEY_AMOUNT).optional().describe("Minor units of the card's currency (default: all that can still be given back of the spend)"),
            reason: z.string().trim().min(1).max(500).optional(),
          })
          .strict()
          .meta({ examples: [{ amount: 1000, reason: 'item returned' }] }),
        // A refund refuses no card for its state (an expired card takes it and expires it again): no 409.
        response: { 201: GiftCardSpendReversedSchema, ...problems(...AUTH_PROBLEMS, 404, 422) },
      },
    },
    async (request, reply) =>
      sendWrite(reply, await reverseGiftCardSpend(db, clock, programOf(request), request.params.id, request.params.spend_id, request.headers['idempotency-key'], request.body ?? {})),
  );

  app.post(
    '/v1/gift-cards/:id/transfers',
    {
      config: { access: WRITE },
      schema: {
        operationId: 'transferGiftCard',
        summary: "Move a gift card's money into a member's wallet",
        description: `Moves all that is left (or \`amount\`) into the member's wallet as a lot of its own that keeps the card's expiry (wallet.credited, data.reason gift_card; gift_card.transferred). ${PROOF} Pending and deactivated members answer 422, blocked ones 423. ${REPLAY}`,
        tags: ['gift-cards'],
        security: bearerSecurity,
        headers: IdempotencyHeaders,
        params: Params,
        body: z
          .object({ code: Code, otp: Otp, member_id: Id('mem', 'Member'), amount: MoneySchema.optional().describe('Default: all that is left on the card') })
          .strict()
          .meta({ examples: [{ code: 'GC-7K2M9QX4T8R1VB3N6P0D5HJW', otp: '482913', member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z' }] }),
        response: { 201: GiftCardTransferResultSchema, ...problems(...AUTH_PROBLEMS, 404, 409, 422, 423) },
      },
    },
    async (request, reply) => sendWrite(reply, await transferGiftCard(db, clock, programOf(request), request.params.id, request.headers['idempotency-key'], request.body)),
  );
};
