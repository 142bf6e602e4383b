import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { NotFoundError } from '../errors.ts';
import { newId } from '../ids.ts';
import { analyticsRead, type AnalyticsReader } from '../analytics/read.ts';
import { averageCheck, salesFigures } from '../analytics/dashboard.ts';
import { addDays, isoWeekKey, monthKey, startOfDay, startOfIsoWeek, startOfMonth } from '../calendar.ts';
import type { TARGET_METRICS, TARGET_PERIODS, TARGET_STATUSES, TargetProgressRecord, TargetRecord } from '../schemas/target.ts';

/**
 * Sales targets (engagement.md "Targets"): a metric the program wants per ISO week or calendar month, in its time
 * zone, and the pace of the period to date against it. The targets job publishes target.off_track once per target
 * and period when the pace falls below the alert threshold, and target.back_on_track once after that if it recovers.
 */

export type TargetMetric = (typeof TARGET_METRICS)[number];
export type TargetPeriod = (typeof TARGET_PERIODS)[number];
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export type Target = z.infer<typeof TargetRecord>;
export type TargetProgress = z.infer<typeof TargetProgressRecord>;

export interface TargetInput {
  name?: string | null | undefined;
  metric: TargetMetric;
  period: TargetPeriod;
  value: number;
  alert_below_percent: number;
  status?: TargetStatus | undefined;
}

export type TargetPatch = Partial<TargetInput>;

/** What measuring a period reads of the program's settings (the dashboard's grouping settings come along). */
export type TargetSettings = Pick<ProgramSettings, 'home_currency' | 'timezone' | 'tiers' | 'age_bands' | 'rfm' | 'win_back'>;

interface TargetRow {
  program_id: string;
  id: string;
  name: string | null;
  metric: TargetMetric;
  period: TargetPeriod;
  value: string;
  alert_below_bps: number;
  status: TargetStatus;
  created_at: Date;
  updated_at: Date;
}

const MONEY_METRICS: ReadonlySet<TargetMetric> = new Set(['revenue', 'average_check']);

/** Percent with up to two decimals, kept as integer basis points so the threshold compares exactly. */
const toBps = (percent: number) => Math.round(percent * 100);

