import { describe, expect, it } from 'vitest';
import { enroll, useTestProgram, type ProgramFixture, type TestApp } from '../helpers/app.ts';
import { balanceOf, purchase, redeem } from '../helpers/ledger.ts';
import { expectProblem } from '../helpers/problem.ts';

let t: TestApp;
let p: ProgramFixture;
useTestProgram((app, program) => {
  t = app;
  p = program;
});

describe('velocity counts committed transactions only', () => {
  it('answers a mistyped redemption far over the balance with 422 insufficient_points and leaves the member active', async () => {
    const member = await enroll(t, p.posKey);
    await purchase(t, p.posKey, member.id, 7500); // 600 points

    const mistyped = await redeem(t, p.posKey, member.id, 1_000_000);
    expect(expectProblem(mistyped, 422, 'insufficient_points')).toMatchObject({ available: 600, requested: 1_000_000 });

    const card = await t.call({ method: 'GET', url: `/v1/members/${member.id}`, key: p.readKey });
    expect(card.json().status).toBe('active');
    const corrected = await redeem(t, p.posKey, member.id, 100);
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect((await balanceOf(t, p.readKey, member.id)).available).toBe(500);
  });
});
