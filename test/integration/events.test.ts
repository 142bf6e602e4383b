import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, purchase, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { EVENT_TYPES } from '../../src/events/types.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';
import { encodeCursor } from '../../src/http/pagination.ts';
import { pruneEvents } from '../../src/jobs/housekeeping.ts';

const DAY = 86_400_000;
const START = new Date('2026-03-02T08:00:00Z');

let t: FixedClockTestApp;
/** Every event type the feed handed to any reader in this file. */
const typesSeen = new Set<string>();

beforeAll(async () => {
  t = (await createTestApp({ now: START })) as FixedClockTestApp;
});
afterEach(() => t.clock.set(START));
afterAll(() => t?.close());

interface FeedEvent {
  id: string;
  type: string;
  occurred_at: string;
  timestamp: string;
  recorded_at: string;
  program_id: string;
  member_id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

interface FeedAnswer {
  data: FeedEvent[];
  next_cursor: string;
  has_more: boolean;
}

type Query = Record<string, string | number | undefined>;

/** One GET /v1/events; every event it returns must match the documented schema. */
async function getFeed(f: ProgramFixture, query: Query, key = f.readKey): Promise<FeedAnswer> {
  const res = await t.call({ method: 'GET', url: '/v1/events', key, query: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])) });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as FeedAnswer;
  expect(body.next_cursor).toEqual(expect.any(String));
  for (const event of body.data) {
    const parsed = EventSchema.safeParse(event);
    expect(parsed.error, `${event.type} ${JSON.stringify(event)}`).toBeUndefined();
    expect(event.program_id).toBe(f.programId);
    typesSeen.add(event.type);
  }
  return body;
}

/** On a Citus cluster the feed keeps one position per shard of events: its order is each shard's own order. */
const cluster = inject('clusterWorkers').length > 0;

interface TableEvent {
  id: string;
  type: string;
  xid: string;
  member_id: string;
  /** The event's shard of events on a cluster, '' on one PostgreSQL. */
  shard: string;
}

/** The program's events as the table holds them, in feed order (on a cluster: by shard, then each shard's order). */
async function tableEvents(programId: string, where = 'true', params: unknown[] = []): Promise<TableEvent[]> {
  const shard = cluster ? `get_shard_id_for_distribution_column('events', member_id)::text` : `''`;
  const { rows } = await t.pool.query(
    `SELECT id, type, db_xid::text AS xid, member_id, ${shard} AS shard FROM events WHERE program_id = $1 AND (${where})
      ORDER BY shard, db_xid, seq`,
    [programId, ...params],
  );
  return rows;
}

/** Each shard's events in the order of its transactions; one list on one PostgreSQL. */
function perShard(events: { id: string }[], table: TableEvent[]): Record<string, string[]> {
  const shardOf = new Map(table.map((e) => [e.id, e.shard]));
  const shards: Record<string, string[]> = {};
  for (const e of events) (shards[shardOf.get(e.id) ?? '?'] ??= []).push(e.id);
  return shards;
}

/**
 * The reader saw exactly the table's events, each once, in feed order: the table's order on one PostgreSQL, and on a
 * cluster each shard's own order (events of different shards have no order between them).
 */
function expectFeedOrder(seen: { id: string }[], table: TableEvent[], message?: string) {
  if (!cluster) return expect(seen.map((e) => e.id), message).toEqual(table.map((e) => e.id));
  expect([...seen.map((e) => e.id)].sort(), message).toEqual([...table.map((e) => e.id)].sort());
  expect(perShard(seen, table), message).toEqual(perShard(table, table));
}

async function shardOf(memberId: string): Promise<string> {
  if (!cluster) return '';
  const { rows } = await t.pool.query<{ shard: string }>(`SELECT get_shard_id_for_distribution_column('events', $1::text)::text AS shard`, [memberId]);
  return rows[0]!.shard;
}

/**
 * A new member whose events share a shard with `memberId`'s: on a cluster, transactions only hold back the feed of
 * their own node, so tests of one transaction holding back another need both on one shard. Any member on one node.
 */
async function enrollBeside(f: ProgramFixture, memberId: string) {
  const target = await shardOf(memberId);
  for (;;) {
    const m = await enroll(t, f.posKey);
    if ((await shardOf(m.id)) === target) return m;
  }
}

/**
 * Follows one program's feed the way a consumer does: from the previous next_cursor, every event once. The feed
 * only shows a transaction's events once every older transaction on the server has ended, so a read right after a
 * write may have to wait a moment (other test files share the server).
 */
class FeedReader {
  readonly seen: FeedEvent[] = [];
  cursor: string | undefined;
  pages = 0;
  readonly #f: ProgramFixture;
  readonly #query: Query;
  readonly #ids = new Set<string>();

  constructor(f: ProgramFixture, query: Query = {}) {
    this.#f = f;
    this.#query = query;
  }

