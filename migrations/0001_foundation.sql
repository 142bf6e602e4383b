-- The baseline schema: tables, indexes and constraints only. Functions and triggers are living source under
-- src/**/sql/, re-applied by src/db/migrate.ts whenever they change; a later migration changes schema and data.

-- Programs, API keys and members: the tenant skeleton the ledger hangs off.
-- Ids are TypeIDs (prefix + UUIDv7) stored as text: opaque to clients, sortable by creation.

CREATE TABLE programs (
  id          text PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Business settings (rates, tiers, limits, expiry...) live in one validated document; the code owns its defaults.
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id           text PRIMARY KEY,
  program_id   text NOT NULL REFERENCES programs (id),
  name         text,
  role         text NOT NULL CHECK (role IN ('admin', 'pos', 'read')),
  -- SHA-256 of the secret: secrets are 256-bit random, so a fast hash is enough and keeps auth cheap.
  secret_hash  bytea NOT NULL UNIQUE,
  -- First characters of the secret, so an operator can tell keys apart without seeing them.
  secret_hint  text NOT NULL,
  created_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX api_keys_program_idx ON api_keys (program_id, id);

CREATE TABLE members (
  id            text PRIMARY KEY,
  program_id    text NOT NULL REFERENCES programs (id),
  loyalty_id    text NOT NULL CHECK (loyalty_id ~ '^[0-9]{8}$'),
  external_ref  text,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'deactivated')),
  status_reason text,
  status_changed_at timestamptz,
  name          text,
  phone         text,
  email         text,
  birth_date    date,
  gender        text,
  branch        text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CONSTRAINT members_loyalty_id_key UNIQUE (program_id, loyalty_id),
  CONSTRAINT members_external_ref_key UNIQUE (program_id, external_ref)
);

-- Listing walks (program, id) so cursors stay stable while members enroll.
CREATE INDEX members_program_id_idx ON members (program_id, id);
CREATE INDEX members_program_phone_idx ON members (program_id, phone);
CREATE INDEX members_program_branch_idx ON members (program_id, branch, id);
CREATE INDEX members_program_status_idx ON members (program_id, status, id);

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX members_name_trgm_idx ON members USING gin (lower(name) gin_trgm_ops);

-- The points ledger: append-only double-entry postings, lots with FIFO-by-expiry allocation, cached balances,
-- and idempotency. Each write is one call of a function from src/ledger/sql/, so every ledger write is one round trip.
--
-- Layout: every member-scoped table carries member_id first in its primary key, so the schema can later be
-- distributed by member_id without a rewrite. No row shared between members is written on the write path:
-- system accounts (issued, redeemed, expired, adjustments) have no cached balance; they are sums of entries.
--
-- Sign convention: an entry's amount is positive when points flow into the account. Member accounts
-- (available, pending, held) hold the member's points; `debt` goes negative when the member owes points.
-- Every transaction's entries sum to zero.

CREATE TABLE member_balances (
  member_id         text PRIMARY KEY REFERENCES members (id),
  program_id        text NOT NULL,
  available         bigint NOT NULL DEFAULT 0 CHECK (available >= 0),
  pending           bigint NOT NULL DEFAULT 0 CHECK (pending >= 0),
  held              bigint NOT NULL DEFAULT 0 CHECK (held >= 0),
  debt              bigint NOT NULL DEFAULT 0 CHECK (debt >= 0),
  lifetime_earned   bigint NOT NULL DEFAULT 0,
  lifetime_redeemed bigint NOT NULL DEFAULT 0,
  lifetime_expired  bigint NOT NULL DEFAULT 0,
  purchase_count    integer NOT NULL DEFAULT 0,
  return_count      integer NOT NULL DEFAULT 0,
  -- Grows by exactly one with every ledger transaction of the member (each transaction records it).
  version           bigint NOT NULL DEFAULT 0,
  -- The earliest instant something of this member falls due (a lot matures or expires, a hold expires), or NULL.
  -- Writes and reads settle only when it has passed, so the common write skips the settlement queries.
  next_due_at       timestamptz,
  last_activity_at  timestamptz,
  updated_at        timestamptz,
  -- NULL: the program's first (entry) tier, so tier names stay program settings rather than schema.
  tier              text,
  tier_since        timestamptz,
  -- Win-back counts from the last purchase, inactivity decay from the last activity of any kind.
  last_purchase_at  timestamptz,
  -- Set when the member passes the last win-back milestone; a purchase clears it.
  lost_at           timestamptz
) WITH (fillfactor = 80);

