-- Wallets: money per member and currency in the ledger (incentives.md "Wallets"). Credits become lots, debits draw
-- from lots soonest-expiring first (money that never expires last). Each movement is a ledger transaction of the
-- member, under the member's balance row lock (pl_begin), with its entries on per-currency accounts
-- (wallet_available:USD against wallet_issued:USD ...) and its event in the outbox.

-- The member's money in one currency as the API shows it: available, held, and what expires in the next 30 days by
-- local date (p carries the program's time zone). Zeros for a currency the member never held.
CREATE FUNCTION pl_wallet_json(p_member text, p_currency text, p_now timestamptz, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_available bigint;
  v_held bigint;
  v_expiring jsonb;
BEGIN
  -- Plain statements, each on the member's shard: on Citus a query that joins a constant to a distributed table, or
  -- calls a function that reads one per row, cannot be pushed down to the shard.
  SELECT available, held INTO v_available, v_held FROM wallet_balances WHERE member_id = p_member AND currency = p_currency;
  SELECT jsonb_agg(jsonb_build_object('date', d, 'amount', amount) ORDER BY d) INTO v_expiring
    FROM (SELECT to_char(expires_at AT TIME ZONE (p->>'timezone'), 'YYYY-MM-DD') AS d, sum(remaining) AS amount
            FROM wallet_lots
           WHERE member_id = p_member AND currency = p_currency AND remaining > 0
             AND expires_at > p_now AND expires_at <= p_now + interval '30 days'
           GROUP BY 1) e;
  RETURN jsonb_build_object('currency', p_currency, 'available', coalesce(v_available, 0), 'held', coalesce(v_held, 0),
                            'expiring', coalesce(v_expiring, '[]'::jsonb));
END $$;

-- Records one wallet transaction: p_accounts are the account kinds (wallet_available, wallet_issued...), posted on
-- p_currency's accounts. Applies the member-account deltas to the wallet balance row (its CHECKs refuse a negative
-- balance), bumps the member's version (one gap-free sequence with the points transactions), writes the transaction,
-- its entries and its event (with the wallet after it), and returns the transaction as the API shows it. The caller
-- holds the member's balance row lock (pl_begin).
CREATE FUNCTION pl_wallet_record(
  p_member text, p_program text, p_txn text, p_type text, p_event_type text, p_amount bigint, p_currency text,
  p_resource text, p_ref text, p_key text, p_external_ref text, p_now timestamptz, p_data jsonb,
  p_accounts text[], p_amounts bigint[], p jsonb
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_txn jsonb; v_entries jsonb := '[]'::jsonb; e record; v_version bigint;
  d_available bigint := 0; d_held bigint := 0; total bigint := 0;
BEGIN
  FOR i IN 1..coalesce(array_length(p_accounts, 1), 0) LOOP
    total := total + p_amounts[i];
    CASE p_accounts[i]
      WHEN 'wallet_available' THEN d_available := d_available + p_amounts[i];
      WHEN 'wallet_held' THEN d_held := d_held + p_amounts[i];
      ELSE NULL;
    END CASE;
  END LOOP;
  IF total <> 0 THEN
    RAISE EXCEPTION 'unbalanced % transaction: entries sum to %', p_type, total;
  END IF;

  UPDATE member_balances SET version = version + 1, updated_at = p_now WHERE member_id = p_member
  RETURNING version INTO v_version;
  -- The first movement in a currency creates its row; the member's lock keeps two of them from racing.
  UPDATE wallet_balances SET available = available + d_available, held = held + d_held, updated_at = p_now
   WHERE member_id = p_member AND currency = p_currency;
  IF NOT FOUND THEN
    INSERT INTO wallet_balances (member_id, currency, program_id, available, held, updated_at)
    VALUES (p_member, p_currency, p_program, d_available, d_held, p_now);
  END IF;
  INSERT INTO ledger_transactions (member_id, id, program_id, type, points, resource_id, ref_id, idempotency_key,
                                   external_ref, occurred_at, recorded_at, version, data)
  VALUES (p_member, p_txn, p_program, p_type, p_amount, p_resource, p_ref, p_key, p_external_ref, p_now, p_now, v_version,
          coalesce(p_data, '{}'::jsonb) || jsonb_build_object('currency', p_currency));
  FOR e IN SELECT a.account || ':' || p_currency AS account, sum(a.amount)::bigint AS amount
             FROM unnest(p_accounts, p_amounts) AS a(account, amount)
            GROUP BY a.account HAVING sum(a.amount) <> 0 ORDER BY 1 LOOP
    INSERT INTO ledger_entries (member_id, txn_id, account, program_id, amount, occurred_at)
    VALUES (p_member, p_txn, e.account, p_program, e.amount, p_now);
    v_entries := v_entries || jsonb_build_array(jsonb_build_object('account', e.account, 'amount', e.amount));
  END LOOP;
  v_txn := jsonb_build_object('id', p_txn, 'type', p_type, 'member_id', p_member,
             'amount', jsonb_build_object('amount', p_amount, 'currency', p_currency),
             'resource_id', p_resource, 'ref_id', p_ref, 'external_ref', p_external_ref,
             'occurred_at', pl_ts(p_now), 'recorded_at', pl_ts(p_now), 'version', v_version,
             'data', coalesce(p_data, '{}'::jsonb), 'entries', v_entries);
  INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data)
  VALUES (p_program, 'evt_' || substr(p_txn, 5), p_event_type, p_member, p_now, p_now,
          jsonb_build_object('transaction', v_txn, 'wallet', pl_wallet_json(p_member, p_currency, p_now, p)));
  RETURN v_txn;
END $$;

-- Store credit or goodwill from an admin: a new lot of money, expiring at expires_at or never (NULL). A member who
-- may not spend may still be credited, as with points adjustments.
CREATE FUNCTION ledger_wallet_credit(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  lk record;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, txn_id text, credit_id text, lot_id text,
    amount bigint, currency text, reason text, expires_at timestamptz, idempotency_key text);
  SELECT * INTO lk FROM pl_begin(p, p_member, false);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  INSERT INTO wallet_lots (member_id, id, program_id, txn_id, currency, source, granted, remaining, expires_at, created_at)
  VALUES (p_member, a.lot_id, a.program_id, a.txn_id, a.currency, 'credit', a.amount, a.amount, a.expires_at, a.now);
  -- The expire job finds the member by next_due_at, as for points lots (least ignores a NULL: no expiry).
  UPDATE member_balances SET next_due_at = least(next_due_at, a.expires_at) WHERE member_id = p_member;
  v_txn_json := pl_wallet_record(p_member, a.program_id, a.txn_id, 'wallet_credit', 'wallet.credited', a.amount,
                                 a.currency, a.credit_id, NULL, a.idempotency_key, NULL, a.now,
                                 jsonb_build_object('reason', a.reason, 'lot_id', a.lot_id,
                                                    'expires_at', pl_ts(a.expires_at)),
                                 ARRAY['wallet_issued', 'wallet_available'], ARRAY[-a.amount, a.amount], p);
  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'credit', jsonb_build_object('id', a.credit_id, 'member_id', p_member,
                                 'amount', jsonb_build_object('amount', a.amount, 'currency', a.currency),
                                 'reason', a.reason, 'lot_id', a.lot_id, 'expires_at', pl_ts(a.expires_at)),
    'wallet', pl_wallet_json(p_member, a.currency, a.now, p)));
