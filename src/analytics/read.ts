import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { DomainError, UnprocessableError } from '../errors.ts';

/**
 * The analytics read path. Every report and back-office search runs here: in its own READ ONLY, REPEATABLE READ
 * transaction (one snapshot for all of a report's queries, and nothing it does can write), under its own
 * statement timeout, so a heavy report is cut off instead of holding connections and locks the write path needs.
 * On a Citus cluster the timeout is the coordinator's: cancelling the distributed statement cancels its shard queries.
 */
export interface AnalyticsReader {
  timeoutMs: number;
  /**
   * The analytics pool's connections (ANALYTICS_POOL_SIZE, src/db/connect.ts), which reports read through instead of
   * the `db` they are given: a report waits for its own pool's turn and never holds a connection a write needs.
   * Absent (a caller without a separate pool), the given `db`.
   */
  db?: Kysely<Database> | undefined;
}

/** PostgreSQL's query_canceled: what statement_timeout raises. */
const QUERY_CANCELED = '57014';

export class AnalyticsTimeoutError extends DomainError {
  constructor(timeoutMs: number) {
    super('unavailable', 'analytics_timeout', `The report took longer than ${timeoutMs} ms and was stopped; narrow it or retry later.`, { timeout_ms: timeoutMs });
  }
}

export async function analyticsRead<T>(db: Kysely<Database>, reader: AnalyticsReader, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await (reader.db ?? db)
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        // Local to this transaction: the pooled connection goes back with the service's own timeout.
        await sql`SELECT set_config('statement_timeout', ${String(reader.timeoutMs)}, true)`.execute(trx);
        return work(trx);
      });
  } catch (error) {
    if ((error as { code?: unknown }).code === QUERY_CANCELED) throw new AnalyticsTimeoutError(reader.timeoutMs);
    throw error;
  }
}

/**
 * The instant a report is as of: `now` when absent. The ledger is append-only and every row carries when it was
 * recorded, so any past instant answers the same figures every time; a future one has no figures yet.
 */
export function reportInstant(asOf: string | undefined, now: Date): Date {
  if (asOf === undefined) return now;
  const at = new Date(asOf);
  if (at.getTime() > now.getTime()) {
    throw new UnprocessableError('as_of_not_yet', `as_of is later than the server's clock (${now.toISOString()}).`, { latest: now.toISOString() });
  }
  return at;
}

/**
 * points × point_value in minor units, exactly: point_value is read as the decimal it is written as (0.5, 0.33),
 * the product is formed in integers and rounded once, half away from zero.
 */
export function pointsValue(points: number, pointValue: number): number {
  const text = pointValue.toString();
  if (!/^\d+(\.\d+)?$/.test(text)) return Math.round(points * pointValue); // exponent notation: settings cap it far from there
  const [whole, fraction = ''] = text.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const product = BigInt(points) * BigInt(whole! + fraction);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const rounded = (magnitude * 2n + scale) / (2n * scale);
  return Number(negative ? -rounded : rounded);
}
