-- VIP tiers: qualifying points in a rolling window, the tier they reach, changes and the periodic review.

-- Points earned in the rolling window ending at p_as_of: purchases and their bonuses count, returns take their
-- clawback off, redemptions never lower it.
CREATE FUNCTION pl_qualifying(p_member text, p_as_of timestamptz, p_window_months int) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  total bigint;
BEGIN
  -- A cashback purchase earns no points, but the points it would have earned qualify (data.tier_points), and its
  -- returns take their share back (data.tier_points_clawed).
  SELECT coalesce(sum(CASE WHEN type = 'return' THEN -(data->>'claw')::bigint - coalesce((data->>'tier_points_clawed')::bigint, 0)
                           WHEN type = 'earn' THEN points + coalesce((data->>'tier_points')::bigint, 0)
                           ELSE points END), 0)::bigint INTO total
    FROM ledger_transactions
   WHERE member_id = p_member AND type IN ('earn', 'bonus', 'return')
     AND occurred_at > p_as_of - make_interval(months => p_window_months) AND occurred_at <= p_as_of;
  RETURN total;
END $$;

-- The position of a tier in the program's list (0 = entry tier); unknown names count as the entry tier.
CREATE FUNCTION pl_tier_index(p_tiers jsonb, p_name text) RETURNS int
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  FOR i IN 0..jsonb_array_length(p_tiers) - 1 LOOP
    IF p_tiers->i->>'name' = p_name THEN RETURN i; END IF;
  END LOOP;
  RETURN 0;
END $$;

-- The highest tier whose threshold the qualifying points reach.
CREATE FUNCTION pl_tier_for(p_tiers jsonb, p_points bigint) RETURNS int
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  reached int := 0;
BEGIN
  FOR i IN 0..jsonb_array_length(p_tiers) - 1 LOOP
    IF (p_tiers->i->>'threshold')::bigint <= p_points THEN reached := i; END IF;
  END LOOP;
  RETURN reached;
END $$;

CREATE FUNCTION pl_tier_json(p_member text, p_now timestamptz, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  tiers jsonb := p->'rules'->'tiers';
  idx int;
  qualifying bigint;
  next_tier jsonb;
BEGIN
  IF tiers IS NULL THEN RETURN NULL; END IF;
  SELECT pl_tier_index(tiers, tier) INTO idx FROM member_balances WHERE member_id = p_member;
  qualifying := pl_qualifying(p_member, p_now, (p->'rules'->>'tier_window_months')::int);
  next_tier := tiers->(idx + 1);
  RETURN jsonb_build_object('name', tiers->idx->>'name', 'qualifying_points', qualifying,
                            'next_tier', next_tier->>'name',
                            'points_to_next', CASE WHEN next_tier IS NULL THEN NULL
                                                   ELSE greatest((next_tier->>'threshold')::bigint - qualifying, 0) END);
END $$;

-- The balance now also shows the tier, qualifying points and the way to the next tier.
CREATE FUNCTION pl_balance_extra(p_member text, p_now timestamptz, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN jsonb_build_object('tier', pl_tier_json(p_member, p_now, p));
END $$;

CREATE FUNCTION pl_change_tier(p_member text, p_program text, p_tiers jsonb, p_from int, p_to int, p_qualifying bigint,
                               p_cause text, p_occurred timestamptz, p_now timestamptz, p_id text) RETURNS jsonb
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE member_balances SET tier = p_tiers->p_to->>'name', tier_since = p_occurred WHERE member_id = p_member;
  INSERT INTO tier_changes (member_id, id, program_id, from_tier, to_tier, direction, qualifying_points, cause,
                            occurred_at, recorded_at)
  VALUES (p_member, p_id, p_program, p_tiers->p_from->>'name', p_tiers->p_to->>'name',
          CASE WHEN p_to > p_from THEN 'up' ELSE 'down' END, p_qualifying, p_cause, p_occurred, p_now);
  RETURN jsonb_build_object('from', p_tiers->p_from->>'name', 'to', p_tiers->p_to->>'name',
                            'qualifying_points', p_qualifying);
END $$;

CREATE FUNCTION ledger_tier_review(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  tiers jsonb := p->'rules'->'tiers';
  current_idx int;
  reached int;
  target int;
  qualifying bigint;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, as_of timestamptz, now timestamptz, run_id text,
    tier_change_id text);
  SELECT pl_tier_index(tiers, tier) INTO current_idx FROM member_balances
   WHERE member_id = p_member AND program_id = a.program_id FOR UPDATE;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'member_not_found'); END IF;
  qualifying := pl_qualifying(p_member, a.as_of, (p->'rules'->>'tier_window_months')::int);
  reached := pl_tier_for(tiers, qualifying);
  IF reached >= current_idx THEN RETURN jsonb_build_object('changed', false); END IF;
  target := greatest(reached, current_idx - (p->'rules'->>'tier_downgrade_steps')::int);
  RETURN jsonb_build_object('changed', true, 'tier_change',
    pl_change_tier(p_member, a.program_id, tiers, current_idx, target, qualifying, 'review:' || (a.run_id),
                   a.as_of, a.now, a.tier_change_id));
END $$;