  async page(): Promise<FeedAnswer> {
    const body = await getFeed(this.#f, { ...this.#query, after: this.cursor });
    this.pages += 1;
    for (const event of body.data) {
      expect(this.#ids.has(event.id), `event ${event.id} (${event.type}) delivered twice`).toBe(false);
      this.#ids.add(event.id);
      this.seen.push(event);
    }
    this.cursor = body.next_cursor;
    return body;
  }

  /** Reads until `expected` events have been seen in all, then returns those new since `from`. */
  async until(expected: number, from = this.seen.length): Promise<FeedEvent[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const body = await this.page();
      if (body.has_more) continue;
      if (this.seen.length >= expected) break;
      if (Date.now() > deadline) throw new Error(`feed stuck at ${this.seen.length} of ${expected} events`);
      await sleep(20);
    }
    expect(this.seen.length, 'more events than the table holds').toBe(expected);
    return this.seen.slice(from);
  }

  /** Every event written since the last call: waits until the feed has all the table holds. */
  async drain(): Promise<FeedEvent[]> {
    return this.until((await tableEvents(this.#f.programId)).length);
  }
}

async function program(settings: Record<string, unknown> = {}) {
  const f = await createProgramFixture(t, settings);
  return { f, feed: new FeedReader(f) };
}

const fund = async (f: ProgramFixture, memberId: string, points: number) => {
  const res = await post(t, f.adminKey, '/v1/adjustments', { member_id: memberId, points, reason: 'funding' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

const runJob = async (f: ProgramFixture, name: string, asOf: Date) => {
  const res = await post(t, f.adminKey, `/v1/jobs/${name}/run`, { allow_future: true, as_of: asOf.toISOString() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const compactBalance = (b: { available: number; pending: number; held: number; debt: number; version: number }) => ({
  available: b.available,
  pending: b.pending,
  held: b.held,
  debt: b.debt,
  version: b.version,
});

/** A ledger write's one event: its type, the transaction and balance of the write's answer, and the envelope. */
function expectLedgerEvent(events: FeedEvent[], type: string, write: { transaction: FeedEvent['data']; balance: Parameters<typeof compactBalance>[0] }) {
  expect(events.map((e) => e.type)).toEqual([type]);
  const [event] = events as [FeedEvent];
  expect(event.data).toEqual({ transaction: write.transaction, balance: compactBalance(write.balance) });
  expect(event).toMatchObject({
    id: `evt_${write.transaction.id.slice(4)}`,
    member_id: write.transaction.member_id,
    occurred_at: write.transaction.occurred_at,
    timestamp: write.transaction.occurred_at,
  });
  return event;
}

/** The event was written by the same database transaction as the row. */
async function expectSameTransaction(eventId: string, table: 'ledger_transactions' | 'members', rowId: string) {
  const { rows } = await t.pool.query(
    // Joined by member too: on a cluster that keeps the join on the member's shard.
    `SELECT (e.db_xid::text::numeric % 4294967296)::text AS event_xid, r.xmin::text AS row_xid
       FROM events e JOIN ${table} r ON r.${table === 'members' ? 'id' : 'member_id'} = e.member_id WHERE e.id = $1 AND r.id = $2`,
    [eventId, rowId],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0].event_xid).toBe(rows[0].row_xid);
}

const usdCentsFor = (points: number) => Math.ceil((points * 100) / 12);

describe('the outbox: every state change writes exactly one event, in its transaction', () => {
  it('enrollment, a profile change, and block and unblock through PATCH status', async () => {
    const { f, feed } = await program();
    const m = (await enroll(t, f.posKey, { name: 'Aysel', birth_date: '1990-05-17' })) as unknown as FeedEvent['data'];
    const [enrolled, ...none] = await feed.drain();
    expect(none).toEqual([]);
    expect(enrolled).toMatchObject({ type: 'member.enrolled', member_id: m.id, data: { member: m } });
    expect(enrolled!.data).not.toHaveProperty('previous_status');
    await expectSameTransaction(enrolled!.id, 'members', m.id);

    t.clock.advance(60_000);
    const patched = await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: f.posKey, payload: { name: 'Aysel M.', branch: 'Baku-28May' } });
    expect(patched.statusCode, patched.body).toBe(200);
    const [updated, ...none2] = await feed.drain();
    expect(none2).toEqual([]);
    expect(updated).toMatchObject({ type: 'member.updated', timestamp: patched.json().updated_at, data: { member: patched.json() } });
    expect(updated!.data).not.toHaveProperty('previous_status');

    const blocked = await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: f.adminKey, payload: { status: 'blocked', status_reason: 'card stolen' } });
    expect(blocked.statusCode, blocked.body).toBe(200);
    expect((await feed.drain()).map((e) => [e.type, e.data])).toEqual([['member.blocked', { member: blocked.json(), previous_status: 'active' }]]);

    const unblocked = await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: f.adminKey, payload: { status: 'active', status_reason: 'card found' } });
    expect(unblocked.statusCode, unblocked.body).toBe(200);
    expect((await feed.drain()).map((e) => [e.type, e.data])).toEqual([['member.unblocked', { member: unblocked.json(), previous_status: 'blocked' }]]);

    const deactivated = await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: f.adminKey, payload: { status: 'deactivated', status_reason: 'left' } });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect((await feed.drain()).map((e) => [e.type, e.data.previous_status])).toEqual([['member.updated', 'active']]);
  });

  it('a purchase: points.earned with the transaction and the balance after it, in the same database transaction', async () => {
    const { f, feed } = await program();
    const m = await enroll(t, f.posKey);
    await feed.drain();
    const write = await purchase(t, f.posKey, m.id, 1250);
    const event = expectLedgerEvent(await feed.drain(), 'points.earned', write);
    expect(event.data.transaction).toMatchObject({ type: 'earn', points: 100, resource_id: write.purchase.id });
    expect(event.data.balance).toEqual({ available: 100, pending: 0, held: 0, debt: 0, version: write.transaction.version });
    expect(event.recorded_at).toBe(START.toISOString());
    await expectSameTransaction(event.id, 'ledger_transactions', write.transaction.id);
  });

  it('a return, a redemption and its reversal', async () => {
    const { f, feed } = await program();
    const m = await enroll(t, f.posKey);
    const bought = await purchase(t, f.posKey, m.id, 2500); // 200 points
    await feed.drain();

    const returned = await post(t, f.posKey, `/v1/purchases/${bought.purchase.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 1250, currency: 'AZN' } });
    expect(returned.statusCode, returned.body).toBe(201);
    expectLedgerEvent(await feed.drain(), 'points.returned', returned.json());

    const redeemed = await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 60 });
    expect(redeemed.statusCode, redeemed.body).toBe(201);
    expectLedgerEvent(await feed.drain(), 'points.redeemed', redeemed.json());

    const reversed = await post(t, f.posKey, `/v1/redemptions/${redeemed.json().redemption.id}/reversal`, { points: 20 });
    expect(reversed.statusCode, reversed.body).toBe(201);
    const event = expectLedgerEvent(await feed.drain(), 'points.reversed', reversed.json());
    expect(event.data.balance.available).toBe(60);
  });

  it('holds: created, captured, voided, and expired by the job', async () => {
    const { f, feed } = await program();
    const m = await enroll(t, f.posKey);
    await fund(f, m.id, 1000);
    expect((await feed.drain()).map((e) => e.type)).toEqual(['member.enrolled', 'points.adjusted']);

    const held = await post(t, f.posKey, '/v1/holds', { member_id: m.id, points: 300 });
    expect(held.statusCode, held.body).toBe(201);
    expect(expectLedgerEvent(await feed.drain(), 'hold.created', held.json()).data.balance).toMatchObject({ available: 700, held: 300 });

    const captured = await post(t, f.posKey, `/v1/holds/${held.json().hold.id}/capture`, { points: 200 });
    expect(captured.statusCode, captured.body).toBe(201);
    expect(expectLedgerEvent(await feed.drain(), 'hold.captured', captured.json()).data.balance).toMatchObject({ available: 800, held: 0 });

    const second = await post(t, f.posKey, '/v1/holds', { member_id: m.id, points: 100 });
    await feed.drain();
    const voided = await post(t, f.posKey, `/v1/holds/${second.json().hold.id}/void`, {});
    expect(voided.statusCode, voided.body).toBe(201);
    expectLedgerEvent(await feed.drain(), 'hold.voided', voided.json());

    const third = await post(t, f.posKey, '/v1/holds', { member_id: m.id, points: 50 });
    expect(third.statusCode, third.body).toBe(201);
    await feed.drain();
    expect(await runJob(f, 'expire-holds', new Date(START.getTime() + 3_600_000))).toMatchObject({ holds_expired: 1 });
    const [expired, ...none] = await feed.drain();
    expect(none).toEqual([]);
    expect(expired).toMatchObject({ type: 'hold.expired', member_id: m.id, data: { transaction: { type: 'hold_expire', ref_id: third.json().hold.id }, balance: { held: 0, available: 800 } } });
  });

  it('adjustments, credit and debit', async () => {
    const { f, feed } = await program();
    const m = await enroll(t, f.posKey);
    await feed.drain();
    const credit = await fund(f, m.id, 150);
    expectLedgerEvent(await feed.drain(), 'points.adjusted', credit);
    const debit = await fund(f, m.id, -40);
    expect(expectLedgerEvent(await feed.drain(), 'points.adjusted', debit).data.balance.available).toBe(110);
  });

  it('maturing and expiry by the jobs', async () => {
    const { f, feed } = await program({ pending_days: 14 });
    const m = await enroll(t, f.posKey);
    const write = await purchase(t, f.posKey, m.id, 1250);
    const [, earned] = await feed.drain();
    expect(earned).toMatchObject({ type: 'points.earned', data: { balance: { available: 0, pending: 100 } } });

    expect(await runJob(f, 'mature', new Date(START.getTime() + 15 * DAY))).toMatchObject({ points_matured: 100 });
    const [matured, ...none] = await feed.drain();
    expect(none).toEqual([]);
    expect(matured).toMatchObject({ type: 'points.matured', member_id: m.id, data: { transaction: { type: 'mature', points: 100 }, balance: { available: 100, pending: 0 } } });
    expect(matured!.data.balance.version).toBe(write.transaction.version + 1);

    expect(await runJob(f, 'expire', new Date(START.getTime() + 400 * DAY))).toMatchObject({ points_expired: 100 });
    const [expired, ...none2] = await feed.drain();
    expect(none2).toEqual([]);
    expect(expired).toMatchObject({ type: 'points.expired', data: { transaction: { type: 'expire', points: 100 }, balance: { available: 0 } } });
  });

  it('a conversion', async () => {
    const { f, feed } = await program();
    const m = await enroll(t, f.posKey);
    await fund(f, m.id, 5000);
    await feed.drain();
    const converted = await post(t, f.posKey, '/v1/conversions', { member_id: m.id, direction: 'points_to_money', points: 1400, currency: 'EUR' });
    expect(converted.statusCode, converted.body).toBe(201);
    expect(expectLedgerEvent(await feed.drain(), 'conversion.completed', converted.json()).data.transaction.type).toBe('convert');
    const bought = await post(t, f.posKey, '/v1/conversions', { member_id: m.id, direction: 'money_to_points', amount: { amount: 10000, currency: 'EUR' } });
    expect(bought.statusCode, bought.body).toBe(201);
    expectLedgerEvent(await feed.drain(), 'conversion.completed', bought.json());
  });

  it('a tier change: tier.changed after the points.earned of the purchase that crossed the threshold', async () => {
    const { f, feed } = await program();
    const m = await enroll(t, f.posKey);
    await feed.drain();
    const res = await post(t, f.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: usdCentsFor(1000), currency: 'USD' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().tier_change).toEqual({ from: 'bronze', to: 'silver', qualifying_points: 1000 });
    const events = await feed.drain();
    expect(events.map((e) => e.type)).toEqual(['points.earned', 'tier.changed']);
    expect(events[1]).toMatchObject({
      member_id: m.id,
      timestamp: START.toISOString(),
      data: {
        tier_change: { id: expect.stringMatching(/^tch_/), from: 'bronze', to: 'silver', direction: 'up', qualifying_points: 1000, cause: res.json().purchase.id, occurred_at: START.toISOString() },
      },
    });
  });

  it('a velocity block: member.blocked, and no points event for the refused write', async () => {
    const { f, feed } = await program({ velocity: { window_minutes: 10, max_transactions: 2, max_points: 1_000_000 } });
    const m = await enroll(t, f.posKey);
    await purchase(t, f.posKey, m.id, 1250);
    await purchase(t, f.posKey, m.id, 1250);
    await feed.drain();
    const third = await post(t, f.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' } });
    expect(third.statusCode, third.body).toBe(423);
    const events = await feed.drain();
    expect(events.map((e) => e.type)).toEqual(['member.blocked']);
    expect(events[0]!.data).toMatchObject({ member: { id: m.id, status: 'blocked', status_reason: expect.any(String) }, previous_status: 'active' });
  });

  it('a refused write writes no event, and an Idempotency-Key replay no second one', async () => {
    const { f, feed } = await program();
    const m = await enroll(t, f.posKey);
    await purchase(t, f.posKey, m.id, 1250);
    await feed.drain();

    const refused = await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 101 });
    expectProblem(refused, 422, 'insufficient_points');
    expect((await post(t, f.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 100, currency: 'CHF' } })).statusCode).toBe(422);

    const key = randomUUID();
    const first = await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 10 }, key);
    expect(first.statusCode, first.body).toBe(201);
    const replay = await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 10 }, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().transaction.id).toBe(first.json().transaction.id);
    // A refusal replayed under its key writes nothing either.
    const refusedKey = randomUUID();
    expect((await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 1000 }, refusedKey)).statusCode).toBe(422);
    expect((await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 1000 }, refusedKey)).statusCode).toBe(422);

    expectLedgerEvent(await feed.drain(), 'points.redeemed', first.json());
    expect(await tableEvents(f.programId, "type = 'points.redeemed'")).toHaveLength(1);
  });
});

describe('GET /v1/events', () => {
  /** A program with three members and a mix of events. */
  async function busyProgram() {
    const { f, feed } = await program();
    const members = [await enroll(t, f.posKey), await enroll(t, f.posKey), await enroll(t, f.posKey)];
    for (let i = 0; i < 9; i++) await purchase(t, f.posKey, members[i % 3]!.id, 1250 + i);
    await post(t, f.posKey, '/v1/redemptions', { member_id: members[0]!.id, points: 50 });
    await t.call({ method: 'PATCH', url: `/v1/members/${members[1]!.id}`, key: f.posKey, payload: { name: 'Renamed' } });
    const all = await feed.drain();
    expect(all).toHaveLength(3 + 9 + 1 + 1);
    return { f, members, all };
  }

  it('following next_cursor with small pages returns every event once, in feed order, whatever the page size', async () => {
    const { f, all } = await busyProgram();
    const table = await tableEvents(f.programId);
    expectFeedOrder(all, table);
    for (const limit of [1, 2, 5, 13, 1000]) {
      const reader = new FeedReader(f, { limit });
      const events = await reader.until(table.length);
      expectFeedOrder(events, table, `limit ${limit}`);
      expect(reader.pages, `limit ${limit}`).toBeGreaterThanOrEqual(Math.ceil(table.length / limit));
    }
    // A page that is not the last says so, and one that is full at the end does not claim more.
    const first = await getFeed(f, { limit: 5 });
    expect(first).toMatchObject({ has_more: true });
    expect(first.data).toHaveLength(5);
    const rest = await getFeed(f, { after: first.next_cursor, limit: 1000 });
    expect(rest.has_more).toBe(false);
    expectFeedOrder([...first.data, ...rest.data], table);
    // At the end: nothing more, and a cursor to keep polling from.
    const end = await getFeed(f, { after: rest.next_cursor });
    expect(end).toMatchObject({ data: [], has_more: false, next_cursor: expect.any(String) });
  });

  it('returns 100 events by default and at most 1000', async () => {
    const { f, feed } = await program();
    const m = await enroll(t, f.posKey);
    // 150 more events (member.updated), through the API so they are written where the member lives on a cluster too.
    for (let i = 0; i < 150; i++) {
      const res = await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: f.adminKey, payload: { name: `Name ${i}` } });
      expect(res.statusCode).toBe(200);
    }
    await feed.drain();
    const first = await getFeed(f, {});
    expect(first.data).toHaveLength(100);
    expect(first.has_more).toBe(true);
    const second = await getFeed(f, { after: first.next_cursor, limit: 1000 });
    expect(second.data).toHaveLength(51);
    expect(second.has_more).toBe(false);
    for (const limit of [0, 1001, 'ten']) {
      const res = await t.call({ method: 'GET', url: `/v1/events?limit=${limit}`, key: f.readKey });
      expect(expectProblem(res, 400, 'validation_failed').errors).toEqual([expect.objectContaining({ pointer: '/limit', location: 'query' })]);
    }
  });

  it('filters by types and by member_id, and the filtered cursor still reaches every match', async () => {
    const { f, members } = await busyProgram();
    const earned = await tableEvents(f.programId, "type = 'points.earned'");
    expect(earned).toHaveLength(9);
    const byType = await new FeedReader(f, { types: 'points.earned', limit: 2 }).until(earned.length);
    expectFeedOrder(byType, earned);

    const two = await tableEvents(f.programId, "type IN ('points.redeemed', 'member.updated')");
    const byTypes = await new FeedReader(f, { types: ' points.redeemed, member.updated,points.redeemed ', limit: 1 }).until(two.length);
    expectFeedOrder(byTypes, two);
    expect(byTypes.map((e) => e.type).sort()).toEqual(['member.updated', 'points.redeemed']);

    const member = members[1]!.id;
    const ofMember = await tableEvents(f.programId, 'member_id = $2', [member]);
    expect(ofMember.map((e) => e.type)).toEqual(['member.enrolled', 'points.earned', 'points.earned', 'points.earned', 'member.updated']);
    const byMember = await new FeedReader(f, { member_id: member, limit: 2 }).until(ofMember.length);
    expect(byMember.map((e) => e.id)).toEqual(ofMember.map((e) => e.id));

    const both = await new FeedReader(f, { member_id: member, types: 'member.enrolled,member.updated' }).until(2);
    expect(both.map((e) => e.type)).toEqual(['member.enrolled', 'member.updated']);
  });

  it('answers 400 for a cursor it did not issue, pointing at /after', async () => {
    const { f } = await program();
    const bad = [
      'not a cursor',
      'e30',
      encodeCursor({ v: 12 }),
      encodeCursor({ x: 'abc', s: 1 }),
      encodeCursor({ x: '12', s: -1 }),
      encodeCursor({ x: '-5', s: 0 }),
      encodeCursor({ x: '18446744073709551616', s: 0 }),
      Buffer.from('[1,2]').toString('base64url'),
    ];
    for (const after of bad) {
      const res = await t.call({ method: 'GET', url: '/v1/events', query: { after }, key: f.readKey });
      const problem = expectProblem(res, 400, 'validation_failed');
      expect(problem.errors, after).toEqual([{ pointer: '/after', location: 'query', message: 'is not a cursor this API issued' }]);
    }
  });

  it('answers 400 naming an unknown event type', async () => {
    const { f } = await program();
    const res = await t.call({ method: 'GET', url: '/v1/events?types=points.earned,points.eraned', key: f.readKey });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/types', location: 'query', message: expect.stringContaining('"points.eraned"') })]);
    expect(problem.errors![0]!.message).not.toContain('"points.earned" is not');
  });

  it("never shows another program's events", async () => {
    const a = await busyProgram();
    const { f: other, feed: otherFeed } = await program();
    const stranger = await enroll(t, other.posKey);
    await purchase(t, other.posKey, stranger.id, 1250);
    const theirs = await otherFeed.drain();
    expect(theirs.map((e) => e.type)).toEqual(['member.enrolled', 'points.earned']);

    const ours = await new FeedReader(a.f).until(a.all.length);
    expect(ours.every((e) => e.program_id === a.f.programId)).toBe(true);
    const theirIds = new Set(theirs.map((e) => e.id));
    expect(ours.filter((e) => theirIds.has(e.id))).toEqual([]);
    expect((await getFeed(a.f, { member_id: stranger.id })).data).toEqual([]);
    // Cursors are positions, not per program: theirs read here shows nothing of theirs either (getFeed checks program_id).
    await getFeed(a.f, { after: otherFeed.cursor });
  });

  it('needs a key; any role may read', async () => {
    const { f } = await program();
    expectProblem(await t.call({ method: 'GET', url: '/v1/events' }), 401, 'unauthenticated');
    await getFeed(f, {}, f.posKey);
    await getFeed(f, {}, f.adminKey);
  });
});

describe('retention', () => {
  it('answers 410 cursor_expired to a reader behind pruned events; a fresh read starts at what is left', async () => {
    // Its own database: pruning is server-wide and must not take the other tests' events.
    const own = (await createTestApp({ now: START })) as FixedClockTestApp;
    try {
      const f = await createProgramFixture(own);
      const feed = async (after?: string) => {
        const res = await own.call({ method: 'GET', url: '/v1/events', key: f.readKey, query: after ? { after } : {} });
        return res;
      };
      const m = await enroll(own, f.posKey);
      await purchase(own, f.posKey, m.id, 1250);
      // The feed shows an event once every older transaction of the server has ended, and test files running beside
      // this one keep transactions open: wait for the horizon instead of assuming it has passed.
      const visible = async (after?: string) => (await feed(after)).json() as FeedAnswer;
      await expect.poll(async () => (await visible()).data.map((e) => e.type), { timeout: 20_000 }).toEqual(['member.enrolled', 'points.earned']);
      const first = await visible();
      const afterEnrollment = (await own.call({ method: 'GET', url: '/v1/events', key: f.readKey, query: { limit: '1' } })).json().next_cursor as string;

      own.clock.advance(2 * DAY);
      await purchase(own, f.posKey, m.id, 2500);
      expect(await pruneEvents(own.db, new Date(START.getTime() + DAY))).toBe(2);

      // Behind the pruned events: told, not silently skipped.
      const behind = await feed(afterEnrollment);
      expectProblem(behind, 410, 'cursor_expired');
      // At the last pruned event: nothing was missed.
      await expect.poll(async () => (await visible(first.next_cursor)).data.map((e) => e.type), { timeout: 20_000 }).toEqual(['points.earned']);
      const caughtUp = await feed(first.next_cursor);
      expect(caughtUp.statusCode).toBe(200);
      // From the start: what is left.
      expect((await visible()).data).toHaveLength(1);
    } finally {
      await own.close();
    }
  });
});

describe('commit order', () => {
  it('withholds events committed after a transaction that is still open, and delivers them all, in order, once it commits', async () => {
    const { f, feed } = await program();
    const slowMember = await enroll(t, f.posKey);
    const busyMember = await enrollBeside(f, slowMember.id);
    await feed.drain();

    const slow = new pg.Client({ connectionString: t.config.DATABASE_URL });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      // An ordinary profile change, written by hand: the members trigger writes its member.updated event.
      await slow.query(`UPDATE members SET name = 'Slow writer', updated_at = $2 WHERE id = $1`, [slowMember.id, START]);
      // Its transaction id where the event was written (on a cluster, the member's node), read from its own event.
      const { rows } = await slow.query<{ xid: string }>(
        `SELECT db_xid::text AS xid FROM events WHERE member_id = $1 ORDER BY db_xid DESC, seq DESC LIMIT 1`,
        [slowMember.id],
      );
      const slowXid = BigInt(rows[0]!.xid);

      // Later transactions write and commit while it stays open.
      const writes = [];
      for (let i = 0; i < 3; i++) writes.push(await purchase(t, f.posKey, busyMember.id, 1250));
      const committed = await tableEvents(f.programId, 'member_id = $2 AND db_xid > $3::xid8', [busyMember.id, String(slowXid)]);
      expect(committed.map((e) => e.type)).toEqual(['points.earned', 'points.earned', 'points.earned']);
      expect(committed.map((e) => BigInt(e.xid)).every((x) => x > slowXid)).toBe(true);

      // They are committed, but the feed must not hand them out yet: once past them a reader would never see the
      // open transaction's event, which sorts before them.
      for (let i = 0; i < 3; i++) {
        const page = await feed.page();
        expect(page.data).toEqual([]);
        expect(page.has_more).toBe(false);
        const position = JSON.parse(Buffer.from(page.next_cursor, 'base64url').toString()) as { x: string; s: number } | { c: string };
        const slowShard = await shardOf(slowMember.id);
        const xid = 'x' in position ? position.x : position.c.split(',').find((p) => p.startsWith(`${slowShard}:`))!.split(':')[1]!;
        expect(BigInt(xid), 'the cursor moved past the open transaction').toBeLessThanOrEqual(slowXid);
        await sleep(30);
      }
      expect((await getFeed(f, { types: 'points.earned', member_id: busyMember.id })).data).toEqual([]);

      await slow.query('COMMIT');
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      await slow.end();
    }

    const after = await feed.drain();
    expect(after.map((e) => e.type)).toEqual(['member.updated', 'points.earned', 'points.earned', 'points.earned']);
    expect(after[0]).toMatchObject({ member_id: slowMember.id, data: { member: { name: 'Slow writer' } } });
    const table = await tableEvents(f.programId);
    const later = new Set(after.map((e) => e.id));
    expectFeedOrder(after, table.filter((e) => later.has(e.id)));
    expectFeedOrder(feed.seen, table);
  });

  it('a transaction that rolls back holds the feed while open, then leaves no event and nothing skipped', async () => {
    const { f, feed } = await program();
    const m = await enroll(t, f.posKey);
    const other = await enrollBeside(f, m.id);
    await feed.drain();

    const slow = new pg.Client({ connectionString: t.config.DATABASE_URL });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(`UPDATE members SET name = 'Never', updated_at = $2 WHERE id = $1`, [m.id, START]);
      await purchase(t, f.posKey, other.id, 1250);
      expect((await feed.page()).data).toEqual([]);
      await slow.query('ROLLBACK');
    } finally {
      await slow.end();
    }
    expect((await feed.drain()).map((e) => e.type)).toEqual(['points.earned']);
  });

  it('a reader following the cursor during 200 concurrent purchases and slow hand-written transactions sees every event exactly once, in order', async () => {
    const { f } = await program();
    const members = await Promise.all(Array.from({ length: 20 }, () => enroll(t, f.posKey)));
    const slowMembers = await Promise.all(Array.from({ length: 4 }, () => enroll(t, f.posKey)));
    const reader = new FeedReader(f, { limit: 7 });

    let writing = true;
    let seenWhileWriting = 0;
    const readLoop = (async () => {
      while (writing) {
        const page = await reader.page();
        if (writing) seenWhileWriting = reader.seen.length;
        if (!page.has_more) await sleep(2);
      }
    })();

    // 200 purchases across 20 members, 8 in flight at once.
    let next = 0;
    const purchases = Array.from({ length: 8 }, async () => {
      for (let i = next++; i < 200; i = next++) {
        const res = await post(t, f.posKey, '/v1/purchases', { member_id: members[i % 20]!.id, receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' } });
        expect(res.statusCode, res.body).toBe(201);
      }
    });
    // Transactions that take their id early and commit late, so commits land out of id order all the time.
    const slowWriters = slowMembers.map(async (m, w) => {
      const client = new pg.Client({ connectionString: t.config.DATABASE_URL });
      await client.connect();
      try {
        for (let round = 0; round < 5; round++) {
          await client.query('BEGIN');
          await client.query(`UPDATE members SET name = $2, updated_at = now() WHERE id = $1`, [m.id, `slow ${w}/${round}`]);
          await sleep(10 + Math.random() * 60);
          await client.query('COMMIT');
        }
      } finally {
        await client.end();
      }
    });
    try {
      await Promise.all([...purchases, ...slowWriters]);
    } finally {
      writing = false;
      await readLoop;
    }

    const table = await tableEvents(f.programId);
    expect(table.filter((e) => e.type === 'points.earned')).toHaveLength(200);
    expect(table.filter((e) => e.type === 'member.updated')).toHaveLength(20);
    await reader.until(table.length, 0);
    expectFeedOrder(reader.seen, table);
    // The reader really read while the writers wrote.
    expect(seenWhileWriting).toBeGreaterThan(0);
  });
});

describe('EventSchema', () => {
  it('describes every event this file produced, and they cover the types of the API writes and jobs', async () => {
    const { rows } = await t.pool.query<EventRow & { program_id: string }>(
      `SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events ORDER BY db_xid, seq`,
    );
    expect(rows.length).toBeGreaterThan(300);
    for (const row of rows) {
      const parsed = EventSchema.safeParse(toEventJson(row.program_id, row));
      expect(parsed.error, `${row.type} ${JSON.stringify(row.data)}`).toBeUndefined();
    }
    const produced = new Set(rows.map((r) => r.type));
    // Promotion and code events are produced and parsed with EventSchema in checkout.test.ts, promo-codes.test.ts and
    // promotion-returns.test.ts; verification events in member-verification.test.ts; wallet events in wallets.test.ts;
    // gift card events in gift-cards.test.ts; referral events in referrals.test.ts; member.segment_changed in rfm.test.ts;
    // custom member events in member-events.test.ts; target events in targets.test.ts; notification.dispatch in
    // notifications.test.ts and journeys.test.ts (a journey's notify step); journey steps in journeys.test.ts.
    const elsewhere = [
      'promo_code.issued', 'promo_code.redeemed', 'promotion.applied', 'promotion.revoked', 'member.otp_requested', 'member.verified',
      'wallet.credited', 'wallet.debited', 'wallet.held', 'wallet.hold_released',
      'gift_card.issued', 'gift_card.otp_requested', 'gift_card.spent', 'gift_card.transferred', 'gift_card.expired', 'gift_card.refunded',
      'referral.rewarded', 'referral.cancelled', 'member.segment_changed',
      'member.custom_event', 'target.off_track', 'target.back_on_track', 'journey.step_completed', 'notification.dispatch',
    ];
    const expected = EVENT_TYPES.filter(
      (type) =>
        ![...elsewhere, 'member.birthday_upcoming', 'member.inactive', 'points.expiring', 'points.renewable', 'points.renewed', 'points.decayed', 'points.extended', 'points.debt_paid'].includes(type),
    );
    expect([...produced].sort()).toEqual(expect.arrayContaining(expected));
    expect([...typesSeen].sort()).toEqual(expect.arrayContaining(expected));
  });

  it('refuses an event whose data does not fit its type', () => {
    const event = {
      id: 'evt_01jdq3v7f8e9t0sw2p1x5m3k4z',
      type: 'points.earned',
      occurred_at: '2026-03-02T08:00:00.000Z',
      timestamp: '2026-03-02T08:00:00.000Z',
      recorded_at: '2026-03-02T08:00:00.000Z',
      program_id: 'prg_01jdq3v7f8e9t0sw2p1x5m3k4z',
      member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z',
      data: {
        transaction: {
          id: 'txn_01jdq3v7f8e9t0sw2p1x5m3k4z',
          type: 'earn',
          points: 100,
          member_id: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z',
          resource_id: 'pur_01jdq3v7f8e9t0sw2p1x5m3k4z',
          ref_id: null,
          external_ref: 'R-1',
          occurred_at: '2026-03-02T08:00:00.000Z',
          recorded_at: '2026-03-02T08:00:00.000Z',
          version: 2,
          data: {},
          entries: [
            { account: 'available', amount: 100 },
            { account: 'issued', amount: -100 },
          ],
        },
        balance: { available: 100, pending: 0, held: 0, debt: 0, version: 2 },
      },
    };
    expect(EventSchema.safeParse(event).success).toBe(true);
    const withTxnType = (type: string) => ({ ...event, data: { ...event.data, transaction: { ...event.data.transaction, type } } });
    expect(EventSchema.safeParse(withTxnType('redeem')).success).toBe(false);
    expect(EventSchema.safeParse({ ...event, type: 'points.redeemed' }).success).toBe(false);
    expect(EventSchema.safeParse({ ...withTxnType('redeem'), type: 'points.redeemed' }).success).toBe(true);
    expect(EventSchema.safeParse({ ...event, type: 'member.enrolled' }).success).toBe(false);
    expect(EventSchema.safeParse({ ...event, type: 'points.earnt' }).success).toBe(false);
    expect(EventSchema.safeParse({ ...event, timestamp: 'yesterday' }).success).toBe(false);
    const { balance: _b, ...withoutBalance } = event.data;
    expect(EventSchema.safeParse({ ...event, data: withoutBalance }).success).toBe(false);
  });
});
