import type { Logger } from 'pino';
import type pg from 'pg';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/pool.ts';
import { resolveSettings } from '../programs/settings.ts';
import { runJob, type JobName } from './jobs.ts';
import { pruneEvents, pruneIdempotencyKeys } from './housekeeping.ts';
import { observeJob, type Metrics } from '../observability/metrics.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

/** How often each job runs inside the service, as multiples of the scheduler's tick. */
const EVERY: Record<JobName, number> = {
  'expire-holds': 1,
  mature: 1,
  expire: 1,
  // rules.md: the velocity sweep runs every 10 minutes (with the default 1-minute tick).
  'velocity-sweep': 10,
  // Idempotent per period; hourly is often enough to pay a day's gift the same day.
  'tier-benefits': 60,
  'tier-review': 60,
  // Hourly: each fires once per member and period whatever the cadence; hourly keeps them close to their instant.
  'expiry-warnings': 60,
  'inactivity-decay': 60,
  birthdays: 60,
  'win-back': 60,
  // Every 10 minutes: a matured first purchase pays its referrer soon after, and a run with nothing due is one query.
  referrals: 10,
  // Daily: recency moves by the day, and a run reads every member's purchases (src/jobs/rfm.ts).
  rfm: 60 * 24,
  // Hourly: a period's pace moves slowly, and each alert fires once per period whatever the cadence.
  targets: 60,
  // Every tick: a scheduled notification goes out within a minute of its time, and a run with nothing due is one query.
  notifications: 1,
  // Every tick: a wait that ends at a local time should end close to it, and a run with nothing due is two queries.
  journeys: 1,
  // Hourly: it folds each local day once, soon after the day closes in the program's time zone, and a run with no
  // closed day left to fold is one query.
  rollup: 60,
};

/**
 * Runs the jobs for every program as of now. Ticks never overlap within an instance; across instances the jobs
 * themselves are safe to run concurrently. `stop` waits for a running tick to finish.
 */
export function startScheduler(deps: {
  db: Db;
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
  idempotencyRetentionHours?: number;
  eventsRetentionDays?: number;
  /** Where runs, durations and last successes are counted (scheduled_job_* metrics). */
  metrics?: Pick<Metrics, 'jobRuns' | 'jobDuration' | 'jobLastSuccess'> | undefined;
}): Scheduler {
  const log = deps.logger.child({ component: 'scheduler' });
  let running: Promise<void> | null = null;
  let stopped = false;
  let tickCount = 0;

  const tick = async (n: number) => {
    if (n % 60 === 0 && deps.idempotencyRetentionHours) {
      const pruned = await pruneIdempotencyKeys(deps.db, new Date(deps.clock.now().getTime() - deps.idempotencyRetentionHours * 3_600_000));
      if (pruned > 0) log.info({ pruned }, 'pruned stored idempotency results');
    }
    if (n % 60 === 0 && deps.eventsRetentionDays) {
      const pruned = await pruneEvents(deps.db, new Date(deps.clock.now().getTime() - deps.eventsRetentionDays * 86_400_000));
      if (pruned > 0) log.info({ pruned }, 'pruned events past their retention');
    }
    const programs = await deps.db.selectFrom('programs').select(['id', 'settings']).execute();
    for (const program of programs) {
      const settings = resolveSettings(program.settings);
      for (const [job, every] of Object.entries(EVERY) as [JobName, number][]) {
        if (stopped) return;
        if (n % every !== 0) continue;
        const result = await observeJob(deps.metrics, job, () => runJob(deps.db, deps.pool, deps.clock, program.id, settings, job, deps.clock.now()));
        // Program-level jobs (targets) change no member: what they published says they did something.
        if (result.members > 0 || result.events > 0) log.info({ program_id: program.id, ...result }, 'job ran');
      }
    }
  };

  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick(tickCount++)
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
