-- Referrals (incentives.md "Wallets": Referrals): a referee's first purchase, once it matures, earns the referrer
-- store credit. The referral lives on the referee's shard and the reward on the referrer's, so the referrals job
-- (src/jobs/referrals.ts) takes three steps, each one call routed to one member and each safe to repeat:
--   1. ledger_referral_check (referee): decides, under the referral's row lock, whether it is due, cancelled by a full
--      return before maturity, waiting for an FX rate, or to be paid, and fixes the amount once;
--   2. ledger_referral_reward (referrer): the wallet credit, at most once per referral (referral_rewards' key);
--   3. ledger_referral_mark (referee): the referral is rewarded.
-- A crash between steps leaves the referral pending with its amount fixed: the next run repeats 2 (which finds the
-- reward and pays nothing more) and 3.

-- The referral as events and the job pass it, from the row as jsonb: on a Citus worker the row is of the shard
-- (referrals_102008), not of referrals.
CREATE FUNCTION pl_referral_json(p_row jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', r.id, 'referee_id', r.member_id, 'referrer_id', r.referrer_id, 'status', r.status,
    'purchase_id', r.purchase_id, 'due_at', pl_ts(r.due_at), 'waiting_reason', r.waiting_reason,
    'reward', CASE WHEN r.reward_amount IS NULL THEN NULL
                   ELSE jsonb_build_object('amount', r.reward_amount, 'currency', r.reward_currency) END,
    'created_at', pl_ts(r.created_at))
    FROM jsonb_populate_record(NULL::referrals, p_row) r
$$;

-- p: program_id, now, as_of, pending_days, reward_amount, reward_currency (the setting), home_currency,
-- home_digits and reward_digits (minor-unit digits of each), event_id.
CREATE FUNCTION ledger_referral_check(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;
  r record;
  pur record;
  v_due timestamptz;
  v_returned bigint;
  v_rate numeric;
  v_amount bigint;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, as_of timestamptz, pending_days int,
    reward_amount bigint, reward_currency text, home_currency text, home_digits int, reward_digits int, event_id text);
  SELECT * INTO r FROM referrals WHERE member_id = p_member AND program_id = a.program_id FOR UPDATE;
  IF NOT FOUND OR r.status <> 'pending' THEN RETURN jsonb_build_object('action', 'none'); END IF;
  -- The amount was fixed by an earlier run that did not finish: pay exactly that.
  IF r.reward_amount IS NOT NULL THEN
    RETURN jsonb_build_object('action', 'reward', 'referral', pl_referral_json(to_jsonb(r)));
  END IF;

  -- The referee's first purchase, and when it matures: its lot's matures_at (the return window), or the purchase
  -- plus pending_days for a purchase that earned no points.
  SELECT p.id, p.amount, p.occurred_at, l.matures_at INTO pur
    FROM purchases p LEFT JOIN lots l ON l.member_id = p.member_id AND l.id = p.lot_id
   WHERE p.member_id = p_member ORDER BY p.occurred_at, p.id LIMIT 1;
  IF NOT FOUND THEN RETURN jsonb_build_object('action', 'none'); END IF;
  v_due := coalesce(pur.matures_at, pur.occurred_at + make_interval(days => a.pending_days));
  IF r.purchase_id IS DISTINCT FROM pur.id OR r.due_at IS DISTINCT FROM v_due THEN
    UPDATE referrals SET purchase_id = pur.id, due_at = v_due, updated_at = a.now WHERE member_id = p_member
    RETURNING * INTO r;
  END IF;
  IF v_due > a.as_of THEN RETURN jsonb_build_object('action', 'none'); END IF;

  -- Returned in full before it matured: no reward, ever. A partial return, or one after maturity, changes nothing.
  SELECT coalesce(sum((data->>'amount')::bigint), 0) INTO v_returned FROM ledger_transactions
   WHERE member_id = p_member AND type = 'return' AND ref_id = pur.id AND occurred_at < v_due;
  IF v_returned >= pur.amount THEN
    UPDATE referrals SET status = 'cancelled', waiting_reason = NULL, updated_at = a.now WHERE member_id = p_member
    RETURNING * INTO r;
    INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data)
    VALUES (a.program_id, a.event_id, 'referral.cancelled', p_member, a.now, a.now,
            jsonb_build_object('referral', pl_referral_json(to_jsonb(r)), 'reason', 'purchase_returned'));
    RETURN jsonb_build_object('action', 'cancelled', 'referral', pl_referral_json(to_jsonb(r)));
  END IF;

  -- The reward in the home currency at the rate in force when the purchase matured, rounded down to minor units.
  IF a.reward_currency = a.home_currency THEN
    v_amount := a.reward_amount;
  ELSE
    SELECT rate INTO v_rate FROM fx_rates
     WHERE program_id = a.program_id AND currency = a.reward_currency AND effective_from <= v_due
     ORDER BY effective_from DESC LIMIT 1;
    IF v_rate IS NULL THEN
      -- Kept pending and visible: the next run after a rate is recorded pays it.
      UPDATE referrals SET waiting_reason = 'fx_rate_missing', updated_at = a.now WHERE member_id = p_member
      RETURNING * INTO r;
      RETURN jsonb_build_object('action', 'waiting', 'referral', pl_referral_json(to_jsonb(r)));
    END IF;
    v_amount := floor(a.reward_amount * v_rate * power(10::numeric, a.home_digits - a.reward_digits));
  END IF;
  IF v_amount <= 0 THEN
    UPDATE referrals SET waiting_reason = 'reward_rounds_to_zero', updated_at = a.now WHERE member_id = p_member
    RETURNING * INTO r;
    RETURN jsonb_build_object('action', 'waiting', 'referral', pl_referral_json(to_jsonb(r)));
  END IF;
  UPDATE referrals SET reward_amount = v_amount, reward_currency = a.home_currency, waiting_reason = NULL,
                       updated_at = a.now
   WHERE member_id = p_member RETURNING * INTO r;
  RETURN jsonb_build_object('action', 'reward', 'referral', pl_referral_json(to_jsonb(r)), 'rate', v_rate,
                            'source', jsonb_build_object('amount', a.reward_amount, 'currency', a.reward_currency));
