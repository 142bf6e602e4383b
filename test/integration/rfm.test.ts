import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, runJobAt, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { sql } from 'kysely';
import { EventSchema } from '../../src/events/schemas.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';

// RFM (analytics.md "RFM") over populations whose quintiles are known.
//
// The main program has 25 scored members in five groups of five per dimension, so every value is a tie of five and
// its score is exact: R by recency (400, 100, 40, 10, 1 days: R 1..5), F = k purchases, M = k × 10.00 AZN (k = 1..5).
// Member (r, k) has R = r and F = M = FM = k, so the 25 members hit the 25 cells of the grid once each. Some reach
// their figures the long way: through a full and a partial return, through USD purchases at two FX rates, with a
// purchase in a currency without a rate, with a purchase older than the window. Four more members are Lost or
// unscored. The clock moves forward through history, so every row is recorded when it happened.

// Asia/Baku, the default time zone (UTC+4, no DST): 08:00Z is noon there, so whole days apart are local days apart.
const NOW = new Date('2027-06-15T08:00:00Z'); // noon in Baku
const START = new Date('2023-01-01T08:00:00Z');
const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY);

/** analytics.md's table, written out (R row, FM column). */
const GRID: Record<number, Record<number, string>> = {
  5: { 1: 'New Customers', 2: 'Potential Loyalist', 3: 'Potential Loyalist', 4: 'Champions', 5: 'Champions' },
  4: { 1: 'Promising', 2: 'Potential Loyalist', 3: 'Potential Loyalist', 4: 'Loyal Customers', 5: 'Loyal Customers' },
  3: { 1: 'About to Sleep', 2: 'About to Sleep', 3: 'Need Attention', 4: 'Loyal Customers', 5: 'Loyal Customers' },
  2: { 1: 'Hibernating', 2: 'Hibernating', 3: 'At Risk', 4: 'At Risk', 5: 'Cannot Lose Them' },
  1: { 1: 'Hibernating', 2: 'Hibernating', 3: 'At Risk', 4: 'At Risk', 5: 'Cannot Lose Them' },
};
/** The same as a settings grid. */
const GRID_SETTING = Object.fromEntries(Object.entries(GRID).map(([r, row]) => [r, Object.fromEntries(Object.entries(row))])) as Record<string, Record<string, string>>;
const RECENCY: Record<number, number> = { 5: 1, 4: 10, 3: 40, 2: 100, 1: 400 };

let t: FixedClockTestApp;
let p: ProgramFixture;

/** Something to do at an instant: the population is built by doing them in time order. */
type Step = { at: Date; run: () => Promise<void> };

const ok = (res: { statusCode: number; body: string }, status = 201) => {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body);
};

async function buy(key: string, memberId: string, amount: number, currency = 'AZN'): Promise<string> {
  const res = ok(await post(t, key, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount, currency } }));
  return res.purchase.id;
}

async function giveBack(key: string, purchaseId: string, amount: number, currency = 'AZN') {
  ok(await post(t, key, `/v1/purchases/${purchaseId}/returns`, { receipt_id: nextReceipt(), amount: { amount, currency } }));
}

async function play(steps: Step[]) {
  // Stable: steps at the same instant keep their order.
  for (const step of [...steps].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    t.clock.set(step.at);
    await step.run();
  }
}

const cells: { r: number; k: number; id: string }[] = [];
const named: Record<'returns' | 'fx' | 'unconverted' | 'lookback' | 'lostBuyer' | 'lostNever' | 'recent' | 'returnedOnly', string> = {} as never;

async function report(query = '', key = p.readKey) {
  return ok(await t.call({ method: 'GET', url: `/v1/analytics/rfm${query}`, key }), 200);
}

async function memberRfm(id: string, query = '', key = p.readKey) {
  return ok(await t.call({ method: 'GET', url: `/v1/members/${id}/rfm${query}`, key }), 200);
}

/** Every page of the report's members. */
async function allMembers(query: string, key = p.readKey) {
  const out: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? '&' : '?';
    const page = await report(`${query}${cursor ? `${sep}cursor=${cursor}` : ''}`, key);
    out.push(...page.members.data);
    cursor = page.members.next_cursor;
  } while (cursor);
  return out;
}

