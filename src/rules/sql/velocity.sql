-- The velocity rule: too many transactions or points in a window blocks the member, with the decision recorded.

-- The velocity rule, for the counts a caller made of the member's window: over either threshold, the member is
-- blocked and the decision recorded. Returns the refusal, or NULL.
CREATE FUNCTION pl_velocity_verdict(p_member text, p_program text, p_velocity jsonb, p_transactions bigint,
                                    p_points bigint, p_actor text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  reason text;
BEGIN
  IF p_transactions > (p_velocity->>'max_transactions')::bigint THEN
    reason := format('%s transactions in %s minutes', p_transactions, p_velocity->>'window_minutes');
  ELSIF p_points > (p_velocity->>'max_points')::bigint THEN
    reason := format('%s points in %s minutes', p_points, p_velocity->>'window_minutes');
  ELSE
    RETURN NULL;
  END IF;
  PERFORM pl_block(p_member, p_program, 'velocity', reason,
                   jsonb_build_object('transactions', p_transactions, 'points', p_points,
                                      'window_minutes', (p_velocity->>'window_minutes')::int), p_actor, p_now);
  RETURN jsonb_build_object('error', 'member_blocked', 'member_id', p_member, 'rule', 'velocity', 'reason', reason);
END $$;

-- Blocks a member and records the decision; history is never touched.
CREATE FUNCTION pl_block(p_member text, p_program text, p_rule text, p_reason text, p_details jsonb, p_actor text,
                         p_now timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE members SET status = 'blocked', status_reason = p_reason, status_changed_at = p_now, updated_at = p_now
   WHERE id = p_member;
  INSERT INTO member_status_changes (member_id, id, program_id, status, reason, rule, details, actor, occurred_at)
  VALUES (p_member, pl_typeid('msc'), p_program, 'blocked', p_reason, p_rule, p_details, p_actor, p_now);
END $$;

-- The periodic velocity check for one member (the same rule as on every write, without a write).
CREATE FUNCTION ledger_velocity_check(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  velocity jsonb := p->'rules'->'velocity';
  v_status text;
  moved record;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz);
  SELECT m.status INTO v_status FROM member_balances b JOIN members m ON m.id = b.member_id
   WHERE b.member_id = p_member AND b.program_id = a.program_id FOR UPDATE OF b;
  IF NOT FOUND OR v_status <> 'active' OR velocity IS NULL OR jsonb_typeof(velocity) <> 'object' THEN
    RETURN jsonb_build_object('blocked', false);
  END IF;
  SELECT * INTO moved FROM pl_moved_since(p_member, ARRAY['earn', 'bonus', 'redeem', 'hold', 'convert'],
                                          a.now - make_interval(mins => (velocity->>'window_minutes')::int));
  RETURN jsonb_build_object('blocked',
    pl_velocity_verdict(p_member, a.program_id, velocity, moved.n, moved.points, 'sweep', a.now) IS NOT NULL);
END $$;
