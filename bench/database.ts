import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';

export interface ThrowawayDatabase {
  /** Connection string of the fresh, empty database the service under bench migrates and uses. */
  url: string;
  kind: 'external' | 'embedded';
  /** Drops the database or stops and deletes the embedded cluster. Safe to call twice. */
  dispose(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A database nobody else uses: `pl_bench_<random>` on BENCH_DATABASE_URL's server when it is set, else a new embedded
 * PostgreSQL cluster in the system temp directory (as root the cluster runs as the `postgres` user, which can reach
 * /tmp but not necessarily the checkout).
 */
export async function createThrowawayDatabase(serverUrl: string | undefined, log: (message: string) => void): Promise<ThrowawayDatabase> {
  if (serverUrl) {
    const name = `pl_bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    log(`created database ${name} on ${new URL(serverUrl).host}`);
    let disposed: Promise<void> | undefined;
    return {
      url: withDatabase(serverUrl, name),
      kind: 'external',
      dispose: () =>
        (disposed ??= (async () => {
          // Kept for a look afterwards (pg_stat_user_functions with track_functions on, EXPLAIN on the bench's data).
          if (process.env['BENCH_KEEP_DATABASE'] === '1') return log(`kept database ${name} (BENCH_KEEP_DATABASE=1)`);
          const client = new pg.Client({ connectionString: serverUrl });
          await client.connect();
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            log(`dropped database ${name}`);
          } finally {
            await client.end();
          }
        })()),
    };
  }

  const dataDir = path.join(tmpdir(), `points-ledger-bench-${randomBytes(4).toString('hex')}`);
  log(`starting embedded PostgreSQL in ${dataDir}`);
  let embedded;
  try {
    embedded = await startEmbeddedPostgres({ dataDir, persistent: false });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  let disposed: Promise<void> | undefined;
  return {
    url: embedded.connectionString,
    kind: 'embedded',
    dispose: () =>
      (disposed ??= (async () => {
        try {
          await embedded.stop();
          log('stopped embedded PostgreSQL');
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      })()),
  };
}
