import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPool } from '../../src/db/pool.ts';
import { PLACEMENTS } from '../../src/db/placement.ts';
import { createTestDatabase } from '../helpers/database.ts';

/**
 * PLACEMENTS against the schema the migrations build, on a single PostgreSQL as much as on a cluster: a migration
 * that adds a table without a placement, or a key a cluster could not enforce, fails here before anyone runs Citus.
 */

let pool: pg.Pool;
let drop: () => Promise<void>;
beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  pool = createPool({ connectionString: database.url, max: 2, statementTimeoutMs: 30_000, connectTimeoutMs: 10_000 });
  pool.on('error', () => undefined);
});
afterAll(async () => {
  await pool?.end();
  await drop?.();
});

/** The schema's own tables: on a Citus coordinator the shards placed there are not tables of the schema. */
async function schemaTables(): Promise<string[]> {
  const { rows: citus } = await pool.query<{ citus: boolean }>(`SELECT to_regclass('pg_dist_shard') IS NOT NULL AS citus`);
  const notAShard = citus[0]!.citus
    ? `AND NOT EXISTS (SELECT 1 FROM pg_dist_shard s WHERE c.relname = s.logicalrelid::regclass::text || '_' || s.shardid)`
    : '';
  const { rows } = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition ${notAShard}
      ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

const distributed = Object.entries(PLACEMENTS).flatMap(([table, p]) => (p.kind === 'member' || p.kind === 'key' ? [{ table, kind: p.kind, column: p.column }] : []));

describe('PLACEMENTS and the migrated schema', () => {
  it('names every table of the schema, and only tables that exist', async () => {
    const tables = await schemaTables();
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((t) => !(t in PLACEMENTS)), 'tables without a placement in src/db/placement.ts').toEqual([]);
    expect(Object.keys(PLACEMENTS).filter((t) => !tables.includes(t)), 'placements of tables the schema does not have').toEqual([]);
  });

  it.each(distributed)('$table: its distribution column $column exists and is NOT NULL', async ({ table, column }) => {
    const { rows } = await pool.query<{ notnull: boolean }>(
      `SELECT a.attnotnull AS notnull FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
      [table, column],
    );
    expect(rows, `${table}.${column} does not exist`).toHaveLength(1);
    expect(rows[0]!.notnull, `${table}.${column} is nullable: a row without it has no shard`).toBe(true);
  });

  // Citus enforces a unique index (primary keys, unique constraints and indexes, exclusion constraints) of a
  // distributed table only when it has the distribution column among its plain columns: then every pair of rows that
  // could clash lives on the same shard, where the index sees both.
  it.each(distributed)('$table: every unique index has $column among its columns', async ({ table, column }) => {
    const { rows } = await pool.query<{ index: string; definition: string; covers: boolean }>(
      `SELECT i.indexrelid::regclass::text AS index, pg_get_indexdef(i.indexrelid) AS definition,
              (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attname = $2) = ANY (i.indkey::int2[]) AS covers
         FROM pg_index i
        WHERE i.indrelid = to_regclass($1) AND (i.indisunique OR i.indisexclusion)`,
      [table, column],
    );
    expect(rows.length, `${table} has no unique index at all`).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.covers).map((r) => r.definition), `unique indexes of ${table} a cluster could not enforce`).toEqual([]);
  });
});
