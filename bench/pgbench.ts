import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface PgbenchOptions {
  /** libpq connection string or URI of the database the script runs in. */
  connectionString: string;
  /** pgbench custom scripts (`-f`): SQL plus meta-commands such as `\set id random(1, 10000)`; `file@weight` mixes several. */
  scriptFile: string | string[];
  clients: number;
  durationSeconds: number;
  /** Worker threads (`-j`); defaults to the smaller of clients and 2 (the CI machine has 2 cores). */
  threads?: number;
  /** `-M`: prepared (default) matches what node-postgres named statements do. */
  queryMode?: 'simple' | 'extended' | 'prepared';
  /** `-D name=value` variables for the script. */
  variables?: Record<string, string | number>;
}

export type PgbenchResult =
  | {
      ran: true;
      tps: number;
      latencyAvgMs: number;
      transactions: number | null;
      failed: number | null;
      /** pgbench's whole standard output, for the record. */
      output: string;
    }
  | { ran: false; reason: string };

export function findPgbench(): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'pgbench');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Parses the summary pgbench prints (PostgreSQL 14+ wording; older versions say "excluding connections establishing"). */
export function parsePgbenchOutput(output: string): { tps: number; latencyAvgMs: number; transactions: number | null; failed: number | null } {
  const tps = /^tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/m.exec(output);
  const latency = /^latency average = ([\d.]+) ms/m.exec(output);
  if (!tps || !latency) throw new Error(`could not find "tps =" and "latency average =" in pgbench's output:\n${output}`);
  const transactions = /^number of transactions actually processed: (\d+)/m.exec(output);
  const failed = /^number of failed transactions: (\d+)/m.exec(output);
  return {
    tps: Number(tps[1]),
    latencyAvgMs: Number(latency[1]),
    transactions: transactions ? Number(transactions[1]) : null,
    failed: failed ? Number(failed[1]) : null,
  };
}

/**
 * Runs pgbench with a custom script against a database and returns its throughput and average latency, for
 * comparing the service with what the database alone does (shared/design/ledger.md's speed table).
 * When pgbench is not installed it does not throw: it prints why and returns `{ ran: false }`.
 */
export async function runPgbench(options: PgbenchOptions): Promise<PgbenchResult> {
  const binary = findPgbench();
  if (!binary) {
    const reason = 'pgbench is not on PATH (on Debian it comes with the postgresql server package); skipping the pgbench comparison';
    process.stderr.write(`${reason}\n`);
    return { ran: false, reason };
  }
  const args = [
    '--no-vacuum',
    ...[options.scriptFile].flat().map((file) => `--file=${file}`),
    `--client=${options.clients}`,
    `--jobs=${options.threads ?? Math.min(options.clients, 2)}`,
    `--time=${options.durationSeconds}`,
    `--protocol=${options.queryMode ?? 'prepared'}`,
    ...Object.entries(options.variables ?? {}).map(([name, value]) => `--define=${name}=${value}`),
    options.connectionString,
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`pgbench exited with code ${code}:\n${stderr || stdout}`);
  return { ran: true, ...parsePgbenchOutput(stdout), output: stdout };
}
