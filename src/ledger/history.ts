import { sql, type Kysely } from 'kysely';
import type { Account, Database, PointsAccount, TransactionType } from '../db/schema.ts';
import { NotFoundError, FieldError } from '../errors.ts';
import { paidNet } from '../analytics/paid.ts';

export const MEMBER_ACCOUNTS = ['available', 'pending', 'held', 'debt'] as const;
export type MemberAccount = (typeof MEMBER_ACCOUNTS)[number];
export type AccountFigures = Record<MemberAccount, number>;

/** Wallet money moves in transactions of their own types: the points history and statement leave them out. */
export const WALLET_TYPES = ['wallet_credit', 'wallet_debit', 'wallet_hold', 'wallet_capture', 'wallet_void', 'wallet_hold_expire', 'wallet_expire', 'wallet_reversal'] as const;
export type WalletTransactionType = (typeof WALLET_TYPES)[number];
export type PointsTransactionType = Exclude<TransactionType, WalletTransactionType>;

export interface TransactionView {
  id: string;
  type: PointsTransactionType;
  points: number;
  resource_id: string | null;
  ref_id: string | null;
  external_ref: string | null;
  occurred_at: string;
  recorded_at: string;
  version: number;
  data: Record<string, unknown>;
  entries: { account: PointsAccount; amount: number }[];
  lots: { lot_id: string; points: number; expires_at: string }[];
}

async function assertMember(db: Kysely<Database>, programId: string, memberId: string) {
  const found = await db.selectFrom('members').select('id').where('program_id', '=', programId).where('id', '=', memberId).executeTakeFirst();
  if (!found) throw new NotFoundError('member', memberId);
}

const iso = (d: Date) => d.toISOString();

export const TRANSACTION_COLUMNS = ['t.id', 't.type', 't.points', 't.resource_id', 't.ref_id', 't.external_ref', 't.occurred_at', 't.recorded_at', 't.version', 't.data'] as const;

/** A transaction's entries as JSON, for a query over `ledger_transactions as t`. */
export const entriesOfTransaction = sql<{ account: PointsAccount; amount: number }[]>`(SELECT coalesce(jsonb_agg(jsonb_build_object('account', e.account, 'amount', e.amount) ORDER BY e.account), '[]'::jsonb)
    FROM ledger_entries e WHERE e.member_id = t.member_id AND e.txn_id = t.id)`.as('entries');

