import { sql, type Kysely, type RawBuilder } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { callLedger, unwrap, type Outcome } from '../ledger/sql-call.ts';
import { isDistributedDb } from '../db/placement.ts';
import { generateCode } from '../promotions/codes.ts';
import {
  ledgerBirthday,
  ledgerDecay,
  ledgerExpiryWarning,
  ledgerSettleMember,
  ledgerTierBenefit,
  ledgerTierReview,
  ledgerVelocityCheck,
  ledgerWinBack,
  type Args,
  type JobEnvelope,
  type LedgerFunction,
  type Result,
} from '../ledger/functions.ts';
import { rulesPayload } from '../rules/rules.ts';
import { addLocalMonths, dayKey, isoWeekKey, monthKey, startOfDay } from '../calendar.ts';
import { newId } from '../ids.ts';
import { runReferrals } from './referrals.ts';
import { runRfm } from './rfm.ts';
import { runTargets } from '../engagement/targets.ts';
import { runNotifications } from '../engagement/notifications.ts';
import { runJourneys } from '../engagement/journey-runs.ts';
import { foldLiability } from '../analytics/liability-rollup.ts';

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
  'referrals',
  'rfm',
  'targets',
  'notifications',
  'journeys',
  'rollup',
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
  /** Notices raised: points.expiring, member.birthday_upcoming, member.inactive, member.segment_changed. */
  events: number;
  /** Promo codes of birthday and win-back promotions issued with those notices (promo_code.issued). */
  codes_issued: number;
  /** Referrals paid to their referrer (referral.rewarded), cancelled by a full return, and due but waiting for an FX rate. */
  referrals_rewarded: number;
  referrals_cancelled: number;
  referrals_waiting: number;
  /** Targets measured, and target.off_track / target.back_on_track published (src/engagement/targets.ts). */
  targets_checked: number;
  targets_off_track: number;
  targets_back_on_track: number;
  /** Notifications sent from (or held by quiet hours), finished, and notification.dispatch events published (src/engagement/notifications.ts). */
  notifications_sending: number;
  notifications_sent: number;
  notifications_held: number;
  notifications_dispatched: number;
  /** Journey runs started by trigger events, steps completed (journey.step_completed), runs exited (src/engagement/journey-runs.ts). */
  journey_runs_started: number;
  journey_steps: number;
  journey_runs_exited: number;
  /** Local days the rollup job folded into the liability summary (src/analytics/liability-rollup.ts). */
  days_rolled_up: number;
}

const BATCH = 500;

interface JobContext {
  programId: string;
  settings: ProgramSettings;
  asOf: Date;
  now: Date;
  /** Whether the database is a Citus cluster (asked only by the jobs that issue codes, the only ones it changes). */
  cluster: boolean;
  /** The program's active birthday and win-back promotions, read once per run (only by the jobs that issue codes). */
  rewards: RewardPromotions;
}

/**
 * Promotions a job issues codes of, marked by their preset (src/promotions/presets.ts): `birthday`, and
 * `win_back:<milestone key>` (the keys winBackMilestones gives, e.g. win_back:9m).
 */
interface RewardPromotions {
  birthday: { id: string; windowDays: number }[];
  winBack: { milestone: string; id: string }[];
}

const NO_REWARDS: RewardPromotions = { birthday: [], winBack: [] };

/** A birthday code is valid this many local days either side of the birthday, unless the promotion's birthday_window_days says otherwise. */
const BIRTHDAY_WINDOW_DAYS = 7;
/** A win-back code is valid this many days from the run that issued it (the presets give no validity of their own). */
export const WIN_BACK_CODE_VALID_DAYS = 30;

async function rewardPromotions(db: Kysely<Database>, programId: string): Promise<RewardPromotions> {
  const { rows } = await sql<{ id: string; preset: string; window_days: number | null }>`
    SELECT id, preset, (conditions->>'birthday_window_days')::int AS window_days FROM promotions
     WHERE program_id = ${programId} AND status = 'active' AND (preset = 'birthday' OR preset LIKE 'win\_back:%')
     ORDER BY id`.execute(db);
  return {
    birthday: rows.filter((r) => r.preset === 'birthday').map((r) => ({ id: r.id, windowDays: r.window_days ?? BIRTHDAY_WINDOW_DAYS })),
    winBack: rows.filter((r) => r.preset !== 'birthday').map((r) => ({ milestone: r.preset.slice('win_back:'.length), id: r.id })),
  };
}

