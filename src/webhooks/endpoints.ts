import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/pool.ts';
import type { WebhookAttemptTable, WebhookDeliveryStatus, WebhookDeliveryTable, WebhookEndpointTable } from '../db/schema.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { newId } from '../ids.ts';
import { isDistributedDb } from '../db/placement.ts';
import { shardSnapshots } from '../events/feed.ts';
import { generateWebhookSecret } from './signing.ts';

export type WebhookEndpoint = Omit<Selectable<WebhookEndpointTable>, 'secret' | 'cursor_xid' | 'cursor_seq' | 'created_snapshot' | 'cursor_shards' | 'created_shards'>;
export type WebhookDelivery = Omit<Selectable<WebhookDeliveryTable>, 'event_xid' | 'event_seq' | 'event_shard' | 'event_member'>;
export type WebhookAttempt = Selectable<WebhookAttemptTable>;

const ENDPOINT_COLUMNS = [
  'id',
  'program_id',
  'url',
  'description',
  'event_types',
  'enabled',
  'disabled_reason',
  'failing_since',
  'created_at',
  'updated_at',
] as const;

const DELIVERY_COLUMNS = [
  'id',
  'program_id',
  'endpoint_id',
  'event_id',
  'event_type',
  'status',
  'attempts',
  'next_attempt_at',
  'lease_until',
  'last_status_code',
  'last_error',
  'created_at',
  'completed_at',
] as const;

export const DISABLED_BY_ADMIN = 'disabled through the API';

export async function createEndpoint(
  db: Db,
  clock: Clock,
  programId: string,
  input: { url: string; event_types?: string[] | undefined; description?: string | undefined; enabled?: boolean | undefined },
): Promise<WebhookEndpoint & { secret: string }> {
  const now = clock.now();
  const enabled = input.enabled ?? true;
  // cursor_xid defaults to the feed's horizon: the endpoint receives the events committed from now on. On a cluster
  // that is every shard's horizon, each in its own node's snapshot.
  const snapshots = (await isDistributedDb(db)) ? await shardSnapshots(db) : null;
  const row = await db
    .insertInto('webhook_endpoints')
    .values({
      program_id: programId,
      id: newId('webhook'),
      url: input.url,
      description: input.description ?? null,
      event_types: uniqueTypes(input.event_types),
      enabled,
      disabled_reason: enabled ? null : DISABLED_BY_ADMIN,
      secret: generateWebhookSecret(),
      failing_since: null,
      ...(snapshots
        ? {
            created_shards: JSON.stringify(snapshots),
            cursor_shards: JSON.stringify(Object.fromEntries(Object.entries(snapshots).map(([shard, snapshot]) => [shard, [snapshot.split(':')[0], '0']]))),
          }
        : {}),
      created_at: now,
      updated_at: now,
    })
    .returning([...ENDPOINT_COLUMNS, 'secret'])
    .executeTakeFirstOrThrow();
  return row;
}

const uniqueTypes = (types: string[] | undefined) => [...new Set(types ?? [])].sort();

export async function listEndpoints(db: Db, programId: string, page: { limit: number; after?: string | undefined }): Promise<WebhookEndpoint[]> {
  let query = db.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).where('program_id', '=', programId);
  if (page.after) query = query.where('id', '>', page.after);
  return query.orderBy('id').limit(page.limit).execute();
}

export async function findEndpoint(db: Db, programId: string, id: string): Promise<WebhookEndpoint> {
  const row = await db.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('webhook', id);
  return row;
}

/**
 * Changes an endpoint. Re-enabling clears its failure record and makes its pending deliveries due at once; the
 * events it missed while disabled are still after its cursor, so they are fanned out and delivered too.
 */
