import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { fxFactors, fxRanges } from '../analytics/dashboard.ts';
import { paidGross, paidReturned } from '../analytics/paid.ts';
import type { CampaignResultsRecord } from '../schemas/engagement.ts';

/**
 * Campaign results (engagement.md "Results"): what a notification or a journey reached and what came of it.
 *
 * - A touch is a row of engagement_touches: a dispatch, an issued code, awarded points or another journey step that
 *   reached the member, or the member held out of a notification (the control group).
 * - A purchase converts the member's latest touch before it, whichever campaign made it, when it falls within
 *   `engagement.conversion_window_days` after that touch. A holdout row takes part in the same attribution, so the
 *   control group is measured exactly as the reached group is: a held-out member's purchase counts for the holdout
 *   only if no later touch (another campaign's) claimed it.
 * - Revenue is what the dashboard counts (src/analytics/paid.ts): paid after promotion discounts, net of the share
 *   returned by as_of, in the home currency at the FX rate in force when the purchase happened; purchases in a
 *   currency without a rate are listed under `unconverted`.
 * - Points cost: points the campaign's touches credited (a journey's award_points) and points the attributed
 *   purchases earned, net of what their returns took back by as_of.
 * - Uplift: conversion of those reached minus conversion of the holdout, in percentage points, with both groups'
 *   counts so a reader can judge significance; null without a holdout.
 *
 * Every read is by the members the campaign touched and joins on the member: each shard of a cluster answers for
 * its own members and the coordinator adds up.
 */

export type CampaignResults = z.infer<typeof CampaignResultsRecord>;

export interface CampaignSource {
  kind: 'notification' | 'journey';
  id: string;
}

type ResultsSettings = Pick<ProgramSettings, 'home_currency' | 'engagement'>;

interface GroupRow {
  holdout: boolean;
  members: string;
  converted: string;
  purchases: string;
  revenue: string | null;
  points_earned: string | null;
}

interface UnconvertedRow {
  currency: string;
  purchases: string;
  amount: string;
}

/** A share in percent with two decimals (null without a base). */
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 100);

