import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { BANDS, FORMULAS, computeLtv, type LtvRequest } from '../../analytics/ltv.ts';
import { ltvFromLedger } from '../../analytics/ltv-ledger.ts';
import { reportInstant } from '../../analytics/read.ts';
import { FieldError } from '../../errors.ts';
import { READ, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, problems } from '../schemas.ts';
import { Timestamp } from '../../schemas/common.ts';

/** A decimal as a JSON number or, to carry any number of digits exactly, a string. Signs are checked later (422). */
const Dec = z
  .union([z.number().min(-1e15).max(1e15), z.string().regex(/^-?\d{1,15}(\.\d{1,20})?$/, 'must be a decimal such as "12.5"')]);
const Money = (what: string) => Dec.describe(`${what}, in decimal major units of the currency (30 is 30.00 USD)`);
const Fraction = (what: string) => Dec.describe(`${what}, a fraction: 0.04 is 4 %`);
const Cac = Money('Customer acquisition cost: gives the LTV:CAC ratio and band').optional();

const fromLedgerFields = {
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
    .optional()
    .describe("ISO 4217 currency of the money inputs and of the answer. Default (and, with from_ledger, the only one allowed): the program's home currency"),
  from_ledger: z.boolean().optional().describe('Derive the inputs the ledger can give (see the operation); inputs given alongside override them'),
  from: Timestamp.optional().describe('from_ledger: start of the purchase window (default: 12 local months before to)'),
  to: Timestamp.optional().describe('from_ledger: end of the window, exclusive (default: as_of)'),
  as_of: Timestamp.optional().describe('from_ledger: the ledger as recorded by this instant (default: now)'),
  inactivity_days: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe('from_ledger: a member with no purchase for this long has churned (default: the win_back setting first_days)'),
  segment_id: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("from_ledger: derive every figure over this segment's members as of as_of only (GET /v1/segments/{id}/members); an unknown segment is 404 segment_not_found"),
};

const pascal = (formula: string) => formula.split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

const variant = <F extends string, S extends z.ZodRawShape>(formula: F, description: string, inputs: S) =>
  z
    .object({
      formula: z.literal(formula),
      inputs: z.object(inputs).strict().optional().describe('Required without from_ledger; with it, whatever the ledger cannot give'),
      ...fromLedgerFields,
    })
    .strict()
    .describe(description)
    // Registered so the request's union gets a discriminator mapping: each formula its own schema in the document.
    .meta({ id: `Ltv${pascal(formula)}Request` });

const LtvBody = z
  .discriminatedUnion('formula', [
    variant('arpu_lifetime', 'ARPU per month × lifetime in months', {
      arpu: Money('Average revenue per user per month').optional(),
      lifetime_months: Dec.describe('Customer lifetime in months (> 0). From the ledger: 1 ÷ monthly churn').optional(),
      cac: Cac,
    }),
    variant('aov_frequency_lifespan', 'Average order value × purchases per year × lifespan in years', {
      aov: Money('Average order value').optional(),
      purchases_per_year: Dec.describe('Purchases per customer per year (>= 0)').optional(),
      lifespan_years: Dec.describe('Customer lifespan in years (> 0). From the ledger: 1 ÷ (12 × monthly churn)').optional(),
      cac: Cac,
    }),
    variant('margin_churn', 'ARPU per month × gross margin ÷ monthly churn', {
      arpu: Money('Average revenue per user per month').optional(),
      margin: Fraction('Gross margin, 0 to 1; no ledger source: always given').optional(),
      churn: Fraction('Monthly churn, more than 0 and at most 1').optional(),
      cac: Cac,
    }),
    variant('discounted', 'Σ revenue_t × margin ÷ (1 + discount_rate)^t over periods t = 1…n, minus CAC', {
      revenues: z.array(Money('Revenue per customer in the period')).max(600).describe('One per period, at least one. From the ledger: each local month of the window').optional(),
      margin: Fraction('Gross margin, 0 to 1; always given').optional(),
      discount_rate: Fraction('Discount rate per period, >= 0; always given').optional(),
      cac: Money('Customer acquisition cost, subtracted from the sum (and the LTV:CAC ratio uses the sum before it)').optional(),
    }),
    variant('segment', "Per segment Σ revenue_t × retention_t × margin over its periods; the headline is the segments' mean", {
      margin: Fraction('Gross margin for segments that give none').optional(),
      segments: z
        .array(
          z
            .object({
              name: z.string().min(1).max(100),
              margin: Fraction("This segment's gross margin").optional(),
              periods: z
                .array(z.object({ revenue: Money('Revenue per retained customer in the period'), retention: Fraction('Share of the segment still a customer in the period, 0 to 1') }).strict())
                .max(600),
            })
            .strict(),
        )
        .max(100)
        .optional(),
      cac: Cac,
    }),
  ])
  .meta({
    id: 'LtvRequest',
    // zod names no discriminator for an input union: state it, so generators pick the formula's schema by its value.
    discriminator: {
      propertyName: 'formula',
      mapping: Object.fromEntries(FORMULAS.map((f) => [f, `#/components/schemas/Ltv${pascal(f)}Request`])),
    },
    examples: [
      { formula: 'discounted', inputs: { revenues: [200, 240, 300], margin: 0.5, discount_rate: 0.1, cac: 100 }, currency: 'USD' },
      { formula: 'margin_churn', from_ledger: true, inputs: { margin: 0.6 } },
    ],
  });

