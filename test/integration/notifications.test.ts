import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { post, runJobAt, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';
import { claimKey, fillTemplate, heldOut, NOTIFICATION_BATCH, sendBatch } from '../../src/engagement/notifications.ts';
import { resolveSettings } from '../../src/programs/settings.ts';

// Notifications (engagement.md "Notifications", issue 16 item 1). Each describe has its own program, so counts and
// caps do not leak between them. Programs are in Asia/Baku (UTC+4, no DST) with the default engagement settings:
// at most 2 messages a local day and 5 an ISO week per channel, quiet hours 21:00-09:00 local.
const NOON = '2027-03-10T08:00:00Z'; // Wednesday 12:00 in Baku
let t: FixedClockTestApp;
let b: FixedClockTestApp; // a second instance on the same database

beforeAll(async () => {
  t = (await createTestApp({ now: new Date(NOON), env: { DB_POOL_SIZE: '6' } })) as FixedClockTestApp;
  b = (await createTestApp({ now: new Date(NOON), databaseUrl: t.config.DATABASE_URL, env: { DB_POOL_SIZE: '6' } })) as FixedClockTestApp;
});
afterAll(async () => {
  await b?.app.close();
  await b?.db.destroy();
  await t?.close();
});

type Body = Record<string, unknown>;
const create = (p: ProgramFixture, body: Body, key = randomUUID()) => post(t, p.adminKey, '/v1/notifications', body, key);

async function created(p: ProgramFixture, body: Body) {
  const res = await create(p, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; counts: Record<string, unknown> };
}

async function get(p: ProgramFixture, id: string) {
  const res = await t.call({ method: 'GET', url: `/v1/notifications/${id}`, key: p.readKey });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const run = (p: ProgramFixture, asOf = NOON) => runJobAt(t, p.adminKey, 'notifications', new Date(asOf));

interface DispatchEvent {
  member_id: string;
  occurred_at: Date;
  data: { dispatch_key: string; notification_id: string; member_id: string; channel: string; phone: string | null; email: string | null; title: string; body: string; data: Body };
}

/** The notification's dispatch events, each checked against the published schema. */
async function dispatches(notificationId: string): Promise<DispatchEvent[]> {
  const { rows } = await t.pool.query<EventRow & { program_id: string }>(
    `SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events
      WHERE type = 'notification.dispatch' AND data->>'notification_id' = $1 ORDER BY member_id, data->>'channel'`,
    [notificationId],
  );
  for (const row of rows) {
    const parsed = EventSchema.safeParse(toEventJson(row.program_id, row));
    expect(parsed.error, JSON.stringify(row.data)).toBeUndefined();
  }
  return rows as unknown as DispatchEvent[];
}

async function touches(notificationId: string) {
  const { rows } = await t.pool.query<{ member_id: string; touch: string; touch_key: string; source_kind: string; touched_at: Date }>(
    `SELECT member_id, touch, touch_key, source_kind, touched_at FROM engagement_touches WHERE source_id = $1 ORDER BY member_id`,
    [notificationId],
  );
  return rows;
}

let loyalty = 60_000_000;
/**
 * Active members written straight into the table (enrolling thousands through the API would take minutes), in id
 * order, with consent for the channels given.
 */
async function bulkMembers(p: ProgramFixture, n: number, consents: string[] = ['push', 'sms', 'email']): Promise<string[]> {
  const prefix = `mem_bulk${randomUUID().slice(0, 8)}`;
  const consent = Object.fromEntries(consents.map((c) => [c, { granted: true, updated_at: '2027-01-01T00:00:00.000Z' }]));
  const first = loyalty;
  loyalty += n;
  const ids: string[] = [];
  // In chunks: on a busy cluster one INSERT ... SELECT of thousands of members can outlast the statement timeout.
  for (let from = 1; from <= n; from += 500) {
    const { rows } = await t.pool.query<{ id: string }>(
      `INSERT INTO members (id, program_id, loyalty_id, name, phone, email, consents, created_at, updated_at)
       SELECT $1 || lpad(i::text, 6, '0'), $2, lpad(($3 + i)::text, 8, '0'), 'Member ' || i, '+99450' || lpad(i::text, 7, '0'),
              'm' || i || '@example.com', $4::jsonb, '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z'
         FROM generate_series($5::int, least($5::int + 499, $6::int)) i
       RETURNING id`,
      [prefix, p.programId, first, JSON.stringify(consent), from, n],
    );
    ids.push(...rows.map((r) => r.id));
  }
  return ids.sort();
}

describe('POST /v1/notifications', () => {
  let p: ProgramFixture;
  let m: string;
  beforeAll(async () => {
    p = await createProgramFixture(t);
    m = (await enroll(t, p.posKey)).id;
  });

  it('should create a scheduled notification, once per Idempotency-Key', async () => {
    const body = { audience: { all: true }, channels: ['push', 'email'], title: 'Hi {{first_name}}', body: 'Double points', holdout_percent: 12.5, data: { link: 'app://x' } };
    const key = randomUUID();
    const first = await create(p, body, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      id: expect.stringMatching(/^ntf_/),
      status: 'scheduled',
      audience: { all: true },
      channels: ['push', 'email'],
      holdout_percent: 12.5,
      scheduled_at: '2027-03-10T08:00:00.000Z',
      expires_at: null,
      data: { link: 'app://x' },
      counts: { audience: 0, skipped: { consent: 0, no_address: 0, frequency_cap: 0, quiet_hours: 0 }, holdout: 0, dispatched: 0, delivered: 0, opened: 0, clicked: 0 },
    });
    const again = await create(p, body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expectProblem(await create(p, { ...body, title: 'Other' }, key), 422, 'idempotency_key_reused');
    expect(await get(p, first.json().id)).toEqual(first.json());
  });

  it('should refuse unknown members with a pointer to each, and nothing is created', async () => {
    const { rows: before } = await t.pool.query('SELECT count(*)::int AS n FROM notifications');
    const other = await createProgramFixture(t);
    const stranger = (await enroll(t, other.posKey)).id;
    const res = await create(p, { audience: { member_ids: [m, 'mem_nobody', stranger] }, channels: ['sms'], title: 'T', body: 'B' });
    const problem = expectProblem(res, 422, 'member_not_in_program');
    expect((problem as unknown as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(['/audience/member_ids/1', '/audience/member_ids/2']);
    const { rows: after } = await t.pool.query('SELECT count(*)::int AS n FROM notifications');
    expect(after).toEqual(before);
  });

  it('should refuse a segment or RFM segment that names nothing, and a bad body, with pointers', async () => {
    const pointers = async (body: Body, status: number, code: string) =>
      ((expectProblem(await create(p, body), status, code) as unknown as { errors: { pointer: string }[] }).errors ?? []).map((e) => e.pointer);
    const base = { channels: ['push'], title: 'T', body: 'B' };
    expect(await pointers({ ...base, audience: { segment_id: 'seg_nothing' } }, 422, 'invalid_audience')).toEqual(['/audience/segment_id']);
    expect(await pointers({ ...base, audience: { rfm_segment: 'Heroes' } }, 422, 'invalid_audience')).toEqual(['/audience/rfm_segment']);
    expect(await pointers({ ...base, audience: { all: true }, channels: ['fax'] }, 400, 'validation_failed')).toContain('/channels/0');
    expect(await pointers({ ...base, audience: { all: true }, holdout_percent: 51 }, 400, 'validation_failed')).toEqual(['/holdout_percent']);
    expect(await pointers({ ...base, audience: { all: true }, expires_at: '2027-03-10T07:00:00Z' }, 400, 'validation_failed')).toEqual(['/expires_at']);
    // A full list of 10,000 member ids fits the body limit (and names nobody here); 10,001 is too many.
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `mem_01jdq3v7f8e9t0sw2p1x${String(i).padStart(6, '0')}`);
    const full = await pointers({ ...base, audience: { member_ids: ids(10_000) } }, 422, 'member_not_in_program');
    expect(full).toHaveLength(10_000);
    expect(full[9_999]).toBe('/audience/member_ids/9999');
    expect(await pointers({ ...base, audience: { member_ids: ids(10_001) } }, 400, 'validation_failed')).toContain('/audience');
  });

  it('should answer 404 for a notification of another program', async () => {
    const n = await created(p, { audience: { all: true }, channels: ['push'], title: 'T', body: 'B' });
    const other = await createProgramFixture(t);
    expectProblem(await t.call({ method: 'GET', url: `/v1/notifications/${n.id}`, key: other.readKey }), 404, 'notification_not_found');
    expectProblem(await post(t, other.adminKey, `/v1/notifications/${n.id}/cancel`, {}), 404, 'notification_not_found');
  });

  it('should list newest first, page by page, filtered by status', async () => {
    const q = await createProgramFixture(t);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await created(q, { audience: { all: true }, channels: ['push'], title: `T${i}`, body: 'B' })).id);
    await post(t, q.adminKey, `/v1/notifications/${ids[1]}/cancel`, {});
    const page1 = await t.call({ method: 'GET', url: '/v1/notifications?limit=2', key: q.readKey });
    expect(page1.json().data.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1]]);
    const page2 = await t.call({ method: 'GET', url: `/v1/notifications?limit=2&cursor=${page1.json().next_cursor}`, key: q.readKey });
    expect(page2.json()).toMatchObject({ data: [{ id: ids[0] }], has_more: false });
    const cancelled = await t.call({ method: 'GET', url: '/v1/notifications?status=cancelled', key: q.readKey });
    expect(cancelled.json().data.map((n: { id: string }) => n.id)).toEqual([ids[1]]);
  });
});

