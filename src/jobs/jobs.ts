import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { callLedger, unwrap } from '../ledger/sql-call.ts';

export const JOB_NAMES = ['mature', 'expire', 'expire-holds'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobResult {
  job: JobName;
  as_of: string;
  members: number;
  points_matured: number;
  points_expired: number;
  holds_expired: number;
}

const BATCH = 500;

/** Which members have something due for the job, excluding those already handled in this run. */
function dueMembers(db: Kysely<Database>, job: JobName, programId: string, asOf: Date, done: string[]) {
  const query =
    job === 'expire'
      ? sql<{ member_id: string }>`SELECT DISTINCT member_id FROM lots
          WHERE program_id = ${programId} AND matured AND remaining > 0 AND expires_at <= ${asOf}`
      : job === 'mature'
        ? sql<{ member_id: string }>`SELECT DISTINCT member_id FROM lots
          WHERE program_id = ${programId} AND NOT matured AND matures_at <= ${asOf}`
        : sql<{ member_id: string }>`SELECT DISTINCT member_id FROM holds
          WHERE program_id = ${programId} AND status = 'active' AND expires_at <= ${asOf}`;
  return sql<{ member_id: string }>`SELECT member_id FROM (${query}) due
    WHERE member_id <> ALL(${done}::text[]) LIMIT ${BATCH}`.execute(db);
}

/**
 * Runs a time-driven job for one program as of an instant. Each member is settled in its own database transaction
 * under the member's lock, so the job is idempotent (a rerun finds nothing due), resumable after a crash (what was
 * committed stays done), and safe with two instances running it at once (the second finds nothing left to do).
 */
export async function runJob(db: Kysely<Database>, pool: pg.Pool, clock: Clock, programId: string, job: JobName, asOf: Date): Promise<JobResult> {
  const result: JobResult = { job, as_of: asOf.toISOString(), members: 0, points_matured: 0, points_expired: 0, holds_expired: 0 };
  const done: string[] = [];
  for (;;) {
    const { rows } = await dueMembers(db, job, programId, asOf, done);
    if (rows.length === 0) return result;
    for (const { member_id } of rows) {
      const settled = unwrap(
        await callLedger(pool, 'ledger_settle_member', {
          program_id: programId,
          member_id,
          as_of: asOf.toISOString(),
          now: clock.now().toISOString(),
          holds: job === 'expire-holds',
          mature: job === 'mature',
          expire: job === 'expire',
        }),
      ) as { points_matured: number; points_expired: number; holds_expired: number };
      done.push(member_id);
      result.members += 1;
      result.points_matured += settled.points_matured;
      result.points_expired += settled.points_expired;
      result.holds_expired += settled.holds_expired;
    }
  }
}