beforeAll(async () => {
  t = (await createTestApp({ now: START })) as FixedClockTestApp;
  p = await createProgramFixture(t);
  const steps: Step[] = [];
  for (const r of [5, 4, 3, 2, 1]) {
    for (const k of [1, 2, 3, 4, 5]) {
      const m = await enroll(t, p.posKey);
      cells.push({ r, k, id: m.id });
      const last = RECENCY[r]!;
      if (r === 3 && k === 3) {
        // F = 3, M = 30.00 the long way: four purchases, one returned in full, one in part (5 days ago).
        named.returns = m.id;
        const ids: Record<string, string> = {};
        steps.push({ at: daysAgo(last), run: async () => void (ids.partly = await buy(p.posKey, m.id, 1500)) });
        steps.push({ at: daysAgo(last + 2), run: async () => void (await buy(p.posKey, m.id, 1000)) });
        steps.push({ at: daysAgo(last + 4), run: async () => void (await buy(p.posKey, m.id, 1000)) });
        steps.push({ at: daysAgo(last + 6), run: async () => void (ids.wholly = await buy(p.posKey, m.id, 800)) });
        steps.push({ at: daysAgo(5), run: () => giveBack(p.posKey, ids.partly!, 500) });
        steps.push({ at: daysAgo(5), run: () => giveBack(p.posKey, ids.wholly!, 800) });
        continue;
      }
      if (r === 4 && k === 2) {
        // M = 20.00 from two USD purchases: 4.00 USD at 2.5 (the rate from 11 days ago) and 5.00 USD at 2.0.
        named.fx = m.id;
        steps.push({ at: daysAgo(last), run: async () => void (await buy(p.posKey, m.id, 400, 'USD')) });
        steps.push({ at: daysAgo(last + 2), run: async () => void (await buy(p.posKey, m.id, 500, 'USD')) });
        continue;
      }
      if (r === 2 && k === 2) {
        // F = 2, M = 20.00: 20.00 AZN and 10.00 EUR, a currency the FX table has no rate for.
        named.unconverted = m.id;
        steps.push({ at: daysAgo(last), run: async () => void (await buy(p.posKey, m.id, 2000)) });
        steps.push({ at: daysAgo(last + 2), run: async () => void (await buy(p.posKey, m.id, 1000, 'EUR')) });
        continue;
      }
      if (r === 1 && k === 1) {
        // One purchase in the window, one 40 months ago: outside the 36-month window.
        named.lookback = m.id;
        steps.push({ at: new Date('2024-02-15T08:00:00Z'), run: async () => void (await buy(p.posKey, m.id, 1000)) });
      }
      for (let j = 0; j < k; j++) steps.push({ at: daysAgo(last + 2 * j), run: async () => void (await buy(p.posKey, m.id, 1000)) });
    }
  }
  // Lost: a purchase on 2023-08-01 and none since; enrolled in 2023 and never bought.
  const lostBuyer = await enroll(t, p.posKey);
  named.lostBuyer = lostBuyer.id;
  steps.push({ at: new Date('2023-08-01T08:00:00Z'), run: async () => void (await buy(p.posKey, lostBuyer.id, 1000)) });
  named.lostNever = (await enroll(t, p.posKey)).id;
  // Unscored and not lost: enrolled this month, never bought; bought once in January and returned it all.
  steps.push({ at: new Date('2027-06-01T08:00:00Z'), run: async () => void (named.recent = (await enroll(t, p.posKey)).id) });
  steps.push({
    at: new Date('2027-01-10T08:00:00Z'),
    run: async () => {
      named.returnedOnly = (await enroll(t, p.posKey)).id;
      const id = await buy(p.posKey, named.returnedOnly, 3000);
      await giveBack(p.posKey, id, 3000);
    },
  });
  // The FX table: USD at 2.0 from the start, 2.5 from 11 days ago (recorded then).
  steps.push({ at: START, run: async () => void ok(await post(t, p.adminKey, '/v1/fx-rates', { currency: 'USD', rate: '2.0' })) });
  steps.push({ at: daysAgo(11), run: async () => void ok(await post(t, p.adminKey, '/v1/fx-rates', { currency: 'USD', rate: '2.5' })) });
  await play(steps);
  t.clock.set(NOW);
}, 120_000);
afterAll(() => t?.close());

const localDays = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY);