describe('sending', () => {
  let p: ProgramFixture;
  beforeAll(async () => {
    p = await createProgramFixture(t);
  });

  it('should dispatch once per member and consented channel, fields filled, with a touch per member', async () => {
    const aysel = await enroll(t, p.posKey, { name: 'Aysel Mammadova', phone: '+994501234567', email: 'aysel@example.com', consents: { push: true, sms: true, email: true } });
    const pushOnly = await enroll(t, p.posKey, { name: 'Kamran', consents: { push: true, sms: false } });
    const none = await enroll(t, p.posKey, {});
    // Consents to SMS but has no phone: the SMS cannot be sent, so it is not handed over.
    const noPhone = await enroll(t, p.posKey, { name: 'Leyla', consents: { push: true, sms: true } });
    const blocked = await enroll(t, p.posKey, { consents: { push: true } });
    expect((await t.call({ method: 'PATCH', url: `/v1/members/${blocked.id}`, key: p.adminKey, payload: { status: 'blocked' } })).statusCode).toBe(200);
    const n = await created(p, {
      audience: { member_ids: [aysel.id, pushOnly.id, none.id, noPhone.id, blocked.id] },
      channels: ['push', 'sms'],
      title: 'Hi {{first_name}}',
      body: 'Dear {{ name }}, {{last_name}} {{nickname}} your id is {{loyalty_id}}.',
      data: { link: 'app://offers/1' },
    });
    const result = await run(p);
    expect(result).toMatchObject({ notifications_sending: 1, notifications_sent: 1, notifications_dispatched: 4, events: 4, members: 4 });
    const events = await dispatches(n.id);
    expect(events.map((e) => [e.member_id, e.data.channel])).toEqual(
      [[aysel.id, 'push'], [aysel.id, 'sms'], [pushOnly.id, 'push'], [noPhone.id, 'push']].sort((x, y) => (x[0]! + x[1]).localeCompare(y[0]! + y[1])),
    );
    const toAysel = events.find((e) => e.member_id === aysel.id && e.data.channel === 'sms')!;
    expect(toAysel.data).toEqual({
      dispatch_key: `${aysel.id}:${n.id}:sms`,
      notification_id: n.id,
      journey_id: null,
      run_id: null,
      step: null,
      member_id: aysel.id,
      channel: 'sms',
      phone: '+994501234567',
      email: 'aysel@example.com',
      title: 'Hi Aysel',
      body: `Dear Aysel Mammadova, Mammadova  your id is ${aysel.loyalty_id}.`,
      data: { link: 'app://offers/1' },
    });
    expect(toAysel.occurred_at).toEqual(new Date(NOON));
    expect(events.find((e) => e.member_id === pushOnly.id)!.data).toMatchObject({ title: 'Hi Kamran', phone: null, email: null });
    // One dispatch touch per member reached; the member with no consent was not reached; the blocked one is no audience.
    expect(await touches(n.id)).toEqual(
      [aysel.id, pushOnly.id, noPhone.id].sort().map((id) => ({ member_id: id, touch: 'dispatch', touch_key: `notification:${n.id}`, source_kind: 'notification', touched_at: new Date(NOON) })),
    );
    expect(await get(p, n.id)).toMatchObject({
      status: 'sent',
      started_at: NOON.replace('Z', '.000Z'),
      finished_at: NOON.replace('Z', '.000Z'),
      counts: { audience: 4, skipped: { consent: 3, no_address: 1, frequency_cap: 0, quiet_hours: 0 }, holdout: 0, dispatched: 4 },
    });
    // A rerun sends nothing more.
    expect(await run(p)).toMatchObject({ notifications_sending: 0, notifications_dispatched: 0 });
    expect(await dispatches(n.id)).toHaveLength(4);
  });

  it('should not send before scheduled_at', async () => {
    const m = await enroll(t, p.posKey, { email: 'later@example.com', consents: { email: true } });
    const n = await created(p, { audience: { member_ids: [m.id] }, channels: ['email'], title: 'T', body: 'B', scheduled_at: '2027-03-11T08:00:00Z' });
    await run(p);
    expect((await get(p, n.id)).status).toBe('scheduled');
    await run(p, '2027-03-11T08:00:00Z');
    expect(await get(p, n.id)).toMatchObject({ status: 'sent', counts: { dispatched: 1 } });
  });

  it('should fill {{attributes.x}} from the member record, and leave unknown fields empty', () => {
    const member = { loyalty_id: '12345678', name: null, phone: null, email: null, attributes: { favourite_color: 'green', kids: 2 } };
    expect(fillTemplate('{{first_name}}|{{attributes.favourite_color}}|{{attributes.kids}}|{{attributes.none}}|{{whatever}}|{{ loyalty_id }}', member)).toBe('||green|2|||12345678'.replace('||green', '|green'));
  });
});