const LtvMoneySchema = z
  .object({
    amount: z.number().int().describe('Minor units of the currency, rounded half-even once, at the end'),
    currency: z.string(),
    exact: z.string().describe('The unrounded value in major units (up to 20 decimal places)'),
  })
  .meta({ id: 'LtvMoney' });

/** The seeds' discounted example, as the endpoint answers it (test/integration/ltv.test.ts checks the figures). */
const DISCOUNTED_EXAMPLE = {
  formula: 'discounted',
  currency: 'USD',
  as_of: '2026-12-01T10:00:00.000Z',
  ltv: { amount: 20278, currency: 'USD', exact: '202.779864763335837716' },
  gross: { amount: 30278, currency: 'USD', exact: '302.779864763335837716' },
  cac_ratio: { ratio: '3.0278', band: 'healthy' },
  terms: [
    { period: 1, revenue: '200', discount_factor: '1.1', value: { amount: 9091, currency: 'USD', exact: '90.90909090909090909091' } },
    { period: 2, revenue: '240', discount_factor: '1.21', value: { amount: 9917, currency: 'USD', exact: '99.17355371900826446281' } },
    { period: 3, revenue: '300', discount_factor: '1.331', value: { amount: 11270, currency: 'USD', exact: '112.69722013523666416228' } },
  ],
  inputs: { revenues: ['200', '240', '300'], margin: '0.5', discount_rate: '0.1', cac: '100' },
};

const LtvSchema = z
  .object({
    formula: z.enum(FORMULAS),
    currency: z.string(),
    as_of: z.string().describe('The instant the figures are as of (now for given inputs)'),
    ltv: LtvMoneySchema.describe('The lifetime value of one customer; for discounted, net of CAC'),
    gross: LtvMoneySchema.optional().describe('discounted: the discounted sum before CAC'),
    cac_ratio: z
      .object({
        ratio: z.string().describe('LTV (discounted: before CAC) ÷ CAC, four decimal places'),
        band: z.enum(BANDS).describe('On the unrounded ratio: < 1 loss, 1 to < 3 risky, 3 to < 4 healthy, >= 4 conservative'),
      })
      .nullable()
      .describe('null without a CAC above 0'),
    terms: z
      .array(z.object({ period: z.number().int(), revenue: z.string(), discount_factor: z.string().describe('(1 + rate)^period'), value: LtvMoneySchema }))
      .optional()
      .describe('discounted: each period, margin × revenue ÷ discount factor'),
    segments: z
      .array(
        z.object({
          name: z.string(),
          margin: z.string(),
          ltv: LtvMoneySchema,
          terms: z.array(z.object({ period: z.number().int(), revenue: z.string(), retention: z.string(), value: LtvMoneySchema })),
        }),
      )
      .optional()
      .describe('segment: each segment with its periods'),
    inputs: z.record(z.string(), z.unknown()).describe('The inputs the formula used, as exact decimal strings (money in major units)'),
    sources: z.record(z.string(), z.enum(['ledger', 'given'])).optional().describe('from_ledger: where each input came from'),
    ledger: z
      .object({
        from: z.string(),
        to: z.string(),
        as_of: z.string(),
        months: z.string().describe('Local calendar months in the window, the last possibly partial'),
        inactivity_days: z.number().int(),
        segment_id: z.string().nullable().describe('The segment the figures are over (null: the whole program)'),
        members: z.object({
          active: z.number().int().describe('Members with a purchase in the window (not fully returned)'),
          active_at_start: z.number().int().describe('Members with a purchase within inactivity_days before from'),
          churned: z.number().int().describe('Of those, members with no purchase within inactivity_days before to'),
        }),
        purchases: z.number().int().describe('Purchases in the window not fully returned'),
        net_revenue: LtvMoneySchema.describe('Paid amounts (after promotion discounts) less the returned share, in the home currency at the FX rate in force at each purchase'),
      })
      .optional()
      .describe('from_ledger: the figures the inputs were derived from'),
  })
  .meta({ id: 'Ltv', examples: [DISCOUNTED_EXAMPLE] });

