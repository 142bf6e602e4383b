import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl } from './global-setup.ts';
import { cloneClusterDatabase, createClusterDatabase, dropClusterDatabase } from './cluster.ts';

/**
 * A fresh database for one test file, cloned from the migrated template (fast: a file copy, no migrations).
 * `empty: true` gives one without our schema, for testing migrations themselves.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `${inject('databasePrefix')}${randomBytes(6).toString('hex')}`;
  const workers = inject('clusterWorkers');
  if (workers.length > 0) {
    if (options.empty) await createClusterDatabase(adminUrl, workers, name);
    else await cloneClusterDatabase(adminUrl, workers, inject('templateDatabase'), name);
    return { url: databaseUrl(adminUrl, name), drop: () => dropClusterDatabase(adminUrl, workers, name) };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // CREATE DATABASE ... TEMPLATE needs the template to have no other session; retry briefly if a sibling is cloning.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${options.empty ? 'template0' : inject('templateDatabase')}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        // pool.end() resolves before its connections have finished closing. Give them a moment: FORCE would kill
        // one mid-goodbye, and its client would raise an error nobody listens for any more.
        for (let attempt = 0; attempt < 50; attempt++) {
          const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (rows[0]!.n === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
