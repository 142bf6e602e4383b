import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/pool.ts';
import { readFeed, toEventJson, type EventRow, type FeedCursor } from '../events/feed.ts';
import { isDistributedDb } from '../db/placement.ts';
import { newId } from '../ids.ts';
import type { Metrics } from '../observability/metrics.ts';
import { redactUrlsIn } from '../observability/redact-url.ts';
import { hasCredentials, PrivateAddressError, publicOnlyDispatcher, refusedLiteral } from './network.ts';
import { webhookHeaders } from './signing.ts';
import { setPendingDue } from './endpoints.ts';

/**
 * Webhook delivery, in two steps any number of instances run at once:
 *
 * 1. Fan-out: each enabled endpoint's cursor follows its program's event feed; the events after it become one
 *    delivery each (unique per endpoint and event), and the cursor moves, in one transaction that holds the
 *    endpoint's row (SKIP LOCKED: another instance takes another endpoint meanwhile).
 * 2. Delivery: a worker claims due deliveries in one statement (SKIP LOCKED), which gives each an attempt number
 *    and a lease, commits, sends, then records the outcome only if the delivery's attempt number is still its own.
 *    A worker that dies loses nothing: its lease runs out and another worker makes the next attempt.
 *
 * Delivery is at least once (a receiver that answered but whose worker died before recording gets it again), keyed
 * by `webhook-id` so receivers can drop repeats; order is not guaranteed.
 */

export interface WebhookSettings {
  /** One attempt's limit, connecting to reading the answer. */
  timeoutMs: number;
  /** How long a delivery is retried, and how long an endpoint may fail before it is disabled. */
  retryHours: number;
  /** How long a claimed attempt is its worker's; must exceed timeoutMs. */
  leaseMs: number;
  /** Attempts in flight at once per worker. */
  concurrency: number;
  pollIntervalMs: number;
  /** Whether receivers may be on loopback, private or link-local addresses; if not, such connections are refused. */
  allowPrivateNetworks: boolean;
}

export function webhookSettings(config: Config): WebhookSettings {
  return {
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    retryHours: config.WEBHOOK_RETRY_HOURS,
    leaseMs: config.WEBHOOK_LEASE_MS,
    concurrency: config.WEBHOOK_CONCURRENCY,
    pollIntervalMs: config.WEBHOOK_POLL_INTERVAL_MS,
    allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
  };
}

export interface WebhookDeps {
  db: Db;
  /** Schedules attempts, leases and the retry window. */
  clock: Clock;
  logger: Logger;
  metrics?: Pick<Metrics, 'webhookDeliveries' | 'webhookAttemptDuration'> | undefined;
  settings: WebhookSettings;
  /** The `webhook-timestamp` header: receivers compare it with their own clock, so it is the real time by default. */
  wallClock?: Clock | undefined;
  /** The backoff's jitter source, in [0, 1); tests pin it. */
  random?: (() => number) | undefined;
}

/** Delay after failed attempt n (1-based); the last step repeats. Each is jittered by up to ±10 %. */
export const BACKOFF_MS = [5, 30, 120, 600, 1_800, 3_600, 7_200, 14_400, 28_800].map((s) => s * 1000);

export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[Math.min(Math.max(attempt, 1), BACKOFF_MS.length) - 1]!;
  return Math.round(base * (0.9 + 0.2 * random()));
}

const FANOUT_PAGE = 500;
const FANOUT_MAX_PAGES = 20;
const RESPONSE_SNIPPET_BYTES = 1024;
const USER_AGENT = 'points-ledger-webhooks/1.0 (+https://www.standardwebhooks.com/)';
export const CREDENTIALS_REFUSED = 'refused: the URL carries a user name or password; change it to one without (PATCH /v1/webhooks/{id})';
export const DISABLED_FOR_FAILURES = 'every attempt failed for the whole retry window';

/** Turns the feed into deliveries for every enabled endpoint; returns how many deliveries it created. */
type FanOutDeps = Pick<WebhookDeps, 'db' | 'clock'> & { logger?: Logger | undefined };

