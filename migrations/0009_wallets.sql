-- Wallets (incentives.md "Wallets: money the member holds"): money per member and currency, kept in the same
-- double-entry ledger as points, with lots spent soonest-expiring first.

-- Wallet movements are ledger transactions of their own types: they take the member's lock and version like every
-- points write, so the member's history stays one gap-free sequence. Their headline figure (points) is the money
-- moved, in minor units of the currency their data names.
ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_type_check;
ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_type_check
  CHECK (type IN ('earn', 'return', 'redeem', 'reversal', 'hold', 'capture', 'void', 'hold_expire', 'adjust', 'mature',
                  'expire', 'debt_payment', 'bonus', 'benefit', 'convert', 'renew', 'decay', 'extend', 'partner_transfer',
                  'wallet_credit', 'wallet_debit', 'wallet_hold', 'wallet_capture', 'wallet_void', 'wallet_hold_expire',
                  'wallet_expire', 'wallet_reversal'));

-- Money accounts are named per currency (wallet_available:USD), apart from every points account: an entry's amount
-- is then points or minor units of one currency by its account alone, and the trial balance sums each unit apart.
-- Member accounts: wallet_available, wallet_held; system accounts: wallet_issued (credits), wallet_spent (debits),
-- wallet_expired (lots that ran out).
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_account_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_account_check
  CHECK (account IN ('available', 'pending', 'held', 'debt', 'issued', 'redeemed', 'expired', 'adjustments', 'converted', 'decayed')
         OR account ~ '^wallet_(available|held|issued|spent|expired):[A-Z]{3}$');

-- The member's money per currency, cached like member_balances (checked against entries and lots by the trial
-- balance). Written only under the member's balance row lock (pl_begin), so the CHECKs are the last word on a race.
CREATE TABLE wallet_balances (
  member_id   text NOT NULL,
  currency    text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  program_id  text NOT NULL,
  available   bigint NOT NULL DEFAULT 0 CHECK (available >= 0),
  held        bigint NOT NULL DEFAULT 0 CHECK (held >= 0),
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (member_id, currency)
);

-- One per credit: money spent soonest-expiring first, money that never expires (expires_at NULL) last.
CREATE TABLE wallet_lots (
  member_id   text NOT NULL,
  id          text NOT NULL,
  program_id  text NOT NULL,
  txn_id      text NOT NULL,
  currency    text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  source      text NOT NULL CHECK (source IN ('credit')),
  granted     bigint NOT NULL CHECK (granted > 0),
  -- Cached: granted plus the signed sum of this lot's allocations (checked by the trial balance).
  remaining   bigint NOT NULL CHECK (remaining >= 0 AND remaining <= granted),
  expires_at  timestamptz,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (member_id, id)
) WITH (fillfactor = 85);
-- No index mentions `remaining`, so a draw is a HOT update.
CREATE INDEX wallet_lots_spendable_idx ON wallet_lots (member_id, currency, expires_at, id);

-- Which lots each debit drew from (append-only), so a reversal can give money back where it came from.
CREATE TABLE wallet_lot_allocations (
  member_id   text NOT NULL,
  txn_id      text NOT NULL,
  lot_id      text NOT NULL,
  ref_txn_id  text NOT NULL,
  program_id  text NOT NULL,
  amount      bigint NOT NULL CHECK (amount <> 0),
  PRIMARY KEY (member_id, txn_id, lot_id)
);
CREATE INDEX wallet_lot_allocations_ref_idx ON wallet_lot_allocations (member_id, ref_txn_id);

-- Wallet money reserved at the till, then captured (all or part, the rest released), voided or expired. The hold's
-- money is drawn from lots when it is made (wallet_available -> wallet_held), so a capture spends exactly what was
-- reserved and a release gives it back to the lots it came from.
CREATE TABLE wallet_holds (
  member_id   text NOT NULL,
  id          text NOT NULL,
  program_id  text NOT NULL,
  txn_id      text NOT NULL,
  currency    text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount      bigint NOT NULL CHECK (amount > 0),
  captured    bigint CHECK (captured >= 0 AND captured <= amount),
  status      text NOT NULL CHECK (status IN ('active', 'captured', 'voided', 'expired')),
  reason      text,
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL,
  closed_at   timestamptz,
  PRIMARY KEY (member_id, id)
);
CREATE INDEX wallet_holds_active_expiry_idx ON wallet_holds (member_id, expires_at) WHERE status = 'active';
