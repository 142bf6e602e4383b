import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { NotFoundError } from '../errors.ts';
import { ProgramCache } from './program-cache.ts';
import { resolveSettings, type ProgramSettings } from './settings.ts';

export type SettingsCache = ProgramCache<ProgramSettings>;

export function createSettingsCache(db: Kysely<Database>, clock: Clock): SettingsCache {
  return new ProgramCache(clock, async (programId) => {
    const row = await db.selectFrom('programs').select('settings').where('id', '=', programId).executeTakeFirst();
    if (!row) throw new NotFoundError('program', programId);
    return resolveSettings(row.settings);
  });
}
