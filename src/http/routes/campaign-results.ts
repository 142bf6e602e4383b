import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { analyticsRead, reportInstant } from '../../analytics/read.ts';
import { campaignResults, type CampaignSource } from '../../engagement/results.ts';
import { getNotification } from '../../engagement/notifications.ts';
import { getJourney } from '../../engagement/journeys.ts';
import { CampaignResultsRecord } from '../../schemas/engagement.ts';
import { Id, Timestamp } from '../../schemas/common.ts';
import { READ, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, problems } from '../schemas.ts';

const CampaignResultsSchema = CampaignResultsRecord.meta({
  id: 'CampaignResults',
  description: 'What a notification or journey reached and what came of it, against its holdout',
  examples: [
    {
      source: { kind: 'notification', id: 'ntf_01jdq3v7f8e9t0sw2p1x5m3k4z' },
      as_of: '2027-01-20T00:00:00.000Z',
      window_days: 7,
      currency: 'AZN',
      reached: 900,
      converted: 126,
      conversion_rate: 14,
      purchases: 131,
      revenue: 589500,
      unconverted: [],
      points_cost: { awarded: 0, earned: 47160, total: 47160 },
      holdout: { members: 100, converted: 2, conversion_rate: 2, revenue: 9000 },
      uplift_percentage_points: 12,
    },
  ],
});

const Query = z.object({ as_of: Timestamp.optional().describe('Touches, purchases and returns recorded by then (default: now)') });

const DESCRIPTION =
  "A purchase converts the member's latest touch before it (a dispatch, an issued code, awarded points or another journey step, whichever campaign made it) when it falls within settings.engagement.conversion_window_days after that touch. reached: members touched, holdout excluded; converted: those with a purchase attributed to this campaign; revenue: what those purchases paid after promotion discounts, net of the share returned by as_of, in the home currency (FX rate of the purchase's time; other currencies under unconverted); points_cost: points the campaign awarded plus points its purchases earned. The holdout (members held out by holdout_percent) is measured the same way, so uplift_percentage_points = conversion_rate − holdout.conversion_rate; judge it by the two groups' counts. An as_of later than the server's clock is 422 as_of_not_yet.";

/** Campaign results (engagement.md "Results") for notifications and journeys: one reading of engagement_touches. */
export const campaignResultsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, clock, settings, analytics }) => {
  const results = async (programId: string, source: CampaignSource, asOfText: string | undefined) => {
    const asOf = reportInstant(asOfText, clock.now());
    const program = await settings.get(programId);
    return analyticsRead(db, analytics, (trx) => campaignResults(trx, programId, program, source, asOf));
  };

  app.get(
    '/v1/notifications/:id/results',
    {
      config: { access: READ },
      schema: {
        operationId: 'getNotificationResults',
        summary: "A notification's results: reached, converted, revenue, points cost, uplift against its holdout",
        description: DESCRIPTION,
        tags: ['engagement'],
        security: bearerSecurity,
        params: z.object({ id: Id('ntf', 'Notification') }),
        querystring: Query,
        response: { 200: CampaignResultsSchema, ...problems(...AUTH_PROBLEMS, 404, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      await getNotification(db, programId, request.params.id);
      return results(programId, { kind: 'notification', id: request.params.id }, request.query.as_of);
    },
  );

  app.get(
    '/v1/journeys/:id/results',
    {
      config: { access: READ },
      schema: {
        operationId: 'getJourneyResults',
        summary: "A journey's results: members its steps reached, converted, revenue, points cost",
        description: `${DESCRIPTION} A journey has no holdout of its own: its holdout figures are zero and its uplift null.`,
        tags: ['engagement'],
        security: bearerSecurity,
        params: z.object({ id: Id('jny', 'Journey') }),
        querystring: Query,
        response: { 200: CampaignResultsSchema, ...problems(...AUTH_PROBLEMS, 404, 422) },
      },
    },
    async (request) => {
      const programId = programOf(request);
      await getJourney(db, programId, request.params.id);
      return results(programId, { kind: 'journey', id: request.params.id }, request.query.as_of);
    },
  );
};
