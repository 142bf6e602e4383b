import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { expectTrialBalanceOk, nextReceipt, post, purchase, type FixedClockTestApp } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';
import { sql } from 'kysely';
import { analyticsRead } from '../../src/analytics/read.ts';

// Liability reconciles to the trial balance: at now and at a past instant, after a history with every kind of
// movement (earning, pending points, redemption and its reversal, partial returns, holds captured, voided and open,
// adjustments both ways, debt and its payment, expiry by the clock).

const START = new Date('2026-01-10T09:00:00Z');
let t: FixedClockTestApp;
let p: ProgramFixture;

beforeAll(async () => {
  t = (await createTestApp({ now: START })) as FixedClockTestApp;
  // Half a qapik a point (exact decimal valuation), and pending points for a week.
  p = await createProgramFixture(t, { point_value: 0.5, pending_days: 7, validity_months: 2 });
});
afterAll(() => t?.close());

const ok = (res: { statusCode: number; body: string }, status = 201) => {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body);
};

async function report(key: string, asOf?: Date) {
  const res = await t.call({ method: 'GET', url: `/v1/analytics/liability${asOf ? `?as_of=${asOf.toISOString()}` : ''}`, key });
  return ok(res, 200);
}

type Liability = Awaited<ReturnType<typeof report>>;

/** The trial balance's member accounts, and the system accounts that must mirror them. */
async function memberAccounts() {
  const tb = await expectTrialBalanceOk(t, p.adminKey);
  const a = (name: string) => (tb.accounts[name] as number | undefined) ?? 0;
  const system = ['issued', 'redeemed', 'expired', 'adjustments', 'converted', 'decayed'].reduce((n, name) => n + a(name), 0);
  return { available: a('available'), pending: a('pending'), held: a('held'), debt: a('debt'), expired: a('expired'), system };
}

function expectReconciled(l: Liability, tb: Awaited<ReturnType<typeof memberAccounts>>) {
  expect(l.totals).toMatchObject({ available: tb.available, pending: tb.pending, held: tb.held, debt: tb.debt });
  expect(l.totals.outstanding).toBe(tb.available + tb.pending + tb.held + tb.debt);
  // The member accounts are exactly what the system accounts gave out.
  expect(l.totals.outstanding).toBe(-tb.system);
  // The points in lots, by cohort and by expiry month, are the available and pending points.
  const inLots = tb.available + tb.pending;
  expect(l.by_cohort.reduce((n: number, c: { outstanding: number }) => n + c.outstanding, 0)).toBe(inLots);
  expect(l.by_expiry.reduce((n: number, e: { points: number }) => n + e.points, 0)).toBe(inLots);
  expect(l.breakage.expired).toBe(tb.expired);
  // 0.5 qapik a point, rounded half away from zero.
  const half = (n: number) => Math.sign(n) * Math.round(Math.abs(n) / 2);
  expect(l.totals.value).toEqual({ amount: half(l.totals.outstanding), currency: 'AZN' });
}

