-- Points coming in pay an open debt first; the rest becomes a lot.

-- Credits points in a transaction of its own: they pay any open debt first, and the rest becomes a new lot,
-- pending until p_matures. Returns the transaction (its data says debt_paid and lot_id).
CREATE FUNCTION pl_credit(p_member text, p_program text, p_txn text, p_type text, p_points bigint, p_ref text,
                          p_lot text, p_source text, p_matures timestamptz, p_expires timestamptz,
                          p_occurred timestamptz, p_now timestamptz, p_data jsonb,
                          p_system_account text DEFAULT 'issued', p_resource text DEFAULT NULL, p_key text DEFAULT NULL,
                          p_external_ref text DEFAULT NULL, p_purchases int DEFAULT 0, p_activity timestamptz DEFAULT NULL)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_pay bigint;
  v_credit bigint;
  v_matured boolean := p_matures <= p_now;
BEGIN
  SELECT least(debt, p_points) INTO v_pay FROM member_balances WHERE member_id = p_member;
  v_credit := p_points - v_pay;
  IF v_credit > 0 THEN
    INSERT INTO lots (member_id, id, program_id, txn_id, source, granted, remaining, matured, matures_at, expires_at, created_at)
    VALUES (p_member, p_lot, p_program, p_txn, p_source, v_credit, v_credit, v_matured, p_matures, p_expires, p_now);
  END IF;
  RETURN pl_record(p_member, p_program, p_txn, p_type, p_points, p_resource, p_ref, p_key, p_external_ref, p_occurred,
                   p_now, p_data || jsonb_build_object('debt_paid', v_pay, 'lot_id', CASE WHEN v_credit > 0 THEN p_lot END),
                   ARRAY[p_system_account, 'debt', CASE WHEN v_matured THEN 'available' ELSE 'pending' END],
                   ARRAY[-p_points, v_pay, v_credit],
                   CASE WHEN v_credit = 0 THEN NULL WHEN v_matured THEN p_expires ELSE p_matures END,
                   p_purchases, 0, p_activity);
END $$;

-- Points that come back to the balance while the member owes a debt (a reversal, a released hold, maturing
-- points, a credit) pay the debt first, soonest-expiring lots first: otherwise "buy, redeem, return, reverse the
-- redemption" would leave the member both the points and the debt. Returns the points paid.
CREATE FUNCTION pl_pay_debt(p_member text, p_program text, p_now timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_pay bigint;
  v_txn text;
BEGIN
  SELECT least(available, debt) INTO v_pay FROM member_balances WHERE member_id = p_member;
  IF v_pay IS NULL OR v_pay <= 0 THEN RETURN 0; END IF;
  v_txn := pl_typeid('txn');
  v_pay := pl_draw(p_member, p_program, v_txn, v_txn, v_pay, p_now);
  IF v_pay > 0 THEN
    PERFORM pl_record(p_member, p_program, v_txn, 'debt_payment', v_pay, NULL, NULL, NULL, NULL, p_now, p_now,
                      '{}'::jsonb, ARRAY['available', 'debt'], ARRAY[-v_pay, v_pay]);
  END IF;
  RETURN v_pay;
END $$;
