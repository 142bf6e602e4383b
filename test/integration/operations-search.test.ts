import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, purchase, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';

// The back office's searches: the program's transactions with every filter and cursor paging, and the member list's
// filters; each program sees only its own.

const START = new Date('2026-03-10T09:00:00Z');
let t: FixedClockTestApp;
let p: ProgramFixture;
let other: ProgramFixture;

beforeAll(async () => {
  t = (await createTestApp({ now: START })) as FixedClockTestApp;
  p = await createProgramFixture(t, { point_value: 0.5 });
  other = await createProgramFixture(t);
});
afterAll(() => t?.close());

const get = async (key: string, url: string, status = 200) => {
  const res = await t.call({ method: 'GET', url, key });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

/** Every page of a search, following next_cursor. */
async function all(key: string, url: string, limit = 2) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: { id: string }[]; next_cursor: string | null } = await get(key, `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    ids.push(...page.data.map((d) => d.id));
    cursor = page.next_cursor;
  } while (cursor !== null);
  return ids;
}

describe('GET /v1/transactions', () => {
  let a: { id: string };
  let b: { id: string };
  let receipt: string;
  let txns: { id: string; member_id: string; type: string; points: number; occurred_at: string; data: Record<string, unknown> }[];

  beforeAll(async () => {
    [a, b] = await Promise.all([enroll(t, p.posKey), enroll(t, p.posKey)]);
    receipt = nextReceipt();
    await purchase(t, p.posKey, a!.id, 1250, { store_id: 'store-1', receipt_id: receipt }); // 100
    t.clock.set(new Date('2026-03-11T09:00:00Z'));
    await purchase(t, p.posKey, b!.id, 2500, { store_id: 'store-2' }); // 200
    await purchase(t, p.posKey, a!.id, 5000, { store_id: 'store-2', occurred_at: '2026-03-11T08:00:00Z' }); // 400
    t.clock.set(new Date('2026-03-12T09:00:00Z'));
    expect((await post(t, p.posKey, '/v1/redemptions', { member_id: a!.id, points: 30, store_id: 'store-1' })).statusCode).toBe(201);
    expect((await post(t, p.adminKey, '/v1/adjustments', { member_id: b!.id, points: 7, reason: 'goodwill' })).statusCode).toBe(201);
    const o = await enroll(t, other.posKey);
    await purchase(t, other.posKey, o.id, 1250, { store_id: 'store-1' });
    txns = (await get(p.readKey, '/v1/transactions?limit=200')).data;
  });

  it('lists the program\'s transactions newest first, paged without gaps or repeats, and nothing of another program', async () => {
    expect(txns.map((x) => x.type)).toEqual(['adjust', 'redeem', 'earn', 'earn', 'earn']);
    expect(new Set(txns.map((x) => x.member_id))).toEqual(new Set([a.id, b.id]));
    expect(await all(p.readKey, '/v1/transactions')).toEqual(txns.map((x) => x.id));
    const theirs = (await get(other.readKey, '/v1/transactions')).data;
    expect(theirs).toHaveLength(1);
    expect(txns.map((x) => x.id)).not.toContain(theirs[0].id);
  });

  it('filters by type, member, store, receipt, time and points, alone and together', async () => {
    const ids = (f: (x: (typeof txns)[number]) => boolean) => txns.filter(f).map((x) => x.id);
    expect(await all(p.readKey, '/v1/transactions?type=earn,redeem')).toEqual(ids((x) => x.type === 'earn' || x.type === 'redeem'));
    expect(await all(p.readKey, `/v1/transactions?member_id=${a.id}`)).toEqual(ids((x) => x.member_id === a.id));
    expect(await all(p.readKey, '/v1/transactions?store_id=store-1')).toEqual(ids((x) => x.data.store_id === 'store-1'));
    expect(ids((x) => x.data.store_id === 'store-1')).toHaveLength(2);
    const byReceipt = await all(p.readKey, `/v1/transactions?receipt_id=${receipt}`);
    expect(byReceipt).toHaveLength(1);
    expect(byReceipt).toEqual(ids((x) => x.type === 'earn' && x.points === 100));
    // Business time: the purchase recorded on the 11th at 09:00 occurred at 08:00.
    expect(await all(p.readKey, '/v1/transactions?from=2026-03-11T00:00:00Z&to=2026-03-11T08:30:00Z')).toEqual(ids((x) => x.points === 400));
    expect(await all(p.readKey, '/v1/transactions?min_points=30&max_points=200')).toEqual(ids((x) => x.points >= 30 && x.points <= 200));
    expect(await all(p.readKey, `/v1/transactions?member_id=${a.id}&type=earn&store_id=store-2&min_points=100`)).toEqual(ids((x) => x.points === 400));
    expect(await all(p.readKey, `/v1/transactions?member_id=${a.id}&store_id=nowhere`)).toEqual([]);
  });

  it('refuses ranges the wrong way round and cursors it did not issue', async () => {
    expect(expectProblem(await t.call({ method: 'GET', url: '/v1/transactions?min_points=10&max_points=5', key: p.readKey }), 400, 'validation_failed').errors).toEqual([
      expect.objectContaining({ pointer: '/min_points', location: 'query' }),
    ]);
    expectProblem(await t.call({ method: 'GET', url: '/v1/transactions?from=2026-03-12T00:00:00Z&to=2026-03-11T00:00:00Z', key: p.readKey }), 400, 'validation_failed');
    expectProblem(await t.call({ method: 'GET', url: '/v1/transactions?cursor=bm9wZQ', key: p.readKey }), 400, 'validation_failed');
    expectProblem(await t.call({ method: 'GET', url: '/v1/transactions?type=bogus', key: p.readKey }), 400, 'validation_failed');
  });
});

describe('GET /v1/members filters', () => {
  let q: ProgramFixture;
  const m: Record<string, { id: string }> = {};

  beforeAll(async () => {
    // Local date in Baku (UTC+4) is already 2026-03-11 at 21:00 UTC on the 10th.
    t.clock.set(new Date('2026-03-10T21:00:00Z'));
    q = await createProgramFixture(t, { tiers: [{ name: 'bronze', threshold: 0, multiplier: 1, benefit: null, caps_exempt: false }, { name: 'silver', threshold: 300, multiplier: 1, benefit: null, caps_exempt: false }] });
    m.turns30today = await enroll(t, q.posKey, { gender: 'female', birth_date: '1996-03-11' });
    m.turns30tomorrow = await enroll(t, q.posKey, { gender: 'male', birth_date: '1996-03-12' });
    m.aged18 = await enroll(t, q.posKey, { gender: 'female', birth_date: '2007-07-01' });
    m.nobirth = await enroll(t, q.posKey, { gender: 'other' });
    await purchase(t, q.posKey, m.turns30today!.id, 5000); // 400 points: silver
    await purchase(t, q.posKey, m.turns30tomorrow!.id, 1250); // 100
    await purchase(t, q.posKey, m.aged18!.id, 0, { amount: { amount: 2000, currency: 'USD' } }); // 240 points, spent in USD only
  });

  const ids = async (query: string, key = q.readKey) => (await get(key, `/v1/members?${query}&limit=200`)).data.map((x: { id: string }) => x.id).sort();
  const of = (...names: string[]) => names.map((n) => m[n]!.id).sort();

  it('filters by tier, gender, age in the program time zone, birth month, total spent and balance', async () => {
    expect(await ids('tier=silver')).toEqual(of('turns30today'));
    expect(await ids('tier=bronze')).toEqual(of('turns30tomorrow', 'aged18', 'nobirth'));
    expect(await ids('gender=female')).toEqual(of('turns30today', 'aged18'));
    expect(await ids('age_min=30')).toEqual(of('turns30today'));
    expect(await ids('age_min=29&age_max=29')).toEqual(of('turns30tomorrow'));
    expect(await ids('age_max=18')).toEqual(of('aged18'));
    expect(await ids('birth_month=3')).toEqual(of('turns30today', 'turns30tomorrow'));
    expect(await ids('total_spent_min=1250&total_spent_max=1250')).toEqual(of('turns30tomorrow'));
    expect(await ids('total_spent_max=0')).toEqual(of('aged18', 'nobirth'));
    expect(await ids('balance_min=100')).toEqual(of('turns30today', 'turns30tomorrow', 'aged18'));
    expect(await ids('balance_min=101&balance_max=400')).toEqual(of('turns30today', 'aged18'));
    expect(await ids('gender=female&balance_max=300&age_max=20')).toEqual(of('aged18'));
    // Another program's members never appear.
    expect(await ids('gender=female', p.readKey)).toEqual([]);
  });

  it('refuses a minimum above its maximum, pointing at it', async () => {
    for (const [query, pointer] of [
      ['age_min=40&age_max=30', '/age_min'],
      ['total_spent_min=5&total_spent_max=4', '/total_spent_min'],
      ['balance_min=2&balance_max=1', '/balance_min'],
    ] as const) {
      const problem = expectProblem(await t.call({ method: 'GET', url: `/v1/members?${query}`, key: q.readKey }), 400, 'validation_failed');
      expect(problem.errors).toEqual([expect.objectContaining({ pointer, location: 'query' })]);
    }
    expectProblem(await t.call({ method: 'GET', url: '/v1/members?birth_month=13', key: q.readKey }), 400, 'validation_failed');
  });

  it("the balance says what the points are worth now, at point_value in the home currency", async () => {
    const member = await enroll(t, p.posKey);
    await purchase(t, p.posKey, member.id, 1375); // 110 points at 0.5 qapik
    const balance = await get(p.readKey, `/v1/members/${member.id}/balance`);
    expect(balance.available).toBe(110);
    expect(balance.value).toEqual({ amount: 55, currency: 'AZN' });
    const odd = await enroll(t, p.posKey);
    await purchase(t, p.posKey, odd.id, 1250 + 125); // 110
    await expect(post(t, p.posKey, '/v1/redemptions', { member_id: odd.id, points: 1 }).then((r) => r.statusCode)).resolves.toBe(201);
    // 109 × 0.5 = 54.5: half away from zero.
    expect((await get(p.readKey, `/v1/members/${odd.id}/balance`)).value).toEqual({ amount: 55, currency: 'AZN' });
  });
});