export async function fanOut(deps: FanOutDeps): Promise<number> {
  const endpoints = await deps.db.selectFrom('webhook_endpoints').select('id').where('enabled', '=', true).orderBy('id').execute();
  const cluster = await isDistributedDb(deps.db);
  let created = 0;
  for (const { id } of endpoints) {
    for (let page = 0; page < FANOUT_MAX_PAGES; page++) {
      const step = await fanOutEndpoint(deps, id, cluster);
      created += step.created;
      if (!step.more) break;
    }
  }
  return created;
}

async function fanOutEndpoint(deps: FanOutDeps, endpointId: string, cluster: boolean): Promise<{ created: number; more: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      program_id: string;
      event_types: string[];
      cursor_xid: string;
      cursor_seq: number;
      created_snapshot: string;
      cursor_shards: Record<string, [string, string]> | null;
      created_shards: Record<string, string> | null;
    }>`
      SELECT program_id, event_types, cursor_xid::text AS cursor_xid, cursor_seq, created_snapshot::text AS created_snapshot,
             cursor_shards, created_shards
        FROM webhook_endpoints WHERE id = ${endpointId} AND enabled FOR UPDATE SKIP LOCKED`.execute(trx);
    const endpoint = rows[0];
    // Disabled meanwhile, deleted, or another instance is on it.
    if (!endpoint) return { created: 0, more: false };
    const cursor: FeedCursor = cluster
      ? { shards: Object.fromEntries(Object.entries(endpoint.cursor_shards ?? {}).map(([shard, [xid, seq]]) => [shard, { xid, seq: Number(seq) }])) }
      : { single: { xid: endpoint.cursor_xid, seq: Number(endpoint.cursor_seq) } };
    const page = await readFeed(trx, endpoint.program_id, cursor, { limit: FANOUT_PAGE, types: endpoint.event_types });
    if (page.behind_retention) {
      // Disabled for longer than the events' retention: what was pruned cannot be sent; the rest still is.
      deps.logger?.warn({ webhook_id: endpointId, program_id: endpoint.program_id }, 'webhook endpoint fell behind the event retention; pruned events were not delivered');
    }
    // Events that had committed before the endpoint existed are not for it (on a cluster: in their shard's snapshot).
    const createdIn = (e: EventRow) => (cluster ? endpoint.created_shards?.[e.shard] : endpoint.created_snapshot);
    const events = page.events.filter((e) => {
      const snapshot = createdIn(e);
      return snapshot === undefined || !visibleIn(snapshot, e.xid);
    });
    let created = 0;
    if (events.length > 0) {
      const now = deps.clock.now();
      const inserted = await trx
        .insertInto('webhook_deliveries')
        .values(
          events.map((e) => ({
            program_id: endpoint.program_id,
            endpoint_id: endpointId,
            id: newId('delivery'),
            event_id: e.id,
            event_type: e.type,
            event_shard: e.shard,
            event_member: e.member_id,
            event_xid: e.xid,
            event_seq: e.seq,
            next_attempt_at: now,
            lease_until: null,
            last_status_code: null,
            last_error: null,
            created_at: now,
            completed_at: null,
          })),
        )
        .onConflict((oc) => oc.columns(['endpoint_id', 'event_shard', 'event_xid', 'event_seq']).doNothing())
        .returning('id')
        .execute();
      created = inserted.length;
    }
    if (JSON.stringify(page.next) !== JSON.stringify(cursor)) {
      if ('single' in page.next) {
        await sql`UPDATE webhook_endpoints SET cursor_xid = ${page.next.single.xid}::xid8, cursor_seq = ${page.next.single.seq} WHERE id = ${endpointId}`.execute(trx);
      } else {
        const positions = Object.fromEntries(Object.entries(page.next.shards).map(([shard, p]) => [shard, [p.xid, String(p.seq)]]));
        await sql`UPDATE webhook_endpoints SET cursor_shards = ${JSON.stringify(positions)}::jsonb WHERE id = ${endpointId}`.execute(trx);
      }
    }
    return { created, more: page.has_more };
  });
}

