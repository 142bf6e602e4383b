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
  -- A cashback program's purchase (p.cashback present, set by earnArgs in src/ledger/ledger.ts): the money it credits to the wallet.
  -- A points program never enters the branches below, so its purchase runs the statements it always ran.
  v_cb jsonb := p->'cashback';
  v_tier_points bigint;
  v_percent numeric;
  v_cashback bigint;
  v_cb_txn jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, occurred_at timestamptz,
    matures_at timestamptz, expires_at timestamptz, receipt_id text, txn_id text, purchase_id text, amount bigint,
    points bigint, lot_id text, currency text, store_id text, idempotency_key text, rate_set_id text, channel text,
    device text);
  SELECT * INTO lk FROM pl_begin(p, p_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  v_result := pl_duplicate_receipt(p_member, a.program_id, 'earn', a.receipt_id, 'purchase_id');
  IF v_result IS NOT NULL THEN RETURN pl_finish(p, p_member, v_result); END IF;
  -- The base points are the net amount's (after discounts); the tier multiplies them, not a promotion's extras.
  IF v_cb IS NULL THEN
    v_points := pl_earn_points(p_member, p) + v_promo_points;
  ELSE
    -- The purchase earns no points of its own: the tier's percent of the net amount becomes wallet money, rounded down
    -- in minor units. The points it would have earned still count towards the tier (data.tier_points,
    -- pl_qualifying); a promotion's extra points stay points.
    v_tier_points := pl_earn_points(p_member, p);
    SELECT (p->'rules'->'tiers'->pl_tier_index(p->'rules'->'tiers', tier)->>'cashback_percent')::numeric INTO v_percent
      FROM member_balances WHERE member_id = p_member;
    v_cashback := floor((a.amount - v_discount)::numeric * coalesce(v_percent, 0) / 100);
    v_points := v_promo_points;
  END IF;
  v_result := pl_guard(p_member, a.program_id, 'earn', v_points, a.now, p);
  IF v_result IS NOT NULL THEN RETURN pl_finish(p, p_member, v_result); END IF;

  -- Earnings pay off a debt left by an earlier return before anything becomes spendable.
  v_txn_json := pl_credit(p_member, a.program_id, a.txn_id, 'earn', v_points, NULL, a.lot_id, 'earn', a.matures_at, a.expires_at,
                          a.occurred_at, a.now,
                          jsonb_build_object('amount', a.amount, 'currency', a.currency,
                                             'rate', p->'rate', 'store_id', a.store_id, 'channel', a.channel,
                                             'device', a.device)
                            || CASE WHEN p ? 'lines' THEN jsonb_build_object('lines', p->'lines') ELSE '{}'::jsonb END
                            || CASE WHEN v_promo IS NOT NULL THEN jsonb_build_object('discount', v_discount,
                                 'promotion_ids', (SELECT coalesce(jsonb_agg(x->'promotion_id'), '[]'::jsonb)
                                                     FROM jsonb_array_elements(v_promo->'applied') x))
                                    ELSE '{}'::jsonb END
                            || CASE WHEN v_cb IS NOT NULL THEN jsonb_build_object('tier_points', v_tier_points,
                                 'cashback', v_cashback, 'cashback_percent', v_percent) ELSE '{}'::jsonb END,
                          'issued', a.purchase_id, a.idempotency_key, a.receipt_id, 1, a.occurred_at);
  v_pay := (v_txn_json->'data'->>'debt_paid')::bigint;
  v_credit := v_points - v_pay;
  v_lot := v_txn_json->'data'->>'lot_id';
  INSERT INTO purchases (member_id, id, program_id, txn_id, receipt_id, amount, currency, store_id, channel, device,
                         points, lot_id, occurred_at, created_at, discount, quote_id, cashback, cashback_lot_id)
  VALUES (p_member, a.purchase_id, a.program_id, a.txn_id, a.receipt_id, a.amount, a.currency,
          a.store_id, a.channel, a.device, v_points, v_lot, a.occurred_at, a.now, v_discount, v_promo->>'quote_id', v_cashback,
          CASE WHEN v_cashback > 0 THEN v_cb->>'lot_id' END);
  IF v_cashback > 0 THEN
    -- Spendable at once and expiring like the purchase's points lot would (validity_months after the return window).
    INSERT INTO wallet_lots (member_id, id, program_id, txn_id, currency, source, granted, remaining, expires_at, created_at)
    VALUES (p_member, v_cb->>'lot_id', a.program_id, v_cb->>'txn_id', a.currency, 'cashback', v_cashback, v_cashback,
            a.expires_at, a.now);
    UPDATE member_balances SET next_due_at = least(next_due_at, a.expires_at) WHERE member_id = p_member;
    v_cb_txn := pl_wallet_record(p_member, a.program_id, v_cb->>'txn_id', 'wallet_credit', 'wallet.credited', v_cashback,
                                 a.currency, NULL, a.purchase_id, NULL, a.receipt_id, a.now,
                                 jsonb_build_object('reason', 'cashback', 'purchase_id', a.purchase_id,
                                                    'percent', v_percent, 'lot_id', v_cb->>'lot_id',
                                                    'expires_at', pl_ts(a.expires_at)),
                                 ARRAY['wallet_issued', 'wallet_available'], ARRAY[-v_cashback, v_cashback], p);
    IF a.expires_at <= a.now THEN
      PERFORM pl_wallet_expire_lots(p_member, a.program_id, a.now, a.now);
    END IF;
  END IF;
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
                                   'store_id', a.store_id, 'channel', a.channel, 'device', a.device,
                                   'points', v_points,
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
                   ELSE '{}'::jsonb END
                || CASE WHEN v_cb IS NOT NULL THEN jsonb_build_object('cashback', jsonb_build_object(
                     'amount', jsonb_build_object('amount', v_cashback, 'currency', a.currency),
                     'percent', v_percent, 'tier_points', v_tier_points,
                     'lot_id', CASE WHEN v_cashback > 0 THEN v_cb->>'lot_id' END,
                     'transaction_id', CASE WHEN v_cashback > 0 THEN v_cb->>'txn_id' END))
                   ELSE '{}'::jsonb END,
    'balance', pl_balance_json(p_member, a.now, p)) || v_extra);
END $$;
