import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { MemberBalanceTable } from '../../src/db/schema.ts';
import { afterAll, beforeAll } from 'vitest';
import type pg from 'pg';
import { createPool } from '../../src/db/pool.ts';
import { createTestDatabase } from './database.ts';

/**
 * SQL-level specs: a database of the test file's own (a clone of the migrated template) and a pool on it, for tests
 * that set rows up with SQL and call the `pl_*` functions directly, without the service in between.
 */
export interface SqlDb {
  pool: pg.Pool;
  /** Rows of one statement. */
  rows<T extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The first column of the single row of one statement (e.g. `SELECT pl_draw(...)`). */
  value<T = unknown>(text: string, params?: unknown[]): Promise<T>;
  /**
   * Runs one statement the way the write path does: in a transaction that first locks the member's balance row, as
   * the building blocks assume. Returns the first column of its single row.
   */
  locked<T = unknown>(memberId: string, text: string, params?: unknown[]): Promise<T>;
}

/** Registers beforeAll/afterAll for the file and returns a getter for its database. */
export function useSqlDatabase(): () => SqlDb {
  let db: SqlDb | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    // UTC for the session: month arithmetic on timestamptz (the tier window) follows the session's time zone.
    const url = new URL(database.url);
    url.searchParams.set('options', '-c TimeZone=UTC');
    const pool = createPool({ connectionString: url.toString(), max: 2, statementTimeoutMs: 30_000, connectTimeoutMs: 10_000, applicationName: 'sql-specs' });
    pool.on('error', () => undefined);
    const rows = async <T extends object>(text: string, params: unknown[] = []) => (await pool.query<T & pg.QueryResultRow>(text, params)).rows as T[];
    db = {
      pool,
      rows,
      value: async <T>(text: string, params: unknown[] = []) => {
        const result = await pool.query({ text, values: params, rowMode: 'array' });
        if (result.rows.length !== 1) throw new Error(`expected one row, got ${result.rows.length}: ${text}`);
        return (result.rows[0] as unknown[])[0] as T;
      },
      locked: async <T>(memberId: string, text: string, params: unknown[] = []) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('SELECT 1 FROM member_balances WHERE member_id = $1 FOR UPDATE', [memberId]);
          const result = await client.query({ text, values: params, rowMode: 'array' });
          await client.query('COMMIT');
          if (result.rows.length !== 1) throw new Error(`expected one row, got ${result.rows.length}: ${text}`);
          return (result.rows[0] as unknown[])[0] as T;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
    };
    drop = async () => {
      await pool.end();
      await database.drop();
    };
  });
  afterAll(async () => {
    await drop?.();
  });
  return () => {
    if (!db) throw new Error('the SQL test database is not ready (useSqlDatabase registers beforeAll)');
    return db;
  };
}