END $$;

-- Draws p_amount of p_currency from the member's unexpired lots, soonest expiry first and money that never expires
-- last, recording each allocation. Returns the amount drawn.
CREATE FUNCTION pl_wallet_draw(p_member text, p_program text, p_currency text, p_txn text, p_ref_txn text,
                               p_amount bigint, p_now timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  left_to_draw bigint := p_amount;
  take bigint;
  lot record;
BEGIN
  IF p_amount <= 0 THEN RETURN 0; END IF;
  FOR lot IN
    SELECT id, remaining FROM wallet_lots
     WHERE member_id = p_member AND currency = p_currency AND remaining > 0
       AND (expires_at IS NULL OR expires_at > p_now)
     ORDER BY expires_at ASC NULLS LAST, id
  LOOP
    take := least(lot.remaining, left_to_draw);
    UPDATE wallet_lots SET remaining = remaining - take WHERE member_id = p_member AND id = lot.id;
    INSERT INTO wallet_lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, amount)
    VALUES (p_member, p_txn, lot.id, p_ref_txn, p_program, -take);
    left_to_draw := left_to_draw - take;
    EXIT WHEN left_to_draw = 0;
  END LOOP;
  RETURN p_amount - left_to_draw;
END $$;

-- What the member can spend in p_currency now: the remaining of unexpired lots (a lot past its expiry is never
-- spent, even before the expiry is recorded).
CREATE FUNCTION pl_wallet_spendable(p_member text, p_currency text, p_now timestamptz) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(remaining), 0)::bigint FROM wallet_lots
   WHERE member_id = p_member AND currency = p_currency AND remaining > 0 AND (expires_at IS NULL OR expires_at > p_now)
