-- Partner transfers: points brought in from another platform, credited with the program's bonus, once per
-- (program, partner, external_id).

-- The transfer is recorded once per partner id (partner_transfers, distributed by that id on Citus, so the service
-- calls this in a transaction block there: src/ledger/ledger.ts partnerTransfer). The member's lock comes first, so
-- repeats for one member queue on it and each then finds the first one's row; a repeat for another member that races
-- the first waits on the key's index, fails, and is retried by the service (sql-call.ts RACED_KEYS) to find the row.
-- A repeat with the same member and points gets the first answer back, replayed, even if the member was blocked
-- since; with another member or other points it is refused (partner_transfer_mismatch), naming the first transfer.
CREATE FUNCTION ledger_partner_transfer(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  lk record;
  v_first record;
  v_status text;
  v_credited bigint;
  v_txn_json jsonb;
  v_result jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, transfer_id text, txn_id text,
    lot_id text, partner text, external_id text, points bigint, bonus bigint, bonus_percent integer,
    expires_at timestamptz, idempotency_key text);
  SELECT * INTO lk FROM pl_begin(p, p_member, false);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT member_id, points, id, response INTO v_first FROM partner_transfers
   WHERE external_id = a.external_id AND partner = a.partner AND program_id = a.program_id;
  IF FOUND THEN
    IF v_first.member_id = p_member AND v_first.points = a.points THEN
      RETURN pl_finish(p, p_member, v_first.response) || jsonb_build_object('replayed', true);
    END IF;
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'partner_transfer_mismatch', 'partner', a.partner,
                                                     'external_id', a.external_id, 'partner_transfer_id', v_first.id));
  END IF;

  -- Refused like a purchase (pl_begin's spending check, pl_refuses_spending), but only after the replay
  -- above: a transfer already recorded is answered again even if the member was blocked since.
  SELECT status INTO v_status FROM members WHERE id = p_member;
  IF pl_refuses_spending(v_status) THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'member_' || v_status, 'member_id', p_member));
  END IF;

  -- Spendable at once: no return window applies to points another platform already granted.
  v_credited := a.points + a.bonus;
  v_txn_json := pl_credit(p_member, a.program_id, a.txn_id, 'partner_transfer', v_credited, NULL, a.lot_id, 'partner',
                          a.now, a.expires_at, a.now, a.now,
                          jsonb_build_object('partner', a.partner, 'external_id', a.external_id, 'points', a.points,
                                             'bonus', a.bonus, 'bonus_percent', a.bonus_percent),
                          'issued', a.transfer_id, a.idempotency_key);
  v_result := jsonb_build_object(
    'transaction', v_txn_json,
    'partner_transfer', jsonb_build_object('id', a.transfer_id, 'member_id', p_member, 'partner', a.partner,
                                           'external_id', a.external_id, 'points', a.points, 'bonus', a.bonus,
                                           'credited', v_credited, 'lot_id', v_txn_json->'data'->>'lot_id',
                                           'occurred_at', pl_ts(a.now)),
    'balance', pl_balance_json(p_member, a.now, p));
  INSERT INTO partner_transfers (external_id, partner, program_id, id, member_id, points, bonus, txn_id, response, created_at)
  VALUES (a.external_id, a.partner, a.program_id, a.transfer_id, p_member, a.points, a.bonus, a.txn_id, v_result, a.now);
  RETURN pl_finish(p, p_member, v_result);
END $$;
