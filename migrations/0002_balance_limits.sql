-- The largest figure of a member's balance (MAX_BALANCE in src/schemas/limits.ts, 10^12 points): far below 2^53,
-- so every figure the ledger stores is one JSON and the service carry exactly. A write that would pass it fails as a
-- whole (nothing of it is written) and the service answers 422 balance_limit_exceeded, naming this constraint.
-- NOT VALID: a database that already holds a larger figure still migrates; the check applies to every later write.
ALTER TABLE member_balances ADD CONSTRAINT member_balances_within_max CHECK (
  available <= 1000000000000 AND pending <= 1000000000000 AND held <= 1000000000000 AND debt <= 1000000000000
  AND lifetime_earned <= 1000000000000 AND lifetime_redeemed <= 1000000000000 AND lifetime_expired <= 1000000000000
) NOT VALID;
