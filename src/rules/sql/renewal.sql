-- Restores points that expired within the renewal window, once per expiry. Renewed points get a new lot with a
-- fresh validity; they cannot be renewed again.
CREATE FUNCTION ledger_renew(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_window interval := make_interval(hours => (p->>'window_hours')::int);
  lk record;
  v_points bigint;
  v_expired text[];
  v_last timestamptz;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, txn_id text, expires_at timestamptz,
    lot_id text, renewal_id text, idempotency_key text);
  SELECT * INTO lk FROM pl_begin(p, p_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT coalesce(sum(t.points), 0)::bigint, array_agg(t.id ORDER BY t.occurred_at, t.id)
    INTO v_points, v_expired
    FROM ledger_transactions t JOIN lots l ON l.member_id = t.member_id AND l.id = t.ref_id
   WHERE t.member_id = p_member AND t.type = 'expire' AND l.source <> 'renew'
     AND t.occurred_at > a.now - v_window AND t.occurred_at <= a.now
     AND NOT EXISTS (SELECT 1 FROM lot_renewals r WHERE r.member_id = t.member_id AND r.expire_txn_id = t.id);
  IF v_points = 0 THEN
    SELECT max(t.occurred_at) INTO v_last
      FROM ledger_transactions t JOIN lots l ON l.member_id = t.member_id AND l.id = t.ref_id
     WHERE t.member_id = p_member AND t.type = 'expire' AND l.source <> 'renew' AND t.occurred_at <= a.now;
    RETURN pl_finish(p, p_member, CASE
      WHEN v_last IS NULL THEN jsonb_build_object('error', 'nothing_to_renew', 'member_id', p_member)
      WHEN v_last > a.now - v_window THEN jsonb_build_object('error', 'already_renewed', 'member_id', p_member,
                                                             'expired_at', pl_ts(v_last))
      ELSE jsonb_build_object('error', 'renewal_window_closed', 'member_id', p_member, 'expired_at', pl_ts(v_last),
                              'window_closed_at', pl_ts(v_last + v_window)) END);
  END IF;

  v_txn_json := pl_credit(p_member, a.program_id, a.txn_id, 'renew', v_points, NULL, a.lot_id, 'renew', a.now,
                          a.expires_at, a.now, a.now,
                          jsonb_build_object('expire_transaction_ids', to_jsonb(v_expired)),
                          'expired', a.renewal_id, a.idempotency_key, NULL, 0, a.now);
  -- t.member_id, not p_member, as the distribution column written: then Citus sees the rows stay in their shard and
  -- runs the INSERT ... SELECT there, instead of collecting the rows and sending them back.
  INSERT INTO lot_renewals (member_id, expire_txn_id, program_id, renewal_txn_id, points, created_at)
  SELECT t.member_id, t.id, a.program_id, a.txn_id, t.points, a.now
    FROM ledger_transactions t WHERE t.member_id = p_member AND t.id = ANY (v_expired);

  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'renewal', jsonb_build_object('id', a.renewal_id, 'member_id', p_member, 'points', v_points,
                                  'expire_transaction_ids', to_jsonb(v_expired), 'lot_id', v_txn_json->'data'->'lot_id',
                                  'expires_at', pl_ts(a.expires_at), 'created_at', pl_ts(a.now)),
    'balance', pl_balance_json(p_member, a.now, p)));
END $$;
