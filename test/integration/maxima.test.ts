import { describe, expect, it } from 'vitest';
import { createProgramFixture, enroll, type ProgramFixture } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk, nextReceipt, post, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { MAX_BALANCE, MAX_MONEY_AMOUNT, MAX_POINTS, MAX_RATE } from '../../src/schemas/limits.ts';

const START = new Date('2026-03-02T08:00:00Z');
/** GBP earns 15 points per pound by default: the smallest amount in pence that earns exactly MAX_POINTS. */
const GBP_FOR_MAX_POINTS = Math.ceil((MAX_POINTS * 100) / 15);

let t: FixedClockTestApp;
let p: ProgramFixture;
useLedgerTestProgram(START, (app, fixture) => {
  t = app;
  p = fixture;
});

const get = (url: string, key = p.adminKey) => t.call({ method: 'GET', url, key });

/** The default program blocks a member who moves a million points in ten minutes: this one lets large values through. */
let large: ProgramFixture | undefined;
async function largeProgram(): Promise<ProgramFixture> {
  large ??= await createProgramFixture(t, {
    earn_rates: { USD: 12, EUR: 14, AZN: 8, GBP: 15, JPY: MAX_RATE },
    velocity: null,
    conversion: { fee_bps: 25, caps: {} }, withdrawal_limits: { per_day: null, per_month: null },
  });
  return large;
}

/** Every figure in a JSON body is an integer JSON and JavaScript carry exactly. */
function expectSafeNumbers(body: unknown, path = ''): void {
  if (typeof body === 'number') expect(Number.isSafeInteger(body) || !Number.isInteger(body), `${path} = ${body}`).toBe(true);
  else if (Array.isArray(body)) body.forEach((v, i) => expectSafeNumbers(v, `${path}/${i}`));
  else if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) expectSafeNumbers(v, `${path}/${k}`);
}

/** Every read of the member and of the program answers 200 (the routes check their response schemas). */
async function expectEverythingReads(memberId: string, f: ProgramFixture = p) {
  for (const url of [
    `/v1/members/${memberId}/balance`,
    `/v1/members/${memberId}`,
    `/v1/members/${memberId}/transactions`,
    `/v1/members/${memberId}/statement?from=2020-01-01T00:00:00Z`,
    '/v1/audit/trial-balance',
    '/v1/events',
  ]) {
    const res = await get(url, f.adminKey);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    expectSafeNumbers(res.json(), url);
  }
  await expectTrialBalanceOk(t, f.adminKey);
}

