-- Purchases: the points a receipt earns, once per receipt.

CREATE FUNCTION ledger_earn(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_points bigint;
  v_extra jsonb;
  v_result jsonb;
  lk record;
  v_pay bigint;
  v_credit bigint;
  v_lot text;
  v_txn_json jsonb;
  ln record;
  v_line_no integer := 0;
  -- Promotions the service evaluated (src/promotions/checkout.ts): their extra points and discount.
  v_promo jsonb := p->'promotions';
  v_promo_points bigint := coalesce((p->'promotions'->>'extra_points')::bigint, 0);
  v_discount bigint := coalesce((p->'promotions'->>'discount')::bigint, 0);
  v_issued jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, occurred_at timestamptz,
    matures_at timestamptz, expires_at timestamptz, receipt_id text, txn_id text, purchase_id text, amount bigint,
    points bigint, lot_id text, currency text, store_id text, idempotency_key text, rate_set_id text);
  SELECT * INTO lk FROM pl_begin(p, p_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  v_result := pl_duplicate_receipt(p_member, a.program_id, 'earn', a.receipt_id, 'purchase_id');
  IF v_result IS NOT NULL THEN RETURN pl_finish(p, p_member, v_result); END IF;
  -- The base points are the net amount's (after discounts); the tier multiplies them, not a promotion's extras.
  v_points := pl_earn_points(p_member, p) + v_promo_points;
  v_result := pl_guard(p_member, a.program_id, 'earn', v_points, a.now, p);
  IF v_result IS NOT NULL THEN RETURN pl_finish(p, p_member, v_result); END IF;

  -- Earnings pay off a debt left by an earlier return before anything becomes spendable.
  v_txn_json := pl_credit(p_member, a.program_id, a.txn_id, 'earn', v_points, NULL, a.lot_id, 'earn', a.matures_at, a.expires_at,
                          a.occurred_at, a.now,
                          jsonb_build_object('amount', a.amount, 'currency', a.currency,
                                             'rate', p->'rate', 'store_id', a.store_id)
                            || CASE WHEN p ? 'lines' THEN jsonb_build_object('lines', p->'lines') ELSE '{}'::jsonb END
                            || CASE WHEN v_promo IS NOT NULL THEN jsonb_build_object('discount', v_discount,
                                 'promotion_ids', (SELECT coalesce(jsonb_agg(x->'promotion_id'), '[]'::jsonb)
                                                     FROM jsonb_array_elements(v_promo->'applied') x))
                                    ELSE '{}'::jsonb END,
                          'issued', a.purchase_id, a.idempotency_key, a.receipt_id, 1, a.occurred_at);
  v_pay := (v_txn_json->'data'->>'debt_paid')::bigint;
  v_credit := v_points - v_pay;
  v_lot := v_txn_json->'data'->>'lot_id';
  INSERT INTO purchases (member_id, id, program_id, txn_id, receipt_id, amount, currency, store_id, points, lot_id,
                         occurred_at, created_at, discount, quote_id)
  VALUES (p_member, a.purchase_id, a.program_id, a.txn_id, a.receipt_id, a.amount, a.currency,
          a.store_id, v_points, v_lot, a.occurred_at, a.now, v_discount, v_promo->>'quote_id');
  -- Plain INSERT ... VALUES per line, its member the plain argument: on Citus an INSERT ... SELECT can be planned as
  -- a broadcast to every shard (bench/CITUS.md). The service checked the lines (their amounts sum to the purchase).
  FOR ln IN SELECT * FROM jsonb_to_recordset(coalesce(p->'lines', '[]'::jsonb))
                     AS l(sku text, brand text, category text, quantity bigint, unit_price bigint, amount bigint) LOOP
    INSERT INTO purchase_lines (member_id, purchase_id, line_no, sku, brand, category, quantity, unit_price, amount)
    VALUES (p_member, a.purchase_id, v_line_no, ln.sku, ln.brand, ln.category, ln.quantity, ln.unit_price, ln.amount);
    v_line_no := v_line_no + 1;
  END LOOP;
  IF v_promo IS NOT NULL THEN
    v_issued := pl_promotions_record(p_member, a.program_id, a.purchase_id, a.currency, v_promo, a.occurred_at, a.now);
  END IF;
  v_extra := pl_after_earn(p_member, a.program_id, a.purchase_id, a.occurred_at, a.now, p);
  -- A back-dated purchase can land already past its expiry.
  IF v_lot IS NOT NULL AND a.expires_at <= a.now THEN
    PERFORM pl_settle(p_member, a.program_id, a.now, a.now, p_renewal_hours => pl_renewal_hours(p));
  END IF;

  -- Last, what the promotions relied on is re-checked and taken: a budget slice's or a code's row is shared with
  -- other members' purchases, and its lock is held from here to the commit, so the later the shorter. A refusal
  -- rolls everything above back.
  IF v_promo IS NOT NULL THEN
    PERFORM pl_promotions_claim(p_member, a.program_id, v_promo || jsonb_build_object('purchase_id', a.purchase_id), a.now);
  END IF;
  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'purchase', jsonb_build_object('id', a.purchase_id, 'member_id', p_member, 'receipt_id', a.receipt_id,
                                   'amount', jsonb_build_object('amount', a.amount, 'currency', a.currency),
                                   'store_id', a.store_id, 'points', v_points,
                                   'base_points', a.points, 'rate', p->'rate',
                                   'rate_set_id', a.rate_set_id, 'debt_paid', v_pay,
                                   'lot', CASE WHEN v_lot IS NULL THEN NULL ELSE jsonb_build_object(
                                     'id', v_lot, 'points', v_credit, 'matures_at', p->>'matures_at',
                                     'expires_at', p->>'expires_at') END,
                                   'occurred_at', p->>'occurred_at')
                || CASE WHEN p ? 'lines' THEN jsonb_build_object('lines', p->'lines') ELSE '{}'::jsonb END
                || CASE WHEN v_promo IS NOT NULL THEN jsonb_build_object(
                     'discount', jsonb_build_object('amount', v_discount, 'currency', a.currency),
                     'net_amount', jsonb_build_object('amount', a.amount - v_discount, 'currency', a.currency),
                     'promotions', v_promo->'summary', 'issued_codes', v_issued, 'quote_id', v_promo->>'quote_id')
                   ELSE '{}'::jsonb END,
    'balance', pl_balance_json(p_member, a.now, p)) || v_extra);
END $$;
