-- Records an activity. The first completed task of a local day extends the member's soonest-expiring points.
CREATE FUNCTION ledger_activity(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  lk record;
  v_soonest timestamptz;
  v_extended_to timestamptz;
  v_points bigint;
  v_lots jsonb;
  v_extension jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, occurred_at timestamptz,
    extension_days int, activity_id text, type text, task_id text, day_key text, txn_id text);
  SELECT * INTO lk FROM pl_begin(p, p_member, false);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  INSERT INTO member_activities (member_id, id, program_id, type, task_id, occurred_at, recorded_at, data)
  VALUES (p_member, a.activity_id, a.program_id, a.type, a.task_id, a.occurred_at, a.now,
          coalesce(p->'data', '{}'::jsonb));
  UPDATE member_balances SET last_activity_at = greatest(last_activity_at, a.occurred_at) WHERE member_id = p_member;

  IF a.type = 'task_completed' AND a.extension_days > 0 THEN
    SELECT min(expires_at) INTO v_soonest FROM lots
     WHERE member_id = p_member AND matured AND remaining > 0 AND expires_at > a.now;
    IF v_soonest IS NOT NULL AND pl_milestone(p_member, a.program_id, 'task_extension', a.day_key, a.now) THEN
      -- Every lot extended expires at v_soonest, so the new expiry is one value, computed once: Citus refuses a
      -- STABLE function (timestamptz + interval) applied to a column in an UPDATE.
      v_extended_to := v_soonest + make_interval(days => a.extension_days);
      WITH extended AS (
        UPDATE lots SET expires_at = v_extended_to
         WHERE member_id = p_member AND matured AND remaining > 0 AND expires_at = v_soonest
        RETURNING id, remaining)
      SELECT sum(remaining)::bigint, jsonb_agg(id ORDER BY id) INTO v_points, v_lots FROM extended;
      -- No points move: the transaction records the new expiry, and bumps the member's version like any change.
      v_extension := pl_record(p_member, a.program_id, a.txn_id, 'extend', v_points, NULL, a.activity_id,
                               NULL, NULL, a.occurred_at, a.now,
                               jsonb_build_object('lot_ids', v_lots, 'days', a.extension_days, 'from', pl_ts(v_soonest),
                                                  'to', pl_ts(v_extended_to),
                                                  'day', a.day_key, 'activity_id', a.activity_id),
                               '{}'::text[], '{}'::bigint[]);
    END IF;
  END IF;

  RETURN pl_finish(p, p_member, jsonb_build_object(
    'activity', jsonb_build_object('id', a.activity_id, 'member_id', p_member, 'type', a.type,
                                   'task_id', a.task_id, 'occurred_at', pl_ts(a.occurred_at),
                                   'recorded_at', pl_ts(a.now), 'data', coalesce(p->'data', '{}'::jsonb)),
    'extension', v_extension,
    'balance', pl_balance_json(p_member, a.now, p)));
END $$;
