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
  -- A cashback purchase's money (purchases.cashback not NULL): clawed back in proportion, like points.
  v_cb jsonb;
  v_tier_points bigint;
  v_tp_clawed bigint;
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

  IF pur.cashback IS NOT NULL THEN
    -- The points the purchase would have earned qualified for the tier: this return takes back their share.
    SELECT (data->>'tier_points')::bigint INTO v_tier_points FROM ledger_transactions
     WHERE member_id = v_member AND id = pur.txn_id;
    v_tp_clawed := floor(coalesce(v_tier_points, 0)::numeric * (pur.returned_amount + v_amount) / pur.amount)
                 - floor(coalesce(v_tier_points, 0)::numeric * pur.returned_amount / pur.amount);
  END IF;
  v_txn_json := pl_record(v_member, a.program_id, a.txn_id, 'return', own_take + from_balance + to_debt, a.return_id, pur.id,
                    a.idempotency_key, a.receipt_id, a.now, a.now,
                    jsonb_build_object('amount', v_amount, 'currency', pur.currency, 'purchase_id', pur.id,
                                       'claw', v_claw, 'clawed_from_purchase', own_take, 'clawed_from_balance', from_balance,
                                       'debt', to_debt, 'forgiven', forgiven, 'policy', a.return_policy)
                      || CASE WHEN v_lines IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('lines', v_lines) END
                      || CASE WHEN v_tp_clawed IS NULL THEN '{}'::jsonb
                              ELSE jsonb_build_object('tier_points_clawed', v_tp_clawed) END,
                    ARRAY['issued', CASE WHEN own.matured IS FALSE THEN 'pending' ELSE 'available' END, 'available', 'debt'],
                    ARRAY[own_take + from_balance + to_debt, -own_take, -from_balance, -to_debt],
                    NULL, 0, 1, NULL);
  IF pur.cashback IS NOT NULL THEN
    v_cb := pl_return_cashback(v_member, a.program_id, pur.id, pur.currency, pur.amount, pur.returned_amount, pur.cashback,
                               pur.returned_cashback, pur.cashback_lot_id, v_amount, a.now, p);
  END IF;
  UPDATE purchases SET returned_amount = returned_amount + v_amount, returned_points = v_target,
                       promotion_points_revoked = v_revoked,
                       returned_cashback = returned_cashback + coalesce((v_cb->'amount'->>'amount')::bigint, 0)
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
                        ELSE jsonb_build_object('promotions_revoked', v_promo->'revoked') END
                || CASE WHEN v_cb IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('cashback', v_cb) END,
    'balance', pl_balance_json(v_member, a.now, p)));
END $$;

-- Claws back a cashback purchase's money for a return of p_amount more of it: the cumulative proportion of the
-- cashback, so partial returns add up to exactly the whole. Taken from the purchase's own lot first, then from the
-- rest of the member's money in the currency (soonest expiry first); money no longer there (spent, held at a till,
-- expired) is forgiven: a wallet never goes negative and money owed is not a debt the ledger keeps (README
-- "Cashback programs"). One wallet_debit transaction (wallet.debited, reason cashback_return) for what was taken.
CREATE FUNCTION pl_return_cashback(p_member text, p_program text, p_purchase text, p_currency text, p_purchase_amount bigint,
                                   p_returned_amount bigint, p_cashback bigint, p_returned_cashback bigint, p_lot text,
                                   p_amount bigint, p_now timestamptz, p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_txn text := p->>'cashback_txn_id';
  v_claw bigint;
  own_take bigint := 0;
  from_wallet bigint := 0;
  lot wallet_lots%ROWTYPE;
  v_txn_json jsonb;
BEGIN
  v_claw := floor(p_cashback::numeric * (p_returned_amount + p_amount) / p_purchase_amount) - p_returned_cashback;
  IF v_claw > 0 AND p_lot IS NOT NULL THEN
    SELECT * INTO lot FROM wallet_lots WHERE member_id = p_member AND id = p_lot;
    IF lot.remaining > 0 AND (lot.expires_at IS NULL OR lot.expires_at > p_now) THEN
      own_take := least(lot.remaining, v_claw);
      UPDATE wallet_lots SET remaining = remaining - own_take WHERE member_id = p_member AND id = lot.id;
      INSERT INTO wallet_lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, amount)
      VALUES (p_member, v_txn, lot.id, v_txn, p_program, -own_take);
    END IF;
  END IF;
  from_wallet := pl_wallet_draw(p_member, p_program, p_currency, v_txn, v_txn, v_claw - own_take, p_now);
  IF own_take + from_wallet > 0 THEN
    v_txn_json := pl_wallet_record(p_member, p_program, v_txn, 'wallet_debit', 'wallet.debited', own_take + from_wallet,
                                   p_currency, NULL, p->>'return_id', NULL, NULL, p_now,
                                   jsonb_build_object('reason', 'cashback_return', 'purchase_id', p_purchase,
                                                      'return_id', p->>'return_id', 'claw', v_claw,
                                                      'clawed_from_purchase', own_take, 'clawed_from_wallet', from_wallet,
                                                      'forgiven', v_claw - own_take - from_wallet),
                                   ARRAY['wallet_available', 'wallet_issued'],
                                   ARRAY[-(own_take + from_wallet), own_take + from_wallet], p);
  END IF;
  RETURN jsonb_build_object('amount', jsonb_build_object('amount', v_claw, 'currency', p_currency),
                            'clawed_from_purchase', own_take, 'clawed_from_wallet', from_wallet,
                            'forgiven', v_claw - own_take - from_wallet,
                            'transaction_id', CASE WHEN own_take + from_wallet > 0 THEN v_txn END);
END $$;
