-- Earn and redeem caps per day and month, and the velocity rule on every write.

-- Sums of what the member moved since an instant, for caps and velocity.
CREATE FUNCTION pl_moved_since(p_member text, p_types text[], p_since timestamptz, OUT n bigint, OUT points bigint)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  SELECT count(*), coalesce(sum(t.points), 0)::bigint INTO n, points FROM ledger_transactions t
   WHERE t.member_id = p_member AND t.type = ANY (p_types) AND t.recorded_at >= p_since;
END $$;

-- A refusal (as a result object) before points move, or NULL: the earn or redeem caps of the day and month, then
-- the velocity rule. p_kind is 'earn' or 'redeem'. A member whose tier is caps_exempt earns past the earn caps; the
-- velocity rule still applies to everyone. (PL/pgSQL rather than SQL throughout the write path: a SQL
-- function called from PL/pgSQL is planned again on every call, a PL/pgSQL one keeps its plans for the session.)
CREATE FUNCTION pl_guard(p_member text, p_program text, p_kind text, p_points bigint, p_now timestamptz, p jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  rules jsonb := p->'rules';
  limits jsonb := rules->(p_kind || '_limits');
  types text[] := CASE p_kind WHEN 'earn' THEN ARRAY['earn', 'bonus'] ELSE ARRAY['redeem', 'hold'] END;
  velocity jsonb := CASE WHEN jsonb_typeof(rules->'velocity') = 'object' THEN rules->'velocity' END;
  day_cap bigint := (limits->>'per_day')::bigint;
  month_cap bigint := (limits->>'per_month')::bigint;
  day_start timestamptz := (rules->>'day_start')::timestamptz;
  month_start timestamptz := (rules->>'month_start')::timestamptz;
  window_start timestamptz := p_now - make_interval(mins => coalesce((velocity->>'window_minutes')::int, 0));
  since timestamptz;
  cap bigint := (limits->>'per_transaction')::bigint;
  moved record;
BEGIN
  IF rules IS NULL THEN RETURN NULL; END IF;
  IF p_kind = 'earn' AND jsonb_typeof(rules->'tiers') = 'array' THEN
    IF (SELECT coalesce((rules->'tiers'->pl_tier_index(rules->'tiers', b.tier)->>'caps_exempt')::boolean, false)
          FROM member_balances b WHERE b.member_id = p_member) THEN
      cap := NULL;
      day_cap := NULL;
      month_cap := NULL;
    END IF;
  END IF;
  IF cap IS NOT NULL AND p_points > cap THEN
    RETURN jsonb_build_object('error', 'limit_exceeded', 'limit', p_kind || '_per_transaction', 'cap', cap,
                              'remaining', cap, 'requested', p_points);
  END IF;
  since := least(CASE WHEN day_cap IS NOT NULL THEN day_start END, CASE WHEN month_cap IS NOT NULL THEN month_start END,
                 CASE WHEN velocity IS NOT NULL THEN window_start END);
  IF since IS NULL THEN RETURN NULL; END IF;

  -- One pass over the member's recent transactions answers every window at once.
  SELECT coalesce(sum(points) FILTER (WHERE type = ANY (types) AND recorded_at >= day_start), 0) AS today,
         coalesce(sum(points) FILTER (WHERE type = ANY (types) AND recorded_at >= month_start), 0) AS this_month,
         count(*) FILTER (WHERE recorded_at >= window_start) AS window_n,
         coalesce(sum(points) FILTER (WHERE recorded_at >= window_start), 0) AS window_points
    INTO moved
    FROM ledger_transactions
   WHERE member_id = p_member AND recorded_at >= since AND type IN ('earn', 'bonus', 'redeem', 'hold', 'convert');

  IF day_cap IS NOT NULL AND moved.today + p_points > day_cap THEN
    RETURN jsonb_build_object('error', 'limit_exceeded', 'limit', p_kind || '_per_day', 'cap', day_cap,
                              'remaining', greatest(day_cap - moved.today, 0), 'requested', p_points);
  END IF;
  IF month_cap IS NOT NULL AND moved.this_month + p_points > month_cap THEN
    RETURN jsonb_build_object('error', 'limit_exceeded', 'limit', p_kind || '_per_month', 'cap', month_cap,
                              'remaining', greatest(month_cap - moved.this_month, 0), 'requested', p_points);
  END IF;
  IF velocity IS NULL THEN RETURN NULL; END IF;
  -- Counting the transaction being asked for: it is the one that would cross the threshold.
  RETURN pl_velocity_verdict(p_member, p_program, velocity, moved.window_n + 1, (moved.window_points + p_points)::bigint,
                             'ledger', p_now);
END $$;
