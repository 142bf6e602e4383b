import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { entriesOfTransaction, TRANSACTION_COLUMNS, WALLET_TYPES, type PointsTransactionType, type TransactionView } from '../ledger/history.ts';
import { analyticsRead, type AnalyticsReader } from './read.ts';

export interface TransactionSearch {
  types?: PointsTransactionType[] | undefined;
  store_id?: string | undefined;
  receipt_id?: string | undefined;
  member_id?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  min_points?: number | undefined;
  max_points?: number | undefined;
}

/** A member's history row (without the lots it drew) and whose it is. */
export type ProgramTransaction = Omit<TransactionView, 'lots'> & { member_id: string };

/**
 * The program's points transactions for the back office, newest first by id (TypeIDs are UUIDv7: creation order),
 * which is unique and never changes, so a page being read is never shifted by new writes.
 *
 * No index is added for it: ledger_transactions is the hottest table of the write path. A member (its primary key)
 * or a receipt (ledger_transactions_receipt_key) narrows it through an existing index; a program-wide browse reads
 * the program's rows, each shard its own on a cluster with the limit pushed down to it, under the analytics timeout.
 */
export async function searchTransactions(
  db: Kysely<Database>,
  reader: AnalyticsReader,
  programId: string,
  filter: TransactionSearch,
  page: { limit: number; before?: string | undefined },
): Promise<ProgramTransaction[]> {
  return analyticsRead(db, reader, async (trx) => {
    let query = trx
      .selectFrom('ledger_transactions as t')
      .select([...TRANSACTION_COLUMNS, 't.member_id', entriesOfTransaction])
      .where('t.program_id', '=', programId)
      .where('t.type', 'not in', WALLET_TYPES);
    if (filter.member_id) query = query.where('t.member_id', '=', filter.member_id);
    if (filter.types?.length) query = query.where('t.type', 'in', filter.types);
    // Purchases and returns keep the receipt in external_ref; the store is in the data of those that name one.
    if (filter.receipt_id) query = query.where('t.external_ref', '=', filter.receipt_id).where('t.type', 'in', ['earn', 'return']);
    if (filter.store_id) query = query.where(sql<string>`t.data->>'store_id'`, '=', filter.store_id);
    if (filter.from) query = query.where('t.occurred_at', '>=', filter.from);
    if (filter.to) query = query.where('t.occurred_at', '<', filter.to);
    if (filter.min_points !== undefined) query = query.where('t.points', '>=', filter.min_points);
    if (filter.max_points !== undefined) query = query.where('t.points', '<=', filter.max_points);
    if (page.before) query = query.where('t.id', '<', page.before);
    const rows = await query.orderBy('t.id', 'desc').limit(page.limit).execute();
    return rows.map((r) => ({
      ...r,
      type: r.type as PointsTransactionType,
      points: Number(r.points),
      version: Number(r.version),
      occurred_at: r.occurred_at.toISOString(),
      recorded_at: r.recorded_at.toISOString(),
    }));
  });
}
