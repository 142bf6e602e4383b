import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database, MemberAttributes, MemberConsents } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { ProgramSettings } from '../programs/settings.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../errors.ts';
import { newId } from '../ids.ts';
import { localMinuteOfDay, startOfDay, startOfIsoWeek } from '../calendar.ts';
import { getSegment, ruleContext, segmentPredicate, type RuleSettings } from '../analytics/segments.ts';
import { boundValues } from '../analytics/segment-rule.ts';
import { segmentNames, type RfmGrid } from '../analytics/rfm.ts';
import type {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  NotificationAudience,
  NotificationCounts,
  NotificationDispatchData,
  NotificationReceiptRecord,
  NotificationRecord,
  RECEIPT_STATUSES,
} from '../schemas/notification.ts';

/**
 * Notifications (engagement.md "Notifications"): a message to an audience on some channels. The notifications job
 * fans it out in batches of members in id order; each batch is one transaction that writes, per member and channel,
 * the decision (dispatched, or why not) under the dispatch key, the notification.dispatch event of each dispatch, the
 * member's engagement touch, and the notification's cursor. A crash loses the open batch whole and the next run redoes
 * it; the dispatch key makes any overlap insert nothing twice.
 */

export type Channel = (typeof NOTIFICATION_CHANNELS)[number];
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];
export type Audience = z.infer<typeof NotificationAudience>;
export type Notification = z.infer<typeof NotificationRecord>;
export type Counts = z.infer<typeof NotificationCounts>;
export type NotificationReceipt = z.infer<typeof NotificationReceiptRecord>;
export type DispatchData = z.infer<typeof NotificationDispatchData>;

export interface NotificationInput {
  audience: Audience;
  channels: Channel[];
  title: string;
  body: string;
  data?: Record<string, unknown> | undefined;
  scheduled_at?: string | undefined;
  holdout_percent?: number | undefined;
  expires_at?: string | undefined;
}

/** What sending reads of the program's settings. */
export type NotificationSettings = RuleSettings & Pick<ProgramSettings, 'engagement'>;

interface NotificationRow {
  program_id: string;
  id: string;
  status: NotificationStatus;
  audience: Audience;
  channels: Channel[];
  title: string;
  body: string;
  data: Record<string, unknown>;
  scheduled_at: Date;
  holdout_bps: number;
  expires_at: Date | null;
  cursor: string | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  cancelled_at: Date | null;
}

/** Members per batch transaction: large enough to send 100,000 in a hundred commits, small enough to hold locks briefly. */
export const NOTIFICATION_BATCH = 1000;

/**
 * After each batch the job rests this many times as long as the batch took, so a send takes at most a quarter of the
 * time the database gives it and the ledger's writes keep the rest (issue 16: the mixed write load's p99 may not move
 * by more than 20 % while 100,000 members are sent). Measured on the 2-core development machine with 30,000 members
 * (bench/scenarios/notifications.ts): without rest 2.7x the p99 at 2,900 dispatches/s, with it 1.2x at 1,200/s.
 */
const REST_PER_BATCH_TIME = 3;

const NO_COUNTS: Counts = {
  audience: 0,
  skipped: { consent: 0, no_address: 0, frequency_cap: 0, quiet_hours: 0 },
  holdout: 0,
  dispatched: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
};

function toNotification(row: NotificationRow, counts: Counts): Notification {
  return {
    id: row.id,
    status: row.status,
    audience: row.audience,
    channels: row.channels,
    title: row.title,
    body: row.body,
    data: row.data,
    scheduled_at: row.scheduled_at.toISOString(),
    holdout_percent: row.holdout_bps / 100,
    expires_at: row.expires_at?.toISOString() ?? null,
    counts,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    finished_at: row.finished_at?.toISOString() ?? null,
    cancelled_at: row.cancelled_at?.toISOString() ?? null,
  };
}

