import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { NotFoundError } from '../errors.ts';
import { newId } from '../ids.ts';
import { isDistributedDb } from '../db/placement.ts';
import { feedStart, readFeed, type EventRow, type FeedCursor } from '../events/feed.ts';
import { boundValues, compileRule, parseRule } from '../analytics/segment-rule.ts';
import { issueCodes } from '../promotions/codes.ts';
import { requestHash } from '../ledger/sql-call.ts';
import { rulesPayload } from '../rules/rules.ts';
import { addLocalMonths, localMidnight, startOfDay } from '../calendar.ts';
import type { JourneyStep, JourneyTrigger, NOTIFY_CHANNELS, StepCompletedData } from '../schemas/journey.ts';
import { activeJourneys, type Journey } from './journeys.ts';
import { dispatchesSoFar, fillTemplate, inQuietHours, overCap, unreachable, type MemberForMessage } from './notifications.ts';

/**
 * Members' runs through journeys (engagement.md "Journeys"), advanced by the journeys job:
 * 1. Trigger events since the job's position in the program's event feed start runs. The feed never skips a late
 *    commit nor repeats (src/events/feed.ts), and a run's keys (one active run per member and journey; one run per
 *    trigger event, or one ever) make a second reader of the same events start nothing more.
 * 2. Runs due by as_of advance one step per transaction: the run's row is claimed FOR UPDATE SKIP LOCKED, the step's
 *    effects (code, points, messages, its touch and its journey.step_completed) and the run's next state commit
 *    together. A second instance skips a claimed run and finds the step done once it commits: no step runs twice.
 */

type Channel = (typeof NOTIFY_CHANNELS)[number];
type StepEvent = z.input<typeof StepCompletedData>;

/** The feed's event types a trigger (or a run's exit) is read from. */
const FEED_TYPES = [
  'member.enrolled',
  'points.earned',
  'member.birthday_upcoming',
  'member.inactive',
  'tier.changed',
  'points.expiring',
  'points.renewable',
  'member.segment_changed',
  'member.custom_event',
] as const;

const FEED_PAGE = 500;
const RUN_BATCH = 500;

export interface JourneysTally {
  started: number;
  steps: number;
  exited: number;
}

interface RunRow {
  member_id: string;
  id: string;
  program_id: string;
  journey_id: string;
  status: 'active' | 'completed' | 'exited';
  step: number;
  due_at: Date | null;
  trigger_event_id: string;
  trigger_type: string;
  trigger_at: Date;
  trigger_data: Record<string, unknown>;
  /** code: the run's last issued code; waiting: the index of the wait step whose end due_at is. */
  context: { code?: string; waiting?: number | null };
}

interface JobCtx {
  db: Kysely<Database>;
  programId: string;
  settings: ProgramSettings;
  asOf: Date;
  now: Date;
  journeys: Map<string, Journey>;
  tally: JourneysTally;
}

/** Whether the event starts a run of a journey with this trigger. */
function matches(trigger: JourneyTrigger, e: EventRow): boolean {
  const data = e.data as Record<string, unknown>;
  switch (trigger.event) {
    case 'purchase.first':
      // The first purchase is told apart in startRun (it needs the member's purchases).
      return e.type === 'points.earned' && (data.transaction as { type?: string } | undefined)?.type === 'earn';
    case 'member.inactive':
      if (e.type !== 'member.inactive') return false;
      return trigger.milestone !== undefined ? data.milestone === trigger.milestone : data.lost !== true;
    case 'tier.changed':
      return e.type === 'tier.changed' && (trigger.to === undefined || (data.tier_change as { to?: string } | undefined)?.to === trigger.to);
    case 'member.segment_changed':
      return e.type === 'member.segment_changed' && data.to !== null && (trigger.to === undefined || data.to === trigger.to);
    case 'member.custom_event':
      return e.type === 'member.custom_event' && (data.event as { type?: string } | undefined)?.type === trigger.type;
    default:
      return e.type === trigger.event;
  }
}

