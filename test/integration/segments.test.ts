import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, purchase, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';

// Segments (analytics.md "Segments"): each rule condition at its boundaries, all/any/not, invalid rules and their
// pointers, static lists, as_of, exact stats, and nothing across programs.

// Asia/Baku is UTC+4 all year: local midnight of 10 March is 2026-03-09T20:00:00Z.
const ENROLLED = new Date('2026-03-01T09:00:00Z');
const T1 = new Date('2026-03-05T10:00:00Z'); // A's purchases
const T2 = new Date('2026-03-06T10:00:00Z'); // B's big purchase (silver), A's partial return
const T3 = new Date('2026-03-07T10:00:00Z'); // C blocked
const NOW = new Date('2026-03-12T10:00:00Z');

let t: FixedClockTestApp;
let p: ProgramFixture;
let other: ProgramFixture;
let a: { id: string };
let b: { id: string };
let c: { id: string };
let stranger: { id: string };

const iso = (d: Date) => d.toISOString();
const q = (d: Date) => encodeURIComponent(d.toISOString());

async function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', key: string, url: string, payload?: Record<string, unknown>) {
  return t.call({ method, url, key, ...(payload ? { payload } : {}) });
}

async function segment(rule: unknown, key = p.adminKey): Promise<{ id: string }> {
  const res = await call('POST', key, '/v1/segments', { name: 'S', kind: 'dynamic', rule: rule as Record<string, unknown> });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Every member of the segment as of `asOf` (all pages, two at a time), as letters. */
async function members(seg: { id: string }, asOf?: Date, key = p.readKey): Promise<string[]> {
  const names = new Map([[a.id, 'A'], [b.id, 'B'], [c.id, 'C']]);
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/v1/segments/${seg.id}/members?limit=2${asOf && !cursor ? `&as_of=${q(asOf)}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await call('GET', key, url);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { data: { id: string }[]; next_cursor: string | null };
    out.push(...page.data.map((m) => names.get(m.id) ?? m.id));
    cursor = page.next_cursor;
  } while (cursor !== null);
  return out.sort();
}

const inRule = async (rule: unknown, asOf: Date = NOW) => members(await segment(rule), asOf);

beforeAll(async () => {
  t = (await createTestApp({ now: ENROLLED })) as FixedClockTestApp;
  p = await createProgramFixture(t);
  other = await createProgramFixture(t);
  a = await enroll(t, p.posKey, { birth_date: '1996-03-10', gender: 'female', branch: 'Baku', source: 'pos', attributes: { kids: 2, vegan: true, color: 'green' } });
  b = await enroll(t, p.posKey, { birth_date: '1996-03-11', gender: 'male', branch: 'Ganja', source: 'web', attributes: { kids: '2', color: 'blue', height: 1.85 } });
  c = await enroll(t, p.posKey, { branch: 'Baku', source: 'app' });
  stranger = await enroll(t, other.posKey, { birth_date: '1996-03-10', gender: 'female', branch: 'Baku', source: 'pos' });
  // 1 USD = 1.7 AZN from before the purchases; EUR has no rate at all.
  expect((await post(t, p.adminKey, '/v1/fx-rates', { currency: 'USD', rate: '1.7', effective_from: '2026-01-01T00:00:00Z' })).statusCode).toBe(201);

  t.clock.set(T1);
  const azn = await purchase(t, p.posKey, a.id, 1250); // 100 points, 12.50 AZN
  await purchase(t, p.posKey, a.id, 1000, { amount: { amount: 1000, currency: 'USD' } }); // 120 points, 10.00 USD = 17.00 AZN
  await purchase(t, p.posKey, a.id, 500, { amount: { amount: 500, currency: 'EUR' } }); // 70 points, no FX rate: not in spend
  await purchase(t, other.posKey, stranger.id, 999_999);

  t.clock.set(T2);
  await purchase(t, p.posKey, b.id, 12500); // 1000 points: silver
  const ret = await post(t, p.posKey, `/v1/purchases/${azn.purchase.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 250, currency: 'AZN' } });
  expect(ret.statusCode, ret.body).toBe(201); // 20 points back

  t.clock.set(T3);
  const blocked = await call('PATCH', p.adminKey, `/v1/members/${c.id}`, { status: 'blocked', status_reason: 'fraud' });
  expect(blocked.statusCode, blocked.body).toBe(200);
  t.clock.set(NOW);
});
afterAll(() => t?.close());

