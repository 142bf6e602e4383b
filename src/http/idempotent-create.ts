import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { createOnce } from '../idempotency/create-once.ts';
import { IdempotencyHeaders } from './routes/ledger-schemas.ts';

/** The Idempotency-Key of a creating POST outside the ledger: optional there, checked as on ledger writes. */
export const OptionalIdempotencyHeaders = z.object({
  'idempotency-key': IdempotencyHeaders.shape['idempotency-key']
    .optional()
    .describe(
      'Optional. A unique key per intended creation (e.g. a UUID): a retry with the same key and body gets the first response again (the same resource) with `Idempotent-Replayed: true`; the same key with another body is 422 idempotency_key_reused.',
    ),
});

/**
 * Answers 201 with what `create` made, at most once per Idempotency-Key: a retry gets the stored body back, marked
 * `Idempotent-Replayed: true`. `scope` is the caller's program (or OPERATOR_SCOPE), `operation` the operationId.
 */
export async function sendCreated<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { db: Kysely<Database>; clock: Clock },
  scope: string,
  operation: string,
  create: (db: Kysely<Database>) => Promise<T>,
) {
  const key = request.headers['idempotency-key'];
  const { response, replayed } = await createOnce(
    deps.db,
    deps.clock,
    { scope, key: typeof key === 'string' ? key : undefined, operation, request: request.body },
    create,
  );
  if (replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(201).send(response);
}