interface JobDefinition<F extends LedgerFunction> {
  /** The members that may have something to do, after `after` in id order (keyset, so a run always ends). */
  members(ctx: JobContext, after: string): RawBuilder<{ member_id: string }>;
  /** The per-member call: one database transaction under the member's lock. */
  fn: F;
  args(ctx: JobContext): Args<F>;
  tally(result: JobResult, outcome: Result<F>): void;
  /** Whether the step for this member did anything (counted in JobResult.members). */
  did(outcome: Result<F>): boolean;
  /**
   * Whether the call may write beyond the member's shard (promo codes are distributed by the code): on a cluster it
   * then runs in a transaction block, on the coordinator, instead of being delegated to the member's worker.
   */
  crossShard?(args: Args<F>): boolean;
}

/** A step whose freshly minted codes met codes already issued is called again with new ones, this many times in all. */
const MINT_ATTEMPTS = 3;

const isCodeCollision = (outcome: object) => (outcome as { error?: unknown }).error === 'code_collision';

/** A job as runJob runs it: its candidates, and one member's step with its tally. */
interface Job {
  members(ctx: JobContext, after: string): RawBuilder<{ member_id: string }>;
  step(pool: pg.Pool, ctx: JobContext, memberId: string, result: JobResult): Promise<void>;
}

function defineJob<F extends LedgerFunction>(definition: JobDefinition<F>): Job {
  return {
    members: definition.members,
    step: async (pool, ctx, memberId, result) => {
      let outcome: Outcome<F>;
      for (let attempt = 1; ; attempt++) {
        // args mints any codes afresh on each attempt.
        const args = definition.args(ctx);
        const transaction = ctx.cluster && (definition.crossShard?.(args) ?? false);
        outcome = await callLedger(pool, { fn: definition.fn, member: memberId, args }, { transaction });
        if (!isCodeCollision(outcome)) break;
        // 50 random bits each: three collisions in a row mean the minting is broken, not bad luck.
        if (attempt === MINT_ATTEMPTS) throw new Error(`${definition.fn.name}: minted codes collided ${MINT_ATTEMPTS} times in a row`);
      }
      const { body } = unwrap(outcome);
      if (definition.did(body)) result.members += 1;
      definition.tally(result, body);
    },
  };
}

/** What every per-member job call carries. */
const jobEnvelope = (ctx: JobContext): JobEnvelope => ({
  program_id: ctx.programId,
  as_of: ctx.asOf.toISOString(),
  now: ctx.now.toISOString(),
  renewal_window_hours: ctx.settings.renewal_window_hours,
});

const settleJob = (flags: { holds: boolean; mature: boolean; expire: boolean }) =>
  defineJob({
    members: dueMembers,
    fn: ledgerSettleMember,
    args: (ctx) => ({ ...jobEnvelope(ctx), ...flags }),
    tally: (result, outcome) => {
      result.points_matured += outcome.points_matured;
      result.points_expired += outcome.points_expired;
      result.holds_expired += outcome.holds_expired;
    },
    did: (outcome) => outcome.points_matured + outcome.points_expired + outcome.holds_expired > 0,
  });

/** An instant in the local day before as_of (the start of as_of's day, less a minute). */
const previousDay = (ctx: JobContext) => new Date(startOfDay(ctx.asOf, ctx.settings.timezone).getTime() - 60_000);

const withRules = (ctx: JobContext) => ({ ...jobEnvelope(ctx), rules: rulesPayload(ctx.settings, ctx.asOf) });

/** Members with anything due by as_of: next_due_at is the earliest lot maturity or expiry or hold expiry. */
const dueMembers = ({ programId, asOf }: JobContext, after: string) => sql<{ member_id: string }>`SELECT member_id FROM member_balances
  WHERE program_id = ${programId} AND next_due_at <= ${asOf} AND member_id > ${after}
  ORDER BY member_id LIMIT ${BATCH}`;

/** Nobody, for a rule the program turned off. */
const noMembers = sql<{ member_id: string }>`SELECT NULL::text AS member_id WHERE false`;

