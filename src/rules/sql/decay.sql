-- Inactivity decay: every full period without activity (from the last activity, or enrollment) takes a share of the
-- available balance, soonest-expiring lots first, rounded down; each period at most once, at the instant it ended.
CREATE FUNCTION ledger_decay(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_anchor timestamptz;
  v_available bigint;
  v_periods int;
  v_done int;
  v_at timestamptz;
  v_points bigint;
  v_txn text;
  decayed bigint := 0;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, as_of timestamptz, now timestamptz, after_days int,
    percent_bps bigint);
  IF pl_job_member(p_member, a.program_id, a.as_of, a.now, pl_renewal_hours(p)) IS DISTINCT FROM 'active' THEN
    RETURN jsonb_build_object('points_decayed', 0);
  END IF;
  SELECT coalesce(b.last_activity_at, m.created_at) INTO v_anchor
    FROM member_balances b JOIN members m ON m.id = b.member_id WHERE b.member_id = p_member;
  v_periods := floor(extract(epoch FROM a.as_of - v_anchor) / (a.after_days * 86400.0));
  -- Periods already decayed for this spell of inactivity are skipped without a query each.
  SELECT coalesce(max(split_part(key, '/', 2)::int), 0) INTO v_done FROM member_milestones
   WHERE member_id = p_member AND kind = 'decay' AND key LIKE pl_ts(v_anchor) || '/%';
  FOR i IN v_done + 1..v_periods LOOP
    CONTINUE WHEN NOT pl_milestone(p_member, a.program_id, 'decay', pl_ts(v_anchor) || '/' || i, a.now);
    v_at := v_anchor + make_interval(days => a.after_days * i);
    SELECT available INTO v_available FROM member_balances WHERE member_id = p_member;
    v_points := v_available * a.percent_bps / 10000;
    CONTINUE WHEN v_points <= 0;
    v_txn := pl_typeid('txn');
    IF pl_draw(p_member, a.program_id, v_txn, v_txn, v_points, a.now) <> v_points THEN
      RAISE EXCEPTION 'lots of member % do not cover the available balance', p_member;
    END IF;
    PERFORM pl_record(p_member, a.program_id, v_txn, 'decay', v_points, NULL, NULL, NULL, NULL, v_at, a.now,
                      jsonb_build_object('period', i, 'inactive_since', pl_ts(v_anchor), 'percent_bps', a.percent_bps,
                                         'available_before', v_available),
                      ARRAY['available', 'decayed'], ARRAY[-v_points, v_points]);
    decayed := decayed + v_points;
  END LOOP;
  RETURN jsonb_build_object('points_decayed', decayed);
END $$;
