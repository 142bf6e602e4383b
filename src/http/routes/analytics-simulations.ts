import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { simulate } from '../../analytics/simulations.ts';
import { SettingsPatchSchema } from '../../programs/settings.ts';
import { READ, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, problems } from '../schemas.ts';
import { Timestamp } from '../../schemas/common.ts';

const Compared = z.object({ baseline: z.number().int(), simulated: z.number().int(), difference: z.number().int() });
const ComparedMap = z.record(z.string(), Compared);
const Liability = z.object({ points: z.number().int(), value: z.number().int().describe('points × point_value, in minor units'), currency: z.string() });

export const SimulationSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    purchases: z.object({
      in_period: z.number().int(),
      replayed: z.object({ baseline: z.number().int(), simulated: z.number().int() }),
      refused: z.object({ baseline: z.number().int(), simulated: z.number().int() }).describe('Purchases the ledger refused in the replay (a cap, velocity, a blocked member)'),
    }),
    points_issued: Compared.describe("Earn and rate-rise bonus points of the period's purchases"),
    liability_at_end: z.object({
      baseline: Liability,
      simulated: Liability,
      difference: z.object({ points: z.number().int() }),
    }).describe('Points outstanding at `to` (the real figure, shifted by what the changed settings change)'),
    tier_counts: ComparedMap.describe('Members per tier at `to`'),
    breakdown: z
      .object({
        tier: ComparedMap,
        branch: ComparedMap,
        segment: ComparedMap.describe("Per member's RFM segment as of `to` (the program's RFM settings; `(unscored)` for members RFM does not score)"),
      })
      .describe('Points issued per tier (at `to`), per member branch and per RFM segment'),
    elapsed_ms: z.number().int(),
  })
  .meta({ id: 'Simulation' });

/** What-if replay: read keys may call it; it writes nothing (src/analytics/simulations.ts). */
export const simulationRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, pool, clock, config, rates }) => {
  app.post(
    '/v1/analytics/simulations',
    {
      config: { access: READ },
      schema: {
        operationId: 'runSimulation',
        summary: "Replay a period's purchases under changed settings (what-if)",
        description:
          "Replays the program's purchases in [from, to) through the ledger's own earn rules twice, under the current settings and with `settings` laid over them (checked like PATCH /v1/program: 422 invalid_settings with pointers), in a read-only transaction that is always rolled back: no real row changes, no event is published. Reports points issued, liability at `to`, tier counts and per-tier and per-branch effect. Promotions, returns and jobs are not replayed. The period must be past and at most SIMULATION_MAX_DAYS long (422).",
        tags: ['analytics'],
        security: bearerSecurity,
        body: z
          .object({
            settings: SettingsPatchSchema.describe('Changed program settings, as in PATCH /v1/program'),
            from: Timestamp,
            to: Timestamp,
          })
          .strict()
          .meta({ examples: [{ settings: { earn_rates: { AZN: 16 } }, from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }] }),
        response: { 200: SimulationSchema, ...problems(...AUTH_PROBLEMS, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      const row = await db.selectFrom('programs').select('settings').where('id', '=', programId).executeTakeFirstOrThrow();
      return simulate(
        { pool, clock, limits: { maxDays: config.SIMULATION_MAX_DAYS, maxPurchases: config.SIMULATION_MAX_PURCHASES, timeoutMs: config.SIMULATION_TIMEOUT_MS } },
        programId,
        row.settings,
        await rates.get(programId),
        request.body,
      );
    },
  );
};
