-- Codes the birthday and win-back jobs issue (incentives.md presets "birthday" and "win-back"): member-bound, single
-- use, stored and announced in the same call that raises the job's notice, so a code exists exactly when its
-- notice does and a re-run (which raises nothing: the milestone guards it) issues nothing twice.

-- One code of a promotion for the member, with promo_code.issued in the payload shape a purchase's issue_code uses
-- (pl_promotions_record), issued_by_purchase null. The job minted the code; a promotion no longer active by now gets
-- none. A code already taken rolls the whole call back (its notice and milestone too) with the signal
-- code_collision: the job mints new codes and calls again. Returns whether it issued the code.
CREATE FUNCTION pl_issue_member_code(p_program text, p_member text, p_code text, p_promotion text,
                                     p_valid_from timestamptz, p_valid_until timestamptz, p_occurred timestamptz,
                                     p_now timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM promotions WHERE program_id = p_program AND id = p_promotion AND status = 'active') THEN
    RETURN false;
  END IF;
  INSERT INTO promo_codes (code, program_id, promotion_id, member_id, max_uses, valid_from, valid_until,
                           issued_by_purchase, created_at)
  VALUES (p_code, p_program, p_promotion, p_member, 1, p_valid_from, p_valid_until, NULL, p_now)
  ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    PERFORM pl_promotion_retry('code_collision', jsonb_build_object('code', p_code));
  END IF;
  PERFORM pl_emit(p_program, p_member, 'promo_code.issued', NULL, p_occurred, p_now, jsonb_build_object(
    'code', p_code, 'promotion_id', p_promotion, 'member_id', p_member, 'max_uses', 1,
    'valid_from', pl_ts(p_valid_from), 'valid_until', pl_ts(p_valid_until), 'issued_by_purchase', NULL));
  RETURN true;
END $$;
