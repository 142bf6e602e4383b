-- Expiry warnings: once per member and local expiry date.

-- Warns once per member and local expiry date, `warning_hours` before the first lot of that date expires.
CREATE FUNCTION ledger_expiry_warning(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_as_of timestamptz := (p->>'as_of')::timestamptz;
  v_now timestamptz := (p->>'now')::timestamptz;
  v_tz text := p->>'timezone';
  v_window interval := make_interval(hours => (p->>'warning_hours')::int);
  d record;
  warned int := 0;
BEGIN
  IF pl_job_member(p_member, v_program, v_as_of, v_now) IS NULL THEN
    RETURN jsonb_build_object('error', 'member_not_found');
  END IF;
  FOR d IN
    SELECT (expires_at AT TIME ZONE v_tz)::date AS day, min(expires_at) AS first_at, sum(remaining)::bigint AS points
      FROM lots
     WHERE member_id = p_member AND matured AND remaining > 0 AND expires_at > v_as_of
     GROUP BY 1
    HAVING min(expires_at) <= v_as_of + v_window
     ORDER BY 1
  LOOP
    CONTINUE WHEN NOT pl_milestone(p_member, v_program, 'expiry_warning', d.day::text, v_now);
    PERFORM pl_emit(v_program, p_member, 'points.expiring', NULL, d.first_at - v_window, v_now,
      jsonb_build_object('expires_on', d.day::text, 'first_expires_at', pl_ts(d.first_at), 'points', d.points,
                         'warning_hours', (p->>'warning_hours')::int));
    warned := warned + 1;
  END LOOP;
  RETURN jsonb_build_object('events', warned);
END $$;
