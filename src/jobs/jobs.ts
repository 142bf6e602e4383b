import { sql, type Kysely, type RawBuilder } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { callLedger, unwrap, type LedgerFunction } from '../ledger/sql-call.ts';
import { rulesPayload } from '../rules/rules.ts';
import { addLocalMonths, dayKey, isoWeekKey, monthKey, startOfDay } from '../calendar.ts';
import { newId } from '../ids.ts';

export const JOB_NAMES = [
  'mature',
  'expire',
  'expire-holds',
  'tier-review',
  'tier-benefits',
  'velocity-sweep',
  'expiry-warnings',
  'inactivity-decay',
  'birthdays',
  'win-back',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobResult {
  job: JobName;
  as_of: string;
  members: number;
  points_matured: number;
  points_expired: number;
  holds_expired: number;
  tiers_lowered: number;
  benefits_points: number;
  members_blocked: number;
  points_decayed: number;
  /** Notices raised: points.expiring, member.birthday_upcoming, member.inactive. */
  events: number;
}

const BATCH = 500;

interface JobContext {
  programId: string;
  settings: ProgramSettings;
  asOf: Date;
  now: Date;
}

interface JobDefinition {
  /** The members that may have something to do, after `after` in id order (keyset, so a run always ends). */
  members(ctx: JobContext, after: string): RawBuilder<{ member_id: string }>;
  /** The per-member call: one database transaction under the member's lock. */
  fn: LedgerFunction;
  args(ctx: JobContext, memberId: string): Record<string, unknown>;
  tally(result: JobResult, outcome: Record<string, unknown>): void;
}

/** What every per-member job call carries. */
const memberArgs = (ctx: JobContext, memberId: string) => ({
  program_id: ctx.programId,
  member_id: memberId,
  as_of: ctx.asOf.toISOString(),
  now: ctx.now.toISOString(),
});

const settleArgs = (flags: { holds: boolean; mature: boolean; expire: boolean }) => (ctx: JobContext, memberId: string) => ({
  ...memberArgs(ctx, memberId),
  ...flags,
});

const settleTally = (result: JobResult, outcome: Record<string, unknown>) => {
  result.points_matured += Number(outcome['points_matured'] ?? 0);
  result.points_expired += Number(outcome['points_expired'] ?? 0);
  result.holds_expired += Number(outcome['holds_expired'] ?? 0);
};

/** An instant in the local day before as_of (the start of as_of's day, less a minute). */
const previousDay = (ctx: JobContext) => new Date(startOfDay(ctx.asOf, ctx.settings.timezone).getTime() - 60_000);

const rulesArgs = (ctx: JobContext, memberId: string) => ({
  ...memberArgs(ctx, memberId),
  rules: rulesPayload(ctx.settings, ctx.asOf),
});

/** Members with anything due by as_of: next_due_at is the earliest lot maturity or expiry or hold expiry. */
const dueMembers = ({ programId, asOf }: JobContext, after: string) => sql<{ member_id: string }>`SELECT member_id FROM member_balances
  WHERE program_id = ${programId} AND next_due_at <= ${asOf} AND member_id > ${after}
  ORDER BY member_id LIMIT ${BATCH}`;

/** Nobody, for a rule the program turned off. */
const noMembers = sql<{ member_id: string }>`SELECT NULL::text AS member_id WHERE false`;

const DAY_MS = 86_400_000;

const localArgs = (ctx: JobContext, memberId: string) => ({
  ...memberArgs(ctx, memberId),
  timezone: ctx.settings.timezone,
});

const countEvents = (result: JobResult, outcome: Record<string, unknown>) => {
  result.events += Number(outcome['events'] ?? 0);
};

/** The win-back milestones in order: days, then months, the last one marking the member lost. */
export function winBackMilestones(w: NonNullable<ProgramSettings['win_back']>) {
  const lostKey = w.lost_after_months % 12 === 0 ? `${w.lost_after_months / 12}y` : `${w.lost_after_months}m`;
  const milestones: { key: string; days?: number; months?: number; lost?: boolean }[] = [
    { key: `${w.first_days}d`, days: w.first_days },
    ...w.months.map((months) => ({ key: `${months}m`, months })),
    { key: lostKey, months: w.lost_after_months, lost: true },
  ];
  return milestones.sort((a, b) => approxDays(a) - approxDays(b));
}

const approxDays = (m: { days?: number; months?: number }) => m.days ?? (m.months ?? 0) * 30.44;

const JOBS: Record<JobName, JobDefinition> = {
  expire: {
    members: dueMembers,
    fn: 'ledger_settle_member',
    args: settleArgs({ holds: false, mature: false, expire: true }),
    tally: settleTally,
  },
  mature: {
    members: dueMembers,
    fn: 'ledger_settle_member',
    args: settleArgs({ holds: false, mature: true, expire: false }),
    tally: settleTally,
  },
  'expire-holds': {
    members: dueMembers,
    fn: 'ledger_settle_member',
    args: settleArgs({ holds: true, mature: false, expire: false }),
    tally: settleTally,
  },
  'tier-review': {
    // Only members above the entry tier can drop.
    members: ({ programId, settings }, after) => sql`SELECT member_id FROM member_balances
      WHERE program_id = ${programId} AND tier IS NOT NULL AND tier <> ${settings.tiers[0]!.name} AND member_id > ${after}
      ORDER BY member_id LIMIT ${BATCH}`,
    fn: 'ledger_tier_review',
    args: (ctx, memberId) => ({ ...rulesArgs(ctx, memberId), run_id: ctx.asOf.toISOString(), tier_change_id: newId('tierChange') }),
    tally: (result, outcome) => {
      if (outcome['changed']) result.tiers_lowered += 1;
    },
  },
  'tier-benefits': {
    members: ({ programId }, after) => sql`SELECT m.id AS member_id FROM members m
      WHERE m.program_id = ${programId} AND m.status = 'active' AND m.id > ${after} ORDER BY m.id LIMIT ${BATCH}`,
    fn: 'ledger_tier_benefit',
    args: (ctx, memberId) => ({
      ...rulesArgs(ctx, memberId),
      txn_id: newId('transaction'),
      lot_id: newId('lot'),
      expires_at: addLocalMonths(ctx.asOf, ctx.settings.validity_months, ctx.settings.timezone).toISOString(),
      day_key: dayKey(ctx.asOf, ctx.settings.timezone),
      day_start: startOfDay(ctx.asOf, ctx.settings.timezone).toISOString(),
      // The day before too: activity after that day's last run is paid by the next one.
      previous_day_key: dayKey(previousDay(ctx), ctx.settings.timezone),
      previous_day_start: startOfDay(previousDay(ctx), ctx.settings.timezone).toISOString(),
      previous_txn_id: newId('transaction'),
      previous_lot_id: newId('lot'),
      week_key: isoWeekKey(ctx.asOf, ctx.settings.timezone),
      month_key: monthKey(ctx.asOf, ctx.settings.timezone),
    }),
    tally: (result, outcome) => {
      result.benefits_points += Number(outcome['paid'] ?? 0);
    },
  },
  'velocity-sweep': {
    members: ({ programId, settings, asOf }, after) =>
      settings.velocity
        ? // Every ledger write touches the member's balance row, so recently written rows are the candidates.
          sql`SELECT member_id FROM member_balances
            WHERE program_id = ${programId} AND updated_at >= ${new Date(asOf.getTime() - settings.velocity.window_minutes * 60_000)}
              AND member_id > ${after} ORDER BY member_id LIMIT ${BATCH}`
        : noMembers,
    fn: 'ledger_velocity_check',
    args: (ctx, memberId) => ({ ...rulesArgs(ctx, memberId), now: ctx.asOf.toISOString() }),
    tally: (result, outcome) => {
      if (outcome['blocked']) result.members_blocked += 1;
    },
  },
  'expiry-warnings': {
    // next_due_at is never later than the member's soonest lot expiry, so its index finds every candidate.
    members: ({ programId, settings, asOf }, after) => sql`SELECT member_id FROM member_balances
      WHERE program_id = ${programId} AND next_due_at <= ${new Date(asOf.getTime() + settings.expiry_warning_hours * 3_600_000)}
        AND member_id > ${after} ORDER BY member_id LIMIT ${BATCH}`,
    fn: 'ledger_expiry_warning',
    args: (ctx, memberId) => ({ ...localArgs(ctx, memberId), warning_hours: ctx.settings.expiry_warning_hours }),
    tally: countEvents,
  },
  'inactivity-decay': {
    members: ({ programId, settings, asOf }, after) =>
      settings.inactivity_decay
        ? sql`SELECT b.member_id FROM member_balances b JOIN members m ON m.id = b.member_id
            WHERE b.program_id = ${programId} AND m.status = 'active' AND b.available > 0
              AND coalesce(b.last_activity_at, m.created_at) <= ${new Date(asOf.getTime() - settings.inactivity_decay.after_days * DAY_MS)}
              AND b.member_id > ${after} ORDER BY b.member_id LIMIT ${BATCH}`
        : noMembers,
    fn: 'ledger_decay',
    args: (ctx, memberId) => ({
      ...localArgs(ctx, memberId),
      after_days: ctx.settings.inactivity_decay?.after_days,
      percent_bps: Math.round((ctx.settings.inactivity_decay?.percent ?? 0) * 100),
    }),
    tally: (result, outcome) => {
      result.points_decayed += Number(outcome['points_decayed'] ?? 0);
    },
  },
  birthdays: {
    members: ({ programId, settings, asOf }, after) => {
      if (!settings.birthday) return noMembers;
      const today = dayKey(asOf, settings.timezone);
      return sql`SELECT id AS member_id FROM members
        WHERE program_id = ${programId} AND status = 'active' AND birth_date IS NOT NULL
          AND pl_next_birthday(birth_date, ${today}::date) - ${today}::date <= ${settings.birthday.days_before}
          AND id > ${after} ORDER BY id LIMIT ${BATCH}`;
    },
    fn: 'ledger_birthday',
    args: (ctx, memberId) => ({
      ...localArgs(ctx, memberId),
      days_before: ctx.settings.birthday?.days_before,
      offer_valid_days: ctx.settings.birthday?.offer_valid_days,
    }),
    tally: countEvents,
  },
  'win-back': {
    members: ({ programId, settings, asOf }, after) => {
      if (!settings.win_back) return noMembers;
      const first = winBackMilestones(settings.win_back)[0]!;
      // Calendar months are at least 28 days: a safe lower bound for the first milestone.
      const since = new Date(asOf.getTime() - (first.days ?? (first.months ?? 0) * 28) * DAY_MS);
      return sql`SELECT b.member_id FROM member_balances b JOIN members m ON m.id = b.member_id
        WHERE b.program_id = ${programId} AND m.status = 'active'
          AND coalesce(b.last_purchase_at, m.created_at) <= ${since}
          AND b.member_id > ${after} ORDER BY b.member_id LIMIT ${BATCH}`;
    },
    fn: 'ledger_win_back',
    args: (ctx, memberId) => ({
      ...localArgs(ctx, memberId),
      milestones: ctx.settings.win_back ? winBackMilestones(ctx.settings.win_back) : [],
    }),
    tally: countEvents,
  },
};

/**
 * Runs a time-driven job for one program as of an instant. Each member is handled in its own database transaction
 * under the member's lock, so the job is idempotent (a rerun finds nothing due), resumable after a crash (what was
 * committed stays done), and safe with two instances running it at once (the second finds nothing left to do).
 */
export async function runJob(
  db: Kysely<Database>,
  pool: pg.Pool,
  clock: Clock,
  programId: string,
  settings: ProgramSettings,
  job: JobName,
  asOf: Date,
): Promise<JobResult> {
  const definition = JOBS[job];
  const ctx: JobContext = { programId, settings, asOf, now: clock.now() };
  const result: JobResult = {
    job,
    as_of: asOf.toISOString(),
    members: 0,
    points_matured: 0,
    points_expired: 0,
    holds_expired: 0,
    tiers_lowered: 0,
    benefits_points: 0,
    members_blocked: 0,
    points_decayed: 0,
    events: 0,
  };
  let after = '';
  for (;;) {
    const { rows } = await definition.members(ctx, after).execute(db);
    if (rows.length === 0) return result;
    for (const { member_id } of rows) {
      const outcome = unwrap(await callLedger(pool, definition.fn, definition.args(ctx, member_id))) as Record<string, unknown>;
      if (didSomething(outcome)) result.members += 1;
      definition.tally(result, outcome);
      after = member_id;
    }
  }
}

function didSomething(outcome: Record<string, unknown>): boolean {
  return (
    ['points_matured', 'points_expired', 'holds_expired', 'paid', 'points_decayed', 'events'].some((k) => Number(outcome[k] ?? 0) > 0) ||
    outcome['changed'] === true ||
    outcome['blocked'] === true
  );
}
