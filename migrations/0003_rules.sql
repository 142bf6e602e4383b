-- Program rules: versioned rate sets, VIP tiers with qualifying points and periodic benefits, earn/redeem caps,
-- velocity blocking, and conversions between points and money with withdrawal limits. The ledger write
-- functions call the rule hooks replaced here; rule settings travel in each request (`p->'rules'`), resolved by the
-- service from the program's settings over its defaults.

ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_type_check;
ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_type_check CHECK (type IN ('earn', 'return',
  'redeem', 'reversal', 'hold', 'capture', 'void', 'hold_expire', 'adjust', 'mature', 'expire', 'debt_payment', 'bonus', 'benefit',
  'convert'));
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_account_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_account_check CHECK (account IN ('available', 'pending',
  'held', 'debt', 'issued', 'redeemed', 'expired', 'adjustments', 'converted'));
ALTER TABLE lots DROP CONSTRAINT lots_source_check;
ALTER TABLE lots ADD CONSTRAINT lots_source_check CHECK (source IN ('earn', 'adjust', 'bonus', 'benefit', 'convert'));
-- Sliding-window checks (velocity, daily and monthly caps) look at what a member did recently.
CREATE INDEX ledger_transactions_recorded_idx ON ledger_transactions (member_id, recorded_at);

-- NULL: the program's first (entry) tier, so tier names stay program settings rather than schema.
ALTER TABLE member_balances ADD COLUMN tier text;
ALTER TABLE member_balances ADD COLUMN tier_since timestamptz;
CREATE INDEX member_balances_tier_idx ON member_balances (program_id, tier) WHERE tier IS NOT NULL;

CREATE TABLE rate_sets (
  program_id      text NOT NULL REFERENCES programs (id),
  id              text NOT NULL,
  -- Points per 1 unit of each currency.
  rates           jsonb NOT NULL,
  effective_from  timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (program_id, id),
  UNIQUE (program_id, effective_from)
);

CREATE TABLE tier_changes (
  member_id          text NOT NULL,
  id                 text NOT NULL,
  program_id         text NOT NULL,
  from_tier          text NOT NULL,
  to_tier            text NOT NULL,
  direction          text NOT NULL CHECK (direction IN ('up', 'down')),
  qualifying_points  bigint NOT NULL,
  -- The purchase that crossed a threshold, or the review run that lowered the tier.
  cause              text NOT NULL,
  occurred_at        timestamptz NOT NULL,
  recorded_at        timestamptz NOT NULL,
  db_xid             xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (member_id, id)
);
CREATE INDEX tier_changes_program_idx ON tier_changes (program_id, recorded_at);

-- One row per benefit paid: the primary key is what makes "at most once per member per period" hold, even with
-- the job running twice or on two instances.
CREATE TABLE benefit_grants (
  member_id   text NOT NULL,
  tier        text NOT NULL,
  period_key  text NOT NULL,
  program_id  text NOT NULL,
  txn_id      text NOT NULL,
  points      bigint NOT NULL,
  granted_at  timestamptz NOT NULL,
  PRIMARY KEY (member_id, tier, period_key)
);

-- Every block and unblock, by a rule or by an admin. The member row holds the current status; this is its history.
CREATE TABLE member_status_changes (
  member_id    text NOT NULL,
  id           text NOT NULL,
  program_id   text NOT NULL,
  status       text NOT NULL,
  reason       text,
  rule         text,
  details      jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor        text NOT NULL,
  occurred_at  timestamptz NOT NULL,
  db_xid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (member_id, id)
);
CREATE INDEX member_status_changes_program_idx ON member_status_changes (program_id, occurred_at);

CREATE TABLE conversions (
  member_id     text NOT NULL,
  id            text NOT NULL,
  program_id    text NOT NULL,
  txn_id        text NOT NULL,
  direction     text NOT NULL CHECK (direction IN ('points_to_money', 'money_to_points')),
  points        bigint NOT NULL CHECK (points > 0),
  amount        bigint NOT NULL CHECK (amount >= 0),
  currency      text NOT NULL,
  fee_bps       integer NOT NULL,
  fee           bigint NOT NULL,
  rate          numeric NOT NULL,
  -- The money side in minor units of the program's home currency, at this conversion's rates.
  home_amount   bigint NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (member_id, id)
);
CREATE INDEX conversions_withdrawals_idx ON conversions (member_id, created_at) WHERE direction = 'points_to_money';