describe('maxima of money, points and rates', () => {
  it('refuses the reported amount (2^53 - 1 minor units) with 400 and a pointer, storing nothing', async () => {
    const m = await enroll(t, p.posKey);
    for (let i = 0; i < 8; i++) {
      const res = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: Number.MAX_SAFE_INTEGER, currency: 'GBP' } });
      const problem = expectProblem(res, 400, 'validation_failed');
      expect(JSON.stringify(problem)).toContain('/amount/amount');
    }
    expect((await balanceOf(t, p.posKey, m.id)).lifetime.earned).toBe(0);
    await expectEverythingReads(m.id);
  });

  it('refuses money past MAX_MONEY_AMOUNT, points past MAX_POINTS and rates past MAX_RATE with 400', async () => {
    const m = await enroll(t, p.posKey);
    const tooMuch = { amount: MAX_MONEY_AMOUNT + 1, currency: 'JPY' };
    expectProblem(await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: tooMuch }), 400, 'validation_failed');
    expectProblem(await post(t, p.posKey, '/v1/conversions', { member_id: m.id, direction: 'money_to_points', amount: tooMuch }), 400, 'validation_failed');
    expectProblem(await post(t, p.posKey, '/v1/redemptions', { member_id: m.id, points: MAX_POINTS + 1 }), 400, 'validation_failed');
    expectProblem(await post(t, p.posKey, '/v1/holds', { member_id: m.id, points: MAX_POINTS + 1 }), 400, 'validation_failed');
    expectProblem(await post(t, p.adminKey, '/v1/adjustments', { member_id: m.id, points: MAX_POINTS + 1, reason: 'too much' }), 400, 'validation_failed');
    expectProblem(await post(t, p.adminKey, '/v1/adjustments', { member_id: m.id, points: -MAX_POINTS - 1, reason: 'too much' }), 400, 'validation_failed');
    expectProblem(await post(t, p.adminKey, '/v1/rates', { rates: { GBP: MAX_RATE + 1 }, effective_from: '2030-01-01T00:00:00Z' }), 400, 'validation_failed');
  });

  it('refuses a purchase that would earn more than MAX_POINTS with 422 amount_too_large before writing', async () => {
    const m = await enroll(t, p.posKey);
    const key = 'max-purchase-too-large';
    for (let i = 0; i < 2; i++) {
      const res = await post(t, p.posKey, '/v1/purchases', { member_id: m.id, receipt_id: 'R-too-large', amount: { amount: MAX_MONEY_AMOUNT, currency: 'GBP' } }, key);
      const problem = expectProblem(res, 422, 'amount_too_large');
      expect(problem).toMatchObject({ points: MAX_MONEY_AMOUNT * 0.15, max_points: MAX_POINTS });
    }
    // At the maximum's points exactly, a purchase is recorded; a few pence more are refused.
    const f = await largeProgram();
    const big = await enroll(t, f.posKey);
    const ok = await post(t, f.posKey, '/v1/purchases', { member_id: big.id, receipt_id: nextReceipt(), amount: { amount: GBP_FOR_MAX_POINTS, currency: 'GBP' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().purchase.points).toBe(MAX_POINTS);
    const over = await post(t, f.posKey, '/v1/purchases', { member_id: big.id, receipt_id: nextReceipt(), amount: { amount: GBP_FOR_MAX_POINTS + 7, currency: 'GBP' } });
    expectProblem(over, 422, 'amount_too_large');
    expect((await get(`/v1/members/${m.id}/transactions`)).json().data).toHaveLength(0);
    expect((await get(`/v1/members/${big.id}/transactions`, f.adminKey)).json().data).toHaveLength(1);
    await expectEverythingReads(m.id);
    await expectEverythingReads(big.id, f);
  });

  it('drives the largest allowed values through every write endpoint and reads everything back', async () => {
    const f = await largeProgram();
    const m = await enroll(t, f.posKey);
    const created = (res: { statusCode: number; body: string }, status = 201) => {
      expect(res.statusCode, res.body).toBe(status);
      expectSafeNumbers(JSON.parse(res.body));
      return JSON.parse(res.body);
    };
    // A rate set at the largest rate, in force later: the rates listing renders it.
    created(await post(t, f.adminKey, '/v1/rates', { rates: { KWD: MAX_RATE }, effective_from: '2030-01-01T00:00:00Z' }));
    expect((await get('/v1/rates', f.adminKey)).statusCode).toBe(200);

    const bought = created(await post(t, f.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: GBP_FOR_MAX_POINTS, currency: 'GBP' } }));
    created(await post(t, f.posKey, `/v1/purchases/${bought.purchase.id}/returns`, { receipt_id: nextReceipt(), amount: { amount: GBP_FOR_MAX_POINTS, currency: 'GBP' } }));
    for (let i = 0; i < 3; i++) created(await post(t, f.adminKey, '/v1/adjustments', { member_id: m.id, points: MAX_POINTS, reason: 'largest credit' }));
    created(await post(t, f.adminKey, '/v1/adjustments', { member_id: m.id, points: -MAX_POINTS, reason: 'largest debit' }));
    created(await post(t, f.adminKey, '/v1/adjustments', { member_id: m.id, points: MAX_POINTS, reason: 'largest credit' }));

    const redeemed = created(await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: MAX_POINTS }));
    created(await post(t, f.posKey, `/v1/redemptions/${redeemed.redemption.id}/reversal`, { points: MAX_POINTS }));
    const held = created(await post(t, f.posKey, '/v1/holds', { member_id: m.id, points: MAX_POINTS }));
    created(await post(t, f.posKey, `/v1/holds/${held.hold.id}/capture`, { points: MAX_POINTS }));
    const held2 = created(await post(t, f.posKey, '/v1/holds', { member_id: m.id, points: MAX_POINTS }));
    created(await post(t, f.posKey, `/v1/holds/${held2.hold.id}/void`, {}));

    // The largest conversions either way (JPY earns MAX_RATE points per yen here: a million yen is MAX_POINTS) ...
    const paidIn = { member_id: m.id, direction: 'money_to_points', amount: { amount: MAX_POINTS / MAX_RATE, currency: 'JPY' } };
    expect(created(await post(t, f.posKey, '/v1/conversions/quote', paidIn), 200).gross).toBe(MAX_POINTS);
    created(await post(t, f.posKey, '/v1/conversions', paidIn));
    const cashedOut = { member_id: m.id, direction: 'points_to_money', points: MAX_POINTS, currency: 'JPY' };
    created(await post(t, f.posKey, '/v1/conversions/quote', cashedOut), 200);
    created(await post(t, f.posKey, '/v1/conversions', cashedOut));
    // ... and the largest money at the largest rate, priced far past every maximum: refused, quote and conversion.
    const tooMuch = { member_id: m.id, direction: 'money_to_points', amount: { amount: MAX_MONEY_AMOUNT, currency: 'JPY' } };
    expectProblem(await post(t, f.posKey, '/v1/conversions/quote', tooMuch), 422, 'amount_too_large');
    expectProblem(await post(t, f.posKey, '/v1/conversions', tooMuch), 422, 'amount_too_large');

    created(await post(t, f.posKey, `/v1/members/${m.id}/activities`, { type: 'task_completed' }));

    // Renewal: a back-dated purchase of the largest points whose lot expired an hour ago, renewed at once.
    const late = await enroll(t, f.posKey);
    created(
      await post(t, f.posKey, '/v1/purchases', {
        member_id: late.id,
        receipt_id: nextReceipt(),
        amount: { amount: GBP_FOR_MAX_POINTS, currency: 'GBP' },
        occurred_at: '2025-03-02T07:00:00Z',
      }),
    );
    const renewed = created(await post(t, f.posKey, `/v1/members/${late.id}/renewals`, {}));
    expect(renewed.renewal.points).toBe(MAX_POINTS);

    const balance = await balanceOf(t, f.posKey, m.id);
    expect(balance.lifetime.redeemed).toBeGreaterThanOrEqual(MAX_POINTS);
    await expectEverythingReads(m.id, f);
    await expectEverythingReads(late.id, f);
  });

  it("refuses a write that would take a member's balance past MAX_BALANCE with 422 balance_limit_exceeded, writing nothing", async () => {
    const f = await largeProgram();
    const m = await enroll(t, f.posKey);
    const first = await post(t, f.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: GBP_FOR_MAX_POINTS, currency: 'GBP' } });
    expect(first.statusCode, first.body).toBe(201);
    // A thousand purchases at the per-transaction maximum would get here; lifetime_earned is the figure no check
    // of the trial balance derives from entries, so the test puts it next to the edge directly.
    await t.pool.query('UPDATE member_balances SET lifetime_earned = $2 WHERE member_id = $1', [m.id, MAX_BALANCE - 1]);
    const key = 'max-balance-refused';
    for (let i = 0; i < 2; i++) {
      const res = await post(t, f.posKey, '/v1/purchases', { member_id: m.id, receipt_id: 'R-past-max-balance', amount: { amount: 100, currency: 'GBP' } }, key);
      expect(expectProblem(res, 422, 'balance_limit_exceeded')).toMatchObject({ max_balance: MAX_BALANCE });
    }
    expect((await get(`/v1/members/${m.id}/transactions`, f.adminKey)).json().data).toHaveLength(1);
    expect((await balanceOf(t, f.posKey, m.id)).lifetime.earned).toBe(MAX_BALANCE - 1);
    // Spending is still possible, and so is everything that does not add to the figure at its maximum.
    const spent = await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 10 });
    expect(spent.statusCode, spent.body).toBe(201);
    await expectEverythingReads(m.id, f);
  });

  it('the balance CHECK of the database says MAX_BALANCE', async () => {
    const { rows } = await t.pool.query<{ def: string }>("SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'member_balances_within_max'");
    const bounds = rows[0]!.def.match(/<= '?\(?(\d+)/g)!.map((b) => Number(b.replace(/\D/g, '')));
    expect(bounds).toHaveLength(7);
    for (const bound of bounds) expect(bound).toBe(MAX_BALANCE);
  });
});