/** Whether a transaction had committed in a snapshot (pg_snapshot text `xmin:xmax:xip,...`), as pg_visible_in_snapshot. */
export function visibleIn(snapshot: string, xid: string): boolean {
  const [xmin, xmax, xip = ''] = snapshot.split(':');
  const x = BigInt(xid);
  if (x < BigInt(xmin!)) return true;
  if (x >= BigInt(xmax!)) return false;
  return !xip.split(',').some((running) => running !== '' && BigInt(running) === x);
}

export interface ClaimedDelivery {
  id: string;
  program_id: string;
  endpoint_id: string;
  event_id: string;
  /** The fencing token: this worker's attempt number. */
  attempt: number;
  created_at: Date;
  url: string;
  secret: string;
  /** Null if the event no longer exists. */
  event: EventRow | null;
}

/** Claims up to `limit` due deliveries of enabled endpoints: each gets its next attempt number and a lease. */
export async function claimDue(deps: Pick<WebhookDeps, 'db' | 'clock' | 'settings'>, limit: number): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.settings.leaseMs);
  // The lease is also the next due time: if this worker never reports back, the delivery is due again after it.
  const { rows } = await sql<{
    id: string;
    program_id: string;
    endpoint_id: string;
    event_id: string;
    attempts: number;
    created_at: Date;
    url: string;
    secret: string;
    event_xid: string;
    event_seq: number;
    event_member: string | null;
  }>`
    WITH claimed AS (
      UPDATE webhook_deliveries d
         SET attempts = d.attempts + 1, lease_until = ${leaseUntil}, next_attempt_at = ${leaseUntil}
       WHERE d.id IN (
         SELECT q.id FROM webhook_deliveries q
          WHERE q.status = 'pending' AND q.next_attempt_at <= ${now}
            AND EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.id = q.endpoint_id AND e.enabled)
          ORDER BY q.next_attempt_at
          LIMIT ${limit}
          FOR UPDATE OF q SKIP LOCKED)
      RETURNING d.*)
    SELECT c.id, c.program_id, c.endpoint_id, c.event_id, c.attempts, c.created_at, e.url, e.secret,
           c.event_xid::text AS event_xid, c.event_seq, c.event_member
      FROM claimed c
      JOIN webhook_endpoints e ON e.id = c.endpoint_id`.execute(deps.db);
  const events = await claimedEvents(deps.db, rows);
  return rows.map((r) => ({
    id: r.id,
    program_id: r.program_id,
    endpoint_id: r.endpoint_id,
    event_id: r.event_id,
    attempt: r.attempts,
    created_at: r.created_at,
    url: r.url,
    secret: r.secret,
    event: events.get(`${r.program_id} ${r.event_xid} ${r.event_seq}`) ?? null,
  }));
}

/**
 * The events of claimed deliveries, read apart from the claim: on a cluster the deliveries are on the coordinator and
 * the events in their members' shards, which one statement cannot join. By member where the delivery names it, so
 * only those shards are read. An event pruned meanwhile is simply absent.
 */
async function claimedEvents(db: Db, claimed: { program_id: string; event_xid: string; event_seq: number; event_member: string | null }[]) {
  const found = new Map<string, EventRow>();
  if (claimed.length === 0) return found;
  const members = claimed.every((c) => c.event_member !== null) ? [...new Set(claimed.map((c) => c.event_member!))] : null;
  const { rows } = await sql<EventRow & { program_id: string }>`
    SELECT '' AS shard, ev.program_id, ev.id, ev.type, ev.member_id, ev.occurred_at, ev.recorded_at, ev.data,
           ev.db_xid::text AS xid, ev.seq
      FROM events ev
     WHERE (ev.program_id, ev.db_xid, ev.seq) IN (
             SELECT * FROM unnest(${claimed.map((c) => c.program_id)}::text[], ${claimed.map((c) => c.event_xid)}::xid8[],
                                  ${claimed.map((c) => c.event_seq)}::bigint[]))
       AND (${members}::text[] IS NULL OR ev.member_id = ANY (${members}::text[]))`.execute(db);
  for (const row of rows) found.set(`${row.program_id} ${row.xid} ${row.seq}`, { ...row, seq: Number(row.seq) });
  return found;
}

