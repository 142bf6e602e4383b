import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, type FixedClockTestApp } from '../helpers/ledger.ts';

// A report as of an instant converts with the FX rates recorded by then: a rate entered later, even one effective
// from before the purchase, must not change what an earlier as_of answers (same data and as_of, same answer).
// One USD purchase of 20.00 on 10 March; the USD rate 1.7 (effective 1 January) is only entered on 20 March.

let t: FixedClockTestApp;
let p: ProgramFixture;
const BEFORE_RATE = '2026-03-15T00:00:00.000Z';
const AFTER_RATE = '2026-03-25T00:00:00.000Z';

beforeAll(async () => {
  t = (await createTestApp({ now: new Date('2026-03-01T08:00:00Z') })) as FixedClockTestApp;
  p = await createProgramFixture(t, { win_back: null, referral_reward: null, pending_days: 0 });
  const memberId = (await enroll(t, p.posKey)).id;
  t.clock.set(new Date('2026-03-10T08:00:00Z'));
  const bought = await post(t, p.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount: 2000, currency: 'USD' } });
  expect(bought.statusCode, bought.body).toBe(201);
  t.clock.set(new Date('2026-03-20T08:00:00Z'));
  const rate = await post(t, p.adminKey, '/v1/fx-rates', { currency: 'USD', rate: '1.7', effective_from: '2026-01-01T00:00:00Z' });
  expect(rate.statusCode, rate.body).toBe(201);
  t.clock.set(new Date('2026-03-30T00:00:00Z'));
});
afterAll(async () => {
  await t?.close();
});

const get = async (url: string) => {
  const res = await t.call({ method: 'GET', url, key: p.readKey });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const MARCH = { from: '2026-03-01T00:00:00Z', to: '2026-03-12T00:00:00Z' };

describe('FX rates as of the report instant', () => {
  it('dashboard summary: unconverted before the rate was recorded, 3400 AZN after', async () => {
    const before = await get(`/v1/analytics/summary?${q({ ...MARCH, as_of: BEFORE_RATE })}`);
    expect(before.revenue).toBe(0);
    expect(before.unconverted).toHaveLength(1);
    const after = await get(`/v1/analytics/summary?${q({ ...MARCH, as_of: AFTER_RATE })}`);
    expect(after.revenue).toBe(3400);
  });

  it('segment stats: revenue 0 before the rate was recorded, 3400 after', async () => {
    const seg = await post(t, p.adminKey, '/v1/segments', { name: 'Buyers', kind: 'dynamic', rule: { purchase_count: { min: 1 } } });
    expect(seg.statusCode, seg.body).toBe(201);
    expect((await get(`/v1/segments/${seg.json().id}/stats?as_of=${BEFORE_RATE}`)).revenue).toBe(0);
    expect((await get(`/v1/segments/${seg.json().id}/stats?as_of=${AFTER_RATE}`)).revenue).toBe(3400);
  });
});