describe('GET /v1/analytics/liability', () => {
  let past: Date;
  let pastBalance: Awaited<ReturnType<typeof memberAccounts>>;
  let pastReport: Liability;

  it('reconciles to the trial balance after every kind of movement', async () => {
    const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, () => enroll(t, p.posKey)));
    // January: earning (pending for a week), then matured by the clock.
    const pa = await purchase(t, p.posKey, a!.id, 1250); // 100
    await purchase(t, p.posKey, a!.id, 2500); // 200
    const pb = await purchase(t, p.posKey, b!.id, 1250);
    await purchase(t, p.posKey, c!.id, 5000); // 400
    t.clock.set(new Date('2026-01-20T09:00:00Z'));
    // Redemption, partly reversed.
    const red = ok(await post(t, p.posKey, '/v1/redemptions', { member_id: a!.id, points: 150 }));
    ok(await post(t, p.posKey, `/v1/redemptions/${red.redemption.id}/reversal`, { points: 50 }));
    // A partial return of a's first purchase, and all of b's after b spent the points: debt.
    ok(await post(t, p.posKey, `/v1/purchases/${pa.purchase.id}/returns`, { receipt_id: nextReceipt(), amount: { amount: 500, currency: 'AZN' } }));
    ok(await post(t, p.posKey, '/v1/redemptions', { member_id: b!.id, points: 90 }));
    ok(await post(t, p.posKey, `/v1/purchases/${pb.purchase.id}/returns`, { receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' } }));
    // Holds: one captured in part, one voided, one left open.
    const h1 = ok(await post(t, p.posKey, '/v1/holds', { member_id: c!.id, points: 100 }));
    ok(await post(t, p.posKey, `/v1/holds/${h1.hold.id}/capture`, { points: 60 }));
    const h2 = ok(await post(t, p.posKey, '/v1/holds', { member_id: c!.id, points: 30 }));
    ok(await post(t, p.posKey, `/v1/holds/${h2.hold.id}/void`, {}));
    ok(await post(t, p.posKey, '/v1/holds', { member_id: c!.id, points: 45, expires_at: '2026-06-01T00:00:00Z' }));
    // Adjustments both ways.
    ok(await post(t, p.adminKey, '/v1/adjustments', { member_id: d!.id, points: 500, reason: 'goodwill' }));
    ok(await post(t, p.adminKey, '/v1/adjustments', { member_id: d!.id, points: -120, reason: 'correction' }));
    // February: new earning, while b still owes.
    t.clock.set(new Date('2026-02-03T09:00:00Z'));
    await purchase(t, p.posKey, d!.id, 2500);

    past = t.clock.now();
    pastBalance = await memberAccounts();
    expect(pastBalance.debt).toBeLessThan(0);
    expect(pastBalance.held).toBe(45);
    pastReport = await report(p.readKey);
    expect(pastReport.as_of).toBe(past.toISOString());
    expectReconciled(pastReport, pastBalance);
    expect(pastReport.by_cohort.map((c: { cohort: string }) => c.cohort)).toEqual(['2026-01', '2026-02']);

    // April: January's lots expired (two months' validity) when the job settles them; new earning in April.
    t.clock.set(new Date('2026-04-15T09:00:00Z'));
    ok(await post(t, p.adminKey, '/v1/jobs/expire/run', {}), 200);
    await purchase(t, p.posKey, d!.id, 1250);
    // b pays the debt from new earnings.
    await purchase(t, p.posKey, b!.id, 2500);
    const now = await memberAccounts();
    expect(now.expired).toBeGreaterThan(0);
    const current = await report(p.readKey);
    expectReconciled(current, now);
    const january = current.by_cohort.find((c: { cohort: string }) => c.cohort === '2026-01');
    expect(january.outstanding).toBe(0);
    expect(january.expired).toBeGreaterThan(0);
    expect(january.breakage_rate).toBe(Math.round((january.expired / january.issued) * 1e6) / 1e6);
    expect(current.by_expiry.map((e: { expiry_month: string }) => e.expiry_month)).toEqual(['2026-06']);
  });

  it('answers the past exactly as it stood, every time', async () => {
    const again = await report(p.adminKey, past);
    expect(again).toEqual(pastReport);
    expectReconciled(again, pastBalance);
    // Before anything happened: nothing owed.
    const before = await report(p.readKey, new Date('2026-01-01T00:00:00Z'));
    expect(before.totals).toMatchObject({ available: 0, pending: 0, held: 0, debt: 0, outstanding: 0 });
    expect(before.by_cohort).toEqual([]);
  });

  it('refuses an instant later than the clock, and shows another program nothing', async () => {
    const future = new Date(t.clock.now().getTime() + 60_000).toISOString();
    const res = await t.call({ method: 'GET', url: `/v1/analytics/liability?as_of=${future}`, key: p.readKey });
    expectProblem(res, 422, 'as_of_not_yet');
    const other = await createProgramFixture(t);
    const theirs = await report(other.readKey);
    expect(theirs.totals.outstanding).toBe(0);
    expect(theirs.by_cohort).toEqual([]);
  });

  it('stops a report at the analytics timeout, which the write path does not share', async () => {
    const reader = { timeoutMs: 100 };
    // Every pooled connection takes a report past its timeout ...
    const cut = await Promise.allSettled(Array.from({ length: 8 }, () => analyticsRead(t.db, reader, (trx) => sql`SELECT pg_sleep(0.5)`.execute(trx))));
    for (const r of cut) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'analytics_timeout', kind: 'unavailable' } });
    // ... and goes back to the pool with the service's own: a statement longer than 100 ms still runs.
    await Promise.all(Array.from({ length: 8 }, () => sql`SELECT pg_sleep(0.3)`.execute(t.db)));
    const m = await enroll(t, p.posKey);
    await purchase(t, p.posKey, m.id, 1250);
  });
});