$$;

-- Spending at the till: refused for a member who may not spend (pl_begin), for a receipt already paid from the
-- wallet, and when the money is short (insufficient_funds, with what is available and what was asked).
CREATE FUNCTION ledger_wallet_debit(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  lk record;
  v_refusal jsonb;
  v_available bigint;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, txn_id text, debit_id text,
    amount bigint, currency text, receipt_id text, idempotency_key text);
  SELECT * INTO lk FROM pl_begin(p, p_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  v_refusal := pl_duplicate_receipt(p_member, a.program_id, 'wallet_debit', a.receipt_id, 'debit_id');
  IF v_refusal IS NOT NULL THEN RETURN pl_finish(p, p_member, v_refusal); END IF;
  v_available := pl_wallet_spendable(p_member, a.currency, a.now);
  IF v_available < a.amount THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'insufficient_funds', 'currency', a.currency,
                                                     'available', v_available, 'requested', a.amount));
  END IF;
  IF pl_wallet_draw(p_member, a.program_id, a.currency, a.txn_id, a.txn_id, a.amount, a.now) <> a.amount THEN
    RAISE EXCEPTION 'wallet of % holds less % than its lots said', p_member, a.currency;
  END IF;
  v_txn_json := pl_wallet_record(p_member, a.program_id, a.txn_id, 'wallet_debit', 'wallet.debited', a.amount,
                                 a.currency, a.debit_id, NULL, a.idempotency_key, a.receipt_id, a.now,
                                 jsonb_build_object('reason', 'purchase'),
                                 ARRAY['wallet_available', 'wallet_spent'], ARRAY[-a.amount, a.amount], p);
  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'debit', jsonb_build_object('id', a.debit_id, 'member_id', p_member,
                                'amount', jsonb_build_object('amount', a.amount, 'currency', a.currency),
                                'receipt_id', a.receipt_id),
    'wallet', pl_wallet_json(p_member, a.currency, a.now, p)));
END $$;

-- The member's wallet: every currency they hold or held, for GET /v1/members/{id}/wallet.
CREATE FUNCTION ledger_wallet(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  v_currency text;
  v_due timestamptz;
  v_balances jsonb := '[]'::jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, api_key_id text);
  IF p ? 'api_key_id' AND NOT EXISTS (SELECT 1 FROM api_keys WHERE id = a.api_key_id AND revoked_at IS NULL) THEN
    RETURN jsonb_build_object('error', 'unauthenticated');
  END IF;
  SELECT next_due_at INTO v_due FROM member_balances WHERE member_id = p_member AND program_id = a.program_id;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'member_not_found', 'member_id', p_member); END IF;
  -- Settle what is due first (rarely anything), as the points balance does: expired money never shows as available.
  IF v_due <= a.now THEN
    PERFORM 1 FROM member_balances WHERE member_id = p_member FOR UPDATE;
    PERFORM pl_settle(p_member, a.program_id, a.now, a.now, p_renewal_hours => pl_renewal_hours(p));
  END IF;
  FOR v_currency IN SELECT currency FROM wallet_balances WHERE member_id = p_member ORDER BY currency LOOP
    v_balances := v_balances || jsonb_build_array(pl_wallet_json(p_member, v_currency, a.now, p));
  END LOOP;
  RETURN jsonb_build_object('member_id', p_member, 'balances', v_balances);
END $$;

