import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, nextReceipt, post, recordLedgerCalls, type SentLedgerCall } from '../helpers/ledger.ts';
import { fixedClock } from '../../src/clock.ts';

const DAY = 86_400_000;
// A Monday morning in Baku (UTC+4): ISO week 2026-W10, month 2026-03.
const START = new Date('2026-03-02T08:00:00Z');

let t: TestApp & { clock: ReturnType<typeof fixedClock> };
let p: ProgramFixture;
const programs: ProgramFixture[] = [];

async function program(settings: Record<string, unknown> = {}) {
  const fixture = await createProgramFixture(t, settings);
  programs.push(fixture);
  return fixture;
}

beforeAll(async () => {
  t = (await createTestApp({ now: START })) as typeof t;
  p = await program();
});
afterEach(async () => {
  for (const fixture of programs) await expectTrialBalanceOk(t, fixture.adminKey);
  t.clock.set(START);
});
afterAll(() => t.close());

const buy = (f: ProgramFixture, memberId: string, amount: number, currency = 'AZN', extra: Record<string, unknown> = {}) =>
  post(t, f.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount, currency }, ...extra });

/** Cents of USD that earn exactly `points` at the default 12 points per USD. */
const usdCentsFor = (points: number) => Math.ceil((points * 100) / 12);

async function fund(f: ProgramFixture, memberId: string, points: number) {
  const res = await post(t, f.adminKey, '/v1/adjustments', { member_id: memberId, points, reason: 'test funding' });
  expect(res.statusCode, res.body).toBe(201);
}

const withdraw = (f: ProgramFixture, memberId: string, points: number, currency = 'AZN', key: string = randomUUID()) =>
  post(t, f.posKey, '/v1/conversions', { member_id: memberId, direction: 'points_to_money', points, currency }, key);

describe('earning rates (defaults)', () => {
  it('1 USD earns 12 points and 100.50 AZN earns 804', async () => {
    const m = await enroll(t, p.posKey);
    expect((await buy(p, m.id, 100, 'USD')).json().purchase.points).toBe(12);
    expect((await buy(p, m.id, 10050, 'AZN')).json().purchase).toMatchObject({ points: 804, base_points: 804, rate: 8 });
    expect((await buy(p, m.id, 100, 'EUR')).json().purchase.points).toBe(14);
    expect((await buy(p, m.id, 100, 'GBP')).json().purchase.points).toBe(15);
  });
});

describe('rate sets', () => {
  it('holds EUR and AZN for 3 months: a set leaving them out earlier is 422 rate_locked, one at the end is accepted', async () => {
    const f = await program();
    const first = await post(t, f.adminKey, '/v1/rates', { rates: { USD: 12, EUR: 14, AZN: 8, GBP: 15 }, effective_from: START.toISOString() });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().locked_until).toBe('2026-06-02T08:00:00.000Z');
    const early = await post(t, f.adminKey, '/v1/rates', { rates: { USD: 13 }, effective_from: '2026-06-02T07:59:59.999Z' });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'rate_locked', locked_until: '2026-06-02T08:00:00.000Z' });
    const onTime = await post(t, f.adminKey, '/v1/rates', { rates: { USD: 13, EUR: 14, AZN: 8, GBP: 15 }, effective_from: '2026-06-02T08:00:00Z' });
    expect(onTime.statusCode, onTime.body).toBe(201);

    const list = await t.call({ method: 'GET', url: '/v1/rates', key: f.readKey });
    expect(list.json().data.map((s: { effective_to: string | null }) => s.effective_to)).toEqual(['2026-06-02T08:00:00.000Z', null]);
    const at = await t.call({ method: 'GET', url: '/v1/rates?at=2026-07-01T00:00:00Z', key: f.readKey });
    expect(at.json().data).toEqual([expect.objectContaining({ id: onTime.json().id, rates: expect.objectContaining({ USD: 13 }) })]);
  });

  it('converts a purchase at the set in force at its occurred_at', async () => {
    const f = await program();
    await post(t, f.adminKey, '/v1/rates', { rates: { USD: 20, AZN: 8 }, effective_from: new Date(START.getTime() + DAY).toISOString() });
    t.clock.advance(2 * DAY);
    const m = await enroll(t, f.posKey);
    const before = await buy(f, m.id, 100, 'USD', { occurred_at: START.toISOString() });
    expect(before.json().purchase).toMatchObject({ points: 12, rate: 12, rate_set_id: null });
    const after = await buy(f, m.id, 100, 'USD');
    expect(after.json().purchase).toMatchObject({ points: 20, rate: 20 });
  });

  it('pays the +2 rise bonus as its own ledger line while a set with a rise of 5 % or more is in force', async () => {
    const f = await program();
    await post(t, f.adminKey, '/v1/rates', { rates: { USD: 12.6, EUR: 14.6, AZN: 8, GBP: 15 }, effective_from: START.toISOString() });
    const m = await enroll(t, f.posKey);
    const usd = await buy(f, m.id, 1000, 'USD'); // +5 %: bonus
    expect(usd.json().purchase.points).toBe(126);
    expect(usd.json().bonus).toMatchObject({ type: 'bonus', points: 2, ref_id: usd.json().purchase.id });
    expect(usd.json().balance.available).toBe(128);
    const eur = await buy(f, m.id, 1000, 'EUR'); // +4.3 %: none
    expect(eur.json().bonus).toBeUndefined();
    const azn = await buy(f, m.id, 1000, 'AZN'); // unchanged: none
    expect(azn.json().bonus).toBeUndefined();
  });
});

