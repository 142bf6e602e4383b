import type { Clock } from '../clock.ts';

/**
 * Per-program data read on every ledger write but changed rarely (settings, rate sets), cached for a few seconds so
 * a write stays one database round trip. A change made through this instance is seen at once (it invalidates);
 * other instances see it within `ttlMs`.
 */
export class ProgramCache<T> {
  private readonly entries = new Map<string, { value: T; loadedAt: number }>();
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly load: (programId: string) => Promise<T>;

  constructor(clock: Clock, load: (programId: string) => Promise<T>, ttlMs = 5_000) {
    this.clock = clock;
    this.load = load;
    this.ttlMs = ttlMs;
  }

  async get(programId: string): Promise<T> {
    const now = this.clock.now().getTime();
    const cached = this.entries.get(programId);
    // A clock moved backwards (tests) must not keep a stale entry forever.
    if (cached && now >= cached.loadedAt && now - cached.loadedAt < this.ttlMs) return cached.value;
    const value = await this.load(programId);
    this.entries.set(programId, { value, loadedAt: now });
    return value;
  }

  invalidate(programId: string): void {
    this.entries.delete(programId);
  }
}
