import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPool } from '../../src/db/pool.ts';
import { clusterWorkers, createClusterDatabase, dropClusterDatabase, type ClusterNode } from './cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of a role that may CREATE DATABASE. */
    adminDatabaseUrl: string;
    /** A migrated database each test file clones. */
    templateDatabase: string;
    /** Prefix of every database this run creates, so runs sharing a server never touch each other's. */
    databasePrefix: string;
    /** The Citus workers when TEST_DATABASE_URL names a cluster's coordinator; [] on a single PostgreSQL. */
    clusterWorkers: ClusterNode[];
  }
}

/**
 * Where the tests' PostgreSQL comes from, in order: TEST_DATABASE_URL (an existing server), a testcontainers
 * PostgreSQL when TEST_CONTAINERS=1 and a container engine answers, else an embedded PostgreSQL in a temp directory.
 */
async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env['TEST_DATABASE_URL']) return { url: process.env['TEST_DATABASE_URL'], stop: async () => undefined };

  if (process.env['TEST_CONTAINERS'] === '1') {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const engine = await getContainerRuntimeClient().then(
      () => true,
      () => false,
    );
    if (engine) {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:18-alpine').start();
      return { url: container.getConnectionUri(), stop: async () => void (await container.stop()) };
    }
    console.warn('TEST_CONTAINERS=1 but no container engine answers; using embedded PostgreSQL');
  }

  const embedded: EmbeddedDatabase = await startEmbeddedPostgres({
    // /tmp, not the checkout: as root the cluster runs as the `postgres` user, which must be able to reach it.
    dataDir: path.join(tmpdir(), `points-ledger-test-${randomBytes(4).toString('hex')}`),
    persistent: false,
  });
  return { url: embedded.connectionString, stop: () => embedded.stop() };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const server = await startServer();
  const prefix = `pl_${randomBytes(4).toString('hex')}_`;
  const template = `${prefix}template`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const workers = await clusterWorkers(server.url);
  if (workers.length > 0) await createClusterDatabase(server.url, workers, template);
  else await admin.query(`CREATE DATABASE ${template}`);
  const pool = createPool({ connectionString: databaseUrl(server.url, template), max: 1, statementTimeoutMs: 60_000, connectTimeoutMs: 10_000 });
  await migrate(pool);
  await pool.end();

  project.provide('adminDatabaseUrl', server.url);
  project.provide('templateDatabase', template);
  project.provide('databasePrefix', prefix);
  project.provide('clusterWorkers', workers);

  return async () => {
    // Leftover per-file databases are dropped too, so a shared server (TEST_DATABASE_URL) does not fill up.
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [prefix]);
    for (const { datname } of rows) {
      if (workers.length > 0) await dropClusterDatabase(server.url, workers, datname);
      else await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
    await server.stop();
  };
}
