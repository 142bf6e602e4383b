-- Sales targets and custom member events (engagement.md "Targets", "Journeys").

-- A target: a metric the program wants per ISO week or calendar month (program time zone). Program-level settings
-- an admin writes rarely and the targets job reads on the coordinator: a reference table on Citus.
CREATE TABLE targets (
  program_id           text NOT NULL,
  id                   text NOT NULL,
  name                 text,
  metric               text NOT NULL CHECK (metric IN ('revenue', 'sales_count', 'average_check', 'active_members')),
  period               text NOT NULL CHECK (period IN ('week', 'month')),
  -- Minor units of the home currency for revenue and average_check; a count for the others.
  value                bigint NOT NULL CHECK (value > 0),
  -- off_track when the pace falls below (100 - alert_below_percent) % of the target to date. Basis points, exact.
  alert_below_bps      integer NOT NULL CHECK (alert_below_bps >= 0 AND alert_below_bps < 10000),
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (program_id, id)
);

-- One row per target and period once the target went off track in it: the row is what makes target.off_track once
-- per period (its key), and back_on_track_at what makes target.back_on_track at most once after it. On Citus it is
-- placed by the target id, like a gift card by its own: the row and the event it publishes (whose member_id is the
-- target id) are written in one transaction on one worker. No foreign key to targets: a deleted target's alerts stay
-- as the record of what was published.
CREATE TABLE target_alerts (
  target_id            text NOT NULL,
  period_key           text NOT NULL,
  program_id           text NOT NULL,
  off_track_at         timestamptz NOT NULL,
  off_track_event_id   text NOT NULL,
  off_track_progress   jsonb NOT NULL,
  back_on_track_at     timestamptz,
  back_on_track_event_id text,
  recorded_at          timestamptz NOT NULL,
  PRIMARY KEY (target_id, period_key)
);

-- What the integrator tells us a member did (wishlist.price_drop, cart.abandoned...), for journeys to trigger on.
-- The member's own history: distributed by the member, written with its event in the member's transaction.
CREATE TABLE member_events (
  member_id    text NOT NULL,
  id           text NOT NULL,
  program_id   text NOT NULL,
  type         text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$' AND length(type) <= 100),
  data         jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL,
  PRIMARY KEY (member_id, id)
);
CREATE INDEX member_events_type ON member_events (program_id, type, occurred_at);

-- A target measures the purchases of a period and the returns of each: by program and business time, and each
-- purchase's returns beside it on the member's shard.
CREATE INDEX purchases_occurred_idx ON purchases (program_id, occurred_at);
CREATE INDEX ledger_transactions_returns_idx ON ledger_transactions (member_id, ref_id) WHERE type = 'return';