describe('GET /v1/analytics/rfm', () => {
  it('scores the 25 members into every cell of the grid, each with its name', async () => {
    const members = await allMembers('?limit=7');
    const byId = new Map(members.map((m) => [m.member_id as string, m]));
    for (const { r, k, id } of cells) {
      const lastPurchase = daysAgo(RECENCY[r]!);
      expect(byId.get(id), `R${r} k${k}`).toEqual({
        member_id: id,
        last_purchase_at: lastPurchase.toISOString(),
        recency_days: RECENCY[r],
        frequency: k,
        monetary: k * 1000,
        r,
        f: k,
        m: k,
        fm: k,
        cell: `R${r}-FM${k}`,
        segment: GRID[r]![k],
      });
    }
    expect(byId.get(named.lostBuyer)).toEqual({
      member_id: named.lostBuyer,
      last_purchase_at: '2023-08-01T08:00:00.000Z',
      recency_days: localDays(new Date('2023-08-01T08:00:00Z'), NOW),
      frequency: 0,
      monetary: null,
      r: null,
      f: null,
      m: null,
      fm: null,
      cell: null,
      segment: 'Lost',
    });
    expect(byId.get(named.lostNever)).toMatchObject({ last_purchase_at: null, recency_days: null, frequency: 0, r: null, segment: 'Lost' });
    // Not scored and not lost: not in the list.
    expect(byId.has(named.recent)).toBe(false);
    expect(byId.has(named.returnedOnly)).toBe(false);
    expect(members).toHaveLength(27);
    // By member id, each once across the pages.
    expect(members.map((m) => m.member_id)).toEqual([...byId.keys()].sort());
  });

  it('sums up each segment: size, share of the members with a segment, revenue and average scores', async () => {
    const body = await report('?limit=1');
    expect(body).toMatchObject({
      as_of: NOW.toISOString(),
      currency: 'AZN',
      lookback_months: 36,
      monetary: 'total',
      lost_after_months: 36,
      members_scored: 25,
      members_with_segment: 27,
      unconverted_purchases: 1,
      members: { has_more: true },
    });
    const expected = new Map<string, { size: number; revenue: number; r: number; f: number }>();
    for (const { r, k } of cells) {
      const e = expected.get(GRID[r]![k]!) ?? { size: 0, revenue: 0, r: 0, f: 0 };
      expected.set(GRID[r]![k]!, { size: e.size + 1, revenue: e.revenue + k * 1000, r: e.r + r, f: e.f + k });
    }
    const round2 = (n: number) => Math.round(n * 100) / 100;
    expect(body.segments).toEqual([
      ...[
        'New Customers',
        'Potential Loyalist',
        'Champions',
        'Promising',
        'Loyal Customers',
        'About to Sleep',
        'Need Attention',
        'Hibernating',
        'At Risk',
        'Cannot Lose Them',
      ].map((name) => {
        const e = expected.get(name)!;
        return {
          segment: name,
          size: e.size,
          share: Math.round((e.size / 27) * 1e6) / 1e6,
          revenue: { amount: e.revenue, currency: 'AZN' },
          average: { r: round2(e.r / e.size), f: round2(e.f / e.size), m: round2(e.f / e.size) },
        };
      }),
      { segment: 'Lost', size: 2, share: Math.round((2 / 27) * 1e6) / 1e6, revenue: { amount: 0, currency: 'AZN' }, average: { r: null, f: null, m: null } },
    ]);
    // Worked figures: Champions are R5 × FM4-5: 40.00 + 50.00 AZN; Hibernating R1-2 × FM1-2.
    expect(body.segments.find((s: { segment: string }) => s.segment === 'Champions')).toMatchObject({ size: 2, revenue: { amount: 9000 }, average: { r: 5, f: 4.5, m: 4.5 } });
    expect(body.segments.find((s: { segment: string }) => s.segment === 'Hibernating')).toMatchObject({ size: 4, revenue: { amount: 6000 }, average: { r: 1.5, f: 1.5 } });
  });
});

