import { describe, expect, it } from 'vitest';
import { createProgramFixture, enroll, useTestProgram, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { nextReceipt, post } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';

let t: TestApp;
let p: ProgramFixture;
useTestProgram((app, program) => {
  t = app;
  p = program;
});

const buy = (f: ProgramFixture, memberId: string, amount: number, currency: string) =>
  post(t, f.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount, currency } });

describe('per-currency caps on money→points (currency_caps)', () => {
  it('defaults to EUR 5,000 and caps the base points of one EUR purchase there', async () => {
    const settings = (await t.call({ method: 'GET', url: '/v1/program', key: p.readKey })).json().settings;
    expect(settings.currency_caps).toEqual({ EUR: 5000 });
    const m = await enroll(t, p.posKey);

    const big = await buy(p, m.id, 50_000, 'EUR'); // 500 EUR x 14 = 7,000 points uncapped
    expect(big.statusCode, big.body).toBe(201);
    expect(big.json().purchase).toMatchObject({ base_points: 5000, points: 5000 });
    const edge = await buy(p, m.id, 35_700, 'EUR'); // 357 EUR x 14 = 4,998 points: under the cap
    expect(edge.json().purchase.points).toBe(4998);
    expect((await buy(p, m.id, 50_000, 'USD')).json().purchase.points).toBe(6000); // USD is uncapped
  });

  it('applies the same cap to a money→points conversion, refused above it', async () => {
    const m = await enroll(t, p.posKey);

    const over = await post(t, p.posKey, '/v1/conversions', { member_id: m.id, direction: 'money_to_points', amount: { amount: 35_800, currency: 'EUR' } });
    expect(expectProblem(over, 422, 'limit_exceeded')).toMatchObject({ limit: 'conversion_per_transaction', cap: 5000, requested: 5012 });
  });

  it('takes the caps a program sets, for purchases and conversions alike', async () => {
    const f = await createProgramFixture(t, { currency_caps: { USD: 100 } });
    const m = await enroll(t, f.posKey);

    expect((await buy(f, m.id, 1000, 'USD')).json().purchase.points).toBe(100); // 10 USD x 12 = 120, capped
    expect((await buy(f, m.id, 50_000, 'EUR')).json().purchase.points).toBe(7000); // EUR no longer capped
    const over = await post(t, f.posKey, '/v1/conversions', { member_id: m.id, direction: 'money_to_points', amount: { amount: 1000, currency: 'USD' } });
    expectProblem(over, 422, 'limit_exceeded');
  });

  it('reads the caps of a program that stored them under conversion.caps, the setting they replace', async () => {
    const f = await createProgramFixture(t);
    await t.db.updateTable('programs').set({ settings: JSON.stringify({ conversion: { fee_bps: 10, caps: { GBP: 50 } } }) }).where('id', '=', f.programId).execute();
    await t.call({ method: 'PATCH', url: '/v1/program', key: f.adminKey, payload: { name: 'invalidates the settings cache' } });
    const settings = (await t.call({ method: 'GET', url: '/v1/program', key: f.readKey })).json().settings;
    expect(settings).toMatchObject({ currency_caps: { GBP: 50 }, conversion: { fee_bps: 10 } });
    const m = await enroll(t, f.posKey);

    expect((await buy(f, m.id, 1000, 'GBP')).json().purchase.points).toBe(50); // 10 GBP x 15 = 150, capped

    const patched = await t.call({ method: 'PATCH', url: '/v1/program', key: f.adminKey, payload: { settings: { conversion: { fee_bps: 10, caps: { GBP: 60 } } } } });
    expect(patched.json().settings).toMatchObject({ currency_caps: { GBP: 60 }, conversion: { fee_bps: 10 } });
  });
});
