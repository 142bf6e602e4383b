-- Spending points: draws from lots soonest expiry first, gives back to the lots drawn last, redemptions and
-- their reversals.

-- Draws up to p_points from the member's spendable lots, soonest expiry first, recording each allocation.
-- A lot expiring at or before p_now is never spent. Returns the points drawn.
CREATE FUNCTION pl_draw(p_member text, p_program text, p_txn text, p_ref_txn text, p_points bigint,
                        p_now timestamptz, p_exclude_lot text DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  left_to_draw bigint := p_points;
  take bigint;
  lot record;
BEGIN
  IF p_points <= 0 THEN RETURN 0; END IF;
  FOR lot IN
    SELECT id, remaining FROM lots
     WHERE member_id = p_member AND matured AND remaining > 0 AND expires_at > p_now
       AND id IS DISTINCT FROM p_exclude_lot
     ORDER BY expires_at, id
  LOOP
    take := least(lot.remaining, left_to_draw);
    UPDATE lots SET remaining = remaining - take WHERE member_id = p_member AND id = lot.id;
    INSERT INTO lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, points)
    VALUES (p_member, p_txn, lot.id, p_ref_txn, p_program, -take);
    left_to_draw := left_to_draw - take;
    EXIT WHEN left_to_draw = 0;
  END LOOP;
  RETURN p_points - left_to_draw;
END $$;

-- Gives back up to p_points of what p_ref_txn drew, to the lots it drew from, latest expiry first (the points
-- drawn last). Lots keep their original expiry. Returns the points given back.
CREATE FUNCTION pl_give_back(p_member text, p_program text, p_txn text, p_ref_txn text, p_points bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  left_to_give bigint := p_points;
  give bigint;
  soonest timestamptz;
  drawn record;
BEGIN
  IF p_points <= 0 THEN RETURN 0; END IF;
  FOR drawn IN
    SELECT a.lot_id, l.expires_at, -sum(a.points) AS outstanding
      FROM lot_allocations a JOIN lots l ON l.member_id = a.member_id AND l.id = a.lot_id
     WHERE a.member_id = p_member AND a.ref_txn_id = p_ref_txn
     GROUP BY a.lot_id, l.expires_at
    HAVING sum(a.points) < 0
     ORDER BY l.expires_at DESC, a.lot_id DESC
  LOOP
    give := least(drawn.outstanding, left_to_give);
    UPDATE lots SET remaining = remaining + give WHERE member_id = p_member AND id = drawn.lot_id;
    INSERT INTO lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, points)
    VALUES (p_member, p_txn, drawn.lot_id, p_ref_txn, p_program, give);
    soonest := least(soonest, drawn.expires_at);
    left_to_give := left_to_give - give;
    EXIT WHEN left_to_give = 0;
  END LOOP;
  -- The lots that got points back expire again in time.
  UPDATE member_balances SET next_due_at = least(next_due_at, soonest) WHERE member_id = p_member;
  RETURN p_points - left_to_give;
END $$;

-- Spending points: the balance, then the program's rules for p_kind (none for an admin debit), then the draw from
-- spendable lots, soonest expiry first. Returns a refusal, or NULL when the points are drawn for p_txn. The balance
-- comes first because the velocity rule counts the points asked for: only a spend that can commit may count, so a
-- mistyped amount far over the balance is refused without blocking the member.
CREATE FUNCTION pl_spend(p jsonb, p_member text, p_txn text, p_points bigint, p_available bigint, p_kind text)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := (p->>'now')::timestamptz;
  refusal jsonb;
BEGIN
  IF p_available < p_points THEN
    RETURN jsonb_build_object('error', 'insufficient_points', 'available', p_available, 'requested', p_points);
  END IF;
  IF p_kind IS NOT NULL THEN
    refusal := pl_guard(p_member, p->>'program_id', p_kind, p_points, v_now, p);
    IF refusal IS NOT NULL THEN RETURN refusal; END IF;
  END IF;
  IF pl_draw(p_member, p->>'program_id', p_txn, p_txn, p_points, v_now) <> p_points THEN
    RAISE EXCEPTION 'lots of member % do not cover the available balance', p_member;
  END IF;
  RETURN NULL;
