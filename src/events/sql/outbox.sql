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
    WHEN 'return' THEN 'points.returned' WHEN 'redeem' THEN 'points.redeemed' WHEN 'reversal' THEN 'points.reversed'
    WHEN 'adjust' THEN 'points.adjusted' WHEN 'mature' THEN 'points.matured' WHEN 'expire' THEN 'points.expired'
    WHEN 'renew' THEN 'points.renewed' WHEN 'decay' THEN 'points.decayed' WHEN 'extend' THEN 'points.extended'
    WHEN 'debt_payment' THEN 'points.debt_paid'
    WHEN 'hold' THEN 'hold.created' WHEN 'capture' THEN 'hold.captured' WHEN 'void' THEN 'hold.voided'
    WHEN 'hold_expire' THEN 'hold.expired' WHEN 'convert' THEN 'conversion.completed'
  END $$;
