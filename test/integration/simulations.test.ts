import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, purchase, type FixedClockTestApp } from '../helpers/ledger.ts';
import { SimulationTimeout, simulate as runSimulation } from '../../src/analytics/simulations.ts';

const LIMITS = { maxDays: 366, maxPurchases: 20_000, timeoutMs: 30_000 };

// What-if replay (analytics.md, issue 15 item 7): the period's purchases replayed through the real ledger functions
// in a read-only scratch transaction that always rolls back. Both databases (TEST_DATABASE_URL).
const START = new Date('2026-03-01T10:00:00Z');
const FROM = '2026-03-01T00:00:00Z';
let t: FixedClockTestApp;
let p: ProgramFixture;
let other: ProgramFixture;

// Every table a ledger write can touch, plus the outbox: a simulation must leave each exactly as it was.
const CHECKED = ['members', 'member_balances', 'ledger_transactions', 'ledger_entries', 'lots', 'lot_allocations', 'purchases', 'purchase_lines', 'tier_changes', 'idempotency_keys', 'events', 'member_status_changes', 'lot_renewals', 'holds', 'wallet_balances', 'wallet_lots', 'wallet_lot_allocations', 'wallet_holds'];

async function snapshot() {
  const out: Record<string, string> = {};
  for (const table of CHECKED) {
    const { rows } = await t.pool.query<{ n: string; h: string | null }>(`SELECT count(*)::text AS n, md5(string_agg(x::text, ',' ORDER BY x::text)) AS h FROM ${table} x`);
    out[table] = `${rows[0]!.n}:${rows[0]!.h}`;
  }
  return out;
}

const simulate = (body: Record<string, unknown>, key = p.readKey) => t.call({ method: 'POST', url: '/v1/analytics/simulations', key, payload: body });
const period = { from: FROM, to: '2026-03-10T00:00:00Z' };
let members: { id: string }[] = [];

beforeAll(async () => {
  t = (await createTestApp({ now: START, env: { DB_POOL_SIZE: '8' } })) as FixedClockTestApp;
  p = await createProgramFixture(t, { earn_rates: { USD: 10, AZN: 8 }, home_currency: 'USD', pending_days: 0 });
  other = await createProgramFixture(t, { earn_rates: { USD: 10, AZN: 8 }, home_currency: 'USD' });
  members = [await enroll(t, p.posKey, { branch: 'north' }), await enroll(t, p.posKey, { branch: 'south' }), await enroll(t, p.posKey)];
  // Day by day AZN purchases (8 points per AZN): member 0 climbs to platinum on the way, the others stay bronze.
  for (let day = 0; day < 6; day++) {
    t.clock.set(new Date(START.getTime() + day * 86_400_000));
    await purchase(t, p.posKey, members[0]!.id, 30_000);
    await purchase(t, p.posKey, members[1]!.id, 1_000);
    if (day % 2 === 0) await purchase(t, p.posKey, members[2]!.id, 2_000);
  }
  const o = await enroll(t, other.posKey);
  await purchase(t, other.posKey, o.id, 99_900);
  t.clock.set(new Date('2026-03-20T10:00:00Z'));
});
afterAll(() => t.close());