END $$;

-- The start of a write that spends points (a redemption, a hold): pl_begin, then pl_spend. Returns what to answer
-- instead (a replay or a stored refusal), or NULL when the points are drawn for p_txn.
CREATE FUNCTION pl_begin_spend(p jsonb, p_member text, p_txn text, p_points bigint) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  lk record;
  refusal jsonb;
BEGIN
  SELECT * INTO lk FROM pl_begin(p, p_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;
  refusal := pl_spend(p, p_member, p_txn, p_points, lk.available, 'redeem');
  IF refusal IS NOT NULL THEN RETURN pl_finish(p, p_member, refusal); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION ledger_redeem(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_result jsonb;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, points bigint, txn_id text,
    redemption_id text, idempotency_key text, reason text, store_id text);
  v_result := pl_begin_spend(p, p_member, a.txn_id, a.points);
  IF v_result IS NOT NULL THEN RETURN v_result; END IF;

  v_txn_json := pl_record(p_member, a.program_id, a.txn_id, 'redeem', a.points, a.redemption_id, NULL, a.idempotency_key, NULL, a.now, a.now,
                    jsonb_build_object('reason', a.reason, 'store_id', a.store_id),
                    ARRAY['available', 'redeemed'], ARRAY[-a.points, a.points], NULL, 0, 0, a.now);

  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'redemption', jsonb_build_object('id', a.redemption_id, 'member_id', p_member, 'points', a.points,
                                     'reversed', 0, 'reason', a.reason, 'store_id', a.store_id,
                                     'created_at', p->>'now'),
    'balance', pl_balance_json(p_member, a.now, p)));
END $$;

-- p_member: the redemption's member, looked up by the service (src/ledger/owners.ts).
CREATE FUNCTION ledger_reverse(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  lk record;
  v_member text;
  v_redeem_txn text;
  v_reversible bigint;
  v_points bigint;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, txn_id text, reversal_id text,
    points bigint, redemption_id text, idempotency_key text, reason text);
  SELECT member_id, id INTO v_member, v_redeem_txn FROM ledger_transactions
   WHERE member_id = p_member AND program_id = a.program_id AND resource_id = a.redemption_id AND type = 'redeem';
  SELECT * INTO lk FROM pl_begin(p, v_member, false,
                                  jsonb_build_object('error', 'redemption_not_found', 'redemption_id', a.redemption_id));
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT coalesce(-sum(points), 0) INTO v_reversible FROM lot_allocations
   WHERE member_id = v_member AND ref_txn_id = v_redeem_txn;
  v_points := coalesce(a.points, v_reversible);
  IF v_reversible = 0 OR v_points > v_reversible THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'reversal_exceeds_redemption',
                     'reversible', v_reversible, 'requested', v_points));
  END IF;
  PERFORM pl_give_back(v_member, a.program_id, a.txn_id, v_redeem_txn, v_points);
  v_txn_json := pl_record(v_member, a.program_id, a.txn_id, 'reversal', v_points, a.reversal_id, a.redemption_id, a.idempotency_key,
                    NULL, a.now, a.now, jsonb_build_object('reason', a.reason, 'redemption_id', a.redemption_id),
                    ARRAY['redeemed', 'available'], ARRAY[-v_points, v_points]);
  -- Points given back to a lot that has expired in the meantime expire again at once.
  PERFORM pl_settle(v_member, a.program_id, a.now, a.now, false, false, true, pl_renewal_hours(p));
  PERFORM pl_pay_debt(v_member, a.program_id, a.now);

  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'reversal', jsonb_build_object('id', a.reversal_id, 'redemption_id', a.redemption_id, 'member_id', v_member,
                                   'points', v_points, 'remaining_reversible', v_reversible - v_points),
    'balance', pl_balance_json(v_member, a.now, p)));
END $$;
