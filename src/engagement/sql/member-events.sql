-- Custom member events (engagement.md "Journeys"): what the integrator tells us a member did, recorded in the
-- member's own transaction with its outbox event, so a journey triggered by member.custom_event never sees an event
-- that was not stored, nor misses one that was.

-- p: the write envelope, event_id, type, data, occurred_at. A member who may not transact (pending, blocked,
-- deactivated) is refused like a purchase (pl_begin's p_spending): a journey must not start on them.
CREATE FUNCTION ledger_member_event(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  lk record;
  v_event jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, occurred_at timestamptz,
    event_id text, type text);
  SELECT * INTO lk FROM pl_begin(p, p_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  INSERT INTO member_events (member_id, id, program_id, type, data, occurred_at, recorded_at)
  VALUES (p_member, a.event_id, a.program_id, a.type, coalesce(p->'data', '{}'::jsonb), a.occurred_at, a.now);
  v_event := jsonb_build_object('id', a.event_id, 'member_id', p_member, 'type', a.type,
                                'data', coalesce(p->'data', '{}'::jsonb),
                                'occurred_at', pl_ts(a.occurred_at), 'recorded_at', pl_ts(a.now));
  PERFORM pl_emit(a.program_id, p_member, 'member.custom_event', NULL, a.occurred_at, a.now,
                  jsonb_build_object('event', v_event));
  RETURN pl_finish(p, p_member, jsonb_build_object('event', v_event));
END $$;