/**
 * The members a tier-benefits call could pay: active, in a tier with a benefit, not yet paid for the week or month
 * that holds as_of, or for the daily gift, active on a day not yet paid (as_of's day up to as_of, or the day before).
 * The tests are the ledger function's own (benefit_grants' key, pl_active_between's transactions and activities), so
 * the function stays the judge; this only spares the calls that would pay nothing. Before, every hourly run called the
 * ledger once for every active member of the program (19 s for 10,000 members beside the bench's load), to pay a few.
 * Every subquery is on the member, so on a Citus cluster each shard answers for its own members.
 */
function benefitCandidates(ctx: JobContext, after: string) {
  const { programId, settings, asOf } = ctx;
  const tiers = rulesPayload(settings, asOf).tiers;
  const names = tiers.map((t) => t.name);
  const withBenefit = (period: string) => tiers.filter((t) => t.benefit?.period === period).map((t) => t.name);
  const [week, month, day] = [withBenefit('week'), withBenefit('month'), withBenefit('active_day')];
  if (week.length + month.length + day.length === 0) return noMembers;
  const tz = settings.timezone;
  const todayStart = startOfDay(asOf, tz);
  const yesterday = previousDay(ctx);
  const yesterdayStart = startOfDay(yesterday, tz);
  const unpaid = (periodKey: string) =>
    sql`NOT EXISTS (SELECT 1 FROM benefit_grants g WHERE g.member_id = c.member_id AND g.tier = c.tier AND g.period_key = ${periodKey})`;
  // As pl_active_between: something the member did from `from` until `until` (included or not), not our own bookkeeping.
  const activeBetween = (from: Date, until: Date, included: boolean) => {
    const before = (column: RawBuilder<unknown>) => (included ? sql`${column} <= ${until}` : sql`${column} < ${until}`);
    return sql`(
      EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.member_id = c.member_id
                 AND t.type IN ('earn', 'redeem', 'hold', 'capture', 'return', 'convert') AND t.occurred_at >= ${from} AND ${before(sql`t.occurred_at`)})
      OR EXISTS (SELECT 1 FROM member_activities a WHERE a.member_id = c.member_id AND a.occurred_at >= ${from} AND ${before(sql`a.occurred_at`)}))`;
  };
  // A tier name no longer in the settings counts as the entry tier, as pl_tier_index has it; NULL is the entry tier.
  return sql<{ member_id: string }>`
    SELECT c.member_id FROM (
      SELECT b.member_id, CASE WHEN b.tier = ANY (${names}::text[]) THEN b.tier ELSE ${names[0]!}::text END AS tier
        FROM member_balances b JOIN members m ON m.id = b.member_id
       WHERE b.program_id = ${programId} AND m.status = 'active' AND b.member_id > ${after}) c
     WHERE (c.tier = ANY (${week}::text[]) AND ${unpaid(isoWeekKey(asOf, tz))})
        OR (c.tier = ANY (${month}::text[]) AND ${unpaid(monthKey(asOf, tz))})
        OR (c.tier = ANY (${day}::text[])
            AND ((${unpaid(dayKey(asOf, tz))} AND ${activeBetween(todayStart, asOf, true)})
              OR (${unpaid(dayKey(yesterday, tz))} AND ${activeBetween(yesterdayStart, todayStart, false)})))
     ORDER BY c.member_id LIMIT ${BATCH}`;
}

const DAY_MS = 86_400_000;

const withTimezone = (ctx: JobContext) => ({ ...jobEnvelope(ctx), timezone: ctx.settings.timezone });

const countEvents = (result: JobResult, outcome: { events: number; codes_issued?: number }) => {
  result.events += outcome.events;
  result.codes_issued += outcome.codes_issued ?? 0;
};
const raisedEvents = (outcome: { events: number }) => outcome.events > 0;

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