/** Newest first, keyed on the member's gap-free version, so new writes never shift a page being read. */
export async function listTransactions(
  db: Kysely<Database>,
  programId: string,
  memberId: string,
  filter: { types?: PointsTransactionType[] | undefined; from?: Date | undefined; to?: Date | undefined },
  page: { limit: number; beforeVersion?: number | undefined },
): Promise<TransactionView[]> {
  await assertMember(db, programId, memberId);
  let query = db
    .selectFrom('ledger_transactions as t')
    .select([
      ...TRANSACTION_COLUMNS,
      entriesOfTransaction,
      sql<{ lot_id: string; points: number; expires_at: string }[]>`(SELECT coalesce(jsonb_agg(x ORDER BY x.expires_at, x.lot_id), '[]'::jsonb) FROM (
          SELECT a.lot_id, a.points, pl_ts(l.expires_at) AS expires_at
            FROM lot_allocations a JOIN lots l ON l.member_id = a.member_id AND l.id = a.lot_id
           WHERE a.member_id = t.member_id AND a.txn_id = t.id
          UNION ALL
          SELECT l.id, l.granted, pl_ts(l.expires_at) FROM lots l WHERE l.member_id = t.member_id AND l.txn_id = t.id
        ) x)`.as('lots'),
    ])
    .where('t.member_id', '=', memberId)
    .where('t.type', 'not in', WALLET_TYPES);
  if (filter.types?.length) query = query.where('t.type', 'in', filter.types);
  if (filter.from) query = query.where('t.occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('t.occurred_at', '<', filter.to);
  if (page.beforeVersion !== undefined) query = query.where('t.version', '<', page.beforeVersion);
  const rows = await query.orderBy('t.version', 'desc').limit(page.limit).execute();
  return rows.map((r) => ({ ...r, type: r.type as PointsTransactionType, occurred_at: iso(r.occurred_at), recorded_at: iso(r.recorded_at) }));
}

export interface WalletTransactionView {
  id: string;
  type: WalletTransactionType;
  member_id: string;
  amount: { amount: number; currency: string };
  resource_id: string | null;
  ref_id: string | null;
  external_ref: string | null;
  occurred_at: string;
  recorded_at: string;
  version: number;
  data: Record<string, unknown>;
  entries: { account: Account; amount: number }[];
}

/**
 * The member's wallet statement, newest first, keyed on the member's gap-free version like the points history (the
 * two share the sequence, so a page of either skips the other's versions). Optionally one currency only.
 */
export async function listWalletTransactions(
  db: Kysely<Database>,
  programId: string,
  memberId: string,
  filter: { currency?: string | undefined },
  page: { limit: number; beforeVersion?: number | undefined },
): Promise<WalletTransactionView[]> {
  await assertMember(db, programId, memberId);
  let query = db
    .selectFrom('ledger_transactions as t')
    .select([...TRANSACTION_COLUMNS, 't.member_id', entriesOfTransaction])
    .where('t.member_id', '=', memberId)
    .where('t.type', 'in', WALLET_TYPES);
  if (filter.currency) query = query.where(sql<string>`t.data->>'currency'`, '=', filter.currency);
  if (page.beforeVersion !== undefined) query = query.where('t.version', '<', page.beforeVersion);
  const rows = await query.orderBy('t.version', 'desc').limit(page.limit).execute();
  return rows.map(({ points, ...r }) => ({
    ...r,
    type: r.type as WalletTransactionType,
    amount: { amount: Number(points), currency: String(r.data['currency']) },
    occurred_at: iso(r.occurred_at),
    recorded_at: iso(r.recorded_at),
  }));
}

export interface Statement {
  member_id: string;
  from: string;
  to: string;
  opening: AccountFigures;
  movements: (Omit<TransactionView, 'lots' | 'entries'> & { changes: Partial<AccountFigures> })[];
  closing: AccountFigures;
}

const STATEMENT_MAX_MOVEMENTS = 10_000;

const zero = (): AccountFigures => ({ available: 0, pending: 0, held: 0, debt: 0 });

/** Debt is shown as what the member owes (positive), so it is the negated sum of the debt account. */
function memberFigure(account: string, amount: number): [MemberAccount, number] | null {
  if (account === 'debt') return ['debt', -amount];
  return (MEMBER_ACCOUNTS as readonly string[]).includes(account) ? [account as MemberAccount, amount] : null;
}

/** Opening balances at `from`, every movement in [from, to), closing at `to`; opening + movements = closing. */
export async function statement(db: Kysely<Database>, programId: string, memberId: string, from: Date, to: Date): Promise<Statement> {
  if (to.getTime() <= from.getTime()) throw new FieldError('/to', 'must be after from', 'query');
  await assertMember(db, programId, memberId);
  const openingRows = await db
    .selectFrom('ledger_entries')
    .select(['account', (eb) => eb.fn.sum<number>('amount').as('total')])
    .where('member_id', '=', memberId)
    .where('occurred_at', '<', from)
    .where('account', 'in', ['available', 'pending', 'held', 'debt'])
    .groupBy('account')
    .execute();
  const opening = zero();
  for (const row of openingRows) {
    const figure = memberFigure(row.account, Number(row.total));
    if (figure) opening[figure[0]] += figure[1];
  }

  const txns = await db
    .selectFrom('ledger_transactions as t')
    .select([
      ...TRANSACTION_COLUMNS,
      entriesOfTransaction,
    ])
    .where('t.member_id', '=', memberId)
    .where('t.type', 'not in', WALLET_TYPES)
    .where('t.occurred_at', '>=', from)
    .where('t.occurred_at', '<', to)
    .orderBy('t.occurred_at')
    .orderBy('t.version')
    .limit(STATEMENT_MAX_MOVEMENTS + 1)
    .execute();
  if (txns.length > STATEMENT_MAX_MOVEMENTS) {
    throw new FieldError('/to', `the period has more than ${STATEMENT_MAX_MOVEMENTS} movements; ask for a shorter one`, 'query');
  }

  const closing = { ...opening };
  const movements = txns.map(({ entries, ...t }) => {
    const changes: Partial<AccountFigures> = {};
    for (const entry of entries) {
      const figure = memberFigure(entry.account, entry.amount);
      if (!figure) continue;
      changes[figure[0]] = (changes[figure[0]] ?? 0) + figure[1];
      closing[figure[0]] += figure[1];
    }
    return { ...t, type: t.type as PointsTransactionType, occurred_at: iso(t.occurred_at), recorded_at: iso(t.recorded_at), changes };
  });
  return { member_id: memberId, from: iso(from), to: iso(to), opening, movements, closing };
}

export interface MemberActivity {
  balance: { available: number; pending: number; held: number; debt: number; version: number };
  tier: { name: string; qualifying_points: number; next_tier: string | null; points_to_next: number | null } | null;
  purchase_count: number;
  return_count: number;
  total_spent: { amount: number; currency: string }[];
  last_activity_at: string | null;
  last_purchase_at: string | null;
  lost_at: string | null;
}

/** The figures the member card shows beside the profile; `request` carries the program's rules (tiers). */
export async function memberActivity(db: Kysely<Database>, memberId: string, now: Date, request: Record<string, unknown>): Promise<MemberActivity> {
  const [balance, spent, tier] = await Promise.all([
    db.selectFrom('member_balances').selectAll().where('member_id', '=', memberId).executeTakeFirstOrThrow(),
    db
      .selectFrom('purchases')
      // What was paid after promotion discounts, net of the returned share (src/analytics/paid.ts), per purchase
      // rounded down as the dashboard does; per currency, unconverted (the card shows what the member paid in each).
      .select(['currency', sql<number>`sum(floor(${paidNet({ amount: sql`amount`, discount: sql`discount`, returned: sql`returned_amount` })}))::bigint`.as('amount')])
      .where('member_id', '=', memberId)
      .groupBy('currency')
      .orderBy('currency')
      .execute(),
    sql<{ tier: MemberActivity['tier'] }>`SELECT pl_tier_json(${memberId}, ${now}, ${JSON.stringify(request)}::jsonb) AS tier`.execute(db),
  ]);
  return {
    balance: { available: balance.available, pending: balance.pending, held: balance.held, debt: balance.debt, version: balance.version },
    tier: tier.rows[0]?.tier ?? null,
    purchase_count: balance.purchase_count,
    return_count: balance.return_count,
    total_spent: spent.map((s) => ({ amount: Number(s.amount), currency: s.currency })),
    last_activity_at: balance.last_activity_at?.toISOString() ?? null,
    last_purchase_at: balance.last_purchase_at?.toISOString() ?? null,
    lost_at: balance.lost_at?.toISOString() ?? null,
  };
}
