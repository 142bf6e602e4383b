import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, runJobAt, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { feedSettled } from '../helpers/feed.ts';
import { analyticsRead } from '../../src/analytics/read.ts';
import { resolveSettings } from '../../src/programs/settings.ts';
import { campaignResults, type CampaignSource } from '../../src/engagement/results.ts';

// Campaign results (engagement.md "Results"): latest-touch attribution within the conversion window, revenue as the
// dashboard counts it (discounts, returns by as_of, FX), points cost, and the holdout measured like the reached group.
// The touches are written here as notifications and journeys write them (engagement_touches), so the attribution
// rules are tested on their own; the notifications and journeys suites test that sending writes them.

const DAY = 86_400_000;
const T0 = new Date('2026-11-02T08:00:00Z');
const day = (n: number, hours = 0) => new Date(T0.getTime() + n * DAY + hours * 3_600_000);

let t: FixedClockTestApp;
let p: ProgramFixture;
const notification: CampaignSource = { kind: 'notification', id: 'ntf_results_a' };
const journey: CampaignSource = { kind: 'journey', id: 'jrn_results_a' };
const m: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g', string> = { a: '', b: '', c: '', d: '', e: '', f: '', g: '' };
const earned: Record<string, number> = {};

async function touch(memberId: string, source: CampaignSource, key: string, kind: string, at: Date, points = 0) {
  await t.pool.query(
    `INSERT INTO engagement_touches (member_id, touch_key, program_id, source_kind, source_id, touch, touched_at, points)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [memberId, key, p.programId, source.kind, source.id, kind, at, points],
  );
}

async function buy(memberId: string, at: Date, amount: number, currency = 'AZN') {
  t.clock.set(at);
  const res = await post(t, p.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount, currency } });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as { purchase: { id: string; points: number } };
  earned[body.purchase.id] = body.purchase.points;
  return body.purchase;
}

async function results(source: CampaignSource, asOf: Date) {
  const settings = resolveSettings((await t.pool.query<{ settings: object }>('SELECT settings FROM programs WHERE id = $1', [p.programId])).rows[0]!.settings);
  return analyticsRead(t.db, { timeoutMs: 30_000 }, (trx) => campaignResults(trx, p.programId, settings, source, asOf));
}

let returnedPurchase: { id: string; points: number };
let journeyPurchase: { id: string; points: number };

beforeAll(async () => {
  t = (await createTestApp({ now: T0 })) as FixedClockTestApp;
  p = await createProgramFixture(t);
  expect((await post(t, p.adminKey, '/v1/fx-rates', { currency: 'USD', rate: '1.7', effective_from: '2026-01-01T00:00:00Z' })).statusCode).toBe(201);
  for (const k of Object.keys(m) as (keyof typeof m)[]) m[k] = (await enroll(t, p.posKey)).id;

  // The notification reaches a, b, e, f on day 0 and holds c and d out; g is never touched.
  for (const k of ['a', 'b', 'e', 'f'] as const) await touch(m[k], notification, `notification:${notification.id}`, 'dispatch', day(0));
  for (const k of ['c', 'd'] as const) await touch(m[k], notification, `notification:${notification.id}`, 'holdout', day(0));
  // A journey touches a on day 3 with 100 points: a's later purchases are the journey's, not the notification's.
  await touch(m.a, journey, 'journey:run_a:2', 'points', day(3), 100);

  returnedPurchase = await buy(m.a, day(2), 10_000); // the notification's (its latest touch, within 7 days)
  journeyPurchase = await buy(m.a, day(4), 5_000); // the journey's: its touch came later
  await buy(m.b, day(10), 7_000); // outside the 7-day window: nobody's
  await buy(m.c, day(1), 3_000); // the holdout's
  await buy(m.e, day(6, 23), 2_000, 'USD'); // the notification's, converted at 1.7
  await buy(m.f, day(5), 4_200, 'GBP'); // the notification's, in a currency without a rate
  await buy(m.g, day(1), 9_999); // untouched
  await buy(m.a, day(-1), 1_234); // before any touch: nobody's

  // Half of a's first purchase comes back on day 8.
  t.clock.set(day(8));
  const ret = await post(t, p.posKey, `/v1/purchases/${returnedPurchase.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 5_000, currency: 'AZN' } });
  expect(ret.statusCode, ret.body).toBe(201);
  t.clock.set(day(20));
});
afterAll(() => t?.close());