-- Room on each page keeps the per-write balance update HOT (no index touched); the jobs find due members here.
CREATE INDEX member_balances_due_idx ON member_balances (program_id, next_due_at) WHERE next_due_at IS NOT NULL;

CREATE TABLE ledger_transactions (
  member_id        text NOT NULL,
  id               text NOT NULL,
  program_id       text NOT NULL,
  type             text NOT NULL CHECK (type IN ('earn', 'return', 'redeem', 'reversal', 'hold', 'capture', 'void',
                     'hold_expire', 'adjust', 'mature', 'expire', 'debt_payment', 'bonus', 'benefit', 'convert',
                     'renew', 'decay', 'extend')),
  -- The headline figure of the transaction (always >= 0); the entries carry the signed detail.
  points           bigint NOT NULL CHECK (points >= 0),
  -- The business resource this transaction created (pur_, ret_, red_, rev_, hld_, adj_ ids) ...
  resource_id      text,
  -- ... or acted on (the purchase of a return, the redemption of a reversal, the hold of a capture).
  ref_id           text,
  idempotency_key  text,
  -- The integrator's receipt id for purchases and returns.
  external_ref     text,
  occurred_at      timestamptz NOT NULL,
  recorded_at      timestamptz NOT NULL,
  -- The member's balance version after this transaction: 1, 2, 3... with no gaps.
  version          bigint NOT NULL,
  -- The writing database transaction: lets a later event feed order by commit visibility, not just by id.
  db_xid           xid8 NOT NULL DEFAULT pg_current_xact_id(),
  data             jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (member_id, id),
  UNIQUE (member_id, version)
);
CREATE UNIQUE INDEX ledger_transactions_receipt_key ON ledger_transactions (program_id, type, external_ref)
  WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX ledger_transactions_resource_key ON ledger_transactions (program_id, resource_id)
  WHERE resource_id IS NOT NULL;
CREATE INDEX ledger_transactions_occurred_idx ON ledger_transactions (member_id, occurred_at);

CREATE TABLE ledger_entries (
  member_id    text NOT NULL,
  txn_id       text NOT NULL,
  account      text NOT NULL CHECK (account IN ('available', 'pending', 'held', 'debt',
                 'issued', 'redeemed', 'expired', 'adjustments', 'converted', 'decayed')),
  program_id   text NOT NULL,
  amount       bigint NOT NULL CHECK (amount <> 0),
  occurred_at  timestamptz NOT NULL,
  -- The only index: every index on the write path costs WAL and contention, and reads go member by member.
  PRIMARY KEY (member_id, txn_id, account)
);

CREATE TABLE lots (
  member_id    text NOT NULL,
  id           text NOT NULL,
  program_id   text NOT NULL,
  txn_id       text NOT NULL,
  source       text NOT NULL CHECK (source IN ('earn', 'adjust', 'bonus', 'benefit', 'convert', 'renew')),
  granted      bigint NOT NULL CHECK (granted > 0),
  -- Cached: granted plus the signed sum of this lot's allocations (checked by the trial balance).
  remaining    bigint NOT NULL CHECK (remaining >= 0 AND remaining <= granted),
  matured      boolean NOT NULL,
  matures_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (member_id, id)
) WITH (fillfactor = 85);

-- No index mentions `remaining`, so drawing points from a lot is a HOT update that touches no index.
CREATE INDEX lots_spendable_idx ON lots (member_id, expires_at, id) WHERE matured;
CREATE INDEX lots_maturing_idx ON lots (member_id, matures_at) WHERE NOT matured;