type AttemptResult = '2xx' | 'non_2xx' | 'timeout' | 'error' | 'aborted';

interface AttemptOutcome {
  result: AttemptResult;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  response: string | null;
}

export type DeliveryOutcome = 'succeeded' | 'retrying' | 'failed' | 'superseded';

/** Sends one claimed attempt and records it. `abort` cuts the request short (the worker is stopping). */
export async function deliver(deps: WebhookDeps, claim: ClaimedDelivery, abort?: AbortSignal): Promise<DeliveryOutcome> {
  const outcome = claim.event
    ? await send(deps, claim, claim.event, abort)
    : { result: 'error' as const, startedAt: deps.clock.now(), durationMs: 0, statusCode: null, error: 'the event no longer exists', response: null };
  return record(deps, claim, outcome, claim.event === null);
}

async function send(deps: WebhookDeps, claim: ClaimedDelivery, event: EventRow, abort: AbortSignal | undefined): Promise<AttemptOutcome> {
  const body = JSON.stringify(toEventJson(claim.program_id, event));
  const timestamp = Math.floor((deps.wallClock ?? systemClock).now().getTime() / 1000);
  const timeout = AbortSignal.timeout(deps.settings.timeoutMs);
  const signal = abort ? AbortSignal.any([timeout, abort]) : timeout;
  const startedAt = deps.clock.now();
  const t0 = performance.now();
  const done = (o: Omit<AttemptOutcome, 'startedAt' | 'durationMs'>): AttemptOutcome => {
    const durationMs = Math.round(performance.now() - t0);
    deps.metrics?.webhookAttemptDuration.observe({ result: o.result }, durationMs / 1000);
    return { ...o, startedAt, durationMs };
  };
  // Registration refuses such URLs; one stored before that rule is refused here rather than by fetch, whose
  // message would quote the password.
  if (hasCredentials(claim.url)) return done({ result: 'error', statusCode: null, error: CREDENTIALS_REFUSED, response: null });
  // net.connect looks up names only, so the guard's lookup never sees a literal IP address: it is checked here.
  const literal = deps.settings.allowPrivateNetworks ? null : refusedLiteral(claim.url);
  if (literal) return done({ result: 'error', statusCode: null, error: literal.message, response: null });
  try {
    const res = await fetch(claim.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        ...webhookHeaders(claim.secret, event.id, timestamp, body),
      },
      body,
      // A 3xx is an answer, and not a 2xx: the receiver must give its final URL.
      redirect: 'manual',
      signal,
      // Connects only to public addresses, whatever the name resolves to at that moment (DNS rebinding).
      ...(deps.settings.allowPrivateNetworks ? {} : { dispatcher: publicOnlyDispatcher() }),
    });
    const response = await readSnippet(res);
    const ok = res.status >= 200 && res.status < 300;
    return done({ result: ok ? '2xx' : 'non_2xx', statusCode: res.status, error: ok ? null : `HTTP ${res.status}`, response });
  } catch (error) {
    if (timeout.aborted) return done({ result: 'timeout', statusCode: null, error: `timed out after ${deps.settings.timeoutMs} ms`, response: null });
    if (abort?.aborted) return done({ result: 'aborted', statusCode: null, error: 'cut short: the worker was stopping', response: null });
    return done({ result: 'error', statusCode: null, error: describe(error), response: null });
  }
}

/** The first kilobyte of the answer; the rest is not read. A body that fails midway keeps what came. */
async function readSnippet(res: Response): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // keep what arrived
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks).subarray(0, RESPONSE_SNIPPET_BYTES);
  return bytes.length === 0 ? null : new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof PrivateAddressError) return cause.message;
  if (cause instanceof Error) {
    const code = (cause as { code?: string }).code;
    return `${error.message}: ${code ? `${code} ` : ''}${cause.message}`.slice(0, 500);
  }
  return error.message.slice(0, 500);
}