describe('conversions', () => {
  it('quote and conversion agree to the point, with the default 25 bps fee', async () => {
    const m = await enroll(t, p.posKey);
    await fund(p, m.id, 10_000);
    const body = { member_id: m.id, direction: 'points_to_money', points: 1400, currency: 'EUR' };
    const quote = await t.call({ method: 'POST', url: '/v1/conversions/quote', key: p.posKey, payload: body });
    expect(quote.statusCode, quote.body).toBe(200);
    // 1400 points at 14 per EUR = 100.00 EUR; 0.25 % fee = 0.25 EUR.
    expect(quote.json()).toMatchObject({ points: 1400, gross: 10000, fee: 25, amount: 9975, currency: 'EUR', fee_bps: 25 });
    const done = await post(t, p.posKey, '/v1/conversions', body);
    expect(done.statusCode, done.body).toBe(201);
    const { id: _id, member_id: _m, created_at: _c, withdrawal_allowance: _w, ...priced } = { ...done.json().conversion, withdrawal_allowance: null };
    const { withdrawal_allowance: _qa, ...quoted } = quote.json();
    expect(priced).toEqual(quoted);
    expect(done.json().balance.available).toBe(8600);
  });

  it('money to points: 100 EUR is 1400 points less the fee', async () => {
    const m = await enroll(t, p.posKey);
    const res = await post(t, p.posKey, '/v1/conversions', { member_id: m.id, direction: 'money_to_points', amount: { amount: 10000, currency: 'EUR' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().conversion).toMatchObject({ gross: 1400, fee: 3, points: 1397 });
    expect(res.json().balance.available).toBe(1397);
  });

  it('caps one EUR conversion at 5,000 points', async () => {
    const m = await enroll(t, p.posKey);
    await fund(p, m.id, 20_000);
    const over = await withdraw(p, m.id, 5001, 'EUR');
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'limit_exceeded', limit: 'conversion_per_transaction', cap: 5000 });
    expect((await withdraw(p, m.id, 5000, 'EUR')).statusCode).toBe(201);
  });

  it('limits withdrawals to 5,000 AZN a day, at the exact edge', async () => {
    const f = await program({ conversion: { fee_bps: 0, caps: {} } });
    const m = await enroll(t, f.posKey);
    await fund(f, m.id, 100_000);
    expect((await withdraw(f, m.id, 39_992)).json().conversion.amount).toBe(499_900); // 4,999.00 AZN
    expect((await withdraw(f, m.id, 8)).statusCode).toBe(201); // exactly 5,000.00
    const over = await withdraw(f, m.id, 1);
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'limit_exceeded', limit: 'withdrawal_per_day', cap: 500_000, remaining: 0, currency: 'AZN' });
    // The next local day (Baku midnight) opens a new allowance.
    t.clock.set(new Date('2026-03-02T20:00:00Z'));
    expect((await withdraw(f, m.id, 8)).statusCode).toBe(201);
  });

  it('limits withdrawals to 20,000 AZN a month, counting other currencies at their AZN equivalent', async () => {
    const f = await program({ conversion: { fee_bps: 0, caps: {} } });
    const m = await enroll(t, f.posKey);
    await fund(f, m.id, 200_000);
    for (let day = 0; day < 4; day++) {
      t.clock.set(new Date(START.getTime() + day * DAY));
      const res = await withdraw(f, m.id, 40_000); // 5,000 AZN each day
      expect(res.statusCode, res.body).toBe(201);
    }
    t.clock.set(new Date(START.getTime() + 4 * DAY));
    const usd = await withdraw(f, m.id, 12, 'USD'); // 1 USD = 12 points = 1.50 AZN at the program's rates
    expect(usd.statusCode).toBe(422);
    expect(usd.json()).toMatchObject({ code: 'limit_exceeded', limit: 'withdrawal_per_month', cap: 2_000_000, remaining: 0, requested: 150 });
    const quote = await t.call({ method: 'POST', url: '/v1/conversions/quote', key: f.posKey, payload: { member_id: m.id, direction: 'points_to_money', points: 8, currency: 'AZN' } });
    expect(quote.json().withdrawal_allowance).toMatchObject({ per_day: { remaining: 500_000 }, per_month: { remaining: 0, used: 2_000_000 } });
  });

  it('parallel withdrawals by one member cannot pass the daily limit together', async () => {
    const m = await enroll(t, p.posKey);
    await fund(p, m.id, 200_000);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`);
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        fetch(`${base}/v1/conversions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${p.posKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ member_id: m.id, direction: 'points_to_money', points: 8000, currency: 'AZN' }),
        }).then(async (r) => ({ status: r.status, body: await r.json() })),
      ),
    );
    // Each nets 997.50 AZN after the fee: five fit under 5,000 AZN, a sixth would not.
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.body).toMatchObject({ code: 'limit_exceeded', limit: 'withdrawal_per_day' });
  });
});

