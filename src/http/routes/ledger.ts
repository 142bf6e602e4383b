import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteContext } from '../../app.ts';
import * as ledger from '../../ledger/ledger.ts';
import { recordLedgerFailure, recordLedgerOutcome } from '../../observability/metrics.ts';
import { ADMIN, WRITE, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, problems } from '../schemas.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { MoneySchema } from '../../schemas/ledger.ts';
import { MAX_MONEY_AMOUNT, MAX_POINTS } from '../../schemas/limits.ts';
import { checkoutPurchase, quotePurchase, QUOTE_TTL_MINUTES, type CheckoutContext } from '../../promotions/checkout.ts';
import {
  AdjustmentSchema,
  QuoteSchema,
  HoldSchema,
  IdempotencyHeaders,
  PartnerTransferSchema,
  Points,
  PurchaseRecordedSchema,
  RedemptionSchema,
  ReturnSchema,
  ReversalSchema,
  writeResponse,
} from './ledger-schemas.ts';

export const WRITE_PROBLEMS = [...AUTH_PROBLEMS, 404, 409, 422, 423] as const;
const Reason = z.string().trim().min(1).max(500);
const StoreId = z.string().trim().min(1).max(100);
const Sku = z.string().trim().min(1).max(100).describe("The item's stock-keeping unit, unique within the purchase");
/** Minor units of the purchase's currency. */
const LineMoney = z.number().int().min(0).max(MAX_MONEY_AMOUNT);
const MAX_LINES = 500;

const PurchaseLineInput = z
  .object({
    sku: Sku,
    brand: z.string().trim().min(1).max(100).optional(),
    category: z.string().trim().min(1).max(100).optional(),
    quantity: z.number().int().min(1).max(1_000_000).describe('Units bought'),
    unit_price: LineMoney.describe("Price of one unit, minor units of the purchase's currency"),
    amount: LineMoney.describe('What the line costs before discounts, minor units; the lines sum to the purchase amount'),
  })
  .strict();

const ReceiptId = z.string().trim().min(1).max(100).describe("The till's receipt number, unique per program");

const PromoCodeInput = z
  .object({
    code: z.string().trim().min(1).max(40).describe('As printed; case does not matter'),
    pin: z.string().regex(/^[0-9]{4,8}$/, 'must be 4 to 8 digits').optional().describe("The code's PIN, when it is bound to the member with one"),
  })
  .strict();

/** What a purchase and its quote share. */
const PurchaseBody = z.object({
  member_id: Id('mem', 'Member'),
  amount: MoneySchema,
  store_id: StoreId.optional(),
  channel: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .describe('Where the sale happened (store, pos, web, app...): stored on the purchase for reports; promotions may be limited to channels'),
  device: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('What the sale was rung up on (a till id, an app platform): stored on the purchase for reports. A quote ignores it'),
  occurred_at: Timestamp.optional().describe('When the sale happened (default: now); converts at the rate in force then'),
  lines: z
    .array(PurchaseLineInput)
    .min(1)
    .max(MAX_LINES)
    .optional()
    .describe('What the receipt listed. Their amounts must sum to the purchase amount (422 lines_amount_mismatch); a return can then name lines'),
  promo_codes: z
    .array(PromoCodeInput)
    .min(1)
    .max(10)
    .optional()
    .describe('Codes the customer presents; an invalid one refuses the purchase with 422 promo_code_invalid, whatever made it invalid'),
});

const ReturnLineInput = z.object({ sku: Sku, quantity: z.number().int().min(1).max(1_000_000).describe('Units returned') }).strict();

const REPLAY_DESCRIPTION =
  'Requires an Idempotency-Key. A retry with the same key and body gets the first response again with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.';

/** What a ledger write needs from the request: its program (and that program's settings and rates), key and Idempotency-Key. */
export async function writeContext(
  request: FastifyRequest,
  operation: string,
  deps: Pick<RouteContext, 'pool' | 'clock' | 'settings' | 'rates' | 'metrics' | 'batcher'>,
): Promise<ledger.WriteContext> {
  const programId = programOf(request);
  return {
    pool: deps.pool,
    clock: deps.clock,
    programId,
    settings: await deps.settings.get(programId),
    rateSets: await deps.rates.get(programId),
    idempotencyKey: (request.headers['idempotency-key'] as string | undefined) ?? null,
    apiKeyId: request.principal?.keyId ?? null,
    onRetry: () => deps.metrics.ledgerRetries.inc({ operation }),
    onOutcome: (op, outcome) => (outcome ? recordLedgerOutcome(deps.metrics, op, outcome) : recordLedgerFailure(deps.metrics, op)),
    batcher: deps.batcher,
  };
}

/** 201 with the write's body; a replay of a stored result says so in Idempotent-Replayed. */
export function sendWrite<T>(reply: FastifyReply, result: ledger.WriteResult<T>) {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(201).send(result.body);
}

