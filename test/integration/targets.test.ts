import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createProgramFixture, type ProgramFixture } from '../helpers/app.ts';
import { createTwoInstances, nextReceipt, post, runJobAt, type FixedClockTestApp, type TwoInstances } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';
import { periodOf } from '../../src/engagement/targets.ts';

// Sales targets (engagement.md "Targets", issue 16 item 4). The program is in Asia/Baku (UTC+4, no DST), home AZN.
// The seed: monthly sales of 5,000 last month, a target of 6,200 this month, act at -5 %.
const DECEMBER = new Date('2026-12-05T10:00:00Z');
let t: FixedClockTestApp;
let b: FixedClockTestApp; // a second instance on the same database
let p: ProgramFixture;
let baseA: string;
let baseB: string;

let instances: TwoInstances | undefined;

beforeAll(async () => {
  instances = await createTwoInstances(DECEMBER, 6);
  ({ a: t, b, baseA, baseB } = instances);
  p = await createProgramFixture(t);
});
afterAll(() => instances?.close());

const at = (iso: string) => new Date(iso);

async function member() {
  const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: {} });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

/** A purchase recorded when the clock says `recorded` (occurring then, unless occurred_at is given). */
async function sale(memberId: string, recorded: string, amount: number, currency = 'AZN', occurredAt?: string) {
  t.clock.set(at(recorded));
  const res = await post(t, p.posKey, '/v1/purchases', {
    member_id: memberId,
    receipt_id: nextReceipt(),
    amount: { amount, currency },
    ...(occurredAt ? { occurred_at: occurredAt } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().purchase.id as string;
}

async function giveBack(purchaseId: string, recorded: string, amount: number) {
  t.clock.set(at(recorded));
  const res = await post(t, p.posKey, `/v1/purchases/${purchaseId}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount, currency: 'AZN' } });
  expect(res.statusCode, res.body).toBe(201);
}

async function progress(id: string, asOf: string, key = p.readKey) {
  const res = await t.call({ method: 'GET', url: `/v1/targets/${id}/progress?as_of=${asOf}`, key });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function targetEvents(targetId: string) {
  const { rows } = await t.pool.query<EventRow & { program_id: string }>(
    `SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events
      WHERE member_id = $1 ORDER BY recorded_at, seq`,
    [targetId],
  );
  for (const row of rows) {
    const parsed = EventSchema.safeParse(toEventJson(row.program_id, row));
    expect(parsed.error, `${row.type} ${JSON.stringify(row.data)}`).toBeUndefined();
  }
  return rows as unknown as (EventRow & { data: { target: Record<string, unknown>; progress: Record<string, unknown> } })[];
}

/** Runs the targets job over a real socket, on instance A or B. */
const runOn = (base: string, asOf: string) =>
  fetch(`${base}/v1/jobs/targets/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${p.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ allow_future: true, as_of: asOf }),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as { targets_checked: number; targets_off_track: number; targets_back_on_track: number; events: number } }));

describe('periods', () => {
  it('should cut ISO weeks and calendar months at local midnight, and judge from the end of the first local day', () => {
    const month = periodOf(at('2027-01-15T20:00:00Z'), 'month', 'Asia/Baku');
    expect(month).toEqual({
      key: '2027-01',
      start: at('2026-12-31T20:00:00Z'),
      end: at('2027-01-31T20:00:00Z'),
      judgedFrom: at('2027-01-01T20:00:00Z'),
    });
    // Sunday 23:30 local is still ISO week 2; Monday 00:00 local starts week 3.
    expect(periodOf(at('2027-01-17T19:30:00Z'), 'week', 'Asia/Baku')).toMatchObject({ key: '2027-W02', start: at('2027-01-10T20:00:00Z'), end: at('2027-01-17T20:00:00Z') });
    expect(periodOf(at('2027-01-17T20:00:00Z'), 'week', 'Asia/Baku').key).toBe('2027-W03');
    // Across a DST change the period still ends at local midnight (Berlin: UTC+1 in March before the 28th, +2 after).
    expect(periodOf(at('2027-03-15T12:00:00Z'), 'month', 'Europe/Berlin')).toMatchObject({ start: at('2027-02-28T23:00:00Z'), end: at('2027-03-31T22:00:00Z') });
    // The first ISO week of 2027 starts on Monday 4 January; 1-3 January belong to 2026-W53.
    expect(periodOf(at('2027-01-02T12:00:00Z'), 'week', 'UTC')).toMatchObject({ key: '2026-W53', start: at('2026-12-28T00:00:00Z') });
  });
});

describe('targets', () => {
  let target: { id: string };
  let weekly: { id: string };
  let m1: string;
  let m2: string;
  let m3: string;
  let m4: string;

  beforeAll(async () => {
    [m1, m2, m3, m4] = [(await member()).id, (await member()).id, (await member()).id, (await member()).id];
    // Last month: 5,000.00 AZN.
    await sale(m1, '2026-12-05T10:00:00Z', 200000);
    await sale(m2, '2026-12-12T10:00:00Z', 150000);
    await sale(m3, '2026-12-19T10:00:00Z', 150000);
    t.clock.set(at('2026-12-20T10:00:00Z'));
    for (const [rate, from] of [['1.7', '2027-01-01T00:00:00Z'], ['2', '2027-01-13T00:00:00Z']] as const) {
      expect((await post(t, p.adminKey, '/v1/fx-rates', { currency: 'USD', rate, effective_from: from })).statusCode).toBe(201);
    }
    const created = await post(t, p.adminKey, '/v1/targets', { name: 'Monthly sales', metric: 'revenue', period: 'month', value: 620000, alert_below_percent: 5 });
    expect(created.statusCode, created.body).toBe(201);
    target = created.json();
    weekly = (await post(t, p.adminKey, '/v1/targets', { metric: 'sales_count', period: 'week', value: 7, alert_below_percent: 10 })).json();

    // January to the 16th (local): 280,000 net.
    await sale(m1, '2027-01-03T10:00:00Z', 100000);
    await sale(m2, '2027-01-08T10:00:00Z', 120000);
    const returnedInFull = await sale(m4, '2027-01-10T10:00:00Z', 30000);
    await giveBack(returnedInFull, '2027-01-11T10:00:00Z', 30000);
    await sale(m2, '2027-01-12T10:00:00Z', 20000, 'USD'); // 200.00 USD at 1.7 (the 2.0 rate starts on the 13th): 340.00 AZN
    const partlyReturned = await sale(m3, '2027-01-14T10:00:00Z', 50000);
    await giveBack(partlyReturned, '2027-01-15T10:00:00Z', 24000);
    // Recorded on the 20th, though it happened on the 14th: not in the ledger as of the 16th.
    await sale(m1, '2027-01-20T10:00:00Z', 40000, 'AZN', '2027-01-14T10:00:00Z');
  });

  it('should answer the target as set, to read keys too, and refuse bad input with pointers', async () => {
    expect(target).toMatchObject({ name: 'Monthly sales', metric: 'revenue', period: 'month', value: 620000, currency: 'AZN', alert_below_percent: 5, status: 'active' });
    expect(target.id).toMatch(/^tgt_/);
    const read = await t.call({ method: 'GET', url: `/v1/targets/${target.id}`, key: p.readKey });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(target);
    const list = await t.call({ method: 'GET', url: '/v1/targets?limit=1', key: p.readKey });
    expect(list.json()).toMatchObject({ data: [{ id: target.id }], has_more: true });
    const next = await t.call({ method: 'GET', url: `/v1/targets?limit=1&cursor=${list.json().next_cursor}`, key: p.readKey });
    expect(next.json()).toMatchObject({ data: [{ id: weekly.id, currency: null }], has_more: false });

    expectProblem(await post(t, p.readKey, '/v1/targets', { metric: 'revenue', period: 'month', value: 1, alert_below_percent: 5 }), 403, 'forbidden');
    const bad = expectProblem(await post(t, p.adminKey, '/v1/targets', { metric: 'margin', period: 'day', value: 0, alert_below_percent: 100 }), 400, 'validation_failed');
    expect(bad.errors!.map((e) => e.pointer).sort()).toEqual(['/alert_below_percent', '/metric', '/period', '/value']);
    expectProblem(await t.call({ method: 'GET', url: '/v1/targets/tgt_01jdq3v7f8e9t0sw2p1x5m3k4z', key: p.readKey }), 404, 'target_not_found');
    // Another program's target is not found either.
    const other = await createProgramFixture(t);
    expectProblem(await t.call({ method: 'GET', url: `/v1/targets/${target.id}`, key: other.readKey }), 404, 'target_not_found');
  });

  it('should create once per Idempotency-Key', async () => {
    const body = { metric: 'active_members', period: 'month', value: 10, alert_below_percent: 2.5 };
    const first = await post(t, p.adminKey, '/v1/targets', body, 'same-key-1');
    const again = await post(t, p.adminKey, '/v1/targets', body, 'same-key-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(first.json().alert_below_percent).toBe(2.5);
    expectProblem(await post(t, p.adminKey, '/v1/targets', { ...body, value: 11 }, 'same-key-1'), 422, 'idempotency_key_reused');
    const removed = await t.call({ method: 'DELETE', url: `/v1/targets/${first.json().id}`, key: p.adminKey });
    expect(removed.statusCode).toBe(204);
    expectProblem(await t.call({ method: 'DELETE', url: `/v1/targets/${first.json().id}`, key: p.adminKey }), 404, 'target_not_found');
  });

  it('should show last month at 5,000 against 6,200: 80.65 % of pace at its end', async () => {
    const december = await progress(target.id, '2026-12-31T19:59:59.999Z');
    expect(december).toMatchObject({
      period_key: '2026-12',
      actual: 500000,
      expected: 620000,
      pace_percent: 80.65,
      projected: 500000,
      status: 'off_track',
      figures: { revenue: { amount: 500000, currency: 'AZN' }, sales_count: 3, active_members: 3, unconverted: [] },
    });
  });

  it("should measure the month's pace on the 16th: net of returns, in AZN at the rate of the purchase, as recorded by then", async () => {
    const mid = await progress(target.id, '2027-01-15T20:00:00Z');
    expect(mid).toEqual({
      target_id: target.id,
      metric: 'revenue',
      period: 'month',
      period_key: '2027-01',
      period_start: '2026-12-31T20:00:00.000Z',
      period_end: '2027-01-31T20:00:00.000Z',
      as_of: '2027-01-15T20:00:00.000Z',
      elapsed_percent: 48.39, // 15 of 31 days
      currency: 'AZN',
      target: 620000,
      actual: 280000, // 100,000 + 120,000 + 340.00 USD × 1.7 + (50,000 - 24,000); the 30,000 returned in full adds nothing
      expected: 300000, // 620,000 × 15 / 31
      pace_percent: 93.33,
      projected: 578667, // 280,000 × 31 / 15
      threshold_percent: 95,
      status: 'off_track',
      judged_from: '2027-01-01T20:00:00.000Z',
      // m4 bought (and returned all of it): a member with a purchase in the period, as the dashboard counts them.
      figures: { revenue: { amount: 280000, currency: 'AZN' }, sales_count: 4, active_members: 4, unconverted: [] },
      alert: null,
    });
    // The same instant answers the same figures after later writes (the purchase recorded on the 20th).
    expect((await progress(target.id, '2027-01-15T20:00:00Z')).actual).toBe(280000);
    expect((await progress(target.id, '2027-01-20T10:00:00Z')).actual).toBe(320000);
  });

  it('should give the weekly sales count and every metric exactly', async () => {
    const week = await progress(weekly.id, '2027-01-15T20:00:00Z');
    expect(week).toMatchObject({
      period_key: '2027-W02',
      period_start: '2027-01-10T20:00:00.000Z',
      elapsed_percent: 71.43, // 5 of 7 days
      currency: null,
      actual: 2, // the USD sale and the one partly returned; the one returned in full was in week 1 anyway
      expected: 5,
      pace_percent: 40,
      projected: 3, // 2 × 7 / 5 = 2.8
      threshold_percent: 90,
      status: 'off_track',
      figures: { revenue: { amount: 60000, currency: 'AZN' }, sales_count: 2, active_members: 2 },
    });
    // average_check: revenue ÷ sales, judged against the target itself (it does not accumulate).
    const check = (await post(t, p.adminKey, '/v1/targets', { metric: 'average_check', period: 'month', value: 75000, alert_below_percent: 5 })).json();
    expect(await progress(check.id, '2027-01-15T20:00:00Z')).toMatchObject({ actual: 70000, expected: 75000, projected: 70000, pace_percent: 93.33, status: 'off_track' });
    const members = (await post(t, p.adminKey, '/v1/targets', { metric: 'active_members', period: 'month', value: 6, alert_below_percent: 0 })).json();
    expect(await progress(members.id, '2027-01-15T20:00:00Z')).toMatchObject({ actual: 4, expected: 3, pace_percent: 137.78, status: 'on_track' });
    for (const id of [check.id, members.id]) expect((await t.call({ method: 'PATCH', url: `/v1/targets/${id}`, key: p.adminKey, payload: { status: 'paused' } })).json().status).toBe('paused');
    expectProblem(await t.call({ method: 'GET', url: `/v1/targets/${weekly.id}/progress?as_of=2099-01-01T00:00:00Z`, key: p.readKey }), 422, 'as_of_not_yet');
    await t.call({ method: 'PATCH', url: `/v1/targets/${weekly.id}`, key: p.adminKey, payload: { status: 'paused' } });
  });

  it('should publish target.off_track once per period, with two instances racing, and back_on_track once', async () => {
    t.clock.set(at('2027-01-21T10:00:00Z'));
    b.clock.set(at('2027-01-21T10:00:00Z'));
    // The first local day of the month is not judged.
    expect((await runJobAt(t, p.adminKey, 'targets', at('2027-01-01T06:00:00Z'))).targets_off_track).toBe(0);
    expect((await progress(target.id, '2027-01-01T06:00:00Z')).status).toBe('not_judged');

    const runs = await Promise.all([runOn(baseA, '2027-01-15T20:00:00Z'), runOn(baseB, '2027-01-15T20:00:00Z'), runOn(baseA, '2027-01-15T20:00:00Z'), runOn(baseB, '2027-01-15T20:00:00Z')]);
    for (const r of runs) expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(runs.map((r) => r.body.targets_checked)).toEqual([1, 1, 1, 1]); // the paused ones are not measured
    expect(runs.reduce((n, r) => n + r.body.targets_off_track, 0)).toBe(1);
    let events = await targetEvents(target.id);
    expect(events.map((e) => e.type)).toEqual(['target.off_track']);
    expect(events[0]!.occurred_at).toEqual(at('2027-01-15T20:00:00Z'));
    expect(events[0]!.data.target).toMatchObject({ id: target.id, value: 620000 });
    expect(events[0]!.data.progress).toMatchObject({ period_key: '2027-01', actual: 280000, expected: 300000, pace_percent: 93.33, status: 'off_track', alert: { off_track_at: '2027-01-15T20:00:00.000Z', back_on_track_at: null } });

    // Still off track later in the month (320,000 of 400,000 expected by the 21st): nothing more.
    expect((await runJobAt(t, p.adminKey, 'targets', at('2027-01-20T20:00:00Z'))).targets_off_track).toBe(0);
    expect((await progress(target.id, '2027-01-20T20:00:00Z')).alert).toEqual({ off_track_at: '2027-01-15T20:00:00.000Z', back_on_track_at: null });

    // A big sale on the 22nd puts it back on track: 520,000 of 440,000 expected by the 23rd.
    await sale(m4, '2027-01-22T10:00:00Z', 200000);
    b.clock.set(at('2027-01-22T10:00:00Z'));
    const back = await Promise.all([runOn(baseA, '2027-01-22T20:00:00Z'), runOn(baseB, '2027-01-22T20:00:00Z')]);
    expect(back.reduce((n, r) => n + r.body.targets_back_on_track, 0)).toBe(1);
    expect((await runJobAt(t, p.adminKey, 'targets', at('2027-01-23T20:00:00Z'))).targets_back_on_track).toBe(0);
    events = await targetEvents(target.id);
    expect(events.map((e) => e.type)).toEqual(['target.off_track', 'target.back_on_track']);
    expect(events[1]!.data.progress).toMatchObject({ actual: 520000, expected: 440000, pace_percent: 118.18, status: 'on_track', alert: { back_on_track_at: '2027-01-22T20:00:00.000Z' } });
  });

  it('should start over in the next month: not judged on its first day, off track after it, once', async () => {
    t.clock.set(at('2027-02-02T10:00:00Z'));
    await sale(m1, '2027-02-02T10:00:00Z', 10000, 'GBP'); // no GBP rate: left out of revenue, and said so
    expect((await runJobAt(t, p.adminKey, 'targets', at('2027-02-01T06:00:00Z'))).targets_off_track).toBe(0);
    const february = await runJobAt(t, p.adminKey, 'targets', at('2027-02-02T20:00:00Z'));
    expect(february).toMatchObject({ targets_checked: 1, targets_off_track: 1, events: 1 });
    expect((await runJobAt(t, p.adminKey, 'targets', at('2027-02-03T20:00:00Z'))).targets_off_track).toBe(0);
    const events = await targetEvents(target.id);
    expect(events.map((e) => e.type)).toEqual(['target.off_track', 'target.back_on_track', 'target.off_track']);
    expect(events[2]!.data.progress).toMatchObject({
      period_key: '2027-02',
      actual: 0,
      expected: 44286, // 620,000 × 2 / 28
      pace_percent: 0,
      status: 'off_track',
      figures: { revenue: { amount: 0, currency: 'AZN' }, sales_count: 1, active_members: 1, unconverted: [{ currency: 'GBP', sales: 1, amount: 10000 }] },
    });
    // In the feed (and so to webhooks) like any event, placed by the target: member_id is its id.
    let feed: { type: string; member_id: string; data: { progress: { period_key: string } } }[] = [];
    for (let i = 0; i < 50 && feed.length < 2; i++) {
      const res = await t.call({ method: 'GET', url: '/v1/events?types=target.off_track', key: p.readKey });
      expect(res.statusCode, res.body).toBe(200);
      feed = res.json().data;
      if (feed.length < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(feed.map((e) => [e.member_id, e.data.progress.period_key])).toEqual([
      [target.id, '2027-01'],
      [target.id, '2027-02'],
    ]);
    // January's alert is still January's.
    expect((await progress(target.id, '2027-01-31T19:00:00Z')).alert).toEqual({ off_track_at: '2027-01-15T20:00:00.000Z', back_on_track_at: '2027-01-22T20:00:00.000Z' });
  });

  it('should not judge a target before it was set, nor a paused one', async () => {
    t.clock.set(at('2027-02-05T10:00:00Z'));
    const late = (await post(t, p.adminKey, '/v1/targets', { metric: 'sales_count', period: 'month', value: 1000, alert_below_percent: 5 })).json();
    expect((await runJobAt(t, p.adminKey, 'targets', at('2027-02-04T20:00:00Z'))).targets_checked).toBe(1);
    expect((await runJobAt(t, p.adminKey, 'targets', at('2027-02-05T20:00:00Z'))).targets_off_track).toBe(1);
    expect(await targetEvents(late.id)).toHaveLength(1);
  });
});

describe('the dashboard', () => {
  it('should agree with a target on the same days: revenue, sales and members, with a discount and a partial return', async () => {
    t.clock.set(at('2027-04-01T10:00:00Z'));
    const q = await createProgramFixture(t);
    const promo = await post(t, q.adminKey, '/v1/promotions', { name: '10 % off', effect: { type: 'percent_off', percent: 10 } });
    expect(promo.statusCode, promo.body).toBe(201);
    const target = (await post(t, q.adminKey, '/v1/targets', { metric: 'revenue', period: 'month', value: 100000, alert_below_percent: 5 })).json();
    const m = (await t.call({ method: 'POST', url: '/v1/members', key: q.posKey, payload: {} })).json().id;
    t.clock.set(at('2027-04-03T10:00:00Z'));
    const bought = await post(t, q.posKey, '/v1/purchases', { member_id: m, receipt_id: nextReceipt(), amount: { amount: 10001, currency: 'AZN' } });
    expect(bought.json().purchase.discount.amount).toBe(1000);
    t.clock.set(at('2027-04-04T10:00:00Z'));
    expect((await post(t, q.posKey, `/v1/purchases/${bought.json().purchase.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 5000, currency: 'AZN' } })).statusCode).toBe(201);
    const res = await t.call({ method: 'GET', url: `/v1/targets/${target.id}/progress?as_of=2027-04-04T10:00:00Z`, key: q.readKey });
    const summary = await t.call({
      method: 'GET',
      url: `/v1/analytics/summary?from=${res.json().period_start}&to=2027-04-04T10:00:00.001Z&as_of=2027-04-04T10:00:00Z`,
      key: q.readKey,
    });
    expect(summary.statusCode, summary.body).toBe(200);
    // What was paid, 100.01 − 10.00 = 90.01, less the paid share of the 50.00 returned, 90.01 × 5000 ÷ 10001 = 45.0005
    // rounded down on its own to 45.00: 45.01, as the dashboard counts revenue (src/analytics/paid.ts).
    expect(res.json()).toMatchObject({ actual: 4501, figures: { revenue: { amount: 4501 }, sales_count: 1, active_members: 1 } });
    expect(summary.json()).toMatchObject({ revenue: 4501, sales: 1, active_members: 1, returns: { count: 1, amount: 4500 } });
  });
});

describe.skipIf(inject('clusterWorkers').length === 0)('on a Citus cluster', () => {
  it('should keep an alert row and its event on one worker: target_alerts is co-located with events, targets is a reference table', async () => {
    const { rows } = await t.pool.query<{ table: string; method: string; colocation: number }>(
      `SELECT logicalrelid::text AS table, partmethod AS method, colocationid AS colocation FROM pg_dist_partition
        WHERE logicalrelid IN ('targets'::regclass, 'target_alerts'::regclass, 'events'::regclass) ORDER BY 1`,
    );
    const byTable = Object.fromEntries(rows.map((r) => [r.table, r]));
    expect(byTable['targets']!.method).toBe('n');
    expect(byTable['target_alerts']!.method).toBe('h');
    expect(byTable['target_alerts']!.colocation).toBe(byTable['events']!.colocation);
  });
});
