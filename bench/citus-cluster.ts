import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * A Citus cluster of one's own (a coordinator and two workers in a temp directory, on free ports), started with
 * ../shared/citus/cluster.sh: for a test that stops a worker, or a bench that must not share nodes with other runs.
 * Never the shared cluster on 9700-9702.
 */
const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PG_BIN = '/usr/lib/postgresql/15/bin';

/** cluster.sh: CITUS_CLUSTER_SCRIPT, else ../shared/citus/cluster.sh beside the checkout, else /work/shared/citus/cluster.sh. */
export function findClusterScript(): string | null {
  const candidates = [process.env['CITUS_CLUSTER_SCRIPT'], path.resolve(ROOT, '../shared/citus/cluster.sh'), '/work/shared/citus/cluster.sh'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate)) ?? null;
}

/** Whether Citus is built into the machine's PostgreSQL 15 (cluster.sh would otherwise build it, minutes and apt-get). */
export async function citusInstalled(): Promise<boolean> {
  try {
    const { stdout } = await run(path.join(PG_BIN, 'pg_config'), ['--pkglibdir']);
    return existsSync(path.join(stdout.trim(), 'citus.so'));
  } catch {
    return false;
  }
}

/** Why an own cluster cannot be started here, or null when it can. */
export async function ownClusterUnavailable(): Promise<string | null> {
  if (!(await citusInstalled())) return `Citus is not installed ($(${PG_BIN}/pg_config --pkglibdir)/citus.so is missing)`;
  if (!findClusterScript()) return 'cluster.sh not found (CITUS_CLUSTER_SCRIPT, ../shared/citus/cluster.sh, /work/shared/citus/cluster.sh)';
  return null;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port whose next `count` ports are all free. */
async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const free = await Promise.all(Array.from({ length: count }, (_, i) => portFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

export interface OwnCluster {
  /** The coordinator's `postgres` database, which lists the workers. */
  url: string;
  dir: string;
  coordinatorPort: number;
  workerPorts: number[];
  /** `pg_ctl -m immediate stop` of one node, as a crash would. */
  stopNode(port: number): Promise<void>;
  /** `pg_ctl -w start` of a stopped node. */
  startNode(port: number): Promise<void>;
  /** Stops every node and deletes the directory. Safe to call twice. */
  destroy(): Promise<void>;
}

/** As the postgres system user when we are root (cluster.sh runs the nodes as that user). */
function asPostgres(command: string): Promise<unknown> {
  if (process.getuid?.() === 0) return run('su', ['postgres', '-s', '/bin/bash', '-c', command]);
  return run('bash', ['-c', command]);
}

export async function startOwnCluster(log: (message: string) => void = () => undefined): Promise<OwnCluster> {
  const script = findClusterScript();
  if (!script) throw new Error('cluster.sh not found');
  const port = await freePortRun(3);
  const dir = `/tmp/pl-citus-test-${randomBytes(4).toString('hex')}`;
  const env = { ...process.env, CITUS_DIR: dir, CITUS_PORT: String(port) };
  let destroyed: Promise<void> | undefined;
  const destroy = () =>
    (destroyed ??= run(script, ['destroy'], { env }).then(
      () => log(`destroyed the cluster in ${dir}`),
      (error: unknown) => log(`destroying ${dir} failed: ${error instanceof Error ? error.message : String(error)}`),
    ));
  log(`starting a Citus cluster in ${dir} on ports ${port}-${port + 2}`);
  try {
    const { stdout } = await run(script, ['start'], { env, timeout: 120_000 });
    const url = stdout.trim().split('\n').at(-1)!;
    const node = (p: number) => `${dir}/n${p}`;
    return {
      url,
      dir,
      coordinatorPort: port,
      workerPorts: [port + 1, port + 2],
      stopNode: async (p) => void (await asPostgres(`${PG_BIN}/pg_ctl -D ${node(p)} -m immediate -w stop`)),
      startNode: async (p) => void (await asPostgres(`${PG_BIN}/pg_ctl -D ${node(p)} -l ${node(p)}.log -w start`)),
      destroy,
    };
  } catch (error) {
    await destroy();
    throw error;
  }
}