async function record(deps: WebhookDeps, claim: ClaimedDelivery, attempt: AttemptOutcome, giveUpNow: boolean): Promise<DeliveryOutcome> {
  // Error messages (fetch's, undici's) may quote the URL, with its credentials and query: admins read them in the API.
  const o = { ...attempt, error: attempt.error === null ? null : redactUrlsIn(attempt.error) };
  const now = deps.clock.now();
  const windowMs = deps.settings.retryHours * 3_600_000;
  const succeeded = o.result === '2xx';
  const windowEnd = claim.created_at.getTime() + windowMs;
  // An attempt cut short by a shutdown says nothing about the receiver: it is due again at once, for another instance.
  const aborted = o.result === 'aborted';
  const giveUp = !succeeded && !aborted && (giveUpNow || now.getTime() >= windowEnd);
  // The last retry falls at the end of the window rather than past it.
  const nextAttemptAt =
    succeeded || giveUp ? null : aborted ? now : new Date(Math.min(now.getTime() + backoffMs(claim.attempt, deps.random), windowEnd));
  const status = succeeded ? 'succeeded' : giveUp ? 'failed' : 'pending';

  const applied = await deps.db.transaction().execute(async (trx) => {
    // The attempt happened whether or not it is still the current one, so it is always logged (unless the endpoint
    // was deleted meanwhile).
    await sql`
      INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, response)
      SELECT id, ${claim.attempt}, ${o.startedAt}, ${o.durationMs}, ${o.statusCode}, ${o.error}, ${o.response}
        FROM webhook_deliveries WHERE id = ${claim.id}
      ON CONFLICT DO NOTHING`.execute(trx);
    const updated = await trx
      .updateTable('webhook_deliveries')
      .set({
        status,
        next_attempt_at: nextAttemptAt,
        lease_until: null,
        last_status_code: o.statusCode,
        last_error: o.error,
        completed_at: status === 'pending' ? null : now,
      })
      .where('id', '=', claim.id)
      // Fencing: a worker whose lease ran out and was taken over no longer owns the delivery.
      .where('attempts', '=', claim.attempt)
      .returning('id')
      .executeTakeFirst();
    return updated !== undefined;
  });
  if (!applied) {
    deps.logger.warn({ webhook_id: claim.endpoint_id, delivery_id: claim.id, attempt: claim.attempt }, 'webhook attempt finished after its lease was taken over');
    return 'superseded';
  }
  const outcome: DeliveryOutcome = succeeded ? 'succeeded' : giveUp ? 'failed' : 'retrying';
  if (aborted) return outcome;
  deps.metrics?.webhookDeliveries.inc({ outcome });
  if (succeeded) {
    await sql`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ${claim.endpoint_id} AND failing_since IS NOT NULL`.execute(deps.db);
    return outcome;
  }
  deps.logger.warn(
    {
      webhook_id: claim.endpoint_id,
      delivery_id: claim.id,
      event_id: claim.event_id,
      attempt: claim.attempt,
      status_code: o.statusCode,
      error: o.error,
      duration_ms: o.durationMs,
      next_attempt_at: nextAttemptAt?.toISOString() ?? null,
    },
    giveUp ? 'webhook attempt failed; delivery given up' : 'webhook attempt failed; will retry',
  );
  await endpointFailed(deps, claim.endpoint_id, now, windowMs);
  return outcome;
}

/** Starts the endpoint's failure record, or disables it when it has been failing for the whole retry window. */
async function endpointFailed(deps: WebhookDeps, endpointId: string, now: Date, windowMs: number): Promise<void> {
  const cutoff = new Date(now.getTime() - windowMs);
  const disabled = await deps.db
    .updateTable('webhook_endpoints')
    .set({ enabled: false, disabled_reason: DISABLED_FOR_FAILURES, updated_at: now })
    .where('id', '=', endpointId)
    .where('enabled', '=', true)
    .where('failing_since', '<=', cutoff)
    .returning(['program_id', 'failing_since'])
    .executeTakeFirst();
  if (disabled) {
    await setPendingDue(deps.db, endpointId, now, null);
    deps.logger.warn({ webhook_id: endpointId, program_id: disabled.program_id, failing_since: disabled.failing_since }, 'webhook endpoint disabled after failing for the retry window');
    return;
  }
  await deps.db.updateTable('webhook_endpoints').set({ failing_since: now }).where('id', '=', endpointId).where('failing_since', 'is', null).execute();
}

