import type { Kysely } from 'kysely';
import type { Database, ProgramRow } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import { NotFoundError } from '../errors.ts';
import { issueApiKey, type IssuedApiKey } from '../api-keys/api-keys.ts';
import { checkedSettingsPatch, resolveSettings, withRenamedSettings, type ProgramSettings, type SettingsPatch } from './settings.ts';

export interface Program {
  id: string;
  name: string;
  settings: ProgramSettings;
  created_at: Date;
  updated_at: Date;
}

function toProgram(row: ProgramRow): Program {
  return { id: row.id, name: row.name, settings: resolveSettings(row.settings), created_at: row.created_at, updated_at: row.updated_at };
}

/** Creates the program and its first admin key together: a program nobody can administer is useless. */
export async function createProgram(
  db: Kysely<Database>,
  clock: Clock,
  input: { name: string; settings?: SettingsPatch | undefined },
): Promise<{ program: Program; apiKey: IssuedApiKey }> {
  const settings = checkedSettingsPatch(withRenamedSettings(input.settings ?? {}));
  // Inside a caller's transaction (one storing the response against an Idempotency-Key), that one holds both rows.
  const inTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
  return inTransaction(async (trx) => {
    const now = clock.now();
    const row = await trx
      .insertInto('programs')
      .values({ id: newId('program'), name: input.name, settings: JSON.stringify(settings), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const apiKey = await issueApiKey(trx, clock, { programId: row.id, role: 'admin', name: 'initial admin key' });
    return { program: toProgram(row), apiKey };
  });
}

export async function getProgram(db: Kysely<Database>, id: string): Promise<Program> {
  const row = await db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('program', id);
  return toProgram(row);
}

/** Stores only the settings the admin changed; defaults stay defaults. */
export async function updateProgram(
  db: Kysely<Database>,
  clock: Clock,
  id: string,
  patch: { name?: string | undefined; settings?: SettingsPatch | undefined },
): Promise<Program> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('programs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw new NotFoundError('program', id);
    const merged = { ...(current.settings as Record<string, unknown>), ...withRenamedSettings(patch.settings ?? {}) };
    const stored = checkedSettingsPatch(merged);
    const row = await trx
      .updateTable('programs')
      .set({ name: patch.name ?? current.name, settings: JSON.stringify(stored), updated_at: clock.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toProgram(row);
  });
}