describe('segment rules on the RFM segment (rfm_segment)', () => {
  async function segmentOf(rule: unknown) {
    return ok(await post(t, p.adminKey, '/v1/segments', { name: `rfm ${nextReceipt()}`, kind: 'dynamic', rule }));
  }
  async function membersOf(id: string, query = '') {
    return ok(await t.call({ method: 'GET', url: `/v1/segments/${id}/members?limit=100${query}`, key: p.readKey }), 200).data.map((m: { id: string }) => m.id);
  }
  const cell = (r: number, k: number) => cells.find((c) => c.r === r && c.k === k)!.id;

  it('selects the members whose segment as of the rule\'s instant is named: the grid\'s names and Lost', async () => {
    const seg = await segmentOf({ rfm_segment: { in: ['Champions', 'Lost'] } });
    expect(await membersOf(seg.id)).toEqual([cell(5, 4), cell(5, 5), named.lostBuyer, named.lostNever].sort());
    const stats = ok(await t.call({ method: 'GET', url: `/v1/segments/${seg.id}/stats`, key: p.readKey }), 200);
    expect(stats).toMatchObject({ size: 4, purchases: 4 + 5 + 1, revenue: 4000 + 5000 + 1000 });
    // Combined with other conditions, and negated: not in any grid segment = Lost or unscored.
    const hib = await segmentOf({ all: [{ rfm_segment: { in: ['Hibernating'] } }, { purchase_count: { min: 2 } }] });
    // R1-FM1 bought twice in all: once in the window (F = 1), once 40 months ago.
    expect(await membersOf(hib.id)).toEqual([cell(2, 2), cell(1, 2), cell(1, 1)].sort());
    const names = [...new Set(Object.values(GRID).flatMap((row) => Object.values(row)))];
    const none = await segmentOf({ not: { rfm_segment: { in: names } } });
    expect(await membersOf(none.id)).toEqual([named.lostBuyer, named.lostNever, named.recent, named.returnedOnly].sort());
  });

  it('scores as of the instant read: a year earlier, the members of 2027 had not bought and the Lost were not lost', async () => {
    const seg = await segmentOf({ rfm_segment: { in: ['Lost'] } });
    const asOf = new Date('2025-06-15T08:00:00Z');
    // lostBuyer's purchase (2023-08-01) and lostNever's enrollment (2023-01-01) are under 36 months before then.
    expect(await membersOf(seg.id, `&as_of=${encodeURIComponent(asOf.toISOString())}`)).toEqual([]);
  });

  it('refuses a name the program\'s grid does not have with 422 invalid_rule pointing at it', async () => {
    const res = await post(t, p.adminKey, '/v1/segments', { name: 'x', kind: 'dynamic', rule: { any: [{ tier: { in: ['Gold'] } }, { rfm_segment: { in: ['Champions', 'Big Spenders'] } }] } });
    const problem = expectProblem(res, 422, 'invalid_rule');
    expect(problem.errors!.map((e) => e.pointer)).toEqual(['/rule/any/1/rfm_segment/in/1']);
  });
});

describe('GET /v1/members/{id}/rfm', () => {
  it("answers one member's figures, scores, cell and segment, for read keys", async () => {
    const champion = cells.find((c) => c.r === 5 && c.k === 5)!;
    expect(await memberRfm(champion.id)).toEqual({
      member_id: champion.id,
      as_of: NOW.toISOString(),
      currency: 'AZN',
      lookback_months: 36,
      last_purchase_at: daysAgo(1).toISOString(),
      recency_days: 1,
      frequency: 5,
      monetary: 5000,
      r: 5,
      f: 5,
      m: 5,
      fm: 5,
      cell: 'R5-FM5',
      segment: 'Champions',
    });
    // Two USD purchases, each at the rate in force when it occurred: 4.00 × 2.5 + 5.00 × 2.0 = 20.00 AZN.
    expect(await memberRfm(named.fx, '', p.posKey)).toMatchObject({ frequency: 2, monetary: 2000, segment: 'Potential Loyalist' });
    // 20.00 AZN and 10.00 EUR without a rate: F counts both, M the AZN only.
    expect(await memberRfm(named.unconverted)).toMatchObject({ frequency: 2, monetary: 2000 });
  });

  it('answers null scores for members without a purchase: Lost since enrollment, or no segment', async () => {
    expect(await memberRfm(named.lostNever)).toMatchObject({ last_purchase_at: null, recency_days: null, frequency: 0, monetary: null, r: null, cell: null, segment: 'Lost' });
    for (const id of [named.recent, named.returnedOnly]) {
      expect(await memberRfm(id)).toMatchObject({ last_purchase_at: null, frequency: 0, monetary: null, r: null, f: null, m: null, fm: null, cell: null, segment: null });
    }
  });

  it('is 404 for an unknown member', async () => {
    expectProblem(await t.call({ method: 'GET', url: '/v1/members/mem_01h455vb4pex5vsknk084sn02q/rfm', key: p.readKey }), 404, 'member_not_found');
  });
});