/** The counts of each notification among `ids`, from its recipient rows and receipts. */
async function countsOf(db: Kysely<Database>, programId: string, ids: string[]): Promise<Map<string, Counts>> {
  const counts = new Map(ids.map((id) => [id, structuredClone(NO_COUNTS)]));
  if (ids.length === 0) return counts;
  const { rows: decided } = await sql<{ notification_id: string; outcome: string; pairs: string; members: string }>`
    SELECT notification_id, outcome, count(*)::text AS pairs, count(DISTINCT member_id)::text AS members
      FROM notification_recipients WHERE program_id = ${programId} AND notification_id = ANY(${ids}::text[])
     GROUP BY notification_id, outcome`.execute(db);
  const { rows: audience } = await sql<{ notification_id: string; members: string }>`
    SELECT notification_id, count(DISTINCT member_id)::text AS members
      FROM notification_recipients WHERE program_id = ${programId} AND notification_id = ANY(${ids}::text[])
     GROUP BY notification_id`.execute(db);
  const { rows: receipts } = await sql<{ notification_id: string; status: ReceiptStatus; n: string }>`
    SELECT notification_id, status, count(*)::text AS n
      FROM notification_receipts WHERE program_id = ${programId} AND notification_id = ANY(${ids}::text[])
     GROUP BY notification_id, status`.execute(db);
  for (const r of decided) {
    const c = counts.get(r.notification_id)!;
    if (r.outcome === 'dispatched') c.dispatched = Number(r.pairs);
    // A member is held out on all channels at once: count members, not pairs.
    else if (r.outcome === 'holdout') c.holdout = Number(r.members);
    else c.skipped[r.outcome as keyof Counts['skipped']] = Number(r.pairs);
  }
  for (const r of audience) counts.get(r.notification_id)!.audience = Number(r.members);
  for (const r of receipts) counts.get(r.notification_id)![r.status] = Number(r.n);
  return counts;
}

async function withCounts(db: Kysely<Database>, programId: string, rows: NotificationRow[]): Promise<Notification[]> {
  const counts = await countsOf(db, programId, rows.map((r) => r.id));
  return rows.map((r) => toNotification(r, counts.get(r.id)!));
}

function audienceRefusal(pointer: string, message: string) {
  return new UnprocessableError('invalid_audience', `${pointer.slice(1)} ${message}`, { errors: [{ pointer, location: 'body', message }] });
}

/** The audience must name what exists now: a segment of the program, an RFM segment of its grid, its members. */
async function checkAudience(db: Kysely<Database>, programId: string, settings: RuleSettings, audience: Audience): Promise<void> {
  if ('segment_id' in audience) {
    try {
      await getSegment(db, programId, audience.segment_id);
    } catch (error) {
      if (error instanceof NotFoundError) throw audienceRefusal('/audience/segment_id', 'names no segment of this program');
      throw error;
    }
  } else if ('rfm_segment' in audience) {
    const known = segmentNames(settings.rfm.grid as RfmGrid);
    if (!known.includes(audience.rfm_segment)) throw audienceRefusal('/audience/rfm_segment', `must be a segment of the program's RFM grid: ${known.join(', ')}`);
  } else if ('member_ids' in audience) {
    const ids = audience.member_ids;
    const { rows } = await sql<{ id: string }>`SELECT id FROM members WHERE program_id = ${programId} AND id = ANY(${[...new Set(ids)]}::text[])`.execute(db);
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.map((m, i) => [m, i] as const).filter(([m]) => !found.has(m));
    if (missing.length > 0) {
      throw new UnprocessableError('member_not_in_program', `No member of this program with id ${missing.slice(0, 10).map(([m]) => m).join(', ')}${missing.length > 10 ? ', ...' : ''}.`, {
        errors: missing.map(([, i]) => ({ pointer: `/audience/member_ids/${i}`, location: 'body', message: 'names no member of this program' })),
      });
    }
  }
}

export async function createNotification(db: Kysely<Database>, clock: Clock, programId: string, settings: RuleSettings, input: NotificationInput): Promise<Notification> {
  await checkAudience(db, programId, settings, input.audience);
  const now = clock.now();
  const { rows } = await sql<NotificationRow>`
    INSERT INTO notifications (program_id, id, status, audience, channels, title, body, data, scheduled_at, holdout_bps, expires_at, created_at, updated_at)
    VALUES (${programId}, ${newId('notification')}, 'scheduled', ${JSON.stringify(input.audience)}::jsonb, ${[...new Set(input.channels)]}::text[],
            ${input.title}, ${input.body}, ${JSON.stringify(input.data ?? {})}::jsonb, ${input.scheduled_at ? new Date(input.scheduled_at) : now},
            ${Math.round((input.holdout_percent ?? 0) * 100)}, ${input.expires_at ? new Date(input.expires_at) : null}, ${now}, ${now})
    RETURNING *`.execute(db);
  return toNotification(rows[0]!, structuredClone(NO_COUNTS));
}