export const ledgerRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, deps) => {
  const context = (request: FastifyRequest, operation: string) => writeContext(request, operation, deps);
  const checkoutContext = async (request: FastifyRequest, operation: string): Promise<CheckoutContext> => ({
    ...(await context(request, operation)),
    promotions: deps.promotions,
  });

  const common = { security: bearerSecurity, headers: IdempotencyHeaders };

  app.post(
    '/v1/purchases',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'recordPurchase',
        summary: 'Record a purchase and earn points',
        description: `Points = amount x the program's rate for the currency (rounded down). The points form a lot that is pending for the return window, then spendable until it expires. receipt_id is unique per program. ${REPLAY_DESCRIPTION}`,
        tags: ['ledger'],
        body: PurchaseBody.extend({
          receipt_id: ReceiptId,
          quote_id: Id('qte', 'Quote').optional().describe('Commit exactly what this quote showed (409 quote_expired / quote_changed when it no longer can be)'),
        })
          .strict()
          .meta({ examples: [{ member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z', receipt_id: 'R-2026-000123', amount: { amount: 2450, currency: 'AZN' } }] }),
        response: { 201: PurchaseRecordedSchema, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => sendWrite(reply, await checkoutPurchase(await checkoutContext(request, 'purchase'), request.body)),
  );

  app.post(
    '/v1/purchases/quote',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        security: bearerSecurity,
        operationId: 'quotePurchase',
        summary: 'Quote a purchase: which promotions apply, per line, and why the others do not',
        description: `Evaluates the program's active promotions and the presented promo codes for this basket and member, writes nothing to the ledger, and returns the discount, the net amount, the points, and per line what applies and why every other promotion does not. The quote can be committed for ${QUOTE_TTL_MINUTES} minutes by POST /v1/purchases with its quote_id and the same basket. A wrong PIN counts against the code's lock here too.`,
        tags: ['ledger'],
        body: PurchaseBody.extend({ receipt_id: ReceiptId.optional() })
          .strict()
          .meta({ examples: [{ member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z', amount: { amount: 2450, currency: 'AZN' } }] }),
        response: { 200: QuoteSchema, ...problems(...AUTH_PROBLEMS, 404, 422, 423) },
      },
    },
    async (request) => quotePurchase(await checkoutContext(request, 'quote'), { ...request.body, receipt_id: request.body.receipt_id ?? '' }),
  );

  app.post(
    '/v1/purchases/:id/returns',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'recordReturn',
        summary: 'Return all or part of a purchase and claw back its points',
        description: `Claws back points in proportion to the amount returned: first from the purchase's own lot, then from the rest of the balance; what cannot be clawed back becomes a debt (or is dropped, under the clamp policy). A return gives an amount, or (for a purchase recorded with lines) the lines it takes back, by sku and units: its amount is then their share of each line, counted so that returning every unit of a line returns exactly the line's amount. ${REPLAY_DESCRIPTION}`,
        tags: ['ledger'],
        params: z.object({ id: Id('pur', 'Purchase') }),
        body: z
          .object({
            receipt_id: z.string().trim().min(1).max(100).describe('The return receipt, unique per program'),
            amount: MoneySchema.optional().describe('The money returned; give this or lines'),
            lines: z.array(ReturnLineInput).min(1).max(MAX_LINES).optional().describe('The units returned, by line; give this or amount'),
          })
          .strict()
          .meta({ examples: [{ receipt_id: 'RR-2026-000045', amount: { amount: 1000, currency: 'AZN' } }] }),
        response: { 201: writeResponse('return', ReturnSchema, 'ReturnRecorded'), ...problems(...WRITE_PROBLEMS) },
      },
    },
    // On Citus a return may revoke a code its purchase issued, on the code's worker: it runs in a transaction block,
    // on the coordinator, instead of delegated to the member's worker alone (returns are rare next to purchases).
    async (request, reply) =>
      sendWrite(reply, await ledger.recordReturn({ ...(await context(request, 'return')), transaction: deps.cluster }, request.params.id, request.body)),
  );

  app.post(
    '/v1/redemptions',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'redeemPoints',
        summary: 'Spend points now',
        description: `Consumes spendable lots, soonest expiry first. Not enough points is 422 insufficient_points with the available figure. ${REPLAY_DESCRIPTION}`,
        tags: ['ledger'],
        body: z
          .object({ member_id: Id('mem', 'Member'), points: Points, reason: Reason.optional(), store_id: StoreId.optional() })
          .strict()
          .meta({ examples: [{ member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z', points: 500, reason: 'coffee' }] }),
        response: { 201: writeResponse('redemption', RedemptionSchema, 'RedemptionRecorded'), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => sendWrite(reply, await ledger.redeem(await context(request, 'redemption'), request.body)),
  );

  app.post(
    '/v1/redemptions/:id/reversal',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'reverseRedemption',
        summary: 'Give redeemed points back (all or part)',
        description: `Puts points back into the lots they came from, with their original expiry; at most what was redeemed. Omit points to reverse all that is left. ${REPLAY_DESCRIPTION}`,
        tags: ['ledger'],
        params: z.object({ id: Id('red', 'Redemption') }),
        body: z.object({ points: Points.optional(), reason: Reason.optional() }).strict().meta({ examples: [{ points: 200, reason: 'order cancelled' }] }),
        response: { 201: writeResponse('reversal', ReversalSchema, 'ReversalRecorded'), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => sendWrite(reply, await ledger.reverseRedemption(await context(request, 'reversal'), request.params.id, request.body)),
  );

  app.post(
    '/v1/holds',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'createHold',
        summary: 'Reserve points at the till',
        description: `Moves points from available to held until captured, voided or expired (default lifetime: the program's hold_ttl_minutes). ${REPLAY_DESCRIPTION}`,
        tags: ['ledger'],
        body: z
          .object({ member_id: Id('mem', 'Member'), points: Points, expires_at: Timestamp.optional(), reason: Reason.optional(), store_id: StoreId.optional() })
          .strict()
          .meta({ examples: [{ member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z', points: 300 }] }),
        response: { 201: writeResponse('hold', HoldSchema, 'HoldRecorded'), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => sendWrite(reply, await ledger.createHold(await context(request, 'hold'), request.body)),
  );

  app.post(
    '/v1/holds/:id/capture',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'captureHold',
        summary: 'Capture a hold (all or part; the rest returns to the balance)',
        description: `Capturing an expired, voided or already captured hold is 409. ${REPLAY_DESCRIPTION}`,
        tags: ['ledger'],
        params: z.object({ id: Id('hld', 'Hold') }),
        body: z.object({ points: Points.optional() }).strict().default({}).meta({ examples: [{ points: 250 }] }),
        response: { 201: writeResponse('hold', HoldSchema, 'HoldCaptured'), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => sendWrite(reply, await ledger.captureHold(await context(request, 'capture'), request.params.id, request.body ?? {})),
  );

  app.post(
    '/v1/holds/:id/void',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'voidHold',
        summary: 'Release a hold',
        description: REPLAY_DESCRIPTION,
        tags: ['ledger'],
        params: z.object({ id: Id('hld', 'Hold') }),
        response: { 201: writeResponse('hold', HoldSchema, 'HoldVoided'), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => sendWrite(reply, await ledger.voidHold(await context(request, 'void'), request.params.id)),
  );

  app.post(
    '/v1/adjustments',
    {
      config: { access: ADMIN, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'adjustPoints',
        summary: 'Credit or debit points by hand, with a reason',
        description: `Positive points credit a new lot; negative points debit spendable lots, soonest expiry first. ${REPLAY_DESCRIPTION}`,
        tags: ['ledger'],
        body: z
          .object({
            member_id: Id('mem', 'Member'),
            points: z.number().int().min(-MAX_POINTS).max(MAX_POINTS).describe(`Positive: credit; negative: debit; at most ${MAX_POINTS} either way`),
            reason: Reason,
          })
          .strict()
          .meta({ examples: [{ member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z', points: 150, reason: 'goodwill: late delivery' }] }),
        response: { 201: writeResponse('adjustment', AdjustmentSchema, 'AdjustmentRecorded'), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => sendWrite(reply, await ledger.adjust(await context(request, 'adjustment'), request.body)),
  );

  app.post(
    '/v1/partner-transfers',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        ...common,
        operationId: 'createPartnerTransfer',
        summary: 'Credit points transferred in from a partner platform, with the bonus',
        description: `Credits points plus the program's partner_transfer_bonus_percent of them (default 10, rounded down: 1,000 credit 1,100; 15 credit 16), spendable at once. A transfer is recorded once per partner and external_id: the same transfer again (same member and points) gets the first answer with \`Idempotent-Replayed: true\`, whatever its Idempotency-Key; with another member or other points it is 409 partner_transfer_mismatch. Points plus bonus may not pass ${MAX_POINTS} (422 amount_too_large). ${REPLAY_DESCRIPTION}`,
        tags: ['ledger'],
        body: z
          .object({
            member_id: Id('mem', 'Member'),
            partner: z
              .string()
              .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'must be 1 to 64 of a-z, 0-9, _, . and -, starting with a letter or digit')
              .describe('The platform the points come from, as the program names it (lowercase, so one partner has one name)'),
            external_id: z.string().trim().min(1).max(100).describe("The partner's id for this transfer: a transfer is recorded once per partner and external_id"),
            points: Points.describe(`Points the partner transferred, before the bonus (integer, at most ${MAX_POINTS})`),
          })
          .strict()
          .meta({ examples: [{ member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z', partner: 'skymiles', external_id: 'TR-88213', points: 1000 }] }),
        response: { 201: writeResponse('partner_transfer', PartnerTransferSchema, 'PartnerTransferRecorded'), ...problems(...WRITE_PROBLEMS) },
      },
    },
    // On Citus the transfer's row is on its external_id's worker, not the member's: a transaction block, like a return.
    async (request, reply) =>
      sendWrite(reply, await ledger.partnerTransfer({ ...(await context(request, 'partner_transfer')), transaction: deps.cluster }, request.body)),
  );
};
