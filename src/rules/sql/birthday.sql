-- Birthdays: announced once per year, days ahead, in the program's calendar.

-- A birth date's anniversary in a year; 29 February falls on 28 February in common years.
CREATE FUNCTION pl_birthday_in(p_birth date, p_year int) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN extract(month FROM p_birth) = 2 AND extract(day FROM p_birth) = 29
               AND NOT (p_year % 4 = 0 AND (p_year % 100 <> 0 OR p_year % 400 = 0))
              THEN make_date(p_year, 2, 28)
              ELSE make_date(p_year, extract(month FROM p_birth)::int, extract(day FROM p_birth)::int) END
$$;

-- The next anniversary on or after a date.
CREATE FUNCTION pl_next_birthday(p_birth date, p_today date) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN pl_birthday_in(p_birth, extract(year FROM p_today)::int) >= p_today
              THEN pl_birthday_in(p_birth, extract(year FROM p_today)::int)
              ELSE pl_birthday_in(p_birth, extract(year FROM p_today)::int + 1) END
$$;

-- member.birthday_upcoming once per birthday, from `days_before` local days before it; with it, one code of each
-- birthday promotion the job passed in `codes` ({code, promotion_id, window_days}), valid from the local midnight
-- window_days before the birthday until the local midnight ending the window_days-th day after it.
CREATE FUNCTION ledger_birthday(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_today date;
  v_birth date;
  v_next date;
  c record;
  v_codes int := 0;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, as_of timestamptz, now timestamptz, days_before int,
    offer_valid_days int, timezone text, codes jsonb);
  v_today := (a.as_of AT TIME ZONE (a.timezone))::date;
  SELECT m.birth_date INTO v_birth FROM members m
   WHERE m.id = p_member AND m.program_id = a.program_id AND m.status = 'active';
  IF v_birth IS NULL THEN RETURN jsonb_build_object('events', 0); END IF;
  v_next := pl_next_birthday(v_birth, v_today);
  IF v_next - v_today > a.days_before
     OR NOT pl_milestone(p_member, a.program_id, 'birthday', extract(year FROM v_next)::text, a.now) THEN
    RETURN jsonb_build_object('events', 0);
  END IF;
  PERFORM pl_emit(a.program_id, p_member, 'member.birthday_upcoming', NULL, a.as_of, a.now,
    jsonb_build_object('birth_date', v_birth::text, 'birthday', v_next::text, 'days_before', v_next - v_today,
                       'offer_valid_from', (v_next - a.days_before)::text,
                       'offer_valid_until', (v_next + a.offer_valid_days)::text));
  FOR c IN SELECT * FROM jsonb_to_recordset(coalesce(a.codes, '[]'::jsonb)) AS x(code text, promotion_id text,
                                                                                 window_days int) LOOP
    IF pl_issue_member_code(a.program_id, p_member, c.code, c.promotion_id,
                            (v_next - c.window_days)::timestamp AT TIME ZONE a.timezone,
                            (v_next + c.window_days + 1)::timestamp AT TIME ZONE a.timezone, a.as_of, a.now) THEN
      v_codes := v_codes + 1;
    END IF;
  END LOOP;
  RETURN jsonb_build_object('events', 1, 'codes_issued', v_codes);
END $$;