/** Ends the member's active win-back runs (journeys triggered by member.inactive) when they buy or are marked lost. */
async function endWinBackRuns(ctx: JobCtx, e: EventRow): Promise<void> {
  const data = e.data as Record<string, unknown>;
  const reason =
    e.type === 'member.inactive' && data.lost === true ? 'lost' : e.type === 'points.earned' && (data.transaction as { type?: string })?.type === 'earn' ? 'purchase' : null;
  if (reason === null || e.member_id === null) return;
  const ids = [...ctx.journeys.values()].filter((j) => j.trigger.event === 'member.inactive').map((j) => j.id);
  if (ids.length === 0) return;
  const { rows } = await sql`
    UPDATE journey_runs SET status = 'exited', exit_reason = ${reason}, due_at = NULL, ended_at = ${e.occurred_at}, updated_at = ${ctx.now}
     WHERE member_id = ${e.member_id} AND program_id = ${ctx.programId} AND status = 'active' AND journey_id = ANY(${ids}::text[])
       AND trigger_at < ${e.occurred_at}
    RETURNING id`.execute(ctx.db);
  ctx.tally.exited += rows.length;
}

async function startRun(ctx: JobCtx, journey: Journey, e: EventRow): Promise<void> {
  if (e.member_id === null || e.recorded_at.getTime() < Date.parse(journey.created_at)) return;
  if (journey.trigger.event === 'purchase.first') {
    // The purchase of this earn, with none of the member's recorded before it (ids sort by creation).
    const txnId = (e.data as { transaction?: { id?: string } }).transaction?.id ?? '';
    const { rows } = await sql<{ first: boolean }>`SELECT NOT EXISTS (SELECT 1 FROM purchases o WHERE o.member_id = p.member_id AND o.id < p.id) AS first
      FROM purchases p WHERE p.member_id = ${e.member_id} AND p.program_id = ${ctx.programId} AND p.txn_id = ${txnId}`.execute(ctx.db);
    if (rows[0]?.first !== true) return;
  }
  const entryKey = journey.reentry === 'never' ? 'once' : e.id;
  // Any of the run's keys taken (an active run, the one run ever, this event's run) means there is nothing to start.
  const { rows } = await sql`
    INSERT INTO journey_runs (member_id, id, program_id, journey_id, status, step, due_at, entry_key, trigger_event_id,
                              trigger_type, trigger_at, trigger_data, started_at, updated_at)
    VALUES (${e.member_id}, ${newId('journeyRun')}, ${ctx.programId}, ${journey.id}, 'active', 0, ${e.occurred_at}, ${entryKey}, ${e.id},
            ${e.type}, ${e.occurred_at}, ${JSON.stringify(e.data)}::jsonb, ${e.occurred_at}, ${ctx.now})
    ON CONFLICT DO NOTHING RETURNING id`.execute(ctx.db);
  ctx.tally.started += rows.length;
}

/** Reads the feed from the job's position: exits first (a purchase ends a win-back before it would start again), then starts. */
async function consumeFeed(ctx: JobCtx): Promise<void> {
  const cluster = await isDistributedDb(ctx.db);
  const { rows } = await sql<{ cursor: FeedCursor }>`SELECT cursor FROM journey_feed_positions WHERE program_id = ${ctx.programId}`.execute(ctx.db);
  let cursor: FeedCursor = rows[0]?.cursor ?? feedStart(cluster);
  for (;;) {
    const page = await readFeed(ctx.db, ctx.programId, cursor, { limit: FEED_PAGE, types: FEED_TYPES });
    for (const e of page.events) {
      await endWinBackRuns(ctx, e);
      for (const journey of ctx.journeys.values()) if (matches(journey.trigger, e)) await startRun(ctx, journey, e);
    }
    // Moves the position only from where this reader started: a second instance that got further keeps its own.
    await sql`INSERT INTO journey_feed_positions (program_id, cursor, updated_at) VALUES (${ctx.programId}, ${JSON.stringify(page.next)}::jsonb, ${ctx.now})
      ON CONFLICT (program_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
      WHERE journey_feed_positions.cursor = ${JSON.stringify(cursor)}::jsonb`.execute(ctx.db);
    cursor = page.next;
    if (!page.has_more) return;
  }
}

