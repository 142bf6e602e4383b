import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createProgramFixture, createTestApp, enroll, type ProgramFixture } from '../helpers/app.ts';
import { expectTrialBalanceOk, nextReceipt, post, purchase, runJobAt, type FixedClockTestApp } from '../helpers/ledger.ts';
import { liability } from '../../src/analytics/liability.ts';

// The liability rollup (src/analytics/liability-rollup.ts) answers exactly what the live report answers over every
// lot: at now and at past instants on both sides of the watermark, after the job ran, after a rerun, with writes
// after the watermark (lot expiry extensions among them, which move points between expiry months after their day
// was folded), and across a change of the program's time zone.

const at = (iso: string) => new Date(iso);
let t: FixedClockTestApp;
let p: ProgramFixture;
let timezone = 'Europe/Berlin';
const SETTINGS = { timezone, point_value: 0.5, pending_days: 3, validity_months: 2, task_extension_days: 40 };

beforeAll(async () => {
  t = (await createTestApp({ now: at('2026-01-05T09:00:00Z') })) as FixedClockTestApp;
  p = await createProgramFixture(t, SETTINGS);
  ok(await post(t, p.adminKey, '/v1/fx-rates', { currency: 'USD', rate: '1.7', effective_from: '2026-01-01T00:00:00Z' }));
});
afterAll(() => t?.close());

function ok(res: { statusCode: number; body: string }, status = 201) {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body);
}

/** The report through the service: from the rollup once the job has folded days. */
async function report(asOf?: Date) {
  const res = await t.call({ method: 'GET', url: `/v1/analytics/liability${asOf ? `?as_of=${asOf.toISOString()}` : ''}`, key: p.readKey });
  return ok(res, 200);
}

/** The same report read from every lot, allocation and entry. */
async function live(asOf: Date) {
  const settings = { timezone, home_currency: 'AZN', point_value: 0.5 };
  return JSON.parse(JSON.stringify(await liability(t.db, { timeoutMs: 30_000 }, p.programId, settings, asOf, { live: true })));
}

const instants: Date[] = [];

/** Every instant recorded so far, and the local midnights and ends of day around them, answer as the live report. */
async function expectSameAsLive() {
  const now = t.clock.now();
  const around = instants.flatMap((i) => [i, new Date(i.getTime() - 1), new Date(i.getTime() + 1)]).filter((i) => i <= now);
  for (const asOf of [...around, now]) {
    expect(await report(asOf), asOf.toISOString()).toEqual(await live(asOf));
  }
  expect(await report()).toEqual(await live(now));
}

async function rollup() {
  const res = ok(await post(t, p.adminKey, '/v1/jobs/rollup/run', {}), 200);
  return res.days_rolled_up as number;
}

const mark = async () => (await sql<{ through: Date | null }>`SELECT through FROM analytics_rollups WHERE program_id = ${p.programId}`.execute(t.db)).rows[0]?.through ?? null;

function step(iso: string) {
  t.clock.set(at(iso));
  instants.push(at(iso));
}

const ids: Record<string, string> = {};