describe('conditions', () => {
  it('age: whole years on the local date at as_of, the birthday counting from local midnight', async () => {
    const thirty = await segment({ age: { min: 30 } });
    // 2026-03-09T19:59:59Z is 23:59:59 on 9 March in Baku: A turns 30 a second later.
    expect(await members(thirty, new Date('2026-03-09T19:59:59Z'))).toEqual([]);
    expect(await members(thirty, new Date('2026-03-09T20:00:00Z'))).toEqual(['A']);
    expect(await members(thirty, new Date('2026-03-10T19:59:59Z'))).toEqual(['A']);
    expect(await members(thirty, new Date('2026-03-10T20:00:00Z'))).toEqual(['A', 'B']);
    // Inclusive at both ends; no birth date is no age.
    expect(await inRule({ age: { min: 29, max: 29 } }, new Date('2026-03-09T20:00:00Z'))).toEqual(['B']);
    expect(await inRule({ age: { min: 29, max: 30 } }, new Date('2026-03-09T20:00:00Z'))).toEqual(['A', 'B']);
    expect(await inRule({ age: { max: 28 } })).toEqual([]);
    expect(await inRule({ not: { age: { min: 30 } } }, new Date('2026-03-09T20:00:00Z'))).toEqual(['B', 'C']);
  });

  it('branch, gender and source: one of the listed values', async () => {
    expect(await inRule({ branch: { in: ['Baku'] } })).toEqual(['A', 'C']);
    expect(await inRule({ branch: { in: ['Ganja', 'Sumqayit'] } })).toEqual(['B']);
    expect(await inRule({ gender: { in: ['female', 'other'] } })).toEqual(['A']);
    expect(await inRule({ source: { in: ['web', 'app'] } })).toEqual(['B', 'C']);
    // A value is data, never SQL.
    expect(await inRule({ branch: { in: ["Baku'); DELETE FROM members; --", 'Baku'] } })).toEqual(['A', 'C']);
  });

  it('total_spent: net of returns recorded by as_of, USD at the FX rate, a currency without a rate left out; inclusive', async () => {
    // At T1: 12.50 AZN + 10.00 USD x 1.7 = 29.50 AZN. After the return at T2: 27.00 AZN. B: 125.00 AZN from T2.
    expect(await inRule({ total_spent: { min: 2950, max: 2950 } }, T1)).toEqual(['A']);
    expect(await inRule({ total_spent: { max: 2949 } }, T1)).toEqual(['B', 'C']);
    expect(await inRule({ total_spent: { min: 2700, max: 2700 } }, T2)).toEqual(['A']);
    expect(await inRule({ total_spent: { min: 2701 } }, T2)).toEqual(['B']);
    expect(await inRule({ total_spent: { min: 12500 } })).toEqual(['B']);
    expect(await inRule({ total_spent: { max: 0 } })).toEqual(['C']);
  });

  it('balance: available points as of as_of', async () => {
    // A: 100 + 120 + 70 = 290 at T1; the return takes 20 back at T2. B: 1000 from T2.
    expect(await inRule({ balance: { min: 290, max: 290 } }, T1)).toEqual(['A']);
    expect(await inRule({ balance: { min: 270, max: 270 } }, T2)).toEqual(['A']);
    expect(await inRule({ balance: { min: 271 } }, T2)).toEqual(['B']);
    expect(await inRule({ balance: { max: 0 } }, T1)).toEqual(['B', 'C']);
  });

  it('last_purchase: after inclusive, before exclusive; no purchase never matches', async () => {
    expect(await inRule({ last_purchase: { after: iso(T2) } })).toEqual(['B']);
    expect(await inRule({ last_purchase: { after: iso(T1) } })).toEqual(['A', 'B']);
    expect(await inRule({ last_purchase: { before: iso(T2) } })).toEqual(['A']);
    expect(await inRule({ last_purchase: { before: new Date(T2.getTime() + 1).toISOString() } })).toEqual(['A', 'B']);
    // As of T1, B had bought nothing yet.
    expect(await inRule({ last_purchase: { after: '2026-01-01T00:00:00Z' } }, T1)).toEqual(['A']);
  });

  it('purchase_count: purchases not fully returned, all or within the last days before as_of', async () => {
    expect(await inRule({ purchase_count: { min: 3, max: 3 } })).toEqual(['A']);
    expect(await inRule({ purchase_count: { min: 1, max: 2 } })).toEqual(['B']);
    expect(await inRule({ purchase_count: { max: 0 } })).toEqual(['C']);
    // The window is the within_days days up to as_of, its start excluded (as promotions count): A's purchases at T1
    // (5 March, 10:00Z) are exactly 7 days before 12 March 10:00Z.
    expect(await inRule({ purchase_count: { min: 1, within_days: 7 } })).toEqual(['B']);
    expect(await inRule({ purchase_count: { min: 1, within_days: 7 } }, new Date(NOW.getTime() - 1))).toEqual(['A', 'B']);
    expect(await inRule({ purchase_count: { min: 3, within_days: 8 } })).toEqual(['A']);
  });

  it('tier: the tier recorded by as_of, members without a change in the entry tier', async () => {
    expect(await inRule({ tier: { in: ['silver'] } }, T1)).toEqual([]);
    expect(await inRule({ tier: { in: ['silver'] } }, T2)).toEqual(['B']);
    expect(await inRule({ tier: { in: ['bronze'] } }, T2)).toEqual(['A', 'C']);
  });

  it('status: as recorded by as_of', async () => {
    expect(await inRule({ status: { in: ['blocked'] } }, T2)).toEqual([]);
    expect(await inRule({ status: { in: ['active'] } }, T2)).toEqual(['A', 'B', 'C']);
    expect(await inRule({ status: { in: ['blocked'] } }, T3)).toEqual(['C']);
    expect(await inRule({ status: { in: ['active'] } }, T3)).toEqual(['A', 'B']);
  });

  it('attribute: equals, in and numeric ranges, typed as stored; a missing key never matches', async () => {
    expect(await inRule({ attribute: { key: 'kids', equals: 2 } })).toEqual(['A']);
    expect(await inRule({ attribute: { key: 'kids', equals: '2' } })).toEqual(['B']);
    expect(await inRule({ attribute: { key: 'color', in: ['green', 'blue', 3] } })).toEqual(['A', 'B']);
    expect(await inRule({ attribute: { key: 'kids', min: 2, max: 2 } })).toEqual(['A']);
    expect(await inRule({ attribute: { key: 'kids', min: 3 } })).toEqual([]);
    expect(await inRule({ attribute: { key: 'height', min: 1.85 } })).toEqual(['B']);
    expect(await inRule({ attribute: { key: 'height', max: 1.84 } })).toEqual([]);
    expect(await inRule({ not: { attribute: { key: 'vegan', equals: true } } })).toEqual(['B', 'C']);
  });

  it('all, any and not combine', async () => {
    expect(await inRule({ all: [{ branch: { in: ['Baku'] } }, { purchase_count: { min: 1 } }] })).toEqual(['A']);
    expect(await inRule({ any: [{ branch: { in: ['Ganja'] } }, { status: { in: ['blocked'] } }] })).toEqual(['B', 'C']);
    expect(await inRule({ not: { any: [{ branch: { in: ['Ganja'] } }, { status: { in: ['blocked'] } }] } })).toEqual(['A']);
    expect(await inRule({ all: [{ not: { gender: { in: ['male'] } } }, { any: [{ tier: { in: ['gold'] } }, { balance: { min: 1 } }] }] })).toEqual(['A']);
  });

  it('members enrolled after as_of are in no segment', async () => {
    expect(await inRule({ branch: { in: ['Baku', 'Ganja'] } }, new Date(ENROLLED.getTime() - 1))).toEqual([]);
  });
});

