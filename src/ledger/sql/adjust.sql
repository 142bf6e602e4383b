-- Admin adjustments: credits and debits outside purchases.

CREATE FUNCTION ledger_adjust(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_points bigint := (p->>'points')::bigint;
  v_txn text := p->>'txn_id';
  v_adjustment text := p->>'adjustment_id';
  v_result jsonb;
  lk record;
  v_available bigint;
  v_lot text;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO lk FROM pl_begin(p, p_member, false);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;
  v_available := lk.available;

  IF v_points > 0 THEN
    -- A credit pays any open debt first, like every point that comes in.
    v_txn_json := pl_credit(p_member, v_program, v_txn, 'adjust', v_points, NULL, p->>'lot_id', 'adjust', v_now,
                            (p->>'expires_at')::timestamptz, v_now, v_now,
                            jsonb_build_object('reason', p->>'reason', 'direction', 'credit'),
                            'adjustments', v_adjustment, p->>'idempotency_key');
    v_lot := v_txn_json->'data'->>'lot_id';
  ELSE
    -- An admin's debit answers to the balance only, not to the program's spending rules.
    v_result := pl_spend(p, p_member, v_txn, -v_points, v_available, NULL);
    IF v_result IS NOT NULL THEN RETURN pl_finish(p, v_result); END IF;
    v_txn_json := pl_record(p_member, v_program, v_txn, 'adjust', -v_points, v_adjustment, NULL, p->>'idempotency_key', NULL, v_now, v_now,
                      jsonb_build_object('reason', p->>'reason', 'direction', 'debit'),
                      ARRAY['available', 'adjustments'], ARRAY[v_points, -v_points]);
  END IF;

  RETURN pl_finish(p, jsonb_build_object(
    'transaction', v_txn_json,
    'adjustment', jsonb_build_object('id', v_adjustment, 'member_id', p_member, 'points', v_points,
                                     'reason', p->>'reason', 'lot_id', v_lot),
    'balance', pl_balance_json(p_member, v_now, p)));
END $$;
