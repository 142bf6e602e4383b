-- Purchases: the points a receipt earns, once per receipt.

CREATE FUNCTION ledger_earn(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_occurred timestamptz := (p->>'occurred_at')::timestamptz;
  v_matures timestamptz := (p->>'matures_at')::timestamptz;
  v_expires timestamptz := (p->>'expires_at')::timestamptz;
  v_points bigint;
  v_receipt text := p->>'receipt_id';
  v_txn text := p->>'txn_id';
  v_purchase text := p->>'purchase_id';
  v_extra jsonb;
  v_result jsonb;
  lk record;
  v_existing text;
  v_pay bigint;
  v_credit bigint;
  v_lot text;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO lk FROM pl_begin(p, p_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT resource_id INTO v_existing FROM ledger_transactions
   WHERE program_id = v_program AND type = 'earn' AND external_ref = v_receipt;
  IF FOUND THEN
    RETURN pl_finish(p, jsonb_build_object('error', 'duplicate_receipt',
                     'receipt_id', v_receipt, 'purchase_id', v_existing));
  END IF;
  v_points := pl_earn_points(p_member, p);
  v_result := pl_guard(p_member, v_program, 'earn', v_points, v_now, p);
  IF v_result IS NOT NULL THEN RETURN pl_finish(p, v_result); END IF;

  -- Earnings pay off a debt left by an earlier return before anything becomes spendable.
  v_txn_json := pl_credit(p_member, v_program, v_txn, 'earn', v_points, NULL, p->>'lot_id', 'earn', v_matures, v_expires,
                          v_occurred, v_now,
                          jsonb_build_object('amount', (p->>'amount')::bigint, 'currency', p->>'currency',
                                             'rate', p->'rate', 'store_id', p->>'store_id'),
                          'issued', v_purchase, p->>'idempotency_key', v_receipt, 1, v_occurred);
  v_pay := (v_txn_json->'data'->>'debt_paid')::bigint;
  v_credit := v_points - v_pay;
  v_lot := v_txn_json->'data'->>'lot_id';
  INSERT INTO purchases (member_id, id, program_id, txn_id, receipt_id, amount, currency, store_id, points, lot_id,
                         occurred_at, created_at)
  VALUES (p_member, v_purchase, v_program, v_txn, v_receipt, (p->>'amount')::bigint, p->>'currency',
          p->>'store_id', v_points, v_lot, v_occurred, v_now);
  v_extra := pl_after_earn(p_member, v_program, v_purchase, v_occurred, v_now, p);
  -- A back-dated purchase can land already past its expiry.
  IF v_lot IS NOT NULL AND v_expires <= v_now THEN
    PERFORM pl_settle(p_member, v_program, v_now, v_now);
  END IF;

  RETURN pl_finish(p, jsonb_build_object(
    'transaction', v_txn_json,
    'purchase', jsonb_build_object('id', v_purchase, 'member_id', p_member, 'receipt_id', v_receipt,
                                   'amount', jsonb_build_object('amount', (p->>'amount')::bigint, 'currency', p->>'currency'),
                                   'store_id', p->>'store_id', 'points', v_points,
                                   'base_points', (p->>'points')::bigint, 'rate', p->'rate',
                                   'rate_set_id', p->>'rate_set_id', 'debt_paid', v_pay,
                                   'lot', CASE WHEN v_lot IS NULL THEN NULL ELSE jsonb_build_object(
                                     'id', v_lot, 'points', v_credit, 'matures_at', p->>'matures_at',
                                     'expires_at', p->>'expires_at') END,
                                   'occurred_at', p->>'occurred_at'),
    'balance', pl_balance_json(p_member, v_now, p)) || v_extra);
END $$;