END $$;

-- The referrer's store credit for one referral: a wallet lot that never expires, reason referral, with
-- referral.rewarded. Once per referral: a repeat (a rerun, a second job instance) finds the reward and returns it.
-- p: program_id, now, timezone, referral (pl_referral_json), txn_id, credit_id, lot_id, rate, source.
CREATE FUNCTION ledger_referral_reward(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a record;
  lk record;
  rr record;
  v_ref jsonb := p->'referral';
  v_amount bigint := (p->'referral'->'reward'->>'amount')::bigint;
  v_currency text := p->'referral'->'reward'->>'currency';
  v_txn_json jsonb;
BEGIN
  SELECT * INTO a FROM jsonb_to_record(p) AS f(program_id text, now timestamptz, txn_id text, credit_id text, lot_id text);
  SELECT * INTO lk FROM pl_begin(p, p_member, false);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;
  SELECT * INTO rr FROM referral_rewards WHERE member_id = p_member AND referral_id = v_ref->>'id';
  IF FOUND THEN
    RETURN jsonb_build_object('rewarded', false, 'txn_id', rr.txn_id);
  END IF;

  INSERT INTO wallet_lots (member_id, id, program_id, txn_id, currency, source, granted, remaining, expires_at, created_at)
  VALUES (p_member, a.lot_id, a.program_id, a.txn_id, v_currency, 'credit', v_amount, v_amount, NULL, a.now);
  v_txn_json := pl_wallet_record(p_member, a.program_id, a.txn_id, 'wallet_credit', 'wallet.credited', v_amount,
                                 v_currency, a.credit_id, v_ref->>'id', NULL, NULL, a.now,
                                 jsonb_build_object('reason', 'referral', 'lot_id', a.lot_id, 'expires_at', NULL,
                                                    'referral_id', v_ref->>'id', 'referee_id', v_ref->>'referee_id'),
                                 ARRAY['wallet_issued', 'wallet_available'], ARRAY[-v_amount, v_amount], p);
  INSERT INTO referral_rewards (member_id, referral_id, program_id, referee_id, txn_id, amount, currency, created_at)
  VALUES (p_member, v_ref->>'id', a.program_id, v_ref->>'referee_id', a.txn_id, v_amount, v_currency, a.now);
  INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data)
  VALUES (a.program_id, 'evt_' || substr(a.credit_id, 5), 'referral.rewarded', p_member, a.now, a.now,
          jsonb_build_object('referral', v_ref || jsonb_build_object('status', 'rewarded', 'waiting_reason', NULL),
                             'source', p->'source', 'rate', p->>'rate', 'transaction', v_txn_json));
  RETURN jsonb_build_object('rewarded', true, 'txn_id', a.txn_id);
END $$;

-- The referral is rewarded (step 3). Repeating it changes nothing.
CREATE FUNCTION ledger_referral_mark(p_member text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
  UPDATE referrals SET status = 'rewarded', reward_txn_id = p->>'txn_id', waiting_reason = NULL,
                       updated_at = (p->>'now')::timestamptz
   WHERE member_id = p_member AND id = p->>'referral_id' AND status = 'pending';
  RETURN jsonb_build_object('marked', FOUND);
END $$;
