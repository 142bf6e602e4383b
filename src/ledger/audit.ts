import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface InvariantCheck {
  name: string;
  description: string;
  ok: boolean;
  violations: number;
  /** Up to 10 offending ids, to start an investigation. */
  examples: string[];
}

export interface TrialBalance {
  ok: boolean;
  checks: InvariantCheck[];
  /** Sum of entries per account over the whole program (system accounts have no cached balance). */
  accounts: Record<string, number>;
  transactions: number;
}

const CHECKS: { name: string; description: string; query: (programId: string) => ReturnType<typeof sql<{ id: string }>> }[] = [
  {
    name: 'transactions_balance',
    description: "Every transaction's entries sum to zero",
    query: (p) => sql`SELECT txn_id AS id FROM ledger_entries WHERE program_id = ${p} GROUP BY member_id, txn_id HAVING sum(amount) <> 0`,
  },
  {
    name: 'program_balances',
    description: "All of the program's entries sum to zero: its points, and its money in each currency apart",
    // The unit of an entry is in its account's name: wallet_available:USD and gift_card:USD are US cents, every
    // account without a currency points.
    query: (p) => sql`
      SELECT ${p}::text || ' ' || unit AS id
        FROM (SELECT CASE WHEN account LIKE '%:%' THEN split_part(account, ':', 2) ELSE 'points' END AS unit, amount
                FROM ledger_entries WHERE program_id = ${p}) e
       GROUP BY unit HAVING sum(amount) <> 0`,
  },
  {
    name: 'cached_balances_match_entries',
    description: "Each member's cached available, pending, held and debt equal the sums of their entries",
    query: (p) => sql`
      SELECT b.member_id AS id FROM member_balances b
      LEFT JOIN (SELECT member_id,
                        sum(amount) FILTER (WHERE account = 'available') AS available,
                        sum(amount) FILTER (WHERE account = 'pending') AS pending,
                        sum(amount) FILTER (WHERE account = 'held') AS held,
                        sum(amount) FILTER (WHERE account = 'debt') AS debt
                   FROM ledger_entries WHERE program_id = ${p} GROUP BY member_id) e ON e.member_id = b.member_id
      WHERE b.program_id = ${p}
        AND (b.available <> coalesce(e.available, 0) OR b.pending <> coalesce(e.pending, 0)
             OR b.held <> coalesce(e.held, 0) OR b.debt <> -coalesce(e.debt, 0))`,
  },
  {
    name: 'lots_match_allocations',
    description: "Each lot's remaining equals granted plus its allocations, and is never negative",
    query: (p) => sql`
      SELECT l.id FROM lots l
      LEFT JOIN (SELECT member_id, lot_id, sum(points) AS allocated FROM lot_allocations WHERE program_id = ${p}
                  GROUP BY member_id, lot_id) a ON a.member_id = l.member_id AND a.lot_id = l.id
      WHERE l.program_id = ${p} AND (l.remaining <> l.granted + coalesce(a.allocated, 0) OR l.remaining < 0)`,
  },
  {
    name: 'balances_match_lots',
    description: "Each member's available equals the remaining of their matured lots, and pending that of the others",
    query: (p) => sql`
      SELECT b.member_id AS id FROM member_balances b
      LEFT JOIN (SELECT member_id,
                        sum(remaining) FILTER (WHERE matured) AS available,
                        sum(remaining) FILTER (WHERE NOT matured) AS pending
                   FROM lots WHERE program_id = ${p} GROUP BY member_id) l ON l.member_id = b.member_id
      WHERE b.program_id = ${p}
        AND (b.available <> coalesce(l.available, 0) OR b.pending <> coalesce(l.pending, 0))`,
  },
  {
    name: 'held_matches_holds',
    description: "Each member's held points equal their active holds",
    query: (p) => sql`
      SELECT b.member_id AS id FROM member_balances b
      LEFT JOIN (SELECT member_id, sum(points) AS held FROM holds WHERE program_id = ${p} AND status = 'active'
                  GROUP BY member_id) h ON h.member_id = b.member_id
      WHERE b.program_id = ${p} AND b.held <> coalesce(h.held, 0)`,
  },
  {
    name: 'wallet_balances_match_entries',
    description: "Each member's cached wallet available and held, per currency, equal the sums of their entries",
    query: (p) => sql`
      SELECT coalesce(w.member_id, e.member_id) || ' ' || coalesce(w.currency, e.currency) AS id
        FROM (SELECT * FROM wallet_balances WHERE program_id = ${p}) w
        FULL JOIN (SELECT member_id, split_part(account, ':', 2) AS currency,
                          sum(amount) FILTER (WHERE account LIKE 'wallet\_available:%') AS available,
                          sum(amount) FILTER (WHERE account LIKE 'wallet\_held:%') AS held
                     FROM ledger_entries WHERE program_id = ${p} AND account ~ '^wallet_(available|held):'
                    GROUP BY 1, 2) e ON e.member_id = w.member_id AND e.currency = w.currency
       WHERE coalesce(w.available, 0) <> coalesce(e.available, 0) OR coalesce(w.held, 0) <> coalesce(e.held, 0)`,
  },
  {
    name: 'wallet_lots_match_allocations',
    description: "Each wallet lot's remaining equals granted plus its allocations, and is never negative",
    query: (p) => sql`
      SELECT l.id FROM wallet_lots l
      LEFT JOIN (SELECT member_id, lot_id, sum(amount) AS allocated FROM wallet_lot_allocations WHERE program_id = ${p}
                  GROUP BY member_id, lot_id) a ON a.member_id = l.member_id AND a.lot_id = l.id
      WHERE l.program_id = ${p} AND (l.remaining <> l.granted + coalesce(a.allocated, 0) OR l.remaining < 0)`,
  },
  {
    name: 'wallet_balances_match_lots',
    description: "Each member's wallet available, per currency, equals the remaining of their lots in it",
    query: (p) => sql`
      SELECT coalesce(w.member_id, l.member_id) || ' ' || coalesce(w.currency, l.currency) AS id
        FROM (SELECT * FROM wallet_balances WHERE program_id = ${p}) w
        FULL JOIN (SELECT member_id, currency, sum(remaining) AS remaining FROM wallet_lots WHERE program_id = ${p}
                    GROUP BY 1, 2) l ON l.member_id = w.member_id AND l.currency = w.currency
       WHERE coalesce(w.available, 0) <> coalesce(l.remaining, 0)`,
  },
  {
    name: 'wallet_held_matches_holds',
    description: "Each member's held wallet money, per currency, equals their active wallet holds",
    query: (p) => sql`
      SELECT coalesce(w.member_id, h.member_id) || ' ' || coalesce(w.currency, h.currency) AS id
        FROM (SELECT * FROM wallet_balances WHERE program_id = ${p}) w
        FULL JOIN (SELECT member_id, currency, sum(amount) AS held FROM wallet_holds WHERE program_id = ${p} AND status = 'active'
                    GROUP BY 1, 2) h ON h.member_id = w.member_id AND h.currency = w.currency
       WHERE coalesce(w.held, 0) <> coalesce(h.held, 0)`,
  },
  {
    name: 'gift_card_balances_match_entries',
    description: "Each gift card's cached balance equals the sum of its gift_card entries, and its version its transactions",
    query: (p) => sql`
      SELECT g.id FROM gift_cards g
      LEFT JOIN (SELECT member_id, sum(amount) AS balance FROM ledger_entries
                  WHERE program_id = ${p} AND account LIKE 'gift\_card:%' GROUP BY member_id) e ON e.member_id = g.id
      LEFT JOIN (SELECT member_id, count(*) AS n, max(version) AS top FROM ledger_transactions
                  WHERE program_id = ${p} AND type LIKE 'gift\_card\_%' GROUP BY member_id) t ON t.member_id = g.id
      WHERE g.program_id = ${p}
        AND (g.balance <> coalesce(e.balance, 0) OR g.version <> coalesce(t.n, 0) OR coalesce(t.top, 0) <> coalesce(t.n, 0))`,
  },
  {
    name: 'versions_without_gaps',
    description: "Each member's transactions carry versions 1..n and the balance row is at n",
    query: (p) => sql`
      SELECT b.member_id AS id FROM member_balances b
      LEFT JOIN (SELECT member_id, count(*) AS n, max(version) AS top, min(version) AS bottom
                   FROM ledger_transactions WHERE program_id = ${p} GROUP BY member_id) t ON t.member_id = b.member_id
      WHERE b.program_id = ${p}
        AND (b.version <> coalesce(t.n, 0) OR coalesce(t.top, 0) <> coalesce(t.n, 0) OR coalesce(t.bottom, 1) <> 1)`,
  },
];

