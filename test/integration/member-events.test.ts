import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createProgramFixture, createTestApp, type ProgramFixture } from '../helpers/app.ts';
import { post, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';

// Custom member events (engagement.md "Journeys": POST /v1/members/{id}/events; issue 16 item 2).
const NOW = new Date('2027-03-10T09:00:00Z');
let t: FixedClockTestApp;
let p: ProgramFixture;

beforeAll(async () => {
  t = (await createTestApp({ now: NOW })) as FixedClockTestApp;
  p = await createProgramFixture(t);
});
afterAll(() => t?.close());

async function member(fixture = p) {
  const res = await t.call({ method: 'POST', url: '/v1/members', key: fixture.posKey, payload: {} });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const record = (memberId: string, body: Record<string, unknown>, key?: string) => post(t, p.posKey, `/v1/members/${memberId}/events`, body, key);

async function outbox(memberId: string) {
  const { rows } = await t.pool.query<EventRow & { program_id: string }>(
    `SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events
      WHERE member_id = $1 AND type = 'member.custom_event' ORDER BY recorded_at, seq`,
    [memberId],
  );
  for (const row of rows) expect(EventSchema.safeParse(toEventJson(row.program_id, row)).error).toBeUndefined();
  return rows;
}

const stored = async (memberId: string) =>
  (await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM member_events WHERE member_id = $1', [memberId])).rows[0]!.n;

describe('POST /v1/members/{id}/events', () => {
  it('should store the event and publish member.custom_event in the same write', async () => {
    const m = await member();
    const res = await record(m, { type: 'cart.abandoned', data: { cart_id: 'c-1001', items: 3, total: 4590 }, occurred_at: '2027-03-10T08:30:00+04:00' });
    expect(res.statusCode, res.body).toBe(201);
    const { event } = res.json();
    expect(event).toEqual({
      id: expect.stringMatching(/^mev_/),
      member_id: m,
      type: 'cart.abandoned',
      data: { cart_id: 'c-1001', items: 3, total: 4590 },
      occurred_at: '2027-03-10T04:30:00.000Z',
      recorded_at: '2027-03-10T09:00:00.000Z',
    });
    const published = await outbox(m);
    expect(published).toHaveLength(1);
    expect(published[0]!.data).toEqual({ event });
    expect(published[0]!.occurred_at).toEqual(new Date('2027-03-10T04:30:00Z'));
    // Without data and occurred_at: {} and now.
    const bare = await record(m, { type: 'wishlist.price_drop' });
    expect(bare.json().event).toMatchObject({ type: 'wishlist.price_drop', data: {}, occurred_at: '2027-03-10T09:00:00.000Z' });
  });

  it('should store and publish once per Idempotency-Key, also when the retries arrive together', async () => {
    const m = await member();
    const key = randomUUID();
    const body = { type: 'app.rated', data: { stars: 5 } };
    const all = await Promise.all(Array.from({ length: 6 }, () => record(m, body, key)));
    for (const res of all) expect(res.statusCode, res.body).toBe(201);
    expect(new Set(all.map((r) => r.json().event.id)).size).toBe(1);
    expect(all.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
    expect(await stored(m)).toBe(1);
    expect(await outbox(m)).toHaveLength(1);
    expectProblem(await record(m, { ...body, data: { stars: 4 } }, key), 422, 'idempotency_key_reused');
    const noKey = await t.call({ method: 'POST', url: `/v1/members/${m}/events`, key: p.posKey, payload: body });
    expect(expectProblem(noKey, 400, 'validation_failed').errors).toEqual([expect.objectContaining({ pointer: '/idempotency-key', location: 'header' })]);
  });

  it('should refuse bad input with a pointer at each field, storing nothing', async () => {
    const m = await member();
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'cart' }, '/type'],
      [{ type: 'Cart.Abandoned' }, '/type'],
      [{ type: 'cart..abandoned' }, '/type'],
      [{ type: `a.${'b'.repeat(100)}` }, '/type'],
      [{ type: 'cart.abandoned', data: [1, 2] }, '/data'],
      [{ type: 'cart.abandoned', data: { blob: 'x'.repeat(4100) } }, '/data'],
      [{ type: 'cart.abandoned', occurred_at: 'yesterday' }, '/occurred_at'],
      [{ type: 'cart.abandoned', occurred_at: '2027-03-10T09:06:00Z' }, '/occurred_at'], // more than 5 minutes ahead
      [{ type: 'cart.abandoned', colour: 'red' }, '/colour'],
    ];
    for (const [body, pointer] of cases) {
      const problem = expectProblem(await record(m, body), 400, 'validation_failed');
      expect(problem.errors!.map((e) => e.pointer), JSON.stringify(body)).toEqual([pointer]);
    }
    // 4,096 bytes of JSON are allowed: {"blob":"…"} is 11 bytes around the string.
    expect((await record(m, { type: 'cart.abandoned', data: { blob: 'x'.repeat(4085) } })).statusCode).toBe(201);
    expect(await stored(m)).toBe(1);
  });

  it('should answer an unknown, foreign, blocked or deactivated member as purchases do, publishing nothing', async () => {
    expectProblem(await record('mem_01jdq3v7f8e9t0sw2p1x5m3k4z', { type: 'cart.abandoned' }), 404, 'member_not_found');
    const other = await createProgramFixture(t);
    const foreign = await member(other);
    expectProblem(await record(foreign, { type: 'cart.abandoned' }), 404, 'member_not_found');
    const blocked = await member();
    expect((await t.call({ method: 'PATCH', url: `/v1/members/${blocked}`, key: p.posKey, payload: { status: 'blocked' } })).statusCode).toBe(200);
    expectProblem(await record(blocked, { type: 'cart.abandoned' }), 423, 'member_blocked');
    const gone = await member();
    expect((await t.call({ method: 'PATCH', url: `/v1/members/${gone}`, key: p.posKey, payload: { status: 'deactivated' } })).statusCode).toBe(200);
    expectProblem(await record(gone, { type: 'cart.abandoned' }), 422, 'member_deactivated');
    for (const id of [foreign, blocked, gone]) {
      expect(await stored(id)).toBe(0);
      expect(await outbox(id)).toHaveLength(0);
    }
    expectProblem(await post(t, p.readKey, `/v1/members/${blocked}/events`, { type: 'cart.abandoned' }), 403, 'forbidden');
  });
});

describe('GET /v1/members/{id}/events', () => {
  it('should list the member\'s events newest first, paged, by type, to read keys', async () => {
    const m = await member();
    const ids: string[] = [];
    for (const type of ['cart.abandoned', 'wishlist.price_drop', 'cart.abandoned']) {
      t.clock.advance(1000);
      ids.push((await record(m, { type })).json().event.id);
    }
    const first = await t.call({ method: 'GET', url: `/v1/members/${m}/events?limit=2`, key: p.readKey });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().data.map((e: { id: string }) => e.id)).toEqual([ids[2], ids[1]]);
    expect(first.json().has_more).toBe(true);
    const rest = await t.call({ method: 'GET', url: `/v1/members/${m}/events?limit=2&cursor=${first.json().next_cursor}`, key: p.readKey });
    expect(rest.json()).toMatchObject({ data: [{ id: ids[0], type: 'cart.abandoned' }], has_more: false, next_cursor: null });
    const carts = await t.call({ method: 'GET', url: `/v1/members/${m}/events?type=cart.abandoned`, key: p.readKey });
    expect(carts.json().data.map((e: { id: string }) => e.id)).toEqual([ids[2], ids[0]]);
    expectProblem(await t.call({ method: 'GET', url: `/v1/members/${m}/events?type=Cart`, key: p.readKey }), 400, 'validation_failed');
    expectProblem(await t.call({ method: 'GET', url: '/v1/members/mem_01jdq3v7f8e9t0sw2p1x5m3k4z/events', key: p.readKey }), 404, 'member_not_found');
  });
});

describe.skipIf(inject('clusterWorkers').length === 0)('on a Citus cluster', () => {
  it('should route the write whole to the member\'s worker: ledger_member_event is distributed by its member', async () => {
    const { rows } = await t.pool.query<{ arg: number }>(
      `SELECT distribution_argument_index AS arg FROM pg_dist_object WHERE objid = 'ledger_member_event(text,jsonb)'::regprocedure`,
    );
    expect(rows).toEqual([{ arg: 0 }]);
  });
});
