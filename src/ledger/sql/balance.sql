-- The member's balance row: created at enrollment, shown by reads and writes.

-- Every member has a balance row from enrollment on: it is the row writes lock to serialise per member.
CREATE FUNCTION pl_create_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_balances (member_id, program_id) VALUES (NEW.id, NEW.program_id);
  RETURN NEW;
END $$;

CREATE TRIGGER members_create_balance AFTER INSERT ON members FOR EACH ROW EXECUTE FUNCTION pl_create_balance();

-- The member's balance as the API shows it, including points expiring in the next 30 days by local date.
-- p is the request: it carries the program's time zone (and whatever later rules need to describe the balance).
CREATE FUNCTION pl_balance_json(p_member text, p_now timestamptz, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  result jsonb;
BEGIN
  SELECT jsonb_build_object(
    'member_id', b.member_id,
    'available', b.available,
    'pending', b.pending,
    'held', b.held,
    'debt', b.debt,
    'lifetime', jsonb_build_object('earned', b.lifetime_earned, 'redeemed', b.lifetime_redeemed,
                                   'expired', b.lifetime_expired),
    'expiring', coalesce((
      SELECT jsonb_agg(jsonb_build_object('date', d, 'points', pts) ORDER BY d)
        FROM (SELECT to_char(expires_at AT TIME ZONE (p->>'timezone'), 'YYYY-MM-DD') AS d, sum(remaining) AS pts
                FROM lots
               WHERE member_id = p_member AND matured AND remaining > 0
                 AND expires_at > p_now AND expires_at <= p_now + interval '30 days'
               GROUP BY 1) e), '[]'::jsonb),
    'version', b.version)
    INTO result
    FROM member_balances b WHERE b.member_id = p_member;
  RETURN result || pl_balance_extra(p_member, p_now, p);
END $$;

-- Reads settle what is due first (rarely anything), so a balance never shows points that have expired.
CREATE FUNCTION ledger_balance(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_due timestamptz;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, api_key_id text);
  IF p ? 'api_key_id' AND NOT EXISTS (SELECT 1 FROM api_keys WHERE id = a.api_key_id AND revoked_at IS NULL) THEN
    RETURN jsonb_build_object('error', 'unauthenticated');
  END IF;
  SELECT next_due_at INTO v_due FROM member_balances WHERE member_id = p_member AND program_id = a.program_id;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'member_not_found', 'member_id', p_member); END IF;
  IF v_due <= a.now THEN
    PERFORM 1 FROM member_balances WHERE member_id = p_member FOR UPDATE;
    PERFORM pl_settle(p_member, a.program_id, a.now, a.now, p_renewal_hours => pl_renewal_hours(p));
  END IF;
  RETURN pl_balance_json(p_member, a.now, p);
END $$;
