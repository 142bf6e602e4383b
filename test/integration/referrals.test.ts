import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, type ProgramFixture } from '../helpers/app.ts';
import { expectTrialBalanceOk, nextReceipt, post, purchase, runJobAt, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { EventSchema } from '../../src/events/schemas.ts';
import { toEventJson, type EventRow } from '../../src/events/feed.ts';

// Referrals and the FX table (incentives.md "Wallets": Referrals; analytics.md FX table; issue 14 item 3). The race
// sends truly parallel job runs over a real socket (on a Citus coordinator too: TEST_DATABASE_URL).
const START = new Date('2026-03-01T10:00:00Z');
const DAY = 86_400_000;
let t: FixedClockTestApp;
let p: ProgramFixture; // home AZN, pending_days 0
let base: string;
const programs: ProgramFixture[] = [];

beforeAll(async () => {
  t = (await createTestApp({ now: START, env: { DB_POOL_SIZE: '8' } })) as FixedClockTestApp;
  p = await createProgramFixture(t);
  programs.push(p);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  for (const program of programs) await expectTrialBalanceOk(t, program.adminKey);
  t.clock.set(START);
});
afterAll(() => t.close());

async function program(settings: Record<string, unknown>) {
  const fixture = await createProgramFixture(t, settings);
  programs.push(fixture);
  return fixture;
}

async function fxRate(fx: ProgramFixture, currency: string, rate: string, from: Date) {
  const res = await post(t, fx.adminKey, '/v1/fx-rates', { currency, rate, effective_from: from.toISOString() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function member(fx: ProgramFixture, profile: Record<string, unknown> = {}) {
  const res = await t.call({ method: 'POST', url: '/v1/members', key: fx.posKey, payload: profile });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; referral_code: string; phone: string | null };
}

async function walletAvailable(fx: ProgramFixture, memberId: string, currency = 'AZN') {
  const res = await t.call({ method: 'GET', url: `/v1/members/${memberId}/wallet`, key: fx.readKey });
  expect(res.statusCode, res.body).toBe(200);
  const balances = res.json().balances as { currency: string; available: number }[];
  return balances.find((b) => b.currency === currency)?.available ?? 0;
}

async function referral(memberId: string) {
  const { rows } = await t.pool.query('SELECT status, reward_amount, reward_currency, waiting_reason, due_at FROM referrals WHERE member_id = $1', [memberId]);
  return rows[0] as { status: string; reward_amount: string | null; reward_currency: string | null; waiting_reason: string | null; due_at: Date | null } | undefined;
}

async function events(memberId: string, type: string) {
  const { rows } = await t.pool.query<EventRow & { program_id: string }>(
    `SELECT program_id, id, type, member_id, occurred_at, recorded_at, data, db_xid::text AS xid, seq FROM events
      WHERE member_id = $1 AND type = $2 ORDER BY db_xid, seq`,
    [memberId, type],
  );
  for (const row of rows) {
    const parsed = EventSchema.safeParse(toEventJson(row.program_id, row));
    expect(parsed.error, `${row.type} ${JSON.stringify(row.data)}`).toBeUndefined();
  }
  return rows as (EventRow & { data: Record<string, unknown> })[];
}

const at = (days: number) => new Date(START.getTime() + days * DAY);

describe('referral codes and referred_by', () => {
  it('should give every member a referral code and accept it, in any case, or the member id', async () => {
    const referrer = await member(p);
    expect(referrer.referral_code).toMatch(/^R[0-9A-Z]{10}$/);
    const byCode = await member(p, { referred_by: referrer.referral_code.toLowerCase() });
    const byId = await member(p, { referred_by: referrer.id });
    expect((await referral(byCode.id))?.status).toBe('pending');
    expect((await referral(byId.id))?.status).toBe('pending');
    const got = await t.call({ method: 'GET', url: `/v1/members/${referrer.id}`, key: p.readKey });
    expect(got.json().referral_code).toBe(referrer.referral_code);
  });

  it('should refuse an unknown referrer, a non-active one, the same email and the same phone, writing nothing', async () => {
    const referrer = await member(p, { phone: '+994501110001', email: 'ref@example.com' });
    const cases: [Record<string, unknown>, string][] = [
      [{ referred_by: 'RNOSUCHCODE' }, 'referrer_not_found'],
      [{ referred_by: 'mem_01jdq3v7f8e9t0sw2p1x5m3k4z' }, 'referrer_not_found'],
      [{ referred_by: referrer.id, email: 'REF@example.com' }, 'self_referral'],
      [{ referred_by: referrer.referral_code, phone: '+994501110001' }, 'referral_same_phone'],
    ];
    for (const [payload, code] of cases) {
      const res = await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { external_ref: `x-${code}-${Math.random()}`, ...payload } });
      const problem = expectProblem(res, 422, code);
      expect(problem.errors?.[0]?.pointer).toBe('/referred_by');
      const { rows } = await t.pool.query('SELECT 1 FROM members WHERE external_ref = $1', [(payload as { external_ref?: string }).external_ref ?? 'none']);
      expect(rows).toHaveLength(0);
    }
    const blocked = await member(p);
    const patched = await t.call({ method: 'PATCH', url: `/v1/members/${blocked.id}`, key: p.adminKey, payload: { status: 'blocked' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expectProblem(await t.call({ method: 'POST', url: '/v1/members', key: p.posKey, payload: { referred_by: blocked.id } }), 422, 'referrer_not_active');
  });
});

describe('the referrals job', () => {
  it('should pay 5 USD as AZN store credit at the rate in force when the first purchase matures (pending_days 0), once', async () => {
    const fx = await program({});
    await fxRate(fx, 'USD', '1.7', at(-10));
    await fxRate(fx, 'USD', '1.75', at(5)); // not yet in force when the purchase matures
    const referrer = await member(fx);
    const referee = await member(fx, { referred_by: referrer.referral_code });
    expect((await runJobAt(t, fx.adminKey, 'referrals', at(1))).referrals_rewarded).toBe(0); // no purchase yet
    await purchase(t, fx.posKey, referee.id, 2000);
    await purchase(t, fx.posKey, referee.id, 3000); // a second purchase pays nothing more
    const run = await runJobAt(t, fx.adminKey, 'referrals', at(1));
    expect(run).toMatchObject({ referrals_rewarded: 1, referrals_cancelled: 0, referrals_waiting: 0, members: 1 });
    expect(await walletAvailable(fx, referrer.id)).toBe(850); // 5.00 USD × 1.7 = 8.50 AZN
    expect(await referral(referee.id)).toMatchObject({ status: 'rewarded', reward_currency: 'AZN' });
    const rewarded = await events(referrer.id, 'referral.rewarded');
    expect(rewarded).toHaveLength(1);
    expect(rewarded[0]!.data).toMatchObject({ rate: '1.7', source: { amount: 500, currency: 'USD' }, referral: { referee_id: referee.id, status: 'rewarded', reward: { amount: 850, currency: 'AZN' } } });
    expect((await runJobAt(t, fx.adminKey, 'referrals', at(30))).referrals_rewarded).toBe(0);
    expect(await walletAvailable(fx, referrer.id)).toBe(850);
    // A later return takes nothing back.
  });

  it('should wait for maturity with pending_days, use the rate in force then, and not claw back after it', async () => {
    const fx = await program({ pending_days: 14 });
    await fxRate(fx, 'USD', '1.7', at(-10));
    await fxRate(fx, 'USD', '1.8', at(10)); // in force when the purchase matures (day 14)
    await fxRate(fx, 'USD', '2', at(20));
    const referrer = await member(fx);
    const referee = await member(fx, { referred_by: referrer.id });
    const { purchase: pur } = await purchase(t, fx.posKey, referee.id, 2000);
    expect((await runJobAt(t, fx.adminKey, 'referrals', at(13))).referrals_rewarded).toBe(0);
    const partial = await post(t, fx.posKey, `/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 1000, currency: 'AZN' } });
    expect(partial.statusCode, partial.body).toBe(201); // a partial return does not cancel
    expect((await runJobAt(t, fx.adminKey, 'referrals', at(25))).referrals_rewarded).toBe(1);
    expect(await walletAvailable(fx, referrer.id)).toBe(900); // 5.00 × 1.8, not the later 2
    t.clock.set(at(26));
    const rest = await post(t, fx.posKey, `/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 1000, currency: 'AZN' } });
    expect(rest.statusCode, rest.body).toBe(201);
    await runJobAt(t, fx.adminKey, 'referrals', at(27));
    expect(await walletAvailable(fx, referrer.id)).toBe(900);
  });

  it('should cancel the referral when the first purchase is returned in full before it matures', async () => {
    const fx = await program({ pending_days: 14 });
    await fxRate(fx, 'USD', '1.7', at(-10));
    const referrer = await member(fx);
    const referee = await member(fx, { referred_by: referrer.id });
    const { purchase: pur } = await purchase(t, fx.posKey, referee.id, 2000);
    t.clock.set(at(3));
    const ret = await post(t, fx.posKey, `/v1/purchases/${pur.id}/returns`, { receipt_id: nextReceipt('RR'), amount: { amount: 2000, currency: 'AZN' } });
    expect(ret.statusCode, ret.body).toBe(201);
    t.clock.set(START);
    expect(await runJobAt(t, fx.adminKey, 'referrals', at(20))).toMatchObject({ referrals_cancelled: 1, referrals_rewarded: 0 });
    expect((await referral(referee.id))?.status).toBe('cancelled');
    expect(await events(referee.id, 'referral.cancelled')).toHaveLength(1);
    expect(await walletAvailable(fx, referrer.id)).toBe(0);
    // A new purchase later never revives it.
    await purchase(t, fx.posKey, referee.id, 2000);
    expect((await runJobAt(t, fx.adminKey, 'referrals', at(40))).referrals_rewarded).toBe(0);
  });

  it('should leave a due referral waiting, visible, while no rate is in force, and pay it once one is', async () => {
    const fx = await program({});
    const referrer = await member(fx);
    const referee = await member(fx, { referred_by: referrer.id });
    await purchase(t, fx.posKey, referee.id, 2000);
    expect(await runJobAt(t, fx.adminKey, 'referrals', at(1))).toMatchObject({ referrals_waiting: 1, referrals_rewarded: 0 });
    expect(await referral(referee.id)).toMatchObject({ status: 'pending', waiting_reason: 'fx_rate_missing' });
    // A rate that starts after the purchase matured is not in force at maturity: still waiting.
    await fxRate(fx, 'USD', '1.6', at(0.5));
    expect((await runJobAt(t, fx.adminKey, 'referrals', at(1))).referrals_waiting).toBe(1);
    await fxRate(fx, 'USD', '1.7', at(-1));
    expect((await runJobAt(t, fx.adminKey, 'referrals', at(1))).referrals_rewarded).toBe(1);
    expect(await walletAvailable(fx, referrer.id)).toBe(850);
    expect((await referral(referee.id))?.waiting_reason).toBeNull();
  });

  it('should pay once when two job runs race over many referrals', async () => {
    const fx = await program({ referral_reward: { amount: { amount: 300, currency: 'AZN' } } });
    const referrer = await member(fx);
    const referees = [];
    for (let i = 0; i < 8; i++) referees.push(await member(fx, { referred_by: referrer.referral_code }));
    for (const r of referees) await purchase(t, fx.posKey, r.id, 1000);
    const run = () =>
      fetch(`${base}/v1/jobs/referrals/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fx.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ allow_future: true, as_of: at(1).toISOString() }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { referrals_rewarded: number } }));
    const results = await Promise.all([run(), run(), run()]);
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(results.reduce((sum, r) => sum + r.body.referrals_rewarded, 0)).toBe(8);
    expect(await walletAvailable(fx, referrer.id)).toBe(8 * 300);
    expect(await events(referrer.id, 'referral.rewarded')).toHaveLength(8);
    const { rows } = await t.pool.query(`SELECT count(*)::int AS n FROM referrals WHERE program_id = $1 AND status = 'rewarded'`, [fx.programId]);
    expect(rows[0].n).toBe(8);
  });

  it('should pay nothing while referral_reward is off', async () => {
    const fx = await program({ referral_reward: null });
    const referrer = await member(fx);
    const referee = await member(fx, { referred_by: referrer.id });
    await purchase(t, fx.posKey, referee.id, 2000);
    expect((await runJobAt(t, fx.adminKey, 'referrals', at(1))).referrals_rewarded).toBe(0);
    expect((await referral(referee.id))?.status).toBe('pending');
  });
});

describe('FX rates', () => {
  it('should keep the history, answer the rate in force, and refuse duplicates, the home currency and no rate', async () => {
    const fx = await program({});
    await fxRate(fx, 'USD', '1.7', at(-10));
    await fxRate(fx, 'USD', '1.75', at(5));
    await fxRate(fx, 'EUR', '1.95', at(-10));
    expectProblem(await post(t, fx.adminKey, '/v1/fx-rates', { currency: 'USD', rate: '1.8', effective_from: at(5).toISOString() }), 409, 'fx_rate_exists');
    expectProblem(await post(t, fx.adminKey, '/v1/fx-rates', { currency: 'AZN', rate: '1', effective_from: at(5).toISOString() }), 400, 'validation_failed');
    expectProblem(await post(t, fx.adminKey, '/v1/fx-rates', { currency: 'USD', rate: '0.000', effective_from: at(6).toISOString() }), 400, 'validation_failed');
    expect((await post(t, fx.posKey, '/v1/fx-rates', { currency: 'USD', rate: '1.8' })).statusCode).toBe(403);
    const all = await t.call({ method: 'GET', url: '/v1/fx-rates', key: fx.readKey });
    expect(all.json().data.map((r: { currency: string; rate: string }) => `${r.currency} ${r.rate}`)).toEqual(['EUR 1.95', 'USD 1.7', 'USD 1.75']);
    const then = await t.call({ method: 'GET', url: `/v1/fx-rates?at=${encodeURIComponent(at(1).toISOString())}&currency=USD`, key: fx.readKey });
    expect(then.json().data.map((r: { rate: string }) => r.rate)).toEqual(['1.7']);
    expectProblem(await t.call({ method: 'GET', url: `/v1/fx-rates?at=${encodeURIComponent(at(-20).toISOString())}&currency=USD`, key: fx.readKey }), 422, 'fx_rate_missing');
  });
});