describe('liability rollup', () => {
  it('answers as the live report before any fold, and folds closed local days only', async () => {
    step('2026-01-10T09:00:00Z');
    const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, () => enroll(t, p.posKey)));
    Object.assign(ids, { a: a!.id, b: b!.id, c: c!.id, d: d!.id });
    ids.pa = (await purchase(t, p.posKey, ids.a!, 1250)).purchase.id;
    await purchase(t, p.posKey, ids.a!, 2500);
    ids.pb = (await purchase(t, p.posKey, ids.b!, 1250)).purchase.id;
    // In USD, converted at the program's rate; bought on the 8th, recorded on the 10th.
    ok(await post(t, p.posKey, '/v1/purchases', { member_id: ids.c, receipt_id: nextReceipt(), amount: { amount: 3000, currency: 'USD' }, occurred_at: '2026-01-08T12:00:00Z' }));
    // 23:30 in Berlin: the 10th's last half hour, a local day apart from the next purchase in UTC terms.
    step('2026-01-10T22:30:00Z');
    await purchase(t, p.posKey, ids.c!, 5000);
    step('2026-01-10T23:30:00Z');
    await purchase(t, p.posKey, ids.d!, 2500);

    step('2026-01-20T09:00:00Z');
    await runJobAt(t, p.adminKey, 'mature', t.clock.now());
    const red = ok(await post(t, p.posKey, '/v1/redemptions', { member_id: ids.a, points: 150 }));
    ok(await post(t, p.posKey, `/v1/redemptions/${red.redemption.id}/reversal`, { points: 50 }));
    ok(await post(t, p.posKey, `/v1/purchases/${ids.pa}/returns`, { receipt_id: nextReceipt(), amount: { amount: 500, currency: 'AZN' } }));
    ok(await post(t, p.posKey, '/v1/redemptions', { member_id: ids.b, points: 90 }));
    ok(await post(t, p.posKey, `/v1/purchases/${ids.pb}/returns`, { receipt_id: nextReceipt(), amount: { amount: 1250, currency: 'AZN' } }));
    const h1 = ok(await post(t, p.posKey, '/v1/holds', { member_id: ids.c, points: 100 }));
    ok(await post(t, p.posKey, `/v1/holds/${h1.hold.id}/capture`, { points: 60 }));
    ok(await post(t, p.posKey, '/v1/holds', { member_id: ids.c, points: 45, expires_at: '2026-06-01T00:00:00Z' }));
    ok(await post(t, p.adminKey, '/v1/adjustments', { member_id: ids.d, points: 500, reason: 'goodwill' }));
    ok(await post(t, p.adminKey, '/v1/adjustments', { member_id: ids.d, points: -120, reason: 'correction' }));
    step('2026-01-25T11:00:00Z');
    // a's soonest lots move 40 days on: from March to April.
    const task = ok(await post(t, p.posKey, `/v1/members/${ids.a}/activities`, { type: 'task_completed' }));
    expect(task.extension).not.toBeNull();

    step('2026-02-03T09:00:00Z');
    expect(await mark()).toBeNull();
    await expectSameAsLive();

    expect(await rollup()).toBeGreaterThan(0);
    // Through the start of the 3rd in Berlin: the 3rd is still open.
    expect(await mark()).toEqual(at('2026-02-02T23:00:00Z'));
    await expectSameAsLive();
  });

  it('folds nothing again on a rerun, or on two runs at once', async () => {
    const [first, second] = await Promise.all([rollup(), rollup()]);
    expect(first + second).toBe(0);
    expect(await rollup()).toBe(0);
    const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM liability_rollup_accounts WHERE program_id = ${p.programId}`.execute(t.db);
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
    await expectSameAsLive();
  });

  it('adds what was recorded after the watermark, extensions of folded lots included', async () => {
    step('2026-02-03T12:00:00Z');
    // c's January lots were folded with their March expiry; the extension moves them to April.
    ok(await post(t, p.posKey, `/v1/members/${ids.c}/activities`, { type: 'task_completed' }));
    await purchase(t, p.posKey, ids.b!, 2500);
    ok(await post(t, p.posKey, '/v1/redemptions', { member_id: ids.d, points: 30 }));
    await expectSameAsLive();

    // The next fold takes the 3rd and the days after it, moving c's folded figures to their new month.
    step('2026-02-06T09:00:00Z');
    await purchase(t, p.posKey, ids.a!, 1250);
    step('2026-02-10T08:00:00Z');
    expect(await rollup()).toBe(7);
    expect(await mark()).toEqual(at('2026-02-09T23:00:00Z'));
    await expectSameAsLive();
    // And again after the watermark: c's next soonest lot, already rekeyed once.
    step('2026-02-10T09:00:00Z');
    ok(await post(t, p.posKey, `/v1/members/${ids.c}/activities`, { type: 'task_completed' }));
    await expectSameAsLive();
  });

  it('stays exact through expiry and new earning, and the report reads the rolled-up rows', async () => {
    step('2026-04-15T09:00:00Z');
    ok(await post(t, p.adminKey, '/v1/jobs/expire/run', {}), 200);
    await purchase(t, p.posKey, ids.d!, 1250);
    await purchase(t, p.posKey, ids.b!, 2500);
    expect(await rollup()).toBeGreaterThan(0);
    const current = await report();
    expect(current.breakage.expired).toBeGreaterThan(0);
    await expectSameAsLive();
    const tb = await expectTrialBalanceOk(t, p.adminKey);
    expect(current.totals.available).toBe(tb.accounts.available ?? 0);

    // A row that no ledger movement backs changes the answer: the report did read the rollup.
    await sql`INSERT INTO liability_rollup_lots (program_id, day, cohort, expiry_month, issued, outstanding, expired)
              VALUES (${p.programId}, '2026-01-10', '2026-01', NULL, 7, 7, 0)`.execute(t.db);
    expect((await report()).breakage.issued).toBe(current.breakage.issued + 7);
    await sql`DELETE FROM liability_rollup_lots WHERE program_id = ${p.programId} AND issued = 7 AND outstanding = 7 AND expired = 0 AND expiry_month IS NULL`.execute(t.db);
    expect(await report()).toEqual(current);
  });

  it('reads live after a change of time zone, and folds again in the new one', async () => {
    ok(await t.call({ method: 'PATCH', url: '/v1/program', key: p.adminKey, payload: { settings: { timezone: 'America/New_York' } } }), 200);
    timezone = 'America/New_York';
    await expectSameAsLive();
    step('2026-04-16T09:00:00Z');
    expect(await rollup()).toBeGreaterThan(0);
    // Midnight of the 16th in New York.
    expect(await mark()).toEqual(at('2026-04-16T04:00:00Z'));
    await expectSameAsLive();
  });

  it('shows another program nothing of this one', async () => {
    const other = await createProgramFixture(t);
    ok(await post(t, other.adminKey, '/v1/jobs/rollup/run', {}), 200);
    const res = ok(await t.call({ method: 'GET', url: '/v1/analytics/liability', key: other.readKey }), 200);
    expect(res.totals.outstanding).toBe(0);
    expect(res.by_cohort).toEqual([]);
  });
});
