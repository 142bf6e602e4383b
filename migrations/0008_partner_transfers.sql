-- Partner transfers (incentives.md "Wallets"): points brought in from another platform, credited with a bonus.

-- A partner transfer is a ledger transaction of its own type, and its points a lot of their own source.
ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_type_check;
ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_type_check
  CHECK (type IN ('earn', 'return', 'redeem', 'reversal', 'hold', 'capture', 'void', 'hold_expire', 'adjust', 'mature',
                  'expire', 'debt_payment', 'bonus', 'benefit', 'convert', 'renew', 'decay', 'extend', 'partner_transfer'));
ALTER TABLE lots DROP CONSTRAINT lots_source_check;
ALTER TABLE lots ADD CONSTRAINT lots_source_check
  CHECK (source IN ('earn', 'adjust', 'bonus', 'benefit', 'convert', 'renew', 'partner'));

-- Each transfer once per program, partner and the partner's own id for it, whichever member it names: the row is the
-- transfer's claim on that id and keeps the first answer, which a repeat of the transfer gets back. The key does not
-- contain the member, so on Citus it cannot be a key of a member-distributed table: like member_keys and promo_codes
-- the table is distributed by its own key (external_id, src/db/placement.ts), and a transfer writes it in the same
-- transaction as the member's credit (a transaction block on the coordinator, committed on both workers at once).
CREATE TABLE partner_transfers (
  external_id  text NOT NULL,
  partner      text NOT NULL,
  program_id   text NOT NULL,
  id           text NOT NULL,
  member_id    text NOT NULL,
  points       bigint NOT NULL CHECK (points > 0),
  bonus        bigint NOT NULL CHECK (bonus >= 0),
  txn_id       text NOT NULL,
  -- The first answer (transfer, transaction, balance), replayed to a repeat of the same transfer.
  response     jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (external_id, partner, program_id)
);