describe('audiences', () => {
  let p: ProgramFixture;
  let members: string[];
  beforeAll(async () => {
    p = await createProgramFixture(t);
    members = [];
    for (let i = 0; i < 4; i++) members.push((await enroll(t, p.posKey, { consents: { push: true } })).id);
  });

  it('all: every active member of the program, and no other program\'s', async () => {
    const other = await createProgramFixture(t);
    await enroll(t, other.posKey, { consents: { push: true } });
    const n = await created(p, { audience: { all: true }, channels: ['push'], title: 'T', body: 'B' });
    await run(p);
    expect((await dispatches(n.id)).map((e) => e.member_id).sort()).toEqual([...members].sort());
  });

  it('segment_id: the members of a static segment', async () => {
    const seg = await post(t, p.adminKey, '/v1/segments', { name: 'VIP', kind: 'static' });
    expect(seg.statusCode, seg.body).toBe(201);
    const added = await post(t, p.adminKey, `/v1/segments/${seg.json().id}/members`, { member_ids: [members[0], members[2]] });
    expect(added.statusCode, added.body).toBeLessThan(300);
    const n = await created(p, { audience: { segment_id: seg.json().id }, channels: ['push'], title: 'T', body: 'B' });
    await run(p, '2027-03-15T08:00:00Z');
    expect((await dispatches(n.id)).map((e) => e.member_id).sort()).toEqual([members[0], members[2]].sort());
  });

  it('segment_id: the members a rule segment matches when the job sends', async () => {
    await t.call({ method: 'PATCH', url: `/v1/members/${members[3]}`, key: p.adminKey, payload: { branch: 'Ganja' } });
    const seg = await post(t, p.adminKey, '/v1/segments', { name: 'Ganja', kind: 'dynamic', rule: { all: [{ branch: { in: ['Ganja'] } }] } });
    expect(seg.statusCode, seg.body).toBe(201);
    const n = await created(p, { audience: { segment_id: seg.json().id }, channels: ['push'], title: 'T', body: 'B' });
    await run(p, '2027-03-16T08:00:00Z');
    expect((await dispatches(n.id)).map((e) => e.member_id)).toEqual([members[3]]);
  });

  it('rfm_segment: the members the rfm job last placed in it', async () => {
    await t.pool.query(
      `INSERT INTO member_rfm (member_id, program_id, segment, as_of, updated_at) VALUES ($1, $3, 'Champions', now(), now()), ($2, $3, 'Hibernating', now(), now())`,
      [members[1], members[2], p.programId],
    );
    const n = await created(p, { audience: { rfm_segment: 'Champions' }, channels: ['push'], title: 'T', body: 'B' });
    await run(p, '2027-03-17T08:00:00Z');
    expect((await dispatches(n.id)).map((e) => e.member_id)).toEqual([members[1]]);
  });
});

