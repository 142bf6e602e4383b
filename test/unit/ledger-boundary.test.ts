import { describe, expect, it } from 'vitest';
import { LEDGER_FUNCTIONS, ledgerCloseHold, ledgerRedeem, ledgerTierReview } from '../../src/ledger/functions.ts';
import { callText, callValues, checkArgs, checkResult, unwrap, LedgerRefusal } from '../../src/ledger/sql-call.ts';
import { loadSources } from '../../src/db/migrate.ts';
import { DEFAULT_SETTINGS } from '../../src/programs/settings.ts';
import { rulesPayload } from '../../src/rules/rules.ts';

const envelope = {
  program_id: 'prg_1',
  idempotency_key: 'key-1',
  request_hash: '00',
  now: '2026-01-01T00:00:00.000Z',
  timezone: 'Asia/Baku',
  rules: rulesPayload(DEFAULT_SETTINGS, new Date('2026-01-01T00:00:00Z')),
};

describe('the typed boundary between TypeScript and SQL', () => {
  it('should name every function a SQL source defines, each with the member as its first argument', async () => {
    const sql = (await loadSources()).map((s) => s.sql).join('\n');
    for (const fn of LEDGER_FUNCTIONS) expect(sql, fn.name).toContain(`CREATE FUNCTION ${fn.name}(p_member text, p jsonb)`);
  });

  it('should send every function its member first (the argument a cluster routes by), then its argument', () => {
    const args = { ...envelope, txn_id: 'txn_1', redemption_id: 'red_1', points: 10, reason: null, store_id: null };
    expect(callText(ledgerRedeem)).toBe('SELECT ledger_redeem($1, $2::jsonb) AS result');
    expect(callValues({ fn: ledgerRedeem, member: 'mem_1', args })).toEqual(['mem_1', JSON.stringify(args)]);
    expect(callText(ledgerCloseHold)).toBe('SELECT ledger_close_hold($1, $2::jsonb) AS result');
    expect(ledgerCloseHold.owner).toEqual({ resource: 'hold', idField: 'hold_id' });
  });

  it('should refuse an argument that breaks the function schema', () => {
    const args = { ...envelope, txn_id: 'txn_1', redemption_id: 'red_1', points: 1.5, reason: null, store_id: null };
    expect(() => checkArgs({ fn: ledgerRedeem, member: 'mem_1', args })).toThrow();
  });

  it('should pass a refusal, and refuse a result that is neither a refusal nor the function result', () => {
    expect(checkResult(ledgerTierReview, { error: 'member_not_found' })).toEqual({ error: 'member_not_found' });
    expect(checkResult(ledgerTierReview, { changed: false })).toEqual({ changed: false });
    expect(() => checkResult(ledgerTierReview, { changed: 'yes' })).toThrow(/ledger_tier_review returned a result its schema refuses/);
  });

  it('should turn a refusal into a domain error and a result into its body and replay flag', () => {
    expect(() => unwrap<typeof ledgerTierReview>({ error: 'member_not_found', member_id: 'mem_1' })).toThrow(LedgerRefusal);
    expect(unwrap<typeof ledgerTierReview>({ changed: true, replayed: true })).toEqual({ replayed: true, body: { changed: true } });
  });
});
