import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createProgramFixture, createTestApp, enroll, type TestApp } from '../helpers/app.ts';
import { expectTrialBalanceOk, post, purchase } from '../helpers/ledger.ts';

// The trial balance's verdicts, the same on a single PostgreSQL and on a Citus cluster (where its checks run shard
// by shard): it names exactly the rows that break each invariant, and never raises a false alarm while writes go on.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

async function trialBalance(adminKey: string) {
  const res = await t.call({ method: 'GET', url: '/v1/audit/trial-balance', key: adminKey });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { ok: boolean; checks: { name: string; ok: boolean; violations: number; examples: string[] }[] };
}

describe('GET /v1/audit/trial-balance', () => {
  it('names exactly the rows that break each invariant, and nothing else', async () => {
    const p = await createProgramFixture(t);
    const [unbalanced, versioned, lotted, holding, cached, clean] = await Promise.all(Array.from({ length: 6 }, () => enroll(t, p.posKey)));
    for (const m of [unbalanced!, versioned!, lotted!, holding!, cached!, clean!]) await purchase(t, p.posKey, m.id, 1250);
    const held = await post(t, p.posKey, '/v1/holds', { member_id: holding!.id, points: 40 });
    expect(held.statusCode, held.body).toBe(201);
    // Wallet money: one member per wallet corruption below.
    const [walletUnbalanced, walletLotted, walletCached] = await Promise.all(Array.from({ length: 3 }, () => enroll(t, p.posKey)));
    for (const m of [walletUnbalanced!, walletLotted!, walletCached!]) {
      const res = await post(t, p.adminKey, `/v1/members/${m.id}/wallet/credits`, { amount: { amount: 500, currency: 'USD' }, reason: 'goodwill' });
      expect(res.statusCode, res.body).toBe(201);
    }
    await expectTrialBalanceOk(t, p.adminKey);

    // Corruptions only a bug (or a hand-written statement) could make, one per member. The ledger tables are
    // append-only, so the unbalanced transaction gets an extra entry rather than an edited one.
    const { rows: txns } = await sql<{ id: string }>`SELECT id FROM ledger_transactions WHERE member_id = ${unbalanced!.id}`.execute(t.db);
    await sql`INSERT INTO ledger_entries (member_id, txn_id, account, program_id, amount, occurred_at)
      VALUES (${unbalanced!.id}, ${txns[0]!.id}, 'adjustments', ${p.programId}, 5, now())`.execute(t.db);
    await sql`UPDATE member_balances SET version = version + 1 WHERE member_id = ${versioned!.id}`.execute(t.db);
    const { rows: lots } = await sql<{ id: string }>`UPDATE lots SET remaining = remaining - 1 WHERE member_id = ${lotted!.id} RETURNING id`.execute(t.db);
    await sql`UPDATE holds SET points = points + 1 WHERE member_id = ${holding!.id}`.execute(t.db);
    await sql`UPDATE member_balances SET available = available + 1 WHERE member_id = ${cached!.id}`.execute(t.db);
    const { rows: walletTxns } = await sql<{ id: string }>`SELECT id FROM ledger_transactions WHERE member_id = ${walletUnbalanced!.id}`.execute(t.db);
    await sql`INSERT INTO ledger_entries (member_id, txn_id, account, program_id, amount, occurred_at)
      VALUES (${walletUnbalanced!.id}, ${walletTxns[0]!.id}, 'wallet_spent:USD', ${p.programId}, 7, now())`.execute(t.db);
    const { rows: walletLots } = await sql<{ id: string }>`UPDATE wallet_lots SET remaining = remaining - 1 WHERE member_id = ${walletLotted!.id} RETURNING id`.execute(t.db);
    await sql`UPDATE wallet_balances SET available = available + 1 WHERE member_id = ${walletCached!.id}`.execute(t.db);

    const report = await trialBalance(p.adminKey);
    expect(report.ok).toBe(false);
    const verdicts = Object.fromEntries(report.checks.map((c) => [c.name, { ok: c.ok, violations: c.violations, examples: [...c.examples].sort() }]));
    const named = (...ids: string[]) => ({ ok: ids.length === 0, violations: ids.length, examples: ids.sort() });
    expect(verdicts).toEqual({
      transactions_balance: named(txns[0]!.id, walletTxns[0]!.id),
      // Points and each currency balance apart: the points and the dollars are both off.
      program_balances: named(`${p.programId} points`, `${p.programId} USD`),
      cached_balances_match_entries: named(cached!.id),
      lots_match_allocations: named(lots[0]!.id),
      balances_match_lots: named(lotted!.id, cached!.id),
      held_matches_holds: named(holding!.id),
      gift_card_balances_match_entries: named(),
      versions_without_gaps: named(versioned!.id),
      wallet_balances_match_entries: named(`${walletCached!.id} USD`),
      wallet_lots_match_allocations: named(walletLots[0]!.id),
      wallet_balances_match_lots: named(`${walletLotted!.id} USD`, `${walletCached!.id} USD`),
      wallet_held_matches_holds: named(),
    });
  });

  it('raises no false alarm while writes go on, and another program stays clean', async () => {
    const p = await createProgramFixture(t);
    const members = await Promise.all(Array.from({ length: 20 }, () => enroll(t, p.posKey)));
    let writing = true;
    const writes = (async () => {
      for (let round = 0; writing || round < 3; round++) {
        await Promise.all(members.map((m, i) => (i % 3 === 0 && round > 0 ? post(t, p.posKey, '/v1/redemptions', { member_id: m.id, points: 10 }) : purchase(t, p.posKey, m.id, 1250))));
      }
    })();
    try {
      for (let i = 0; i < 5; i++) {
        const report = await trialBalance(p.adminKey);
        expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      }
    } finally {
      writing = false;
      await writes;
    }
    const report = await expectTrialBalanceOk(t, p.adminKey);
    expect(report.transactions).toBeGreaterThanOrEqual(3 * members.length);
  });
});