-- Gives back up to p_amount of what p_ref_txn drew, to the lots it drew from, latest expiry first (money that never
-- expires first of all: it was drawn last). Lots keep their expiry. Returns the amount given back.
CREATE FUNCTION pl_wallet_give_back(p_member text, p_program text, p_txn text, p_ref_txn text, p_amount bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  left_to_give bigint := p_amount;
  give bigint;
  soonest timestamptz;
  drawn record;
BEGIN
  IF p_amount <= 0 THEN RETURN 0; END IF;
  FOR drawn IN
    SELECT a.lot_id, l.expires_at, -sum(a.amount) AS outstanding
      FROM wallet_lot_allocations a JOIN wallet_lots l ON l.member_id = a.member_id AND l.id = a.lot_id
     WHERE a.member_id = p_member AND a.ref_txn_id = p_ref_txn
     GROUP BY a.lot_id, l.expires_at
    HAVING sum(a.amount) < 0
     ORDER BY l.expires_at DESC NULLS FIRST, a.lot_id DESC
  LOOP
    give := least(drawn.outstanding, left_to_give);
    UPDATE wallet_lots SET remaining = remaining + give WHERE member_id = p_member AND id = drawn.lot_id;
    INSERT INTO wallet_lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, amount)
    VALUES (p_member, p_txn, drawn.lot_id, p_ref_txn, p_program, give);
    soonest := least(soonest, drawn.expires_at);
    left_to_give := left_to_give - give;
    EXIT WHEN left_to_give = 0;
  END LOOP;
  -- The lots that got money back expire again in time.
  UPDATE member_balances SET next_due_at = least(next_due_at, soonest) WHERE member_id = p_member;
  RETURN p_amount - left_to_give;
END $$;

CREATE FUNCTION pl_wallet_hold_json(p_member text, p_hold text) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  result jsonb;
BEGIN
  SELECT jsonb_build_object('id', id, 'member_id', member_id,
                            'amount', jsonb_build_object('amount', amount, 'currency', currency),
                            'captured', captured, 'status', status, 'reason', reason,
                            'expires_at', pl_ts(expires_at), 'created_at', pl_ts(created_at),
                            'closed_at', CASE WHEN closed_at IS NULL THEN NULL ELSE pl_ts(closed_at) END)
    INTO result FROM wallet_holds WHERE member_id = p_member AND id = p_hold;
  RETURN result;
END $$;

