-- Cashback programs (incentives.md "Wallets", reward: cashback): a purchase credits the member's wallet a percent of
-- its net amount instead of earning points. No new table: the money is a wallet lot of its own source, and the
-- purchase remembers what it credited so a return can claw it back in proportion, like points.
ALTER TABLE wallet_lots DROP CONSTRAINT wallet_lots_source_check;
ALTER TABLE wallet_lots ADD CONSTRAINT wallet_lots_source_check CHECK (source IN ('credit', 'cashback'));

-- NULL for a purchase of a points program (so a program that switched keeps each purchase's own terms); the money
-- credited, in minor units of the purchase's currency, otherwise. returned_cashback is the cumulative target clawed
-- back so far (as returned_points), whether or not all of it could be taken from the wallet.
ALTER TABLE purchases ADD COLUMN cashback bigint CHECK (cashback >= 0);
ALTER TABLE purchases ADD COLUMN cashback_lot_id text;
ALTER TABLE purchases ADD COLUMN returned_cashback bigint NOT NULL DEFAULT 0 CHECK (returned_cashback >= 0);
