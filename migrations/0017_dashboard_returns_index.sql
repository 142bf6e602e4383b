-- The returns of a program recorded by an instant (the dashboard's and RFM's purchase passes; issue 15 item 5).
-- Without it every report scanned all of the program's transactions to find the returns among them: a year over
-- 1M purchases read 1.3M transactions for 20k returns (about 1 s on a loaded two-core machine; 0.14 s with it), and
-- that side computed in parallel kept the purchases themselves from being read in parallel.
-- Partial: only return transactions are in it, so every other write of the ledger (earning, redeeming, holds, ...)
-- is unchanged; a return adds one small index entry.
CREATE INDEX ledger_transactions_returns_recorded_idx ON ledger_transactions (program_id, recorded_at) WHERE type = 'return';