describe('the rfm job', { timeout: 120_000 }, () => {
  const run = async (asOf = NOW) => runJobAt(t, p.adminKey, 'rfm', asOf);
  afterEach(() => t.clock.set(NOW));
  /** The events that announce a change (not a first segment). */
  const changes = (events: { data: Record<string, unknown> }[]) => events.filter((e) => e.data.from !== null);
  /**
   * The program's member.segment_changed events as the feed shapes them, read from the outbox itself: the feed shows
   * an event only once every older transaction of the server has ended, and on a shared server another process's
   * long transaction can hold that back for minutes (the feed is tested in events.test.ts). Oldest first per member.
   */
  async function segmentEvents(count: number) {
    const { rows } = await sql<EventRow>`SELECT '' AS shard, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq
      FROM events WHERE program_id = ${p.programId} AND type = 'member.segment_changed' ORDER BY member_id, db_xid, seq`.execute(t.db);
    const events = rows.map((row) => toEventJson(p.programId, row));
    for (const event of events) expect(EventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
    expect(events).toHaveLength(count);
    return events as { member_id: string; occurred_at: string; data: Record<string, unknown> }[];
  }

  it('publishes every member with a segment on its first run, from null', async () => {
    expect(await run()).toMatchObject({ job: 'rfm', members: 27, events: 27 });
    const events = await segmentEvents(27);
    const byMember = new Map(events.map((e) => [e.member_id, e]));
    for (const { r, k, id } of cells) expect(byMember.get(id)!.data).toMatchObject({ from: null, to: GRID[r]![k], scores: { r, f: k, m: k, fm: k } });
    const champion = cells.find((c) => c.r === 5 && c.k === 5)!;
    expect(byMember.get(champion.id)).toMatchObject({
      occurred_at: NOW.toISOString(),
      data: { from: null, to: 'Champions', as_of: NOW.toISOString(), scores: { r: 5, f: 5, m: 5, fm: 5 }, recency_days: 1, frequency: 5, monetary: 5000, currency: 'AZN' },
    });
    expect(byMember.get(named.lostNever)!.data).toEqual({ from: null, to: 'Lost', as_of: NOW.toISOString(), scores: null, recency_days: null, frequency: 0, monetary: null, currency: 'AZN' });
    expect(byMember.has(named.recent)).toBe(false);
  });

  it('publishes nothing when nothing changed, even with two runs at once', async () => {
    expect(await run()).toMatchObject({ members: 0, events: 0 });
    const both = await Promise.all([run(), run()]);
    expect(both.map((r) => r.events)).toEqual([0, 0]);
    expect(await segmentEvents(27)).toHaveLength(27);
  });

  it('publishes only the members whose segment changed, once across two runs at once', async () => {
    const newcomer = cells.find((c) => c.r === 5 && c.k === 1)!;
    const grid = { ...structuredClone(GRID_SETTING), 5: { ...GRID_SETTING[5], 1: 'Newcomers' } };
    ok(await t.call({ method: 'PATCH', url: '/v1/program', key: p.adminKey, payload: { settings: { rfm: { grid } } } }), 200);
    const later = new Date(NOW.getTime() + 60_000);
    t.clock.set(later);
    const both = await Promise.all([run(later), run(later)]);
    expect(both.map((r) => r.events).sort()).toEqual([0, 1]);
    const events = await segmentEvents(28);
    expect(changes(events)).toEqual([
      expect.objectContaining({ member_id: newcomer.id, data: expect.objectContaining({ from: 'New Customers', to: 'Newcomers', scores: { r: 5, f: 1, m: 1, fm: 1 } }) }),
    ]);
  });

  it('changes nothing when run as of an instant before the segments it stored', async () => {
    // As of 6 days ago three R5 members were Lost, but the stored segments were found later.
    expect(await run(daysAgo(6))).toMatchObject({ members: 0, events: 0 });
    ok(await t.call({ method: 'PATCH', url: '/v1/program', key: p.adminKey, payload: { settings: { rfm: { grid: GRID_SETTING } } } }), 200);
    expect(await run(new Date(NOW.getTime() + 60_000))).toMatchObject({ members: 1, events: 1 });
    expect(changes(await segmentEvents(29)).map((e) => [e.data.from, e.data.to])).toEqual([
      ['New Customers', 'Newcomers'],
      ['Newcomers', 'New Customers'],
    ]);
  });
});

describe('as of an instant, and over another window', () => {
  const A = daysAgo(6);
  let pastReport: unknown;

  it('counts only what was recorded by as_of: returns recorded later are not subtracted, later purchases not counted', async () => {
    const body = await report(`?as_of=${A.toISOString()}&limit=200`);
    pastReport = body;
    expect(body.as_of).toBe(A.toISOString());
    const byId = new Map(body.members.data.map((m: { member_id: string }) => [m.member_id, m]));
    // Four purchases, the returns 5 days ago not yet made: 15.00 + 10.00 + 10.00 + 8.00.
    expect(byId.get(named.returns)).toMatchObject({ recency_days: 34, frequency: 4, monetary: 4300 });
    // The R5 members' purchases 1, 3 and 5 days ago had not happened: k = 1-3 had none in the window, and having
    // enrolled in 2023 they are Lost (36 months without a purchase since enrollment); k = 4 and 5 keep 1 and 2.
    const r5 = cells.filter((c) => c.r === 5);
    for (const c of r5.filter((c) => c.k <= 3)) expect(byId.get(c.id)).toMatchObject({ frequency: 0, r: null, segment: 'Lost' });
    expect(byId.get(r5.find((c) => c.k === 4)!.id)).toMatchObject({ recency_days: 1, frequency: 1, monetary: 1000 });
    expect(byId.get(r5.find((c) => c.k === 5)!.id)).toMatchObject({ recency_days: 1, frequency: 2, monetary: 2000 });
    expect(body).toMatchObject({ members_scored: 22, members_with_segment: 27 });
    expect(body.segments.find((g: { segment: string }) => g.segment === 'Lost').size).toBe(5);

    const one = await memberRfm(named.returns, `?as_of=${A.toISOString()}`);
    expect(one).toMatchObject({ as_of: A.toISOString(), frequency: 4, monetary: 4300 });
  });

  it('refuses an as_of later than the clock', async () => {
    expectProblem(await t.call({ method: 'GET', url: `/v1/analytics/rfm?as_of=${new Date(NOW.getTime() + 1000).toISOString()}`, key: p.readKey }), 422, 'as_of_not_yet');
    expectProblem(await t.call({ method: 'GET', url: `/v1/members/${named.returns}/rfm?as_of=${new Date(NOW.getTime() + 1000).toISOString()}`, key: p.readKey }), 422, 'as_of_not_yet');
  });

  it('over 48 months scores the purchases of 2023 and early 2024 too; a Lost member may then have scores', async () => {
    const body = await report('?lookback_months=48&limit=200');
    expect(body).toMatchObject({ lookback_months: 48, members_scored: 26 });
    const byId = new Map(body.members.data.map((m: { member_id: string }) => [m.member_id, m]));
    // 26 members: five below F = 2 (four with one purchase and the Lost buyer), so F = 2 starts at rank 6 and
    // scores 1 + floor(5 × 5 / 26) = 1.
    expect(byId.get(named.lookback)).toMatchObject({ frequency: 2, monetary: 2000, r: 1, f: 1, m: 1, fm: 1, segment: 'Hibernating' });
    expect(byId.get(named.lostBuyer)).toMatchObject({ frequency: 1, monetary: 1000, r: 1, f: 1, m: 1, cell: 'R1-FM1', segment: 'Lost' });
    expect(byId.get(cells.find((c) => c.r === 5 && c.k === 2)!.id)).toMatchObject({ frequency: 2, f: 1 });
  });

  it('pages with a cursor that keeps the first page as_of, and filters by segment', async () => {
    const first = await report(`?as_of=${A.toISOString()}&limit=2&segment=Lost`);
    expect(first.members.data.map((m: { segment: string }) => m.segment)).toEqual(['Lost', 'Lost']);
    // The summary is always whole.
    expect(first.members_with_segment).toBe(27);
    const second = await report(`?segment=Lost&limit=2&cursor=${first.members.next_cursor}`);
    const third = await report(`?segment=Lost&limit=2&cursor=${second.members.next_cursor}`);
    expect(third).toMatchObject({ as_of: A.toISOString(), members: { next_cursor: null, has_more: false } });
    const lost = [...first.members.data, ...second.members.data, ...third.members.data];
    expect(lost.map((m) => m.segment)).toEqual(['Lost', 'Lost', 'Lost', 'Lost', 'Lost']);
    expect(new Set(lost.map((m) => m.member_id)).size).toBe(5);
    const bad = await t.call({ method: 'GET', url: `/v1/analytics/rfm?as_of=${NOW.toISOString()}&cursor=${first.members.next_cursor}`, key: p.readKey });
    expect(expectProblem(bad, 400, 'validation_failed').errors).toEqual([expect.objectContaining({ pointer: '/as_of', location: 'query' })]);
  });

  it('answers the past the same after a purchase recorded later, even one that occurred before as_of', async () => {
    const res = await post(t, p.posKey, '/v1/purchases', {
      member_id: named.returnedOnly,
      receipt_id: nextReceipt(),
      amount: { amount: 9900, currency: 'AZN' },
      occurred_at: daysAgo(20).toISOString(),
    });
    ok(res);
    expect(await report(`?as_of=${A.toISOString()}&limit=200`)).toEqual(pastReport);
    expect(await memberRfm(named.returnedOnly)).toMatchObject({ recency_days: 20, frequency: 1, monetary: 9900 });
  });
});

describe('a program of its own: its grid, average money, rounding FM, ties, and nothing from the other', () => {
  /** C<r><fm>: a name per cell, so the cell a member lands in is visible in its segment. */
  const CELL_GRID = Object.fromEntries([5, 4, 3, 2, 1].map((r) => [r, Object.fromEntries([1, 2, 3, 4, 5].map((fm) => [fm, `C${r}${fm}`]))]));
  let q: ProgramFixture;

  /** A purchase that occurred days ago (recorded now). */
  const buyAgo = async (key: string, memberId: string, amount: number, days: number) =>
    ok(await post(t, key, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount, currency: 'AZN' }, occurred_at: daysAgo(days).toISOString() }));

  it('scores five members with monetary average into the cells its own grid names, FM rounded half up', async () => {
    t.clock.set(NOW);
    q = await createProgramFixture(t, { rfm: { monetary: 'average', grid: CELL_GRID } });
    // recency 1..5 days (R 5..1), F = 1..5 purchases, average money 20, 30, 40, 50, 10 AZN (M 2, 3, 4, 5, 1).
    const plan = [
      { days: 1, f: 1, each: 2000, cell: 'C52' }, // FM = (1 + 2) / 2 = 1.5 → 2
      { days: 2, f: 2, each: 3000, cell: 'C43' }, // 2.5 → 3
      { days: 3, f: 3, each: 4000, cell: 'C34' }, // 3.5 → 4
      { days: 4, f: 4, each: 5000, cell: 'C25' }, // 4.5 → 5
      { days: 5, f: 5, each: 1000, cell: 'C13' }, // (5 + 1) / 2 = 3
    ];
    const ids: string[] = [];
    for (const step of plan) {
      const m = await enroll(t, q.posKey);
      ids.push(m.id);
      for (let j = 0; j < step.f; j++) await buyAgo(q.posKey, m.id, step.each, step.days + 10 * j);
    }
    const body = await report('?limit=200', q.readKey);
    expect(body).toMatchObject({ monetary: 'average', members_scored: 5, members_with_segment: 5, lost_after_months: 36 });
    expect(body.members.data.map((m: { member_id: string; r: number; f: number; m: number; fm: number; monetary: number; segment: string }) => [m.member_id, m.r, m.f, m.m, m.fm, m.monetary, m.segment])).toEqual(
      [
        [ids[0], 5, 1, 2, 2, 2000, 'C52'],
        [ids[1], 4, 2, 3, 3, 3000, 'C43'],
        [ids[2], 3, 3, 4, 4, 4000, 'C34'],
        [ids[3], 2, 4, 5, 5, 5000, 'C25'],
        [ids[4], 1, 5, 1, 3, 1000, 'C13'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // Every name of the grid is listed, the 20 empty ones with size 0, then Lost; revenue is the total spent.
    expect(body.segments).toHaveLength(26);
    expect(body.segments.find((g: { segment: string }) => g.segment === 'C13')).toEqual({
      segment: 'C13',
      size: 1,
      share: 0.2,
      revenue: { amount: 5000, currency: 'AZN' },
      average: { r: 1, f: 5, m: 1 },
    });
    expect(body.segments.find((g: { segment: string }) => g.segment === 'C11')).toMatchObject({ size: 0, share: 0, average: { r: null } });
  });

  it('keeps the programs apart: neither report nor member read sees the other program', async () => {
    const other = await report('?limit=200', q.readKey);
    const main = await report('?limit=200');
    expect(other.members.data).toHaveLength(5);
    expect(other.members.data.every((m: { member_id: string }) => !main.members.data.some((n: { member_id: string }) => n.member_id === m.member_id))).toBe(true);
    // The 27 of the main program and the member who bought in the last test there.
    expect(main.members_with_segment).toBe(28);
    expectProblem(await t.call({ method: 'GET', url: `/v1/members/${cells[0]!.id}/rfm`, key: q.readKey }), 404, 'member_not_found');
    expectProblem(await t.call({ method: 'GET', url: `/v1/members/${other.members.data[0].member_id}/rfm`, key: p.readKey }), 404, 'member_not_found');
  });

  it('scores a tie where its rank starts: six members with F = 1, three with 2, one with 5 score 1, 4 and 5', async () => {
    const z = await createProgramFixture(t);
    const byF = new Map<number, string[]>();
    for (const f of [1, 1, 1, 1, 1, 1, 2, 2, 2, 5]) {
      const m = await enroll(t, z.posKey);
      byF.set(f, [...(byF.get(f) ?? []), m.id]);
      // All on the same day: R ties for everyone, so everyone has R = 1 (rank 1).
      for (let j = 0; j < f; j++) await buyAgo(z.posKey, m.id, 1000, 3);
    }
    const body = await report('?limit=200', z.readKey);
    const scores = (id: string) => body.members.data.find((m: { member_id: string }) => m.member_id === id);
    // F = 2 starts at rank 7 of 10: 1 + floor(5 × 6 / 10) = 4; F = 5 at rank 10: 1 + floor(45 / 10) = 5.
    for (const id of byF.get(1)!) expect(scores(id)).toMatchObject({ r: 1, f: 1, m: 1, fm: 1, segment: 'Hibernating' });
    for (const id of byF.get(2)!) expect(scores(id)).toMatchObject({ r: 1, f: 4, m: 4, fm: 4, segment: 'At Risk' });
    expect(scores(byF.get(5)![0]!)).toMatchObject({ r: 1, f: 5, m: 5, fm: 5, segment: 'Cannot Lose Them' });
  });

  it('refuses a grid that leaves a cell out or blank with 422 invalid_settings pointing at the cell, and keeps the settings', async () => {
    const before = ok(await t.call({ method: 'GET', url: '/v1/program', key: q.readKey }), 200).settings;
    const grid = structuredClone(CELL_GRID) as Record<string, Record<string, string> | undefined>;
    grid['5']!['3'] = '  ';
    delete grid['2']!['4'];
    delete grid['1'];
    const res = await t.call({ method: 'PATCH', url: '/v1/program', key: q.adminKey, payload: { settings: { rfm: { grid } } } });
    expect(expectProblem(res, 422, 'invalid_settings').errors).toEqual([
      { pointer: '/settings/rfm/grid/5/3', location: 'body', message: 'must be a non-empty segment name' },
      { pointer: '/settings/rfm/grid/2/4', location: 'body', message: 'is missing: every R × FM cell needs a segment name' },
      { pointer: '/settings/rfm/grid/1', location: 'body', message: 'is missing: R score 1 needs a segment name for each FM score 1-5' },
    ]);
    expect(ok(await t.call({ method: 'GET', url: '/v1/program', key: q.readKey }), 200).settings).toEqual(before);
    // A score outside 1-5 is not a cell: 400, at the key.
    const six = await t.call({ method: 'PATCH', url: '/v1/program', key: q.adminKey, payload: { settings: { rfm: { grid: { ...CELL_GRID, 6: CELL_GRID[5] } } } } });
    expect(expectProblem(six, 400, 'validation_failed').errors![0]!.pointer).toBe('/settings/rfm/grid/6');
  });

  it('shows the defaults, and fills the fields a change leaves out', async () => {
    const z = await createProgramFixture(t);
    expect(ok(await t.call({ method: 'GET', url: '/v1/program', key: z.readKey }), 200).settings.rfm).toEqual({
      lookback_months: 36,
      monetary: 'total',
      grid: GRID_SETTING,
      lost_after_months: null,
    });
    const patched = ok(await t.call({ method: 'PATCH', url: '/v1/program', key: z.adminKey, payload: { settings: { rfm: { lookback_months: 12, lost_after_months: 24 } } } }), 200);
    expect(patched.settings.rfm).toEqual({ lookback_months: 12, monetary: 'total', grid: GRID_SETTING, lost_after_months: 24 });
    expect(await report('', z.readKey)).toMatchObject({ lookback_months: 12, lost_after_months: 24 });
    // Without rfm.lost_after_months, the win-back rule's.
    ok(await t.call({ method: 'PATCH', url: '/v1/program', key: z.adminKey, payload: { settings: { rfm: {}, win_back: { first_days: 30, months: [6], lost_after_months: 18 } } } }), 200);
    expect(await report('', z.readKey)).toMatchObject({ lookback_months: 36, lost_after_months: 18 });
  });
});
