-- Records one transaction: applies the member-account deltas to the balance row (its CHECKs refuse a negative
-- balance), bumps the version, writes the transaction, its non-zero entries and its event (with the balance after
-- it), and returns the transaction as the API shows it. p_due is a new instant something falls due (a lot or hold
-- created), kept in next_due_at. Entries are computed once from the postings and shared by the insert, the result
-- and the event. The caller holds the member's balance row lock (pl_begin).
CREATE FUNCTION pl_record(
  p_member text, p_program text, p_txn text, p_type text, p_points bigint,
  p_resource text, p_ref text, p_key text, p_external_ref text,
  p_occurred timestamptz, p_now timestamptz, p_data jsonb,
  p_accounts text[], p_amounts bigint[],
  p_due timestamptz DEFAULT NULL, p_purchases int DEFAULT 0, p_returns int DEFAULT 0, p_activity timestamptz DEFAULT NULL
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_txn jsonb; v_entries jsonb; v_event_type text; e record;
  v_version bigint; v_available bigint; v_pending bigint; v_held bigint; v_debt bigint;
  d_available bigint := 0; d_pending bigint := 0; d_held bigint := 0; d_debt bigint := 0;
  d_earned bigint := 0; d_redeemed bigint := 0; d_expired bigint := 0; total bigint := 0;
BEGIN
  FOR i IN 1..coalesce(array_length(p_accounts, 1), 0) LOOP
    total := total + p_amounts[i];
    CASE p_accounts[i]
      WHEN 'available' THEN d_available := d_available + p_amounts[i];
      WHEN 'pending' THEN d_pending := d_pending + p_amounts[i];
      WHEN 'held' THEN d_held := d_held + p_amounts[i];
      WHEN 'debt' THEN d_debt := d_debt + p_amounts[i];
      WHEN 'issued' THEN d_earned := d_earned - p_amounts[i];
      WHEN 'redeemed' THEN d_redeemed := d_redeemed + p_amounts[i];
      WHEN 'expired' THEN d_expired := d_expired + p_amounts[i];
      ELSE NULL;
    END CASE;
  END LOOP;
  IF total <> 0 THEN
    RAISE EXCEPTION 'unbalanced % transaction: entries sum to %', p_type, total;
  END IF;

  -- Plain statements, each on the member's shard: on Citus an INSERT ... SELECT from data-modifying CTEs is planned
  -- with intermediate results sent to every node and committed with two-phase commit on all of them.
  UPDATE member_balances
     SET available = available + d_available, pending = pending + d_pending, held = held + d_held, debt = debt - d_debt,
         lifetime_earned = lifetime_earned + d_earned, lifetime_redeemed = lifetime_redeemed + d_redeemed,
         lifetime_expired = lifetime_expired + d_expired, purchase_count = purchase_count + p_purchases,
         return_count = return_count + p_returns, next_due_at = least(next_due_at, p_due),
         last_activity_at = greatest(last_activity_at, p_activity),
         last_purchase_at = CASE WHEN p_purchases > 0 THEN greatest(last_purchase_at, p_activity) ELSE last_purchase_at END,
         lost_at = CASE WHEN p_purchases > 0 THEN NULL ELSE lost_at END,
         version = version + 1, updated_at = p_now
   WHERE member_id = p_member
  RETURNING version, available, pending, held, debt INTO v_version, v_available, v_pending, v_held, v_debt;
  INSERT INTO ledger_transactions (member_id, id, program_id, type, points, resource_id, ref_id, idempotency_key,
                                   external_ref, occurred_at, recorded_at, version, data)
  VALUES (p_member, p_txn, p_program, p_type, p_points, p_resource, p_ref, p_key,
          p_external_ref, p_occurred, p_now, v_version, coalesce(p_data, '{}'::jsonb));
  v_entries := '[]'::jsonb;
  FOR e IN SELECT a.account, sum(a.amount)::bigint AS amount FROM unnest(p_accounts, p_amounts) AS a(account, amount)
            GROUP BY a.account HAVING sum(a.amount) <> 0 ORDER BY a.account LOOP
    INSERT INTO ledger_entries (member_id, txn_id, account, program_id, amount, occurred_at)
    VALUES (p_member, p_txn, e.account, p_program, e.amount, p_occurred);
    v_entries := v_entries || jsonb_build_array(jsonb_build_object('account', e.account, 'amount', e.amount));
  END LOOP;
  v_txn := jsonb_build_object('id', p_txn, 'type', p_type, 'points', p_points, 'member_id', p_member,
             'resource_id', p_resource, 'ref_id', p_ref, 'external_ref', p_external_ref,
             'occurred_at', pl_ts(p_occurred), 'recorded_at', pl_ts(p_now), 'version', v_version,
             'data', coalesce(p_data, '{}'::jsonb), 'entries', v_entries);
  v_event_type := pl_event_type(p_type);
  INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data)
  VALUES (p_program, 'evt_' || substr(p_txn, 5), v_event_type, p_member, p_occurred, p_now,
          jsonb_build_object('transaction', v_txn, 'balance', jsonb_build_object('available', v_available, 'pending', v_pending,
                             'held', v_held, 'debt', v_debt, 'version', v_version)));
  RETURN v_txn;
END $$;
