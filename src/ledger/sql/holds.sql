-- Holds: points reserved at the till, then captured, voided or expired.

CREATE FUNCTION pl_hold_json(p_member text, p_hold text) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  result jsonb;
BEGIN
  SELECT jsonb_build_object('id', id, 'member_id', member_id, 'points', points, 'captured', captured,
                            'status', status, 'expires_at', pl_ts(expires_at), 'created_at', pl_ts(created_at),
                            'closed_at', CASE WHEN closed_at IS NULL THEN NULL ELSE pl_ts(closed_at) END)
    INTO result FROM holds WHERE member_id = p_member AND id = p_hold;
  RETURN result;
END $$;

-- Releases an active hold back to the lots it drew from (void or expiry). Returns the transaction.
CREATE FUNCTION pl_release_hold(p_member text, p_program text, p_hold_id text, p_type text, p_txn text,
                                p_occurred timestamptz, p_now timestamptz, p_key text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  h holds%ROWTYPE;
  v_txn jsonb;
BEGIN
  SELECT * INTO h FROM holds WHERE member_id = p_member AND id = p_hold_id;
  PERFORM pl_give_back(p_member, p_program, p_txn, h.txn_id, h.points);
  v_txn := pl_record(p_member, p_program, p_txn, p_type, h.points, NULL, h.id, p_key, NULL, p_occurred, p_now,
                     jsonb_build_object('hold_id', h.id),
                     ARRAY['held', 'available'], ARRAY[-h.points, h.points]);
  -- A searched CASE: Citus deparses a simple one (CASE x WHEN ...) wrongly when it ships the statement to a shard.
  UPDATE holds SET status = CASE WHEN p_type = 'void' THEN 'voided' ELSE 'expired' END, closed_at = p_now
   WHERE member_id = p_member AND id = p_hold_id;
  RETURN v_txn;
END $$;

CREATE FUNCTION ledger_hold(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_result jsonb;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, points bigint,
    expires_at timestamptz, txn_id text, hold_id text, idempotency_key text, reason text, store_id text, action text);
  v_result := pl_begin_spend(p, p_member, a.txn_id, a.points);
  IF v_result IS NOT NULL THEN RETURN v_result; END IF;

  v_txn_json := pl_record(p_member, a.program_id, a.txn_id, 'hold', a.points, a.hold_id, NULL, a.idempotency_key, NULL, a.now, a.now,
                    jsonb_build_object('reason', a.reason, 'store_id', a.store_id, 'expires_at', p->>'expires_at'),
                    ARRAY['available', 'held'], ARRAY[-a.points, a.points], a.expires_at, 0, 0, a.now);
  INSERT INTO holds (member_id, id, program_id, txn_id, points, status, reason, store_id, expires_at, created_at)
  VALUES (p_member, a.hold_id, a.program_id, a.txn_id, a.points, 'active', a.reason, a.store_id, a.expires_at, a.now);

  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'hold', pl_hold_json(p_member, a.hold_id),
    'balance', pl_balance_json(p_member, a.now, p)));
END $$;

-- Capture (all or part) or void an active hold. a.action is 'capture' or 'void'.
-- p_member: the hold's member, looked up by the service (src/ledger/owners.ts).
CREATE FUNCTION ledger_close_hold(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  lk record;
  v_member text;
  h holds%ROWTYPE;
  v_capture bigint;
  v_rest bigint;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, action text, txn_id text,
    points bigint, hold_id text, idempotency_key text);
  SELECT member_id INTO v_member FROM holds WHERE member_id = p_member AND program_id = a.program_id AND id = a.hold_id;
  -- Settling (in pl_begin) turns a hold past its expiry into an expired one, so it can no longer be captured.
  SELECT * INTO lk FROM pl_begin(p, v_member, a.action = 'capture',
                                  jsonb_build_object('error', 'hold_not_found', 'hold_id', a.hold_id));
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT * INTO h FROM holds WHERE member_id = v_member AND id = a.hold_id;
  IF h.status <> 'active' THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'hold_' || h.status,
                     'hold_id', h.id, 'hold_status', h.status));
  END IF;

  IF a.action = 'void' THEN
    v_txn_json := pl_release_hold(v_member, a.program_id, h.id, 'void', a.txn_id, a.now, a.now, a.idempotency_key);
  ELSE
    v_capture := coalesce(a.points, h.points);
    IF v_capture > h.points THEN
      RETURN pl_finish(p, p_member, jsonb_build_object('error', 'capture_exceeds_hold',
                       'held', h.points, 'requested', v_capture));
    END IF;
    v_rest := h.points - v_capture;
    -- The uncaptured rest goes back to the lots drawn last (latest expiry), so the capture keeps the soonest.
    PERFORM pl_give_back(v_member, a.program_id, a.txn_id, h.txn_id, v_rest);
    v_txn_json := pl_record(v_member, a.program_id, a.txn_id, 'capture', v_capture, NULL, h.id, a.idempotency_key, NULL, a.now, a.now,
                      jsonb_build_object('hold_id', h.id, 'released', v_rest),
                      ARRAY['held', 'redeemed', 'available'], ARRAY[-h.points, v_capture, v_rest], NULL, 0, 0, a.now);
    UPDATE holds SET status = 'captured', captured = v_capture, closed_at = a.now
     WHERE member_id = v_member AND id = h.id;
  END IF;
  PERFORM pl_settle(v_member, a.program_id, a.now, a.now, false, false, true, pl_renewal_hours(p));
  PERFORM pl_pay_debt(v_member, a.program_id, a.now);

  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'hold', pl_hold_json(v_member, h.id),
    'balance', pl_balance_json(v_member, a.now, p)));
END $$;
