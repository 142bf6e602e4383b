import type { Kysely, Transaction } from 'kysely';
import type { Database, ApiKeyRow } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import { NotFoundError } from '../errors.ts';
import { generateSecret, hashSecret, secretHint } from './secrets.ts';

export type Role = 'admin' | 'pos' | 'read';
export const ROLES: readonly Role[] = ['admin', 'pos', 'read'];

export interface ApiKey {
  id: string;
  program_id: string;
  name: string | null;
  role: Role;
  secret_hint: string;
  created_at: Date;
  revoked_at: Date | null;
}

export interface IssuedApiKey extends ApiKey {
  /** Shown once, in the response that creates the key; only its hash is stored. */
  secret: string;
}

export interface Principal {
  keyId: string;
  programId: string;
  role: Role;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    program_id: row.program_id,
    name: row.name,
    role: row.role,
    secret_hint: row.secret_hint,
    created_at: row.created_at,
    revoked_at: row.revoked_at,
  };
}

export async function issueApiKey(
  db: Kysely<Database> | Transaction<Database>,
  clock: Clock,
  input: { programId: string; role: Role; name?: string | null | undefined },
): Promise<IssuedApiKey> {
  const secret = generateSecret();
  const row = await db
    .insertInto('api_keys')
    .values({
      id: newId('apiKey'),
      program_id: input.programId,
      name: input.name ?? null,
      role: input.role,
      secret_hash: hashSecret(secret),
      secret_hint: secretHint(secret),
      created_at: clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...toApiKey(row), secret };
}

export async function listApiKeys(
  db: Kysely<Database>,
  programId: string,
  page: { limit: number; after?: string | undefined },
): Promise<ApiKey[]> {
  let query = db.selectFrom('api_keys').selectAll().where('program_id', '=', programId);
  if (page.after) query = query.where('id', '>', page.after);
  const rows = await query.orderBy('id').limit(page.limit).execute();
  return rows.map(toApiKey);
}

export async function revokeApiKey(db: Kysely<Database>, clock: Clock, programId: string, id: string): Promise<ApiKey> {
  // Revoking twice keeps the first revocation time.
  const row = await db
    .updateTable('api_keys')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(clock.now())) }))
    .where('program_id', '=', programId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('api_key', id);
  return toApiKey(row);
}

/** Looks the key up on every request, so a revocation takes effect at once on every instance. */
export async function authenticate(db: Kysely<Database>, secret: string): Promise<Principal | null> {
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'program_id', 'role'])
    .where('secret_hash', '=', hashSecret(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { keyId: row.id, programId: row.program_id, role: row.role } : null;
}
