import { z } from 'zod';
import { ConversionResult, quoteFields } from '../../schemas/conversion.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { addRateSet, listRateSets, rateSetAt, withWindows, type RateSetWindow } from '../../rules/rates.ts';
import { convert, priceConversion, withdrawalAllowance } from '../../rules/conversions.ts';
import { ADMIN, READ, WRITE, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, problems, pageBody, pageOf } from '../schemas.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { IdempotencyHeaders, Points } from './ledger-schemas.ts';
import { MoneySchema } from '../../schemas/ledger.ts';
import { MAX_RATE, MIN_RATE } from '../../schemas/limits.ts';
import { sendWrite, writeContext } from './ledger.ts';

const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');

const RateSetSchema = z
  .object({
    id: Id('rts', 'Rate set'),
    rates: z.record(z.string(), z.number()).describe('Points per 1 unit of each currency'),
    effective_from: z.string(),
    effective_to: z.string().nullable().describe('When the next set takes over; null while this is the latest'),
    locks: z.record(z.string(), z.string()).describe("Per currency: until when a later set may not change its rate (the currency's review period since the rate last changed)"),
    locked_until: z.string().describe('Until when it cannot be replaced whole: the latest of its locks'),
    created_at: z.string(),
  })
  .meta({ id: 'RateSet' });

const toRateSetJson = (s: RateSetWindow) => ({
  id: s.id,
  rates: s.rates,
  effective_from: s.effective_from.toISOString(),
  effective_to: s.effective_to?.toISOString() ?? null,
  locks: Object.fromEntries(Object.entries(s.locks).map(([c, until]) => [c, until.toISOString()])),
  locked_until: s.locked_until.toISOString(),
  created_at: s.created_at.toISOString(),
});

const ConversionBody = z
  .object({
    member_id: Id('mem', 'Member'),
    direction: z.enum(['points_to_money', 'money_to_points']),
    points: Points.optional().describe('points_to_money: the points to cash out'),
    currency: Currency.optional().describe('points_to_money: the currency to pay out in'),
    amount: MoneySchema.optional().describe('money_to_points: the money paid in'),
  })
  .strict()
  .meta({ examples: [{ member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z', direction: 'points_to_money', points: 1400, currency: 'EUR' }] });

const Allowance = z.object({ cap: z.number().int().nullable(), used: z.number().int(), remaining: z.number().int().nullable() });

export const ruleRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, deps) => {
  const { db, clock, settings, rates } = deps;
  app.get(
    '/v1/rates',
    {
      config: { access: READ },
      schema: {
        operationId: 'listRateSets',
        summary: 'Rate sets with their windows, or the set in force at an instant',
        description: 'Before the first set, purchases convert at the settings earn_rates. With `at`, the answer holds the one set in force then (empty before the first set).',
        tags: ['rules'],
        security: bearerSecurity,
        querystring: z.object({ at: Timestamp.optional() }),
        response: { 200: pageOf(RateSetSchema, 'RateSetPage', 'Rate sets, oldest first: always a single page'), ...problems(...AUTH_PROBLEMS) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const programSettings = await settings.get(programId);
      const sets = await listRateSets(db, programId, programSettings);
      if (!request.query.at) return pageBody(sets.map(toRateSetJson), null);
      const inForce = rateSetAt(sets, new Date(request.query.at));
      return pageBody(inForce ? withWindows(sets, programSettings).filter((s) => s.id === inForce.id).map(toRateSetJson) : [], null);
    },
  );

  app.post(
    '/v1/rates',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'createRateSet',
        summary: 'Add a rate set from an instant',
        description:
          "Each currency's rate is held for its review period (settings rate_locks: USD 1 month, GBP 2 weeks, EUR and AZN 3 months by default) after it last changed; a set that changes or leaves out a held currency is 422 rate_locked with a pointer to each such rate, and one that would start before an already scheduled set is 409 rate_locked. A currency whose rate rose by the rise_bonus threshold earns the rise bonus on each purchase while the set is in force.",
        tags: ['rules'],
        security: bearerSecurity,
        body: z
          .object({
            rates: z.record(Currency, z.number().min(MIN_RATE).max(MAX_RATE)).refine((r) => Object.keys(r).length > 0, 'must name at least one currency'),
            effective_from: Timestamp.optional().describe('Default: now'),
          })
          .strict()
          .meta({ examples: [{ rates: { USD: 12, EUR: 15, AZN: 8, GBP: 15 }, effective_from: '2027-01-01T00:00:00Z' }] }),
        response: { 201: RateSetSchema, ...problems(...AUTH_PROBLEMS, 409, 422) },
      },
    },
    async (request, reply) => {
      const programId = programOf(request);
      const created = await addRateSet(db, clock, programId, await settings.get(programId), request.body);
      rates.invalidate(programId);
      return reply.code(201).send(toRateSetJson(created));
    },
  );

  app.post(
    '/v1/conversions/quote',
    {
      config: { access: WRITE },
      schema: {
        operationId: 'quoteConversion',
        summary: 'Price a conversion without side effects',
        description: 'The conversion made with the same body agrees to the point as long as rates have not changed. For a withdrawal, also shows what the member may still withdraw today and this month.',
        tags: ['rules'],
        security: bearerSecurity,
        body: ConversionBody,
        response: {
          200: z
            .object({ ...quoteFields, withdrawal_allowance: z.object({ per_day: Allowance, per_month: Allowance, currency: z.string() }).nullable() })
            .meta({ id: 'ConversionQuote' }),
          ...problems(...AUTH_PROBLEMS, 404, 422),
        },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const programSettings = await settings.get(programId);
      const now = clock.now();
      const quote = priceConversion(programSettings, await rates.get(programId), now, request.body);
      const allowance = quote.direction === 'points_to_money' ? await withdrawalAllowance(db, programSettings, programId, request.body.member_id, now) : null;
      return { ...quote, withdrawal_allowance: allowance };
    },
  );

  app.post(
    '/v1/conversions',
    {
      config: { access: WRITE, revocationCheckedInQuery: true },
      schema: {
        operationId: 'createConversion',
        summary: 'Convert points to money (a withdrawal) or money to points',
        description:
          'Per-currency cap per conversion (422 limit_exceeded), a fee in basis points, and for withdrawals daily and monthly limits per member in home-currency equivalent (422 limit_exceeded naming the limit and what remains). Requires an Idempotency-Key.',
        tags: ['rules'],
        security: bearerSecurity,
        headers: IdempotencyHeaders,
        body: ConversionBody,
        response: {
          201: ConversionResult.meta({ id: 'ConversionRecorded' }),
          ...problems(...AUTH_PROBLEMS, 404, 409, 422, 423),
        },
      },
    },
    async (request, reply) => {
      const result = await convert(await writeContext(request, 'conversion', deps), request.body);
      return sendWrite(reply, result);
    },
  );
};
