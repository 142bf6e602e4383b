import type pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { MigrationError } from './migrate-error.ts';

/**
 * Where each table lives on a Citus cluster, and why. Every table of the schema must be named here: a migration that
 * adds a table adds its placement in the same change (test/sql/placement.test.ts fails otherwise), so new tables are
 * designed for the cluster from the start. On a single PostgreSQL none of this applies.
 *
 * - `member`: distributed by the member (hash of `column`), co-located with `members`, so everything one ledger write
 *   touches is on one worker and the write is one delegated call there.
 * - `key`: distributed by a lookup value (co-located with `members` for shard count only): a key unique across
 *   members is checked by one probe on the one worker that holds the value.
 * - `reference`: copied to every node; program-level data written rarely and read by writes on every worker.
 * - `coordinator`: stays on the coordinator (a Citus local table when it references a reference table); operational
 *   state that no ledger write reads.
 */
export type Placement =
  | { kind: 'member'; column: string; why: string }
  | { kind: 'key'; column: string; why: string }
  | { kind: 'reference'; why: string }
  | { kind: 'coordinator'; why: string };

const member = (column: string, why: string): Placement => ({ kind: 'member', column, why });
const reference = (why: string): Placement => ({ kind: 'reference', why });

export const PLACEMENTS: Record<string, Placement> = {
  // Reference tables: read inside every write (the key re-check, rates, settings), written by admins.
  programs: reference('every write reads its program; a handful of rows, changed by admins'),
  api_keys: reference('every write re-checks its key inside the transaction, on whichever worker runs it'),
  rate_sets: reference('read by earning; a few rows per program'),
  webhook_endpoints: reference('few rows; the dispatcher joins deliveries to them on the coordinator'),
  event_retention: reference('one row per program, read by every feed page'),
  promotions: reference('at most 50 active per program, read by every purchase that evaluates them'),
  promotion_pools: reference('the unsliced rest of a budget: written once per chunk a slice takes, not per purchase'),
  promotion_slice_keys: reference('one slice key per shard, read by purchases to find the slice beside their member'),
  fx_rates: reference('a few rows per program and currency, written by admins, read by jobs and reports on any node'),
  segments: reference('a handful per program, written by admins, read with the active promotions and by reports'),
  targets: reference('a few rows per program, written by admins, read by the targets job and its reports'),
  notifications: reference('a few rows per program, written by admins and once per batch of members by the notifications job (status, cursor), never per member'),
  journeys: reference('a few rows per program, written by admins, read by the journeys job on every run'),

  // The member and everything a write of theirs touches: one worker per member.
  members: member('id', 'the distribution column itself: the member id'),
  member_balances: member('member_id', 'the per-member lock every write takes'),
  ledger_transactions: member('member_id', 'written by every write; receipts and resource ids are unique per member'),
  ledger_entries: member('member_id', 'the postings of the member\'s transactions'),
  lots: member('member_id', 'the member\'s points by expiry'),
  lot_allocations: member('member_id', 'which lots a draw took'),
  purchases: member('member_id', 'looked up by id alone for returns: a parallel probe of every shard'),
  purchase_lines: member('member_id', 'written by the purchase\'s own earn call, updated by its returns'),
  holds: member('member_id', 'looked up by id alone for captures and voids: a parallel probe of every shard'),
  tier_changes: member('member_id', 'written by the member\'s purchases'),
  benefit_grants: member('member_id', 'its key (member, tier, period) keeps a benefit once per period'),
  member_status_changes: member('member_id', 'written with the member\'s blocks'),
  conversions: member('member_id', 'the member\'s withdrawals'),
  member_activities: member('member_id', 'the member\'s activity log'),
  member_milestones: member('member_id', 'its key keeps each milestone once per member'),
  lot_renewals: member('member_id', 'its key keeps each renewal once per member'),
  wallet_balances: member('member_id', 'the member\'s money per currency, written under the member\'s lock'),
  wallet_lots: member('member_id', 'the member\'s money by expiry'),
  wallet_lot_allocations: member('member_id', 'which wallet lots a debit drew'),
  wallet_holds: member('member_id', 'the member\'s reserved money, captured and voided under the member\'s lock'),
  promotion_uses: member('member_id', 'per-member limits, counted under the member\'s own lock'),
  purchase_promotions: member('member_id', 'what a purchase\'s promotions gave, written by its earn call, read by its returns'),
  purchase_quotes: member('member_id', 'a quote is committed by the member\'s purchase, on the member\'s worker'),
  // A gift card is placed like a member, by its own id: its transactions, entries and events carry that id too.
  gift_cards: member('id', 'a card and its movements on the card\'s own worker, locked by its row'),
  referrals: member('member_id', 'keyed by the referee: one referral per member, checked by their own shard'),
  referral_rewards: member('member_id', 'the referrer\'s side, written with the wallet credit under the referrer\'s lock'),
  member_rfm: member('member_id', 'the segment the rfm job last published for the member, applied in member-range batches'),
  segment_members: member('member_id', "a static segment's members, read by the member's promotion facts on their worker"),
  member_events: member('member_id', 'custom events the integrator posts, written with their outbox event under the member\'s lock'),
  journey_runs: member('member_id', 'a member\'s run through a journey, advanced in the member\'s transaction with its events and touch'),
  engagement_touches: member('member_id', 'a notification dispatch or journey step reaching the member, written with its event in the member\'s transaction'),
  notification_recipients: member('member_id', 'the dispatch key (member, notification, channel), written with the dispatch event and the touch on the member\'s worker'),
  notification_receipts: member('member_id', 'what the provider reported for a member\'s dispatch, checked against their recipient row on their worker'),
  one_time_passwords: member('member_id', 'issued and checked under the member\'s own row lock, beside what they unlock'),
  // Slice keys are chosen to hash into each shard (promotion_slice_keys): a purchase spends from its own worker.
  promotion_slices: member('slice_key', 'a budget slice beside the member spending it: no row updated by every purchase'),
  // A target's alert is placed by the target's own id, like a gift card: target.off_track names the target as its
  // member_id, so the once-per-period row and the event it publishes are one transaction on one worker.
  target_alerts: member('target_id', 'once per target and period, written with the target event on the target id\'s worker'),
  // The outbox: an event is written by the member's write, on the member's worker. The feed reads it shard by shard.
  events: member('member_id', 'written in the same transaction as the change: every event names its member'),
  // A ledger write's Idempotency-Key is scoped by its member (shard_key), so the replay check and the stored result
  // stay in the write's own single-worker transaction; a creation's key is scoped by its program or the operator.
  idempotency_keys: member('shard_key', 'the member of a write, or the scope of a creation'),

  // Unique across members: distributed by the value itself.
  member_keys: { kind: 'key', column: 'value', why: 'loyalty ids and external refs, unique per program: one probe on the value\'s worker' },
  promo_codes: { kind: 'key', column: 'code', why: 'unique per program, looked up by the code a till presents: one probe on one worker' },
  partner_transfers: {
    kind: 'key',
    column: 'external_id',
    why: 'once per program, partner and external id whichever member it names: one probe on one worker, written with the credit in one two-phase commit',
  },

  // Operational state the webhook dispatcher keeps on the coordinator.
  webhook_deliveries: { kind: 'coordinator', why: 'updated as deliveries progress; read and written only by the dispatcher' },
  webhook_attempts: { kind: 'coordinator', why: 'the log of each delivery\'s attempts' },
  journey_feed_positions: { kind: 'coordinator', why: 'where the journeys job has read the event feed to; read and written only by the job' },
  schema_migrations: { kind: 'coordinator', why: 'the migration runner\'s bookkeeping' },
  schema_sources: { kind: 'coordinator', why: 'the migration runner\'s bookkeeping' },

  // Program-level summaries the rollup job keeps for reports (src/analytics/liability-rollup.ts). Written by the job
  // and read by reports, both of which run their statements from the coordinator, and read by no ledger write: a
  // reference table would copy every fold to every worker in a two-phase commit for readers that never ask there.
  liability_rollup_lots: { kind: 'coordinator', why: 'per-day liability by cohort and expiry month, folded by the rollup job, read by the report' },
  liability_rollup_accounts: { kind: 'coordinator', why: 'per-day member account postings, folded by the rollup job, read by the report' },
  analytics_rollups: { kind: 'coordinator', why: 'how far each program\'s rollup is folded, locked by the job while it folds' },
};