CREATE TABLE lot_allocations (
  member_id    text NOT NULL,
  txn_id       text NOT NULL,
  lot_id       text NOT NULL,
  -- The transaction whose draw this allocation belongs to: a redemption's or hold's own id for the draw, and the
  -- same id on the reversal, release or capture that gives points back, so outstanding draws are a simple sum.
  ref_txn_id   text NOT NULL,
  program_id   text NOT NULL,
  points       bigint NOT NULL CHECK (points <> 0),
  PRIMARY KEY (member_id, txn_id, lot_id)
);
CREATE INDEX lot_allocations_ref_idx ON lot_allocations (member_id, ref_txn_id);

CREATE TABLE purchases (
  member_id        text NOT NULL,
  id               text NOT NULL,
  program_id       text NOT NULL,
  txn_id           text NOT NULL,
  receipt_id       text NOT NULL,
  amount           bigint NOT NULL CHECK (amount > 0),
  currency         text NOT NULL,
  store_id         text,
  points           bigint NOT NULL CHECK (points >= 0),
  lot_id           text,
  -- Running totals of returns (cached; each return is also its own transaction).
  returned_amount  bigint NOT NULL DEFAULT 0 CHECK (returned_amount >= 0 AND returned_amount <= amount),
  returned_points  bigint NOT NULL DEFAULT 0 CHECK (returned_points >= 0 AND returned_points <= points),
  occurred_at      timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (member_id, id)
);
CREATE UNIQUE INDEX purchases_program_id_key ON purchases (program_id, id);

CREATE TABLE holds (
  member_id    text NOT NULL,
  id           text NOT NULL,
  program_id   text NOT NULL,
  txn_id       text NOT NULL,
  points       bigint NOT NULL CHECK (points > 0),
  captured     bigint,
  status       text NOT NULL CHECK (status IN ('active', 'captured', 'voided', 'expired')),
  reason       text,
  store_id     text,
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL,
  closed_at    timestamptz,
  PRIMARY KEY (member_id, id)
);
CREATE UNIQUE INDEX holds_program_id_key ON holds (program_id, id);
CREATE INDEX holds_active_expiry_idx ON holds (member_id, expires_at) WHERE status = 'active';

-- The first response to each Idempotency-Key, written in the same transaction as its effect and replayed to
-- retries. Not part of the ledger: rows may be pruned after the retry horizon.
CREATE TABLE idempotency_keys (
  program_id    text NOT NULL,
  key           text NOT NULL,
  request_hash  bytea NOT NULL,
  response      jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (program_id, key)
);

-- Program rules: versioned rate sets, VIP tiers with qualifying points and periodic benefits, earn/redeem caps,
-- velocity blocking, and conversions between points and money with withdrawal limits (src/rules/sql/).

-- Sliding-window checks (velocity, daily and monthly caps) look at what a member did recently.
CREATE INDEX ledger_transactions_recorded_idx ON ledger_transactions (member_id, recorded_at);
CREATE INDEX member_balances_tier_idx ON member_balances (program_id, tier) WHERE tier IS NOT NULL;

CREATE TABLE rate_sets (
  program_id      text NOT NULL REFERENCES programs (id),
  id              text NOT NULL,
  -- Points per 1 unit of each currency.
  rates           jsonb NOT NULL,
  effective_from  timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, effective_from)
);

CREATE TABLE tier_changes (
  member_id          text NOT NULL,
  id                 text NOT NULL,
  program_id         text NOT NULL,
  from_tier          text NOT NULL,
  to_tier            text NOT NULL,
  direction          text NOT NULL CHECK (direction IN ('up', 'down')),
  qualifying_points  bigint NOT NULL,
  -- The purchase that crossed a threshold, or the review run that lowered the tier.
  cause              text NOT NULL,
  occurred_at        timestamptz NOT NULL,
  recorded_at        timestamptz NOT NULL,
  db_xid             xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (member_id, id)
);
CREATE INDEX tier_changes_program_idx ON tier_changes (program_id, recorded_at);

