import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { ADMIN, READ, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, problems, pageBody, pageOf } from '../schemas.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { ConflictError, FieldError, UnprocessableError } from '../../errors.ts';
import { newId } from '../../ids.ts';

const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');
/** Exact decimal, as a string so no float rounds it: up to 12 digits either side of the point. */
const DecimalRate = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,12})?$/, 'must be a positive decimal string such as "1.7"')
  .refine((s) => /[1-9]/.test(s), 'must be greater than zero');

const FxRateSchema = z
  .object({
    id: Id('fxr', 'FX rate'),
    currency: z.string(),
    rate: z.string().describe('Units of home_currency one unit of currency is worth, exact'),
    effective_from: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'FxRate', description: 'A rate of a currency to the home currency, in force from effective_from until the next one' });

interface FxRow {
  id: string;
  currency: string;
  rate: string;
  effective_from: Date;
  created_at: Date;
}
const toJson = (r: FxRow) => ({
  id: r.id,
  currency: r.currency,
  rate: r.rate,
  effective_from: r.effective_from.toISOString(),
  created_at: r.created_at.toISOString(),
});

/**
 * The program's FX table (analytics.md "Data the ledger must now keep"): rates to the home currency, each from an
 * instant, kept for good. The rate in force at an instant is the latest one from at or before it. Referral rewards
 * convert with it (src/ledger/sql/referral.sql), and reports will.
 */
export const fxRateRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings }) => {
  app.post(
    '/v1/fx-rates',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'createFxRate',
        summary: 'Record the rate of a currency to the home currency from an instant',
        description:
          'Append-only: a later rate takes over from its effective_from, earlier ones stay in the history (a conversion at an instant uses the rate then in force). A second rate for the same currency and instant is 409 fx_rate_exists; a rate for the home currency itself is 400 validation_failed.',
        tags: ['rules'],
        security: bearerSecurity,
        body: z
          .object({
            currency: Currency,
            rate: DecimalRate.describe('Units of home_currency one unit of currency is worth, as a decimal string (exact)'),
            effective_from: Timestamp.optional().describe('Default: now'),
          })
          .strict()
          .meta({ examples: [{ currency: 'USD', rate: '1.7', effective_from: '2027-01-01T00:00:00Z' }] }),
        response: { 201: FxRateSchema, ...problems(...AUTH_PROBLEMS, 409) },
      },
    },
    async (request, reply) => {
      const programId = programOf(request);
      const { home_currency } = await settings.get(programId);
      if (request.body.currency === home_currency) throw new FieldError('/currency', `is the home currency (${home_currency}): its rate is 1`);
      const now = clock.now();
      const effectiveFrom = request.body.effective_from ? new Date(request.body.effective_from) : now;
      const { rows } = await sql<FxRow>`
        INSERT INTO fx_rates (program_id, currency, effective_from, rate, id, created_at)
        VALUES (${programId}, ${request.body.currency}, ${effectiveFrom}, ${request.body.rate}::numeric, ${newId('fxRate')}, ${now})
        ON CONFLICT DO NOTHING RETURNING id, currency, rate::text AS rate, effective_from, created_at`.execute(db);
      if (rows.length === 0) {
        throw new ConflictError('fx_rate_exists', `A ${request.body.currency} rate from ${effectiveFrom.toISOString()} already exists.`, {
          currency: request.body.currency,
          effective_from: effectiveFrom.toISOString(),
        });
      }
      return reply.code(201).send(toJson(rows[0]!));
    },
  );

  app.get(
    '/v1/fx-rates',
    {
      config: { access: READ },
      schema: {
        operationId: 'listFxRates',
        summary: 'The FX history, or the rates in force at an instant',
        description:
          'Without `at`: every rate, by currency then effective_from. With `at`: the one rate of each currency in force then. With `at` and `currency` and no rate of it in force then: 422 fx_rate_missing.',
        tags: ['rules'],
        security: bearerSecurity,
        querystring: z.object({ currency: Currency.optional(), at: Timestamp.optional() }),
        response: { 200: pageOf(FxRateSchema, 'FxRatePage', 'FX rates: always a single page'), ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const { currency, at } = request.query;
      const { rows } = at
        ? await sql<FxRow>`SELECT DISTINCT ON (currency) id, currency, rate::text AS rate, effective_from, created_at FROM fx_rates
            WHERE program_id = ${programId} AND effective_from <= ${new Date(at)} AND (${currency ?? null}::text IS NULL OR currency = ${currency ?? null})
            ORDER BY currency, effective_from DESC`.execute(db)
        : await sql<FxRow>`SELECT id, currency, rate::text AS rate, effective_from, created_at FROM fx_rates
            WHERE program_id = ${programId} AND (${currency ?? null}::text IS NULL OR currency = ${currency ?? null})
            ORDER BY currency, effective_from`.execute(db);
      if (at && currency && rows.length === 0) {
        throw new UnprocessableError('fx_rate_missing', `No ${currency} rate is in force at ${new Date(at).toISOString()}.`, { currency, at: new Date(at).toISOString() });
      }
      return pageBody(rows.map(toJson), null);
    },
  );
};
