import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock.ts';
import { NotFoundError } from '../errors.ts';
import { resolveSettings, type ProgramSettings } from './settings.ts';

/**
 * Program settings are read on every ledger write but change rarely, so they are cached for a few seconds: this keeps
 * a write at one database round trip. A change made through this instance is seen at once; other instances see it
 * within `ttlMs`.
 */
export class SettingsCache {
  private readonly entries = new Map<string, { settings: ProgramSettings; loadedAt: number }>();
  private readonly db: Kysely<Database>;
  private readonly clock: Clock;
  private readonly ttlMs: number;

  constructor(db: Kysely<Database>, clock: Clock, ttlMs = 5_000) {
    this.db = db;
    this.clock = clock;
    this.ttlMs = ttlMs;
  }

  async get(programId: string): Promise<ProgramSettings> {
    const now = this.clock.now().getTime();
    const cached = this.entries.get(programId);
    if (cached && now - cached.loadedAt < this.ttlMs && now >= cached.loadedAt) return cached.settings;
    const row = await this.db.selectFrom('programs').select('settings').where('id', '=', programId).executeTakeFirst();
    if (!row) throw new NotFoundError('program', programId);
    const settings = resolveSettings(row.settings);
    this.entries.set(programId, { settings, loadedAt: now });
    return settings;
  }

  invalidate(programId: string): void {
    this.entries.delete(programId);
  }
}
