import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import pino from 'pino';
import { createPool } from '../../src/db/pool.ts';
import { MIGRATION_LOCK_ID, MigrationError, loadMigrations, migrate, type Migration } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase } from '../helpers/database.ts';

interface Scratch {
  pool: pg.Pool;
  url: string;
  drop(): Promise<void>;
}

/** A scratch database (empty, or a clone of the migrated template) with a pool on it. */
async function scratch(options: { empty?: boolean } = {}): Promise<Scratch> {
  const database = await createTestDatabase(options);
  const pool = createPool({ connectionString: database.url, max: 4, statementTimeoutMs: 30_000, connectTimeoutMs: 10_000, applicationName: 'migrations-test' });
  return {
    pool,
    url: database.url,
    drop: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

async function recorded(pool: pg.Pool) {
  const { rows } = await pool.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  return rows;
}

function withSql(m: Migration, sql: string): Migration {
  return { ...m, sql, checksum: createHash('sha256').update(sql).digest('hex') };
}

const rejection = (promise: Promise<unknown>) => promise.then(() => new Error('expected a rejection'), (error: unknown) => error);

let known: Migration[];
beforeAll(async () => {
  known = await loadMigrations();
});

describe('migrate', () => {
  describe('on an empty database', () => {
    let s: Scratch | undefined;
    afterEach(async () => {
      await s?.drop();
      s = undefined;
    });

    it('should apply every migration, record version, name and checksum, and apply nothing the second time', async () => {
      s = await scratch({ empty: true });

      expect(await migrate(s.pool)).toEqual({ applied: known.map((m) => m.version) });
      expect(await recorded(s.pool)).toEqual(known.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
      const { rows } = await s.pool.query(`SELECT to_regclass('public.members')::text AS members, to_regclass('public.api_keys')::text AS api_keys`);
      expect(rows[0]).toEqual({ members: 'members', api_keys: 'api_keys' });

      const before = await recorded(s.pool);
      expect(await migrate(s.pool)).toEqual({ applied: [] });
      expect(await recorded(s.pool)).toEqual(before);
    });

    it('should apply each migration once when three instances start together', async () => {
      s = await scratch({ empty: true });
      const results = await Promise.all([migrate(s.pool), migrate(s.pool), migrate(s.pool)]);
      expect(results.flatMap((r) => r.applied).sort((a, b) => a - b)).toEqual(known.map((m) => m.version));
      expect(await recorded(s.pool)).toHaveLength(known.length);
    });
  });

  describe('on a migrated database', () => {
    let s: Scratch;
    beforeAll(async () => {
      s = await scratch();
    });
    afterAll(() => s.drop());
    // Each test tampers with schema_migrations; put it back as the code knows it.
    afterEach(async () => {
      await s.pool.query('DELETE FROM schema_migrations WHERE version > $1', [known.length]);
      for (const m of known) await s.pool.query('UPDATE schema_migrations SET checksum = $2 WHERE version = $1', [m.version, m.checksum]);
    });

    it('should find it fully migrated and apply nothing', async () => {
      expect(await migrate(s.pool)).toEqual({ applied: [] });
    });

    it('should refuse a database migrated by newer code', async () => {
      await s.pool.query(`INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'from_the_future', 'abc')`);
      const error = await rejection(migrate(s.pool));
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(/9999 \(from_the_future\).*does not know/);
    });

    it('should refuse a migration whose file changed after it was applied', async () => {
      await s.pool.query(`UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1`);
      const error = await rejection(migrate(s.pool));
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(/Migration 1 \(foundation\) was changed after it was applied/);
    });

    it('should refuse an edited migration even when the edit is only whitespace', async () => {
      const edited = known.map((m, i) => (i === 0 ? withSql(m, `${m.sql}\n`) : m));
      await expect(migrate(s.pool, edited)).rejects.toThrow(MigrationError);
    });

    it('should roll back a failing migration entirely and record nothing for it', async () => {
      const broken = withSql({ version: known.length + 1, name: 'broken', sql: '', checksum: '' }, 'CREATE TABLE half_done (id int); SELECT 1 / 0;');

      const error = await rejection(migrate(s.pool, [...known, broken]));

      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(/broken\) failed: division by zero/);
      expect((await s.pool.query(`SELECT to_regclass('public.half_done') AS t`)).rows[0].t).toBeNull();
      expect((await recorded(s.pool)).map((r) => r.version)).toEqual(known.map((m) => m.version));
    });

    it('should release its advisory lock, even after a refusal', async () => {
      await s.pool.query(`UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1`);
      await expect(migrate(s.pool)).rejects.toThrow(MigrationError);
      // Ours only: a Citus coordinator takes advisory locks of its own (metadata sync, recovery) in the database.
      const { rows } = await s.pool.query(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND (classid::bigint << 32 | objid::bigint) = $1 AND objsubid = 1`,
        [MIGRATION_LOCK_ID],
      );
      expect(rows[0].n).toBe(0);
    });

    it('should make openDatabase refuse to start, and close the pool it opened', async () => {
      await s.pool.query(`INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'from_the_future', 'abc')`);
      const config = loadConfig({ DATABASE_URL: s.url, LOG_LEVEL: 'silent' });
      await expect(openDatabase(config, pino({ level: 'silent' }))).rejects.toThrow(MigrationError);
      // A backend takes a moment to exit after its client disconnects.
      const appSessions = async () =>
        (await s.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'points-ledger'`)).rows[0].n;
      await expect.poll(appSessions).toBe(0);
    });
  });
});

describe('openDatabase', () => {
  it('should migrate DATABASE_URL and configure the pool from the environment', async () => {
    const s = await scratch({ empty: true });
    try {
      const config = loadConfig({ DATABASE_URL: s.url, DB_POOL_SIZE: '3', DB_STATEMENT_TIMEOUT_MS: '1234', LOG_LEVEL: 'silent' });
      const database = await openDatabase(config, pino({ level: 'silent' }));
      try {
        expect(database.embedded).toBeNull();
        expect(database.pool.options.max).toBe(3);
        const { rows } = await database.pool.query<{ statement_timeout: string }>('SHOW statement_timeout');
        expect(rows[0]!.statement_timeout).toBe('1234ms');
        expect(await recorded(database.pool)).toHaveLength(known.length);
      } finally {
        await database.close();
      }
    } finally {
      await s.drop();
    }
  });
});

describe('loadMigrations', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  async function dirWith(files: Record<string, string>) {
    const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    dirs.push(dir);
    for (const [name, sql] of Object.entries(files)) await writeFile(path.join(dir, name), sql);
    return dir;
  }

  it('should read the committed migrations in order with a sha256 checksum of each file', () => {
    expect(known[0]).toMatchObject({ version: 1, name: 'foundation' });
    known.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.checksum).toBe(createHash('sha256').update(m.sql).digest('hex'));
    });
  });

  it('should refuse a gap in the numbering', async () => {
    await expect(loadMigrations(await dirWith({ '0001_a.sql': 'SELECT 1', '0003_c.sql': 'SELECT 1' }))).rejects.toThrow(/without gaps/);
  });

  it('should refuse a badly named file', async () => {
    await expect(loadMigrations(await dirWith({ '0001_a.sql': 'SELECT 1', '2_Second.sql': 'SELECT 1' }))).rejects.toThrow(MigrationError);
  });

  it('should ignore files that are not .sql', async () => {
    expect(await loadMigrations(await dirWith({ '0001_a.sql': 'SELECT 1', 'README.md': '# notes' }))).toHaveLength(1);
  });
});
