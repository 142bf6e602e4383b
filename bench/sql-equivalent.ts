import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { runPgbench, type PgbenchResult } from './pgbench.ts';

/**
 * The database-only twin of the `mixed` scenario: pgbench calls the same ledger functions the service calls
 * (ledger_earn / ledger_redeem / ledger_balance, 70/25/5) with the same payloads, as prepared statements, with as
 * many clients as the service has pool connections. Dividing the service's throughput by this shows what HTTP,
 * validation, auth and JSON cost on top of the database. A second run repeats ledger.md's accrual row (insert a
 * transaction, update a balance, insert an entry) to show how this machine compares with that table today.
 */
export interface SqlComparison {
  mixed: PgbenchResult;
  accrualBaseline: PgbenchResult;
  clients: number;
  durationSeconds: number;
}

export async function compareWithSql(options: {
  pool: pg.Pool;
  connectionString: string;
  programId: string;
  memberIds: readonly string[];
  rules: Record<string, unknown>;
  clients: number;
  durationSeconds: number;
}): Promise<SqlComparison> {
  const { pool } = options;
  await pool.query('CREATE TABLE IF NOT EXISTS bench_members (n integer PRIMARY KEY, member_id text NOT NULL)');
  await pool.query('TRUNCATE bench_members');
  await pool.query('INSERT INTO bench_members SELECT n, id FROM unnest($1::text[]) WITH ORDINALITY AS m(id, n)', [options.memberIds]);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'pl-pgbench-'));
  try {
    // The constant part of every payload lives in a table: pgbench would read the JSON's ":name" as its variables.
    await pool.query('CREATE TABLE IF NOT EXISTS bench_payload (p jsonb NOT NULL)');
    await pool.query('TRUNCATE bench_payload');
    await pool.query('INSERT INTO bench_payload VALUES ($1)', [
      JSON.stringify({ program_id: options.programId, request_hash: '00', timezone: 'Asia/Baku', rules: options.rules }),
    ]);
    const common = '(SELECT p FROM bench_payload)';
    const member = `(SELECT member_id FROM bench_members WHERE n = :n)`;
    const fresh = (prefix: string) => `'${prefix}_' || md5(random()::text)`;
    const header = `\\set n random(1, ${options.memberIds.length})\n`;
    const earn = `${header}SELECT ledger_earn(${common} || jsonb_build_object('member_id', ${member}, 'idempotency_key', ${fresh('pgb')}, 'now', now(), 'occurred_at', now(), 'matures_at', now(), 'expires_at', now() + interval '12 months', 'points', 100, 'rate', 8, 'receipt_id', ${fresh('r')}, 'amount', 1250, 'currency', 'AZN', 'txn_id', ${fresh('txn')}, 'purchase_id', ${fresh('pur')}, 'lot_id', ${fresh('lot')}, 'bonus_points', 0, 'tier_change_id', ${fresh('tch')}));\n`;
    const redeem = `${header}SELECT ledger_redeem(${common} || jsonb_build_object('member_id', ${member}, 'idempotency_key', ${fresh('pgb')}, 'now', now(), 'points', 10, 'txn_id', ${fresh('txn')}, 'redemption_id', ${fresh('red')}));\n`;
    const balance = `${header}SELECT ledger_balance(${common} || jsonb_build_object('member_id', ${member}, 'now', now()));\n`;
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

    await pool.query(`CREATE TABLE IF NOT EXISTS bench_accrual_balances (id integer PRIMARY KEY, available bigint NOT NULL DEFAULT 0, version bigint NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS bench_accrual_transactions (id bigserial PRIMARY KEY, member integer NOT NULL, points bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE IF NOT EXISTS bench_accrual_entries (txn bigint NOT NULL, account text NOT NULL, amount bigint NOT NULL);
      INSERT INTO bench_accrual_balances (id) SELECT g FROM generate_series(1, 10000) g ON CONFLICT DO NOTHING`);
    await writeFile(
      path.join(dir, 'accrual.sql'),
      `\\set m random(1, 10000)
BEGIN;
INSERT INTO bench_accrual_transactions (member, points) VALUES (:m, 100);
UPDATE bench_accrual_balances SET available = available + 100, version = version + 1 WHERE id = :m;
INSERT INTO bench_accrual_entries VALUES (currval('bench_accrual_transactions_id_seq'), 'available', 100);
COMMIT;
`,
    );
    const accrualBaseline = await runPgbench({
      connectionString: options.connectionString,
      scriptFile: path.join(dir, 'accrual.sql'),
      clients: 16,
      durationSeconds: Math.min(options.durationSeconds, 10),
    });
    return { mixed, accrualBaseline, clients: options.clients, durationSeconds: options.durationSeconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
