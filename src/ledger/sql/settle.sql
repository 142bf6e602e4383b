-- Settlement: what falls due with time (hold expiry, maturing points, lot expiry), as of an instant.

-- The program's renewal_window_hours as the caller sent it: in a write's rules, or in a job's argument. NULL when
-- the caller sent none.
CREATE FUNCTION pl_renewal_hours(p jsonb) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce((p->'rules'->>'renewal_window_hours')::int, (p->>'renewal_window_hours')::int) $$;

-- Brings the member's ledger up to p_as_of: expires overdue holds (points and wallet), matures pending lots,
-- expires lots.
-- Each step is its own transaction with the business time it happened at. Idempotent: nothing due, nothing done.
-- With a renewal window (p_renewal_hours > 0), expired points that can still be renewed as of p_as_of are
-- announced by one points.renewable, after their points.expired events, so the integrator can offer the renewal
-- at once (what ledger_renew restores: lots not themselves renewed, expired less than the window ago).
CREATE FUNCTION pl_settle(p_member text, p_program text, p_as_of timestamptz, p_now timestamptz,
                          p_holds boolean DEFAULT true, p_mature boolean DEFAULT true, p_expire boolean DEFAULT true,
                          p_renewal_hours int DEFAULT NULL)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  h record;
  lot record;
  v_txn text;
  n_holds int := 0; n_matured bigint := 0; n_expired bigint := 0;
  total bigint;
  latest timestamptz;
  v_window interval := make_interval(hours => coalesce(p_renewal_hours, 0));
  renewable_points bigint := 0;
  renewable_txns text[] := '{}';
  renewable_from timestamptz;  -- the first expiry announced: renewing before its window ends restores them all
  renewable_last timestamptz;
BEGIN
  IF p_holds THEN
    FOR h IN SELECT id, expires_at FROM holds
              WHERE member_id = p_member AND status = 'active' AND expires_at <= p_as_of ORDER BY expires_at
    LOOP
      PERFORM pl_release_hold(p_member, p_program, h.id, 'hold_expire', pl_typeid('txn'), h.expires_at, p_now, NULL);
      n_holds := n_holds + 1;
    END LOOP;
    -- Wallet holds expire with the points holds (src/ledger/sql/wallet.sql).
    n_holds := n_holds + pl_wallet_expire_holds(p_member, p_program, p_as_of, p_now);
  END IF;

  IF p_mature THEN
    SELECT coalesce(sum(remaining), 0), max(matures_at) INTO total, latest
      FROM lots WHERE member_id = p_member AND NOT matured AND matures_at <= p_as_of;
    IF latest IS NOT NULL THEN
      v_txn := pl_typeid('txn');
      UPDATE lots SET matured = true WHERE member_id = p_member AND NOT matured AND matures_at <= p_as_of;
      IF total > 0 THEN
        PERFORM pl_record(p_member, p_program, v_txn, 'mature', total, NULL, NULL, NULL, NULL, latest, p_now,
                          '{}'::jsonb, ARRAY['pending', 'available'], ARRAY[-total, total]);
        n_matured := total;
      END IF;
    END IF;
  END IF;

  IF p_expire THEN
    FOR lot IN SELECT id, remaining, expires_at, source FROM lots
                WHERE member_id = p_member AND matured AND remaining > 0 AND expires_at <= p_as_of
                ORDER BY expires_at, id
    LOOP
      v_txn := pl_typeid('txn');
      UPDATE lots SET remaining = 0 WHERE member_id = p_member AND id = lot.id;
      INSERT INTO lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, points)
      VALUES (p_member, v_txn, lot.id, v_txn, p_program, -lot.remaining);
      PERFORM pl_record(p_member, p_program, v_txn, 'expire', lot.remaining, NULL, lot.id, NULL, NULL,
                        lot.expires_at, p_now, jsonb_build_object('lot_id', lot.id),
                        ARRAY['available', 'expired'], ARRAY[-lot.remaining, lot.remaining]);
      n_expired := n_expired + lot.remaining;
      -- As ledger_renew decides: renewed points are not renewed again, and the window runs from the expiry.
      IF lot.source <> 'renew' AND lot.expires_at + v_window > p_as_of THEN
        renewable_points := renewable_points + lot.remaining;
        renewable_txns := renewable_txns || v_txn;
        renewable_from := coalesce(renewable_from, lot.expires_at);
        renewable_last := lot.expires_at;
      END IF;
    END LOOP;
    -- Wallet money expires with the points (src/ledger/sql/wallet.sql); it is money, not points, so it is not counted
    -- in points_expired and never renewable.
    PERFORM pl_wallet_expire_lots(p_member, p_program, p_as_of, p_now);
    IF renewable_points > 0 THEN
      PERFORM pl_emit(p_program, p_member, 'points.renewable', NULL, renewable_last, p_now, jsonb_build_object(
        'points', renewable_points,
        'expire_transaction_ids', to_jsonb(renewable_txns),
        'expired_at', pl_ts(renewable_from),
        'renewable_until', pl_ts(renewable_from + v_window),
        'renewal_window_hours', p_renewal_hours));
    END IF;
  END IF;

  IF p_holds OR p_mature THEN PERFORM pl_pay_debt(p_member, p_program, p_now); END IF;

  UPDATE member_balances SET next_due_at = (
    SELECT min(due) FROM (
      SELECT min(expires_at) AS due FROM lots WHERE member_id = p_member AND matured AND remaining > 0
      UNION ALL SELECT min(matures_at) FROM lots WHERE member_id = p_member AND NOT matured
      UNION ALL SELECT min(expires_at) FROM holds WHERE member_id = p_member AND status = 'active'
      UNION ALL SELECT min(expires_at) FROM wallet_holds WHERE member_id = p_member AND status = 'active'
      UNION ALL SELECT min(expires_at) FROM wallet_lots WHERE member_id = p_member AND remaining > 0) d)
   WHERE member_id = p_member;
  RETURN jsonb_build_object('holds_expired', n_holds, 'points_matured', n_matured, 'points_expired', n_expired);
END $$;

-- Runs the time-driven steps for one member as of an instant (jobs call it per member, each in its own
-- transaction, so a crash loses at most one member's step and a rerun finishes the rest).
CREATE FUNCTION ledger_settle_member(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, as_of timestamptz, now timestamptz, holds boolean,
    mature boolean, expire boolean);
  PERFORM 1 FROM member_balances WHERE member_id = p_member AND program_id = a.program_id FOR UPDATE;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'member_not_found', 'member_id', p_member); END IF;
  RETURN pl_settle(p_member, a.program_id, a.as_of, a.now,
                   coalesce(a.holds, true), coalesce(a.mature, true),
                   coalesce(a.expire, true), pl_renewal_hours(p));
END $$;

-- Locks the member for a job step and settles what is due by as_of. Returns the member's status, or NULL if the
-- member is not in the program.
CREATE FUNCTION pl_job_member(p_member text, p_program text, p_as_of timestamptz, p_now timestamptz,
                              p_renewal_hours int DEFAULT NULL) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_status text;
  v_due timestamptz;
BEGIN
  SELECT m.status, b.next_due_at INTO v_status, v_due
    FROM member_balances b JOIN members m ON m.id = b.member_id
   WHERE b.member_id = p_member AND b.program_id = p_program FOR UPDATE OF b;
  IF v_status IS NOT NULL AND v_due <= p_as_of THEN
    PERFORM pl_settle(p_member, p_program, p_as_of, p_now, p_renewal_hours => p_renewal_hours);
  END IF;
  RETURN v_status;
END $$;