async function notificationRow(db: Kysely<Database>, programId: string, id: string): Promise<NotificationRow> {
  const { rows } = await sql<NotificationRow>`SELECT * FROM notifications WHERE program_id = ${programId} AND id = ${id}`.execute(db);
  if (rows.length === 0) throw new NotFoundError('notification', id);
  return rows[0]!;
}

/** The notification with its counts; NotFoundError (404 notification_not_found) when the program has none by that id. */
export async function getNotification(db: Kysely<Database>, programId: string, id: string): Promise<Notification> {
  return (await withCounts(db, programId, [await notificationRow(db, programId, id)]))[0]!;
}

/** The program's notifications, newest first (ids sort by creation), optionally of one status. */
export async function listNotifications(
  db: Kysely<Database>,
  programId: string,
  filter: { status?: NotificationStatus | undefined },
  page: { limit: number; before?: string | undefined },
): Promise<Notification[]> {
  const { rows } = await sql<NotificationRow>`SELECT * FROM notifications
    WHERE program_id = ${programId}
      AND (${filter.status ?? null}::text IS NULL OR status = ${filter.status ?? null})
      AND (${page.before ?? null}::text IS NULL OR id < ${page.before ?? null})
    ORDER BY id DESC LIMIT ${page.limit}`.execute(db);
  return withCounts(db, programId, rows);
}

/**
 * Stops a scheduled or sending notification. The batch being sent, if any, finishes first (the cancel waits for its
 * row lock): what it handed over stays handed over, and no batch starts after. A sent notification is 409.
 * Cancelling a cancelled one answers it as it is.
 */
