import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { nextReceipt, post, type FixedClockTestApp } from '../helpers/ledger.ts';

// Revenue is one figure in every report (src/analytics/paid.ts): what the customer paid, net of the returned share.
// One member, one purchase of 100.00 AZN with a 10 % promotion (paid 90.00), 25.00 of it returned (the paid share
// 90.00 × 25 ÷ 100 = 22.50): revenue 67.50 in the dashboard, targets, segment stats, RFM's M and LTV alike.

let t: FixedClockTestApp;
let p: ProgramFixture;
let memberId: string;
const AS_OF = '2026-03-10T00:00:00.000Z';

beforeAll(async () => {
  t = (await createTestApp({ now: new Date('2026-03-01T08:00:00Z') })) as FixedClockTestApp;
  p = await createProgramFixture(t);
  const promo = await post(t, p.adminKey, '/v1/promotions', { name: 'tea 10', effect: { type: 'percent_off', percent: 10 }, scope: { categories: ['tea'] } });
  expect(promo.statusCode, promo.body).toBe(201);
  memberId = (await enroll(t, p.posKey)).id;
  t.clock.set(new Date('2026-03-02T08:00:00Z'));
  const bought = await post(t, p.posKey, '/v1/purchases', {
    member_id: memberId,
    receipt_id: nextReceipt(),
    amount: { amount: 10000, currency: 'AZN' },
    lines: [{ sku: 'TEA-1', brand: 'Azerchay', category: 'tea', quantity: 4, unit_price: 2500, amount: 10000 }],
  });
  expect(bought.statusCode, bought.body).toBe(201);
  expect(bought.json().purchase.discount).toEqual({ amount: 1000, currency: 'AZN' });
  t.clock.set(new Date('2026-03-03T08:00:00Z'));
  const back = await post(t, p.posKey, `/v1/purchases/${bought.json().purchase.id}/returns`, { receipt_id: nextReceipt(), amount: { amount: 2500, currency: 'AZN' } });
  expect(back.statusCode, back.body).toBe(201);
  t.clock.set(new Date(AS_OF));
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

describe('revenue: paid, net of the returned share, in every report', () => {
  it('dashboard summary: revenue 6750, returns 2250 (the paid share), average check 6750', async () => {
    const s = await get(`/v1/analytics/summary?${q({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z', as_of: AS_OF })}`);
    expect(s).toMatchObject({ revenue: 6750, sales: 1, average_check: 6750, returns: { count: 1, amount: 2250 } });
  });

  it('targets: the month to date counts 6750', async () => {
    const created = await post(t, p.adminKey, '/v1/targets', { name: 'March', metric: 'revenue', period: 'month', value: 10000, alert_below_percent: 5 });
    expect(created.statusCode, created.body).toBe(201);
    expect((await get(`/v1/targets/${created.json().id}/progress?as_of=${AS_OF}`)).actual).toBe(6750);
  });

  it('segment rule total_spent and segment stats: 6750', async () => {
    const seg = await post(t, p.adminKey, '/v1/segments', { name: 'Spent', kind: 'dynamic', rule: { total_spent: { min: 6750, max: 6750 } } });
    expect(seg.statusCode, seg.body).toBe(201);
    expect(await get(`/v1/segments/${seg.json().id}/stats?as_of=${AS_OF}`)).toMatchObject({ size: 1, purchases: 1, revenue: 6750, average_check: 6750 });
  });

  it("RFM's monetary: 6750", async () => {
    expect(await get(`/v1/members/${memberId}/rfm?as_of=${AS_OF}`)).toMatchObject({ frequency: 1, monetary: 6750 });
  });

  it("the member list's total_spent filter and the member card: 6750", async () => {
    const ids = async (params: Record<string, string>) => (await get(`/v1/members?${q(params)}`)).data.map((m: { id: string }) => m.id);
    expect(await ids({ total_spent_min: '6750', total_spent_max: '6750' })).toEqual([memberId]);
    // 7500 (the list price less the return) was what the filter counted before discounts were taken off.
    expect(await ids({ total_spent_min: '6751' })).toEqual([]);
    expect((await get(`/v1/members/${memberId}`)).total_spent).toEqual([{ amount: 6750, currency: 'AZN' }]);
  });

  it('LTV from the ledger: net revenue 67.50', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/v1/analytics/ltv',
      key: p.readKey,
      payload: { formula: 'aov_frequency_lifespan', from_ledger: true, from: '2026-03-01T00:00:00Z', to: AS_OF, inactivity_days: 60, inputs: { lifespan_years: 1 } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ledger.net_revenue).toMatchObject({ amount: 6750, exact: '67.5' });
  });
});