describe('holdout', () => {
  it('should hold out a stable share chosen by hash, never send them, and record their holdout touch', async () => {
    const p = await createProgramFixture(t);
    const members = await bulkMembers(p, 400);
    const n = await created(p, { audience: { all: true }, channels: ['push', 'email'], title: 'T', body: 'B', holdout_percent: 20 });
    await run(p);
    const held = members.filter((m) => heldOut(n.id, m, 2000));
    // 20 % of 400, give or take what a fair hash gives.
    expect(held.length).toBeGreaterThan(50);
    expect(held.length).toBeLessThan(110);
    const events = await dispatches(n.id);
    const sentTo = new Set(events.map((e) => e.member_id));
    expect(held.filter((m) => sentTo.has(m))).toEqual([]);
    expect(events).toHaveLength((members.length - held.length) * 2);
    const rows = await touches(n.id);
    expect(rows.filter((r) => r.touch === 'holdout').map((r) => r.member_id)).toEqual(held);
    expect(rows.filter((r) => r.touch === 'dispatch')).toHaveLength(members.length - held.length);
    expect((await get(p, n.id)).counts).toMatchObject({ audience: 400, holdout: held.length, dispatched: (400 - held.length) * 2 });
    // Stable: the same pair always decides the same way; another notification holds out other members.
    expect(heldOut(n.id, members[0]!, 2000)).toBe(heldOut(n.id, members[0]!, 2000));
    expect(members.filter((m) => heldOut('ntf_other', m, 2000))).not.toEqual(held);
  });
});