-- One row per benefit paid: the primary key is what makes "at most once per member per period" hold, even with
-- the job running twice or on two instances.
CREATE TABLE benefit_grants (
  member_id   text NOT NULL,
  tier        text NOT NULL,
  period_key  text NOT NULL,
  program_id  text NOT NULL,
  txn_id      text NOT NULL,
  points      bigint NOT NULL,
  granted_at  timestamptz NOT NULL,
  PRIMARY KEY (member_id, tier, period_key)
);

-- Every block and unblock, by a rule or by an admin. The member row holds the current status; this is its history.
CREATE TABLE member_status_changes (
  member_id    text NOT NULL,
  id           text NOT NULL,
  program_id   text NOT NULL,
  status       text NOT NULL,
  reason       text,
  rule         text,
  details      jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor        text NOT NULL,
  occurred_at  timestamptz NOT NULL,
  db_xid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (member_id, id)
);
CREATE INDEX member_status_changes_program_idx ON member_status_changes (program_id, occurred_at);

CREATE TABLE conversions (
  member_id     text NOT NULL,
  id            text NOT NULL,
  program_id    text NOT NULL,
  txn_id        text NOT NULL,
  direction     text NOT NULL CHECK (direction IN ('points_to_money', 'money_to_points')),
  points        bigint NOT NULL CHECK (points > 0),
  amount        bigint NOT NULL CHECK (amount >= 0),
  currency      text NOT NULL,
  fee_bps       integer NOT NULL,
  fee           bigint NOT NULL,
  rate          numeric NOT NULL,
  -- The money side in minor units of the program's home currency, at this conversion's rates.
  home_amount   bigint NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (member_id, id)
);
CREATE INDEX conversions_withdrawals_idx ON conversions (member_id, created_at) WHERE direction = 'points_to_money';

-- Events: a transactional outbox. Every state change writes its event in the same database transaction as the
-- change itself, so an event exists exactly when its change committed. Readers (GET /v1/events, the webhook
-- dispatcher) follow it in commit-safe order; see src/events/feed.ts.

