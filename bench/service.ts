import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const SERVER_ENTRY = fileURLToPath(new URL('../src/server.ts', import.meta.url));

export interface RunningService {
  baseUrl: string;
  pid: number;
  /** SIGTERM (graceful: drain, close the pool), SIGKILL if it has not exited within `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node src/server.ts` as a child process, exactly as `npm start` does, with `env` laid over ours. The service
 * gets its own process (and event loop) so the load generator in this process does not steal its CPU time slices
 * on the same thread, and is measured through a real listening socket.
 */
export async function startService(env: Record<string, string>, port: number, timeoutMs = 60_000, pollMs = 100): Promise<RunningService> {
  // BENCH_SERVICE_NODE_ARGS: extra node flags for the service alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = process.env['BENCH_SERVICE_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, SERVER_ENTRY], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    // The service logs JSON lines to stdout; send them to our stderr so the bench's stdout stays the report.
    stdio: ['ignore', 2, 2],
  });
  // If the bench dies without running its cleanup, do not leave the service running.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  let exited = child.exitCode !== null;
  const exit = once(child, 'exit').then(() => {
    exited = true;
  });
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 15_000) =>
    (stopping ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const timedOut = await Promise.race([exit.then(() => false), sleep(graceMs).then(() => true)]);
        if (timedOut) {
          child.kill('SIGKILL');
          await exit;
        }
      }
      process.off('exit', killOnExit);
    })());

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exited) {
      await stop();
      throw new Error(`the service exited with code ${child.exitCode} during start-up (its output is above)`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return { baseUrl, pid: child.pid!, stop };
    } catch {
      // not listening yet
    }
    await sleep(pollMs);
  }
  await stop();
  throw new Error(`the service did not answer /readyz within ${timeoutMs / 1000} s`);
}

export interface StartupFigures {
  /** From spawning node to the first 200 from /readyz, on an empty data directory: the cluster is created and migrated. */
  freshMs: number;
  /** The same on the data directory the fresh start left: what a restart or a redeploy of one instance costs. */
  restartMs: number;
}

/**
 * The README's quick start, timed: `node src/server.ts` on the embedded default (no DATABASE_URL) with the service's
 * default settings, jobs on, in a new data directory, to /readyz; stopped gracefully, then started again on the same
 * directory. The speed issue's fifth target: under 3 s fresh, under 1.5 s restarted.
 */
export async function measureStartup(port: number): Promise<StartupFigures> {
  const parent = await mkdtemp(path.join(tmpdir(), 'points-ledger-start-'));
  try {
    // As root the embedded PostgreSQL runs as the postgres user, who must reach the data directory.
    await chmod(parent, 0o755);
    const env = { DATA_DIR: path.join(parent, 'data'), DATABASE_URL: '', LOG_LEVEL: 'warn' };
    const timeOne = async () => {
      const started = performance.now();
      const service = await startService(env, port, 60_000, 10);
      const ms = performance.now() - started;
      await service.stop();
      return Math.round(ms);
    };
    const freshMs = await timeOne();
    const restartMs = await timeOne();
    return { freshMs, restartMs };
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}
