-- Member and tier changes publish their events from triggers, whoever makes the change (the API, a rule).

-- A member as the API shows it (src/schemas/member.ts MemberSchema), from the row as jsonb: on a Citus worker a
-- trigger's NEW is a row of the shard (members_102008), not of members.
CREATE FUNCTION pl_member_json(p_row jsonb) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', m.id, 'loyalty_id', m.loyalty_id, 'external_ref', m.external_ref, 'status', m.status,
    'status_reason', m.status_reason, 'name', m.name, 'phone', m.phone, 'email', m.email,
    'birth_date', to_char(m.birth_date, 'YYYY-MM-DD'), 'gender', m.gender, 'branch', m.branch,
    'source', m.source, 'referral_code', m.referral_code, 'attributes', m.attributes, 'consents', m.consents,
    'created_at', pl_ts(m.created_at), 'updated_at', pl_ts(m.updated_at))
    FROM jsonb_populate_record(NULL::members, p_row) m
$$;

-- Enrollment, profile changes and status changes publish themselves, whoever makes them (the API, a rule). A
-- pending member becoming active is a verification (POST /v1/members/{id}/verify, or an admin's PATCH).
CREATE FUNCTION pl_member_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_type text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_type := 'member.enrolled';
  ELSIF NEW IS NOT DISTINCT FROM OLD THEN
    RETURN NULL;
  ELSIF NEW.status = 'blocked' AND OLD.status <> 'blocked' THEN
    v_type := 'member.blocked';
  ELSIF OLD.status = 'blocked' AND NEW.status = 'active' THEN
    v_type := 'member.unblocked';
  ELSIF OLD.status = 'pending' AND NEW.status = 'active' THEN
    v_type := 'member.verified';
  ELSE
    v_type := 'member.updated';
  END IF;
  PERFORM pl_emit(NEW.program_id, NEW.id, v_type, NULL, NEW.updated_at, NEW.updated_at,
                  jsonb_build_object('member', pl_member_json(to_jsonb(NEW)))
                  || CASE WHEN TG_OP = 'UPDATE' AND NEW.status <> OLD.status
                          THEN jsonb_build_object('previous_status', OLD.status) ELSE '{}'::jsonb END);
  RETURN NULL;
END $$;

CREATE TRIGGER members_events AFTER INSERT OR UPDATE ON members FOR EACH ROW EXECUTE FUNCTION pl_member_event();

CREATE FUNCTION pl_tier_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pl_emit(NEW.program_id, NEW.member_id, 'tier.changed', NULL, NEW.occurred_at, NEW.recorded_at,
    jsonb_build_object('tier_change', jsonb_build_object('id', NEW.id, 'from', NEW.from_tier, 'to', NEW.to_tier,
      'direction', NEW.direction, 'qualifying_points', NEW.qualifying_points, 'cause', NEW.cause,
      'occurred_at', pl_ts(NEW.occurred_at))));
  RETURN NULL;
END $$;

CREATE TRIGGER tier_changes_events AFTER INSERT ON tier_changes FOR EACH ROW EXECUTE FUNCTION pl_tier_event();
