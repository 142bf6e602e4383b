-- Returns: claw back a purchase's points, from the purchase's own lot first.

-- p_member: the purchase's member, which the service looks up by the purchase id (src/ledger/owners.ts), so the
-- call runs on that member's worker.
CREATE FUNCTION ledger_return(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_member text;
  lk record;
  pur purchases%ROWTYPE;
  own lots%ROWTYPE;
  v_refusal jsonb;
  v_target bigint;
  v_claw bigint;
  own_take bigint := 0;
  from_balance bigint := 0;
  to_debt bigint := 0;
  forgiven bigint := 0;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, amount bigint, receipt_id text,
    return_policy text, txn_id text, return_id text, purchase_id text, currency text, idempotency_key text);
  SELECT member_id INTO v_member FROM purchases WHERE member_id = p_member AND program_id = a.program_id AND id = a.purchase_id;
  -- Returns claw points back even from a blocked member.
  SELECT * INTO lk FROM pl_begin(p, v_member, false,
                                  jsonb_build_object('error', 'purchase_not_found', 'purchase_id', a.purchase_id));
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT * INTO pur FROM purchases WHERE member_id = v_member AND id = a.purchase_id;
  IF pur.currency <> a.currency THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'currency_mismatch', 'currency', pur.currency));
  END IF;
  IF pur.returned_amount + a.amount > pur.amount THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'return_exceeds_purchase',
      'returnable', jsonb_build_object('amount', pur.amount - pur.returned_amount, 'currency', pur.currency)));
  END IF;
  v_refusal := pl_duplicate_receipt(p_member, a.program_id, 'return', a.receipt_id, 'return_id');
  IF v_refusal IS NOT NULL THEN RETURN pl_finish(p, p_member, v_refusal); END IF;

  -- Cumulative proportion, so several partial returns add up to exactly the points of a full return.
  v_target := floor(pur.points::numeric * (pur.returned_amount + a.amount) / pur.amount);
  v_claw := v_target - pur.returned_points;

  IF pur.lot_id IS NOT NULL AND v_claw > 0 THEN
    SELECT * INTO own FROM lots WHERE member_id = v_member AND id = pur.lot_id;
    IF own.remaining > 0 AND own.expires_at > a.now THEN
      own_take := least(own.remaining, v_claw);
      UPDATE lots SET remaining = remaining - own_take WHERE member_id = v_member AND id = own.id;
      INSERT INTO lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, points)
      VALUES (v_member, a.txn_id, own.id, a.txn_id, a.program_id, -own_take);
    END IF;
  END IF;
  from_balance := pl_draw(v_member, a.program_id, a.txn_id, a.txn_id, v_claw - own_take, a.now, pur.lot_id);
  IF a.return_policy = 'debt' THEN
    to_debt := v_claw - own_take - from_balance;
  ELSE
    forgiven := v_claw - own_take - from_balance;
  END IF;

  v_txn_json := pl_record(v_member, a.program_id, a.txn_id, 'return', own_take + from_balance + to_debt, a.return_id, pur.id,
                    a.idempotency_key, a.receipt_id, a.now, a.now,
                    jsonb_build_object('amount', a.amount, 'currency', pur.currency, 'purchase_id', pur.id,
                                       'claw', v_claw, 'clawed_from_purchase', own_take, 'clawed_from_balance', from_balance,
                                       'debt', to_debt, 'forgiven', forgiven, 'policy', a.return_policy),
                    ARRAY['issued', CASE WHEN own.matured IS FALSE THEN 'pending' ELSE 'available' END, 'available', 'debt'],
                    ARRAY[own_take + from_balance + to_debt, -own_take, -from_balance, -to_debt],
                    NULL, 0, 1, NULL);
  UPDATE purchases SET returned_amount = returned_amount + a.amount, returned_points = v_target
   WHERE member_id = v_member AND id = pur.id;

  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'return', jsonb_build_object('id', a.return_id, 'purchase_id', pur.id, 'member_id', v_member, 'receipt_id', a.receipt_id,
                                 'amount', jsonb_build_object('amount', a.amount, 'currency', pur.currency),
                                 'points', v_claw, 'clawed_from_purchase', own_take,
                                 'clawed_from_balance', from_balance, 'debt', to_debt, 'forgiven', forgiven),
    'balance', pl_balance_json(v_member, a.now, p)));
END $$;