describe('tiers', () => {
  it.each([
    [999, 'bronze'],
    [1000, 'silver'],
    [2999, 'silver'],
    [3000, 'gold'],
    [5999, 'gold'],
    [6000, 'platinum'],
  ])('%i qualifying points is %s', async (points, tier) => {
    const m = await enroll(t, p.posKey);
    const res = await buy(p, m.id, usdCentsFor(points), 'USD');
    expect(res.json().purchase.points).toBe(points);
    expect(res.json().balance.tier).toMatchObject({ name: tier, qualifying_points: points });
  });

  it('a member earning 275 a day reaches Gold on day 11, upgraded in the request that crosses', async () => {
    const m = await enroll(t, p.posKey);
    const tiers: string[] = [];
    for (let day = 1; day <= 11; day++) {
      const res = await buy(p, m.id, 3438); // 34.38 AZN = 275 points
      expect(res.json().purchase.points).toBe(275);
      tiers.push(res.json().balance.tier.name);
      if (day === 4) expect(res.json().tier_change).toEqual({ from: 'bronze', to: 'silver', qualifying_points: 1100 });
      if (day === 11) expect(res.json().tier_change).toEqual({ from: 'silver', to: 'gold', qualifying_points: 3025 });
      t.clock.advance(DAY);
    }
    expect(tiers.indexOf('gold')).toBe(10);
    const card = await t.call({ method: 'GET', url: `/v1/members/${m.id}`, key: p.readKey });
    expect(card.json().tier).toEqual({ name: 'gold', qualifying_points: 3025, next_tier: 'platinum', points_to_next: 2975 });
  });

  it('redemptions never lower the tier; returns reduce qualifying points', async () => {
    const m = await enroll(t, p.posKey);
    const res = await buy(p, m.id, usdCentsFor(1000), 'USD');
    expect((await post(t, p.posKey, '/v1/redemptions', { member_id: m.id, points: 900 })).statusCode).toBe(201);
    expect((await balanceOf(t, p.readKey, m.id)).tier).toMatchObject({ name: 'silver', qualifying_points: 1000 });
    await post(t, p.posKey, `/v1/purchases/${res.json().purchase.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: usdCentsFor(1000), currency: 'USD' } });
    expect((await balanceOf(t, p.readKey, m.id)).tier).toMatchObject({ name: 'silver', qualifying_points: 0 });
  });

  it('downgrades only at the review, one tier at a time, and keeps the history', async () => {
    const f = await program();
    const m = await enroll(t, f.posKey);
    await buy(f, m.id, usdCentsFor(3000), 'USD');
    t.clock.set(new Date(START.getTime() + 366 * DAY));
    expect((await balanceOf(t, f.readKey, m.id)).tier).toMatchObject({ name: 'gold', qualifying_points: 0 });
    const review = await post(t, f.adminKey, '/v1/jobs/tier-review/run', {});
    expect(review.json()).toMatchObject({ tiers_lowered: 1 });
    expect((await balanceOf(t, f.readKey, m.id)).tier.name).toBe('silver');
    const history = await t.pool.query('SELECT from_tier, to_tier, direction FROM tier_changes WHERE member_id = $1 ORDER BY recorded_at, id', [m.id]);
    expect(history.rows).toEqual([
      { from_tier: 'bronze', to_tier: 'gold', direction: 'up' },
      { from_tier: 'gold', to_tier: 'silver', direction: 'down' },
    ]);
  });

  it('applies the tier multiplier to purchases', async () => {
    const f = await program({
      tiers: [
        { name: 'bronze', threshold: 0, multiplier: 1, benefit: null },
        { name: 'silver', threshold: 1000, multiplier: 1.5, benefit: null },
      ],
    });
    const m = await enroll(t, f.posKey);
    await buy(f, m.id, usdCentsFor(1000), 'USD');
    const next = await buy(f, m.id, 100, 'USD');
    expect(next.json().purchase).toMatchObject({ base_points: 12, points: 18 });
  });

  it('refuses tier thresholds that do not strictly increase', async () => {
    const res = await t.call({
      method: 'PATCH',
      url: '/v1/program',
      key: p.adminKey,
      payload: { settings: { tiers: [{ name: 'a', threshold: 0, multiplier: 1, benefit: null }, { name: 'b', threshold: 0, multiplier: 1, benefit: null }] } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].pointer).toBe('/settings/tiers/1/threshold');
    const fee = await t.call({ method: 'PATCH', url: '/v1/program', key: p.adminKey, payload: { settings: { conversion: { fee_bps: 50, caps: {} } } } });
    expect(fee.statusCode).toBe(400);
  });
});

describe('tier benefits', () => {
  it('pays Silver 200 once per week even when the job runs twice, or twice at once', async () => {
    const f = await program();
    const m = await enroll(t, f.posKey);
    await buy(f, m.id, usdCentsFor(1000), 'USD');
    const runs = await Promise.all([post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {}), post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {})]);
    expect(runs.map((r) => r.json().benefits_points).sort()).toEqual([0, 200]);
    expect((await post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {})).json().benefits_points).toBe(0);
    t.clock.advance(7 * DAY);
    expect((await post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {})).json().benefits_points).toBe(200);
    expect((await balanceOf(t, f.readKey, m.id)).available).toBe(1400);
  });

  it("pays Bronze yesterday's gift on the next day's run, once", async () => {
    const f = await program();
    const m = await enroll(t, f.posKey);
    t.clock.set(new Date('2026-03-02T19:30:00Z')); // 23:30 in Baku, after the day's last run
    await buy(f, m.id, 100, 'USD');
    t.clock.set(new Date('2026-03-02T20:30:00Z')); // 00:30 the next day
    expect((await post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {})).json().benefits_points).toBe(50);
    expect((await post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {})).json().benefits_points).toBe(0);
    t.clock.set(new Date('2026-03-03T20:30:00Z')); // the day after: no activity on 3 March
    expect((await post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {})).json().benefits_points).toBe(0);
  });

  it('pays Bronze 50 only on a day the member was active, and Gold 500 once a month', async () => {
    const f = await program();
    const active = await enroll(t, f.posKey);
    const idle = await enroll(t, f.posKey);
    const gold = await enroll(t, f.posKey);
    await buy(f, active.id, 100, 'USD');
    await buy(f, gold.id, usdCentsFor(3000), 'USD');
    const run = await post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {});
    expect(run.json()).toMatchObject({ members: 2, benefits_points: 550 });
    expect((await balanceOf(t, f.readKey, idle.id)).available).toBe(0);
    t.clock.advance(7 * DAY);
    const later = await post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {});
    expect(later.json().benefits_points).toBe(0); // same month for Gold; nobody active today
  });
});

describe('the tier-benefits job', () => {
  it('calls the ledger only for members it may pay, not for every member of the program', async () => {
    const f = await program();
    const [active, silver] = [await enroll(t, f.posKey), await enroll(t, f.posKey)];
    for (let i = 0; i < 5; i++) await enroll(t, f.posKey); // Bronze, never active: nothing to pay
    await buy(f, active.id, 100, 'USD');
    await buy(f, silver.id, usdCentsFor(1000), 'USD');
    const sent: SentLedgerCall[] = [];
    recordLedgerCalls(t, sent);
    const called = () => sent.filter((c) => c.text.startsWith('SELECT ledger_tier_benefit')).map((c) => c.values[0]).sort();

    expect((await post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {})).json()).toMatchObject({ members: 2, benefits_points: 250 });
    expect(called()).toEqual([active.id, silver.id].sort());

    // Paid for the day and the week: the next run asks the ledger nothing.
    sent.length = 0;
    expect((await post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {})).json()).toMatchObject({ members: 0, benefits_points: 0 });
    expect(called()).toEqual([]);

    // A new day: the Bronze member active again is called; the Silver one, paid for the week, is not.
    t.clock.advance(DAY);
    await buy(f, active.id, 100, 'USD');
    sent.length = 0;
    expect((await post(t, f.adminKey, '/v1/jobs/tier-benefits/run', {})).json()).toMatchObject({ benefits_points: 50 });
    expect(called()).toEqual([active.id]);
  });
});

describe('limits and velocity', () => {
  it('caps earning per transaction and per day, naming the limit and what remains', async () => {
    const f = await program({ earn_limits: { per_transaction: 500, per_day: 1000, per_month: null } });
    const m = await enroll(t, f.posKey);
    const big = await buy(f, m.id, usdCentsFor(600), 'USD');
    expect(big.statusCode).toBe(422);
    expect(big.json()).toMatchObject({ code: 'limit_exceeded', limit: 'earn_per_transaction', cap: 500 });
    expect((await buy(f, m.id, usdCentsFor(480), 'USD')).statusCode).toBe(201);
    expect((await buy(f, m.id, usdCentsFor(480), 'USD')).statusCode).toBe(201);
    const third = await buy(f, m.id, usdCentsFor(100), 'USD');
    expect(third.json()).toMatchObject({ code: 'limit_exceeded', limit: 'earn_per_day', remaining: 40 });
  });

  it('caps redeeming per month', async () => {
    const f = await program({ redeem_limits: { per_transaction: null, per_day: null, per_month: 150 } });
    const m = await enroll(t, f.posKey);
    await fund(f, m.id, 1000);
    expect((await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 100 })).statusCode).toBe(201);
    const over = await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 60 });
    expect(over.json()).toMatchObject({ code: 'limit_exceeded', limit: 'redeem_per_month', remaining: 50 });
  });

  it('blocks a member over 100 transactions in 10 minutes, in the same request; reads still work; an admin unblocks', async () => {
    const f = await program();
    const m = await enroll(t, f.posKey);
    await buy(f, m.id, 10000, 'AZN');
    for (let i = 0; i < 99; i++) {
      const res = await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 1 });
      expect(res.statusCode, res.body).toBe(201);
    }
    const blocked = await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 1 });
    expect(blocked.statusCode).toBe(423);
    expect(blocked.json()).toMatchObject({ code: 'member_blocked', rule: 'velocity' });
    expect((await buy(f, m.id, 100)).statusCode).toBe(423);
    const card = await t.call({ method: 'GET', url: `/v1/members/${m.id}`, key: f.readKey });
    expect(card.json()).toMatchObject({ status: 'blocked', status_reason: expect.stringContaining('101 transactions') });
    expect((await balanceOf(t, f.readKey, m.id)).available).toBe(701);

    t.clock.advance(11 * 60_000);
    await t.call({ method: 'PATCH', url: `/v1/members/${m.id}`, key: f.adminKey, payload: { status: 'active', status_reason: 'checked by support' } });
    expect((await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 1 })).statusCode).toBe(201);
    const history = await t.pool.query('SELECT status, rule, actor FROM member_status_changes WHERE member_id = $1 ORDER BY occurred_at', [m.id]);
    expect(history.rows).toEqual([
      { status: 'blocked', rule: 'velocity', actor: 'ledger' },
      { status: 'active', rule: null, actor: 'api' },
    ]);
  });

  it('the velocity sweep blocks members over the threshold without a write', async () => {
    const f = await program({ velocity: { window_minutes: 10, max_transactions: 100, max_points: 1_000_000 } });
    const m = await enroll(t, f.posKey);
    for (let i = 0; i < 3; i++) await buy(f, m.id, 100);
    await t.call({ method: 'PATCH', url: '/v1/program', key: f.adminKey, payload: { settings: { velocity: { window_minutes: 10, max_transactions: 2, max_points: 1_000_000 } } } });
    const sweep = await post(t, f.adminKey, '/v1/jobs/velocity-sweep/run', {});
    expect(sweep.json()).toMatchObject({ members_blocked: 1 });
    const card = await t.call({ method: 'GET', url: `/v1/members/${m.id}`, key: f.readKey });
    expect(card.json().status).toBe('blocked');
  });
});