describe('frequency caps and quiet hours', () => {
  let p: ProgramFixture;
  let m: string;
  beforeAll(async () => {
    p = await createProgramFixture(t);
    m = (await enroll(t, p.posKey, { phone: '+994501110000', consents: { push: true, sms: true } })).id;
  });
  const one = (channels: string[], extra: Body = {}) => created(p, { audience: { member_ids: [m] }, channels, title: 'T', body: 'B', ...extra });

  it('should skip a channel once the member had per_day messages on it that local day, and per_week that ISO week', async () => {
    // Monday 2027-03-15, 10:00 local, then 20:00 local: two a day on push.
    const a = await one(['push']);
    await run(p, '2027-03-15T06:00:00Z');
    const b2 = await one(['push']);
    await run(p, '2027-03-15T16:00:00Z');
    const c = await one(['push', 'sms']);
    await run(p, '2027-03-15T16:30:00Z');
    expect([(await get(p, a.id)).counts.dispatched, (await get(p, b2.id)).counts.dispatched]).toEqual([1, 1]);
    // The third on push is over the daily cap; sms has its own count.
    expect((await get(p, c.id)).counts).toMatchObject({ dispatched: 1, skipped: { frequency_cap: 1 } });
    expect((await dispatches(c.id)).map((e) => e.data.channel)).toEqual(['sms']);
    // The next local day (Tuesday 10:00 local) is a new day: two more on push, the week reaches 4, then 5 on Wednesday.
    for (const asOf of ['2027-03-16T06:00:00Z', '2027-03-16T07:00:00Z', '2027-03-17T06:00:00Z']) {
      const n = await one(['push']);
      await run(p, asOf);
      expect((await get(p, n.id)).counts.dispatched, asOf).toBe(1);
    }
    // Five this ISO week on push: the sixth waits for the next week whatever the day.
    const sixth = await one(['push']);
    await run(p, '2027-03-18T06:00:00Z');
    expect((await get(p, sixth.id)).counts).toMatchObject({ dispatched: 0, skipped: { frequency_cap: 1 } });
    const nextWeek = await one(['push']);
    await run(p, '2027-03-22T06:00:00Z');
    expect((await get(p, nextWeek.id)).counts.dispatched).toBe(1);
  });

  it('should hold a notification due in quiet hours until they end', async () => {
    const q = await createProgramFixture(t);
    const x = await enroll(t, q.posKey, { consents: { push: true } });
    const n = await created(q, { audience: { member_ids: [x.id] }, channels: ['push'], title: 'T', body: 'B', scheduled_at: '2027-03-10T18:00:00Z' });
    // 22:00 local and 08:59 local: quiet.
    expect(await run(q, '2027-03-10T18:00:00Z')).toMatchObject({ notifications_held: 1, notifications_dispatched: 0 });
    expect(await run(q, '2027-03-11T04:59:00Z')).toMatchObject({ notifications_held: 1, notifications_dispatched: 0 });
    expect((await get(q, n.id)).status).toBe('scheduled');
    // 09:00 local: sent, dispatched at that time.
    expect(await run(q, '2027-03-11T05:00:00Z')).toMatchObject({ notifications_held: 0, notifications_dispatched: 1 });
    expect((await dispatches(n.id))[0]!.occurred_at).toEqual(new Date('2027-03-11T05:00:00Z'));
  });

  it('should skip as quiet_hours a message still held at expires_at', async () => {
    const q = await createProgramFixture(t);
    const x = await enroll(t, q.posKey, { phone: '+994501110001', consents: { push: true, sms: true } });
    const y = await enroll(t, q.posKey, { phone: '+994501110002', consents: { sms: true } });
    const n = await created(q, {
      audience: { member_ids: [x.id, y.id] },
      channels: ['push', 'sms'],
      title: 'Flash sale tonight',
      body: 'B',
      scheduled_at: '2027-03-10T18:00:00Z',
      expires_at: '2027-03-10T20:00:00Z',
    });
    await run(q, '2027-03-10T18:00:00Z');
    expect(await run(q, '2027-03-10T20:00:00Z')).toMatchObject({ notifications_sent: 1, notifications_dispatched: 0 });
    expect(await get(q, n.id)).toMatchObject({ status: 'sent', counts: { audience: 2, dispatched: 0, skipped: { consent: 1, quiet_hours: 3 } } });
    expect(await touches(n.id)).toEqual([]);
  });
});