CREATE TRIGGER tier_changes_append_only BEFORE UPDATE OR DELETE ON tier_changes
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();
CREATE TRIGGER member_status_changes_append_only BEFORE UPDATE OR DELETE ON member_status_changes
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();
CREATE TRIGGER benefit_grants_append_only BEFORE UPDATE OR DELETE ON benefit_grants
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

---------------------------------------------------------------------------------------------------------------
-- Tiers
---------------------------------------------------------------------------------------------------------------

-- Points earned in the rolling window ending at p_as_of: purchases and their bonuses count, returns take their
-- clawback off, redemptions never lower it.
CREATE FUNCTION pl_qualifying(p_member text, p_as_of timestamptz, p_window_months int) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  total bigint;
BEGIN
  SELECT coalesce(sum(CASE WHEN type = 'return' THEN -(data->>'claw')::bigint ELSE points END), 0)::bigint INTO total
    FROM ledger_transactions
   WHERE member_id = p_member AND type IN ('earn', 'bonus', 'return')
     AND occurred_at > p_as_of - make_interval(months => p_window_months) AND occurred_at <= p_as_of;
  RETURN total;
END $$;

-- The position of a tier in the program's list (0 = entry tier); unknown names count as the entry tier.
CREATE FUNCTION pl_tier_index(p_tiers jsonb, p_name text) RETURNS int
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  FOR i IN 0..jsonb_array_length(p_tiers) - 1 LOOP
    IF p_tiers->i->>'name' = p_name THEN RETURN i; END IF;
  END LOOP;
  RETURN 0;
END $$;

-- The highest tier whose threshold the qualifying points reach.
CREATE FUNCTION pl_tier_for(p_tiers jsonb, p_points bigint) RETURNS int
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  reached int := 0;
BEGIN
  FOR i IN 0..jsonb_array_length(p_tiers) - 1 LOOP
    IF (p_tiers->i->>'threshold')::bigint <= p_points THEN reached := i; END IF;
  END LOOP;
  RETURN reached;
END $$;