// --- Steps ----------------------------------------------------------------------------------------------------------

/** What a step did: the run's next state, what journey.step_completed tells, the touch it made. */
interface StepResult {
  event: Omit<StepEvent, 'journey_id' | 'run_id' | 'step' | 'step_type' | 'next_step' | 'run_status'> | null;
  /** The next step's index; null: the run ends with this step (exited when exitReason is set, else completed). */
  next: number | null;
  exitReason?: 'exit_step' | 'condition';
  due?: Date;
  context?: RunRow['context'];
  touch?: { touch: 'dispatch' | 'code' | 'points'; points: number };
}

/** The next local HH:MM at or after `at` in the time zone. */
function nextLocalTime(at: Date, hhmm: string, timeZone: string): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  let day = startOfDay(at, timeZone);
  for (let i = 0; i < 3; i++) {
    // Minutes after local midnight; a DST jump that day moves it by the jump, as a wall clock would.
    const candidate = new Date(day.getTime() + (h * 60 + m) * 60_000);
    if (candidate.getTime() >= at.getTime()) return candidate;
    day = startOfDay(new Date(day.getTime() + 26 * 3_600_000), timeZone);
  }
  throw new Error('unreachable: a local time within three days');
}

function waitEnd(run: RunRow, step: Extract<JourneyStep, { type: 'wait' }>, timeZone: string): Date {
  let at = step.from === 'inactive_since' ? new Date(String(run.trigger_data.inactive_since)) : run.due_at!;
  const d = step.duration ?? {};
  if (d.months) at = addLocalMonths(at, d.months, timeZone);
  at = new Date(at.getTime() + ((d.days ?? 0) * 1440 + (d.hours ?? 0) * 60 + (d.minutes ?? 0)) * 60_000);
  return step.until_local_time ? nextLocalTime(at, step.until_local_time, timeZone) : at;
}

