import { readFileSync } from 'node:fs';
import type pg from 'pg';

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of one process (all its threads), in ticks; null once it has exited. */
function ticksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields after it start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** The backends connected to this pool's database (the service's pool and ours). */
async function backends(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  return rows.map((r) => r.pid);
}

export interface CpuCost {
  /** CPU seconds of the service process over the window. */
  service: number;
  /** CPU seconds of this database's backends over the window (not the rest of a shared server). */
  database: number;
}

/**
 * CPU spent by the service and by its database's backends between start and the returned stop: the cost of a load
 * in CPU, which other work on the machine disturbs far less than throughput or latency (it only takes turns with it).
 * A backend that came or went inside the window is counted for the part this saw of it.
 */
export async function cpuWindow(pool: pg.Pool, servicePid: number): Promise<() => Promise<CpuCost>> {
  const serviceStart = ticksOf(servicePid) ?? 0;
  const start = new Map<number, number>();
  for (const pid of await backends(pool)) start.set(pid, ticksOf(pid) ?? 0);
  return async () => {
    const service = (ticksOf(servicePid) ?? serviceStart) - serviceStart;
    let database = 0;
    for (const pid of new Set([...start.keys(), ...(await backends(pool))])) {
      const now = ticksOf(pid);
      if (now !== null) database += now - (start.get(pid) ?? 0);
    }
    return { service: service / CLOCK_TICKS_PER_SECOND, database: database / CLOCK_TICKS_PER_SECOND };
  };
}

/** Resident memory of one process in MB (VmRSS), or null once it has exited. */
function rssMbOf(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export interface RssFigures {
  /** The highest VmRSS sampled while the load ran, MB. */
  peakMb: number;
  /** At the start and at the end of the load, MB: growth over one scenario shows as end above start. */
  startMb: number;
  endMb: number;
}

/**
 * Samples the service's resident memory every `everyMs` until the returned stop: its peak under a load and whether it
 * grew from start to end (the speed issue's memory target). Sampled rather than VmHWM, which keeps the high-water mark
 * of the process's whole life, start-up and earlier scenarios included.
 */
export function rssSampler(pid: number, everyMs = 250): () => RssFigures | null {
  const startMb = rssMbOf(pid);
  let peakMb = startMb ?? 0;
  const timer = setInterval(() => {
    peakMb = Math.max(peakMb, rssMbOf(pid) ?? 0);
  }, everyMs);
  return () => {
    clearInterval(timer);
    const endMb = rssMbOf(pid);
    if (startMb === null || endMb === null) return null;
    return { peakMb: Math.max(peakMb, endMb), startMb, endMb };
  };
}
