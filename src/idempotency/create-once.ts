import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { LedgerRefusal, requestHash } from '../ledger/sql-call.ts';

/**
 * Whose keys these are: a program's (its id), or the operator's for creating programs, which have no program yet.
 * Program ids start with their prefix, so the operator's scope cannot collide with one.
 */
export const OPERATOR_SCOPE = 'operator';

/**
 * The response as JSON text inside the jsonb column: jsonb reorders object keys, and a replay must be the first
 * answer byte for byte (a program's settings are a free-form object whose keys keep the order they were sent in).
 */
interface StoredResponse {
  body: string;
}

export interface CreateOnceRequest {
  /** A program id, or OPERATOR_SCOPE. */
  scope: string;
  /** The Idempotency-Key header; without one every request creates. */
  key: string | undefined;
  /** Names the operation: the same key for another operation is a reuse, as for ledger writes. */
  operation: string;
  /** What the caller sent: the same key with another request is refused. */
  request: unknown;
}

/**
 * Runs a creation at most once per Idempotency-Key, in the idempotency_keys table ledger writes use: the stored
 * response (the JSON body) is the one a retry gets back, and a refusal (nothing stored) is answered afresh.
 * The creation runs inside the transaction that stores its response, under a lock on the key, so a concurrent
 * duplicate waits for the first to commit and replays it instead of creating a second resource.
 */
export async function createOnce<T>(
  db: Kysely<Database>,
  clock: Clock,
  request: CreateOnceRequest,
  create: (trx: Kysely<Database>) => Promise<T>,
): Promise<{ response: T; replayed: boolean }> {
  const { key } = request;
  if (key === undefined) return { response: await create(db), replayed: false };
  const hash = Buffer.from(requestHash(request.operation, request.request), 'hex');
  return db.transaction().execute(async (trx: Transaction<Database>) => {
    // A space cannot occur in a key or a scope; text cannot hold the NUL a separator would usually be.
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${request.scope} ${key}`}::text, 0))`.execute(trx);
    // Raw SQL: the table is the ledger functions' (src/ledger/sql/write.sql), not part of the Kysely schema.
    const { rows } = await sql<{ request_hash: Buffer; response: StoredResponse }>`
      SELECT request_hash, response FROM idempotency_keys
       WHERE shard_key = ${request.scope} AND program_id = ${request.scope} AND key = ${key}`.execute(trx);
    const stored = rows[0];
    if (stored) {
      if (!stored.request_hash.equals(hash)) {
        // The same refusal, code and words a ledger write answers (src/ledger/sql-call.ts REFUSALS).
        throw new LedgerRefusal({ error: 'idempotency_key_reused' });
      }
      return { response: JSON.parse(stored.response.body) as T, replayed: true };
    }
    const response = await create(trx);
    // A creation's key lives in its scope's shard (the program's, or the operator's), not a member's.
    await sql`INSERT INTO idempotency_keys (shard_key, program_id, key, request_hash, response, created_at)
              VALUES (${request.scope}, ${request.scope}, ${key}, ${hash}, ${JSON.stringify({ body: JSON.stringify(response) } satisfies StoredResponse)}::jsonb, ${clock.now()})`.execute(trx);
    return { response, replayed: false };
  });
}
