import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPool } from '../../src/db/pool.ts';
import { MigrationError, loadSources, migrate, type SqlSource } from '../../src/db/migrate.ts';
import { createTestDatabase } from '../helpers/database.ts';

interface SourceFunction {
  name: string;
  path: string;
  body: string;
}

/** The functions a source file defines, with their bodies as PostgreSQL stores them (the text between the quotes). */
function functionsIn(source: SqlSource): SourceFunction[] {
  const found: SourceFunction[] = [];
  const create = /^CREATE FUNCTION (\w+)\(/gm;
  for (let match = create.exec(source.sql); match; match = create.exec(source.sql)) {
    const quote = /\bAS (\$\w*\$)/g;
    quote.lastIndex = match.index;
    const open = quote.exec(source.sql)!;
    const start = open.index + open[0].length;
    const end = source.sql.indexOf(open[1]!, start);
    found.push({ name: match[1]!, path: source.path, body: source.sql.slice(start, end) });
  }
  return found;
}

function triggersIn(source: SqlSource): string[] {
  return [...source.sql.matchAll(/^CREATE TRIGGER (\w+)/gm)].map((m) => m[1]!);
}

const OUR_FUNCTIONS = `
  SELECT p.proname AS name, p.prosrc AS body FROM pg_proc p
   WHERE p.pronamespace = 'public'::regnamespace
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`;

async function deployedFunctions(pool: pg.Pool): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ name: string; body: string }>(OUR_FUNCTIONS);
  return new Map(rows.map((r) => [r.name, r.body]));
}

let sources: SqlSource[];
let pool: pg.Pool;
let drop: () => Promise<void>;
beforeAll(async () => {
  sources = await loadSources();
  const database = await createTestDatabase();
  drop = database.drop;
  pool = createPool({ connectionString: database.url, max: 2, statementTimeoutMs: 30_000, connectTimeoutMs: 10_000 });
});
afterAll(async () => {
  await pool.end();
  await drop();
});

