import pRetry, { AbortError } from 'p-retry';
import type pg from 'pg';
import { callLedger, checkArgs, checkResult, retryable, type LedgerCall, type Outcome } from './sql-call.ts';
import { ledgerAdjust, ledgerBalance, ledgerEarn, ledgerHold, ledgerPromotionFacts, ledgerRedeem, type LedgerFunction } from './functions.ts';

/**
 * Member functions ledger_batch dispatches (src/ledger/sql/batch.sql): a batch locks its members in a fixed order.
 * Reads go too (a balance, a purchase's promotion facts): they lock nothing and share the round trip.
 */
export const BATCHABLE = new Set<LedgerFunction>([ledgerEarn, ledgerRedeem, ledgerHold, ledgerAdjust, ledgerBalance, ledgerPromotionFacts]);

interface Pending {
  call: LedgerCall;
  memberId: string;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Natural batching, as group commit does it: a write goes to the database at once while a connection is free;
 * writes that arrive while every connection is busy wait in a queue and go together in the next round trip, as one
 * statement and one commit (`ledger_batch`). Under light load nothing waits; under heavy load the per-request cost
 * of a round trip, a statement and a commit is shared. Every caller still gets its own result only after the commit.
 */
export class LedgerBatcher {
  private readonly pool: pg.Pool;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;
  private readonly onBatch: ((size: number) => void) | undefined;
  private readonly onSplit: (() => void) | undefined;
  private readonly queue: Pending[] = [];
  private inFlight = 0;

  constructor(pool: pg.Pool, options: { maxInFlight: number; maxBatch?: number; onBatch?: (size: number) => void; onSplit?: () => void }) {
    this.pool = pool;
    this.maxInFlight = options.maxInFlight;
    this.maxBatch = options.maxBatch ?? 32;
    this.onBatch = options.onBatch;
    this.onSplit = options.onSplit;
  }

  /** A member call of a BATCHABLE function; its result once the batch it went in has committed. */
  call<F extends LedgerFunction>(call: LedgerCall<F> & { member: string }): Promise<Outcome<F>> {
    checkArgs(call);
    return new Promise((resolve, reject) => {
      this.queue.push({ call, memberId: call.member, resolve: (result) => resolve(result as Outcome<F>), reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    this.onBatch?.(batch.length);
    if (batch.length === 1) return this.one(batch[0]!);
    // One lock order for every batch: by member, so two batches can never wait on each other in a cycle.
    batch.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
    let results: unknown[];
    try {
      results = await pRetry(
        async () => {
          try {
            const { rows } = await this.pool.query<{ results: unknown[] }>({
              name: 'ledger_batch',
              text: 'SELECT ledger_batch($1::text[], $2::text[], $3::jsonb[]) AS results',
              values: [batch.map((p) => p.call.fn.name), batch.map((p) => p.memberId), batch.map((p) => JSON.stringify(p.call.args))],
            });
            return rows[0]!.results;
          } catch (error) {
            if (retryable(error) && (error as { code?: string }).code !== '23505') throw error;
            throw new AbortError(error as Error);
          }
        },
        { retries: 2, minTimeout: 5, maxTimeout: 50, randomize: true },
      );
    } catch {
      // Something in the batch failed as a whole (one element's exception aborts all): run each on its own, so
      // one request's failure is never another's.
      this.onSplit?.();
      await Promise.all(batch.map((p) => this.one(p)));
      return;
    }
    batch.forEach((p, i) => p.resolve(checkResult(p.call.fn, results[i])));
  }

  private one(p: Pending): Promise<void> {
    return callLedger(this.pool, p.call).then(p.resolve, p.reject);
  }
}
