import pg from 'pg';

/**
 * Test databases on a Citus cluster (TEST_DATABASE_URL naming a coordinator whose `postgres` database lists its
 * workers, as ../shared/citus/cluster.sh sets it up). A database of a cluster is one database of the same name on
 * every node, each with the extension, and the workers registered in the coordinator's. Cloning one is cloning it
 * on every node under one name: the metadata (shards, placements, nodes) is inside each copy, so the clones form a
 * cluster of their own at once.
 */
export interface ClusterNode {
  host: string;
  port: number;
}

/** Shards per distributed table in test databases: enough to spread members over both workers, few enough that a
 * query fanning out to every shard stays quick on two shared cores. */
export const TEST_SHARD_COUNT = 4;

function nodeUrl(serverUrl: string, node: ClusterNode, database: string): string {
  const url = new URL(serverUrl);
  url.hostname = node.host;
  url.port = String(node.port);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The worker nodes behind the server, or [] when it is a single PostgreSQL. */
export async function clusterWorkers(serverUrl: string): Promise<ClusterNode[]> {
  return withClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ citus: boolean }>(`SELECT to_regclass('pg_dist_node') IS NOT NULL AS citus`);
    if (!rows[0]!.citus) return [];
    const { rows: nodes } = await client.query<{ host: string; port: number }>(
      `SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' ORDER BY nodeport`,
    );
    return nodes;
  });
}

function coordinatorOf(serverUrl: string): ClusterNode {
  const url = new URL(serverUrl);
  return { host: url.hostname, port: Number(url.port || 5432) };
}

/**
 * `CREATE DATABASE name TEMPLATE template` on every node. Citus keeps sessions open on each database that has it
 * (its maintenance daemon, cached connections between nodes); they are ended just before the copy and the copy is
 * retried while one has come back.
 */
export async function cloneClusterDatabase(serverUrl: string, workers: ClusterNode[], template: string, name: string): Promise<void> {
  for (const node of [coordinatorOf(serverUrl), ...workers]) {
    await withClient(nodeUrl(serverUrl, node, 'postgres'), async (client) => {
      for (let attempt = 0; ; attempt++) {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [template]);
        try {
          await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || attempt > 100) throw error;
          await new Promise((r) => setTimeout(r, 20 + Math.random() * 50));
        }
      }
    });
  }
}

/** A new, empty cluster database: created on every node with the extension, the workers registered. */
export async function createClusterDatabase(serverUrl: string, workers: ClusterNode[], name: string): Promise<void> {
  const coordinator = coordinatorOf(serverUrl);
  for (const node of [coordinator, ...workers]) {
    await withClient(nodeUrl(serverUrl, node, 'postgres'), (client) => client.query(`CREATE DATABASE ${name}`));
    await withClient(nodeUrl(serverUrl, node, name), (client) => client.query('SET client_min_messages = warning; CREATE EXTENSION citus'));
  }
  await withClient(nodeUrl(serverUrl, coordinator, name), async (client) => {
    await client.query('SELECT citus_set_coordinator_host($1, $2)', [coordinator.host, coordinator.port]);
    for (const worker of workers) await client.query('SELECT citus_add_node($1, $2)', [worker.host, worker.port]);
    await client.query(`ALTER DATABASE ${name} SET citus.shard_count = ${TEST_SHARD_COUNT}`);
  });
}

/** Drops the database on every node (workers first: the coordinator's copy holds connections to theirs). */
export async function dropClusterDatabase(serverUrl: string, workers: ClusterNode[], name: string): Promise<void> {
  for (const node of [...workers, coordinatorOf(serverUrl)]) {
    await withClient(nodeUrl(serverUrl, node, 'postgres'), (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined);
  }
}