/** Lifetime value: read keys may call it; it writes nothing (src/analytics/ltv.ts, ltv-ledger.ts). */
export const ltvRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings, analytics: reader }) => {
  app.post(
    '/v1/analytics/ltv',
    {
      config: { access: READ },
      schema: {
        operationId: 'computeLtv',
        summary: 'Customer lifetime value by one of five formulas, from given inputs or derived from the ledger',
        description:
          "Computes one formula in exact decimal arithmetic; the answer is in minor units of the currency (rounded half-even once, at the end) with the unrounded decimal beside it, the inputs used, and the LTV:CAC ratio and band when a CAC is given. Money inputs are decimal major units (30 is 30.00 USD), rates are fractions (0.04 is 4 %). A missing input is 400 validation_failed; an impossible one (churn 0, a margin above 1, a negative amount, an empty period list) is 422 invalid_ltv_input, each with a pointer. With `from_ledger: true` the ledger gives, over [from, to) as recorded by as_of and in the home currency (FX rate in force at each purchase): ARPU = net revenue ÷ active members ÷ months, AOV = net revenue ÷ purchases, purchases per year, monthly churn = members active at from (a purchase within inactivity_days before it) with none within inactivity_days before to ÷ members active at from ÷ months, lifetime = 1 ÷ churn, and for discounted the revenue per active member of each local month. Margin, discount rate and CAC have no ledger source and are given in `inputs`; anything given there overrides the ledger. With `segment_id` every ledger figure is over that segment's members as of as_of. The segment formula from the ledger groups the members who bought in the window by their RFM segment as of as_of (or takes the one `segment_id` names) and gives each group, per local month, the revenue per retained customer (the month's net revenue ÷ the group's members who bought in it) and the retention (those members ÷ the group's members who bought in the window); its margin is given in `inputs`.",
        tags: ['analytics'],
        security: bearerSecurity,
        body: LtvBody,
        response: { 200: LtvSchema, ...problems(...AUTH_PROBLEMS, 404, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const body = request.body;
      const program = await settings.get(programId);
      const now = clock.now();
      if (!body.from_ledger) {
        for (const field of ['from', 'to', 'as_of', 'inactivity_days', 'segment_id'] as const) {
          if (body[field] !== undefined) throw new FieldError(`/${field}`, 'applies only with from_ledger: true');
        }
        if (body.inputs === undefined) throw new FieldError('/inputs', 'is required without from_ledger');
        const result = computeLtv({ formula: body.formula, inputs: body.inputs } as LtvRequest, body.currency ?? program.home_currency);
        return { ...result, as_of: now.toISOString() };
      }
      if (body.currency !== undefined && body.currency !== program.home_currency) {
        throw new FieldError('/currency', `must be the home currency (${program.home_currency}) with from_ledger: the ledger's figures are converted to it`);
      }
      const asOf = reportInstant(body.as_of, now);
      return ltvFromLedger(db, reader, programId, program, asOf, {
        formula: body.formula,
        inputs: body.inputs as Record<string, unknown> | undefined,
        from: body.from,
        to: body.to,
        inactivity_days: body.inactivity_days,
        segment_id: body.segment_id,
      });
    },
  );
};
