import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { newId } from '../src/ids.ts';
import { ledgerBalance, ledgerEarn, type Args } from '../src/ledger/functions.ts';
import { callLedger } from '../src/ledger/sql-call.ts';
import { benchEarnArgs } from './sql-equivalent.ts';
import { createPool } from '../src/db/pool.ts';
import type { rulesPayload } from '../src/rules/rules.ts';
import { clusterWorkers, createClusterDatabase, dropClusterDatabase, type ClusterNode } from '../test/helpers/cluster.ts';
import { startOwnCluster } from './citus-cluster.ts';
import type { ThrowawayDatabase } from './database.ts';

/**
 * `npm run bench -- --citus`: the pieces the cluster half of the run needs. A database on a Citus cluster (its own,
 * or BENCH_CITUS_URL's), the CPU each node spends during the load, and the per-call cost of a ledger function called
 * through the coordinator, directly on the worker that holds the member, and on the single node.
 */

export interface ClusterDatabase extends ThrowawayDatabase {
  /** The same database on each worker (calls made there run on the worker's own shards). */
  workerUrls: string[];
  /** The coordinator's `postgres` database. */
  serverUrl: string;
}

function onNode(serverUrl: string, node: ClusterNode, database: string): string {
  const url = new URL(serverUrl);
  url.hostname = node.host;
  url.port = String(node.port);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * `pl_bench_<random>` on every node of BENCH_CITUS_URL's cluster, or of a cluster of our own (started now, destroyed
 * by dispose). Citus's default shard count (32), not the tests' 4.
 */
