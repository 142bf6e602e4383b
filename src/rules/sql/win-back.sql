-- Win-back: member.inactive at each milestone without a purchase (from the last purchase, or enrollment); only the
-- furthest milestone reached is announced, earlier ones passed over count as fired. The last one marks the member
-- lost until their next purchase. With a notice other than the lost one, the code the job passed in `codes`
-- ({milestone, code, promotion_id}) for that milestone, if any, valid `code_valid_days` days from as_of.
CREATE FUNCTION ledger_win_back(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_anchor timestamptz;
  v_reached jsonb;
  v_reached_at timestamptz;
  v_new boolean := false;
  v_lost boolean;
  milestone jsonb;
  v_at timestamptz;
  c record;
  v_codes int := 0;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, as_of timestamptz, now timestamptz, timezone text,
    codes jsonb, code_valid_days int);
  IF pl_job_member(p_member, a.program_id, a.as_of, a.now, pl_renewal_hours(p)) IS DISTINCT FROM 'active' THEN
    RETURN jsonb_build_object('events', 0);
  END IF;
  SELECT coalesce(b.last_purchase_at, m.created_at) INTO v_anchor
    FROM member_balances b JOIN members m ON m.id = b.member_id WHERE b.member_id = p_member;
  -- Milestones are {key, days} or {key, months} (calendar months in the program's time zone), in increasing order.
  FOR milestone IN SELECT value FROM jsonb_array_elements(p->'milestones') LOOP
    v_at := CASE WHEN milestone ? 'months'
                 THEN ((v_anchor AT TIME ZONE a.timezone) + make_interval(months => (milestone->>'months')::int)) AT TIME ZONE a.timezone
                 ELSE v_anchor + make_interval(days => (milestone->>'days')::int) END;
    EXIT WHEN v_at > a.as_of;
    v_new := pl_milestone(p_member, a.program_id, 'win_back', pl_ts(v_anchor) || '/' || (milestone->>'key'), a.now);
    v_reached := milestone;
    v_reached_at := v_at;
  END LOOP;
  IF NOT v_new THEN RETURN jsonb_build_object('events', 0); END IF;
  v_lost := coalesce((v_reached->>'lost')::boolean, false);
  IF v_lost THEN
    UPDATE member_balances SET lost_at = v_reached_at WHERE member_id = p_member;
  END IF;
  PERFORM pl_emit(a.program_id, p_member, 'member.inactive', NULL, v_reached_at, a.now,
    jsonb_build_object('milestone', v_reached->>'key', 'inactive_since', pl_ts(v_anchor), 'lost', v_lost));
  IF NOT v_lost THEN
    -- Only the milestone announced: one passed over on the way (a late first run) was never announced either.
    FOR c IN SELECT * FROM jsonb_to_recordset(coalesce(a.codes, '[]'::jsonb)) AS x(milestone text, code text,
                                                                                   promotion_id text)
              WHERE x.milestone = v_reached->>'key' LOOP
      IF pl_issue_member_code(a.program_id, p_member, c.code, c.promotion_id, a.as_of,
                              a.as_of + make_interval(days => a.code_valid_days), v_reached_at, a.now) THEN
        v_codes := v_codes + 1;
      END IF;
    END LOOP;
  END IF;
  RETURN jsonb_build_object('events', 1, 'lost', v_lost, 'codes_issued', v_codes);
END $$;
