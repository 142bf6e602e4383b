-- Ledger rows and audit trails are facts: corrections are new rows, never edits. Every append-only table is
-- bound to the refusal here, so the list of them is in one place.

CREATE FUNCTION pl_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- On a Citus worker the trigger fires on a shard (ledger_transactions_102027): name the table, not the shard.
  RAISE EXCEPTION 'ledger table % is append-only: % is not allowed', regexp_replace(TG_TABLE_NAME, '_[0-9]+$', ''), TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER lot_allocations_append_only BEFORE UPDATE OR DELETE ON lot_allocations
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER lot_allocations_no_truncate BEFORE TRUNCATE ON lot_allocations
  FOR EACH STATEMENT EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER tier_changes_append_only BEFORE UPDATE OR DELETE ON tier_changes
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER member_status_changes_append_only BEFORE UPDATE OR DELETE ON member_status_changes
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER benefit_grants_append_only BEFORE UPDATE OR DELETE ON benefit_grants
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER member_activities_append_only BEFORE UPDATE OR DELETE ON member_activities
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER lot_renewals_append_only BEFORE UPDATE OR DELETE ON lot_renewals
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER events_immutable BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER wallet_lot_allocations_append_only BEFORE UPDATE OR DELETE ON wallet_lot_allocations
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER member_events_append_only BEFORE UPDATE OR DELETE ON member_events
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

CREATE TRIGGER engagement_touches_append_only BEFORE UPDATE OR DELETE ON engagement_touches
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();
