import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const FLOOD_ENTRY = fileURLToPath(new URL('./flood.ts', import.meta.url));

export interface FloodFigures {
  requests: number;
  requestsPerSecond: number;
  statusCodes: Record<string, number>;
  socketErrors: number;
}

/** Starts bench/flood.ts in its own process; it stops by itself after `seconds`, or at once on stop(). */
export function runFlood(baseUrl: string, path: string, connections: number, seconds: number): { result: Promise<FloodFigures>; stop(): void } {
  const child = spawn(process.execPath, [FLOOD_ENTRY, baseUrl, path, String(connections), String(seconds)], { stdio: ['ignore', 'pipe', 2] });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const result = once(child, 'exit').then(([code]) => {
    process.off('exit', killOnExit);
    if (code !== 0) throw new Error(`bench/flood.ts exited with code ${String(code)}`);
    return JSON.parse(output) as FloodFigures;
  });
  // Read by the caller when it needs the figures; never an unhandled rejection if the run is cut short.
  result.catch(() => undefined);
  return { result, stop: () => child.exitCode === null && child.kill('SIGTERM') };
}
