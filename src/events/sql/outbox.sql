-- The transactional outbox: an event is written in the same transaction as its change.

-- Writes one event in the caller's transaction.
CREATE FUNCTION pl_emit(p_program text, p_member text, p_type text, p_id text, p_occurred timestamptz,
                        p_now timestamptz, p_data jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data)
  VALUES (p_program, coalesce(p_id, pl_typeid('evt')), p_type, p_member, p_occurred, p_now, p_data);
END $$;

-- The event a ledger transaction of this type publishes.
CREATE FUNCTION pl_event_type(p_txn_type text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_txn_type
    WHEN 'earn' THEN 'points.earned' WHEN 'bonus' THEN 'points.earned' WHEN 'benefit' THEN 'points.earned'
    WHEN 'partner_transfer' THEN 'points.earned'
    WHEN 'return' THEN 'points.returned' WHEN 'redeem' THEN 'points.redeemed' WHEN 'reversal' THEN 'points.reversed'
    WHEN 'adjust' THEN 'points.adjusted' WHEN 'mature' THEN 'points.matured' WHEN 'expire' THEN 'points.expired'
    WHEN 'renew' THEN 'points.renewed' WHEN 'decay' THEN 'points.decayed' WHEN 'extend' THEN 'points.extended'
    WHEN 'debt_payment' THEN 'points.debt_paid'
    WHEN 'hold' THEN 'hold.created' WHEN 'capture' THEN 'hold.captured' WHEN 'void' THEN 'hold.voided'
    WHEN 'hold_expire' THEN 'hold.expired' WHEN 'convert' THEN 'conversion.completed'
  END $$;

-- An event's position is the id of the transaction that wrote it on the node that holds it, taken there: the feed
-- reads each shard below its own node's snapshot horizon (src/events/feed.ts). The column default alone is not enough
-- on Citus: a write that runs on the coordinator (a purchase that consumes a promo code on another worker, a return)
-- has its INSERT's volatile defaults evaluated on the coordinator, which would stamp the event with the coordinator's
-- transaction id. A trigger runs where the row is stored. On a single node it sets the same value the default did.
CREATE FUNCTION pl_event_position() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.db_xid := pg_current_xact_id();
  RETURN NEW;
END $$;

CREATE TRIGGER events_position BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION pl_event_position();
