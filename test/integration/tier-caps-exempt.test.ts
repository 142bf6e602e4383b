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

/** AZN earns 8 points per 1 AZN by default: 12.50 AZN is 100 points. */
const buy = (f: ProgramFixture, memberId: string, points: number) =>
  post(t, f.posKey, '/v1/purchases', { member_id: memberId, receipt_id: nextReceipt(), amount: { amount: points * 12.5, currency: 'AZN' } });

describe('tiers exempt from earn caps (caps_exempt)', () => {
  it('exempts the default Platinum tier, and no other default tier', async () => {
    const settings = (await t.call({ method: 'GET', url: '/v1/program', key: p.readKey })).json().settings;

    expect(settings.tiers.map((tier: { name: string; caps_exempt: boolean }) => [tier.name, tier.caps_exempt])).toEqual([
      ['bronze', false],
      ['silver', false],
      ['gold', false],
      ['platinum', true],
    ]);
  });

  it('lets a member of an exempt tier earn past the earn caps, while a member below it is held to them', async () => {
    const f = await createProgramFixture(t, {
      tiers: [
        { name: 'bronze', threshold: 0, multiplier: 1, benefit: null },
        { name: 'platinum', threshold: 100, multiplier: 1, benefit: null, caps_exempt: true },
      ],
      earn_limits: { per_transaction: 200, per_day: 400, per_month: null },
    });
    const vip = await enroll(t, f.posKey);
    const regular = await enroll(t, f.posKey);
    const upgrade = await buy(f, vip.id, 100);
    expect(upgrade.statusCode, upgrade.body).toBe(201);

    const big = await buy(f, vip.id, 1000);
    expect(big.statusCode, big.body).toBe(201);
    expect((await buy(f, vip.id, 1000)).statusCode).toBe(201);

    expect(expectProblem(await buy(f, regular.id, 1000), 422, 'limit_exceeded')).toMatchObject({ limit: 'earn_per_transaction' });
  });

  it('treats a tier given without caps_exempt as capped', async () => {
    const f = await createProgramFixture(t, {
      tiers: [
        { name: 'bronze', threshold: 0, multiplier: 1, benefit: null },
        { name: 'platinum', threshold: 100, multiplier: 1, benefit: null },
      ],
      earn_limits: { per_transaction: 200, per_day: null, per_month: null },
    });
    const member = await enroll(t, f.posKey);
    expect((await buy(f, member.id, 100)).statusCode).toBe(201);

    expectProblem(await buy(f, member.id, 1000), 422, 'limit_exceeded');
  });
});
