import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { analyticsRead, pointsValue, type AnalyticsReader } from './read.ts';
import { NEVER, rolledUpLiability, type LiabilityRows } from './liability-rollup.ts';

/**
 * Points liability and breakage as the ledger stood at an instant.
 *
 * "As of T" means what the ledger had recorded by T (ledger_transactions.recorded_at <= T): a lot counts once the
 * transaction that granted it was recorded, an allocation once its transaction was. Rows are append-only, so the
 * same T always answers the same figures, and the totals are exactly the trial balance's member accounts at T
 * (available + pending + held + debt). An expiry is recorded when it is settled (by the expire job or the member's
 * next read or write), which is when the ledger stops owing the points, and so when this report stops counting them.
 *
 * Cohorts and expiry months are the points still in lots (available or pending). Held points have left their lots
 * for the hold (they return to them if it is voided or expires) and debt is owed to the program: both are member
 * accounts of the trial balance, so they appear beside the cohorts in the totals, not inside them.
 *
 * Once the rollup job has folded the program's closed days (src/analytics/liability-rollup.ts), the same figures come
 * from its rows plus a live read of what was recorded since; until then, from every lot.
 */

export interface Valued {
  amount: number;
  currency: string;
}

export interface LiabilityReport {
  as_of: string;
  currency: string;
  point_value: number;
  totals: {
    available: number;
    pending: number;
    held: number;
    debt: number;
    outstanding: number;
    value: Valued;
  };
  breakage: { issued: number; expired: number; rate: number };
  by_cohort: { cohort: string; issued: number; outstanding: number; expired: number; breakage_rate: number; value: Valued }[];
  by_expiry: { expiry_month: string | null; points: number; value: Valued }[];
}


/** expired ÷ issued, to six decimal places (0 for nothing issued). */
const rate = (expired: number, issued: number) => (issued === 0 ? 0 : Math.round((expired / issued) * 1_000_000) / 1_000_000);

export async function liability(
  db: Kysely<Database>,
  reader: AnalyticsReader,
  programId: string,
  settings: Pick<ProgramSettings, 'timezone' | 'home_currency' | 'point_value'>,
  asOf: Date,
  /** live: read every lot even where the rollup job has folded days (the rollup's tests compare the two). */
  options: { live?: boolean } = {},
): Promise<LiabilityReport> {
  const valued = (points: number): Valued => ({ amount: pointsValue(points, settings.point_value), currency: settings.home_currency });
  return analyticsRead(db, reader, async (trx) => {
    const { groups, accounts } = (options.live ? null : await rolledUpLiability(trx, programId, settings.timezone, asOf)) ?? (await liveLiability(trx, programId, settings, asOf));

    const account = (name: string) => Number(accounts.find((a) => a.account === name)?.total ?? 0);
    const totals = { available: account('available'), pending: account('pending'), held: account('held'), debt: account('debt') };
    const outstanding = totals.available + totals.pending + totals.held + totals.debt;

    const cohorts = new Map<string, { issued: number; outstanding: number; expired: number }>();
    const expiries = new Map<string | null, number>();
    for (const g of groups) {
      const c = cohorts.get(g.cohort) ?? { issued: 0, outstanding: 0, expired: 0 };
      c.issued += Number(g.issued);
      c.outstanding += Number(g.outstanding);
      c.expired += Number(g.expired);
      cohorts.set(g.cohort, c);
      if (Number(g.outstanding) !== 0) {
        // Points already spent have no expiry month: a fully drawn lot's group (NULL) carries 0 and is skipped.
        expiries.set(g.expiry_month, (expiries.get(g.expiry_month) ?? 0) + Number(g.outstanding));
      }
    }
    const issued = [...cohorts.values()].reduce((n, c) => n + c.issued, 0);
    const expired = [...cohorts.values()].reduce((n, c) => n + c.expired, 0);
    return {
      as_of: asOf.toISOString(),
      currency: settings.home_currency,
      point_value: settings.point_value,
      totals: { ...totals, outstanding, value: valued(outstanding) },
      breakage: { issued, expired, rate: rate(expired, issued) },
      by_cohort: [...cohorts.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([cohort, c]) => ({ cohort, ...c, breakage_rate: rate(c.expired, c.issued), value: valued(c.outstanding) })),
      by_expiry: [...expiries.entries()]
        // Months in order, never-expiring last.
        .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
        .map(([month, points]) => ({ expiry_month: month, points, value: valued(points) })),
    };
  });
}

/** The report's rows read from every lot, allocation and entry recorded by asOf. */
async function liveLiability(
  trx: Transaction<Database>,
  programId: string,
  settings: Pick<ProgramSettings, 'timezone'>,
  asOf: Date,
): Promise<LiabilityRows> {
  // One row per lot, then per (cohort, expiry month): every join is on member_id, so on a Citus cluster each shard
  // answers its own members and the coordinator only adds up the groups.
  const { rows: groups } = await sql<{ cohort: string; expiry_month: string | null; issued: string; outstanding: string; expired: string }>`
    WITH lot AS (
      SELECT l.member_id, l.id, l.granted, l.expires_at, g.occurred_at AS granted_at,
             l.granted + coalesce(sum(a.points) FILTER (WHERE at.recorded_at <= ${asOf}), 0) AS outstanding,
             -coalesce(sum(a.points) FILTER (WHERE at.type = 'expire' AND at.recorded_at <= ${asOf}), 0) AS expired
        FROM lots l
        JOIN ledger_transactions g ON g.member_id = l.member_id AND g.id = l.txn_id
        LEFT JOIN lot_allocations a ON a.member_id = l.member_id AND a.lot_id = l.id
        LEFT JOIN ledger_transactions at ON at.member_id = a.member_id AND at.id = a.txn_id
       WHERE l.program_id = ${programId} AND g.recorded_at <= ${asOf}
       GROUP BY l.member_id, l.id, l.granted, l.expires_at, g.occurred_at
    )
    SELECT to_char(granted_at AT TIME ZONE ${settings.timezone}, 'YYYY-MM') AS cohort,
           CASE WHEN outstanding = 0 OR expires_at >= ${NEVER} THEN NULL
                ELSE to_char(expires_at AT TIME ZONE ${settings.timezone}, 'YYYY-MM') END AS expiry_month,
           sum(granted)::text AS issued, sum(outstanding)::text AS outstanding, sum(expired)::text AS expired
      FROM lot
     GROUP BY 1, 2`.execute(trx);
  const { rows: accounts } = await sql<{ account: string; total: string }>`
    SELECT e.account, sum(e.amount)::text AS total
      FROM ledger_entries e
      JOIN ledger_transactions t ON t.member_id = e.member_id AND t.id = e.txn_id
     WHERE e.program_id = ${programId} AND t.recorded_at <= ${asOf}
       AND e.account IN ('available', 'pending', 'held', 'debt')
     GROUP BY e.account`.execute(trx);
  return { groups, accounts };
}
