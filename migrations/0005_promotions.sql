-- Promotions and promo codes (incentives.md). Every table is placed for Citus in src/db/placement.ts: definitions are
-- reference tables (read by every purchase, on whichever worker runs it), what a member's purchases use is
-- distributed by the member, codes by the code itself, and a promotion's budget is split into slices kept beside the
-- members so that no single row is updated by every purchase (ledger.md: one hot row caps the whole service).

CREATE TABLE promotions (
  program_id   text NOT NULL REFERENCES programs (id),
  id           text NOT NULL,
  name         text NOT NULL,
  description  text,
  status       text NOT NULL CHECK (status IN ('active', 'paused', 'ended')),
  visibility   text NOT NULL CHECK (visibility IN ('visible', 'technical')),
  stackable    boolean NOT NULL,
  priority     integer NOT NULL,
  effect       jsonb NOT NULL,
  scope        jsonb NOT NULL,
  conditions   jsonb NOT NULL,
  limits       jsonb NOT NULL,
  -- The preset that created it, if any (presets create ordinary promotions).
  preset       text,
  -- Bumped by every change; an evaluation names the versions it used and the purchase re-checks them.
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (program_id, id)
);

-- What is left of a promotion's total uses and budget that no slice holds yet. Slices take chunks from it; when it
-- runs dry, the slices' leftovers are swept back into it (pl_promotion_refill). NULL: no such limit.
CREATE TABLE promotion_pools (
  program_id    text NOT NULL,
  promotion_id  text NOT NULL,
  uses_left     bigint CHECK (uses_left >= 0),
  budget_left   bigint CHECK (budget_left >= 0),
  -- Set by a sweep (everything left is in the pool, no slice holds any), cleared when a slice takes a chunk: a refill
  -- the pool cannot serve then fails at once, and with nothing left at all purchases skip the promotion (facts).
  swept_at      timestamptz,
  PRIMARY KEY (program_id, promotion_id),
  FOREIGN KEY (program_id, promotion_id) REFERENCES promotions (program_id, id)
);

-- Slices of a promotion's total uses and budget. A purchase spends from the slice beside its member (pl_slice_key):
-- the per-slice row lock is shared only by the members of that slice, and on Citus the slice is on the member's
-- worker. CHECKs make overspending impossible whatever the interleaving.
CREATE TABLE promotion_slices (
  slice_key     text NOT NULL,
  program_id    text NOT NULL,
  promotion_id  text NOT NULL,
  uses_left     bigint NOT NULL DEFAULT 0 CHECK (uses_left >= 0),
  budget_left   bigint NOT NULL DEFAULT 0 CHECK (budget_left >= 0),
  -- What the last sweep took from this slice (a sweep reads the old values this way: UPDATE cannot return them).
  swept_uses    bigint NOT NULL DEFAULT 0,
  swept_budget  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (slice_key, program_id, promotion_id)
);

-- On Citus: for each shard of the member co-location group, a slice key that hashes into it (filled by
-- src/db/placement.ts). Empty on a single node, where slices are a hash of the member.
CREATE TABLE promotion_slice_keys (
  shard_id   bigint PRIMARY KEY,
  slice_key  text NOT NULL
);

-- A member's uses of a promotion per period ("all", a local day, ISO week or month), for per-member limits.
CREATE TABLE promotion_uses (
  member_id     text NOT NULL,
  program_id    text NOT NULL,
  promotion_id  text NOT NULL,
  period_key    text NOT NULL,
  uses          integer NOT NULL CHECK (uses >= 0),
  PRIMARY KEY (member_id, program_id, promotion_id, period_key),
  FOREIGN KEY (member_id) REFERENCES members (id)
);

-- What each promotion gave on a purchase: returns re-evaluate from it.
CREATE TABLE purchase_promotions (
  member_id     text NOT NULL,
  purchase_id   text NOT NULL,
  promotion_id  text NOT NULL,
  program_id    text NOT NULL,
  effect_type   text NOT NULL,
  discount      bigint NOT NULL CHECK (discount >= 0),
  points        bigint NOT NULL CHECK (points >= 0),
  budget_cost   bigint,
  -- The code presented for it, and the code it issued.
  code          text,
  issued_code   text,
  gift          text,
  period_keys   text[] NOT NULL,
  -- What it needs to keep qualifying when lines are returned: the amount of its eligible lines (purchase currency;
  -- NULL: any) and those lines' skus (NULL: the whole purchase).
  min_amount    bigint,
  eligible_skus text[],
  -- Set when a return took it back (its points clawed back, its issued code revoked).
  revoked_at    timestamptz,
  PRIMARY KEY (member_id, purchase_id, promotion_id),
  FOREIGN KEY (member_id, purchase_id) REFERENCES purchases (member_id, id)
);

ALTER TABLE purchases ADD COLUMN discount bigint NOT NULL DEFAULT 0 CHECK (discount >= 0);
ALTER TABLE purchases ADD COLUMN quote_id text;
-- Extra points of promotions a return disqualified: clawed back whole, beside the proportional share of the rest.
ALTER TABLE purchases ADD COLUMN promotion_points_revoked bigint NOT NULL DEFAULT 0 CHECK (promotion_points_revoked >= 0);

-- A quote: the outcome POST /v1/purchases/quote showed, committed as it is by POST /v1/purchases with its id.
CREATE TABLE purchase_quotes (
  member_id     text NOT NULL,
  id            text NOT NULL,
  program_id    text NOT NULL,
  -- The purchase fields the quote was for; a commit must send the same.
  request_hash  text NOT NULL,
  evaluation    jsonb NOT NULL,
  expires_at    timestamptz NOT NULL,
  created_at    timestamptz NOT NULL,
  purchase_id   text,
  PRIMARY KEY (member_id, id),
  FOREIGN KEY (member_id) REFERENCES members (id)
);

-- Promo codes, unique per program. On Citus distributed by the code: a till's lookup is one probe on one worker.
CREATE TABLE promo_codes (
  code           text NOT NULL CHECK (code ~ '^[A-Z0-9-]{4,40}$'),
  program_id     text NOT NULL,
  promotion_id   text NOT NULL,
  -- A code bound to a member works only for them, with the PIN when there is one (scrypt, never returned).
  member_id      text,
  pin_hash       text,
  max_uses       integer NOT NULL CHECK (max_uses > 0),
  uses           integer NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
  valid_from     timestamptz,
  valid_until    timestamptz,
  failed_pins    integer NOT NULL DEFAULT 0 CHECK (failed_pins >= 0),
  locked_at      timestamptz,
  revoked_at     timestamptz,
  -- The purchase whose promotion issued it (issue_code), or NULL when an admin issued it.
  issued_by_purchase text,
  batch_id       text,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (code, program_id)
);
CREATE INDEX promo_codes_promotion_idx ON promo_codes (program_id, promotion_id, code);