-- Releases an active wallet hold back to the lots it drew from (void, or expiry: p_type wallet_void or
-- wallet_hold_expire). Returns the transaction.
CREATE FUNCTION pl_wallet_release_hold(p_member text, p_program text, p_hold_id text, p_type text, p_txn text,
                                       p_now timestamptz, p_key text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  h wallet_holds%ROWTYPE;
  v_txn jsonb;
BEGIN
  SELECT * INTO h FROM wallet_holds WHERE member_id = p_member AND id = p_hold_id;
  PERFORM pl_wallet_give_back(p_member, p_program, p_txn, h.txn_id, h.amount);
  -- A searched CASE: Citus deparses a simple one (CASE x WHEN ...) wrongly when it ships the statement to a shard.
  UPDATE wallet_holds SET status = CASE WHEN p_type = 'wallet_void' THEN 'voided' ELSE 'expired' END, closed_at = p_now
   WHERE member_id = p_member AND id = p_hold_id;
  v_txn := pl_wallet_record(p_member, p_program, p_txn, p_type, 'wallet.hold_released', h.amount, h.currency, NULL, h.id,
                            p_key, NULL, p_now, jsonb_build_object('hold_id', h.id,
                              'reason', CASE WHEN p_type = 'wallet_void' THEN 'voided' ELSE 'expired' END),
                            ARRAY['wallet_held', 'wallet_available'], ARRAY[-h.amount, h.amount], p);
  RETURN v_txn;
END $$;

-- What the wallet in an event written by settlement needs of the request: the program's time zone, to show what
-- expires soon by local date (the settings default when the program never set one, src/programs/settings.ts).
CREATE FUNCTION pl_wallet_job_request(p_program text) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('timezone', coalesce((SELECT settings->>'timezone' FROM programs WHERE id = p_program), 'Asia/Baku'))
$$;

-- Expires what is left of the member's wallet lots past their expiry as of p_as_of, each lot its own transaction
-- at its expiry (wallet_available -> wallet_expired), published as wallet.debited with reason expired. pl_settle
-- calls it with the points lots. Returns the money expired, all currencies together (a count for the job).
CREATE FUNCTION pl_wallet_expire_lots(p_member text, p_program text, p_as_of timestamptz, p_now timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  lot record;
  v_txn text;
  total bigint := 0;
  v_request jsonb := pl_wallet_job_request(p_program);
BEGIN
  FOR lot IN SELECT id, currency, remaining, expires_at FROM wallet_lots
              WHERE member_id = p_member AND remaining > 0 AND expires_at <= p_as_of
              ORDER BY expires_at, id
  LOOP
    v_txn := pl_typeid('txn');
    UPDATE wallet_lots SET remaining = 0 WHERE member_id = p_member AND id = lot.id;
    INSERT INTO wallet_lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, amount)
    VALUES (p_member, v_txn, lot.id, v_txn, p_program, -lot.remaining);
    PERFORM pl_wallet_record(p_member, p_program, v_txn, 'wallet_expire', 'wallet.debited', lot.remaining, lot.currency,
                             NULL, lot.id, NULL, NULL, p_now,
                             jsonb_build_object('reason', 'expired', 'lot_id', lot.id, 'expired_at', pl_ts(lot.expires_at)),
                             ARRAY['wallet_available', 'wallet_expired'], ARRAY[-lot.remaining, lot.remaining], v_request);
    total := total + lot.remaining;
  END LOOP;
  RETURN total;
END $$;

-- Expires the member's wallet holds past their expiry as of p_as_of (pl_settle calls it with the points holds).
-- Returns how many it expired.
CREATE FUNCTION pl_wallet_expire_holds(p_member text, p_program text, p_as_of timestamptz, p_now timestamptz) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  h record;
  n int := 0;
  v_request jsonb := pl_wallet_job_request(p_program);
BEGIN
  FOR h IN SELECT id FROM wallet_holds
            WHERE member_id = p_member AND status = 'active' AND expires_at <= p_as_of ORDER BY expires_at, id
  LOOP
    PERFORM pl_wallet_release_hold(p_member, p_program, h.id, 'wallet_hold_expire', pl_typeid('txn'), p_now, NULL, v_request);
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;

-- Reserves wallet money at the till: drawn from lots like a debit (soonest expiry first), held until captured,
-- voided or expired. Refused like a debit (pl_begin's spending check, insufficient_funds).
CREATE FUNCTION ledger_wallet_hold(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  lk record;
  v_available bigint;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, txn_id text, hold_id text,
    amount bigint, currency text, reason text, expires_at timestamptz, idempotency_key text);
  SELECT * INTO lk FROM pl_begin(p, p_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  v_available := pl_wallet_spendable(p_member, a.currency, a.now);
  IF v_available < a.amount THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'insufficient_funds', 'currency', a.currency,
                                                     'available', v_available, 'requested', a.amount));
  END IF;
  IF pl_wallet_draw(p_member, a.program_id, a.currency, a.txn_id, a.txn_id, a.amount, a.now) <> a.amount THEN
    RAISE EXCEPTION 'wallet of % holds less % than its lots said', p_member, a.currency;
  END IF;
  INSERT INTO wallet_holds (member_id, id, program_id, txn_id, currency, amount, status, reason, expires_at, created_at)
  VALUES (p_member, a.hold_id, a.program_id, a.txn_id, a.currency, a.amount, 'active', a.reason, a.expires_at, a.now);
  v_txn_json := pl_wallet_record(p_member, a.program_id, a.txn_id, 'wallet_hold', 'wallet.held', a.amount, a.currency,
                                 a.hold_id, NULL, a.idempotency_key, NULL, a.now,
                                 jsonb_build_object('reason', a.reason, 'expires_at', pl_ts(a.expires_at)),
                                 ARRAY['wallet_available', 'wallet_held'], ARRAY[-a.amount, a.amount], p);
  -- The expire-holds job finds the member by next_due_at, as for points holds.
  UPDATE member_balances SET next_due_at = least(next_due_at, a.expires_at) WHERE member_id = p_member;
  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'hold', pl_wallet_hold_json(p_member, a.hold_id),
    'wallet', pl_wallet_json(p_member, a.currency, a.now, p)));
END $$;

