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