/** The invariants of ledger.md for one program. Read-only; safe to run while the program is live. */
export async function trialBalance(db: Kysely<Database>, programId: string): Promise<TrialBalance> {
  // One snapshot for every check, so concurrent writes cannot make consistent data look inconsistent. On a Citus
  // cluster there is no snapshot across nodes: each shard's part of a check reads under that shard connection's own
  // snapshot. The verdicts still hold, because every invariant is about one member and a member's rows (and each
  // transaction's entries) live in one shard: each shard's part is consistent, and sums of balanced parts balance.
  // Only the informational totals (accounts, transactions) may then mix instants under live writes.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const checks: InvariantCheck[] = [];
      for (const check of CHECKS) {
        const { rows } = await check.query(programId).execute(trx);
        checks.push({
          name: check.name,
          description: check.description,
          ok: rows.length === 0,
          violations: rows.length,
          examples: rows.slice(0, 10).map((r) => r.id),
        });
      }
      const accounts = await trx
        .selectFrom('ledger_entries')
        .select(['account', (eb) => eb.fn.sum<number>('amount').as('total')])
        .where('program_id', '=', programId)
        .groupBy('account')
        .orderBy('account')
        .execute();
      const count = await trx
        .selectFrom('ledger_transactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('program_id', '=', programId)
        .executeTakeFirstOrThrow();
      return {
        ok: checks.every((c) => c.ok),
        checks,
        accounts: Object.fromEntries(accounts.map((a) => [a.account, Number(a.total)])),
        transactions: Number(count.n),
      };
    });
}