/** The table every member table is co-located with. */
const ANCHOR = 'members';

/** Whether the connected database is a Citus coordinator whose member tables are distributed. */
export async function isDistributed(client: pg.Pool | pg.PoolClient): Promise<boolean> {
  return askDistributed(async (text) => (await client.query<{ answer: boolean }>(text)).rows[0]!.answer);
}

/**
 * The two questions, asked through whatever runs a query: the second only where Citus's catalog exists, since naming
 * pg_dist_partition on a plain PostgreSQL is an error.
 */
async function askDistributed(ask: (text: string) => Promise<boolean>): Promise<boolean> {
  if (!(await ask(`SELECT to_regclass('pg_dist_partition') IS NOT NULL AS answer`))) return false;
  return ask(`SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass('members')) AS answer`);
}

const distributedDbs = new WeakMap<object, Promise<boolean>>();

/** isDistributed for a Kysely instance, asked once per instance (pass the long-lived one, not a transaction). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: only catalog tables are read
export function isDistributedDb(db: Kysely<any>): Promise<boolean> {
  let answer = distributedDbs.get(db);
  if (!answer) {
    answer = askDistributed(async (text) => (await sql<{ answer: boolean }>`${sql.raw(text)}`.execute(db)).rows[0]!.answer);
    answer.catch(() => distributedDbs.delete(db));
    distributedDbs.set(db, answer);
  }
  return answer;
}

/** Whether the database has the citus extension (the cluster's coordinator). */
export async function hasCitus(client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ citus: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`);
  return rows[0]!.citus;
}

/**
 * Places every table as PLACEMENTS says, skipping those already placed: on a fresh cluster database right after the
 * migrations, and on a database moved from a single node (the tables' rows are copied into their shards). Foreign
 * keys between member tables are dropped for the move and added back once both sides are co-located.
 */
export async function distributeTables(client: pg.PoolClient): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string; placed: boolean }>(
    `SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid) AS placed
       FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  const unknown = tables.filter((t) => !(t.name in PLACEMENTS)).map((t) => t.name);
  if (unknown.length > 0) throw new MigrationError(`Tables without a placement in src/db/placement.ts: ${unknown.join(', ')}`);
  const todo = new Set(tables.filter((t) => !t.placed).map((t) => t.name));
  const distributed = Object.entries(PLACEMENTS).filter(([name, p]) => todo.has(name) && (p.kind === 'member' || p.kind === 'key'));
  // Foreign keys from one distributed table to another can only be created once both are distributed and co-located.
  const { rows: keys } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY ($1) AND confrelid::regclass::text = ANY ($1)`,
    [distributed.map(([name]) => name)],
  );
  for (const key of keys) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
  const done: string[] = [];
  for (const [name, placement] of Object.entries(PLACEMENTS)) {
    if (!todo.has(name) || placement.kind !== 'reference') continue;
    await client.query('SELECT create_reference_table($1)', [name]);
    done.push(name);
  }
  const rebased = todo.has('events') ? await rebaseFeed(client) : false;
  // Copying existing rows into the shards must not fire our triggers there (a member's balance row, its events: they
  // are copied themselves, and their tables may not be distributed yet).
  for (const [name] of distributed) await client.query(`ALTER TABLE ${name} DISABLE TRIGGER USER`);
  const anchorFirst = distributed.sort(([a], [b]) => Number(b === ANCHOR) - Number(a === ANCHOR));
  for (const [name, placement] of anchorFirst) {
    if (placement.kind !== 'member' && placement.kind !== 'key') continue;
    const colocateWith = name === ANCHOR ? 'default' : ANCHOR;
    await client.query('SELECT create_distributed_table($1, $2, colocate_with => $3)', [name, placement.column, colocateWith]);
    done.push(name);
  }
  for (const [name] of distributed) await client.query(`ALTER TABLE ${name} ENABLE TRIGGER USER`);
  for (const key of keys) await client.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`);
  if (rebased) await finishFeedRebase(client);
  await chooseSliceKeys(client);
  return done;
}