/** YYYY-MM-DD plus days, as a local date. */
function shiftDate(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function codeValidity(run: RunRow, step: Extract<JourneyStep, { type: 'issue_code' }>, at: Date, timeZone: string): { from: Date; until: Date } {
  const v = step.validity ?? { relative_to: 'step' as const, from_days: 0, until_days: 30 };
  if (v.relative_to === 'birthday') {
    const birthday = String(run.trigger_data.birthday);
    // From local midnight from_days away to the end of the local day until_days away.
    return { from: localMidnight(shiftDate(birthday, v.from_days), timeZone), until: localMidnight(shiftDate(birthday, v.until_days + 1), timeZone) };
  }
  return { from: new Date(at.getTime() + v.from_days * 86_400_000), until: new Date(at.getTime() + v.until_days * 86_400_000) };
}

/**
 * The message a notify step sends one member on one channel: {{field}}s filled as a notification fills them
 * (fillTemplate: the member's fields and attributes), then from the run's last code and the trigger's own scalar
 * fields (points, expires_on, birthday...); an unknown field is empty.
 */
export function buildMessage(
  template: { title: string; body: string; data?: Record<string, unknown> | undefined },
  member: Pick<MemberForMessage, 'name' | 'loyalty_id' | 'phone' | 'email' | 'attributes'>,
  vars: Record<string, unknown>,
): { title: string; body: string; data: Record<string, unknown> } {
  return { title: fillTemplate(template.title, member, vars), body: fillTemplate(template.body, member, vars), data: template.data ?? {} };
}

/** When the program's quiet hours around `at` end, or null when `at` is not in them (inQuietHours decides). */
function quietUntil(at: Date, settings: ProgramSettings): Date | null {
  return settings.engagement.quiet_hours && inQuietHours(at, settings) ? nextLocalTime(at, settings.engagement.quiet_hours.to, settings.timezone) : null;
}

/** The channels the member consented to and can be reached on. */
function reachable(member: MemberForMessage, channels: readonly Channel[]): Channel[] {
  return channels.filter((c) => unreachable(member, c) === null);
}

async function insertEvent(trx: Transaction<Database>, programId: string, memberId: string, type: string, data: unknown, now: Date, id = newId('event')) {
  await sql`INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data)
    VALUES (${programId}, ${id}, ${type}, ${memberId}, ${now}, ${now}, ${JSON.stringify(data)}::jsonb)`.execute(trx);
}

async function runStep(trx: Transaction<Database>, ctx: JobCtx, journey: Journey, run: RunRow, step: JourneyStep): Promise<StepResult> {
  const tz = ctx.settings.timezone;
  const key = `journey:${run.id}:${run.step}`;
  const next = run.step + 1;
  switch (step.type) {
    case 'wait': {
      // Two passes: the first sets the end of the wait, the second (once it is due) completes the step. The mark
      // names the step, so a journey edited under a waiting run never takes another step's wait as begun.
      if (run.context.waiting !== run.step) return { event: null, next: run.step, due: waitEnd(run, step, tz), context: { ...run.context, waiting: run.step } };
      return { event: { outcome: 'waited' }, next, context: { ...run.context, waiting: null } };
    }
    case 'condition': {
      const b = boundValues(ctx.asOf);
      const rule = compileRule(parseRule(step.rule, '/rule'), b, {
        timezone: tz,
        homeCurrency: ctx.settings.home_currency,
        entryTier: ctx.settings.tiers[0]?.name ?? null,
        // The segment the rfm job last stored, on the member's own shard: no program-wide scoring per step.
        rfm: 'stored',
      });
      const { rows } = await sql<{ ok: boolean }>`SELECT ${rule} AS ok FROM members m WHERE m.id = ${run.member_id} AND m.program_id = ${ctx.programId}`.execute(trx);
      if (rows[0]?.ok === true) return { event: { outcome: 'true' }, next };
      if (step.else === 'exit') return { event: { outcome: 'false' }, next: null, exitReason: 'condition' };
      return { event: { outcome: 'false' }, next: step.else.goto };
    }
    case 'issue_code': {
      const { from, until } = codeValidity(run, step, run.due_at!, tz);
      try {
        const issued = await issueCodes(trx, { now: () => ctx.now }, ctx.programId, {
          promotion_id: step.promotion_id,
          count: 1,
          member_id: run.member_id,
          max_uses: 1,
          valid_from: from,
          valid_until: until,
        });
        const code = issued.codes[0]!.code;
        return { event: { outcome: 'issued', code }, next, context: { ...run.context, code }, touch: { touch: 'code', points: 0 } };
      } catch (error) {
        // The promotion was deleted since the journey was checked: the run goes on without a code.
        if (error instanceof NotFoundError) return { event: { outcome: 'skipped' }, next };
        throw error;
      }
    }
    case 'award_points': {
      // The ledger's own adjustment, in this transaction; its Idempotency-Key (the run and step) makes a second call
      // a replay rather than a second credit.
      const request = { member_id: run.member_id, points: step.points, reason: step.reason };
      const args = {
        program_id: ctx.programId,
        idempotency_key: key,
        request_hash: requestHash('adjustment', request),
        now: ctx.now.toISOString(),
        timezone: tz,
        rules: rulesPayload(ctx.settings, ctx.now),
        txn_id: newId('transaction'),
        adjustment_id: newId('adjustment'),
        lot_id: newId('lot'),
        points: step.points,
        reason: step.reason,
        expires_at: addLocalMonths(ctx.now, ctx.settings.validity_months, tz).toISOString(),
      };
      const { rows } = await sql<{ result: { error?: string } }>`SELECT ledger_adjust(${run.member_id}, ${JSON.stringify(args)}::jsonb) AS result`.execute(trx);
      // A refusal (a blocked member) awards nothing; the run goes on.
      if (rows[0]!.result.error !== undefined) return { event: { outcome: 'skipped' }, next };
      return { event: { outcome: 'awarded', points: step.points }, next, touch: { touch: 'points', points: step.points } };
    }
    case 'notify': {
      // In the program's quiet hours the message waits for their end (engagement.md "Notifications"); nothing is
      // sent or published meanwhile, and the step runs then.
      const quiet = quietUntil(ctx.asOf, ctx.settings);
      if (quiet) return { event: null, next: run.step, due: quiet };
      const { rows } = await sql<MemberForMessage>`SELECT id, loyalty_id, name, phone, email, attributes, consents FROM members
        WHERE id = ${run.member_id} AND program_id = ${ctx.programId}`.execute(trx);
      const member = rows[0]!;
      const reachableChannels = reachable(member, step.channels);
      // The frequency caps hold across notifications and journeys: a channel over its cap is skipped, and recorded.
      const sent = await dispatchesSoFar(trx, [member.id], ctx.settings, ctx.asOf);
      const channels = reachableChannels.filter((c) => !overCap(sent.get(`${member.id}:${c}`), ctx.settings.engagement.frequency_cap));
      const message = buildMessage(step, member, { ...run.trigger_data, code: run.context.code });
      for (const channel of reachableChannels) {
        const dispatched = channels.includes(channel);
        const eventId = dispatched ? newId('event') : null;
        // Recorded as a notification's are (key journey:<run>:<step>), which is what the caps count.
        const { rows: recorded } = await sql<{ channel: string }>`
          INSERT INTO notification_recipients (member_id, notification_id, channel, program_id, outcome, decided_at, event_id)
          VALUES (${run.member_id}, ${key}, ${channel}, ${ctx.programId}, ${dispatched ? 'dispatched' : 'frequency_cap'}, ${ctx.asOf}, ${eventId})
          ON CONFLICT (member_id, notification_id, channel) DO NOTHING RETURNING channel`.execute(trx);
        // The step runs once under its run's row lock; a row already there means this message was already decided.
        if (!dispatched || recorded.length === 0) continue;
        await insertEvent(trx, ctx.programId, run.member_id, 'notification.dispatch', {
          notification_id: null,
          member_id: run.member_id,
          phone: member.phone,
          email: member.email,
          channel,
          ...message,
          journey_id: journey.id,
          run_id: run.id,
          step: run.step,
          dispatch_key: `${key}:${channel}`,
        }, ctx.now, eventId!);
      }
      if (channels.length === 0) return { event: { outcome: 'skipped', channels: [] }, next };
      return { event: { outcome: 'dispatched', channels }, next, touch: { touch: 'dispatch', points: 0 } };
    }
    case 'exit':
      return { event: { outcome: 'exited' }, next: null, exitReason: 'exit_step' };
  }
}

/** One step of the run in its own transaction; false when there is nothing (more) to do for it now. */
async function advanceOnce(ctx: JobCtx, memberId: string, runId: string): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<RunRow>`SELECT * FROM journey_runs
      WHERE member_id = ${memberId} AND id = ${runId} AND status = 'active' AND due_at <= ${ctx.asOf}
      FOR UPDATE SKIP LOCKED`.execute(trx);
    const run = rows[0];
    if (!run) return false;
    const journey = ctx.journeys.get(run.journey_id);
    // A paused (or deleted) journey holds its runs where they are.
    if (!journey) return false;
    if (journey.trigger.event === 'member.inactive' && (await boughtSince(trx, run))) {
      await sql`UPDATE journey_runs SET status = 'exited', exit_reason = 'purchase', due_at = NULL, ended_at = ${ctx.now}, updated_at = ${ctx.now}
        WHERE member_id = ${memberId} AND id = ${runId}`.execute(trx);
      ctx.tally.exited += 1;
      return false;
    }
    const step = journey.steps[run.step];
    if (!step) {
      // The journey was shortened under the run: it is past the end.
      await sql`UPDATE journey_runs SET status = 'completed', due_at = NULL, ended_at = ${ctx.now}, updated_at = ${ctx.now}
        WHERE member_id = ${memberId} AND id = ${runId}`.execute(trx);
      return false;
    }
    const result = await runStep(trx, ctx, journey, run, step);
    const ended = result.next === null || result.next >= journey.steps.length;
    const status = !ended ? 'active' : result.exitReason ? 'exited' : 'completed';
    await sql`UPDATE journey_runs SET
        status = ${status}, step = ${ended ? journey.steps.length : result.next}, due_at = ${ended ? null : (result.due ?? run.due_at)},
        exit_reason = ${status === 'exited' ? result.exitReason! : null}, ended_at = ${ended ? ctx.now : null},
        context = ${JSON.stringify(result.context ?? run.context)}::jsonb, updated_at = ${ctx.now}
      WHERE member_id = ${memberId} AND id = ${runId}`.execute(trx);
    if (result.touch) {
      await sql`INSERT INTO engagement_touches (member_id, touch_key, program_id, source_kind, source_id, touch, touched_at, points)
        VALUES (${memberId}, ${`journey:${run.id}:${run.step}`}, ${ctx.programId}, 'journey', ${journey.id}, ${result.touch.touch}, ${ctx.now}, ${result.touch.points})
        ON CONFLICT (member_id, touch_key) DO NOTHING`.execute(trx);
    }
    if (result.event) {
      const data: StepEvent = {
        journey_id: journey.id,
        run_id: run.id,
        step: run.step,
        step_type: step.type,
        ...result.event,
        next_step: ended ? null : result.next,
        run_status: status,
      };
      await insertEvent(trx, ctx.programId, memberId, 'journey.step_completed', data, ctx.now);
      ctx.tally.steps += 1;
    }
    if (status === 'exited') ctx.tally.exited += 1;
    return !ended;
  });
}

