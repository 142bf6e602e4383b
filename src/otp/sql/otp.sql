-- Issuing a one-time password publishes it (src/otp/otp.ts): the row comes with the event that carries the code in
-- `announcement`, emitted here and blanked before the row is stored, so the code never rests in the table. Emitted
-- from a trigger, like the member's own events, so that on Citus it is written on the member's worker and takes its
-- place after them in the feed (an event inserted from the coordinator would be numbered there, ahead of them).
CREATE FUNCTION pl_otp_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.announcement IS NOT NULL THEN
    PERFORM pl_emit(NEW.program_id, NEW.member_id, NEW.announcement->>'type', NULL, NEW.issued_at, NEW.issued_at,
                    NEW.announcement->'data');
    NEW.announcement := NULL;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER one_time_passwords_announce BEFORE INSERT OR UPDATE ON one_time_passwords FOR EACH ROW EXECUTE FUNCTION pl_otp_announce();
