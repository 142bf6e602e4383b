import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type pg from 'pg';
import { MigrationError } from './migrate-error.ts';
import { distributeFunctions, distributeTables, hasCitus } from './placement.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
/** Root of the living SQL sources: every `sql/*.sql` file below it (src/ledger/sql/earn.sql, ...). */
export const SOURCES_DIR = fileURLToPath(new URL('../', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export { MigrationError };

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any fixed number works: it only keeps two starting instances from migrating at once.
export const MIGRATION_LOCK_ID = 7_314_002_001;

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationError(`Migration file ${file} is not named NNNN_name.sql`);
    const sql = await readFile(path.join(dir, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: match[2]!,
      sql,
      checksum: sha256(sql),
    });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`Migrations must be numbered 1..n without gaps; found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

/** A living SQL source file: functions, trigger functions and their triggers, re-applied whenever it changes. */
export interface SqlSource {
  /** Path relative to the sources root, with forward slashes: `ledger/sql/earn.sql`. */
  path: string;
  sql: string;
  checksum: string;
}

/** Every `sql/*.sql` file under `root`, ordered by path. */
export async function loadSources(root = SOURCES_DIR): Promise<SqlSource[]> {
  const files = (await readdir(root, { recursive: true }))
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => /(^|\/)sql\/[^/]+\.sql$/.test(file))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(path.join(root, file), 'utf8');
      return { path: file, sql, checksum: sha256(sql) };
    }),
  );
}

/** single: one PostgreSQL; citus: a Citus coordinator (the tables are distributed); auto: citus when it is installed. */
export type DatabaseMode = 'auto' | 'single' | 'citus';

export interface MigrateOptions {
  /** The living SQL sources (default: loadSources()). */
  sources?: SqlSource[];
  /** DATABASE_MODE (default auto). */
  mode?: DatabaseMode;
  /** Told the tables placed on the cluster (src/db/placement.ts), when any were. */
  onTablesPlaced?: (tables: string[]) => void;
  /** Told the source paths when they were re-applied. */
  onSourcesApplied?: (paths: string[]) => void;
}

/**
 * Applies pending migrations, each in its own transaction, and refuses a database that was migrated by newer code
 * or whose applied migrations were edited since (migrations are frozen once released). Then, under the same lock,
 * re-applies the living SQL sources when any of them differs from what the database last applied (applySources).
 */
export async function migrate(pool: pg.Pool, migrations?: Migration[], options: MigrateOptions = {}): Promise<{ applied: number[] }> {
  const known = migrations ?? (await loadMigrations());
  const sources = options.sources ?? (await loadSources());
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const citus = await clusterMode(client, options.mode ?? 'auto');
    // Our triggers write co-located rows (a member's balance row, its events) on the shard's own worker, which is
    // what Citus cannot prove on its own and so asks to be allowed.
    if (citus) await client.query('SET citus.enable_unsafe_triggers = on');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<AppliedMigration>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    refuseForeignMigrations(rows, known);
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of known) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          m.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`Migration ${m.version} (${m.name}) failed: ${(error as Error).message}`);
      }
      applied.push(m.version);
    }
    if (await applySources(client, sources)) options.onSourcesApplied?.(sources.map((s) => s.path));
    if (citus) {
      const placed = await distributeTables(client);
      if (placed.length > 0) options.onTablesPlaced?.(placed);
      await distributeFunctions(client);
    }
    return { applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    client.release();
  }
}

/** Whether to place the schema on a Citus cluster: DATABASE_MODE=citus insists on it, auto follows the extension. */
async function clusterMode(client: pg.PoolClient, mode: DatabaseMode): Promise<boolean> {
  if (mode === 'single') return false;
  const citus = await hasCitus(client);
  if (mode === 'citus' && !citus) {
    throw new MigrationError('DATABASE_MODE=citus, but the database has no citus extension: DATABASE_URL must name a Citus coordinator database (CREATE EXTENSION citus, with the workers added).');
  }
  return citus;
}

interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

/** A database migrated by newer code, or whose applied migrations were edited since, is never ours to touch. */
function refuseForeignMigrations(rows: AppliedMigration[], known: Migration[]): void {
  const byVersion = new Map(known.map((m) => [m.version, m]));
  for (const row of rows) {
    const local = byVersion.get(row.version);
    if (!local) {
      throw new MigrationError(
        `The database has migration ${row.version} (${row.name}) that this code does not know; refusing to start against a newer schema.`,
      );
    }
    if (local.checksum !== row.checksum) {
      throw new MigrationError(`Migration ${row.version} (${row.name}) was changed after it was applied; add a new migration instead.`);
    }
  }
}

/**
 * For MIGRATE_ON_START=false: changes nothing (a role without DDL rights can run it) and refuses unless the database
 * is exactly at this code's version: every migration applied with the same checksum, none unknown, and the living SQL
 * sources recorded with the same paths and checksums. The owner brings it there with `npm run migrate`.
 */
