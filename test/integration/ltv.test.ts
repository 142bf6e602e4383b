import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';

// POST /v1/analytics/ltv over HTTP: the seeds' examples, refusals with pointers, and inputs derived from a small
// population whose figures are known by hand (program time zone Asia/Baku, inactivity threshold 60 days).

let t: FixedClockTestApp;
let p: ProgramFixture;
let other: ProgramFixture;
let noRate: ProgramFixture;
let members: { id: string }[];

const FROM = '2026-01-01T00:00:00.000Z';
const TO = '2026-04-01T00:00:00.000Z';
const AS_OF = '2026-05-01T00:00:00.000Z';

const ltv = (key: string, payload: Record<string, unknown>) => t.call({ method: 'POST', url: '/v1/analytics/ltv', key, payload });
const ok = async (key: string, payload: Record<string, unknown>) => {
  const res = await ltv(key, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

async function buy(fx: ProgramFixture, memberId: string, at: string, amount: number, currency = 'AZN') {
  t.clock.set(new Date(at));
  const res = await post(t, fx.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount, currency } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().purchase.id as string;
}
async function giveBack(fx: ProgramFixture, purchaseId: string, at: string, amount: number) {
  t.clock.set(new Date(at));
  const res = await post(t, fx.posKey, `/v1/purchases/${purchaseId}/returns`, { receipt_id: nextReceipt(), amount: { amount, currency: 'AZN' } });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = (await createTestApp({ now: new Date('2025-09-01T00:00:00Z') })) as FixedClockTestApp;
  p = await createProgramFixture(t, { earn_rates: { AZN: 8, USD: 10 } });
  other = await createProgramFixture(t, { earn_rates: { AZN: 8, USD: 10 } });
  noRate = await createProgramFixture(t, { earn_rates: { AZN: 8, USD: 10 } });
  for (const [fx, from] of [[p, '2025-12-01T00:00:00Z'], [p, '2026-03-01T00:00:00Z']] as const) {
    const res = await post(t, fx.adminKey, '/v1/fx-rates', { currency: 'USD', rate: from.startsWith('2025') ? '1.7' : '1.8', effective_from: from });
    expect(res.statusCode, res.body).toBe(201);
  }
  const [a, b, c, d, e] = (members = await Promise.all(Array.from({ length: 5 }, () => enroll(t, p.posKey))));
  const [o] = await Promise.all([enroll(t, other.posKey)]);
  const [n] = await Promise.all([enroll(t, noRate.posKey)]);
  // Before the window: e too long before (not active at its start); a, b, c within 60 days of it.
  await buy(p, e!.id, '2025-10-01T10:00:00Z', 99900);
  await buy(p, c!.id, '2025-12-01T10:00:00Z', 5000);
  await buy(p, a!.id, '2025-12-15T10:00:00Z', 10000);
  await buy(p, b!.id, '2025-12-20T10:00:00Z', 4000);
  // January: c buys once more (then never again: churned), a buys 50.00 and returns 10.00 of it.
  await buy(p, c!.id, '2026-01-05T10:00:00Z', 2000);
  const a1 = await buy(p, a!.id, '2026-01-10T10:00:00Z', 5000);
  await giveBack(p, a1, '2026-01-12T10:00:00Z', 1000);
  // February: d joins with 10.00 USD (1.7 → 17.00 AZN) and a 60.00 AZN purchase returned in full the next day.
  await buy(p, d!.id, '2026-02-10T10:00:00Z', 1000, 'USD');
  const d2 = await buy(p, d!.id, '2026-02-15T10:00:00Z', 6000);
  await buy(other, o!.id, '2026-02-15T11:00:00Z', 10000);
  await giveBack(p, d2, '2026-02-16T10:00:00Z', 6000);
  // March: a again (active at the end); b never comes back.
  await buy(p, a!.id, '2026-03-20T10:00:00Z', 3000);
  await buy(noRate, n!.id, '2026-03-20T11:00:00Z', 1000, 'USD');
  t.clock.set(new Date(AS_OF));
});
afterAll(() => t?.close());

describe('POST /v1/analytics/ltv from given inputs', () => {
  it("reproduces the seeds' worked examples exactly, with a read key", async () => {
    const cases: [Record<string, unknown>, number][] = [
      [{ formula: 'arpu_lifetime', inputs: { arpu: 30, lifetime_months: 24 } }, 72000],
      [{ formula: 'arpu_lifetime', inputs: { arpu: 1000, lifetime_months: 36 } }, 3600000],
      [{ formula: 'aov_frequency_lifespan', inputs: { aov: 80, purchases_per_year: 4, lifespan_years: 3 } }, 96000],
      [{ formula: 'margin_churn', inputs: { arpu: 15, margin: 0.6, churn: 0.04 } }, 22500],
    ];
    for (const [body, amount] of cases) {
      const r = await ok(p.readKey, { ...body, currency: 'USD' });
      expect(r.ltv.amount, JSON.stringify(body)).toBe(amount);
      expect(r.ltv.currency).toBe('USD');
      expect(r.cac_ratio).toBeNull();
    }
    const r = await ok(p.readKey, { formula: 'discounted', currency: 'USD', inputs: { revenues: [200, 240, 300], margin: 0.5, discount_rate: '0.1', cac: 100 } });
    expect(r).toMatchObject({
      formula: 'discounted',
      currency: 'USD',
      as_of: AS_OF,
      ltv: { amount: 20278, currency: 'USD', exact: '202.779864763335837716' },
      gross: { amount: 30278 },
      cac_ratio: { ratio: '3.0278', band: 'healthy' },
      inputs: { revenues: ['200', '240', '300'], margin: '0.5', discount_rate: '0.1', cac: '100' },
    });
    expect(r.terms.map((x: { value: { amount: number } }) => x.value.amount)).toEqual([9091, 9917, 11270]);
  });

  it("defaults to the program's home currency", async () => {
    const r = await ok(p.readKey, { formula: 'arpu_lifetime', inputs: { arpu: '12.345', lifetime_months: 1 } });
    expect(r.ltv).toEqual({ amount: 1234, currency: 'AZN', exact: '12.345' });
  });

  it.each([
    [{ formula: 'margin_churn', inputs: { arpu: 15, margin: 0.6, churn: 0 } }, ['/inputs/churn']],
    [{ formula: 'margin_churn', inputs: { arpu: 15, margin: 1.2, churn: 0.04 } }, ['/inputs/margin']],
    [{ formula: 'aov_frequency_lifespan', inputs: { aov: -80, purchases_per_year: 4, lifespan_years: 3 } }, ['/inputs/aov']],
    [{ formula: 'discounted', inputs: { revenues: [], margin: 0.5, discount_rate: 0.1 } }, ['/inputs/revenues']],
    [{ formula: 'segment', inputs: { margin: 0.5, segments: [{ name: 'x', periods: [{ revenue: 10, retention: 2 }] }] } }, ['/inputs/segments/0/periods/0/retention']],
  ])('refuses %j with 422 invalid_ltv_input and pointers', async (body, expected) => {
    const problem = expectProblem(await ltv(p.readKey, body), 422, 'invalid_ltv_input');
    expect(problem.errors!.map((e) => e.pointer)).toEqual(expected);
  });

  it('refuses an unknown formula, a missing input and a malformed decimal with 400 and a pointer', async () => {
    const unknown = expectProblem(await ltv(p.readKey, { formula: 'magic', inputs: {} }), 400, 'validation_failed');
    expect(unknown.errors!.map((e) => e.pointer)).toEqual(['/formula']);
    const missing = expectProblem(await ltv(p.readKey, { formula: 'margin_churn', inputs: { arpu: 15 } }), 400, 'validation_failed');
    expect(missing.errors!.map((e) => e.pointer)).toEqual(['/inputs/margin', '/inputs/churn']);
    const malformed = expectProblem(await ltv(p.readKey, { formula: 'arpu_lifetime', inputs: { arpu: '1,5', lifetime_months: 2 } }), 400, 'validation_failed');
    expect(malformed.errors!.map((e) => e.pointer)).toContain('/inputs/arpu');
    const noInputs = expectProblem(await ltv(p.readKey, { formula: 'arpu_lifetime' }), 400, 'validation_failed');
    expect(noInputs.errors!.map((e) => e.pointer)).toEqual(['/inputs']);
  });

  it('needs a key', async () => {
    expectProblem(await t.call({ method: 'POST', url: '/v1/analytics/ltv', payload: { formula: 'arpu_lifetime', inputs: { arpu: 1, lifetime_months: 1 } } }), 401, 'unauthenticated');
  });
});

describe('POST /v1/analytics/ltv from the ledger', () => {
  const window = { from_ledger: true, from: FROM, to: TO };
  // Window [1 Jan, 1 Apr): three months. Net revenue 40.00 (a, after its return) + 30.00 (a) + 20.00 (c) + 17.00 (d's
  // USD at 1.7) + 0 (d's purchase returned in full) = 107.00 AZN; active a, c, d; four purchases not fully returned.
  // Active at 1 Jan (a purchase since 2 Nov): a, b, c; of those b and c bought nothing after 31 Jan: churn 2/3 over
  // three months = 2/9 a month, lifetime 4.5 months.
  const LEDGER = {
    from: FROM,
    to: TO,
    as_of: AS_OF,
    months: '3',
    inactivity_days: 60,
    segment_id: null,
    members: { active: 3, active_at_start: 3, churned: 2 },
    purchases: 4,
    net_revenue: { amount: 10700, currency: 'AZN', exact: '107' },
  };

  it('arpu_lifetime: 107 ÷ 3 ÷ 3 a month × 4.5 months = 53.50 AZN', async () => {
    const r = await ok(p.readKey, { formula: 'arpu_lifetime', ...window });
    expect(r).toMatchObject({ currency: 'AZN', as_of: AS_OF, ledger: LEDGER, sources: { arpu: 'ledger', lifetime_months: 'ledger' } });
    expect(r.inputs).toEqual({ arpu: '11.88888888888888888889', lifetime_months: '4.5' });
    expect(r.ltv).toEqual({ amount: 5350, currency: 'AZN', exact: '53.5' });
  });

  it('aov_frequency_lifespan: 26.75 × 16/3 a year × 0.375 years = 53.50 AZN', async () => {
    const r = await ok(p.readKey, { formula: 'aov_frequency_lifespan', ...window });
    expect(r.inputs).toEqual({ aov: '26.75', purchases_per_year: '5.33333333333333333333', lifespan_years: '0.375' });
    expect(r.ltv).toEqual({ amount: 5350, currency: 'AZN', exact: '53.5' });
  });

  it('margin_churn: the margin is given (no ledger source); 107/9 × 0.6 ÷ 2/9 = 32.10 AZN; a given input overrides the ledger', async () => {
    const missing = expectProblem(await ltv(p.readKey, { formula: 'margin_churn', ...window }), 400, 'validation_failed');
    expect(missing.errors!.map((e) => e.pointer)).toEqual(['/inputs/margin']);
    const r = await ok(p.readKey, { formula: 'margin_churn', ...window, inputs: { margin: 0.6 } });
    expect(r.inputs).toEqual({ margin: '0.6', arpu: '11.88888888888888888889', churn: '0.22222222222222222222' });
    expect(r.sources).toEqual({ margin: 'given', arpu: 'ledger', churn: 'ledger' });
    expect(r.ltv).toEqual({ amount: 3210, currency: 'AZN', exact: '32.1' });
    const overridden = await ok(p.readKey, { formula: 'margin_churn', ...window, inputs: { margin: 0.6, churn: 0.1, cac: 10 } });
    expect(overridden.ltv.exact).toBe('71.33333333333333333333');
    expect(overridden.cac_ratio).toEqual({ ratio: '7.1333', band: 'conservative' });
  });

  it('discounted: one period per local month, each its revenue per active member', async () => {
    const r = await ok(p.readKey, { formula: 'discounted', ...window, inputs: { margin: 0.5, discount_rate: 0.1 } });
    // January 60.00 ÷ 3, February 17.00 ÷ 3, March 30.00 ÷ 3.
    expect(r.inputs.revenues).toEqual(['20', '5.66666666666666666667', '10']);
    expect(r.ltv).toEqual({ amount: 1519, currency: 'AZN', exact: '15.18908089156023040321' });
  });

  it("segment_id: every figure over the segment's members as of as_of (a static list of a, b and c; a dynamic rule)", async () => {
    const [a, b, c] = members;
    const seg = await post(t, p.adminKey, '/v1/segments', { name: 'a b c', kind: 'static' });
    expect(seg.statusCode, seg.body).toBe(201);
    const id = seg.json().id as string;
    const added = await post(t, p.adminKey, `/v1/segments/${id}/members`, { member_ids: [a!.id, b!.id, c!.id] });
    expect(added.statusCode, added.body).toBe(200);
    // d left out: revenue 40.00 + 30.00 (a) + 20.00 (c) = 90.00 over a and c, three purchases; a, b, c active at 1 Jan,
    // b and c churned: 2/9 a month. ARPU 90 ÷ 2 ÷ 3 = 15 × 4.5 months = 67.50 AZN.
    const r = await ok(p.readKey, { formula: 'arpu_lifetime', ...window, segment_id: id });
    expect(r.ledger).toEqual({
      ...LEDGER,
      segment_id: id,
      members: { active: 2, active_at_start: 3, churned: 2 },
      purchases: 3,
      net_revenue: { amount: 9000, currency: 'AZN', exact: '90' },
    });
    expect(r.inputs).toEqual({ arpu: '15', lifetime_months: '4.5' });
    expect(r.ltv).toEqual({ amount: 6750, currency: 'AZN', exact: '67.5' });
    // Dynamic: members with at least 2 purchases in all (a: 3, c: 2, b, d and e: 1 not fully returned) → a and c; b is not in
    // it, so only a and c were active at 1 Jan and only c churned: 1/2 over 3 months = 1/6, lifetime 6 → 90.00 AZN.
    const dyn = await post(t, p.adminKey, '/v1/segments', { name: 'repeat', kind: 'dynamic', rule: { purchase_count: { min: 2 } } });
    expect(dyn.statusCode, dyn.body).toBe(201);
    const rd = await ok(p.readKey, { formula: 'arpu_lifetime', ...window, segment_id: dyn.json().id });
    expect(rd.ledger.members).toEqual({ active: 2, active_at_start: 2, churned: 1 });
    expect(rd.inputs).toEqual({ arpu: '15', lifetime_months: '6' });
    expect(rd.ltv).toEqual({ amount: 9000, currency: 'AZN', exact: '90' });
    // An RFM condition (computed over the program as of as_of): nobody is Lost 8 months after enrolling, so "not Lost"
    // is every member and the figures are the program's.
    const rfm = await post(t, p.adminKey, '/v1/segments', { name: 'not lost', kind: 'dynamic', rule: { not: { rfm_segment: { in: ['Lost'] } } } });
    expect(rfm.statusCode, rfm.body).toBe(201);
    const rr = await ok(p.readKey, { formula: 'arpu_lifetime', ...window, segment_id: rfm.json().id });
    expect(rr.ledger).toEqual({ ...LEDGER, segment_id: rfm.json().id });
    const lost = await post(t, p.adminKey, '/v1/segments', { name: 'lost', kind: 'dynamic', rule: { rfm_segment: { in: ['Lost'] } } });
    const none = expectProblem(await ltv(p.readKey, { formula: 'arpu_lifetime', ...window, segment_id: lost.json().id }), 422, 'invalid_ltv_input');
    expect(none.errors!.map((e) => e.pointer)).toEqual(['/inputs/arpu', '/inputs/lifetime_months']);
    // Another program's segment is unknown here; segment_id needs from_ledger.
    const theirs = (await post(t, other.adminKey, '/v1/segments', { name: 'theirs', kind: 'static' })).json();
    expectProblem(await ltv(p.readKey, { formula: 'arpu_lifetime', ...window, segment_id: theirs.id }), 404, 'segment_not_found');
    const alone = expectProblem(await ltv(p.readKey, { formula: 'arpu_lifetime', segment_id: id, inputs: { arpu: 1, lifetime_months: 1 } }), 400, 'validation_failed');
    expect(alone.errors!.map((e) => e.pointer)).toEqual(['/segment_id']);
  });

  it('as of an earlier instant: the return recorded after it is not counted', async () => {
    const r = await ok(p.readKey, { formula: 'arpu_lifetime', from_ledger: true, from: FROM, to: '2026-02-15T12:00:00.000Z', as_of: '2026-02-15T12:00:00.000Z', inputs: { lifetime_months: 1 } });
    // a 40.00 + c 20.00 + d 17.00 + d 60.00 (returned only on 16 February).
    expect(r.ledger).toMatchObject({ purchases: 4, net_revenue: { amount: 13700 }, members: { active: 3 } });
  });

  it('segment with segment_id: per local month the revenue per retained customer and the retention, × margin', async () => {
    const [a, b, c] = members;
    const seg = await post(t, p.adminKey, '/v1/segments', { name: 'trio', kind: 'static' });
    expect((await post(t, p.adminKey, `/v1/segments/${seg.json().id}/members`, { member_ids: [a!.id, b!.id, c!.id] })).statusCode).toBe(200);
    const r = await ok(p.readKey, { formula: 'segment', ...window, segment_id: seg.json().id, inputs: { margin: 0.5 } });
    // a and c bought in the window (b did not): January 40.00 + 20.00 by both, nothing in February, March 30.00 by a.
    // 30 × 1 × 0.5 + 0 + 30 × 0.5 × 0.5 = 22.50.
    expect(r.sources).toEqual({ margin: 'given', segments: 'ledger' });
    expect(r.segments).toEqual([
      {
        name: 'trio',
        margin: '0.5',
        ltv: { amount: 2250, currency: 'AZN', exact: '22.5' },
        terms: [
          { period: 1, revenue: '30', retention: '1', value: { amount: 1500, currency: 'AZN', exact: '15' } },
          { period: 2, revenue: '0', retention: '0', value: { amount: 0, currency: 'AZN', exact: '0' } },
          { period: 3, revenue: '30', retention: '0.5', value: { amount: 750, currency: 'AZN', exact: '7.5' } },
        ],
      },
    ]);
  });

  it("segment without segment_id: each member's RFM segment as of as_of, the segments adding up to the window's revenue", async () => {
    const r = await ok(p.readKey, { formula: 'segment', ...window, inputs: { margin: 1 } });
    // The members who bought in the window (a, c, d) by their RFM segment as of as_of.
    const base = new Map<string, number>();
    for (const m of [members[0]!, members[2]!, members[3]!]) {
      const rfm = await t.call({ method: 'GET', url: `/v1/members/${m.id}/rfm?as_of=${AS_OF}`, key: p.readKey });
      expect(rfm.statusCode, rfm.body).toBe(200);
      base.set(rfm.json().segment, (base.get(rfm.json().segment) ?? 0) + 1);
    }
    const segments = r.segments as { name: string; terms: { revenue: string; retention: string }[] }[];
    expect(segments.map((s) => s.name)).toEqual([...base.keys()].sort());
    // revenue × retention is the month's revenue per member of the segment: × the segment's members, summed, is 107.00.
    const total = segments.reduce((sum, s) => sum + base.get(s.name)! * s.terms.reduce((x, term) => x + Number(term.revenue) * Number(term.retention), 0), 0);
    expect(total).toBeCloseTo(107, 9);
  });

  it("keeps programs apart and refuses what the data cannot give", async () => {
    const r = await ok(other.readKey, { formula: 'arpu_lifetime', ...window, inputs: { lifetime_months: 2 } });
    expect(r.ledger).toMatchObject({ members: { active: 1, active_at_start: 0, churned: 0 }, purchases: 1, net_revenue: { amount: 10000 } });
    expect(r.ltv.amount).toBe(6667); // 100 ÷ 1 ÷ 3 × 2
    const noChurn = expectProblem(await ltv(other.readKey, { formula: 'arpu_lifetime', ...window }), 422, 'invalid_ltv_input');
    expect(noChurn.errors!.map((e) => e.pointer)).toEqual(['/inputs/lifetime_months']);
    const fx = expectProblem(await ltv(noRate.readKey, { formula: 'arpu_lifetime', ...window, inputs: { lifetime_months: 2 } }), 422, 'fx_rate_missing');
    expect(fx).toMatchObject({ currencies: ['USD'] });
    expect(expectProblem(await ltv(p.readKey, { formula: 'arpu_lifetime', from_ledger: true, from: TO, to: FROM }), 422, 'invalid_period').errors![0]!.pointer).toBe('/from');
    expect(expectProblem(await ltv(p.readKey, { formula: 'arpu_lifetime', ...window, currency: 'USD' }), 400, 'validation_failed').errors![0]!.pointer).toBe('/currency');
    expectProblem(await ltv(p.readKey, { formula: 'arpu_lifetime', from_ledger: true, as_of: '2027-01-01T00:00:00Z' }), 422, 'as_of_not_yet');
    // The segment formula's margin has no ledger source; a window without purchases gives no segments.
    const segment = expectProblem(await ltv(p.readKey, { formula: 'segment', from_ledger: true }), 400, 'validation_failed');
    expect(segment.errors!.map((e) => e.pointer)).toEqual(['/inputs/margin']);
    const empty = expectProblem(
      await ltv(p.readKey, { formula: 'segment', from_ledger: true, from: '2025-06-01T00:00:00Z', to: '2025-07-01T00:00:00Z', inputs: { margin: 0.5 } }),
      422,
      'invalid_ltv_input',
    );
    expect(empty.errors!.map((e) => e.pointer)).toEqual(['/inputs/segments']);
    // A window without from_ledger is a mistake, not something to ignore.
    const stray = expectProblem(await ltv(p.readKey, { formula: 'arpu_lifetime', from: FROM, inputs: { arpu: 1, lifetime_months: 1 } }), 400, 'validation_failed');
    expect(stray.errors!.map((e) => e.pointer)).toEqual(['/from']);
  });
});
