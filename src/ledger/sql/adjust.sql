-- Admin adjustments: credits and debits outside purchases.

CREATE FUNCTION ledger_adjust(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_result jsonb;
  lk record;
  v_lot text;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, points bigint, txn_id text,
    adjustment_id text, expires_at timestamptz, lot_id text, reason text, idempotency_key text);
  SELECT * INTO lk FROM pl_begin(p, p_member, false);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  IF a.points > 0 THEN
    -- A credit pays any open debt first, like every point that comes in.
    v_txn_json := pl_credit(p_member, a.program_id, a.txn_id, 'adjust', a.points, NULL, a.lot_id, 'adjust', a.now,
                            a.expires_at, a.now, a.now,
                            jsonb_build_object('reason', a.reason, 'direction', 'credit'),
                            'adjustments', a.adjustment_id, a.idempotency_key);
    v_lot := v_txn_json->'data'->>'lot_id';
  ELSE
    -- An admin's debit answers to the balance only, not to the program's spending rules.
    v_result := pl_spend(p, p_member, a.txn_id, -a.points, lk.available, NULL);
    IF v_result IS NOT NULL THEN RETURN pl_finish(p, p_member, v_result); END IF;
    v_txn_json := pl_record(p_member, a.program_id, a.txn_id, 'adjust', -a.points, a.adjustment_id, NULL, a.idempotency_key, NULL, a.now, a.now,
                      jsonb_build_object('reason', a.reason, 'direction', 'debit'),
                      ARRAY['available', 'adjustments'], ARRAY[a.points, -a.points]);
  END IF;

  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'adjustment', jsonb_build_object('id', a.adjustment_id, 'member_id', p_member, 'points', a.points,
                                     'reason', a.reason, 'lot_id', v_lot),
    'balance', pl_balance_json(p_member, a.now, p)));
END $$;
