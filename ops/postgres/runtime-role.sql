-- Least-privilege grants for the service's runtime role, `points_ledger_app`. Run as the schema's owner (the role that
-- runs `npm run migrate`), after creating the role and after every migration that adds a table:
--
--   CREATE ROLE points_ledger_app LOGIN PASSWORD '...';            -- once
--   psql "$OWNER_DATABASE_URL" -v ON_ERROR_STOP=1 -f ops/postgres/runtime-role.sql
--
-- and run the service as that role with MIGRATE_ON_START=false. It can read and write what the features need and no
-- more: no DDL (it owns nothing and has no CREATE), no TRUNCATE anywhere, and no UPDATE or DELETE on the ledger's
-- append-only tables, so a compromised or buggy service cannot rewrite history even if the triggers that refuse it
-- (src/db/sql/append-only.sql) were dropped. The one exception is DELETE on events: the outbox, not the ledger, is
-- pruned past EVENTS_RETENTION_DAYS by the service's own scheduler (src/jobs/housekeeping.ts). UPDATE on events stays
-- refused. Functions need nothing here: EXECUTE on functions is PUBLIC's by default, and every function is dropped
-- and created again whenever its source changes, which would drop grants made on it.
--
-- Idempotent: it starts from nothing on every table, so running it again resets the role to exactly these grants.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM points_ledger_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM points_ledger_app;
REVOKE CREATE ON SCHEMA public FROM points_ledger_app;
GRANT USAGE ON SCHEMA public TO points_ledger_app;

-- Reads: every table, including schema_migrations and schema_sources for the start-up check.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO points_ledger_app;
-- events.seq is an identity column.
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO points_ledger_app;

-- Append-only: facts are added, never changed or removed.
GRANT INSERT ON
  ledger_transactions, ledger_entries, lot_allocations, tier_changes, member_status_changes, benefit_grants,
  member_activities, member_milestones, lot_renewals, conversions, rate_sets, webhook_attempts,
  wallet_lot_allocations, partner_transfers, fx_rates, referral_rewards
  TO points_ledger_app;

-- State that moves: programs and keys (settings, revocation), members and their cached balances, lots (remaining,
-- maturity), purchases (returned amounts), holds (capture, void, expiry), the feed's pruned-through position, and the
-- webhook endpoints and deliveries as they progress.
GRANT INSERT, UPDATE ON
  programs, api_keys, members, member_balances, lots, purchases, holds, event_retention,
  webhook_endpoints, webhook_deliveries
  TO points_ledger_app;

-- Purchases' lines (returned quantities); promotions (edits, status), their pools and slices (uses and budget left,
-- refills and sweeps), each member's uses of them, what each purchase got (revoked by a return), quotes (committed),
-- promo codes (uses, lockout, revocation); one-time passwords (attempts, consumption).
GRANT INSERT, UPDATE ON
  purchase_lines, promotions, promotion_pools, promotion_slices, promotion_uses, purchase_promotions, purchase_quotes,
  promo_codes, one_time_passwords
  TO points_ledger_app;

-- Wallets: the cached money per currency, wallet lots (remaining) and wallet holds (capture, void, expiry).
GRANT INSERT, UPDATE ON wallet_balances, wallet_lots, wallet_holds TO points_ledger_app;
-- Referrals: pending until rewarded or cancelled by the referrals job.
GRANT INSERT, UPDATE ON referrals TO points_ledger_app;
-- RFM: each member's last published segment, changed by the rfm job.
GRANT INSERT, UPDATE ON member_rfm TO points_ledger_app;
-- Segments: definitions (edits) and static members (added, marked removed), both deleted with DELETE /v1/segments/{id}.
GRANT INSERT, UPDATE, DELETE ON segments, segment_members TO points_ledger_app;
-- Sales targets (edits, DELETE /v1/targets/{id}) and their once-per-period alerts (back_on_track set later).
GRANT INSERT, UPDATE, DELETE ON targets TO points_ledger_app;
GRANT INSERT, UPDATE ON target_alerts TO points_ledger_app;
-- Custom member events: append-only.
GRANT INSERT ON member_events TO points_ledger_app;

-- Journeys: definitions (edits, status), each member's run (its step and status, moved by the journeys job) and
-- the job's position in the event feed. The touches a journey step makes are granted with the notifications' below.
GRANT INSERT, UPDATE ON journeys, journey_runs, journey_feed_positions TO points_ledger_app;

-- Gift cards: the cached balance, status and version of each card.
GRANT INSERT, UPDATE ON gift_cards TO points_ledger_app;

-- Notifications: the notification (status and cursor move as the job sends, cancel), each member's dispatch decision
-- and provider receipts (written once, never changed), and the engagement touches (append-only) each dispatch or
-- holdout, and each journey step that reaches a member, records.
GRANT INSERT, UPDATE ON notifications TO points_ledger_app;
GRANT INSERT ON notification_recipients, notification_receipts, engagement_touches TO points_ledger_app;

-- Removed by the service: stored Idempotency-Key results and events past their retention, webhook endpoints on
-- DELETE /v1/webhooks/{id} (their deliveries and attempts go with them by ON DELETE CASCADE, which PostgreSQL runs
-- with the owner's rights).
GRANT INSERT, DELETE ON idempotency_keys, events TO points_ledger_app;
GRANT DELETE ON webhook_endpoints TO points_ledger_app;
-- Loyalty ids and external refs (unique per program): claimed at enrollment, an external ref let go when it changes.
GRANT INSERT, DELETE ON member_keys TO points_ledger_app;

-- Summaries kept by the rollup job (src/analytics/liability-rollup.ts): rows appended per folded day, its watermark
-- moved, and all of a program's rows dropped to fold again when the program's time zone changes.
GRANT INSERT, UPDATE, DELETE ON liability_rollup_lots, liability_rollup_accounts, analytics_rollups TO points_ledger_app;

-- What-if replays (POST /v1/analytics/simulations) work on temporary copies of the ledger tables in their own session
-- (src/analytics/simulations.ts): TEMPORARY on the database, which PUBLIC has by default, granted here in case a
-- hardened server took it from PUBLIC. Nothing in the schema itself is created.
DO $$ BEGIN EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO points_ledger_app', current_database()); END $$;