describe('cancel', () => {
  let p: ProgramFixture;
  beforeAll(async () => {
    p = await createProgramFixture(t);
  });

  it('should cancel a scheduled notification: nothing is sent; again answers it unchanged', async () => {
    await enroll(t, p.posKey, { consents: { push: true } });
    const n = await created(p, { audience: { all: true }, channels: ['push'], title: 'T', body: 'B', scheduled_at: '2027-03-12T08:00:00Z' });
    const res = await post(t, p.adminKey, `/v1/notifications/${n.id}/cancel`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelled_at: NOON.replace('Z', '.000Z') });
    const again = await post(t, p.adminKey, `/v1/notifications/${n.id}/cancel`, {});
    expect(again.json()).toEqual(res.json());
    await run(p, '2027-03-12T08:00:00Z');
    expect(await dispatches(n.id)).toEqual([]);
  });

  it('should stop a notification mid-send: batches already handed over stay, none starts after', async () => {
    const bulk = await bulkMembers(p, NOTIFICATION_BATCH + 200, ['push']);
    // With the member the first test enrolled (consent for push too), in id order.
    const { rows } = await t.pool.query<{ id: string }>('SELECT id FROM members WHERE program_id = $1 ORDER BY id', [p.programId]);
    const members = rows.map((r) => r.id);
    expect(members).toHaveLength(bulk.length + 1);
    const n = await created(p, { audience: { all: true }, channels: ['push'], title: 'T', body: 'B' });
    const settings = resolveSettings((await t.pool.query('SELECT settings FROM programs WHERE id = $1', [p.programId])).rows[0].settings);
    const tally = { notifications: 0, members: 0, dispatched: 0, sent: 0, held: 0 };
    expect(await sendBatch(t.db, p.programId, n.id, settings, new Date(NOON), new Date(NOON), tally)).toBe('more');
    const res = await post(t, p.adminKey, `/v1/notifications/${n.id}/cancel`, {});
    expect(res.json()).toMatchObject({ status: 'cancelled', counts: { dispatched: NOTIFICATION_BATCH } });
    await run(p);
    const events = await dispatches(n.id);
    // The first batch is the first members in id order.
    expect(events.map((e) => e.member_id)).toEqual(members.slice(0, NOTIFICATION_BATCH));
  });

  it('should answer 409 notification_sent for a sent notification', async () => {
    const q = await createProgramFixture(t);
    const n = await created(q, { audience: { all: true }, channels: ['push'], title: 'T', body: 'B' });
    await run(q);
    expect((await get(q, n.id)).status).toBe('sent');
    expectProblem(await post(t, q.adminKey, `/v1/notifications/${n.id}/cancel`, {}), 409, 'notification_sent');
  });
});

