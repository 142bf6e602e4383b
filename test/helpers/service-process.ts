import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OPERATOR_TOKEN } from './app.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServiceProcess {
  child: ChildProcess;
  base: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** SIGKILLs the whole process group (the service, and anything it left behind) if it is still there. */
  kill(): void;
}

/**
 * Runs `command` (by default the service itself, `node src/server.ts`) as its own process group, so a test can signal
 * one process and still clean up every process it started.
 */
export function spawnService(options: { port: number; env: Record<string, string>; command?: [string, ...string[]] }): ServiceProcess {
  const [file, ...args] = options.command ?? [process.execPath, 'src/server.ts'];
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DATABASE_URL'];
  const child = spawn(file, args, {
    cwd: ROOT,
    detached: true,
    env: {
      ...env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      OPERATOR_TOKEN,
      JOBS_ENABLED: 'false',
      WEBHOOKS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return {
    child,
    base: `http://127.0.0.1:${options.port}`,
    output: () => output,
    exited,
    kill: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}

export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, detail = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${detail().slice(-4_000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The status of GET `path`, or null when nothing answers on the port. */
export async function statusOf(base: string, path: string): Promise<number | null> {
  try {
    const res = await fetch(base + path, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}

/** Resolves with the exit code or signal, or 'timeout' if the process is still running after `ms`. */
export function exitWithin(service: ServiceProcess, ms: number): Promise<number | NodeJS.Signals | null | 'timeout'> {
  return Promise.race([service.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