export async function campaignResults(
  trx: Transaction<Database>,
  programId: string,
  settings: ResultsSettings,
  source: CampaignSource,
  asOf: Date,
): Promise<CampaignResults> {
  const windowDays = settings.engagement.conversion_window_days;
  const fx = await fxRanges({ trx, programId, settings, window: { asOf } });
  const terms = { amount: sql`pu.amount`, discount: sql`pu.discount`, returned: sql`coalesce(r.amount, 0)` };
  // own: the campaign's touches by as_of, each with the member's next touch of any campaign (the one that would take
  // a later purchase from it). attributed: each purchase within the window and before that next touch.
  const attributed = sql`
    WITH own_members AS (
      SELECT DISTINCT member_id FROM engagement_touches
       WHERE program_id = ${programId} AND source_kind = ${source.kind} AND source_id = ${source.id} AND touched_at <= ${asOf}
    ), timeline AS (
      SELECT t.member_id, t.source_kind, t.source_id, t.touch, t.touched_at, t.points,
             lead(t.touched_at) OVER (PARTITION BY t.member_id ORDER BY t.touched_at, t.touch_key) AS next_touch_at
        FROM engagement_touches t JOIN own_members o ON o.member_id = t.member_id
       WHERE t.program_id = ${programId} AND t.touched_at <= ${asOf}
    ), own AS (
      SELECT member_id, touch = 'holdout' AS holdout, touched_at, next_touch_at, points FROM timeline
       WHERE source_kind = ${source.kind} AND source_id = ${source.id}
    ), attributed AS (
      SELECT own.member_id, own.holdout, pu.id AS purchase_id, pu.currency,
             pu.currency = ${settings.home_currency} AS home, fx.factor,
             ${paidGross(terms)} AS paid,
             CASE WHEN r.amount IS NULL THEN 0 ELSE ${paidReturned(terms)} END AS paid_returned,
             pu.points - coalesce(r.points, 0) AS points_earned
        FROM own
        JOIN purchases pu ON pu.member_id = own.member_id AND pu.program_id = ${programId}
         AND pu.occurred_at > own.touched_at
         AND pu.occurred_at <= own.touched_at + make_interval(days => ${windowDays})
         AND (own.next_touch_at IS NULL OR pu.occurred_at <= own.next_touch_at)
         AND pu.occurred_at <= ${asOf} AND pu.created_at <= ${asOf}
        LEFT JOIN (SELECT member_id, ref_id, sum((data->>'amount')::bigint) AS amount, sum(points) AS points
                     FROM ledger_transactions
                    WHERE program_id = ${programId} AND type = 'return' AND recorded_at <= ${asOf}
                    GROUP BY member_id, ref_id) r
               ON pu.returned_amount > 0 AND r.member_id = pu.member_id AND r.ref_id = pu.id
        LEFT JOIN ${fxFactors(fx)} fx
               ON fx.currency = pu.currency AND pu.occurred_at >= fx.valid_from AND pu.occurred_at < fx.valid_until
    )`;

  const { rows: groups } = await sql<GroupRow>`${attributed}
    SELECT g.holdout, g.members::text, coalesce(a.converted, 0)::text AS converted, coalesce(a.purchases, 0)::text AS purchases,
           a.revenue::text, a.points_earned::text
      FROM (SELECT holdout, count(DISTINCT member_id) AS members FROM own GROUP BY holdout) g
      LEFT JOIN (SELECT holdout, count(DISTINCT member_id) AS converted, count(*) AS purchases,
                        sum(CASE WHEN home THEN paid - floor(paid_returned)::bigint
                                 WHEN factor IS NOT NULL THEN (floor(paid * factor) - floor(paid_returned * factor))::bigint
                                 ELSE 0 END) AS revenue,
                        sum(points_earned) AS points_earned
                   FROM attributed GROUP BY holdout) a ON a.holdout = g.holdout`.execute(trx);
  const { rows: unconverted } = await sql<UnconvertedRow>`${attributed}
    SELECT currency, count(*)::text AS purchases, sum(floor(paid - paid_returned)::bigint)::text AS amount
      FROM attributed WHERE NOT holdout AND NOT home AND factor IS NULL GROUP BY currency ORDER BY currency`.execute(trx);
  const { rows: awarded } = await sql<{ points: string | null }>`
    SELECT sum(points)::text AS points FROM engagement_touches
     WHERE program_id = ${programId} AND source_kind = ${source.kind} AND source_id = ${source.id} AND touched_at <= ${asOf}`.execute(trx);

  const reached = groups.find((g) => !g.holdout);
  const holdout = groups.find((g) => g.holdout);
  const figures = (g: GroupRow | undefined) => {
    const members = Number(g?.members ?? 0);
    const converted = Number(g?.converted ?? 0);
    return { members, converted, purchases: Number(g?.purchases ?? 0), conversion_rate: percent(converted, members), revenue: Number(g?.revenue ?? 0) };
  };
  const reachedFigures = figures(reached);
  const holdoutFigures = figures(holdout);
  const pointsAwarded = Number(awarded[0]?.points ?? 0);
  const pointsEarned = Number(reached?.points_earned ?? 0);
  const uplift =
    reachedFigures.conversion_rate === null || holdoutFigures.conversion_rate === null
      ? null
      : Math.round((reachedFigures.conversion_rate - holdoutFigures.conversion_rate) * 100) / 100;
  return {
    source: { kind: source.kind, id: source.id },
    as_of: asOf.toISOString(),
    window_days: windowDays,
    currency: settings.home_currency,
    reached: reachedFigures.members,
    converted: reachedFigures.converted,
    conversion_rate: reachedFigures.conversion_rate,
    purchases: reachedFigures.purchases,
    revenue: reachedFigures.revenue,
    unconverted: unconverted.map((u) => ({ currency: u.currency, purchases: Number(u.purchases), amount: Number(u.amount) })),
    points_cost: { awarded: pointsAwarded, earned: pointsEarned, total: pointsAwarded + pointsEarned },
    holdout: {
      members: holdoutFigures.members,
      converted: holdoutFigures.converted,
      conversion_rate: holdoutFigures.conversion_rate,
      revenue: holdoutFigures.revenue,
    },
    uplift_percentage_points: uplift,
  };
}
