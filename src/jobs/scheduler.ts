import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/pool.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

/** Placeholder until the ledger jobs exist: runs nothing, but owns the lifecycle server.ts expects. */
export function startScheduler(_deps: { db: Db; clock: Clock; logger: Logger; intervalMs: number }): Scheduler {
  return { stop: async () => undefined };
}