describe('receipts', () => {
  let p: ProgramFixture;
  let n: { id: string };
  let reached: string;
  let noConsent: string;
  beforeAll(async () => {
    p = await createProgramFixture(t);
    reached = (await enroll(t, p.posKey, { consents: { push: true } })).id;
    noConsent = (await enroll(t, p.posKey, {})).id;
    n = await created(p, { audience: { all: true }, channels: ['push'], title: 'T', body: 'B' });
    await run(p);
  });
  const receipt = (body: Body, id = n.id) => post(t, p.adminKey, `/v1/notifications/${id}/receipts`, body);

  it('should record each status once: 201, then 200 with the stored receipt', async () => {
    const first = await receipt({ member_id: reached, channel: 'push', status: 'delivered', occurred_at: '2027-03-10T08:00:05Z' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ notification_id: n.id, member_id: reached, channel: 'push', status: 'delivered', occurred_at: '2027-03-10T08:00:05.000Z', recorded_at: '2027-03-10T08:00:00.000Z' });
    const repeat = await receipt({ member_id: reached, channel: 'push', status: 'delivered', occurred_at: '2027-03-10T09:00:00Z' });
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json()).toEqual(first.json());
    expect((await receipt({ member_id: reached, channel: 'push', status: 'opened' })).statusCode).toBe(201);
    expect((await get(p, n.id)).counts).toMatchObject({ dispatched: 1, delivered: 1, opened: 1, clicked: 0 });
  });

  it('should record a receipt once under parallel repeats', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => receipt({ member_id: reached, channel: 'push', status: 'clicked' })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect((await get(p, n.id)).counts.clicked).toBe(1);
  });

  it('should refuse a member not dispatched on the channel (422) and an unknown notification (404)', async () => {
    const refused = expectProblem(await receipt({ member_id: noConsent, channel: 'push', status: 'delivered' }), 422, 'notification_not_dispatched');
    expect((refused as unknown as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(['/member_id']);
    expectProblem(await receipt({ member_id: reached, channel: 'sms', status: 'delivered' }), 422, 'notification_not_dispatched');
    expectProblem(await receipt({ member_id: reached, channel: 'push', status: 'delivered' }, 'ntf_nothing'), 404, 'notification_not_found');
    expect((await t.pool.query('SELECT count(*)::int AS n FROM notification_receipts WHERE member_id = $1', [noConsent])).rows[0].n).toBe(0);
  });
});