describe('invalid rules', () => {
  const pointers = async (body: Record<string, unknown>) => {
    const problem = expectProblem(await call('POST', p.adminKey, '/v1/segments', { name: 'Bad', ...body }), 422, 'invalid_rule');
    return problem.errors!.map((e) => e.pointer);
  };

  it('points into the rule at each problem', async () => {
    expect(await pointers({ kind: 'dynamic', rule: { all: [{ branch: { in: ['Baku'] } }, { gender: { in: ['female'] } }, { age: { min: -1 } }] } })).toEqual(['/rule/all/2/age/min']);
    expect(await pointers({ kind: 'dynamic', rule: { all: [{ age: { min: 40, max: 30 } }] } })).toEqual(['/rule/all/0/age/min']);
    expect(await pointers({ kind: 'dynamic', rule: { any: [{ shoe_size: { in: ['42'] } }, { branch: { in: [] } }] } })).toEqual(['/rule/any/0/shoe_size', '/rule/any/1/branch/in']);
    expect(await pointers({ kind: 'dynamic', rule: { not: { branch: { in: ['x'], eq: 'y' } } } })).toEqual(['/rule/not/branch/eq']);
    expect(await pointers({ kind: 'dynamic', rule: { branch: { in: ['x'] }, gender: { in: ['male'] } } })).toEqual(['/rule']);
    expect(await pointers({ kind: 'dynamic', rule: { all: [] } })).toEqual(['/rule/all']);
    expect(await pointers({ kind: 'dynamic', rule: { age: {} } })).toEqual(['/rule/age']);
    expect(await pointers({ kind: 'dynamic', rule: { last_purchase: { after: '2026-03-02T00:00:00Z', before: '2026-03-01T00:00:00Z' } } })).toEqual(['/rule/last_purchase/after']);
    expect(await pointers({ kind: 'dynamic', rule: { status: { in: ['asleep'] } } })).toEqual(['/rule/status/in/0']);
    expect(await pointers({ kind: 'dynamic', rule: 'branch = Baku' })).toEqual(['/rule']);
    expect(await pointers({ kind: 'dynamic', rule: { attribute: { key: 'Shoe-Size', equals: 42 } } })).toEqual(['/rule/attribute/key']);
    expect(await pointers({ kind: 'dynamic', rule: { attribute: { key: 'kids', equals: 2, in: [3] } } })).toEqual(['/rule/attribute']);
    expect(await pointers({ kind: 'dynamic', rule: { attribute: { key: 'kids', min: 3, max: 1 } } })).toEqual(['/rule/attribute/min']);
    expect(await pointers({ kind: 'dynamic' })).toEqual(['/rule']);
    expect(await pointers({ kind: 'static', rule: { branch: { in: ['Baku'] } } })).toEqual(['/rule']);
  });

  it('bounds depth (8 levels) and size (100 conditions)', async () => {
    let deep: unknown = { branch: { in: ['Baku'] } };
    for (let i = 0; i < 7; i++) deep = { not: deep };
    expect(await segment(deep)).toHaveProperty('id'); // 8 levels
    expect(await pointers({ kind: 'dynamic', rule: { not: deep } })).toEqual(['/rule/not/not/not/not/not/not/not/not']);
    const many = (n: number) => ({ any: Array.from({ length: n }, (_, i) => (i % 2 ? { branch: { in: [`b${i}`] } } : { age: { min: i } })) });
    expect(await segment(many(100))).toHaveProperty('id');
    expect(await pointers({ kind: 'dynamic', rule: { all: [many(100), { branch: { in: ['x'] } }] } })).toEqual(['/rule']);
  });

  it('a PATCH with an invalid rule changes nothing', async () => {
    const seg = await segment({ branch: { in: ['Baku'] } });
    const problem = expectProblem(await call('PATCH', p.adminKey, `/v1/segments/${seg.id}`, { rule: { all: [{ age: { max: 'old' } }] } }), 422, 'invalid_rule');
    expect(problem.errors!.map((e) => e.pointer)).toEqual(['/rule/all/0/age/max']);
    expect((await call('GET', p.readKey, `/v1/segments/${seg.id}`)).json()).toMatchObject({ version: 1, rule: { branch: { in: ['Baku'] } } });
  });
});

