-- Records a milestone; true when it is new (the caller then acts on it), false when it already fired.
CREATE FUNCTION pl_milestone(p_member text, p_program text, p_kind text, p_key text, p_now timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_milestones (member_id, kind, key, program_id, created_at)
  VALUES (p_member, p_kind, p_key, p_program, p_now) ON CONFLICT DO NOTHING;
  RETURN FOUND;
END $$;