const JOBS: Record<Exclude<JobName, 'referrals' | 'rfm' | 'targets' | 'notifications' | 'journeys' | 'rollup'>, Job> = {
  expire: settleJob({ holds: false, mature: false, expire: true }),
  mature: settleJob({ holds: false, mature: true, expire: false }),
  'expire-holds': settleJob({ holds: true, mature: false, expire: false }),
  'tier-review': defineJob({
    // Only members above the entry tier can drop.
    members: ({ programId, settings }, after) => sql`SELECT member_id FROM member_balances
      WHERE program_id = ${programId} AND tier IS NOT NULL AND tier <> ${settings.tiers[0]!.name} AND member_id > ${after}
      ORDER BY member_id LIMIT ${BATCH}`,
    fn: ledgerTierReview,
    args: (ctx) => ({ ...withRules(ctx), run_id: ctx.asOf.toISOString(), tier_change_id: newId('tierChange') }),
    tally: (result, outcome) => {
      if (outcome.changed) result.tiers_lowered += 1;
    },
    did: (outcome) => outcome.changed,
  }),
  'tier-benefits': defineJob({
    members: benefitCandidates,
    fn: ledgerTierBenefit,
    args: (ctx) => ({
      ...withRules(ctx),
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
      result.benefits_points += outcome.paid;
    },
    did: (outcome) => outcome.paid > 0,
  }),
  'velocity-sweep': defineJob({
    members: ({ programId, settings, asOf }, after) =>
      settings.velocity
        ? // Every ledger write touches the member's balance row, so recently written rows are the candidates.
          sql`SELECT member_id FROM member_balances
            WHERE program_id = ${programId} AND updated_at >= ${new Date(asOf.getTime() - settings.velocity.window_minutes * 60_000)}
              AND member_id > ${after} ORDER BY member_id LIMIT ${BATCH}`
        : noMembers,
    fn: ledgerVelocityCheck,
    args: (ctx) => ({ ...withRules(ctx), now: ctx.asOf.toISOString() }),
    tally: (result, outcome) => {
      if (outcome.blocked) result.members_blocked += 1;
    },
    did: (outcome) => outcome.blocked,
  }),
  'expiry-warnings': defineJob({
    // next_due_at is never later than the member's soonest lot expiry, so its index finds every candidate.
    members: ({ programId, settings, asOf }, after) => sql`SELECT member_id FROM member_balances
      WHERE program_id = ${programId} AND next_due_at <= ${new Date(asOf.getTime() + settings.expiry_warning_hours * 3_600_000)}
        AND member_id > ${after} ORDER BY member_id LIMIT ${BATCH}`,
    fn: ledgerExpiryWarning,
    args: (ctx) => ({ ...withTimezone(ctx), warning_hours: ctx.settings.expiry_warning_hours }),
    tally: countEvents,
    did: raisedEvents,
  }),
  'inactivity-decay': defineJob({
    members: ({ programId, settings, asOf }, after) =>
      settings.inactivity_decay
        ? sql`SELECT b.member_id FROM member_balances b JOIN members m ON m.id = b.member_id
            WHERE b.program_id = ${programId} AND m.status = 'active' AND b.available > 0
              AND coalesce(b.last_activity_at, m.created_at) <= ${new Date(asOf.getTime() - settings.inactivity_decay.after_days * DAY_MS)}
              AND b.member_id > ${after} ORDER BY b.member_id LIMIT ${BATCH}`
        : noMembers,
    fn: ledgerDecay,
    // Only called for members the query found, and it finds none while the rule is off.
    args: (ctx) => ({
      ...jobEnvelope(ctx),
      after_days: ctx.settings.inactivity_decay!.after_days,
      percent_bps: Math.round(ctx.settings.inactivity_decay!.percent * 100),
    }),
    tally: (result, outcome) => {
      result.points_decayed += outcome.points_decayed;
    },
    did: (outcome) => outcome.points_decayed > 0,
  }),
  birthdays: defineJob({
    members: ({ programId, settings, asOf }, after) => {
      if (!settings.birthday) return noMembers;
      const today = dayKey(asOf, settings.timezone);
      return sql`SELECT id AS member_id FROM members
        WHERE program_id = ${programId} AND status = 'active' AND birth_date IS NOT NULL
          AND pl_next_birthday(birth_date, ${today}::date) - ${today}::date <= ${settings.birthday.days_before}
          AND id > ${after} ORDER BY id LIMIT ${BATCH}`;
    },
    fn: ledgerBirthday,
    args: (ctx) => ({
      ...withTimezone(ctx),
      days_before: ctx.settings.birthday!.days_before,
      offer_valid_days: ctx.settings.birthday!.offer_valid_days,
      // Minted for every call, stored only by the one that raises the notice.
      codes: ctx.rewards.birthday.map((p) => ({ code: generateCode('B'), promotion_id: p.id, window_days: p.windowDays })),
    }),
    tally: countEvents,
    did: raisedEvents,
    crossShard: (args) => args.codes.length > 0,
  }),
  'win-back': defineJob({
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
    fn: ledgerWinBack,
    args: (ctx) => ({
      ...withTimezone(ctx),
      milestones: ctx.settings.win_back ? winBackMilestones(ctx.settings.win_back) : [],
      // Which milestone a member reaches is known only in the call: a code for each that has a promotion.
      codes: ctx.rewards.winBack.map((p) => ({ milestone: p.milestone, code: generateCode('W'), promotion_id: p.id })),
      code_valid_days: WIN_BACK_CODE_VALID_DAYS,
    }),
    tally: countEvents,
    did: raisedEvents,
    crossShard: (args) => args.codes.length > 0,
  }),
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
  const issuesCodes = job === 'birthdays' || job === 'win-back';
  const ctx: JobContext = {
    programId,
    settings,
    asOf,
    now: clock.now(),
    cluster: issuesCodes && (await isDistributedDb(db)),
    rewards: issuesCodes ? await rewardPromotions(db, programId) : NO_REWARDS,
  };
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
    codes_issued: 0,
    referrals_rewarded: 0,
    referrals_cancelled: 0,
    referrals_waiting: 0,
    targets_checked: 0,
    targets_off_track: 0,
    targets_back_on_track: 0,
    notifications_sending: 0,
    notifications_sent: 0,
    notifications_held: 0,
    notifications_dispatched: 0,
    journey_runs_started: 0,
    journey_steps: 0,
    journey_runs_exited: 0,
    days_rolled_up: 0,
  };
  if (job === 'referrals') {
    // Two members per referral (referee and referrer, on different shards on a cluster): its own three-step runner.
    const tally = await runReferrals(db, pool, programId, settings, asOf, ctx.now);
    return { ...result, members: tally.members, referrals_rewarded: tally.rewarded, referrals_cancelled: tally.cancelled, referrals_waiting: tally.waiting };
  }
  if (job === 'rfm') {
    // Scored against the whole program at once, then applied in batches of members (src/jobs/rfm.ts).
    const tally = await runRfm(db, programId, settings, asOf, ctx.now);
    return { ...result, members: tally.changed, events: tally.changed };
  }
  if (job === 'targets') {
    // Program-level: one measure per target, not a step per member.
    const tally = await runTargets(db, programId, settings, asOf, ctx.now);
    return {
      ...result,
      events: tally.offTrack + tally.backOnTrack,
      targets_checked: tally.checked,
      targets_off_track: tally.offTrack,
      targets_back_on_track: tally.backOnTrack,
    };
  }
  if (job === 'notifications') {
    // Batches of a notification's audience, each one transaction under the notification's row (src/engagement/notifications.ts).
    const tally = await runNotifications(db, programId, settings, asOf, ctx.now);
    return {
      ...result,
      members: tally.members,
      events: tally.dispatched,
      notifications_sending: tally.notifications,
      notifications_sent: tally.sent,
      notifications_held: tally.held,
      notifications_dispatched: tally.dispatched,
    };
  }
  if (job === 'journeys') {
    // Runs of members through journeys: started from the event feed, advanced step by step (src/engagement/journey-runs.ts).
    const tally = await runJourneys(db, programId, settings, asOf, ctx.now);
    return { ...result, events: tally.steps, journey_runs_started: tally.started, journey_steps: tally.steps, journey_runs_exited: tally.exited };
  }
  if (job === 'rollup') {
    // Program-level: closed days folded into summary rows, not a step per member.
    const tally = await foldLiability(db, programId, settings, asOf, ctx.now);
    return { ...result, days_rolled_up: tally.days };
  }
  const definition = JOBS[job];
  let after = '';
  for (;;) {
    const { rows } = await definition.members(ctx, after).execute(db);
    if (rows.length === 0) return result;
    for (const { member_id } of rows) {
      await definition.step(pool, ctx, member_id, result);
      after = member_id;
    }
  }
}
