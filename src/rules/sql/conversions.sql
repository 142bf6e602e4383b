-- Conversions between points and money, with fees, caps and withdrawal limits.

-- Withdrawals so far in the member's current day and month, in home-currency minor units.
CREATE FUNCTION pl_withdrawn(p_member text, p_day_start timestamptz, p_month_start timestamptz,
                             OUT today bigint, OUT this_month bigint)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  SELECT coalesce(sum(home_amount) FILTER (WHERE created_at >= p_day_start), 0)::bigint,
         coalesce(sum(home_amount), 0)::bigint
    INTO today, this_month
    FROM conversions
   WHERE member_id = p_member AND direction = 'points_to_money' AND created_at >= least(p_day_start, p_month_start);
END $$;

CREATE FUNCTION ledger_convert(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_direction text := p->>'direction';
  v_points bigint := (p->>'points')::bigint;
  v_home bigint := (p->>'home_amount')::bigint;
  v_txn text := p->>'txn_id';
  v_conversion text := p->>'conversion_id';
  limits jsonb := p->'rules'->'withdrawal_limits';
  v_result jsonb;
  lk record;
  w record;
  v_available bigint;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO lk FROM pl_begin(p, p_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;
  v_available := lk.available;

  IF v_direction = 'points_to_money' THEN
    -- Checked under the member's lock, so parallel withdrawals cannot pass the limit together.
    SELECT * INTO w FROM pl_withdrawn(p_member, (p->'rules'->>'day_start')::timestamptz,
                                      (p->'rules'->>'month_start')::timestamptz);
    IF (limits->>'per_day') IS NOT NULL AND w.today + v_home > (limits->>'per_day')::bigint THEN
      RETURN pl_finish(p, jsonb_build_object('error', 'limit_exceeded',
        'limit', 'withdrawal_per_day', 'cap', (limits->>'per_day')::bigint, 'currency', p->>'home_currency',
        'remaining', greatest((limits->>'per_day')::bigint - w.today, 0), 'requested', v_home));
    END IF;
    IF (limits->>'per_month') IS NOT NULL AND w.this_month + v_home > (limits->>'per_month')::bigint THEN
      RETURN pl_finish(p, jsonb_build_object('error', 'limit_exceeded',
        'limit', 'withdrawal_per_month', 'cap', (limits->>'per_month')::bigint, 'currency', p->>'home_currency',
        'remaining', greatest((limits->>'per_month')::bigint - w.this_month, 0), 'requested', v_home));
    END IF;
    v_result := pl_spend(p, p_member, v_txn, v_points, v_available, 'redeem');
    IF v_result IS NOT NULL THEN RETURN pl_finish(p, v_result); END IF;
    v_txn_json := pl_record(p_member, v_program, v_txn, 'convert', v_points, v_conversion, NULL, p->>'idempotency_key', NULL, v_now,
                            v_now, p->'conversion', ARRAY['available', 'converted'], ARRAY[-v_points, v_points],
                            NULL, 0, 0, v_now);
  ELSE
    v_result := pl_guard(p_member, v_program, 'earn', v_points, v_now, p);
    IF v_result IS NOT NULL THEN RETURN pl_finish(p, v_result); END IF;
    v_txn_json := pl_credit(p_member, v_program, v_txn, 'convert', v_points, NULL, p->>'lot_id', 'convert', v_now,
                            (p->>'expires_at')::timestamptz, v_now, v_now, p->'conversion', 'converted');
  END IF;
  INSERT INTO conversions (member_id, id, program_id, txn_id, direction, points, amount, currency, fee_bps, fee, rate,
                           home_amount, created_at)
  VALUES (p_member, v_conversion, v_program, v_txn, v_direction, v_points, (p->'conversion'->>'amount')::bigint,
          p->'conversion'->>'currency', (p->'conversion'->>'fee_bps')::int, (p->'conversion'->>'fee')::bigint,
          (p->'conversion'->>'rate')::numeric, v_home, v_now);

  RETURN pl_finish(p, jsonb_build_object(
    'transaction', v_txn_json,
    'conversion', (p->'conversion') || jsonb_build_object('id', v_conversion, 'member_id', p_member,
                                                           'direction', v_direction, 'created_at', p->>'now'),
    'balance', pl_balance_json(p_member, v_now, p)));
END $$;
