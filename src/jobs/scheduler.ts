import type { Logger } from 'pino';
import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/pool.ts';
import { JOB_NAMES, runJob } from './jobs.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Runs every job for every program each interval, as of now. Ticks never overlap within an instance; across
 * instances the jobs themselves are safe to run concurrently. `stop` waits for a running tick to finish.
 */
export function startScheduler(deps: { db: Db; pool: pg.Pool; clock: Clock; logger: Logger; intervalMs: number }): Scheduler {
  const log = deps.logger.child({ component: 'scheduler' });
  let running: Promise<void> | null = null;
  let stopped = false;

  const tick = async () => {
    const programs = await deps.db.selectFrom('programs').select('id').execute();
    for (const { id } of programs) {
      for (const job of JOB_NAMES) {
        if (stopped) return;
        const result = await runJob(deps.db, deps.pool, deps.clock, id, job, deps.clock.now());
        if (result.members > 0) log.info({ program_id: id, ...result }, 'job ran');
      }
    }
  };

  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick()
      .catch((error: unknown) => log.error({ err: error }, 'scheduled job run failed'))
      .finally(() => {
        running = null;
      });
  }, deps.intervalMs);
  timer.unref();

  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