export async function checkMigrated(pool: pg.Pool, migrations?: Migration[], sources?: SqlSource[]): Promise<void> {
  const known = migrations ?? (await loadMigrations());
  const expectedSources = sources ?? (await loadSources());
  const fix = 'Run `npm run migrate` with a role that owns the schema (MIGRATE_ON_START=false never migrates), then start again.';
  // to_regclass, not the tables themselves: a database never migrated has neither, and that deserves the same advice.
  const { rows: tables } = await pool.query<{ migrations: string | null; sources: string | null }>(
    `SELECT to_regclass('schema_migrations')::text AS migrations, to_regclass('schema_sources')::text AS sources`,
  );
  if (!tables[0]!.migrations || !tables[0]!.sources) throw new MigrationError(`The database has not been migrated. ${fix}`);
  const { rows } = await pool.query<AppliedMigration>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  refuseForeignMigrations(rows, known);
  const problems: string[] = [];
  const done = new Set(rows.map((r) => r.version));
  const pending = known.filter((m) => !done.has(m.version));
  if (pending.length > 0) problems.push(`pending migrations ${pending.map((m) => `${m.version} (${m.name})`).join(', ')}`);
  const { rows: recorded } = await pool.query<{ path: string; checksum: string }>('SELECT path, checksum FROM schema_sources');
  const recordedByPath = new Map(recorded.map((r) => [r.path, r.checksum]));
  const expectedPaths = new Set(expectedSources.map((s) => s.path));
  const differing = [
    ...expectedSources.filter((s) => recordedByPath.get(s.path) !== s.checksum).map((s) => s.path),
    ...recorded.filter((r) => !expectedPaths.has(r.path)).map((r) => r.path),
  ];
  if (differing.length > 0) problems.push(`SQL sources not applied as in this code: ${differing.sort().join(', ')}`);
  if (problems.length > 0) {
    throw new MigrationError(`The database is not migrated to this version of the code (${problems.join('; ')}). ${fix}`);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Our functions: those in the public schema that no extension owns (pg_trgm's, plpgsql_check's and Citus's are
 * not ours to drop).
 */
const OUR_FUNCTIONS = `
  SELECT p.oid FROM pg_proc p
   WHERE p.pronamespace = 'public'::regnamespace
     AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`;

/** A CREATE TRIGGER statement of a source file: ours never hold a semicolon before their end. */
const TRIGGER_STATEMENT = /^CREATE (?:CONSTRAINT )?TRIGGER\b[^;]*;/gm;

/**
 * Flyway's repeatable migrations, whole: when any source file's checksum differs from the one recorded (or a file
 * was added or removed), every function of ours is dropped and every source file applied again, in one
 * transaction. Dropping first is what keeps the database exactly as the source says: a function removed or renamed
 * in source leaves no stray behind, and a changed signature or return type needs no hand-written DROP. Triggers are
 * dropped with their functions and created again by the source file that defines them. Function bodies are checked
 * when called, not when created (check_function_bodies off, as pg_dump restores do), so files apply in any order.
 * Returns whether anything was applied.
 */
export async function applySources(client: pg.PoolClient, sources: SqlSource[]): Promise<boolean> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_sources (
    path text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<{ path: string; checksum: string }>('SELECT path, checksum FROM schema_sources');
  const recorded = new Map(rows.map((r) => [r.path, r.checksum]));
  if (recorded.size === sources.length && sources.every((s) => recorded.get(s.path) === s.checksum)) return false;

  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL check_function_bodies = off');
    // Only triggers may depend on our functions: a column default, constraint, index or view that did would be
    // dropped silently by the CASCADE below, so a migration that adds one is refused here instead.
    const { rows: dependents } = await client.query<{ dependent: string; fn: string }>(
      `SELECT pg_describe_object(d.classid, d.objid, d.objsubid) AS dependent, d.refobjid::regprocedure::text AS fn
         FROM pg_depend d
        WHERE d.refclassid = 'pg_proc'::regclass AND d.refobjid IN (${OUR_FUNCTIONS})
          AND d.classid NOT IN ('pg_trigger'::regclass, 'pg_proc'::regclass) AND d.deptype = 'n'`,
    );
    if (dependents.length > 0) {
      const list = dependents.map((d) => `${d.dependent} depends on ${d.fn}`).join('; ');
      throw new MigrationError(`Schema objects may not depend on functions re-applied from SQL sources: ${list}`);
    }
    const { rows: ours } = await client.query<{ fn: string }>(`SELECT oid::regprocedure::text AS fn FROM (${OUR_FUNCTIONS}) f`);
    if (ours.length > 0) await client.query(`DROP FUNCTION ${ours.map((o) => o.fn).join(', ')} CASCADE`);
    for (const source of sources) {
      try {
        // Triggers go one statement at a time, after the file's functions: on a Citus cluster a CREATE TRIGGER on a
        // distributed table is forwarded to the shards as the text of the query it came in, which must be that one
        // statement (the rest of the file would be refused there as "multiple commands").
        const triggers = source.sql.match(TRIGGER_STATEMENT) ?? [];
        await client.query(source.sql.replace(TRIGGER_STATEMENT, ''));
        for (const trigger of triggers) await client.query(trigger);
      } catch (error) {
        throw new MigrationError(`SQL source ${source.path} failed: ${(error as Error).message}`);
      }
    }
    await client.query('DELETE FROM schema_sources');
    await client.query('INSERT INTO schema_sources (path, checksum) SELECT * FROM unnest($1::text[], $2::text[])', [
      sources.map((s) => s.path),
      sources.map((s) => s.checksum),
    ]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK');
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(`Applying the SQL sources failed: ${(error as Error).message}`);
  }
}
