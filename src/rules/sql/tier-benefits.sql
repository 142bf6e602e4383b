-- Tier benefits: a gift per period to active members of a tier, at most once per member and period.

-- The daily tier gift also counts recorded activities (a login, a completed task) as being active that day.
CREATE FUNCTION pl_active_between(p_member text, p_from timestamptz, p_to timestamptz) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM ledger_transactions
                  WHERE member_id = p_member AND type IN ('earn', 'redeem', 'hold', 'capture', 'return', 'convert')
                    AND occurred_at >= p_from AND occurred_at < p_to)
      OR EXISTS (SELECT 1 FROM member_activities
                  WHERE member_id = p_member AND occurred_at >= p_from AND occurred_at < p_to);
END $$;

-- Grants one benefit for one period unless already granted (benefit_grants' key). Returns the points paid.
CREATE FUNCTION pl_grant_benefit(p_member text, p_program text, p_tier jsonb, p_period_key text, p_txn text, p_lot text,
                                 p_at timestamptz, p_now timestamptz, p_expires timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  points bigint := (p_tier->'benefit'->>'points')::bigint;
BEGIN
  INSERT INTO benefit_grants (member_id, tier, period_key, program_id, txn_id, points, granted_at)
  VALUES (p_member, p_tier->>'name', p_period_key, p_program, p_txn, points, p_now)
  ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN RETURN 0; END IF;
  PERFORM pl_credit(p_member, p_program, p_txn, 'benefit', points, NULL, p_lot, 'benefit', p_at, p_expires, p_at, p_now,
                    jsonb_build_object('tier', p_tier->>'name', 'period', p_period_key));
  RETURN points;
END $$;

-- Pays the member's tier benefit for the period that contains as_of, at most once per member and period; recorded
-- activities count as activity. The daily gift also looks at the day before, so activity after the day's last run is
-- still rewarded by the next one.
CREATE FUNCTION ledger_tier_benefit(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  tiers jsonb := p->'rules'->'tiers';
  tier jsonb;
  v_status text;
  paid bigint := 0;
  day record;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, as_of timestamptz, now timestamptz,
    expires_at timestamptz, previous_day_start timestamptz, day_start timestamptz, week_key text, txn_id text,
    lot_id text, month_key text, previous_day_key text, previous_txn_id text, previous_lot_id text, day_key text);
  SELECT tiers->pl_tier_index(tiers, b.tier), m.status INTO tier, v_status
    FROM member_balances b JOIN members m ON m.id = b.member_id
   WHERE b.member_id = p_member AND b.program_id = a.program_id FOR UPDATE OF b;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'member_not_found'); END IF;
  IF jsonb_typeof(tier->'benefit') IS DISTINCT FROM 'object' OR v_status <> 'active' THEN
    RETURN jsonb_build_object('paid', 0);
  END IF;
  CASE tier->'benefit'->>'period'
    WHEN 'week' THEN
      paid := pl_grant_benefit(p_member, a.program_id, tier, a.week_key, a.txn_id, a.lot_id, a.as_of, a.now, a.expires_at);
    WHEN 'month' THEN
      paid := pl_grant_benefit(p_member, a.program_id, tier, a.month_key, a.txn_id, a.lot_id, a.as_of, a.now, a.expires_at);
    ELSE
      FOR day IN SELECT * FROM (VALUES
          (a.previous_day_key, a.previous_day_start, a.day_start,
           a.previous_txn_id, a.previous_lot_id),
          -- Today counts up to and including as_of.
          (a.day_key, a.day_start, a.as_of + interval '1 microsecond', a.txn_id,
           a.lot_id)) AS d(key, starts, ends, txn, lot)
      LOOP
        -- "Each day the member is active": something the member did that day, not our own bookkeeping.
        CONTINUE WHEN NOT pl_active_between(p_member, day.starts, day.ends);
        paid := paid + pl_grant_benefit(p_member, a.program_id, tier, day.key, day.txn, day.lot, least(day.ends, a.as_of), a.now, a.expires_at);
      END LOOP;
  END CASE;
  RETURN jsonb_build_object('paid', paid);
END $$;