export async function createClusterThrowawayDatabase(serverUrl: string | undefined, log: (message: string) => void): Promise<ClusterDatabase> {
  const own = serverUrl ? null : await startOwnCluster(log);
  const server = serverUrl ?? own!.url;
  try {
    const workers = await clusterWorkers(server);
    if (workers.length === 0) throw new Error(`${new URL(server).host} is not a Citus coordinator with workers`);
    const name = `pl_bench_${randomBytes(5).toString('hex')}`;
    await createClusterDatabase(server, workers, name);
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${name} RESET citus.shard_count`).finally(() => admin.end());
    log(`created database ${name} on the cluster at ${new URL(server).host} (workers ${workers.map((w) => `${w.host}:${w.port}`).join(', ')})`);
    const coordinator = new URL(server);
    let disposed: Promise<void> | undefined;
    return {
      url: onNode(server, { host: coordinator.hostname, port: Number(coordinator.port || 5432) }, name),
      workerUrls: workers.map((w) => onNode(server, w, name)),
      serverUrl: server,
      kind: 'external',
      dispose: () =>
        (disposed ??= (async () => {
          await dropClusterDatabase(server, workers, name);
          log(`dropped database ${name} on the cluster`);
          await own?.destroy();
        })()),
    };
  } catch (error) {
    await own?.destroy();
    throw error;
  }
}

// --- CPU by node --------------------------------------------------------------------------------------------------

const CLOCK_TICKS_PER_SECOND = 100;

/** The postmaster's pid of the server behind `url`, when it runs on this machine and we may read its data directory. */
export async function postmasterPid(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    return Number(readFileSync(`${rows[0]!.data_directory}/postmaster.pid`, 'utf8').split('\n')[0]);
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function processTicks(): Map<number, { ppid: number; ticks: number }> {
  const found = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after it start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      found.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}

/**
 * CPU seconds each group of processes (a root pid and its children: a postmaster and its backends) spends from
 * start() to stop(), sampled every 250 ms so that short-lived backends are mostly counted too.
 */
export function cpuSampler(groups: Record<string, number | null>) {
  const spent: Record<string, number> = Object.fromEntries(Object.keys(groups).map((name) => [name, 0]));
  let last = new Map<number, number>();
  const sample = () => {
    const now = processTicks();
    const seen = new Map<number, number>();
    for (const [name, root] of Object.entries(groups)) {
      if (root === null) continue;
      for (const [pid, { ppid, ticks }] of now) {
        if (pid !== root && ppid !== root) continue;
        seen.set(pid, ticks);
        const before = last.get(pid);
        // A process first seen after start counts from its own start (its ticks so far are all in the window).
        spent[name]! += before === undefined && last.size > 0 ? ticks : ticks - (before ?? ticks);
      }
    }
    last = seen;
  };
  let timer: NodeJS.Timeout | undefined;
  return {
    start() {
      sample();
      timer = setInterval(sample, 250);
    },
    /** CPU seconds per group. */
    stop(): Record<string, number> {
      clearInterval(timer);
      sample();
      return Object.fromEntries(Object.entries(spent).map(([name, ticks]) => [name, ticks / CLOCK_TICKS_PER_SECOND]));
    },
  };
}

// --- per-call costs -----------------------------------------------------------------------------------------------

export interface CallCost {
  /** Where the call was sent. */
  via: string;
  fn: string;
  /** One client, one call after another. */
  sequential: { calls: number; meanMs: number; p50Ms: number; p99Ms: number };
  /** `clients` connections calling for `seconds`. */
  concurrent: { clients: number; seconds: number; callsPerSecond: number };
  /** CPU milliseconds each server (and its backends) spent per call during the concurrent part: unlike the
   * latencies, this does not depend on what else the shared cores were doing. */
  cpuMsPerCall: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * The cost of one ledger call on `url`: `sequential` calls one after another on one connection (the latency a
 * request pays), then `clients` connections for `seconds` (what the node sustains). `earn` writes a purchase each
 * time; `balance` reads. Members are chosen in turn from `members`.
 */
export async function measureCalls(options: {
  via: string;
  url: string;
  fn: 'balance' | 'earn';
  programId: string;
  members: readonly string[];
  rules: ReturnType<typeof rulesPayload>;
  sequential: number;
  clients: number;
  seconds: number;
  /** Servers whose CPU to count during the concurrent part, by name: their postmaster pids. */
  cpuGroups?: Record<string, number | null>;
}): Promise<CallCost> {
  const pool = createPool({ connectionString: options.url, max: options.clients, statementTimeoutMs: 30_000, connectTimeoutMs: 10_000, applicationName: 'bench-per-call' });
  pool.on('error', () => undefined);
  let n = 0;
  const member = () => options.members[n++ % options.members.length]!;
  const call = async () => {
    const now = new Date().toISOString();
    if (options.fn === 'balance') {
      const args: Args<typeof ledgerBalance> = { program_id: options.programId, now, timezone: 'Asia/Baku', rules: options.rules };
      return callLedger(pool, { fn: ledgerBalance, member: member(), args });
    }
    const envelope = { program_id: options.programId, idempotency_key: null, request_hash: '00', now, timezone: 'Asia/Baku', rules: options.rules };
    const ids = {
      txn_id: newId('transaction'),
      purchase_id: newId('purchase'),
      lot_id: newId('lot'),
      receipt_id: `per-call-${randomBytes(8).toString('hex')}`,
      bonus_txn_id: newId('transaction'),
      bonus_lot_id: newId('lot'),
      tier_change_id: newId('tierChange'),
    };
    const args = benchEarnArgs(envelope, ids, now, new Date(Date.now() + 365 * 86_400_000).toISOString());
    return callLedger(pool, { fn: ledgerEarn, member: member(), args });
  };
  try {
    // Warm the connections and the prepared statements.
    await Promise.all(Array.from({ length: options.clients }, () => call()));
    const latencies: number[] = [];
    for (let i = 0; i < options.sequential; i++) {
      const started = performance.now();
      await call();
      latencies.push(performance.now() - started);
    }
    latencies.sort((x, y) => x - y);
    let calls = 0;
    const sampler = cpuSampler(options.cpuGroups ?? {});
    sampler.start();
    const until = performance.now() + options.seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.clients }, async () => {
        while (performance.now() < until) {
          await call();
          calls++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpu = sampler.stop();
    return {
      via: options.via,
      fn: options.fn,
      sequential: {
        calls: latencies.length,
        meanMs: latencies.reduce((x, y) => x + y, 0) / latencies.length,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
      },
      concurrent: { clients: options.clients, seconds: elapsed, callsPerSecond: calls / elapsed },
      cpuMsPerCall: Object.fromEntries(Object.entries(cpu).map(([name, seconds]) => [name, (seconds * 1000) / calls])),
    };
  } finally {
    await pool.end();
  }
}

/** The members of `memberIds` whose shard is on the worker at `port` (asked of the coordinator). */
export async function membersOnWorker(coordinatorUrl: string, memberIds: readonly string[], port: number, limit: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: coordinatorUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT m.id FROM unnest($1::text[]) AS m(id)
         JOIN pg_dist_shard_placement p ON p.shardid = get_shard_id_for_distribution_column('members', m.id)
        WHERE p.nodeport = $2 LIMIT $3`,
      [memberIds.slice(0, limit * 4), port, limit],
    );
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}
