import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { runPgbench, type PgbenchResult } from './pgbench.ts';
import { ledgerBalance, ledgerEarn, ledgerRedeem, type Args, type WriteEnvelope } from '../src/ledger/functions.ts';
import type { rulesPayload } from '../src/rules/rules.ts';

/**
 * The database-only twin of the `mixed` scenario: pgbench calls the same ledger functions the service calls
 * (ledger_earn / ledger_redeem / ledger_balance, 70/25/5) with the same payloads, as prepared statements, with as
 * many clients as the service has pool connections. Dividing the service's throughput by this shows what HTTP,
 * validation, auth and JSON cost on top of the database. A second run repeats ledger.md's accrual row (insert a
 * transaction, update a balance, insert an entry) to show how this machine compares with that table today. A third,
 * the reference of the speed issue's first target, runs ledger.md's minimal SQL in the mixed load's proportions:
 * the accrual (70), a redemption by guarded UPDATE (25) and a balance read (5), 32 clients as the service's load has.
 */
export interface SqlComparison {
  mixed: PgbenchResult;
  accrualBaseline: PgbenchResult;
  /** ledger.md's minimal accrual / guarded redeem / balance SQL, 70/25/5, MINIMAL_MIX_CLIENTS clients. */
  minimalMix: PgbenchResult;
  clients: number;
  durationSeconds: number;
}

/** As many clients as the bench's load has connections by default. */
export const MINIMAL_MIX_CLIENTS = 32;