export interface RunSummary {
  fannedOut: number;
  attempts: number;
  succeeded: number;
  /** Attempts that failed, whether retried later or given up. */
  failed: number;
}

/**
 * One pass, for tests and tools: fan out, then deliver everything due (up to `concurrency` at a time) until
 * nothing is due. Deterministic with a fixed clock: a failed attempt is due again only once the clock moves.
 */
export async function runWebhooksOnce(deps: WebhookDeps, options: { maxAttempts?: number } = {}): Promise<RunSummary> {
  const summary: RunSummary = { fannedOut: await fanOut(deps), attempts: 0, succeeded: 0, failed: 0 };
  const max = options.maxAttempts ?? 10_000;
  while (summary.attempts < max) {
    const claims = await claimDue(deps, Math.min(deps.settings.concurrency, max - summary.attempts));
    if (claims.length === 0) break;
    const outcomes = await Promise.all(claims.map((c) => deliver(deps, c)));
    summary.attempts += claims.length;
    for (const o of outcomes) {
      if (o === 'succeeded') summary.succeeded++;
      else if (o !== 'superseded') summary.failed++;
    }
  }
  return summary;
}

export interface WebhookWorker {
  /** Stops polling, waits for the attempts in flight (cut short after `stopGraceMs`) and for their records. */
  stop(): Promise<void>;
  /** Looks for work now instead of at the next poll (after an admin queued a retry, say). */
  kick(): void;
}

/**
 * The background worker of one instance: every poll interval (and on kick) it fans out and claims what is due, up
 * to `concurrency` attempts in flight; a finished attempt frees its slot for the next due delivery at once.
 */
export function startWebhookWorker(deps: WebhookDeps & { stopGraceMs?: number | undefined }): WebhookWorker {
  const log = deps.logger.child({ component: 'webhooks' });
  const workerDeps: WebhookDeps = { ...deps, logger: log };
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  let stopped = false;
  let cycle: Promise<void> | null = null;
  let pending: 'none' | 'deliver' | 'full' = 'none';

  const runCycle = async (full: boolean) => {
    if (full) {
      const created = await fanOut(workerDeps);
      if (created > 0) log.debug({ created }, 'webhook deliveries created');
    }
    while (!stopped) {
      const free = deps.settings.concurrency - inFlight.size;
      if (free <= 0) return;
      const claims = await claimDue(workerDeps, free);
      for (const claim of claims) {
        const attempt: Promise<void> = deliver(workerDeps, claim, stopping.signal)
          .then(() => undefined)
          .catch((error: unknown) => log.error({ err: error, delivery_id: claim.id }, 'recording a webhook attempt failed; its lease will expire and it will be retried'))
          .finally(() => {
            inFlight.delete(attempt);
            schedule(false);
          });
        inFlight.add(attempt);
      }
      if (claims.length < free) return;
    }
  };

  const schedule = (full: boolean) => {
    if (stopped) return;
    if (cycle) {
      pending = full || pending === 'full' ? 'full' : 'deliver';
      return;
    }
    cycle = runCycle(full)
      .catch((error: unknown) => log.error({ err: error }, 'webhook worker cycle failed'))
      .finally(() => {
        cycle = null;
        const next = pending;
        pending = 'none';
        if (next !== 'none') schedule(next === 'full');
      });
  };

  const timer = setInterval(() => schedule(true), deps.settings.pollIntervalMs);
  timer.unref();
  schedule(true);

  return {
    kick: () => schedule(true),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await cycle;
      const grace = setTimeout(() => stopping.abort(), deps.stopGraceMs ?? deps.settings.timeoutMs);
      await Promise.allSettled([...inFlight]);
      clearTimeout(grace);
    },
  };
}
