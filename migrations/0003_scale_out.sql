-- Where every table lives on a Citus cluster (distributed by member, by value, a reference table, or on the
-- coordinator) is declared with its reason in src/db/placement.ts, applied by the migration runner after the numbered
-- migrations; a migration that adds a table adds its placement there (test/sql/placement.test.ts fails otherwise).
--
-- Keys that Citus can enforce. On a Citus cluster (src/db/placement.ts) a unique key holds only when it contains the
-- distribution column, the member. This migration gives every key that spanned members a form that does, on a single
-- node too, so both run the same schema and the same code. Each decision and its measured cost is in the README
-- ("Scaling out").

-- Idempotency-Key scope: per program and member for member writes, per program (or the operator) for creations.
-- shard_key is the member a ledger write belongs to, or the scope of a creation; on Citus the row lives on the
-- member's worker, so storing the response is part of the write's own single-worker transaction.
ALTER TABLE idempotency_keys ADD COLUMN shard_key text;
-- Keys stored before this migration replay to retries as before: a ledger write's stored response names its member.
UPDATE idempotency_keys SET shard_key = coalesce(response->'transaction'->>'member_id', response->>'member_id', program_id);
ALTER TABLE idempotency_keys ALTER COLUMN shard_key SET NOT NULL;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (shard_key, program_id, key);

-- Receipts: a receipt id is unique per member, program and type (purchase or return): a receipt is issued to one
-- customer, and the check is then a lookup on the member's own worker (no cross-shard lock on the purchase path).
DROP INDEX ledger_transactions_receipt_key;
CREATE UNIQUE INDEX ledger_transactions_receipt_key ON ledger_transactions (member_id, program_id, type, external_ref)
  WHERE external_ref IS NOT NULL;
-- Resource ids are UUIDv7 TypeIDs minted by the service: unique by construction; the key keeps them unique per member
-- and the index serves lookups by id within the member.
DROP INDEX ledger_transactions_resource_key;
CREATE UNIQUE INDEX ledger_transactions_resource_key ON ledger_transactions (member_id, program_id, resource_id)
  WHERE resource_id IS NOT NULL;
-- A redemption is looked up by its id without its member (reversals): the service finds its member with this index
-- (on Citus, one probe per shard in parallel), then makes the write one call on the member's worker.
CREATE INDEX ledger_transactions_redemption_idx ON ledger_transactions (program_id, resource_id) WHERE type = 'redeem';
-- Purchases and holds are looked up by id alone (returns, captures, voids) the same way.
DROP INDEX purchases_program_id_key;
CREATE INDEX purchases_program_id_idx ON purchases (program_id, id);
DROP INDEX holds_program_id_key;
CREATE INDEX holds_program_id_idx ON holds (program_id, id);

-- Every event belongs to a member (program-level changes are not events): the member is the event's shard.
ALTER TABLE events ALTER COLUMN member_id SET NOT NULL;
ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events ADD PRIMARY KEY (program_id, db_xid, seq, member_id);

-- Loyalty ids and external refs are unique per program across members: a lookup table keyed by the value (on Citus
-- distributed by it, so the check is one probe on one worker; enrolling then writes two shards in one two-phase
-- commit). Enrollment is rare next to purchases, so this cost stays off the hot path.
CREATE TABLE member_keys (
  value       text NOT NULL,
  program_id  text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('loyalty_id', 'external_ref')),
  member_id   text NOT NULL,
  PRIMARY KEY (value, program_id, kind)
);
INSERT INTO member_keys (value, program_id, kind, member_id)
  SELECT loyalty_id, program_id, 'loyalty_id', id FROM members
  UNION ALL
  SELECT external_ref, program_id, 'external_ref', id FROM members WHERE external_ref IS NOT NULL;
ALTER TABLE members DROP CONSTRAINT members_loyalty_id_key;
ALTER TABLE members DROP CONSTRAINT members_external_ref_key;
CREATE INDEX members_program_loyalty_idx ON members (program_id, loyalty_id);
CREATE INDEX members_program_external_ref_idx ON members (program_id, external_ref) WHERE external_ref IS NOT NULL;

-- The event feed on a cluster. Transaction ids are per node, so the feed keeps one position per shard of `events`
-- (src/events/feed.ts): a reader's cursor, a webhook endpoint's fan-out position, and the pruned-through position
-- are maps from shard id to (xid, seq) there. On one PostgreSQL these stay NULL and the single position is used.
ALTER TABLE webhook_endpoints ADD COLUMN cursor_shards jsonb;
-- Per shard, the snapshot of that shard's node when the endpoint was created: events it already showed committed are
-- not for the endpoint (created_snapshot is the same on one PostgreSQL).
ALTER TABLE webhook_endpoints ADD COLUMN created_shards jsonb;
ALTER TABLE event_retention ADD COLUMN pruned_shards jsonb;
-- A delivery names its event by shard and position, and by member so the event is read from its own shard.
ALTER TABLE webhook_deliveries ADD COLUMN event_shard text NOT NULL DEFAULT '';
ALTER TABLE webhook_deliveries ADD COLUMN event_member text;
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_event_key;
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_event_key UNIQUE (endpoint_id, event_shard, event_xid, event_seq);
