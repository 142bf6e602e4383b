-- Warns once per member and local expiry date, `warning_hours` before the first lot of that date expires.
CREATE FUNCTION ledger_expiry_warning(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_window interval := make_interval(hours => (p->>'warning_hours')::int);
  d record;
  warned int := 0;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, as_of timestamptz, now timestamptz, timezone text,
    warning_hours int);
  IF pl_job_member(p_member, a.program_id, a.as_of, a.now, pl_renewal_hours(p)) IS NULL THEN
    RETURN jsonb_build_object('error', 'member_not_found');
  END IF;
  FOR d IN
    SELECT (expires_at AT TIME ZONE a.timezone)::date AS day, min(expires_at) AS first_at, sum(remaining)::bigint AS points
      FROM lots
     WHERE member_id = p_member AND matured AND remaining > 0 AND expires_at > a.as_of
     GROUP BY 1
    HAVING min(expires_at) <= a.as_of + v_window
     ORDER BY 1
  LOOP
    CONTINUE WHEN NOT pl_milestone(p_member, a.program_id, 'expiry_warning', d.day::text, a.now);
    PERFORM pl_emit(a.program_id, p_member, 'points.expiring', NULL, d.first_at - v_window, a.now,
      jsonb_build_object('expires_on', d.day::text, 'first_expires_at', pl_ts(d.first_at), 'points', d.points,
                         'warning_hours', a.warning_hours));
    warned := warned + 1;
  END LOOP;
  RETURN jsonb_build_object('events', warned);
END $$;
