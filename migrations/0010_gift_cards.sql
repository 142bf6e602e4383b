-- Gift cards (incentives.md "Wallets: money the member holds", Gift cards): money loaded on a card sold against a
-- purchase, bound to a phone, spent by whoever holds its code and a one-time password sent to that phone, or moved
-- into a member's wallet. Kept like wallet money: double-entry postings on per-currency accounts, every movement a
-- ledger transaction with its event.

-- A card's movements are ledger transactions whose owner (the member_id column, the distribution value on Citus) is
-- the card id itself: a card is placed like a member, by its own id, and its transactions, entries, idempotency keys
-- and events live on its shard. Their version is the card's own sequence (gift_cards.version).
ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_type_check;
ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_type_check
  CHECK (type IN ('earn', 'return', 'redeem', 'reversal', 'hold', 'capture', 'void', 'hold_expire', 'adjust', 'mature',
                  'expire', 'debt_payment', 'bonus', 'benefit', 'convert', 'renew', 'decay', 'extend', 'partner_transfer',
                  'wallet_credit', 'wallet_debit', 'wallet_hold', 'wallet_capture', 'wallet_void', 'wallet_hold_expire',
                  'wallet_expire', 'wallet_reversal',
                  'gift_card_issue', 'gift_card_spend', 'gift_card_transfer', 'gift_card_expire', 'gift_card_reversal'));

-- Card accounts, per currency like the wallet's: gift_card (the card's balance: money the program owes its holder),
-- against gift_card_sold (issued), gift_card_spent, gift_card_transferred (moved into a wallet, which receives it
-- from wallet_issued) and gift_card_expired.
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_account_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_account_check
  CHECK (account IN ('available', 'pending', 'held', 'debt', 'issued', 'redeemed', 'expired', 'adjustments', 'converted', 'decayed')
         OR account ~ '^wallet_(available|held|issued|spent|expired):[A-Z]{3}$'
         OR account ~ '^gift_card(|_sold|_spent|_transferred|_expired):[A-Z]{3}$');

-- What has been loaded on gift cards against a purchase: never more than the purchase paid. Updated under the
-- purchase's row lock by each issue, so parallel issues against one purchase queue, and the CHECK is the last word.
ALTER TABLE purchases ADD COLUMN gift_cards_loaded bigint NOT NULL DEFAULT 0;
ALTER TABLE purchases ADD CONSTRAINT purchases_gift_cards_loaded_check CHECK (gift_cards_loaded >= 0 AND gift_cards_loaded <= amount);

CREATE TABLE gift_cards (
  id                  text NOT NULL,
  program_id          text NOT NULL,
  -- The purchase that paid for the card, and its member (the purchase's shard).
  purchase_id         text NOT NULL,
  purchase_member_id  text NOT NULL,
  currency            text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  loaded              bigint NOT NULL CHECK (loaded > 0),
  -- Cached: the sum of the card's gift_card:<currency> entries (checked by the trial balance). The CHECK is the last
  -- word on a race: every movement updates it under the card's row lock.
  balance             bigint NOT NULL CHECK (balance >= 0 AND balance <= loaded),
  phone               text NOT NULL,
  -- SHA-256 of the code: the code carries 120 random bits, so a fast hash is safe against a stolen table (a salted
  -- slow hash is needed only for low-entropy secrets like the 6-digit one-time passwords).
  code_hash           bytea NOT NULL,
  code_hint           text NOT NULL,
  status              text NOT NULL CHECK (status IN ('active', 'expired')),
  expires_at          timestamptz,
  -- The card's transactions carry versions 1..n; this is n.
  version             bigint NOT NULL,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX gift_cards_purchase_idx ON gift_cards (program_id, purchase_id);
