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
  v_amount bigint;       -- the money returned: the request's amount, or the named lines' share
  v_lines jsonb;         -- a return by lines: each line named, its units and its share of the money
  rl record;
  pln purchase_lines%ROWTYPE;
  v_i integer := 0;
  v_line_target bigint;
  v_promo jsonb;         -- what the purchase's promotions lost with this return (pl_promotions_on_return)
  v_revoked bigint;      -- promotion points revoked so far, this return's included
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, amount bigint, receipt_id text,
    return_policy text, txn_id text, return_id text, purchase_id text, currency text, idempotency_key text);
  SELECT member_id INTO v_member FROM purchases WHERE member_id = p_member AND program_id = a.program_id AND id = a.purchase_id;
  -- Returns claw points back even from a blocked member.
  SELECT * INTO lk FROM pl_begin(p, v_member, false,
                                  jsonb_build_object('error', 'purchase_not_found', 'purchase_id', a.purchase_id));
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT * INTO pur FROM purchases WHERE member_id = v_member AND id = a.purchase_id;
  IF p ? 'lines' THEN
    -- Every named line is checked before anything is written: a refusal is stored, and so would be what came before it.
    v_amount := 0;
    v_lines := '[]'::jsonb;
    FOR rl IN SELECT * FROM jsonb_to_recordset(p->'lines') AS l(sku text, quantity bigint) LOOP
      SELECT * INTO pln FROM purchase_lines WHERE member_id = v_member AND purchase_id = pur.id AND sku = rl.sku;
      IF NOT FOUND THEN
        RETURN pl_finish(p, p_member, jsonb_build_object('error', 'unknown_line', 'sku', rl.sku,
          'errors', jsonb_build_array(jsonb_build_object('pointer', '/lines/' || v_i || '/sku', 'location', 'body',
                                                         'message', 'is not a line of the purchase'))));
      END IF;
      IF pln.returned_quantity + rl.quantity > pln.quantity THEN
        RETURN pl_finish(p, p_member, jsonb_build_object('error', 'return_exceeds_line', 'sku', rl.sku,
          'returnable_quantity', pln.quantity - pln.returned_quantity,
          'errors', jsonb_build_array(jsonb_build_object('pointer', '/lines/' || v_i || '/quantity', 'location', 'body',
            'message', 'is more than what is left of the line (' || (pln.quantity - pln.returned_quantity) || ')'))));
      END IF;
      -- Cumulative share, so returning every unit of a line, in any steps, returns exactly the line's amount.
      v_line_target := floor(pln.amount::numeric * (pln.returned_quantity + rl.quantity) / pln.quantity);
      v_amount := v_amount + (v_line_target - pln.returned_amount);
      v_lines := v_lines || jsonb_build_object('sku', rl.sku, 'quantity', rl.quantity,
                                               'amount', v_line_target - pln.returned_amount,
                                               'returned_quantity', pln.returned_quantity + rl.quantity,
                                               'returned_amount', v_line_target);
      v_i := v_i + 1;
    END LOOP;
    IF v_amount = 0 THEN
      RETURN pl_finish(p, p_member, jsonb_build_object('error', 'return_amount_zero',
        'errors', jsonb_build_array(jsonb_build_object('pointer', '/lines', 'location', 'body',
          'message', 'the units named come to no money: return more units'))));
    END IF;
  ELSE
    v_amount := a.amount;
  END IF;
  IF a.currency IS NOT NULL AND pur.currency <> a.currency THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'currency_mismatch', 'currency', pur.currency));
  END IF;
  IF pur.returned_amount + v_amount > pur.amount THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'return_exceeds_purchase',
      'returnable', jsonb_build_object('amount', pur.amount - pur.returned_amount, 'currency', pur.currency)));
  END IF;
  v_refusal := pl_duplicate_receipt(p_member, a.program_id, 'return', a.receipt_id, 'return_id');
  IF v_refusal IS NOT NULL THEN RETURN pl_finish(p, p_member, v_refusal); END IF;

  -- Promotions the remaining lines no longer qualify for lose their extra points whole, and their issued code.
  v_promo := pl_promotions_on_return(v_member, a.program_id, pur.id, pur.amount, pur.returned_amount + v_amount, v_lines,
                                     pur.currency, a.now, p);
  v_revoked := pur.promotion_points_revoked + (v_promo->>'revoked_points')::bigint;
  -- Cumulative proportion of the points not revoked, so several partial returns add up to exactly the points of a
  -- full return; a used code's value comes on top.
  v_target := floor((pur.points - v_revoked)::numeric * (pur.returned_amount + v_amount) / pur.amount) + v_revoked;
  v_claw := v_target - pur.returned_points + (v_promo->>'code_points')::bigint;

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
                    jsonb_build_object('amount', v_amount, 'currency', pur.currency, 'purchase_id', pur.id,
                                       'claw', v_claw, 'clawed_from_purchase', own_take, 'clawed_from_balance', from_balance,
                                       'debt', to_debt, 'forgiven', forgiven, 'policy', a.return_policy)
                      || CASE WHEN v_lines IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('lines', v_lines) END,
                    ARRAY['issued', CASE WHEN own.matured IS FALSE THEN 'pending' ELSE 'available' END, 'available', 'debt'],
                    ARRAY[own_take + from_balance + to_debt, -own_take, -from_balance, -to_debt],
                    NULL, 0, 1, NULL);
  UPDATE purchases SET returned_amount = returned_amount + v_amount, returned_points = v_target,
                       promotion_points_revoked = v_revoked
   WHERE member_id = v_member AND id = pur.id;
  FOR rl IN SELECT * FROM jsonb_to_recordset(coalesce(v_lines, '[]'::jsonb))
                     AS l(sku text, returned_quantity bigint, returned_amount bigint) LOOP
    UPDATE purchase_lines SET returned_quantity = rl.returned_quantity, returned_amount = rl.returned_amount
     WHERE member_id = v_member AND purchase_id = pur.id AND sku = rl.sku;
  END LOOP;

  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'return', jsonb_build_object('id', a.return_id, 'purchase_id', pur.id, 'member_id', v_member, 'receipt_id', a.receipt_id,
                                 'amount', jsonb_build_object('amount', v_amount, 'currency', pur.currency),
                                 'points', v_claw, 'clawed_from_purchase', own_take,
                                 'clawed_from_balance', from_balance, 'debt', to_debt, 'forgiven', forgiven)
                || CASE WHEN v_lines IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('lines', v_lines) END
                || CASE WHEN v_promo->'revoked' = '[]'::jsonb THEN '{}'::jsonb
                        ELSE jsonb_build_object('promotions_revoked', v_promo->'revoked') END,
    'balance', pl_balance_json(v_member, a.now, p)));
END $$;
