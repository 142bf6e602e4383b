import { describe, expect, it } from 'vitest';
import { createProgramFixture, enroll } from '../helpers/app.ts';
import { nextReceipt, post, useLedgerTestProgram, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';

const START = new Date('2026-03-02T08:00:00Z');

let t: FixedClockTestApp;
useLedgerTestProgram(START, (app) => {
  t = app;
});

describe('limit refusals people can read', () => {
  it('a withdrawal over the daily limit says the limit and what remains in AZN, keeping minor units in their fields', async () => {
    const f = await createProgramFixture(t, { conversion: { fee_bps: 0, caps: {} } });
    const m = await enroll(t, f.posKey);
    expect((await post(t, f.adminKey, '/v1/adjustments', { member_id: m.id, points: 100_000, reason: 'test funding' })).statusCode).toBe(201);
    const withdraw = (points: number) => post(t, f.posKey, '/v1/conversions', { member_id: m.id, direction: 'points_to_money', points, currency: 'AZN' });
    expect((await withdraw(39_992)).statusCode).toBe(201); // 4,999.00 AZN at 8 points per AZN
    const over = expectProblem(await withdraw(16), 422, 'limit_exceeded'); // 2.00 AZN, 1.00 AZN remains
    expect(over.detail).toBe('The withdrawal per day limit of 5,000.00 AZN would be exceeded; 1.00 AZN remains.');
    expect(over).toMatchObject({ limit: 'withdrawal_per_day', cap: 500_000, remaining: 100, currency: 'AZN' });
  });

  it('a points limit says points, with thousands separators', async () => {
    const f = await createProgramFixture(t, { earn_limits: { per_transaction: 12_000, per_day: null, per_month: null } });
    const m = await enroll(t, f.posKey);
    const res = await post(t, f.posKey, '/v1/purchases', { member_id: m.id, receipt_id: nextReceipt(), amount: { amount: 200_000, currency: 'AZN' } });
    const over = expectProblem(res, 422, 'limit_exceeded');
    expect(over.detail).toBe('The earn per transaction limit of 12,000 points would be exceeded; 12,000 points remain.');
    expect(over).toMatchObject({ limit: 'earn_per_transaction', cap: 12_000, remaining: 12_000, requested: 16_000 });
  });

  it('the per-conversion cap and other points refusals read with thousands separators', async () => {
    const f = await createProgramFixture(t);
    const m = await enroll(t, f.posKey);
    expect((await post(t, f.adminKey, '/v1/adjustments', { member_id: m.id, points: 12_000, reason: 'test funding' })).statusCode).toBe(201);
    const capped = expectProblem(await post(t, f.posKey, '/v1/conversions', { member_id: m.id, direction: 'points_to_money', points: 5001, currency: 'EUR' }), 422, 'limit_exceeded');
    expect(capped.detail).toBe('One conversion in EUR may involve at most 5,000 points.');
    expect(capped).toMatchObject({ cap: 5000, requested: 5001 });
    const short = expectProblem(await post(t, f.posKey, '/v1/redemptions', { member_id: m.id, points: 1_000_000 }), 422, 'insufficient_points');
    expect(short.detail).toBe('The member has 12,000 points available; 1,000,000 were requested.');
    expect(short).toMatchObject({ available: 12_000, requested: 1_000_000 });
  });
});