describe('POST /v1/analytics/simulations', () => {
  it('should double issued points exactly when the earn rate doubles, and change no real row', async () => {
    const before = await snapshot();
    const { rows } = await t.pool.query<{ points: string }>(`SELECT sum(points)::text AS points FROM purchases WHERE program_id = $1`, [p.programId]);
    const res = await simulate({ settings: { earn_rates: { USD: 10, AZN: 16 } }, ...period });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.purchases.in_period).toBe(15);
    expect(body.points_issued.baseline).toBe(Number(rows[0]!.points));
    expect(body.points_issued.simulated).toBe(2 * body.points_issued.baseline);
    expect(body.points_issued.difference).toBe(body.points_issued.baseline);
    expect(body.liability_at_end.difference.points).toBe(body.points_issued.baseline);
    expect(body.breakdown.branch.north.difference).toBe(6 * 2400);
    // Per RFM segment as of `to`: each member's points under the segment GET /v1/members/{id}/rfm gives them then.
    const segments = new Set<string>();
    for (const m of members) {
      const rfm = await t.call({ method: 'GET', url: `/v1/members/${m.id}/rfm?as_of=${period.to}`, key: p.readKey });
      expect(rfm.statusCode, rfm.body).toBe(200);
      segments.add(rfm.json().segment);
    }
    expect(Object.keys(body.breakdown.segment).sort()).toEqual([...segments].sort());
    const bySegment = Object.values(body.breakdown.segment as Record<string, { baseline: number; difference: number }>);
    expect(bySegment.reduce((sum, s) => sum + s.difference, 0)).toBe(body.points_issued.difference);
    expect(bySegment.reduce((sum, s) => sum + s.baseline, 0)).toBe(body.points_issued.baseline);
    expect(await snapshot()).toEqual(before);
  });

  it('should move tier counts when a threshold changes', async () => {
    const tiers = [
      { name: 'bronze', threshold: 0, multiplier: 1, benefit: null },
      { name: 'silver', threshold: 400, multiplier: 1, benefit: null },
      { name: 'gold', threshold: 3000, multiplier: 1, benefit: null },
    ];
    const res = await simulate({ settings: { tiers }, ...period });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // Member 0 earns 14,400 (platinum under the defaults, gold without platinum); members 1 and 2 earn 480 each.
    expect(body.tier_counts.silver).toEqual({ baseline: 0, simulated: 2, difference: 2 });
    expect(body.tier_counts.platinum.baseline).toBe(1);
    expect(body.tier_counts.gold.simulated).toBe(1);
  });

  it('should replay a switch to cashback: the purchases credit scratch wallets, not points, and no real row changes', async () => {
    const before = await snapshot();
    const tiers = [
      { name: 'bronze', threshold: 0, multiplier: 1, benefit: null, cashback_percent: 1.5 },
      { name: 'silver', threshold: 400, multiplier: 1, benefit: null, cashback_percent: 2 },
    ];
    const res = await simulate({ settings: { reward: 'cashback', tiers }, ...period });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.purchases.in_period).toBe(15);
    // A cashback purchase earns no points of its own: the money goes to the wallet instead.
    expect(body.points_issued.simulated).toBe(0);
    expect(body.points_issued.difference).toBe(-body.points_issued.baseline);
    expect(await snapshot()).toEqual(before);
  });

  it('should refuse settings a PATCH would refuse, with the same pointers, and future or long periods', async () => {
    const bad = await simulate({ settings: { tiers: [{ name: 'bronze', threshold: 5, multiplier: 1, benefit: null }] }, ...period });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('invalid_settings');
    expect(bad.json().errors[0].pointer).toBe('/settings/tiers/0/threshold');
    const future = await simulate({ settings: {}, from: FROM, to: '2027-01-01T00:00:00Z' });
    expect(future.statusCode).toBe(422);
    expect(future.json().code).toBe('invalid_period');
    const long = await simulate({ settings: {}, from: '2024-01-01T00:00:00Z', to: '2026-03-10T00:00:00Z' });
    expect(long.statusCode).toBe(422);
    expect(long.json().code).toBe('simulation_too_large');
  });

  it("should not see another program's purchases", async () => {
    const res = await simulate({ settings: {}, ...period }, other.readKey);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().purchases.in_period).toBe(1);
  });

  it('should let real purchases, by a member in the period and by another, complete while a simulation is open', async () => {
    const outsider = await enroll(t, p.posKey);
    const stored = (await t.pool.query(`SELECT settings FROM programs WHERE id = $1`, [p.programId])).rows[0].settings;
    let during: number[] = [];
    const result = await runSimulation(
      { pool: t.pool, clock: t.clock, limits: LIMITS, hooks: {
        // The scratch transaction has read everything and holds what it holds: real writes must still go through
        // (the app's own statement timeout would turn a wait into a 503).
        afterCopy: async () => {
          const writes = await Promise.all([members[0]!.id, outsider.id].map((id) => post(t, p.posKey, '/v1/purchases', { member_id: id, receipt_id: nextReceipt(), amount: { amount: 100, currency: 'AZN' } })));
          during = writes.map((w) => w.statusCode);
        },
      } },
      p.programId, stored, [], { settings: { earn_rates: { USD: 10, AZN: 24 } }, ...period },
    );
    expect(during).toEqual([201, 201]);
    expect(result.points_issued.simulated).toBe(3 * result.points_issued.baseline);
    // Parallel HTTP simulations and purchases, then one more simulation alone: no real row changes.
    const sims = Array.from({ length: 3 }, () => simulate({ settings: { earn_rates: { USD: 10, AZN: 24 } }, ...period }));
    const buys = await Promise.all(members.map((m) => post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 100, currency: 'AZN' } })));
    for (const r of buys) expect(r.statusCode, r.body).toBe(201);
    for (const r of await Promise.all(sims)) expect(r.statusCode, r.body).toBe(200);
    const before = await snapshot();
    expect((await simulate({ settings: { earn_rates: { USD: 10, AZN: 24 } }, ...period })).statusCode).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('should roll back a simulation that fails midway, past its statement time limit, and change no real row', async () => {
    const stored = (await t.pool.query(`SELECT settings FROM programs WHERE id = $1`, [p.programId])).rows[0].settings;
    const before = await snapshot();
    const locker = await t.pool.connect();
    try {
      const error = await runSimulation(
        { pool: t.pool, clock: t.clock, limits: { ...LIMITS, timeoutMs: 500 }, hooks: {
          // Inside the scratch transaction, before the copy: the copy writes the scratch members and transactions,
          // then waits on tier_changes until its statement timeout.
          afterBegin: async () => {
            await locker.query('BEGIN');
            await locker.query('LOCK TABLE tier_changes IN ACCESS EXCLUSIVE MODE');
          },
        } },
        p.programId, stored, [], { settings: { earn_rates: { USD: 10, AZN: 16 } }, ...period },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SimulationTimeout);
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('a simulation past SIMULATION_TIMEOUT_MS', () => {
  it('should answer 422 simulation_timeout and change no real row', async () => {
    const slow = (await createTestApp({ now: new Date('2026-03-20T10:00:00Z'), env: { SIMULATION_TIMEOUT_MS: '300' } })) as FixedClockTestApp;
    try {
      const q = await createProgramFixture(slow);
      const m = await enroll(slow, q.posKey);
      slow.clock.set(START);
      await purchase(slow, q.posKey, m.id, 100);
      slow.clock.set(new Date('2026-03-20T10:00:00Z'));
      const count = async () => (await slow.pool.query(`SELECT (SELECT count(*) FROM ledger_transactions) + (SELECT count(*) FROM events) AS n`)).rows[0].n;
      const before = await count();
      const locker = await slow.pool.connect();
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE lots IN ACCESS EXCLUSIVE MODE');
        const res = await slow.call({ method: 'POST', url: '/v1/analytics/simulations', key: q.readKey, payload: { settings: { earn_rates: { AZN: 99 } }, from: FROM, to: '2026-03-10T00:00:00Z' } });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.json().code).toBe('simulation_timeout');
      } finally {
        await locker.query('ROLLBACK');
        locker.release();
      }
      expect(await count()).toBe(before);
    } finally {
      await slow.close();
    }
  });
});