CREATE TABLE events (
  program_id   text NOT NULL,
  -- The writing database transaction, then the order within it. Ids and sequence numbers are handed out before
  -- commit, so transactions commit out of their order; a reader only takes events whose transaction is older than
  -- every transaction still running (the snapshot's xmin), and ordering by (db_xid, seq) never lets a later
  -- commit land behind a position a reader has passed.
  db_xid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
  -- Cached per session: only the order within one transaction (one session) matters.
  seq          bigint GENERATED ALWAYS AS IDENTITY (CACHE 100),
  id           text NOT NULL,
  type         text NOT NULL,
  member_id    text,
  occurred_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL,
  data         jsonb NOT NULL,
  PRIMARY KEY (program_id, db_xid, seq)
);

-- How far each program's feed has been pruned (EVENTS_RETENTION_DAYS): a reader whose cursor is behind this
-- position has missed events and is told so instead of silently skipping them.
CREATE TABLE event_retention (
  program_id   text PRIMARY KEY,
  pruned_xid   xid8 NOT NULL,
  pruned_seq   bigint NOT NULL
);

-- Time-driven rules: expiry warnings, renewal, activities and task extensions, inactivity decay, birthdays, win-back.

-- What a member did outside purchases (logins, completed tasks...): it counts as activity for inactivity decay and
-- for the daily tier gift.
CREATE TABLE member_activities (
  member_id    text NOT NULL,
  id           text NOT NULL,
  program_id   text NOT NULL,
  type         text NOT NULL,
  task_id      text,
  occurred_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (member_id, id)
);
CREATE INDEX member_activities_occurred_idx ON member_activities (member_id, occurred_at);

-- Milestones that fire once: an expiry warning per expiry date, a birthday notice per year, a decay per inactive
-- period, a win-back step per inactivity spell, a task extension per day. The key makes "once" hold with the job
-- running twice or on two instances.
CREATE TABLE member_milestones (
  member_id    text NOT NULL,
  kind         text NOT NULL,
  key          text NOT NULL,
  program_id   text NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (member_id, kind, key)
);

-- Which expiry each renewal restored: an expiry is renewed at most once.
CREATE TABLE lot_renewals (
  member_id       text NOT NULL,
  expire_txn_id   text NOT NULL,
  program_id      text NOT NULL,
  renewal_txn_id  text NOT NULL,
  points          bigint NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (member_id, expire_txn_id)
);

-- Webhooks: endpoints an admin registers, one delivery per (endpoint, event), and a log of every attempt.
-- Operational tables, not ledger: rows are updated as deliveries progress. See src/webhooks/.

CREATE TABLE webhook_endpoints (
  program_id      text NOT NULL REFERENCES programs (id),
  id              text PRIMARY KEY,
  url             text NOT NULL CHECK (url ~ '^https?://'),
  description     text,
  -- Empty: every event type.
  event_types     text[] NOT NULL DEFAULT '{}',
  enabled         boolean NOT NULL DEFAULT true,
  disabled_reason text,
  -- whsec_ + base64 of 32 random bytes (Standard Webhooks). Kept in clear: signing needs it.
  secret          text NOT NULL,
  -- Set by the first failed attempt after a success, cleared by a success; failing for the retry window disables.
  failing_since   timestamptz,
  -- The endpoint's position in its program's event feed (src/events/feed.ts): events after it are not fanned out
  -- yet. It starts at the feed's horizon when the endpoint is created and stays put while the endpoint is disabled.
  cursor_xid      xid8 NOT NULL DEFAULT pg_snapshot_xmin(pg_current_snapshot()),
  cursor_seq      bigint NOT NULL DEFAULT 0,
  -- What had committed when the endpoint was created. Transactions still running then sit above the horizon the
  -- cursor starts at, and so do some that had already committed: their events are skipped, so the endpoint gets
  -- exactly the events that commit after its creation.
  created_snapshot pg_snapshot NOT NULL DEFAULT pg_current_snapshot(),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_program_idx ON webhook_endpoints (program_id, id);
CREATE INDEX webhook_endpoints_enabled_idx ON webhook_endpoints (id) WHERE enabled;

CREATE TABLE webhook_deliveries (
  program_id       text NOT NULL,
  endpoint_id      text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  id               text PRIMARY KEY,
  event_id         text NOT NULL,
  event_type       text NOT NULL,
  -- The event's key in the feed (events: program_id, db_xid, seq).
  event_xid        xid8 NOT NULL,
  event_seq        bigint NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  -- Attempts claimed so far. A worker claims attempt n and may only record its outcome while attempts is still n:
  -- the number is the fencing token that keeps a worker whose lease was taken over from overwriting a newer attempt.
  attempts         integer NOT NULL DEFAULT 0,
  -- When a pending delivery may next be claimed. A claim moves it to the end of the lease, so a worker that dies
  -- mid-attempt leaves a delivery that another worker picks up once the lease has run out.
  next_attempt_at  timestamptz,
  lease_until      timestamptz,
  last_status_code integer,
  last_error       text,
  created_at       timestamptz NOT NULL,
  completed_at     timestamptz,
  -- Fan-out is idempotent: an event reaches an endpoint as one delivery however often it is fanned out.
  CONSTRAINT webhook_deliveries_event_key UNIQUE (endpoint_id, event_xid, event_seq)
);

-- The worker's claim: due pending deliveries, oldest due first.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

-- GET /v1/webhooks/{id}/deliveries, newest first, optionally by status.
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id);

CREATE TABLE webhook_attempts (
  delivery_id  text NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt      integer NOT NULL,
  started_at   timestamptz NOT NULL,
  duration_ms  integer NOT NULL,
  status_code  integer,
  error        text,
  -- The first kilobyte of the receiver's answer, for debugging.
  response     text,
  PRIMARY KEY (delivery_id, attempt)
);
