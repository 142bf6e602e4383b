-- Liability kept by the rollup job (issue 15 item 8): at 1,000,000 members the report read every lot with its
-- allocations and their transactions (71 s). The job folds each closed local day of the program into the points it
-- moved, per lot cohort and expiry month, and per member account; the report adds those rows up to the watermark and
-- reads live only what was recorded after it (src/analytics/liability-rollup.ts).

-- Points a day's transactions moved in lots, per (cohort, expiry month). Rows are deltas: the job appends, and when a
-- lot's expiry is extended after its day was folded, appends the move from the old month to the new one, so the
-- figures of (program, day, cohort, expiry_month) are the sum of its rows.
CREATE TABLE liability_rollup_lots (
  program_id    text NOT NULL,
  day           date NOT NULL,
  cohort        text NOT NULL,
  -- NULL: lots that never expire.
  expiry_month  text,
  issued        bigint NOT NULL,
  outstanding   bigint NOT NULL,
  expired       bigint NOT NULL
);
CREATE INDEX liability_rollup_lots_day_idx ON liability_rollup_lots (program_id, day);

-- What a day's transactions posted to the member accounts (available, pending, held, debt).
CREATE TABLE liability_rollup_accounts (
  program_id  text NOT NULL,
  day         date NOT NULL,
  account     text NOT NULL,
  amount      bigint NOT NULL,
  PRIMARY KEY (program_id, day, account)
);

-- How far each program is folded: every transaction recorded before `through` (a local midnight in `timezone`;
-- NULL until the first fold).
CREATE TABLE analytics_rollups (
  program_id  text NOT NULL,
  report      text NOT NULL,
  timezone    text NOT NULL,
  through     timestamptz,
  folded_at   timestamptz NOT NULL,
  PRIMARY KEY (program_id, report)
);

-- The live remainder and each fold read a program's transactions recorded in a range of time. The ledger's own
-- index is per member; this one costs every ledger write one more index entry, measured in bench/ANALYTICS.md.
CREATE INDEX ledger_transactions_program_recorded_idx ON ledger_transactions (program_id, recorded_at);