export async function compareWithSql(options: {
  pool: pg.Pool;
  connectionString: string;
  programId: string;
  memberIds: readonly string[];
  rules: ReturnType<typeof rulesPayload>;
  clients: number;
  durationSeconds: number;
}): Promise<SqlComparison> {
  const { pool } = options;
  await pool.query('CREATE TABLE IF NOT EXISTS bench_members (n integer PRIMARY KEY, member_id text NOT NULL)');
  await pool.query('TRUNCATE bench_members');
  await pool.query('INSERT INTO bench_members SELECT n, id FROM unnest($1::text[]) WITH ORDINALITY AS m(id, n)', [options.memberIds]);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'pl-pgbench-'));
  try {
    // Each function's argument is a typed template (the compiler holds it to the function's schema); the scripts
    // replace only what must be unique per call. The templates live in a table: pgbench would read the JSON's
    // ":name" as its variables.
    const at = new Date().toISOString();
    const envelope: WriteEnvelope = { program_id: options.programId, idempotency_key: null, request_hash: '00', now: at, timezone: 'Asia/Baku', rules: options.rules };
    const earnArgs = benchEarnArgs(envelope, { txn_id: '', purchase_id: '', lot_id: '', receipt_id: '', bonus_txn_id: '', bonus_lot_id: '', tier_change_id: '' }, at);
    const redeemArgs: Args<typeof ledgerRedeem> = { ...envelope, txn_id: '', redemption_id: '', points: 10, reason: null, store_id: null };
    const balanceArgs: Args<typeof ledgerBalance> = { program_id: options.programId, now: at, timezone: 'Asia/Baku', rules: options.rules };
    await pool.query('CREATE TABLE IF NOT EXISTS bench_payload (fn text PRIMARY KEY, p jsonb NOT NULL)');
    await pool.query('TRUNCATE bench_payload');
    await pool.query('INSERT INTO bench_payload VALUES ($1, $2), ($3, $4), ($5, $6)', [
      ledgerEarn.name,
      JSON.stringify(earnArgs),
      ledgerRedeem.name,
      JSON.stringify(redeemArgs),
      ledgerBalance.name,
      JSON.stringify(balanceArgs),
    ]);
    const template = (fn: string) => `(SELECT p FROM bench_payload WHERE fn = '${fn}')`;
    const member = `(SELECT member_id FROM bench_members WHERE n = :n)`;
    const fresh = (prefix: string) => `'${prefix}_' || md5(random()::text)`;
    const header = `\\set n random(1, ${options.memberIds.length})\n`;
    const perCall = `'now', now(), 'idempotency_key', ${fresh('pgb')}, 'txn_id', ${fresh('txn')}`;
    const earn = `${header}SELECT ${ledgerEarn.name}(${member}, ${template(ledgerEarn.name)} || jsonb_build_object(${perCall}, 'occurred_at', now(), 'matures_at', now(), 'expires_at', now() + interval '12 months', 'receipt_id', ${fresh('r')}, 'purchase_id', ${fresh('pur')}, 'lot_id', ${fresh('lot')}, 'bonus_txn_id', ${fresh('txn')}, 'bonus_lot_id', ${fresh('lot')}, 'tier_change_id', ${fresh('tch')}));\n`;
    const redeem = `${header}SELECT ${ledgerRedeem.name}(${member}, ${template(ledgerRedeem.name)} || jsonb_build_object(${perCall}, 'redemption_id', ${fresh('red')}));\n`;
    const balance = `${header}SELECT ${ledgerBalance.name}(${member}, ${template(ledgerBalance.name)} || jsonb_build_object('now', now()));\n`;
    await Promise.all([
      writeFile(path.join(dir, 'earn.sql'), earn),
      writeFile(path.join(dir, 'redeem.sql'), redeem),
      writeFile(path.join(dir, 'balance.sql'), balance),
    ]);
    const mixed = await runPgbench({
      connectionString: options.connectionString,
      scriptFile: [`${path.join(dir, 'earn.sql')}@70`, `${path.join(dir, 'redeem.sql')}@25`, `${path.join(dir, 'balance.sql')}@5`],
      clients: options.clients,
      durationSeconds: options.durationSeconds,
    });

    // Every balance starts with enough for every redemption, so the guarded UPDATE always finds its row's points.
    await pool.query(`CREATE TABLE IF NOT EXISTS bench_accrual_balances (id integer PRIMARY KEY, available bigint NOT NULL DEFAULT 0, version bigint NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS bench_accrual_transactions (id bigserial PRIMARY KEY, member integer NOT NULL, points bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE IF NOT EXISTS bench_accrual_entries (txn bigint NOT NULL, account text NOT NULL, amount bigint NOT NULL);
      INSERT INTO bench_accrual_balances (id, available) SELECT g, 1000000000 FROM generate_series(1, 10000) g ON CONFLICT DO NOTHING`);
    const minimal = (points: string, guard: string) => `\\set m random(1, 10000)
BEGIN;
INSERT INTO bench_accrual_transactions (member, points) VALUES (:m, ${points});
UPDATE bench_accrual_balances SET available = available + ${points}, version = version + 1 WHERE id = :m${guard};
INSERT INTO bench_accrual_entries VALUES (currval('bench_accrual_transactions_id_seq'), 'available', ${points});
COMMIT;
`;
    await Promise.all([
      writeFile(path.join(dir, 'accrual.sql'), minimal('100', '')),
      writeFile(path.join(dir, 'redeem-guarded.sql'), minimal('-10', ' AND available >= 10')),
      writeFile(path.join(dir, 'balance-row.sql'), `\\set m random(1, 10000)\nSELECT available FROM bench_accrual_balances WHERE id = :m;\n`),
    ]);
    const accrualBaseline = await runPgbench({
      connectionString: options.connectionString,
      scriptFile: path.join(dir, 'accrual.sql'),
      clients: 16,
      durationSeconds: Math.min(options.durationSeconds, 10),
    });
    const minimalMix = await runPgbench({
      connectionString: options.connectionString,
      scriptFile: [`${path.join(dir, 'accrual.sql')}@70`, `${path.join(dir, 'redeem-guarded.sql')}@25`, `${path.join(dir, 'balance-row.sql')}@5`],
      clients: MINIMAL_MIX_CLIENTS,
      durationSeconds: Math.min(options.durationSeconds, 10),
    });
    return { mixed, accrualBaseline, minimalMix, clients: options.clients, durationSeconds: options.durationSeconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The ids an earn needs unique per call. */
export type EarnIds = Pick<Args<typeof ledgerEarn>, 'txn_id' | 'purchase_id' | 'lot_id' | 'receipt_id' | 'bonus_txn_id' | 'bonus_lot_id' | 'tier_change_id'>;

/** The bench's earn: 12.50 AZN at 8 points per AZN (100 points), no store, channel or device, no bonus, maturing at once. */
export function benchEarnArgs(envelope: WriteEnvelope, ids: EarnIds, at: string, expiresAt = at): Args<typeof ledgerEarn> {
  return {
    ...envelope,
    ...ids,
    amount: 1250,
    currency: 'AZN',
    store_id: null,
    channel: null,
    device: null,
    points: 100,
    rate: 8,
    rate_set_id: null,
    rise_percent: null,
    bonus_points: 0,
    occurred_at: at,
    matures_at: at,
    expires_at: expiresAt,
  };
}