describe('two instances', () => {
  it('should keep the frequency cap when two instances send two notifications to the same members at once', async () => {
    const p = await createProgramFixture(t, { engagement: { frequency_cap: { per_day: 1, per_week: null }, quiet_hours: null, conversion_window_days: 7 } });
    const members = await bulkMembers(p, 300, ['push']);
    const x = await created(p, { audience: { all: true }, channels: ['push'], title: 'X', body: 'B' });
    const y = await created(p, { audience: { all: true }, channels: ['push'], title: 'Y', body: 'B' });
    const settings = resolveSettings((await t.pool.query('SELECT settings FROM programs WHERE id = $1', [p.programId])).rows[0].settings);
    const tally = () => ({ notifications: 0, members: 0, dispatched: 0, sent: 0, held: 0 });
    const [tx, ty] = [tally(), tally()];
    await Promise.all([
      sendBatch(t.db, p.programId, x.id, settings, new Date(NOON), new Date(NOON), tx),
      sendBatch(b.db, p.programId, y.id, settings, new Date(NOON), new Date(NOON), ty),
    ]);
    // One of them first: all 300 dispatched; the other finds each member at the daily cap of 1.
    expect([tx.dispatched, ty.dispatched].sort()).toEqual([0, 300]);
    const { rows } = await t.pool.query<{ member_id: string; n: number }>(
      `SELECT member_id, count(*)::int AS n FROM notification_recipients WHERE program_id = $1 AND outcome = 'dispatched' GROUP BY member_id HAVING count(*) > 1`,
      [p.programId],
    );
    expect(rows).toEqual([]);
    expect((await get(p, tx.dispatched > 0 ? y.id : x.id)).counts.skipped.frequency_cap).toBe(members.length);
  });

  it('should skip a notification another instance holds mid-batch, writing nothing', async () => {
    const p = await createProgramFixture(t);
    await bulkMembers(p, 10, ['push']);
    const n = await created(p, { audience: { all: true }, channels: ['push'], title: 'T', body: 'B' });
    const settings = resolveSettings((await t.pool.query('SELECT settings FROM programs WHERE id = $1', [p.programId])).rows[0].settings);
    const tally = { notifications: 0, members: 0, dispatched: 0, sent: 0, held: 0 };
    // Instance B is in the middle of a batch: it holds the notification's claim.
    const other = await b.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))', [claimKey(n.id)]);
      expect(await sendBatch(t.db, p.programId, n.id, settings, new Date(NOON), new Date(NOON), tally)).toBe('busy');
      expect(await run(p)).toMatchObject({ notifications_sending: 1, notifications_dispatched: 0 });
      await other.query('ROLLBACK');
    } finally {
      other.release();
    }
    expect(await dispatches(n.id)).toEqual([]);
    expect(await run(p)).toMatchObject({ notifications_sent: 1, notifications_dispatched: 10 });
  });

  it('should dispatch exactly once per member and channel when two instances run the job at once', async () => {
    const p = await createProgramFixture(t);
    const members = await bulkMembers(p, 2500, ['push', 'sms']);
    const n = await created(p, { audience: { all: true }, channels: ['push', 'sms'], title: 'T', body: 'B' });
    const runOn = (app: FixedClockTestApp) => post(app, p.adminKey, '/v1/jobs/notifications/run', { allow_future: true, as_of: NOON });
    const [ra, rb] = await Promise.all([runOn(t), runOn(b)]);
    expect([ra.statusCode, rb.statusCode], ra.body + rb.body).toEqual([200, 200]);
    // Between them they published every dispatch once; each instance took batches the other did not hold.
    expect(ra.json().notifications_dispatched + rb.json().notifications_dispatched).toBe(5000);
    const { rows } = await t.pool.query<{ pairs: number; distinct_pairs: number }>(
      `SELECT count(*)::int AS pairs, count(DISTINCT data->>'dispatch_key')::int AS distinct_pairs FROM events
        WHERE type = 'notification.dispatch' AND data->>'notification_id' = $1`,
      [n.id],
    );
    expect(rows[0]).toEqual({ pairs: 5000, distinct_pairs: 5000 });
    expect((await touches(n.id)).map((r) => r.member_id)).toEqual(members);
    expect(await get(p, n.id)).toMatchObject({ status: 'sent', counts: { audience: 2500, dispatched: 5000 } });
  });
});
