-- Store credit for referrals (incentives.md "Wallets": Referrals) and the program's FX table (analytics.md "Data the
-- ledger must now keep"), which converts the reward, fixed in USD, into the program's home currency.

-- FX rates: how many units of the home currency one unit of `currency` is worth, from effective_from on.
-- Append-only history: the rate in force at an instant is the row with the latest effective_from not after it.
-- Program-level, written rarely by admins, read by jobs and (later) reports on any node: a reference table on Citus.
CREATE TABLE fx_rates (
  program_id      text NOT NULL,
  currency        text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  effective_from  timestamptz NOT NULL,
  -- Exact decimal: a conversion is numeric arithmetic, rounded down to the home currency's minor unit.
  rate            numeric NOT NULL CHECK (rate > 0),
  id              text NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (program_id, currency, effective_from)
);

-- Every member's referral code, shown on the member and accepted by enrollment's referred_by. Unique per program
-- through member_keys (kind referral_code), like loyalty ids: one probe on the value's worker.
ALTER TABLE member_keys DROP CONSTRAINT member_keys_kind_check;
ALTER TABLE member_keys ADD CONSTRAINT member_keys_kind_check CHECK (kind IN ('loyalty_id', 'external_ref', 'referral_code'));
ALTER TABLE members ADD COLUMN referral_code text;
-- Existing members get a code derived from their id (deterministic: no volatile function in an UPDATE of a
-- distributed table). 16 hex digits, 64 bits: two members sharing one is vanishingly unlikely, and if they did the
-- claim below would fail the migration (primary key) rather than let two members share a code.
UPDATE members SET referral_code = 'R' || upper(substr(md5(id), 1, 16)) WHERE referral_code IS NULL;
INSERT INTO member_keys (value, program_id, kind, member_id)
  SELECT referral_code, program_id, 'referral_code', id FROM members;

-- One referral per referee, on the referee's shard (its key is the referee): the constraint that no second referral,
-- and so no second reward, can ever exist for one member. The reward itself is written on the referrer's shard by
-- the referrals job (referral_rewards), then the row here is marked rewarded.
CREATE TABLE referrals (
  member_id       text NOT NULL,                -- the referee
  id              text NOT NULL,
  program_id      text NOT NULL,
  referrer_id     text NOT NULL,
  referred_by     text NOT NULL,                -- what enrollment was given: the referrer's id or code
  status          text NOT NULL CHECK (status IN ('pending', 'rewarded', 'cancelled')),
  -- Set when the referee's first purchase is known: it matures at due_at (its lot's matures_at).
  purchase_id     text,
  due_at          timestamptz,
  -- Why a due referral is not paid yet (fx_rate_missing), cleared once it is paid.
  waiting_reason  text,
  reward_amount   bigint CHECK (reward_amount > 0),
  reward_currency text CHECK (reward_currency ~ '^[A-Z]{3}$'),
  reward_txn_id   text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (member_id),
  CHECK (member_id <> referrer_id)
);
CREATE INDEX referrals_pending_idx ON referrals (program_id, member_id) WHERE status = 'pending';
CREATE INDEX referrals_referrer_idx ON referrals (program_id, referrer_id);

-- The reward on the referrer's shard, written in the same transaction as its wallet credit: a second run of the job,
-- or two runs at once, find it and pay nothing more.
CREATE TABLE referral_rewards (
  member_id    text NOT NULL,                   -- the referrer
  referral_id  text NOT NULL,
  program_id   text NOT NULL,
  referee_id   text NOT NULL,
  txn_id       text NOT NULL,
  amount       bigint NOT NULL CHECK (amount > 0),
  currency     text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (member_id, referral_id),
  UNIQUE (member_id, referee_id)
);
