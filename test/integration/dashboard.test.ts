import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { expectTrialBalanceOk, nextReceipt, post, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';

// The dashboard on a small known history in Europe/Berlin (DST starts on Sunday 29 March 2026 at 01:00 UTC):
// purchases in AZN (home), USD (two FX rates over time) and EUR (no rate), a partial and a full return, a
// redemption and expiry, each figure checked exactly, as it stands now and as it stood before (as_of).

let t: FixedClockTestApp;
let p: ProgramFixture;
let other: ProgramFixture;

const TIERS = [
  { name: 'bronze', threshold: 0, multiplier: 1, benefit: null, caps_exempt: false },
  { name: 'silver', threshold: 1000, multiplier: 1, benefit: null, caps_exempt: false },
];
const SETTINGS = {
  timezone: 'Europe/Berlin',
  tiers: TIERS,
  pending_days: 0,
  validity_months: 1,
  inactivity_decay: null,
  birthday: null,
  win_back: null,
  referral_reward: null,
};

const at = (iso: string) => new Date(iso);
const ok = (res: { statusCode: number; body: string }, status = 201) => {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body);
};

async function buy(fx: ProgramFixture, member: string, when: string, amount: number, currency: string, store?: string, where: { channel?: string; device?: string } = {}) {
  t.clock.set(at(when));
  return ok(await post(t, fx.posKey, '/v1/purchases', { member_id: member, receipt_id: nextReceipt(), amount: { amount, currency }, ...(store ? { store_id: store } : {}), ...where }));
}

async function get(url: string, key = p.readKey) {
  return t.call({ method: 'GET', url, key });
}
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