describe('segments API', () => {
  it('creates once per Idempotency-Key, reads with a read key, changes and deletes with the admin key only', async () => {
    const body = { name: 'Baku', description: 'Members of the Baku branch', kind: 'dynamic', rule: { branch: { in: ['Baku'] } } };
    const first = await post(t, p.adminKey, '/v1/segments', body, 'seg-key-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(t, p.adminKey, '/v1/segments', body, 'seg-key-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const seg = first.json();
    expect(seg).toMatchObject({ name: 'Baku', description: 'Members of the Baku branch', kind: 'dynamic', version: 1, rule: body.rule });

    expect((await call('POST', p.readKey, '/v1/segments', body)).statusCode).toBe(403);
    expect((await call('POST', p.posKey, '/v1/segments', body)).statusCode).toBe(403);
    expect((await call('PATCH', p.readKey, `/v1/segments/${seg.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await call('DELETE', p.posKey, `/v1/segments/${seg.id}`)).statusCode).toBe(403);

    const patched = await call('PATCH', p.adminKey, `/v1/segments/${seg.id}`, { name: 'Ganja', rule: { branch: { in: ['Ganja'] } } });
    expect(patched.json()).toMatchObject({ name: 'Ganja', version: 2, kind: 'dynamic', description: 'Members of the Baku branch' });
    expect(await members(seg)).toEqual(['B']);
    const listed = (await call('GET', p.readKey, '/v1/segments?limit=200')).json();
    expect(listed.data.map((s: { id: string }) => s.id)).toContain(seg.id);

    expect((await call('DELETE', p.adminKey, `/v1/segments/${seg.id}`)).statusCode).toBe(204);
    expectProblem(await call('GET', p.readKey, `/v1/segments/${seg.id}`), 404, 'segment_not_found');
    expectProblem(await call('DELETE', p.adminKey, `/v1/segments/${seg.id}`), 404, 'segment_not_found');
  });

  it('keeps programs apart: another program sees neither the segment nor its members, and its members never match', async () => {
    const seg = await segment({ all: [{ branch: { in: ['Baku'] } }, { gender: { in: ['female'] } }] });
    expect(await members(seg)).toEqual(['A']);
    expectProblem(await call('GET', other.readKey, `/v1/segments/${seg.id}`), 404, 'segment_not_found');
    expectProblem(await call('GET', other.readKey, `/v1/segments/${seg.id}/members`), 404, 'segment_not_found');
    expectProblem(await call('GET', other.readKey, `/v1/segments/${seg.id}/stats`), 404, 'segment_not_found');
    expectProblem(await call('PATCH', other.adminKey, `/v1/segments/${seg.id}`, { name: 'mine' }), 404, 'segment_not_found');
    expectProblem(await call('DELETE', other.adminKey, `/v1/segments/${seg.id}`), 404, 'segment_not_found');
    expect((await call('GET', other.readKey, '/v1/segments')).json().data).toEqual([]);
    // The other program's identical member is only in the other program's identical segment.
    const theirs = await segment({ all: [{ branch: { in: ['Baku'] } }, { gender: { in: ['female'] } }] }, other.adminKey);
    const res = await call('GET', other.readKey, `/v1/segments/${theirs.id}/members`);
    expect(res.json().data.map((m: { id: string }) => m.id)).toEqual([stranger.id]);
  });

  it('pages with a cursor that keeps the first page\'s instant; a future as_of is 422', async () => {
    const seg = await segment({ branch: { in: ['Baku', 'Ganja'] } });
    const first = (await call('GET', p.readKey, `/v1/segments/${seg.id}/members?limit=2`)).json();
    expect(first.data.map((m: { id: string }) => m.id)).toEqual([a.id, b.id]);
    // A member enrolled after the first page is not on the next one: the cursor pinned the instant.
    t.clock.set(new Date(NOW.getTime() + 60_000));
    const late = await enroll(t, p.posKey, { branch: 'Baku' });
    const next = (await call('GET', p.readKey, `/v1/segments/${seg.id}/members?limit=2&cursor=${first.next_cursor}`)).json();
    expect(next.data.map((m: { id: string }) => m.id)).toEqual([c.id]);
    expect(next.has_more).toBe(false);
    const fresh = (await call('GET', p.readKey, `/v1/segments/${seg.id}/members?limit=10`)).json();
    expect(fresh.data.map((m: { id: string }) => m.id)).toEqual([a.id, b.id, c.id, late.id]);
    t.clock.set(NOW);
    expectProblem(await call('GET', p.readKey, `/v1/segments/${seg.id}/members?as_of=${q(new Date(NOW.getTime() + 1000))}`), 422, 'as_of_not_yet');
    expectProblem(await call('GET', p.readKey, `/v1/segments/${seg.id}/members?cursor=abc`), 400, 'validation_failed');
  });

  it('stats: size, purchases, revenue, average check and points, exactly, as of an instant', async () => {
    const seg = await segment({ branch: { in: ['Baku', 'Ganja'] } });
    const at = async (asOf: Date) => (await call('GET', p.readKey, `/v1/segments/${seg.id}/stats?as_of=${q(asOf)}`)).json();
    // T1: A only bought: 12.50 AZN + 17.00 AZN (USD) = 29.50 over 3 purchases (the EUR one has no rate: counted as a
    // purchase, not in revenue); 290 points.
    expect(await at(T1)).toEqual({ segment_id: seg.id, as_of: iso(T1), currency: 'AZN', size: 3, purchases: 3, revenue: 2950, average_check: 983, points_balance: 290 });
    // T2: the return (2.50) and B's 125.00: 27.00 + 125.00 = 152.00 over 4 purchases = 38.00; 270 + 1000 points.
    expect(await at(T2)).toEqual({ segment_id: seg.id, as_of: iso(T2), currency: 'AZN', size: 3, purchases: 4, revenue: 15200, average_check: 3800, points_balance: 1270 });
    const ganja = await segment({ branch: { in: ['Ganja'] } });
    expect((await call('GET', p.readKey, `/v1/segments/${ganja.id}/stats?as_of=${q(T1)}`)).json()).toMatchObject({ size: 1, purchases: 0, revenue: 0, average_check: null, points_balance: 0 });
  });
});

describe('static segments', () => {
  it('adds and removes members idempotently, lists them as of an instant, and refuses strangers and dynamic segments', async () => {
    t.clock.set(new Date('2026-03-08T10:00:00Z'));
    const created = await call('POST', p.adminKey, '/v1/segments', { name: 'VIP list', kind: 'static' });
    expect(created.statusCode, created.body).toBe(201);
    const seg = created.json();
    expect(seg).toMatchObject({ kind: 'static', rule: null });

    const added = await call('POST', p.adminKey, `/v1/segments/${seg.id}/members`, { member_ids: [a.id, c.id, a.id] });
    expect(added.json()).toEqual({ added: 2, already: 0 });
    expect((await call('POST', p.adminKey, `/v1/segments/${seg.id}/members`, { member_ids: [a.id, c.id] })).json()).toEqual({ added: 0, already: 2 });
    expect((await call('PUT', p.adminKey, `/v1/segments/${seg.id}/members/${c.id}`)).json()).toEqual({ added: 0, already: 1 });
    const added8 = new Date('2026-03-08T10:00:00Z');

    t.clock.set(new Date('2026-03-09T10:00:00Z'));
    expect((await call('DELETE', p.adminKey, `/v1/segments/${seg.id}/members/${a.id}`)).json()).toEqual({ removed: true });
    expect((await call('DELETE', p.adminKey, `/v1/segments/${seg.id}/members/${a.id}`)).json()).toEqual({ removed: false });
    expect((await call('DELETE', p.adminKey, `/v1/segments/${seg.id}/members/${b.id}`)).json()).toEqual({ removed: false });
    t.clock.set(NOW);

    expect(await members(seg)).toEqual(['C']);
    expect(await members(seg, added8)).toEqual(['A', 'C']);
    expect(await members(seg, new Date(added8.getTime() - 1))).toEqual([]);
    expect((await call('GET', p.readKey, `/v1/segments/${seg.id}/stats`)).json()).toMatchObject({ size: 1, purchases: 0, revenue: 0 });

    // A member of another program, or no member: nothing is added.
    const refused = expectProblem(await call('POST', p.adminKey, `/v1/segments/${seg.id}/members`, { member_ids: [b.id, stranger.id, 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z'] }), 422, 'member_not_in_program');
    expect(refused.errors!.map((e) => e.pointer)).toEqual(['/member_ids/1', '/member_ids/2']);
    expect(await members(seg)).toEqual(['C']);
    expectProblem(await call('PUT', p.adminKey, `/v1/segments/${seg.id}/members/${stranger.id}`), 422, 'member_not_in_program');
    // The other program cannot touch the list either.
    expectProblem(await call('PUT', other.adminKey, `/v1/segments/${seg.id}/members/${stranger.id}`), 404, 'segment_not_found');
    // Re-adding starts a new spell.
    expect((await call('PUT', p.adminKey, `/v1/segments/${seg.id}/members/${a.id}`)).json()).toEqual({ added: 1, already: 0 });
    expect(await members(seg)).toEqual(['A', 'C']);

    const dynamic = await segment({ branch: { in: ['Baku'] } });
    expectProblem(await call('PUT', p.adminKey, `/v1/segments/${dynamic.id}/members/${a.id}`), 409, 'segment_not_static');
    expectProblem(await call('POST', p.adminKey, `/v1/segments/${dynamic.id}/members`, { member_ids: [a.id] }), 409, 'segment_not_static');
    expect((await call('PUT', p.readKey, `/v1/segments/${seg.id}/members/${a.id}`)).statusCode).toBe(403);
    expectProblem(await call('POST', p.adminKey, `/v1/segments/${seg.id}/members`, { member_ids: Array.from({ length: 1001 }, () => a.id) }), 400, 'validation_failed');
    expectProblem(await call('PATCH', p.adminKey, `/v1/segments/${seg.id}`, { rule: { branch: { in: ['Baku'] } } }), 422, 'invalid_rule');
  });
});