export async function cancelNotification(db: Kysely<Database>, clock: Clock, programId: string, id: string): Promise<Notification> {
  const now = clock.now();
  const { rows } = await sql<NotificationRow>`
    UPDATE notifications SET status = 'cancelled', cancelled_at = ${now}, updated_at = ${now}
     WHERE program_id = ${programId} AND id = ${id} AND status IN ('scheduled', 'sending')
    RETURNING *`.execute(db);
  const row = rows[0] ?? (await notificationRow(db, programId, id));
  if (row.status === 'sent') {
    throw new ConflictError('notification_sent', 'The notification was sent in full: there is nothing left to cancel.', { finished_at: row.finished_at?.toISOString() ?? null });
  }
  return (await withCounts(db, programId, [row]))[0]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Sending

/** Whether the member is in the holdout: a stable hash of (notification, member) below the holdout share. */
export function heldOut(notificationId: string, memberId: string, holdoutBps: number): boolean {
  if (holdoutBps <= 0) return false;
  const digest = createHash('sha256').update(`${notificationId}:${memberId}`).digest();
  return digest.readUInt32BE(0) % 10_000 < holdoutBps;
}

const parseLocalTime = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in the program's quiet hours (from inclusive, to exclusive; from > to spans midnight). */
export function inQuietHours(at: Date, settings: Pick<ProgramSettings, 'engagement' | 'timezone'>): boolean {
  const quiet = settings.engagement.quiet_hours;
  if (!quiet) return false;
  const minute = localMinuteOfDay(at, settings.timezone);
  const from = parseLocalTime(quiet.from);
  const to = parseLocalTime(quiet.to);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** What a message to a member reads of them: its fields, its channels' consents and addresses. */
export interface MemberForMessage {
  id: string;
  loyalty_id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  attributes: MemberAttributes;
  consents: MemberConsents;
}

/**
 * Fills {{field}} placeholders from the member record: first_name and last_name (the name split at its first space),
 * name, loyalty_id, phone, email, and attributes.<key>; then from `vars`, what the sender adds (a journey: its
 * trigger's data and the code it issued). A field the member lacks, or one we do not know, is empty: a customer never
 * sees a placeholder.
 */
export function fillTemplate(
  template: string,
  member: Pick<MemberForMessage, 'loyalty_id' | 'name' | 'phone' | 'email' | 'attributes'>,
  vars: Record<string, unknown> = {},
): string {
  const name = member.name?.trim() ?? '';
  const space = name.indexOf(' ');
  const fields: Record<string, string> = {
    first_name: space < 0 ? name : name.slice(0, space),
    last_name: space < 0 ? '' : name.slice(space + 1).trim(),
    name,
    loyalty_id: member.loyalty_id,
    phone: member.phone ?? '',
    email: member.email ?? '',
  };
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g, (_, field: string) => {
    if (field.startsWith('attributes.')) {
      const value = member.attributes[field.slice('attributes.'.length)];
      return value === undefined ? '' : String(value);
    }
    const extra = vars[field];
    return fields[field] ?? (typeof extra === 'string' || typeof extra === 'number' || typeof extra === 'boolean' ? String(extra) : '');
  });
}

/** The members of the audience: active, enrolled by asOf, after `after` in id order. */
function audiencePredicate(row: NotificationRow, settings: RuleSettings, asOf: Date, segment: Awaited<ReturnType<typeof getSegment>> | null): RawBuilder<boolean> {
  const a = row.audience;
  if ('all' in a) return sql<boolean>`true`;
  if ('segment_id' in a) {
    // A segment deleted after the notification was created leaves an empty audience.
    if (!segment) return sql<boolean>`false`;
    return segmentPredicate(segment, boundValues(asOf), ruleContext(row.program_id, settings, asOf));
  }
  if ('rfm_segment' in a) return sql<boolean>`EXISTS (SELECT 1 FROM member_rfm r WHERE r.member_id = m.id AND r.segment = ${a.rfm_segment})`;
  return sql<boolean>`m.id = ANY(${a.member_ids}::text[])`;
}

type Outcome = 'dispatched' | 'holdout' | 'consent' | 'no_address' | 'frequency_cap' | 'quiet_hours';

interface Decision {
  member: MemberForMessage;
  channel: Channel;
  outcome: Outcome;
}

/**
 * Earlier dispatches of each (member, channel) in asOf's local day and ISO week: a notification's, and a journey's
 * notify step's (recorded here too, under its own key), so the caps hold across both.
 */
export async function dispatchesSoFar(trx: Transaction<Database>, memberIds: string[], settings: Pick<ProgramSettings, 'timezone'>, asOf: Date) {
  const dayStart = startOfDay(asOf, settings.timezone);
  const weekStart = startOfIsoWeek(asOf, settings.timezone);
  const { rows } = await sql<{ member_id: string; channel: Channel; day: number; week: number }>`
    SELECT member_id, channel, count(*) FILTER (WHERE decided_at >= ${dayStart})::int AS day, count(*)::int AS week
      FROM notification_recipients
     WHERE member_id = ANY(${memberIds}::text[]) AND outcome = 'dispatched'
       AND decided_at >= ${weekStart < dayStart ? weekStart : dayStart} AND decided_at <= ${asOf}
     GROUP BY member_id, channel`.execute(trx);
  return new Map(rows.map((r) => [`${r.member_id}:${r.channel}`, r]));
}

/**
 * Why a message cannot go to the member on a channel, or null when it can: no consent for the channel, or no phone
 * (sms) or e-mail address (email) to send it to. A dispatch the provider cannot send is not handed over.
 */
export function unreachable(member: Pick<MemberForMessage, 'consents' | 'phone' | 'email'>, channel: Channel): 'consent' | 'no_address' | null {
  if (member.consents[channel]?.granted !== true) return 'consent';
  if ((channel === 'sms' && !member.phone) || (channel === 'email' && !member.email)) return 'no_address';
  return null;
}

/** Whether the member's dispatches so far on a channel (dispatchesSoFar) leave no room under the caps. */
export function overCap(sent: { day: number; week: number } | undefined, cap: ProgramSettings['engagement']['frequency_cap']): boolean {
  return sent !== undefined && ((cap.per_day !== null && sent.day >= cap.per_day) || (cap.per_week !== null && sent.week >= cap.per_week));
}

function decide(row: NotificationRow, members: MemberForMessage[], settings: NotificationSettings, expired: boolean, sent: Map<string, { day: number; week: number }>): Decision[] {
  const cap = settings.engagement.frequency_cap;
  const decisions: Decision[] = [];
  for (const member of members) {
    const holdout = heldOut(row.id, member.id, row.holdout_bps);
    for (const channel of row.channels) {
      let outcome: Outcome;
      const so = sent.get(`${member.id}:${channel}`);
      const cannot = unreachable(member, channel);
      if (holdout) outcome = 'holdout';
      else if (cannot) outcome = cannot;
      else if (expired) outcome = 'quiet_hours';
      else if (overCap(so, cap)) outcome = 'frequency_cap';
      else outcome = 'dispatched';
      decisions.push({ member, channel, outcome });
    }
  }
  return decisions;
}

export type BatchResult = 'more' | 'done' | 'busy' | 'stopped';

/** The advisory lock key (hashed) an instance holds while it sends a batch of the notification. */
export const claimKey = (notificationId: string) => `notification ${notificationId}`;

/**
 * One batch of a due notification, in one transaction. The notification is claimed with a transaction-scoped
 * advisory lock taken without waiting: another instance sending it now holds it ('busy'). Its row is then locked FOR
 * UPDATE SKIP LOCKED against a cancel, and re-read: a cancelled or finished one is gone ('stopped'). The advisory lock
 * is what skips on a cluster too: Citus locks a reference table's row on every placement and does not honour SKIP
 * LOCKED there, so a second instance would wait out the whole batch instead of moving on. Past expires_at
 * (only reached while quiet hours held it, or the job did not run), the rest of the audience is recorded as skipped for
 * quiet hours, still in batches. Answers 'done' when the audience is exhausted (the notification is then sent).
 */
export async function sendBatch(
  db: Kysely<Database>,
  programId: string,
  notificationId: string,
  settings: NotificationSettings,
  asOf: Date,
  now: Date,
  tally: NotificationsTally,
): Promise<BatchResult> {
  return db.transaction().execute(async (trx) => {
    const { rows: lock } = await sql<{ claimed: boolean }>`
      SELECT pg_try_advisory_xact_lock(hashtextextended(${claimKey(notificationId)}::text, 0)) AS claimed`.execute(trx);
    if (!lock[0]!.claimed) return 'busy';
    const { rows: claimed } = await sql<NotificationRow>`
      SELECT * FROM notifications WHERE program_id = ${programId} AND id = ${notificationId} AND status IN ('scheduled', 'sending')
         FOR UPDATE SKIP LOCKED`.execute(trx);
    const row = claimed[0];
    if (!row) {
      const { rows } = await sql<{ status: string }>`SELECT status FROM notifications WHERE program_id = ${programId} AND id = ${notificationId}`.execute(trx);
      return rows[0] && (rows[0].status === 'scheduled' || rows[0].status === 'sending') ? 'busy' : 'stopped';
    }
    // Frequency caps count the member's dispatches of the program's other notifications: batches of two of them on two
    // instances at once would each count without the other's and could both send past a cap. One batch of a program
    // at a time (READ COMMITTED: the cap query below sees every batch committed before the lock was granted).
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`notifications ${programId}`}::text, 0))`.execute(trx);
    const expired = row.expires_at !== null && asOf.getTime() >= row.expires_at.getTime();
    const segment = 'segment_id' in row.audience ? await getSegment(trx, programId, row.audience.segment_id).catch((e: unknown) => {
      if (e instanceof NotFoundError) return null;
      throw e;
    }) : null;
    const { rows: members } = await sql<MemberForMessage>`
      SELECT m.id, m.loyalty_id, m.name, m.phone, m.email, m.attributes, m.consents FROM members m
       WHERE m.program_id = ${programId} AND m.status = 'active' AND m.created_at <= ${asOf}
         AND m.id > ${row.cursor ?? ''} AND ${audiencePredicate(row, settings, asOf, segment)}
       ORDER BY m.id LIMIT ${NOTIFICATION_BATCH}`.execute(trx);
    const done = members.length < NOTIFICATION_BATCH;
    if (members.length > 0) {
      const sent = await dispatchesSoFar(trx, members.map((m) => m.id), settings, asOf);
      await writeBatch(trx, row, decide(row, members, settings, expired, sent), asOf, now, tally);
    }
    await sql`UPDATE notifications SET
        cursor = ${members.at(-1)?.id ?? row.cursor},
        status = ${done ? 'sent' : 'sending'},
        started_at = coalesce(started_at, ${now}),
        finished_at = ${done ? now : null},
        updated_at = ${now}
      WHERE program_id = ${programId} AND id = ${notificationId}`.execute(trx);
    if (done) tally.sent += 1;
    return done ? 'done' : 'more';
  });
}

/** The batch's decisions, their events and touches: inserted under their keys, so a redone batch adds nothing. */
async function writeBatch(trx: Transaction<Database>, row: NotificationRow, decisions: Decision[], asOf: Date, now: Date, tally: NotificationsTally) {
  const eventIds = decisions.map((d) => (d.outcome === 'dispatched' ? newId('event') : null));
  const { rows: inserted } = await sql<{ member_id: string; channel: Channel; outcome: Outcome; event_id: string | null }>`
    INSERT INTO notification_recipients (member_id, notification_id, channel, program_id, outcome, decided_at, event_id)
    SELECT d.member_id, ${row.id}, d.channel, ${row.program_id}, d.outcome, ${asOf}, d.event_id
      FROM unnest(${decisions.map((d) => d.member.id)}::text[], ${decisions.map((d) => d.channel)}::text[],
                  ${decisions.map((d) => d.outcome)}::text[], ${eventIds}::text[]) AS d(member_id, channel, outcome, event_id)
    ON CONFLICT (member_id, notification_id, channel) DO NOTHING
    RETURNING member_id, channel, outcome, event_id`.execute(trx);
  const members = new Map(decisions.map((d) => [d.member.id, d.member]));
  const dispatched = inserted.filter((r) => r.outcome === 'dispatched');
  if (dispatched.length > 0) {
    const data = dispatched.map((r) => {
      const member = members.get(r.member_id)!;
      const payload: DispatchData = {
        dispatch_key: `${r.member_id}:${row.id}:${r.channel}`,
        notification_id: row.id,
        journey_id: null,
        run_id: null,
        step: null,
        member_id: r.member_id,
        channel: r.channel,
        phone: member.phone,
        email: member.email,
        title: fillTemplate(row.title, member),
        body: fillTemplate(row.body, member),
        data: row.data,
      };
      return JSON.stringify(payload);
    });
    // The outbox, as pl_emit writes it (src/events/sql/outbox.sql), one statement for the batch: the events_position
    // trigger stamps each row on the node that stores it.
    await sql`INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data)
      SELECT ${row.program_id}, e.id, 'notification.dispatch', e.member_id, ${asOf}, ${now}, e.data::jsonb
        FROM unnest(${dispatched.map((r) => r.event_id!)}::text[], ${dispatched.map((r) => r.member_id)}::text[], ${data}::text[]) AS e(id, member_id, data)`.execute(trx);
  }
  // One touch per member: dispatch when any channel was dispatched, holdout when held out.
  const touches = new Map<string, 'dispatch' | 'holdout'>();
  for (const r of inserted) {
    if (r.outcome === 'dispatched') touches.set(r.member_id, 'dispatch');
    else if (r.outcome === 'holdout' && !touches.has(r.member_id)) touches.set(r.member_id, 'holdout');
  }
  if (touches.size > 0) {
    await sql`INSERT INTO engagement_touches (member_id, touch_key, program_id, source_kind, source_id, touch, touched_at)
      SELECT t.member_id, ${`notification:${row.id}`}, ${row.program_id}, 'notification', ${row.id}, t.touch, ${asOf}
        FROM unnest(${[...touches.keys()]}::text[], ${[...touches.values()]}::text[]) AS t(member_id, touch)
      ON CONFLICT (member_id, touch_key) DO NOTHING`.execute(trx);
  }
  tally.members += new Set(inserted.map((r) => r.member_id)).size;
  tally.dispatched += dispatched.length;
}

export interface NotificationsTally {
  /** Notifications the run worked on (sent a batch of, or found held by quiet hours). */
  notifications: number;
  /** Members decided in this run (dispatched, held out or skipped on some channel). */
  members: number;
  dispatched: number;
  /** Notifications that finished sending in this run. */
  sent: number;
  /** Notifications due but held by quiet hours. */
  held: number;
}

/**
 * The notifications job: every notification due by asOf (scheduled_at ≤ asOf, scheduled or sending) is sent batch by
 * batch until its audience is exhausted. In quiet hours nothing is sent (a due notification waits, unless it expired:
 * its rest is then recorded as skipped for quiet hours). Dispatch time is asOf, like every job's business time.
 */
export async function runNotifications(db: Kysely<Database>, programId: string, settings: NotificationSettings, asOf: Date, now: Date): Promise<NotificationsTally> {
  const tally: NotificationsTally = { notifications: 0, members: 0, dispatched: 0, sent: 0, held: 0 };
  const { rows } = await sql<{ id: string; expires_at: Date | null }>`
    SELECT id, expires_at FROM notifications
     WHERE program_id = ${programId} AND status IN ('scheduled', 'sending') AND scheduled_at <= ${asOf}
     ORDER BY scheduled_at, id`.execute(db);
  const quiet = inQuietHours(asOf, settings);
  for (const { id, expires_at } of rows) {
    const expired = expires_at !== null && asOf.getTime() >= expires_at.getTime();
    if (quiet && !expired) {
      tally.held += 1;
      continue;
    }
    tally.notifications += 1;
    for (;;) {
      // Wall time, not business time: how long the batch kept the database busy.
      const started = performance.now();
      if ((await sendBatch(db, programId, id, settings, asOf, now, tally)) !== 'more') break;
      await sleep(REST_PER_BATCH_TIME * (performance.now() - started));
    }
  }
  return tally;
}

// ---------------------------------------------------------------------------------------------------------------
// Receipts

export interface ReceiptInput {
  member_id: string;
  channel: Channel;
  status: ReceiptStatus;
  occurred_at?: string | undefined;
}

interface ReceiptRow {
  notification_id: string;
  member_id: string;
  channel: Channel;
  status: ReceiptStatus;
  occurred_at: Date;
  recorded_at: Date;
}

const toReceipt = (r: ReceiptRow): NotificationReceipt => ({
  notification_id: r.notification_id,
  member_id: r.member_id,
  channel: r.channel,
  status: r.status,
  occurred_at: r.occurred_at.toISOString(),
  recorded_at: r.recorded_at.toISOString(),
});

/**
 * Records what the provider reported for a dispatch, once per member, channel and status: a repeat answers the stored
 * receipt (created: false). A member the notification did not dispatch to on that channel is 422
 * notification_not_dispatched.
 */
export async function recordReceipt(
  db: Kysely<Database>,
  clock: Clock,
  programId: string,
  notificationId: string,
  input: ReceiptInput,
): Promise<{ receipt: NotificationReceipt; created: boolean }> {
  await notificationRow(db, programId, notificationId);
  const { rows: dispatched } = await sql<{ outcome: string }>`
    SELECT outcome FROM notification_recipients
     WHERE member_id = ${input.member_id} AND notification_id = ${notificationId} AND channel = ${input.channel} AND program_id = ${programId}`.execute(db);
  if (dispatched[0]?.outcome !== 'dispatched') {
    const message = `was not sent this notification on ${input.channel}`;
    throw new UnprocessableError('notification_not_dispatched', `member_id ${message}.`, {
      errors: [{ pointer: '/member_id', location: 'body', message }],
    });
  }
  const now = clock.now();
  const { rows } = await sql<ReceiptRow>`
    INSERT INTO notification_receipts (member_id, notification_id, channel, status, program_id, occurred_at, recorded_at)
    VALUES (${input.member_id}, ${notificationId}, ${input.channel}, ${input.status}, ${programId},
            ${input.occurred_at ? new Date(input.occurred_at) : now}, ${now})
    ON CONFLICT (member_id, notification_id, channel, status) DO NOTHING
    RETURNING notification_id, member_id, channel, status, occurred_at, recorded_at`.execute(db);
  if (rows[0]) return { receipt: toReceipt(rows[0]), created: true };
  const { rows: stored } = await sql<ReceiptRow>`
    SELECT notification_id, member_id, channel, status, occurred_at, recorded_at FROM notification_receipts
     WHERE member_id = ${input.member_id} AND notification_id = ${notificationId} AND channel = ${input.channel} AND status = ${input.status}`.execute(db);
  return { receipt: toReceipt(stored[0]!), created: false };
}