/**
 * One promotion slice key per shard of the member tables (promotion_slice_keys), so a purchase spends a promotion's
 * budget from the slice on its own member's worker (pl_slice_key). Keys are tried in order until every shard has one.
 */
async function chooseSliceKeys(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ shard: string; key: string }>(
    `SELECT DISTINCT ON (shard) shard::text, key
       FROM (SELECT 'slice-' || i AS key, get_shard_id_for_distribution_column('members', 'slice-' || i) AS shard
               FROM generate_series(0, 100000) i) k
      WHERE shard NOT IN (SELECT shard_id FROM promotion_slice_keys)
      ORDER BY shard, length(key), key`,
  );
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO promotion_slice_keys (shard_id, slice_key) SELECT s::bigint, k FROM unnest($1::text[], $2::text[]) AS t(s, k)`,
    [rows.map((r) => r.shard), rows.map((r) => r.key)],
  );
}

/**
 * A database moved from one PostgreSQL holds events whose positions are that server's transaction ids, which mean
 * nothing next to the workers' own: a worker's new transactions would sort before them. Before `events` is
 * distributed, every existing event moves to position (0, seq): before anything written on the cluster, and in the
 * order of its sequence, which is unique on one server, so pending webhook deliveries keep naming their event.
 * Returns whether there was anything to move.
 */
async function rebaseFeed(client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM events) AS any');
  if (!rows[0]!.any) return false;
  // The one sanctioned rewrite of the outbox (events_immutable refuses UPDATE): positions only, never content.
  await client.query('ALTER TABLE events DISABLE TRIGGER events_immutable');
  await client.query(`UPDATE events SET db_xid = '0'`);
  await client.query('ALTER TABLE events ENABLE TRIGGER events_immutable');
  await client.query(`UPDATE webhook_deliveries d SET event_xid = '0', event_member = e.member_id
                        FROM events e WHERE e.program_id = d.program_id AND e.seq = d.event_seq`);
  return true;
}

/**
 * Once `events` is distributed: deliveries name their event's shard, and every webhook endpoint starts after the
 * events that were moved (the move is made with the service stopped, its fan-out caught up: README "Scaling out").
 */
async function finishFeedRebase(client: pg.PoolClient): Promise<void> {
  // Read first, then written: Citus refuses a volatile function inside an UPDATE of a table in its metadata.
  const { rows: owners } = await client.query<{ member: string; shard: string }>(
    `SELECT member, get_shard_id_for_distribution_column('events', member)::text AS shard
       FROM (SELECT DISTINCT event_member AS member FROM webhook_deliveries WHERE event_member IS NOT NULL AND event_shard = '') m`,
  );
  await client.query(
    `UPDATE webhook_deliveries d SET event_shard = o.shard FROM unnest($1::text[], $2::text[]) AS o(member, shard)
      WHERE d.event_member = o.member AND d.event_shard = ''`,
    [owners.map((o) => o.member), owners.map((o) => o.shard)],
  );
  const { rows } = await client.query<{ shard: string; result: string }>(
    `SELECT shardid::text AS shard, result FROM run_command_on_shards('events', 'SELECT coalesce(max(seq), 0) FROM %1$s')`,
  );
  const positions = Object.fromEntries(rows.map((r) => [r.shard, ['0', r.result]]));
  await client.query('UPDATE webhook_endpoints SET cursor_shards = $1::jsonb, created_shards = NULL WHERE cursor_shards IS NULL', [JSON.stringify(positions)]);
}

/**
 * Makes every ledger function a distributed function, routed by its member argument and co-located with the member
 * tables: the coordinator forwards the whole call to the member's worker, where it runs as one local transaction.
 * Run after every application of the SQL sources, which drops and re-creates the functions.
 */
export async function distributeFunctions(client: pg.PoolClient): Promise<number> {
  // Every ledger_x(p_member text, p jsonb) (the signature src/ledger/functions.ts gives each of them) not yet routed.
  const { rows } = await client.query<{ fn: string }>(
    `SELECT p.oid::regprocedure::text AS fn FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'ledger\\_%'
        AND p.proargtypes = '25 3802'::oidvector AND p.proargnames[1] = 'p_member'
        AND NOT EXISTS (SELECT 1 FROM pg_dist_object o WHERE o.classid = 'pg_proc'::regclass AND o.objid = p.oid
                                                         AND o.distribution_argument_index IS NOT NULL)`,
  );
  for (const { fn } of rows) await client.query(`SELECT create_distributed_function($1, 'p_member', colocate_with => $2)`, [fn, ANCHOR]);
  return rows.length;
}
