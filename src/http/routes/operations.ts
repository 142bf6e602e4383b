import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../app.ts';
import { trialBalance } from '../../ledger/audit.ts';
import { JOB_NAMES, runJob } from '../../jobs/jobs.ts';
import { UnprocessableError } from '../../errors.ts';
import { ADMIN, bearerSecurity, programOf } from '../auth.ts';
import { AUTH_PROBLEMS, problems } from '../schemas.ts';
import { Timestamp } from '../../schemas/common.ts';

/** How far ahead of the server's clock a job may run without `allow_future`: a till's clock drifts, a calendar does not. */
const FUTURE_TOLERANCE_MS = 86_400_000;
/**
 * The latest instant a job may run as of, whatever the caller allows: dates derived from it (birthdays, expiries,
 * offers) stay four-digit years, which the event and API schemas document, with centuries to spare.
 */
export const LATEST_AS_OF = new Date('2200-12-31T23:59:59.999Z');

/** Refuses an as_of whose run would write the far future into the ledger and the feed for good. */
function checkAsOf(asOf: Date, now: Date, allowFuture: boolean): void {
  if (asOf.getTime() > LATEST_AS_OF.getTime()) {
    throw new UnprocessableError('as_of_out_of_range', `as_of must not be later than ${LATEST_AS_OF.toISOString()}.`, { latest: LATEST_AS_OF.toISOString() });
  }
  const latest = new Date(now.getTime() + FUTURE_TOLERANCE_MS);
  if (!allowFuture && asOf.getTime() > latest.getTime()) {
    throw new UnprocessableError(
      'as_of_in_future',
      `as_of is more than a day ahead of the server's clock (${now.toISOString()}); a run ahead of time expires and pays what is not due yet, irreversibly. Send "allow_future": true to run it anyway (rehearsals, tests).`,
      { latest: latest.toISOString() },
    );
  }
}

/** An admin's view of the ledger: its invariants, and the time-driven jobs run as of an instant. */
export const operationsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, pool, clock, settings }) => {
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
          'mature: pending lots whose return window ended become spendable. expire: the unspent rest of lots past expires_at expires. expire-holds: holds past their expiry are released. tier-review: members below their tier threshold drop (one tier at a time by default). tier-benefits: pays each tier benefit for the period containing as_of, at most once. velocity-sweep: blocks members over the velocity threshold. expiry-warnings: points.expiring once per member and expiry date, expiry_warning_hours before. inactivity-decay: takes the inactivity_decay share of the available balance for each full period without activity, once per period. birthdays: member.birthday_upcoming once a year, birthday.days_before local days ahead, with a single-use code of each active birthday promotion valid from local midnight its birthday_window_days (default 7) days before the birthday to the end of the same number of days after it. win-back: member.inactive at each win_back milestone without a purchase, the last marking the member lost; with each but the last, a single-use code of the active promotion with preset win_back:<milestone> (60d, 9m, ...), valid 30 days. referrals: pays the referral_reward as store credit (home currency, FX rate in force at maturity, rounded down) to the referrer of each referee whose first purchase matured, or cancels the referral when that purchase was returned in full before it matured. targets: measures the period of each active target (ISO week or calendar month, program time zone) as of as_of and publishes target.off_track once per target and period when the pace falls below its threshold, target.back_on_track once after that if it recovers. notifications: sends every notification due by as_of (scheduled_at ≤ as_of) in batches of 1,000 members, one notification.dispatch per member and channel, with consent, frequency caps, quiet hours (nothing is sent in them) and the holdout applied; resumable and safe with two instances. journeys: starts journey runs from the trigger events recorded since its last run (a run\'s first step is due when its trigger occurred) and advances every run due by as_of, step by step, until it waits past as_of or ends. rollup: folds each closed local day (program time zone) into the summary the liability report reads with a live read of what was recorded since, a week per transaction, each day once. rfm: computes every member\'s RFM segment as of as_of (GET /v1/analytics/rfm) and publishes member.segment_changed for each member whose segment differs from the one the job last published (the first run: every member with a segment, from null). All are idempotent; the scheduler inside the service runs them as of now. An as_of more than a day ahead of the server clock is 422 as_of_in_future unless allow_future is true; one after the year 2200 is 422 as_of_out_of_range. `members` counts the members the run changed.',
        tags: ['jobs'],
        security: bearerSecurity,
        params: z.object({ name: z.enum(JOB_NAMES) }),
        body: z
          .object({
            as_of: Timestamp.optional().describe(`Default: now. At most a day ahead of the server's clock unless allow_future is set, and never later than ${LATEST_AS_OF.toISOString()}.`),
            allow_future: z
              .boolean()
              .optional()
              .describe("Run as of an instant more than a day ahead of the server's clock (rehearsals, tests): what falls due by then is settled for good. Default: false"),
          })
          .strict()
          .default({})
          .meta({ examples: [{ as_of: '2027-03-01T00:00:00Z' }] }),
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
              points_decayed: z.number().int(),
              events: z.number().int().describe('Notices raised (points.expiring, member.birthday_upcoming, member.inactive, member.segment_changed; target.off_track and target.back_on_track by targets)'),
              codes_issued: z
                .number()
                .int()
                .describe('Promo codes issued with those notices: one of each active birthday promotion (preset birthday) with member.birthday_upcoming, one of the win-back promotion of the milestone (preset win_back:<milestone>) with member.inactive (promo_code.issued)'),
              referrals_rewarded: z.number().int().describe('referrals: referrers paid their store credit (referral.rewarded)'),
              referrals_cancelled: z.number().int().describe('referrals: referrals cancelled because the first purchase was returned in full before it matured (referral.cancelled)'),
              referrals_waiting: z
                .number()
                .int()
                .describe('referrals: due referrals left pending because no FX rate for the reward currency was in force when the purchase matured (waiting_reason fx_rate_missing); a later run pays them once a rate is recorded'),
              targets_checked: z.number().int().describe('targets: active targets measured'),
              targets_off_track: z.number().int().describe('targets: target.off_track published (once per target and period)'),
              targets_back_on_track: z.number().int().describe('targets: target.back_on_track published'),
              notifications_sending: z.number().int().describe('notifications: due notifications the run sent batches of'),
              notifications_sent: z.number().int().describe('notifications: notifications whose audience the run finished (status sent)'),
              notifications_held: z.number().int().describe('notifications: due notifications held because as_of is in quiet hours'),
              notifications_dispatched: z.number().int().describe('notifications: notification.dispatch events published (one per member and channel)'),
              journey_runs_started: z.number().int().describe('journeys: runs started by trigger events'),
              journey_steps: z.number().int().describe('journeys: steps completed (journey.step_completed)'),
              journey_runs_exited: z.number().int().describe('journeys: runs that exited (an exit step, a false condition, a purchase or lost ending a win-back)'),
              days_rolled_up: z
                .number()
                .int()
                .describe('rollup: closed local days folded into the summary the liability report reads (each day once: a rerun folds none)'),
            })
            .meta({ id: 'JobResult' }),
          ...problems(...AUTH_PROBLEMS, 404, 422),
        },
      },
    },
    async (request) => {
      const now = clock.now();
      const asOf = request.body?.as_of ? new Date(request.body.as_of) : now;
      checkAsOf(asOf, now, request.body?.allow_future === true);
      const programId = programOf(request);
      return runJob(db, pool, clock, programId, await settings.get(programId), request.params.name, asOf);
    },
  );
};