/** A text id unique across the run; any unique text works in these tables. */
export const uid = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '')}`;

export interface MemberFixture {
  programId: string;
  memberId: string;
}

/** A program of its own with one active member; the members trigger creates the member's balance row. */
export async function createMember(db: SqlDb, at = '2025-01-01T00:00:00Z'): Promise<MemberFixture> {
  const programId = uid('prg');
  const memberId = uid('mem');
  await db.rows(`INSERT INTO programs (id, name, created_at, updated_at) VALUES ($1, 'SQL spec', $2, $2)`, [programId, at]);
  await db.rows(`INSERT INTO members (id, program_id, loyalty_id, created_at, updated_at) VALUES ($1, $2, '00000001', $3, $3)`, [memberId, programId, at]);
  return { programId, memberId };
}

export interface LotSpec {
  id?: string;
  granted: number;
  /** Defaults to granted. */
  remaining?: number;
  /** Defaults to true. */
  matured?: boolean;
  maturesAt?: string;
  expiresAt: string;
  source?: string;
}

/**
 * A lot, with the member's balance kept in step: its remaining points are added to `available` when matured and to
 * `pending` otherwise. Returns the lot id.
 */
export async function insertLot(db: SqlDb, m: MemberFixture, lot: LotSpec): Promise<string> {
  const id = lot.id ?? uid('lot');
  const matured = lot.matured ?? true;
  const remaining = lot.remaining ?? lot.granted;
  await db.rows(
    `INSERT INTO lots (member_id, id, program_id, txn_id, source, granted, remaining, matured, matures_at, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9)`,
    [m.memberId, id, m.programId, uid('txn'), lot.source ?? 'earn', lot.granted, remaining, matured, lot.maturesAt ?? '2025-01-01T00:00:00Z', lot.expiresAt],
  );
  await db.rows(`UPDATE member_balances SET ${matured ? 'available = available' : 'pending = pending'} + $2 WHERE member_id = $1`, [m.memberId, remaining]);
  return id;
}

export type Balance = Pick<
  Selectable<MemberBalanceTable>,
  'available' | 'pending' | 'held' | 'debt' | 'lifetime_earned' | 'lifetime_redeemed' | 'lifetime_expired' | 'purchase_count' | 'version' | 'next_due_at' | 'last_activity_at' | 'last_purchase_at'
>;

export async function balanceOf(db: SqlDb, memberId: string): Promise<Balance> {
  const [row] = await db.rows<Balance>(
    `SELECT available, pending, held, debt, lifetime_earned, lifetime_redeemed, lifetime_expired, purchase_count, version,
            next_due_at, last_activity_at, last_purchase_at
       FROM member_balances WHERE member_id = $1`,
    [memberId],
  );
  if (!row) throw new Error(`no balance row for ${memberId}`);
  return row;
}

export async function lotsOf(db: SqlDb, memberId: string) {
  return db.rows<{ id: string; granted: number; remaining: number; matured: boolean; matures_at: Date; expires_at: Date; source: string; txn_id: string }>(
    `SELECT id, granted, remaining, matured, matures_at, expires_at, source, txn_id FROM lots WHERE member_id = $1 ORDER BY id`,
    [memberId],
  );
}

export async function remainingOf(db: SqlDb, memberId: string): Promise<Record<string, number>> {
  return Object.fromEntries((await lotsOf(db, memberId)).map((l) => [l.id, l.remaining]));
}

export async function allocationsOf(db: SqlDb, memberId: string) {
  return db.rows<{ txn_id: string; lot_id: string; ref_txn_id: string; program_id: string; points: number }>(
    `SELECT txn_id, lot_id, ref_txn_id, program_id, points FROM lot_allocations WHERE member_id = $1 ORDER BY txn_id, lot_id`,
    [memberId],
  );
}

/** The member's ledger transactions in version order. */
export async function transactionsOf(db: SqlDb, memberId: string) {
  return db.rows<{ id: string; type: string; points: number; resource_id: string | null; ref_id: string | null; occurred_at: Date; recorded_at: Date; version: number; data: Record<string, unknown> }>(
    `SELECT id, type, points, resource_id, ref_id, occurred_at, recorded_at, version, data FROM ledger_transactions WHERE member_id = $1 ORDER BY version`,
    [memberId],
  );
}

/** One transaction's entries as { account: amount }. */
export async function entriesOf(db: SqlDb, memberId: string, txnId: string): Promise<Record<string, number>> {
  const rows = await db.rows<{ account: string; amount: number }>(`SELECT account, amount FROM ledger_entries WHERE member_id = $1 AND txn_id = $2`, [memberId, txnId]);
  return Object.fromEntries(rows.map((r) => [r.account, r.amount]));
}

/** The member's transactions whose entries do not sum to zero, or that have no entries at all. Expect []. */
export async function unbalancedTransactions(db: SqlDb, memberId: string) {
  return db.rows<{ id: string; total: number | null }>(
    `SELECT t.id, sum(e.amount)::bigint AS total
       FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.member_id = t.member_id AND e.txn_id = t.id
      WHERE t.member_id = $1
      GROUP BY t.id
     HAVING count(e.account) = 0 OR sum(e.amount) <> 0`,
    [memberId],
  );
}

export const date = (iso: string) => new Date(iso);