// Local March and April in Berlin.
const MARCH = { from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' };
const APRIL = { from: '2026-04-01T00:00:00+02:00', to: '2026-05-01T00:00:00+02:00' };

const ids: Record<string, string> = {};
let beforeReturns: string;
let beforeExpiry: string;

beforeAll(async () => {
  t = (await createTestApp({ now: at('2026-01-05T10:00:00Z') })) as FixedClockTestApp;
  p = await createProgramFixture(t, SETTINGS);
  other = await createProgramFixture(t, SETTINGS);
  ok(await post(t, p.adminKey, '/v1/fx-rates', { currency: 'USD', rate: '1.7', effective_from: '2026-01-01T00:00:00Z' }));
  ok(await post(t, p.adminKey, '/v1/fx-rates', { currency: 'USD', rate: '1.8', effective_from: '2026-03-20T00:00:00Z' }));

  t.clock.set(at('2026-03-01T10:00:00Z'));
  ids.a = (await enroll(t, p.posKey, { gender: 'female', birth_date: '2000-05-10', branch: 'north', source: 'pos' })).id;
  ids.b = (await enroll(t, p.posKey, { gender: 'male', birth_date: '2008-06-01', branch: 'south', source: 'web' })).id;
  ids.c = (await enroll(t, p.posKey)).id;
  // Turns 18 on 10 April: in Berlin already at 22:30 UTC on the 9th.
  ids.e = (await enroll(t, p.posKey, { birth_date: '2008-04-10' })).id;

  const p1 = await buy(p, ids.a, '2026-03-10T10:00:00Z', 10000, 'AZN', 'S1', { channel: 'pos', device: 'till-1' }); // 800 points
  const p2 = await buy(p, ids.b, '2026-03-10T10:00:00Z', 2000, 'USD', 'S2', { channel: 'web', device: 'ios' }); // 3400 AZN at 1.7, 240 points
  await buy(p, ids.c, '2026-03-28T22:30:00Z', 5000, 'AZN', 'S1', { channel: 'pos', device: 'till-1' }); // 23:30 on the 28th in Berlin; 400 points
  await buy(p, ids.a, '2026-03-28T23:30:00Z', 1000, 'EUR', 'S2', { channel: 'app', device: 'android' }); // 00:30 on the 29th; no EUR rate; 140 points
  t.clock.set(at('2026-03-29T12:00:00Z'));
  ids.d = (await enroll(t, p.posKey, { gender: 'female' })).id;
  await buy(p, ids.b, '2026-03-29T21:30:00Z', 3000, 'USD', 'S1', { channel: 'web' }); // 23:30 CEST on the 29th; 5400 AZN at 1.8; 360 points
  await buy(p, ids.a, '2026-03-29T22:30:00Z', 3333, 'AZN'); // 00:30 CEST on the 30th; 266 points; a reaches silver

  // The other program: its own member, purchase and rate, none of which may show in p's figures.
  ids.x = (await enroll(t, other.posKey, { gender: 'female', branch: 'north' })).id;
  ok(await post(t, other.adminKey, '/v1/fx-rates', { currency: 'EUR', rate: '2', effective_from: '2026-01-01T00:00:00Z' }));
  await buy(other, ids.x, '2026-03-15T10:00:00Z', 777_00, 'AZN', 'S1');

  t.clock.set(at('2026-04-01T12:00:00Z'));
  beforeReturns = t.clock.now().toISOString();
  t.clock.set(at('2026-04-02T10:00:00Z'));
  ok(await post(t, p.posKey, `/v1/purchases/${p1.purchase.id}/returns`, { receipt_id: nextReceipt(), amount: { amount: 4000, currency: 'AZN' } })); // claws 320
  t.clock.set(at('2026-04-03T10:00:00Z'));
  ok(await post(t, p.posKey, '/v1/redemptions', { member_id: ids.a, points: 300 }));
  t.clock.set(at('2026-04-05T10:00:00Z'));
  ok(await post(t, p.posKey, `/v1/purchases/${p2.purchase.id}/returns`, { receipt_id: nextReceipt(), amount: { amount: 2000, currency: 'USD' } })); // claws 240
  t.clock.set(at('2026-04-09T22:30:00Z'));
  beforeExpiry = t.clock.now().toISOString();
}, 120_000);
afterAll(() => t?.close());

describe('GET /v1/analytics/summary', () => {
  it('answers March exactly: net revenue in AZN, returns, points, members', async () => {
    const s = ok(await get(`/v1/analytics/summary?${q({ ...MARCH, as_of: beforeExpiry })}`), 200);
    expect(s).toEqual({
      from: '2026-02-28T23:00:00.000Z',
      to: '2026-03-31T22:00:00.000Z',
      as_of: beforeExpiry,
      currency: 'AZN',
      time_zone: 'Europe/Berlin',
      // 10000 − 4000 returned, 3400 − 3400 returned, 5000, 5400, 3333; the EUR purchase has no rate.
      revenue: 19733,
      // The fully returned USD purchase is no sale; the EUR one is.
      sales: 5,
      // 19733 ÷ 4 converted sales = 4933.25.
      average_check: 4933,
      returns: { count: 2, amount: 7400 },
      points: { issued: 2206, redeemed: 0, expired: 0, outstanding: 2206, outstanding_at: '2026-03-31T22:00:00.000Z' },
      active_members: 3,
      new_members: 5,
      unconverted: [{ currency: 'EUR', sales: 1, amount: 1000 }],
    });
  });

  it('answers March as it stood before the returns (as_of time travel)', async () => {
    const s = ok(await get(`/v1/analytics/summary?${q({ ...MARCH, as_of: beforeReturns })}`), 200);
    expect(s).toMatchObject({ revenue: 10000 + 3400 + 5000 + 5400 + 3333, sales: 6, average_check: 5427, returns: { count: 0, amount: 0 } });
    // 27133 ÷ 5 = 5426.6.
  });

  it('counts April: the returns claw points back, the redemption, no sales', async () => {
    const s = ok(await get(`/v1/analytics/summary?${q({ ...APRIL, as_of: beforeExpiry })}`), 200);
    expect(s).toMatchObject({
      revenue: 0,
      sales: 0,
      average_check: 0,
      returns: { count: 0, amount: 0 },
      // Returns of March purchases take back 320 + 240 points in April.
      points: { issued: -560, redeemed: 300, expired: 0, outstanding: 2206 - 560 - 300, outstanding_at: beforeExpiry },
      active_members: 0,
      new_members: 0,
    });
  });

  it('counts expiry once the job recorded it, at the lots\' expiry', async () => {
    const lots = await t.db.selectFrom('lots').select(['expires_at', 'remaining']).where('program_id', '=', p.programId).execute();
    const expiring = lots.reduce((n, l) => n + Number(l.remaining), 0);
    expect(expiring).toBe(2206 - 560 - 300);
    const latest = new Date(Math.max(...lots.map((l) => new Date(l.expires_at as unknown as string).getTime())));
    const whole = { from: MARCH.from, to: '2026-07-01T00:00:00+02:00' };
    t.clock.set(new Date(latest.getTime() + 60_000));
    const before = ok(await get(`/v1/analytics/summary?${q(whole)}`), 200);
    expect(before.points.expired).toBe(0);
    t.clock.set(new Date(latest.getTime() + 120_000));
    ok(await post(t, p.adminKey, '/v1/jobs/expire/run', {}), 200);
    const after = ok(await get(`/v1/analytics/summary?${q(whole)}`), 200);
    expect(after.points).toMatchObject({ issued: 2206 - 560, redeemed: 300, expired: expiring, outstanding: 0 });
    // As of before the job ran, nothing had expired yet.
    expect(ok(await get(`/v1/analytics/summary?${q({ ...whole, as_of: before.as_of })}`), 200).points.expired).toBe(0);
    // A period ending after the expiry occurred but before the job recorded it, asked after: the expiry is in the
    // period's figures (it occurred there and is recorded by as_of), not in what was outstanding at its end.
    const split = ok(await get(`/v1/analytics/summary?${q({ from: whole.from, to: before.as_of })}`), 200);
    expect(split.points).toEqual({ issued: 2206 - 560, redeemed: 300, expired: expiring, outstanding: expiring, outstanding_at: before.as_of });
    // The trial balance's system accounts over all time are the summary's points.
    const tb = await expectTrialBalanceOk(t, p.adminKey);
    expect({ issued: -tb.accounts.issued, redeemed: tb.accounts.redeemed, expired: tb.accounts.expired }).toEqual({ issued: 2206 - 560, redeemed: 300, expired: expiring });
    // The liability report agrees on what is outstanding.
    const liability = ok(await get(`/v1/analytics/liability?as_of=${encodeURIComponent(beforeExpiry)}`), 200);
    expect(liability.totals.outstanding).toBe(2206 - 560 - 300);
  });
});

describe('GET /v1/analytics/timeseries', () => {
  const series = async (params: Record<string, string>) => ok(await get(`/v1/analytics/timeseries?${q({ as_of: beforeExpiry, ...params })}`), 200);
  const values = (s: { buckets: { period: string; value: number }[] }) => Object.fromEntries(s.buckets.map((b) => [b.period, b.value]));

  it('buckets local days across the spring DST change, empty days included', async () => {
    const s = await series({ metric: 'revenue', interval: 'day', from: '2026-03-27T00:00:00+01:00', to: '2026-03-31T00:00:00+02:00' });
    expect(s.buckets).toEqual([
      { period: '2026-03-27', start: '2026-03-26T23:00:00.000Z', end: '2026-03-27T23:00:00.000Z', value: 0 },
      // 22:30 UTC on the 28th is 23:30 in Berlin: still the 28th.
      { period: '2026-03-28', start: '2026-03-27T23:00:00.000Z', end: '2026-03-28T23:00:00.000Z', value: 5000 },
      // The 29th has 23 hours: the EUR purchase at 00:30 CET (no rate) and the USD one at 23:30 CEST.
      { period: '2026-03-29', start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z', value: 5400 },
      { period: '2026-03-30', start: '2026-03-29T22:00:00.000Z', end: '2026-03-30T22:00:00.000Z', value: 3333 },
    ]);
    const sales = await series({ metric: 'sales', interval: 'day', from: '2026-03-27T00:00:00+01:00', to: '2026-03-31T00:00:00+02:00' });
    expect(values(sales)).toEqual({ '2026-03-27': 0, '2026-03-28': 1, '2026-03-29': 2, '2026-03-30': 1 });
    const members = await series({ metric: 'new_members', interval: 'day', from: '2026-03-28T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00' });
    expect(values(members)).toEqual({ '2026-03-28': 0, '2026-03-29': 1 });
    // And back in autumn: 25 October has 25 hours.
    const autumn = await series({ metric: 'sales', interval: 'day', from: '2026-10-25T00:00:00+02:00', to: '2026-10-26T00:00:00+01:00' });
    expect(autumn.buckets).toEqual([{ period: '2026-10-25', start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T23:00:00.000Z', value: 0 }]);
  });

  it('buckets ISO weeks and months; the buckets add up to the summary', async () => {
    const weeks = await series({ metric: 'revenue', interval: 'week', ...MARCH });
    // 1 March 2026 is a Sunday: its week starts on Monday 23 February.
    expect(values(weeks)).toEqual({ '2026-W09': 0, '2026-W10': 0, '2026-W11': 6000, '2026-W12': 0, '2026-W13': 10400, '2026-W14': 3333 });
    expect(weeks.buckets[0]).toMatchObject({ start: '2026-02-22T23:00:00.000Z', end: '2026-03-01T23:00:00.000Z' });
    const months = await series({ metric: 'points_issued', interval: 'month', from: MARCH.from, to: APRIL.to });
    expect(values(months)).toEqual({ '2026-03': 2206, '2026-04': -560 });
    expect(months.buckets[1]).toMatchObject({ start: '2026-03-31T22:00:00.000Z', end: '2026-04-30T22:00:00.000Z' });
    const expected: Record<string, Record<string, number>> = {
      average_check: { '2026-03': 4933, '2026-04': 0 },
      returns: { '2026-03': 7400, '2026-04': 0 },
      returns_count: { '2026-03': 2, '2026-04': 0 },
      points_redeemed: { '2026-03': 0, '2026-04': 300 },
      points_expired: { '2026-03': 0, '2026-04': 0 },
      active_members: { '2026-03': 3, '2026-04': 0 },
      new_members: { '2026-03': 5, '2026-04': 0 },
    };
    for (const [metric, want] of Object.entries(expected)) {
      expect(values(await series({ metric, interval: 'month', from: MARCH.from, to: APRIL.to })), metric).toEqual(want);
    }
    // Each member once per week: a bought in weeks 11, 13 and 14, b in 11 and 13, c in 13.
    expect(values(await series({ metric: 'active_members', interval: 'week', ...MARCH }))).toMatchObject({ '2026-W11': 2, '2026-W13': 3, '2026-W14': 1 });
  });

  it('clips the first and last buckets to [from, to)', async () => {
    // From noon on the 10th: the two purchases at 10:00 UTC (11:00 local) are before it.
    const s = await series({ metric: 'sales', interval: 'month', from: '2026-03-10T12:00:00+01:00', to: '2026-03-30T00:00:00+02:00' });
    expect(s.buckets).toEqual([{ period: '2026-03', start: '2026-02-28T23:00:00.000Z', end: '2026-03-31T22:00:00.000Z', value: 3 }]);
  });
});

describe('GET /v1/analytics/breakdown', () => {
  const breakdown = async (metric: string, by: string, range = MARCH, asOf = beforeExpiry) =>
    ok(await get(`/v1/analytics/breakdown?${q({ ...range, metric, by, as_of: asOf })}`), 200).groups;

  it('by store, branch, gender and source, unknown values as null', async () => {
    expect(await breakdown('revenue', 'store')).toEqual([
      { key: 'S1', value: 6000 + 5000 + 5400 },
      { key: 'S2', value: 0 },
      { key: null, value: 3333 },
    ]);
    expect(await breakdown('sales', 'store')).toEqual([
      { key: 'S1', value: 3 },
      { key: 'S2', value: 1 },
      { key: null, value: 1 },
    ]);
    expect(await breakdown('points_issued', 'branch')).toEqual([
      { key: 'north', value: 800 + 140 + 266 },
      { key: 'south', value: 240 + 360 },
      { key: null, value: 400 },
    ]);
    expect(await breakdown('revenue', 'gender')).toEqual([
      { key: 'female', value: 6000 + 3333 },
      { key: 'male', value: 5400 },
      { key: null, value: 5000 },
    ]);
    expect(await breakdown('new_members', 'gender')).toEqual([
      { key: 'female', value: 2 },
      { key: 'male', value: 1 },
      { key: null, value: 2 },
    ]);
    expect(await breakdown('active_members', 'source')).toEqual([
      { key: 'pos', value: 1 },
      { key: 'web', value: 1 },
      { key: null, value: 1 },
    ]);
    expect(await breakdown('returns', 'source')).toEqual([
      { key: 'pos', value: 4000 },
      { key: 'web', value: 3400 },
      { key: null, value: 0 },
    ]);
  });

  it('by channel and device, as the purchase recorded them, unknown as null', async () => {
    // pos: 10000 − 4000 returned, 5000; web: 3400 − 3400 (fully returned), 5400; app: the EUR purchase, no rate.
    expect(await breakdown('revenue', 'channel')).toEqual([
      { key: 'app', value: 0 },
      { key: 'pos', value: 6000 + 5000 },
      { key: 'web', value: 5400 },
      { key: null, value: 3333 },
    ]);
    expect(await breakdown('sales', 'channel')).toEqual([
      { key: 'app', value: 1 },
      { key: 'pos', value: 2 },
      { key: 'web', value: 1 },
      { key: null, value: 1 },
    ]);
    expect(await breakdown('returns_count', 'channel')).toEqual([
      { key: 'app', value: 0 },
      { key: 'pos', value: 1 },
      { key: 'web', value: 1 },
      { key: null, value: 0 },
    ]);
    // Before the returns were recorded, web had both USD purchases in full.
    expect(await breakdown('revenue', 'channel', MARCH, beforeReturns)).toEqual([
      { key: 'app', value: 0 },
      { key: 'pos', value: 10000 + 5000 },
      { key: 'web', value: 3400 + 5400 },
      { key: null, value: 3333 },
    ]);
    expect(await breakdown('revenue', 'device')).toEqual([
      { key: 'android', value: 0 },
      { key: 'ios', value: 0 },
      { key: 'till-1', value: 6000 + 5000 },
      { key: null, value: 5400 + 3333 },
    ]);
    // a bought on till-1, on android and on nothing recorded; b on ios and on nothing recorded; c on till-1.
    expect(await breakdown('active_members', 'device')).toEqual([
      { key: 'android', value: 1 },
      { key: 'ios', value: 1 },
      { key: 'till-1', value: 2 },
      { key: null, value: 2 },
    ]);
    // till-1: 11000 ÷ 2; unknown: 8733 ÷ 2 = 4366.5, half to even; android's one sale has no rate, so no check.
    expect(await breakdown('average_check', 'device')).toEqual([
      { key: 'android', value: 0 },
      { key: 'ios', value: 0 },
      { key: 'till-1', value: 5500 },
      { key: null, value: 4366 },
    ]);
  });

  it('by tier at as_of, every tier listed', async () => {
    // a reached silver with the purchase of 30 March.
    expect(await breakdown('revenue', 'tier')).toEqual([
      { key: 'bronze', value: 5400 + 5000 },
      { key: 'silver', value: 6000 + 3333 },
    ]);
    expect(await breakdown('revenue', 'tier', MARCH, '2026-03-29T12:00:00Z')).toEqual([
      { key: 'bronze', value: 10000 + 3400 + 5000 },
      { key: 'silver', value: 0 },
    ]);
  });

  it('by RFM segment as of as_of, every segment listed, members without scores as null', async () => {
    // Default RFM (36 months, total, the default grid), as of 00:30 on 10 April in Berlin, 3 scored members:
    // a: last bought 30 March (11 days), 3 purchases (the EUR one counts for F, not M), 6000 + 3333 → R4 F4 M4: FM 4;
    // b: the fully returned USD purchase does not count: 29 March (12 days), 1 purchase, 5400 → R2 F1 M2: FM 2;
    // c: 28 March (13 days), 1 purchase, 5000 → R1 F1 M1: FM 1. Grid: R4 FM4 Loyal Customers, R2 FM2 and R1 FM1
    // Hibernating. d and e never bought: no scores, no segment.
    // The grid's order (the RFM report's): R 5 to 1, FM 1 to 5 in each, first appearance; Lost last.
    const names = ['New Customers', 'Potential Loyalist', 'Champions', 'Promising', 'Loyal Customers', 'About to Sleep', 'Need Attention', 'Hibernating', 'At Risk', 'Cannot Lose Them', 'Lost'];
    const groups = (values: Record<string, number>, unknown?: number) => [
      ...names.map((key) => ({ key, value: values[key] ?? 0 })),
      ...(unknown === undefined ? [] : [{ key: null, value: unknown }]),
    ];
    expect(await breakdown('revenue', 'segment')).toEqual(groups({ 'Loyal Customers': 6000 + 3333, Hibernating: 5400 + 5000 }));
    expect(await breakdown('points_issued', 'segment')).toEqual(groups({ 'Loyal Customers': 800 + 140 + 266, Hibernating: 240 + 360 + 400 }));
    expect(await breakdown('new_members', 'segment')).toEqual(groups({ 'Loyal Customers': 1, Hibernating: 2 }, 2));
    // As of noon on 29 March: a (p1 and the EUR purchase, 0 days, 10000) R4 F4 M4; b (p2 not yet returned, 19 days,
    // 3400) R1 F1 M1; c (1 day, 5000) R2 F1 M2. Only what was recorded by then counts.
    expect(await breakdown('revenue', 'segment', MARCH, '2026-03-29T12:00:00Z')).toEqual(groups({ 'Loyal Customers': 10000, Hibernating: 3400 + 5000 }));
    // The other program's only scored member (777.00 AZN) is alone, so every score is 1 (R1 FM1: Hibernating), and
    // nothing of p's shows.
    expect(ok(await get(`/v1/analytics/breakdown?${q({ ...MARCH, metric: 'revenue', by: 'segment', as_of: beforeExpiry })}`, other.readKey), 200).groups).toEqual(
      groups({ Hibernating: 77700 }),
    );
  });

  it('by age band in the program time zone at as_of', async () => {
    const bands = ['<18', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
    const groups = (values: Record<string, number>, unknown: number) => [...bands.map((key) => ({ key, value: values[key] ?? 0 })), { key: null, value: unknown }];
    // e turns 18 on 10 April, Berlin time: at 22:30 UTC on the 9th it is 00:30 on the 10th there.
    expect(await breakdown('new_members', 'age_band')).toEqual(groups({ '<18': 1, '18-24': 1, '25-34': 1 }, 2));
    expect(await breakdown('new_members', 'age_band', MARCH, '2026-04-09T21:30:00Z')).toEqual(groups({ '<18': 2, '25-34': 1 }, 2));
    expect(await breakdown('revenue', 'age_band')).toEqual(groups({ '<18': 5400, '25-34': 9333 }, 5000));
  });

  it('uses the program\'s own age bands', async () => {
    ok(await t.call({ method: 'PATCH', url: '/v1/program', key: other.adminKey, payload: { settings: { age_bands: [30, 60] } } }), 200);
    const groups = ok(await get(`/v1/analytics/breakdown?${q({ ...MARCH, metric: 'new_members', by: 'age_band' })}`, other.readKey), 200).groups;
    expect(groups).toEqual([
      { key: '<30', value: 0 },
      { key: '30-59', value: 0 },
      { key: '60+', value: 0 },
      { key: null, value: 1 },
    ]);
    const bad = expectProblem(await t.call({ method: 'PATCH', url: '/v1/program', key: other.adminKey, payload: { settings: { age_bands: [30, 30] } } }), 422, 'invalid_settings');
    expect(bad.errors).toEqual([expect.objectContaining({ pointer: '/settings/age_bands/1' })]);
  });
});

describe('isolation and refusals', () => {
  it('answers only the caller\'s program', async () => {
    const s = ok(await get(`/v1/analytics/summary?${q(MARCH)}`, other.readKey), 200);
    expect(s).toMatchObject({ revenue: 77700, sales: 1, active_members: 1, new_members: 1, unconverted: [] });
    expect(s.points.issued).toBe(6216);
    expect(ok(await get(`/v1/analytics/breakdown?${q({ ...MARCH, metric: 'revenue', by: 'branch' })}`, other.readKey), 200).groups).toEqual([{ key: 'north', value: 77700 }]);
  });

  it('refuses bad periods, metrics and dimensions with a pointer', async () => {
    const pointer = async (url: string, status: number, code: string) => expectProblem(await get(url), status, code).errors?.map((e) => e.pointer);
    expect(await pointer(`/v1/analytics/summary?${q({ from: MARCH.to, to: MARCH.from })}`, 422, 'invalid_range')).toEqual(['/from']);
    expect(await pointer(`/v1/analytics/summary?${q({ from: MARCH.from, to: MARCH.from })}`, 422, 'invalid_range')).toEqual(['/from']);
    expect(await pointer(`/v1/analytics/summary?${q({ from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })}`, 422, 'range_too_long')).toEqual(['/to']);
    expect(await pointer(`/v1/analytics/timeseries?${q({ metric: 'sales', interval: 'day', from: '2025-01-01T00:00:00Z', to: '2026-02-05T00:00:00Z' })}`, 422, 'range_too_long')).toEqual(['/to']);
    // 400 days in Berlin is fine; 401 is not.
    expect((await get(`/v1/analytics/timeseries?${q({ metric: 'sales', interval: 'day', from: '2025-01-01T00:00:00+01:00', to: '2026-02-05T00:00:00+01:00' })}`)).statusCode).toBe(200);
    expect(await pointer(`/v1/analytics/timeseries?${q({ metric: 'sales', interval: 'day', from: '2025-01-01T00:00:00+01:00', to: '2026-02-06T00:00:00+01:00' })}`, 422, 'range_too_long')).toEqual(['/to']);
    expect(await pointer(`/v1/analytics/breakdown?${q({ ...MARCH, metric: 'points_issued', by: 'store' })}`, 422, 'metric_not_available')).toEqual(['/metric']);
    expect(await pointer(`/v1/analytics/breakdown?${q({ ...MARCH, metric: 'new_members', by: 'store' })}`, 422, 'metric_not_available')).toEqual(['/metric']);
    expect(await pointer(`/v1/analytics/breakdown?${q({ ...MARCH, metric: 'points_redeemed', by: 'channel' })}`, 422, 'metric_not_available')).toEqual(['/metric']);
    expect(await pointer(`/v1/analytics/breakdown?${q({ ...MARCH, metric: 'new_members', by: 'device' })}`, 422, 'metric_not_available')).toEqual(['/metric']);
    expect(await pointer(`/v1/analytics/breakdown?${q({ ...MARCH, metric: 'profit', by: 'store' })}`, 400, 'validation_failed')).toEqual(['/metric']);
    expect(await pointer(`/v1/analytics/breakdown?${q({ ...MARCH, metric: 'sales', by: 'planet' })}`, 400, 'validation_failed')).toEqual(['/by']);
    expect(await pointer(`/v1/analytics/timeseries?${q({ ...MARCH, metric: 'sales', interval: 'year' })}`, 400, 'validation_failed')).toEqual(['/interval']);
    expect(await pointer(`/v1/analytics/summary?${q({ to: MARCH.to })}`, 400, 'validation_failed')).toEqual(['/from']);
    expectProblem(await get(`/v1/analytics/summary?${q({ ...MARCH, as_of: '2099-01-01T00:00:00Z' })}`), 422, 'as_of_not_yet');
    expect((await t.call({ method: 'GET', url: `/v1/analytics/summary?${q(MARCH)}` })).statusCode).toBe(401);
  });
});
