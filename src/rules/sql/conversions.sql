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
  a record;  -- the argument's fields, typed once
  limits jsonb := p->'rules'->'withdrawal_limits';
  v_result jsonb;
  lk record;
  w record;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, direction text, points bigint,
    home_amount bigint, txn_id text, conversion_id text, expires_at timestamptz, home_currency text,
    idempotency_key text, lot_id text);
  SELECT * INTO lk FROM pl_begin(p, p_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  IF a.direction = 'points_to_money' THEN
    -- Checked under the member's lock, so parallel withdrawals cannot pass the limit together.
    SELECT * INTO w FROM pl_withdrawn(p_member, (p->'rules'->>'day_start')::timestamptz,
                                      (p->'rules'->>'month_start')::timestamptz);
    IF (limits->>'per_day') IS NOT NULL AND w.today + a.home_amount > (limits->>'per_day')::bigint THEN
      RETURN pl_finish(p, p_member, jsonb_build_object('error', 'limit_exceeded',
        'limit', 'withdrawal_per_day', 'cap', (limits->>'per_day')::bigint, 'currency', a.home_currency,
        'remaining', greatest((limits->>'per_day')::bigint - w.today, 0), 'requested', a.home_amount));
    END IF;
    IF (limits->>'per_month') IS NOT NULL AND w.this_month + a.home_amount > (limits->>'per_month')::bigint THEN
      RETURN pl_finish(p, p_member, jsonb_build_object('error', 'limit_exceeded',
        'limit', 'withdrawal_per_month', 'cap', (limits->>'per_month')::bigint, 'currency', a.home_currency,
        'remaining', greatest((limits->>'per_month')::bigint - w.this_month, 0), 'requested', a.home_amount));
    END IF;
    v_result := pl_spend(p, p_member, a.txn_id, a.points, lk.available, 'redeem');
    IF v_result IS NOT NULL THEN RETURN pl_finish(p, p_member, v_result); END IF;
    v_txn_json := pl_record(p_member, a.program_id, a.txn_id, 'convert', a.points, a.conversion_id, NULL, a.idempotency_key, NULL, a.now,
                            a.now, p->'conversion', ARRAY['available', 'converted'], ARRAY[-a.points, a.points],
                            NULL, 0, 0, a.now);
  ELSE
    v_result := pl_guard(p_member, a.program_id, 'earn', a.points, a.now, p);
    IF v_result IS NOT NULL THEN RETURN pl_finish(p, p_member, v_result); END IF;
    v_txn_json := pl_credit(p_member, a.program_id, a.txn_id, 'convert', a.points, NULL, a.lot_id, 'convert', a.now,
                            a.expires_at, a.now, a.now, p->'conversion', 'converted');
  END IF;
  INSERT INTO conversions (member_id, id, program_id, txn_id, direction, points, amount, currency, fee_bps, fee, rate,
                           home_amount, created_at)
  VALUES (p_member, a.conversion_id, a.program_id, a.txn_id, a.direction, a.points, (p->'conversion'->>'amount')::bigint,
          p->'conversion'->>'currency', (p->'conversion'->>'fee_bps')::int, (p->'conversion'->>'fee')::bigint,
          (p->'conversion'->>'rate')::numeric, a.home_amount, a.now);

  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'conversion', (p->'conversion') || jsonb_build_object('id', a.conversion_id, 'member_id', p_member,
                                                           'direction', a.direction, 'created_at', p->>'now'),
    'balance', pl_balance_json(p_member, a.now, p)));
END $$;
