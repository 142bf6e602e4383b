import { describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { LedgerBatcher } from '../../src/ledger/batcher.ts';
import { ledgerAdjust } from '../../src/ledger/functions.ts';
import { DEFAULT_SETTINGS } from '../../src/programs/settings.ts';
import { rulesPayload } from '../../src/rules/rules.ts';
import { enroll, type ProgramFixture, type TestApp, useTestProgram } from '../helpers/app.ts';
import { balanceOf, expectTrialBalanceOk } from '../helpers/ledger.ts';

let t: TestApp;
let p: ProgramFixture;
useTestProgram((app, program) => {
  t = app;
  p = program;
});

const adjustment = (member: string, points: number, extra: { timezone?: string } = {}) => ({
  fn: ledgerAdjust,
  member,
  args: {
    program_id: p.programId,
    idempotency_key: newId('transaction'),
    request_hash: '00',
    now: new Date().toISOString(),
    timezone: 'Asia/Baku',
    rules: rulesPayload(DEFAULT_SETTINGS, new Date()),
    points,
    reason: 'batch test',
    expires_at: new Date(Date.now() + 86_400_000).toISOString(),
    txn_id: newId('transaction'),
    adjustment_id: newId('adjustment'),
    lot_id: newId('lot'),
    ...extra,
  },
});

describe(LedgerBatcher.name, () => {
  it('sends writes that queue behind a busy connection together, each with its own result', async () => {
    const sizes: number[] = [];
    const batcher = new LedgerBatcher(t.pool, { maxInFlight: 1, onBatch: (n) => sizes.push(n) });
    const members = await Promise.all(Array.from({ length: 6 }, () => enroll(t, p.posKey)));
    const results = await Promise.all(members.flatMap((m, i) => [batcher.call(adjustment(m.id, 10 + i)), batcher.call(adjustment(m.id, 1))]));
    expect(sizes[0]).toBe(1);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(12);
    results.forEach((r, i) => expect(r['adjustment']).toMatchObject({ points: i % 2 === 0 ? 10 + i / 2 : 1 }));
    for (const [i, m] of members.entries()) expect((await balanceOf(t, p.readKey, m.id)).available).toBe(11 + i);
    await expectTrialBalanceOk(t, p.adminKey);
  });

  it('runs a failed batch one by one, so only the broken request fails', async () => {
    const batcher = new LedgerBatcher(t.pool, { maxInFlight: 1 });
    const [a, b, c] = await Promise.all([enroll(t, p.posKey), enroll(t, p.posKey), enroll(t, p.posKey)]);
    const outcomes = await Promise.allSettled([
      batcher.call(adjustment(a.id, 5)),
      batcher.call(adjustment(b.id, 7)),
      batcher.call(adjustment(b.id, 7, { timezone: 'Not/A_Zone' })),
      batcher.call(adjustment(c.id, 9)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await balanceOf(t, p.readKey, b.id)).available).toBe(7);
    expect((await balanceOf(t, p.readKey, c.id)).available).toBe(9);
    await expectTrialBalanceOk(t, p.adminKey);
  });
});