CREATE FUNCTION pl_tier_json(p_member text, p_now timestamptz, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  tiers jsonb := p->'rules'->'tiers';
  idx int;
  qualifying bigint;
  next_tier jsonb;
BEGIN
  IF tiers IS NULL THEN RETURN NULL; END IF;
  SELECT pl_tier_index(tiers, tier) INTO idx FROM member_balances WHERE member_id = p_member;
  qualifying := pl_qualifying(p_member, p_now, (p->'rules'->>'tier_window_months')::int);
  next_tier := tiers->(idx + 1);
  RETURN jsonb_build_object('name', tiers->idx->>'name', 'qualifying_points', qualifying,
                            'next_tier', next_tier->>'name',
                            'points_to_next', CASE WHEN next_tier IS NULL THEN NULL
                                                   ELSE greatest((next_tier->>'threshold')::bigint - qualifying, 0) END);
END $$;

CREATE FUNCTION pl_change_tier(p_member text, p_program text, p_tiers jsonb, p_from int, p_to int, p_qualifying bigint,
                               p_cause text, p_occurred timestamptz, p_now timestamptz, p_id text) RETURNS jsonb
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE member_balances SET tier = p_tiers->p_to->>'name', tier_since = p_occurred WHERE member_id = p_member;
  INSERT INTO tier_changes (member_id, id, program_id, from_tier, to_tier, direction, qualifying_points, cause,
                            occurred_at, recorded_at)
  VALUES (p_member, p_id, p_program, p_tiers->p_from->>'name', p_tiers->p_to->>'name',
          CASE WHEN p_to > p_from THEN 'up' ELSE 'down' END, p_qualifying, p_cause, p_occurred, p_now);
  RETURN jsonb_build_object('from', p_tiers->p_from->>'name', 'to', p_tiers->p_to->>'name',
                            'qualifying_points', p_qualifying);
END $$;

---------------------------------------------------------------------------------------------------------------
-- Rule hooks called by the ledger write functions
---------------------------------------------------------------------------------------------------------------

-- Sums of what the member moved since an instant, for caps and velocity.
CREATE FUNCTION pl_moved_since(p_member text, p_types text[], p_since timestamptz, OUT n bigint, OUT points bigint)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  SELECT count(*), coalesce(sum(t.points), 0)::bigint INTO n, points FROM ledger_transactions t
   WHERE t.member_id = p_member AND t.type = ANY (p_types) AND t.recorded_at >= p_since;
END $$;

CREATE OR REPLACE FUNCTION pl_guard(p_member text, p_program text, p_kind text, p_points bigint, p_now timestamptz, p jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  rules jsonb := p->'rules';
  limits jsonb := rules->(p_kind || '_limits');
  types text[] := CASE p_kind WHEN 'earn' THEN ARRAY['earn', 'bonus'] ELSE ARRAY['redeem', 'hold'] END;
  velocity jsonb := CASE WHEN jsonb_typeof(rules->'velocity') = 'object' THEN rules->'velocity' END;
  day_cap bigint := (limits->>'per_day')::bigint;
  month_cap bigint := (limits->>'per_month')::bigint;
  day_start timestamptz := (rules->>'day_start')::timestamptz;
  month_start timestamptz := (rules->>'month_start')::timestamptz;
  window_start timestamptz := p_now - make_interval(mins => coalesce((velocity->>'window_minutes')::int, 0));
  since timestamptz;
  cap bigint := (limits->>'per_transaction')::bigint;
  moved record;
BEGIN
  IF rules IS NULL THEN RETURN NULL; END IF;
  IF cap IS NOT NULL AND p_points > cap THEN
    RETURN jsonb_build_object('error', 'limit_exceeded', 'limit', p_kind || '_per_transaction', 'cap', cap,
                              'remaining', cap, 'requested', p_points);
  END IF;
  since := least(CASE WHEN day_cap IS NOT NULL THEN day_start END, CASE WHEN month_cap IS NOT NULL THEN month_start END,
                 CASE WHEN velocity IS NOT NULL THEN window_start END);
  IF since IS NULL THEN RETURN NULL; END IF;

  -- One pass over the member's recent transactions answers every window at once.
  SELECT coalesce(sum(points) FILTER (WHERE type = ANY (types) AND recorded_at >= day_start), 0) AS today,
         coalesce(sum(points) FILTER (WHERE type = ANY (types) AND recorded_at >= month_start), 0) AS this_month,
         count(*) FILTER (WHERE recorded_at >= window_start) AS window_n,
         coalesce(sum(points) FILTER (WHERE recorded_at >= window_start), 0) AS window_points
    INTO moved
    FROM ledger_transactions
   WHERE member_id = p_member AND recorded_at >= since AND type IN ('earn', 'bonus', 'redeem', 'hold', 'convert');

  IF day_cap IS NOT NULL AND moved.today + p_points > day_cap THEN
    RETURN jsonb_build_object('error', 'limit_exceeded', 'limit', p_kind || '_per_day', 'cap', day_cap,
                              'remaining', greatest(day_cap - moved.today, 0), 'requested', p_points);
  END IF;
  IF month_cap IS NOT NULL AND moved.this_month + p_points > month_cap THEN
    RETURN jsonb_build_object('error', 'limit_exceeded', 'limit', p_kind || '_per_month', 'cap', month_cap,
                              'remaining', greatest(month_cap - moved.this_month, 0), 'requested', p_points);
  END IF;
  IF velocity IS NULL THEN RETURN NULL; END IF;
  -- Counting the transaction being asked for: it is the one that would cross the threshold.
  RETURN pl_velocity_verdict(p_member, p_program, velocity, moved.window_n + 1, (moved.window_points + p_points)::bigint,
                             'ledger', p_now);
END $$;

-- The velocity rule, for the counts a caller made of the member's window: over either threshold, the member is
-- blocked and the decision recorded. Returns the refusal, or NULL.
CREATE FUNCTION pl_velocity_verdict(p_member text, p_program text, p_velocity jsonb, p_transactions bigint,
                                    p_points bigint, p_actor text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  reason text;
BEGIN
  IF p_transactions > (p_velocity->>'max_transactions')::bigint THEN
    reason := format('%s transactions in %s minutes', p_transactions, p_velocity->>'window_minutes');
  ELSIF p_points > (p_velocity->>'max_points')::bigint THEN
    reason := format('%s points in %s minutes', p_points, p_velocity->>'window_minutes');
  ELSE
    RETURN NULL;
  END IF;
  PERFORM pl_block(p_member, p_program, 'velocity', reason,
                   jsonb_build_object('transactions', p_transactions, 'points', p_points,
                                      'window_minutes', (p_velocity->>'window_minutes')::int), p_actor, p_now);
  RETURN jsonb_build_object('error', 'member_blocked', 'member_id', p_member, 'rule', 'velocity', 'reason', reason);
END $$;

-- Blocks a member and records the decision; history is never touched.
CREATE FUNCTION pl_block(p_member text, p_program text, p_rule text, p_reason text, p_details jsonb, p_actor text,
                         p_now timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE members SET status = 'blocked', status_reason = p_reason, status_changed_at = p_now, updated_at = p_now
   WHERE id = p_member;
  INSERT INTO member_status_changes (member_id, id, program_id, status, reason, rule, details, actor, occurred_at)
  VALUES (p_member, pl_typeid('msc'), p_program, 'blocked', p_reason, p_rule, p_details, p_actor, p_now);
END $$;

CREATE OR REPLACE FUNCTION pl_earn_points(p_member text, p jsonb) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  tiers jsonb := p->'rules'->'tiers';
  multiplier numeric;
BEGIN
  IF tiers IS NULL THEN RETURN (p->>'points')::bigint; END IF;
  SELECT (tiers->pl_tier_index(tiers, tier)->>'multiplier')::numeric INTO multiplier
    FROM member_balances WHERE member_id = p_member;
  RETURN floor((p->>'points')::bigint * coalesce(multiplier, 1));
END $$;

-- After a purchase: the rate-rise bonus as its own visible transaction, then an upgrade if the purchase crossed a
-- tier threshold (downgrades wait for the review job).
CREATE OR REPLACE FUNCTION pl_after_earn(p_member text, p_program text, p_purchase text, p_occurred timestamptz,
                              p_now timestamptz, p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  rules jsonb := p->'rules';
  tiers jsonb := rules->'tiers';
  extra jsonb := '{}'::jsonb;
  bonus bigint := coalesce((p->>'bonus_points')::bigint, 0);
  current_idx int;
  reached int;
  qualifying bigint;
BEGIN
  IF bonus > 0 THEN
    extra := extra || jsonb_build_object('bonus', pl_credit(p_member, p_program, p->>'bonus_txn_id', 'bonus', bonus,
      p_purchase, p->>'bonus_lot_id', 'bonus', (p->>'matures_at')::timestamptz, (p->>'expires_at')::timestamptz,
      p_occurred, p_now, jsonb_build_object('reason', 'rate_rise', 'purchase_id', p_purchase,
                                            'currency', p->>'currency', 'rise_percent', p->'rise_percent')));
  END IF;
  IF tiers IS NOT NULL THEN
    SELECT pl_tier_index(tiers, tier) INTO current_idx FROM member_balances WHERE member_id = p_member;
    qualifying := pl_qualifying(p_member, p_now, (rules->>'tier_window_months')::int);
    reached := pl_tier_for(tiers, qualifying);
    IF reached > current_idx THEN
      extra := extra || jsonb_build_object('tier_change', pl_change_tier(p_member, p_program, tiers, current_idx,
        reached, qualifying, p_purchase, p_occurred, p_now, p->>'tier_change_id'));
    END IF;
  END IF;
  RETURN extra;
END $$;

-- The balance now also shows the tier, qualifying points and the way to the next tier.
CREATE OR REPLACE FUNCTION pl_balance_extra(p_member text, p_now timestamptz, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN jsonb_build_object('tier', pl_tier_json(p_member, p_now, p));
END $$;

---------------------------------------------------------------------------------------------------------------
-- Jobs: tier review, tier benefits, velocity sweep (one member per call, each in its own transaction)
---------------------------------------------------------------------------------------------------------------

CREATE FUNCTION ledger_tier_review(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_member text := p->>'member_id';
  v_program text := p->>'program_id';
  v_as_of timestamptz := (p->>'as_of')::timestamptz;
  tiers jsonb := p->'rules'->'tiers';
  current_idx int;
  reached int;
  target int;
  qualifying bigint;
BEGIN
  SELECT pl_tier_index(tiers, tier) INTO current_idx FROM member_balances
   WHERE member_id = v_member AND program_id = v_program FOR UPDATE;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'member_not_found'); END IF;
  qualifying := pl_qualifying(v_member, v_as_of, (p->'rules'->>'tier_window_months')::int);
  reached := pl_tier_for(tiers, qualifying);
  IF reached >= current_idx THEN RETURN jsonb_build_object('changed', false); END IF;
  target := greatest(reached, current_idx - (p->'rules'->>'tier_downgrade_steps')::int);
  RETURN jsonb_build_object('changed', true, 'tier_change',
    pl_change_tier(v_member, v_program, tiers, current_idx, target, qualifying, 'review:' || (p->>'run_id'),
                   v_as_of, (p->>'now')::timestamptz, p->>'tier_change_id'));
END $$;

-- Grants one benefit for one period unless already granted (benefit_grants' key). Returns the points paid.
CREATE FUNCTION pl_grant_benefit(p_member text, p_program text, p_tier jsonb, p_period_key text, p_txn text, p_lot text,
                                 p_at timestamptz, p_now timestamptz, p_expires timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  points bigint := (p_tier->'benefit'->>'points')::bigint;
BEGIN
  INSERT INTO benefit_grants (member_id, tier, period_key, program_id, txn_id, points, granted_at)
  VALUES (p_member, p_tier->>'name', p_period_key, p_program, p_txn, points, p_now)
  ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN RETURN 0; END IF;
  PERFORM pl_credit(p_member, p_program, p_txn, 'benefit', points, NULL, p_lot, 'benefit', p_at, p_expires, p_at, p_now,
                    jsonb_build_object('tier', p_tier->>'name', 'period', p_period_key));
  RETURN points;
END $$;

-- Pays the member's tier benefit for the period that contains as_of, at most once per member and period. The daily
-- gift also looks at the day before, so activity after the day's last run is still rewarded by the next one.
CREATE FUNCTION ledger_tier_benefit(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_member text := p->>'member_id';
  v_program text := p->>'program_id';
  v_as_of timestamptz := (p->>'as_of')::timestamptz;
  v_now timestamptz := (p->>'now')::timestamptz;
  v_expires timestamptz := (p->>'expires_at')::timestamptz;
  tiers jsonb := p->'rules'->'tiers';
  tier jsonb;
  v_status text;
  paid bigint := 0;
  day record;
BEGIN
  SELECT tiers->pl_tier_index(tiers, b.tier), m.status INTO tier, v_status
    FROM member_balances b JOIN members m ON m.id = b.member_id
   WHERE b.member_id = v_member AND b.program_id = v_program FOR UPDATE OF b;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'member_not_found'); END IF;
  IF jsonb_typeof(tier->'benefit') IS DISTINCT FROM 'object' OR v_status <> 'active' THEN
    RETURN jsonb_build_object('paid', 0);
  END IF;
  CASE tier->'benefit'->>'period'
    WHEN 'week' THEN
      paid := pl_grant_benefit(v_member, v_program, tier, p->>'week_key', p->>'txn_id', p->>'lot_id', v_as_of, v_now, v_expires);
    WHEN 'month' THEN
      paid := pl_grant_benefit(v_member, v_program, tier, p->>'month_key', p->>'txn_id', p->>'lot_id', v_as_of, v_now, v_expires);
    ELSE
      FOR day IN SELECT * FROM (VALUES
          (p->>'previous_day_key', (p->>'previous_day_start')::timestamptz, (p->>'day_start')::timestamptz,
           p->>'previous_txn_id', p->>'previous_lot_id'),
          -- Today counts up to and including as_of.
          (p->>'day_key', (p->>'day_start')::timestamptz, v_as_of + interval '1 microsecond', p->>'txn_id',
           p->>'lot_id')) AS d(key, starts, ends, txn, lot)
      LOOP
        -- "Each day the member is active": something the member did that day, not our own bookkeeping.
        CONTINUE WHEN NOT EXISTS (
          SELECT 1 FROM ledger_transactions
           WHERE member_id = v_member AND type IN ('earn', 'redeem', 'hold', 'capture', 'return', 'convert')
             AND occurred_at >= day.starts AND occurred_at < day.ends);
        paid := paid + pl_grant_benefit(v_member, v_program, tier, day.key, day.txn, day.lot, least(day.ends, v_as_of), v_now, v_expires);
      END LOOP;
  END CASE;
  RETURN jsonb_build_object('paid', paid);
END $$;

-- The periodic velocity check for one member (the same rule as on every write, without a write).
CREATE FUNCTION ledger_velocity_check(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_member text := p->>'member_id';
  v_program text := p->>'program_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  velocity jsonb := p->'rules'->'velocity';
  v_status text;
  moved record;
BEGIN
  SELECT m.status INTO v_status FROM member_balances b JOIN members m ON m.id = b.member_id
   WHERE b.member_id = v_member AND b.program_id = v_program FOR UPDATE OF b;
  IF NOT FOUND OR v_status <> 'active' OR velocity IS NULL OR jsonb_typeof(velocity) <> 'object' THEN
    RETURN jsonb_build_object('blocked', false);
  END IF;
  SELECT * INTO moved FROM pl_moved_since(v_member, ARRAY['earn', 'bonus', 'redeem', 'hold', 'convert'],
                                          v_now - make_interval(mins => (velocity->>'window_minutes')::int));
  RETURN jsonb_build_object('blocked',
    pl_velocity_verdict(v_member, v_program, velocity, moved.n, moved.points, 'sweep', v_now) IS NOT NULL);
END $$;

---------------------------------------------------------------------------------------------------------------
-- Conversions
---------------------------------------------------------------------------------------------------------------

-- Withdrawals so far in the member's current day and month, in home-currency minor units.
CREATE FUNCTION pl_withdrawn(p_member text, p_day_start timestamptz, p_month_start timestamptz,
                             OUT today bigint, OUT this_month bigint)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  SELECT coalesce(sum(home_amount) FILTER (WHERE created_at >= p_day_start), 0)::bigint,
         coalesce(sum(home_amount), 0)::bigint
    INTO today, this_month
    FROM conversions
   WHERE member_id = p_member AND direction = 'points_to_money' AND created_at >= least(p_day_start, p_month_start);
END $$;

CREATE FUNCTION ledger_convert(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_member text := p->>'member_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_direction text := p->>'direction';
  v_points bigint := (p->>'points')::bigint;
  v_home bigint := (p->>'home_amount')::bigint;
  v_txn text := p->>'txn_id';
  v_conversion text := p->>'conversion_id';
  limits jsonb := p->'rules'->'withdrawal_limits';
  v_result jsonb;
  lk record;
  w record;
  v_available bigint;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO lk FROM pl_begin(p, v_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;
  v_available := lk.available;

  IF v_direction = 'points_to_money' THEN
    -- Checked under the member's lock, so parallel withdrawals cannot pass the limit together.
    SELECT * INTO w FROM pl_withdrawn(v_member, (p->'rules'->>'day_start')::timestamptz,
                                      (p->'rules'->>'month_start')::timestamptz);
    IF (limits->>'per_day') IS NOT NULL AND w.today + v_home > (limits->>'per_day')::bigint THEN
      RETURN pl_finish(p, jsonb_build_object('error', 'limit_exceeded',
        'limit', 'withdrawal_per_day', 'cap', (limits->>'per_day')::bigint, 'currency', p->>'home_currency',
        'remaining', greatest((limits->>'per_day')::bigint - w.today, 0), 'requested', v_home));
    END IF;
    IF (limits->>'per_month') IS NOT NULL AND w.this_month + v_home > (limits->>'per_month')::bigint THEN
      RETURN pl_finish(p, jsonb_build_object('error', 'limit_exceeded',
        'limit', 'withdrawal_per_month', 'cap', (limits->>'per_month')::bigint, 'currency', p->>'home_currency',
        'remaining', greatest((limits->>'per_month')::bigint - w.this_month, 0), 'requested', v_home));
    END IF;
    v_result := pl_spend(p, v_member, v_txn, v_points, v_available, 'redeem');
    IF v_result IS NOT NULL THEN RETURN pl_finish(p, v_result); END IF;
    v_txn_json := pl_record(v_member, v_program, v_txn, 'convert', v_points, v_conversion, NULL, p->>'idempotency_key', NULL, v_now,
                            v_now, p->'conversion', ARRAY['available', 'converted'], ARRAY[-v_points, v_points],
                            NULL, 0, 0, v_now);
  ELSE
    v_result := pl_guard(v_member, v_program, 'earn', v_points, v_now, p);
    IF v_result IS NOT NULL THEN RETURN pl_finish(p, v_result); END IF;
    v_txn_json := pl_credit(v_member, v_program, v_txn, 'convert', v_points, NULL, p->>'lot_id', 'convert', v_now,
                            (p->>'expires_at')::timestamptz, v_now, v_now, p->'conversion', 'converted');
  END IF;
  INSERT INTO conversions (member_id, id, program_id, txn_id, direction, points, amount, currency, fee_bps, fee, rate,
                           home_amount, created_at)
  VALUES (v_member, v_conversion, v_program, v_txn, v_direction, v_points, (p->'conversion'->>'amount')::bigint,
          p->'conversion'->>'currency', (p->'conversion'->>'fee_bps')::int, (p->'conversion'->>'fee')::bigint,
          (p->'conversion'->>'rate')::numeric, v_home, v_now);

  RETURN pl_finish(p, jsonb_build_object(
    'status', 201,
    'transaction', v_txn_json,
    'conversion', (p->'conversion') || jsonb_build_object('id', v_conversion, 'member_id', v_member,
                                                           'direction', v_direction, 'created_at', p->>'now'),
    'balance', pl_balance_json(v_member, v_now, p)));
END $$;