function toTarget(row: TargetRow, homeCurrency: string): Target {
  return {
    id: row.id,
    name: row.name,
    metric: row.metric,
    period: row.period,
    value: Number(row.value),
    currency: MONEY_METRICS.has(row.metric) ? homeCurrency : null,
    alert_below_percent: row.alert_below_bps / 100,
    status: row.status,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export async function createTarget(db: Kysely<Database>, clock: Clock, programId: string, settings: Pick<ProgramSettings, 'home_currency'>, input: TargetInput): Promise<Target> {
  const now = clock.now();
  const { rows } = await sql<TargetRow>`
    INSERT INTO targets (program_id, id, name, metric, period, value, alert_below_bps, status, created_at, updated_at)
    VALUES (${programId}, ${newId('target')}, ${input.name ?? null}, ${input.metric}, ${input.period}, ${input.value},
            ${toBps(input.alert_below_percent)}, ${input.status ?? 'active'}, ${now}, ${now})
    RETURNING *`.execute(db);
  return toTarget(rows[0]!, settings.home_currency);
}

async function targetRow(db: Kysely<Database>, programId: string, id: string): Promise<TargetRow> {
  const { rows } = await sql<TargetRow>`SELECT * FROM targets WHERE program_id = ${programId} AND id = ${id}`.execute(db);
  if (rows.length === 0) throw new NotFoundError('target', id);
  return rows[0]!;
}

export async function getTarget(db: Kysely<Database>, programId: string, settings: Pick<ProgramSettings, 'home_currency'>, id: string): Promise<Target> {
  return toTarget(await targetRow(db, programId, id), settings.home_currency);
}

/** The program's targets, oldest first. */
export async function listTargets(
  db: Kysely<Database>,
  programId: string,
  settings: Pick<ProgramSettings, 'home_currency'>,
  page: { limit: number; after?: string | undefined },
): Promise<Target[]> {
  const { rows } = await sql<TargetRow>`SELECT * FROM targets
    WHERE program_id = ${programId} AND (${page.after ?? null}::text IS NULL OR id > ${page.after ?? null})
    ORDER BY id LIMIT ${page.limit}`.execute(db);
  return rows.map((r) => toTarget(r, settings.home_currency));
}

/** Changes what the patch names. Alerts already published for the current period stay published. */
export async function updateTarget(
  db: Kysely<Database>,
  clock: Clock,
  programId: string,
  settings: Pick<ProgramSettings, 'home_currency'>,
  id: string,
  patch: TargetPatch,
): Promise<Target> {
  const { rows } = await sql<TargetRow>`
    UPDATE targets SET
      name = CASE WHEN ${patch.name !== undefined} THEN ${patch.name ?? null} ELSE name END,
      metric = coalesce(${patch.metric ?? null}, metric),
      period = coalesce(${patch.period ?? null}, period),
      value = coalesce(${patch.value ?? null}::bigint, value),
      alert_below_bps = coalesce(${patch.alert_below_percent === undefined ? null : toBps(patch.alert_below_percent)}::int, alert_below_bps),
      status = coalesce(${patch.status ?? null}, status),
      updated_at = ${clock.now()}
    WHERE program_id = ${programId} AND id = ${id}
    RETURNING *`.execute(db);
  if (rows.length === 0) throw new NotFoundError('target', id);
  return toTarget(rows[0]!, settings.home_currency);
}

/** Removes the target; the alerts it published stay in the feed and in target_alerts. */
export async function deleteTarget(db: Kysely<Database>, programId: string, id: string): Promise<void> {
  const { numAffectedRows } = await sql`DELETE FROM targets WHERE program_id = ${programId} AND id = ${id}`.execute(db);
  if (numAffectedRows === 0n) throw new NotFoundError('target', id);
}

export interface Period {
  key: string;
  start: Date;
  end: Date;
  /** The period is judged from here: the end of its first local day, before which one quiet hour would alert. */
  judgedFrom: Date;
}

/** The ISO week or calendar month `at` falls in, on the program's wall clock. */
export function periodOf(at: Date, period: TargetPeriod, timeZone: string): Period {
  const start = period === 'week' ? startOfIsoWeek(at, timeZone) : startOfMonth(at, timeZone);
  // Half a period on from its start is always inside it; the period after starts a whole period on, DST or not.
  const end =
    period === 'week'
      ? startOfIsoWeek(addDays(start, 7.5), timeZone)
      : startOfMonth(addDays(start, 40), timeZone);
  // 26 hours after local midnight is always inside the second local day (days are 23 to 25 hours long).
  const judgedFrom = startOfDay(new Date(start.getTime() + 26 * 3_600_000), timeZone);
  return { key: period === 'week' ? isoWeekKey(at, timeZone) : monthKey(at, timeZone), start, end, judgedFrom };
}

export interface PeriodFigures {
  /** Net revenue in minor units of the home currency. */
  revenue: number;
  /** Sales whose revenue is in `revenue` (those with an FX rate), for the average check. */
  convertedSales: number;
  salesCount: number;
  activeMembers: number;
  unconverted: { currency: string; sales: number; amount: number }[];
}

/**
 * The sales of a period to date, counted as the dashboard counts them (src/analytics/dashboard.ts salesFigures), so
 * a target's actual and the dashboard's figure for the same days agree: purchases that happened in [from, to) and
 * were recorded by asOf, less their returns recorded by asOf, each in the home currency at the FX rate in force when
 * the purchase happened; a sale is a purchase not returned in full.
 */
export async function periodFigures(trx: Transaction<Database>, programId: string, settings: TargetSettings, from: Date, to: Date, asOf: Date): Promise<PeriodFigures> {
  const f = await salesFigures(trx, programId, settings, { from, to, asOf });
  return { revenue: f.revenue, convertedSales: f.convertedSales, salesCount: f.sales, activeMembers: f.activeMembers, unconverted: f.unconverted };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const roundRatio = (n: bigint, d: bigint) => (d === 0n ? 0 : Number((n * 2n + d) / (2n * d)));

/** The pace of a target's period at asOf: pure arithmetic over the period's figures, exact where it decides. */
export function judge(
  target: Pick<Target, 'id' | 'metric' | 'period' | 'value' | 'alert_below_percent'>,
  period: Period,
  asOf: Date,
  figures: PeriodFigures,
  homeCurrency: string,
): Omit<TargetProgress, 'alert'> {
  const bps = BigInt(toBps(target.alert_below_percent));
  const value = BigInt(target.value);
  const total = BigInt(period.end.getTime() - period.start.getTime());
  const elapsed = BigInt(Math.min(Math.max(asOf.getTime() - period.start.getTime(), 0), period.end.getTime() - period.start.getTime()));
  const early = asOf.getTime() < period.judgedFrom.getTime();
  let actual: number | null;
  let expected: number;
  let projected: number | null;
  let pace: number | null;
  let onTrack: boolean | null;
  if (target.metric === 'average_check') {
    const sales = BigInt(figures.convertedSales);
    actual = sales === 0n ? null : averageCheck(figures.revenue, figures.convertedSales);
    expected = target.value;
    projected = actual;
    pace = actual === null ? null : round2((figures.revenue / figures.convertedSales / target.value) * 100);
    // revenue ÷ sales ≥ (1 - alert) × value, without rounding the average first.
    onTrack = sales === 0n ? null : BigInt(figures.revenue) * 10_000n >= (10_000n - bps) * value * sales;
  } else {
    const measured = target.metric === 'revenue' ? figures.revenue : target.metric === 'sales_count' ? figures.salesCount : figures.activeMembers;
    actual = measured;
    expected = roundRatio(value * elapsed, total);
    projected = elapsed === 0n ? null : roundRatio(BigInt(measured) * total, elapsed);
    pace = elapsed === 0n ? null : round2((measured * Number(total)) / (target.value * Number(elapsed)) * 100);
    // actual ÷ (value × elapsed ÷ total) ≥ 1 - alert, cross-multiplied so nothing is rounded before the comparison.
    onTrack = BigInt(measured) * 10_000n * total >= (10_000n - bps) * value * elapsed;
  }
  return {
    target_id: target.id,
    metric: target.metric,
    period: target.period,
    period_key: period.key,
    period_start: period.start.toISOString(),
    period_end: period.end.toISOString(),
    as_of: asOf.toISOString(),
    elapsed_percent: round2((Number(elapsed) / Number(total)) * 100),
    currency: MONEY_METRICS.has(target.metric) ? homeCurrency : null,
    target: target.value,
    actual,
    expected,
    pace_percent: pace,
    projected,
    threshold_percent: round2(100 - target.alert_below_percent),
    status: early || onTrack === null ? 'not_judged' : onTrack ? 'on_track' : 'off_track',
    judged_from: period.judgedFrom.toISOString(),
    figures: {
      revenue: { amount: figures.revenue, currency: homeCurrency },
      sales_count: figures.salesCount,
      active_members: figures.activeMembers,
      unconverted: figures.unconverted,
    },
  };
}

async function alertOf(db: Kysely<Database>, targetId: string, periodKey: string): Promise<TargetProgress['alert']> {
  const { rows } = await sql<{ off_track_at: Date; back_on_track_at: Date | null }>`
    SELECT off_track_at, back_on_track_at FROM target_alerts WHERE target_id = ${targetId} AND period_key = ${periodKey}`.execute(db);
  const row = rows[0];
  return row ? { off_track_at: row.off_track_at.toISOString(), back_on_track_at: row.back_on_track_at?.toISOString() ?? null } : null;
}

async function measure(
  trx: Transaction<Database>,
  programId: string,
  settings: TargetSettings,
  target: Target,
  asOf: Date,
) {
  const period = periodOf(asOf, target.period, settings.timezone);
  // Up to asOf inclusive: a sale at asOf has happened by then.
  const figures = await periodFigures(trx, programId, settings, period.start, new Date(Math.min(asOf.getTime() + 1, period.end.getTime())), asOf);
  return { ...judge(target, period, asOf, figures, settings.home_currency), alert: await alertOf(trx, target.id, period.key) };
}

/** The target's period at asOf, measured in one read-only snapshot under the analytics timeout. */
export async function targetProgress(
  db: Kysely<Database>,
  reader: AnalyticsReader,
  programId: string,
  settings: TargetSettings,
  id: string,
  asOf: Date,
): Promise<TargetProgress> {
  const target = await getTarget(db, programId, settings, id);
  return analyticsRead(db, reader, (trx) => measure(trx, programId, settings, target, asOf));
}

export interface TargetsTally {
  checked: number;
  offTrack: number;
  backOnTrack: number;
}

/** The job measures with the analytics read path too, with a timeout of its own (it has no request to answer). */
const JOB_READER: AnalyticsReader = { timeoutMs: 60_000 };

/**
 * The targets job: every active target that existed at asOf is measured in its period at asOf. Off track, it
 * publishes target.off_track unless the period already has its alert; back on track after an alert, it publishes
 * target.back_on_track once. Each publication is the alert row and its event in one transaction, the row's key
 * (target, period) deciding: two instances running at once publish once, and a rerun publishes nothing more.
 */
export async function runTargets(
  db: Kysely<Database>,
  programId: string,
  settings: TargetSettings,
  asOf: Date,
  now: Date,
): Promise<TargetsTally> {
  const tally: TargetsTally = { checked: 0, offTrack: 0, backOnTrack: 0 };
  const { rows } = await sql<TargetRow>`SELECT * FROM targets
    WHERE program_id = ${programId} AND status = 'active' AND created_at <= ${asOf} ORDER BY id`.execute(db);
  for (const row of rows) {
    const target = toTarget(row, settings.home_currency);
    const progress = await analyticsRead(db, JOB_READER, (trx) => measure(trx, programId, settings, target, asOf));
    tally.checked += 1;
    if (progress.status === 'off_track' && progress.alert === null) {
      if (await publishOffTrack(db, programId, target, progress, now)) tally.offTrack += 1;
    } else if (progress.status === 'on_track' && progress.alert !== null && progress.alert.back_on_track_at === null) {
      if (await publishBackOnTrack(db, programId, target, progress, now)) tally.backOnTrack += 1;
    }
  }
  return tally;
}

/**
 * A target event is placed by its target (events.member_id is the target id, as a gift card's events are placed by
 * the card): every event names its shard, and a program-level fact has no member. target_alerts is distributed by the
 * same id, so the alert row and the event are one single-worker transaction on a cluster.
 */
async function insertTargetEvent(trx: Transaction<Database>, programId: string, type: string, eventId: string, target: Target, progress: TargetProgress, now: Date) {
  await sql`INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data)
    VALUES (${programId}, ${eventId}, ${type}, ${target.id}, ${new Date(progress.as_of)}, ${now},
            ${JSON.stringify({ target, progress })}::jsonb)`.execute(trx);
}

async function publishOffTrack(db: Kysely<Database>, programId: string, target: Target, progress: TargetProgress, now: Date): Promise<boolean> {
  const eventId = newId('event');
  const alerted = { ...progress, alert: { off_track_at: progress.as_of, back_on_track_at: null } };
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql`
      INSERT INTO target_alerts (target_id, period_key, program_id, off_track_at, off_track_event_id, off_track_progress, recorded_at)
      VALUES (${target.id}, ${progress.period_key}, ${programId}, ${new Date(progress.as_of)}, ${eventId}, ${JSON.stringify(alerted)}::jsonb, ${now})
      ON CONFLICT (target_id, period_key) DO NOTHING RETURNING target_id`.execute(trx);
    if (rows.length === 0) return false;
    await insertTargetEvent(trx, programId, 'target.off_track', eventId, target, alerted, now);
    return true;
  });
}

async function publishBackOnTrack(db: Kysely<Database>, programId: string, target: Target, progress: TargetProgress, now: Date): Promise<boolean> {
  const eventId = newId('event');
  const alerted = { ...progress, alert: { off_track_at: progress.alert!.off_track_at, back_on_track_at: progress.as_of } };
  return db.transaction().execute(async (trx) => {
    // The row lock serialises two instances; the second re-reads the row and finds it already back on track.
    const { rows } = await sql`
      UPDATE target_alerts SET back_on_track_at = ${new Date(progress.as_of)}, back_on_track_event_id = ${eventId}
       WHERE target_id = ${target.id} AND period_key = ${progress.period_key} AND back_on_track_at IS NULL
      RETURNING target_id`.execute(trx);
    if (rows.length === 0) return false;
    await insertTargetEvent(trx, programId, 'target.back_on_track', eventId, target, alerted, now);
    return true;
  });
}