describe('campaign results', () => {
  it("credit each purchase to the member's latest touch within the window, and measure the holdout the same way", async () => {
    const r = await results(notification, day(20));
    expect(r).toMatchObject({ source: notification, window_days: 7, currency: 'AZN', reached: 4, converted: 3, purchases: 3, conversion_rate: 75 });
    // a's 10,000 less the 5,000 returned, e's 2,000 US cents at 1.7; f's GBP is listed apart.
    expect(r.revenue).toBe(5_000 + 3_400);
    expect(r.unconverted).toEqual([{ currency: 'GBP', purchases: 1, amount: 4_200 }]);
    expect(r.holdout).toEqual({ members: 2, converted: 1, conversion_rate: 50, revenue: 3_000 });
    expect(r.uplift_percentage_points).toBe(25);
    expect(r.points_cost.awarded).toBe(0);
  });

  it("count a journey's awarded points and the points its purchases earned as its cost", async () => {
    const r = await results(journey, day(20));
    expect(r).toMatchObject({ reached: 1, converted: 1, purchases: 1, revenue: 5_000, conversion_rate: 100, uplift_percentage_points: null });
    expect(r.holdout).toEqual({ members: 0, converted: 0, conversion_rate: null, revenue: 0 });
    expect(r.points_cost).toEqual({ awarded: 100, earned: journeyPurchase.points, total: 100 + journeyPurchase.points });
    expect(journeyPurchase.points).toBeGreaterThan(0);
  });

  it('answer as of an earlier instant: returns, purchases and touches recorded later are not there yet', async () => {
    // Day 3.5: a's return (day 8), e's and f's purchases (days 5-6) and the journey's touch are still to come.
    const early = await results(notification, day(3, 12));
    expect(early).toMatchObject({ reached: 4, converted: 1, purchases: 1, revenue: 10_000 });
    expect(early.holdout.converted).toBe(1);
    const journeyEarly = await results(journey, day(2));
    expect(journeyEarly).toMatchObject({ reached: 0, converted: 0, revenue: 0, conversion_rate: null });
  });

  it('follow the conversion window setting', async () => {
    const res = await t.call({ method: 'PATCH', url: '/v1/program', key: p.adminKey, payload: { settings: { engagement: { frequency_cap: { per_day: 2, per_week: 5 }, quiet_hours: null, conversion_window_days: 14 } } } });
    expect(res.statusCode, res.body).toBe(200);
    const r = await results(notification, day(20));
    // b's day-10 purchase is now within the window.
    expect(r).toMatchObject({ window_days: 14, reached: 4, converted: 4, purchases: 4, revenue: 5_000 + 3_400 + 7_000 });
  });
});