/** A purchase after the inactivity that triggered the run: the member came back. */
async function boughtSince(trx: Transaction<Database>, run: RunRow): Promise<boolean> {
  const since = run.trigger_data.inactive_since;
  if (typeof since !== 'string') return false;
  const { rows } = await sql<{ bought: boolean }>`SELECT coalesce(last_purchase_at > ${new Date(since)}, false) AS bought
    FROM member_balances WHERE member_id = ${run.member_id}`.execute(trx);
  return rows[0]?.bought === true;
}

/**
 * The journeys job for one program as of an instant: starts runs from the trigger events the feed has since the
 * job's position, then advances every active run due by as_of, step by step, until each waits past as_of or ends.
 * A run's first step is due when its trigger event occurred, and a wait ends relative to when it began, so running
 * the job at successive as_of instants gives the same runs as running it continuously.
 */
export async function runJourneys(db: Kysely<Database>, programId: string, settings: ProgramSettings, asOf: Date, now: Date): Promise<JourneysTally> {
  const journeys = new Map((await activeJourneys(db, programId)).map((j) => [j.id, j]));
  const ctx: JobCtx = { db, programId, settings, asOf, now, journeys, tally: { started: 0, steps: 0, exited: 0 } };
  await consumeFeed(ctx);
  if (journeys.size === 0) return ctx.tally;
  let after = { member: '', id: '' };
  // A step that fails (its transaction rolled back, the run left where it was) must not hold up every run after it:
  // the others advance, and the first failure is thrown at the end so the run of the job is seen to fail.
  let failure: unknown = null;
  for (;;) {
    const { rows } = await sql<{ member_id: string; id: string }>`SELECT member_id, id FROM journey_runs
      WHERE program_id = ${programId} AND status = 'active' AND due_at <= ${asOf} AND journey_id = ANY(${[...journeys.keys()]}::text[])
        AND (member_id, id) > (${after.member}, ${after.id})
      ORDER BY member_id, id LIMIT ${RUN_BATCH}`.execute(db);
    if (rows.length === 0) break;
    for (const row of rows) {
      try {
        while (await advanceOnce(ctx, row.member_id, row.id));
      } catch (error) {
        failure ??= error;
      }
      after = { member: row.member_id, id: row.id };
    }
  }
  if (failure !== null) throw failure;
  return ctx.tally;
}