export async function updateEndpoint(
  db: Db,
  clock: Clock,
  programId: string,
  id: string,
  patch: { url?: string | undefined; event_types?: string[] | undefined; description?: string | null | undefined; enabled?: boolean | undefined },
): Promise<{ endpoint: WebhookEndpoint; reenabled: boolean }> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    // Waits for a fan-out of this endpoint that is under way, so the two never interleave.
    const current = await trx
      .selectFrom('webhook_endpoints')
      .select(['enabled'])
      .where('program_id', '=', programId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFoundError('webhook', id);
    const reenabled = patch.enabled === true && !current.enabled;
    const disabling = patch.enabled === false && current.enabled;
    const endpoint = await trx
      .updateTable('webhook_endpoints')
      .set({
        updated_at: now,
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.event_types !== undefined ? { event_types: uniqueTypes(patch.event_types) } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(reenabled ? { enabled: true, disabled_reason: null, failing_since: null } : {}),
        ...(disabling ? { enabled: false, disabled_reason: DISABLED_BY_ADMIN } : {}),
      })
      .where('id', '=', id)
      .returning(ENDPOINT_COLUMNS)
      .executeTakeFirstOrThrow();
    if (disabling) await setPendingDue(trx, id, now, null);
    if (reenabled) await setPendingDue(trx, id, now, now);
    return { endpoint, reenabled };
  });
}

/**
 * Sets when an endpoint's pending deliveries are next due. A disabled endpoint's wait without a due time (`null`), so
 * the workers' claim (oldest due first) never has to step over them; re-enabling makes them due at once. An attempt
 * under way keeps its lease and is recorded as usual.
 */
export async function setPendingDue(db: Db, endpointId: string, now: Date, dueAt: Date | null): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: dueAt })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .execute();
}

/** Deletes the endpoint with its deliveries and their attempts; an attempt in flight is not recorded. */
export async function deleteEndpoint(db: Db, programId: string, id: string): Promise<void> {
  const row = await db.deleteFrom('webhook_endpoints').where('program_id', '=', programId).where('id', '=', id).returning('id').executeTakeFirst();
  if (!row) throw new NotFoundError('webhook', id);
}

/** An endpoint's deliveries, newest first, each with its recorded attempts (oldest first). */
export async function listDeliveries(
  db: Db,
  programId: string,
  endpointId: string,
  filter: { status?: WebhookDeliveryStatus | undefined },
  page: { limit: number; before?: string | undefined },
): Promise<(WebhookDelivery & { attempt_log: WebhookAttempt[] })[]> {
  await findEndpoint(db, programId, endpointId);
  let query = db.selectFrom('webhook_deliveries').select(DELIVERY_COLUMNS).where('endpoint_id', '=', endpointId).where('program_id', '=', programId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (page.before) query = query.where('id', '<', page.before);
  const deliveries = await query.orderBy('id', 'desc').limit(page.limit).execute();
  const attempts =
    deliveries.length === 0
      ? []
      : await db
          .selectFrom('webhook_attempts')
          .selectAll()
          .where(
            'delivery_id',
            'in',
            deliveries.map((d) => d.id),
          )
          .orderBy('delivery_id')
          .orderBy('attempt')
          .execute();
  const byDelivery = Map.groupBy(attempts, (a) => a.delivery_id);
  return deliveries.map((d) => ({ ...d, attempt_log: byDelivery.get(d.id) ?? [] }));
}

/**
 * Queues a delivery for another attempt now, whatever its status: a failed delivery gets one more attempt (and, if
 * it is still within the retry window, the retries after it). An attempt under way is left to finish.
 */
export async function retryDelivery(db: Db, clock: Clock, programId: string, endpointId: string, deliveryId: string): Promise<WebhookDelivery> {
  const now = clock.now();
  const row = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now, lease_until: null, completed_at: null })
    .where('program_id', '=', programId)
    .where('endpoint_id', '=', endpointId)
    .where('id', '=', deliveryId)
    .where(sql<boolean>`NOT (status = 'pending' AND lease_until IS NOT NULL AND lease_until > ${now})`)
    .returning(DELIVERY_COLUMNS)
    .executeTakeFirst();
  if (row) return row;
  await findEndpoint(db, programId, endpointId);
  const exists = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('program_id', '=', programId)
    .where('endpoint_id', '=', endpointId)
    .where('id', '=', deliveryId)
    .executeTakeFirst();
  if (!exists) throw new NotFoundError('webhook_delivery', deliveryId);
  throw new ConflictError('delivery_in_progress', `Delivery ${deliveryId} is being attempted right now; retry once it has finished.`);
}

export async function attemptsOf(db: Db, deliveryId: string): Promise<WebhookAttempt[]> {
  return db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();
}