describe('SQL sources', () => {
  it('should define every function in exactly one place', () => {
    const defined = sources.flatMap(functionsIn);
    const names = defined.map((f) => f.name);
    expect(names.length).toBeGreaterThan(50);
    const twice = names.filter((name, i) => names.indexOf(name) !== i);
    expect(twice, 'functions defined more than once').toEqual([]);
  });

  it('should deploy exactly the functions the sources define, each with its source body', async () => {
    const deployed = await deployedFunctions(pool);
    const defined = sources.flatMap(functionsIn);
    const strays = [...deployed.keys()].filter((name) => !defined.some((f) => f.name === name));
    expect(strays, 'deployed functions no source defines').toEqual([]);
    const missing = defined.filter((f) => !deployed.has(f.name)).map((f) => `${f.path}: ${f.name}`);
    expect(missing, 'source functions not deployed').toEqual([]);
    const stale = defined.filter((f) => deployed.get(f.name) !== f.body).map((f) => `${f.path}: ${f.name}`);
    expect(stale, 'deployed functions whose body differs from the source').toEqual([]);
  });

  it('should deploy exactly the triggers the sources create', async () => {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace ORDER BY 1`,
    );
    const created = sources.flatMap(triggersIn).sort();
    expect(created.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.name)).toEqual(created);
  });

  it('should record the checksum of every source file it applied', async () => {
    const { rows } = await pool.query<{ path: string; checksum: string }>('SELECT path, checksum FROM schema_sources ORDER BY path');
    expect(rows).toEqual(sources.map((s) => ({ path: s.path, checksum: s.checksum })));
  });
});

describe('migrate with SQL sources', () => {
  /** A private database migrated with the committed sources, for tests that change them. */
  async function scratch() {
    const database = await createTestDatabase();
    const scratchPool = createPool({ connectionString: database.url, max: 2, statementTimeoutMs: 30_000, connectTimeoutMs: 10_000 });
    return {
      pool: scratchPool,
      drop: async () => {
        await scratchPool.end();
        await database.drop();
      },
    };
  }
  const extra: SqlSource = {
    path: 'zz/sql/extra.sql',
    sql: `CREATE FUNCTION pl_extra() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$;`,
    checksum: 'extra-v1',
  };

  it('should apply nothing when no source changed', async () => {
    const s = await scratch();
    try {
      const applied: string[][] = [];
      await migrate(s.pool, undefined, { onSourcesApplied: (paths) => applied.push(paths) });
      expect(applied).toEqual([]);
    } finally {
      await s.drop();
    }
  });

  it('should apply a new source, then drop its function again when the source is removed', async () => {
    const s = await scratch();
    try {
      const applied: string[][] = [];
      await migrate(s.pool, undefined, { sources: [...sources, extra], onSourcesApplied: (paths) => applied.push(paths) });
      expect((await s.pool.query('SELECT pl_extra() AS v')).rows[0].v).toBe(42);

      await migrate(s.pool, undefined, { sources, onSourcesApplied: (paths) => applied.push(paths) });
      expect((await deployedFunctions(s.pool)).has('pl_extra')).toBe(false);
      expect(applied).toHaveLength(2);
      // Triggers dropped with their functions are back: enrolling a member still creates its balance row.
      await s.pool.query(`INSERT INTO programs (id, name, created_at, updated_at) VALUES ('prg_1', 'P', now(), now())`);
      await s.pool.query(`INSERT INTO members (id, program_id, loyalty_id, created_at, updated_at) VALUES ('mem_1', 'prg_1', '12345678', now(), now())`);
      expect((await s.pool.query(`SELECT count(*)::int AS n FROM member_balances WHERE member_id = 'mem_1'`)).rows[0].n).toBe(1);
    } finally {
      await s.drop();
    }
  });

  it('should re-apply a changed function with a new signature', async () => {
    const s = await scratch();
    try {
      await migrate(s.pool, undefined, { sources: [...sources, extra] });
      const changed = { ...extra, sql: `CREATE FUNCTION pl_extra(p int) RETURNS bigint LANGUAGE sql AS $$ SELECT p::bigint * 2 $$;`, checksum: 'extra-v2' };
      await migrate(s.pool, undefined, { sources: [...sources, changed] });
      expect((await s.pool.query('SELECT pl_extra(21) AS v')).rows[0].v).toBe(42);
      const { rows } = await s.pool.query(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'pl_extra'`);
      expect(rows[0].n).toBe(1);
    } finally {
      await s.drop();
    }
  });

  it('should roll back entirely when a source fails, naming the file', async () => {
    const s = await scratch();
    try {
      const broken: SqlSource = { path: 'zz/sql/broken.sql', sql: 'CREATE FUNCTION pl_broken( RETURNS int', checksum: 'broken' };
      await expect(migrate(s.pool, undefined, { sources: [...sources, broken] })).rejects.toThrow(/zz\/sql\/broken\.sql failed/);
      // The committed functions are all still there, and the recorded checksums unchanged.
      expect((await deployedFunctions(s.pool)).size).toBe(sources.flatMap(functionsIn).length);
      const { rows } = await s.pool.query(`SELECT count(*)::int AS n FROM schema_sources WHERE path = 'zz/sql/broken.sql'`);
      expect(rows[0].n).toBe(0);
    } finally {
      await s.drop();
    }
  });

  it('should refuse a schema object that depends on a re-applied function instead of dropping it', async () => {
    const s = await scratch();
    try {
      await s.pool.query(`ALTER TABLE programs ADD COLUMN stamp text DEFAULT pl_ts('2026-01-01T00:00:00Z')`);
      const error = await migrate(s.pool, undefined, { sources: [...sources, extra] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(/default value for column stamp of table programs depends on pl_ts/);
      const { rows } = await s.pool.query(`SELECT column_default FROM information_schema.columns WHERE table_name = 'programs' AND column_name = 'stamp'`);
      expect(rows[0].column_default).toMatch(/pl_ts/);
    } finally {
      await s.drop();
    }
  });
});