-- Captures (all or part: the rest is released to its lots) or voids an active wallet hold of the member. A hold
-- past its expiry has been expired by settlement (pl_begin) first, so it can no longer be captured.
CREATE FUNCTION ledger_wallet_close_hold(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  lk record;
  h wallet_holds%ROWTYPE;
  v_capture bigint;
  v_rest bigint;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, action text, txn_id text,
    amount bigint, hold_id text, idempotency_key text);
  SELECT * INTO lk FROM pl_begin(p, p_member, a.action = 'capture');
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT * INTO h FROM wallet_holds WHERE member_id = p_member AND program_id = a.program_id AND id = a.hold_id;
  IF NOT FOUND THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'hold_not_found', 'hold_id', a.hold_id));
  END IF;
  IF h.status <> 'active' THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'hold_' || h.status, 'hold_id', h.id, 'hold_status', h.status));
  END IF;

  IF a.action = 'void' THEN
    v_txn_json := pl_wallet_release_hold(p_member, a.program_id, h.id, 'wallet_void', a.txn_id, a.now, a.idempotency_key, p);
  ELSE
    v_capture := coalesce(a.amount, h.amount);
    IF v_capture > h.amount THEN
      RETURN pl_finish(p, p_member, jsonb_build_object('error', 'capture_exceeds_hold', 'held', h.amount,
                                                       'requested', v_capture, 'currency', h.currency));
    END IF;
    v_rest := h.amount - v_capture;
    -- The uncaptured rest goes back to the lots drawn last, so the capture keeps the soonest-expiring money.
    PERFORM pl_wallet_give_back(p_member, a.program_id, a.txn_id, h.txn_id, v_rest);
    UPDATE wallet_holds SET status = 'captured', captured = v_capture, closed_at = a.now
     WHERE member_id = p_member AND id = h.id;
    v_txn_json := pl_wallet_record(p_member, a.program_id, a.txn_id, 'wallet_capture', 'wallet.debited', v_capture,
                                   h.currency, NULL, h.id, a.idempotency_key, NULL, a.now,
                                   jsonb_build_object('reason', 'capture', 'hold_id', h.id, 'released', v_rest),
                                   ARRAY['wallet_held', 'wallet_spent', 'wallet_available'],
                                   ARRAY[-h.amount, v_capture, v_rest], p);
  END IF;
  -- Money given back to a lot that expired while held expires now, as points do (ledger_close_hold).
  PERFORM pl_wallet_expire_lots(p_member, a.program_id, a.now, a.now);
  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'hold', pl_wallet_hold_json(p_member, h.id),
    'wallet', pl_wallet_json(p_member, h.currency, a.now, p)));
END $$;

-- Gives back all or part of a wallet debit of the member (p_member's own: the debit is looked up within the member)
-- to the lots it drew from, latest expiry first, each keeping its expiry; money whose lot expired meanwhile expires
-- again at once. Not refused for the member's status, like a points reversal: it gives money back.
CREATE FUNCTION ledger_wallet_reverse(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;  -- the argument's fields, typed once
  lk record;
  d record;
  v_reversible bigint;
  v_amount bigint;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, txn_id text, reversal_id text,
    debit_id text, amount bigint, reason text, idempotency_key text);
  SELECT * INTO lk FROM pl_begin(p, p_member, false);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT id, data->>'currency' AS currency INTO d FROM ledger_transactions
   WHERE member_id = p_member AND program_id = a.program_id AND resource_id = a.debit_id AND type = 'wallet_debit';
  IF NOT FOUND THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'debit_not_found', 'debit_id', a.debit_id));
  END IF;
  SELECT coalesce(-sum(amount), 0) INTO v_reversible FROM wallet_lot_allocations
   WHERE member_id = p_member AND ref_txn_id = d.id;
  v_amount := coalesce(a.amount, v_reversible);
  IF v_reversible = 0 OR v_amount > v_reversible THEN
    RETURN pl_finish(p, p_member, jsonb_build_object('error', 'reversal_exceeds_debit', 'reversible', v_reversible,
                                                     'requested', v_amount, 'currency', d.currency));
  END IF;
  PERFORM pl_wallet_give_back(p_member, a.program_id, a.txn_id, d.id, v_amount);
  v_txn_json := pl_wallet_record(p_member, a.program_id, a.txn_id, 'wallet_reversal', 'wallet.credited', v_amount,
                                 d.currency, a.reversal_id, a.debit_id, a.idempotency_key, NULL, a.now,
                                 jsonb_build_object('reason', a.reason, 'debit_id', a.debit_id),
                                 ARRAY['wallet_spent', 'wallet_available'], ARRAY[-v_amount, v_amount], p);
  PERFORM pl_wallet_expire_lots(p_member, a.program_id, a.now, a.now);
  RETURN pl_finish(p, p_member, jsonb_build_object(
    'transaction', v_txn_json,
    'reversal', jsonb_build_object('id', a.reversal_id, 'debit_id', a.debit_id, 'member_id', p_member,
                                   'amount', jsonb_build_object('amount', v_amount, 'currency', d.currency),
                                   'remaining_reversible', v_reversible - v_amount, 'reason', a.reason),
    'wallet', pl_wallet_json(p_member, d.currency, a.now, p)));
END $$;