describe('GET /v1/notifications/{id}/results and /v1/journeys/{id}/results', () => {
  // A new program: a notification sent by its job with a holdout, a journey that awards points, purchases after both.
  let q: ProgramFixture;
  const SENT = new Date('2026-12-01T08:00:00Z'); // 12:00 in Baku: outside the default quiet hours

  const results = async (url: string, key = q.readKey) => {
    const res = await t.call({ method: 'GET', url, key });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const buyIn = async (memberId: string, at: Date, amount: number) => {
    t.clock.set(at);
    const res = await post(t, q.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount, currency: 'AZN' } });
    expect(res.statusCode, res.body).toBe(201);
  };

  beforeAll(async () => {
    q = await createProgramFixture(t);
  });

  it('a notification sent with a holdout: the reached who bought against the held-out who bought', async () => {
    t.clock.set(new Date('2026-11-30T08:00:00Z'));
    const members = await Promise.all(Array.from({ length: 16 }, () => enroll(t, q.posKey, { consents: { push: true } })));
    t.clock.set(SENT);
    const created = await post(t, q.adminKey, '/v1/notifications', { audience: { all: true }, channels: ['push'], title: 'Hi', body: 'Sale', holdout_percent: 50 });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(await runJobAt(t, q.adminKey, 'notifications', SENT)).toMatchObject({ notifications_sent: 1 });
    const { rows } = await t.pool.query<{ member_id: string; touch: string }>('SELECT member_id, touch FROM engagement_touches WHERE source_id = $1', [id]);
    const reached = rows.filter((r) => r.touch === 'dispatch').map((r) => r.member_id);
    const held = rows.filter((r) => r.touch === 'holdout').map((r) => r.member_id);
    expect(reached.length + held.length).toBe(members.length);
    expect(reached.length).toBeGreaterThan(1);
    expect(held.length).toBeGreaterThan(0);

    // Two reached members buy the next day, one held-out member too; a reached member's purchase 8 days on is too late.
    await buyIn(reached[0]!, new Date(SENT.getTime() + DAY), 4_000);
    await buyIn(reached[1]!, new Date(SENT.getTime() + 2 * DAY), 6_000);
    await buyIn(held[0]!, new Date(SENT.getTime() + DAY), 5_000);
    await buyIn(reached[0]!, new Date(SENT.getTime() + 8 * DAY), 9_000);
    t.clock.set(new Date(SENT.getTime() + 10 * DAY));

    const r = await results(`/v1/notifications/${id}/results`);
    const rate = (a: number, b: number) => Math.round((a / b) * 10_000) / 100;
    expect(r).toMatchObject({
      source: { kind: 'notification', id },
      reached: reached.length,
      converted: 2,
      purchases: 2,
      revenue: 10_000,
      conversion_rate: rate(2, reached.length),
      holdout: { members: held.length, converted: 1, revenue: 5_000, conversion_rate: rate(1, held.length) },
    });
    expect(r.uplift_percentage_points).toBeCloseTo(rate(2, reached.length) - rate(1, held.length), 2);
    expect(r.points_cost.earned).toBeGreaterThan(0);

    // As of the day after sending: only the first purchases are in.
    const early = await results(`/v1/notifications/${id}/results?as_of=${new Date(SENT.getTime() + DAY + 60_000).toISOString()}`);
    expect(early).toMatchObject({ converted: 1, revenue: 4_000, holdout: { converted: 1 } });
  });

  it("a journey: the members its steps touched, and the points it awarded as its cost", async () => {
    const at = new Date(SENT.getTime() + 20 * DAY);
    t.clock.set(at);
    const journey = await post(t, q.adminKey, '/v1/journeys', {
      name: 'cart nudge',
      trigger: { event: 'member.custom_event', type: 'cart.abandoned' },
      steps: [{ type: 'award_points', points: 50, reason: 'cart nudge' }],
      status: 'active',
    });
    expect(journey.statusCode, journey.body).toBe(201);
    const journeyId = journey.json().id as string;
    const m = await enroll(t, q.posKey);
    const event = await post(t, q.posKey, `/v1/members/${m.id}/events`, { type: 'cart.abandoned', data: {} });
    expect(event.statusCode, event.body).toBe(201);
    await feedSettled(t.db);
    expect(await runJobAt(t, q.adminKey, 'journeys', at)).toMatchObject({ journey_runs_started: 1, journey_steps: 1 });
    await buyIn(m.id, new Date(at.getTime() + DAY), 2_500);
    t.clock.set(new Date(at.getTime() + 2 * DAY));

    const r = await results(`/v1/journeys/${journeyId}/results`);
    expect(r).toMatchObject({ source: { kind: 'journey', id: journeyId }, reached: 1, converted: 1, revenue: 2_500, holdout: { members: 0 }, uplift_percentage_points: null });
    expect(r.points_cost.awarded).toBe(50);
  });

  it('answer 404 for another program\'s or an unknown campaign, 422 for an as_of in the future, 401 without a key', async () => {
    expectProblem(await t.call({ method: 'GET', url: '/v1/notifications/ntf_01jdq3v7f8e9t0sw2p1x5m3k4z/results', key: q.readKey }), 404, 'notification_not_found');
    expectProblem(await t.call({ method: 'GET', url: '/v1/journeys/jny_01jdq3v7f8e9t0sw2p1x5m3k4z/results', key: q.readKey }), 404, 'journey_not_found');
    const theirs = await post(t, p.adminKey, '/v1/notifications', { audience: { all: true }, channels: ['push'], title: 'x', body: 'y' });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expectProblem(await t.call({ method: 'GET', url: `/v1/notifications/${theirs.json().id}/results`, key: q.readKey }), 404, 'notification_not_found');
    expectProblem(await t.call({ method: 'GET', url: `/v1/notifications/${theirs.json().id}/results?as_of=2099-01-01T00:00:00Z`, key: p.readKey }), 422, 'as_of_not_yet');
    expectProblem(await t.call({ method: 'GET', url: `/v1/notifications/${theirs.json().id}/results` }), 401, 'unauthenticated');
  });
});
