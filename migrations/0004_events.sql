-- Events: a transactional outbox. Every state change writes its event in the same database transaction as the
-- change itself, so an event exists exactly when its change committed. Readers (GET /v1/events, the webhook
-- dispatcher) follow it in commit-safe order; see src/events/feed.ts.

CREATE TABLE events (
  program_id   text NOT NULL,
  -- The writing database transaction, then the order within it. Ids and sequence numbers are handed out before
  -- commit, so transactions commit out of their order; a reader only takes events whose transaction is older than
  -- every transaction still running (the snapshot's xmin), and ordering by (db_xid, seq) never lets a later
  -- commit land behind a position a reader has passed.
  db_xid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
  -- Cached per session: only the order within one transaction (one session) matters.
  seq          bigint GENERATED ALWAYS AS IDENTITY (CACHE 100),
  id           text NOT NULL,
  type         text NOT NULL,
  member_id    text,
  occurred_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL,
  data         jsonb NOT NULL,
  PRIMARY KEY (program_id, db_xid, seq)
);

CREATE TRIGGER events_immutable BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

-- How far each program's feed has been pruned (EVENTS_RETENTION_DAYS): a reader whose cursor is behind this
-- position has missed events and is told so instead of silently skipping them.
CREATE TABLE event_retention (
  program_id   text PRIMARY KEY,
  pruned_xid   xid8 NOT NULL,
  pruned_seq   bigint NOT NULL
);

-- Writes one event in the caller's transaction.
CREATE FUNCTION pl_emit(p_program text, p_member text, p_type text, p_id text, p_occurred timestamptz,
                        p_now timestamptz, p_data jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data)
  VALUES (p_program, coalesce(p_id, pl_typeid('evt')), p_type, p_member, p_occurred, p_now, p_data);
END $$;

-- The event a ledger transaction of this type publishes.
CREATE FUNCTION pl_event_type(p_txn_type text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_txn_type
    WHEN 'earn' THEN 'points.earned' WHEN 'bonus' THEN 'points.earned' WHEN 'benefit' THEN 'points.earned'
    WHEN 'return' THEN 'points.returned' WHEN 'redeem' THEN 'points.redeemed' WHEN 'reversal' THEN 'points.reversed'
    WHEN 'adjust' THEN 'points.adjusted' WHEN 'mature' THEN 'points.matured' WHEN 'expire' THEN 'points.expired'
    WHEN 'renew' THEN 'points.renewed' WHEN 'decay' THEN 'points.decayed' WHEN 'extend' THEN 'points.extended'
    WHEN 'debt_payment' THEN 'points.debt_paid'
    WHEN 'hold' THEN 'hold.created' WHEN 'capture' THEN 'hold.captured' WHEN 'void' THEN 'hold.voided'
    WHEN 'hold_expire' THEN 'hold.expired' WHEN 'convert' THEN 'conversion.completed'
  END $$;

-- Time-driven ledger movements: decay, renewal, and the expiry extension a completed task earns.
ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_type_check;
ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_type_check CHECK (type IN ('earn', 'return',
  'redeem', 'reversal', 'hold', 'capture', 'void', 'hold_expire', 'adjust', 'mature', 'expire', 'debt_payment', 'bonus',
  'benefit', 'convert', 'renew', 'decay', 'extend'));
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_account_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_account_check CHECK (account IN ('available', 'pending',
  'held', 'debt', 'issued', 'redeemed', 'expired', 'adjustments', 'converted', 'decayed'));
ALTER TABLE lots DROP CONSTRAINT lots_source_check;
ALTER TABLE lots ADD CONSTRAINT lots_source_check CHECK (source IN ('earn', 'adjust', 'bonus', 'benefit', 'convert', 'renew'));

-- Win-back counts from the last purchase, inactivity decay from the last activity of any kind.
ALTER TABLE member_balances ADD COLUMN last_purchase_at timestamptz;
-- Set when the member passes the last win-back milestone; a purchase clears it.
ALTER TABLE member_balances ADD COLUMN lost_at timestamptz;
UPDATE member_balances b SET last_purchase_at = p.last FROM (
  SELECT member_id, max(occurred_at) AS last FROM purchases GROUP BY member_id) p WHERE p.member_id = b.member_id;

-- As before, and in the same statement: the event of the transaction, with the balance after it. Entries are
-- computed once from the postings and shared by the insert, the result and the event.
CREATE OR REPLACE FUNCTION pl_record(
  p_member text, p_program text, p_txn text, p_type text, p_points bigint,
  p_resource text, p_ref text, p_key text, p_external_ref text,
  p_occurred timestamptz, p_now timestamptz, p_data jsonb,
  p_accounts text[], p_amounts bigint[],
  p_due timestamptz DEFAULT NULL, p_purchases int DEFAULT 0, p_returns int DEFAULT 0, p_activity timestamptz DEFAULT NULL
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_txn jsonb;
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

  -- One statement for the balance, the transaction, its entries and its event: each statement a function runs
  -- costs more than the rows it writes.
  WITH balance AS (
    UPDATE member_balances
       SET available = available + d_available,
           pending = pending + d_pending,
           held = held + d_held,
           debt = debt - d_debt,
           lifetime_earned = lifetime_earned + d_earned,
           lifetime_redeemed = lifetime_redeemed + d_redeemed,
           lifetime_expired = lifetime_expired + d_expired,
           purchase_count = purchase_count + p_purchases,
           return_count = return_count + p_returns,
           next_due_at = least(next_due_at, p_due),
           last_activity_at = greatest(last_activity_at, p_activity),
           last_purchase_at = CASE WHEN p_purchases > 0 THEN greatest(last_purchase_at, p_activity) ELSE last_purchase_at END,
           lost_at = CASE WHEN p_purchases > 0 THEN NULL ELSE lost_at END,
           version = version + 1,
           updated_at = p_now
     WHERE member_id = p_member
    RETURNING version, available, pending, held, debt
  ), postings AS (
    SELECT a.account, sum(a.amount)::bigint AS amount
      FROM unnest(p_accounts, p_amounts) AS a(account, amount)
     GROUP BY a.account
    HAVING sum(a.amount) <> 0
  ), txn AS (
    INSERT INTO ledger_transactions (member_id, id, program_id, type, points, resource_id, ref_id, idempotency_key,
                                     external_ref, occurred_at, recorded_at, version, data)
    SELECT p_member, p_txn, p_program, p_type, p_points, p_resource, p_ref, p_key,
           p_external_ref, p_occurred, p_now, balance.version, coalesce(p_data, '{}'::jsonb)
      FROM balance
  ), entries AS (
    INSERT INTO ledger_entries (member_id, txn_id, account, program_id, amount, occurred_at)
    SELECT p_member, p_txn, account, p_program, amount, p_occurred FROM postings
  ), result AS (
    SELECT jsonb_build_object('id', p_txn, 'type', p_type, 'points', p_points, 'member_id', p_member,
             'resource_id', p_resource, 'ref_id', p_ref, 'external_ref', p_external_ref,
             'occurred_at', pl_ts(p_occurred), 'recorded_at', pl_ts(p_now), 'version', balance.version,
             'data', coalesce(p_data, '{}'::jsonb),
             'entries', (SELECT coalesce(jsonb_agg(jsonb_build_object('account', account, 'amount', amount) ORDER BY account),
                                         '[]'::jsonb) FROM postings)) AS txn,
           jsonb_build_object('available', balance.available, 'pending', balance.pending, 'held', balance.held,
                              'debt', balance.debt, 'version', balance.version) AS after
      FROM balance
  ), event AS (
    -- The event id is the transaction's, under the event prefix: one event per transaction, and no id to generate.
    INSERT INTO events (program_id, id, type, member_id, occurred_at, recorded_at, data)
    SELECT p_program, 'evt_' || substr(p_txn, 5), pl_event_type(p_type), p_member, p_occurred, p_now,
           jsonb_build_object('transaction', result.txn, 'balance', result.after)
      FROM result
  )
  SELECT txn INTO v_txn FROM result;
  RETURN v_txn;
END $$;

-- A member as the API shows it (src/http/routes/members.ts MemberSchema).
CREATE FUNCTION pl_member_json(m members) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', m.id, 'loyalty_id', m.loyalty_id, 'external_ref', m.external_ref, 'status', m.status,
    'status_reason', m.status_reason, 'name', m.name, 'phone', m.phone, 'email', m.email,
    'birth_date', to_char(m.birth_date, 'YYYY-MM-DD'), 'gender', m.gender, 'branch', m.branch,
    'created_at', pl_ts(m.created_at), 'updated_at', pl_ts(m.updated_at))
$$;

-- Enrollment, profile changes and status changes publish themselves, whoever makes them (the API, a rule).
CREATE FUNCTION pl_member_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_type text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_type := 'member.enrolled';
  ELSIF NEW IS NOT DISTINCT FROM OLD THEN
    RETURN NULL;
  ELSIF NEW.status = 'blocked' AND OLD.status <> 'blocked' THEN
    v_type := 'member.blocked';
  ELSIF OLD.status = 'blocked' AND NEW.status = 'active' THEN
    v_type := 'member.unblocked';
  ELSE
    v_type := 'member.updated';
  END IF;
  PERFORM pl_emit(NEW.program_id, NEW.id, v_type, NULL, NEW.updated_at, NEW.updated_at,
                  jsonb_build_object('member', pl_member_json(NEW))
                  || CASE WHEN TG_OP = 'UPDATE' AND NEW.status <> OLD.status
                          THEN jsonb_build_object('previous_status', OLD.status) ELSE '{}'::jsonb END);
  RETURN NULL;
END $$;
CREATE TRIGGER members_events AFTER INSERT OR UPDATE ON members FOR EACH ROW EXECUTE FUNCTION pl_member_event();

CREATE FUNCTION pl_tier_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pl_emit(NEW.program_id, NEW.member_id, 'tier.changed', NULL, NEW.occurred_at, NEW.recorded_at,
    jsonb_build_object('tier_change', jsonb_build_object('id', NEW.id, 'from', NEW.from_tier, 'to', NEW.to_tier,
      'direction', NEW.direction, 'qualifying_points', NEW.qualifying_points, 'cause', NEW.cause,
      'occurred_at', pl_ts(NEW.occurred_at))));
  RETURN NULL;
END $$;
CREATE TRIGGER tier_changes_events AFTER INSERT ON tier_changes FOR EACH ROW EXECUTE FUNCTION pl_tier_event();

---------------------------------------------------------------------------------------------------------------
-- Time-driven rules: expiry warnings, renewal, activities and task extensions, inactivity decay, birthdays, win-back
---------------------------------------------------------------------------------------------------------------

-- What a member did outside purchases (logins, completed tasks...): it counts as activity for inactivity decay and
-- for the daily tier gift.
CREATE TABLE member_activities (
  member_id    text NOT NULL,
  id           text NOT NULL,
  program_id   text NOT NULL,
  type         text NOT NULL,
  task_id      text,
  occurred_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (member_id, id)
);
CREATE INDEX member_activities_occurred_idx ON member_activities (member_id, occurred_at);
CREATE TRIGGER member_activities_append_only BEFORE UPDATE OR DELETE ON member_activities
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

-- Milestones that fire once: an expiry warning per expiry date, a birthday notice per year, a decay per inactive
-- period, a win-back step per inactivity spell, a task extension per day. The key makes "once" hold with the job
-- running twice or on two instances.
CREATE TABLE member_milestones (
  member_id    text NOT NULL,
  kind         text NOT NULL,
  key          text NOT NULL,
  program_id   text NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (member_id, kind, key)
);

-- Which expiry each renewal restored: an expiry is renewed at most once.
CREATE TABLE lot_renewals (
  member_id       text NOT NULL,
  expire_txn_id   text NOT NULL,
  program_id      text NOT NULL,
  renewal_txn_id  text NOT NULL,
  points          bigint NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (member_id, expire_txn_id)
);
CREATE TRIGGER lot_renewals_append_only BEFORE UPDATE OR DELETE ON lot_renewals
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();

-- Records a milestone; true when it is new (the caller then acts on it), false when it already fired.
CREATE FUNCTION pl_milestone(p_member text, p_program text, p_kind text, p_key text, p_now timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_milestones (member_id, kind, key, program_id, created_at)
  VALUES (p_member, p_kind, p_key, p_program, p_now) ON CONFLICT DO NOTHING;
  RETURN FOUND;
END $$;

-- Locks the member for a job step and settles what is due by as_of. Returns the member's status, or NULL if the
-- member is not in the program.
CREATE FUNCTION pl_job_member(p_member text, p_program text, p_as_of timestamptz, p_now timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_status text;
  v_due timestamptz;
BEGIN
  SELECT m.status, b.next_due_at INTO v_status, v_due
    FROM member_balances b JOIN members m ON m.id = b.member_id
   WHERE b.member_id = p_member AND b.program_id = p_program FOR UPDATE OF b;
  IF v_status IS NOT NULL AND v_due <= p_as_of THEN
    PERFORM pl_settle(p_member, p_program, p_as_of, p_now);
  END IF;
  RETURN v_status;
END $$;

-- Warns once per member and local expiry date, `warning_hours` before the first lot of that date expires.
CREATE FUNCTION ledger_expiry_warning(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_member text := p->>'member_id';
  v_program text := p->>'program_id';
  v_as_of timestamptz := (p->>'as_of')::timestamptz;
  v_now timestamptz := (p->>'now')::timestamptz;
  v_tz text := p->>'timezone';
  v_window interval := make_interval(hours => (p->>'warning_hours')::int);
  d record;
  warned int := 0;
BEGIN
  IF pl_job_member(v_member, v_program, v_as_of, v_now) IS NULL THEN
    RETURN jsonb_build_object('error', 'member_not_found');
  END IF;
  FOR d IN
    SELECT (expires_at AT TIME ZONE v_tz)::date AS day, min(expires_at) AS first_at, sum(remaining)::bigint AS points
      FROM lots
     WHERE member_id = v_member AND matured AND remaining > 0 AND expires_at > v_as_of
     GROUP BY 1
    HAVING min(expires_at) <= v_as_of + v_window
     ORDER BY 1
  LOOP
    CONTINUE WHEN NOT pl_milestone(v_member, v_program, 'expiry_warning', d.day::text, v_now);
    PERFORM pl_emit(v_program, v_member, 'points.expiring', NULL, d.first_at - v_window, v_now,
      jsonb_build_object('expires_on', d.day::text, 'first_expires_at', pl_ts(d.first_at), 'points', d.points,
                         'warning_hours', (p->>'warning_hours')::int));
    warned := warned + 1;
  END LOOP;
  RETURN jsonb_build_object('events', warned);
END $$;

-- Restores points that expired within the renewal window, once per expiry. Renewed points get a new lot with a
-- fresh validity; they cannot be renewed again.
CREATE FUNCTION ledger_renew(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_member text := p->>'member_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_window interval := make_interval(hours => (p->>'window_hours')::int);
  v_txn text := p->>'txn_id';
  lk record;
  v_points bigint;
  v_expired text[];
  v_last timestamptz;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO lk FROM pl_begin(p, v_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT coalesce(sum(t.points), 0)::bigint, array_agg(t.id ORDER BY t.occurred_at, t.id)
    INTO v_points, v_expired
    FROM ledger_transactions t JOIN lots l ON l.member_id = t.member_id AND l.id = t.ref_id
   WHERE t.member_id = v_member AND t.type = 'expire' AND l.source <> 'renew'
     AND t.occurred_at > v_now - v_window AND t.occurred_at <= v_now
     AND NOT EXISTS (SELECT 1 FROM lot_renewals r WHERE r.member_id = t.member_id AND r.expire_txn_id = t.id);
  IF v_points = 0 THEN
    SELECT max(t.occurred_at) INTO v_last
      FROM ledger_transactions t JOIN lots l ON l.member_id = t.member_id AND l.id = t.ref_id
     WHERE t.member_id = v_member AND t.type = 'expire' AND l.source <> 'renew' AND t.occurred_at <= v_now;
    RETURN pl_finish(p, CASE
      WHEN v_last IS NULL THEN jsonb_build_object('error', 'nothing_to_renew', 'member_id', v_member)
      WHEN v_last > v_now - v_window THEN jsonb_build_object('error', 'already_renewed', 'member_id', v_member,
                                                             'expired_at', pl_ts(v_last))
      ELSE jsonb_build_object('error', 'renewal_window_closed', 'member_id', v_member, 'expired_at', pl_ts(v_last),
                              'window_closed_at', pl_ts(v_last + v_window)) END);
  END IF;

  v_txn_json := pl_credit(v_member, v_program, v_txn, 'renew', v_points, NULL, p->>'lot_id', 'renew', v_now,
                          (p->>'expires_at')::timestamptz, v_now, v_now,
                          jsonb_build_object('expire_transaction_ids', to_jsonb(v_expired)),
                          'expired', p->>'renewal_id', p->>'idempotency_key', NULL, 0, v_now);
  INSERT INTO lot_renewals (member_id, expire_txn_id, program_id, renewal_txn_id, points, created_at)
  SELECT v_member, t.id, v_program, v_txn, t.points, v_now
    FROM ledger_transactions t WHERE t.member_id = v_member AND t.id = ANY (v_expired);

  RETURN pl_finish(p, jsonb_build_object(
    'status', 201,
    'transaction', v_txn_json,
    'renewal', jsonb_build_object('id', p->>'renewal_id', 'member_id', v_member, 'points', v_points,
                                  'expire_transaction_ids', to_jsonb(v_expired), 'lot_id', v_txn_json->'data'->'lot_id',
                                  'expires_at', pl_ts((p->>'expires_at')::timestamptz), 'created_at', pl_ts(v_now)),
    'balance', pl_balance_json(v_member, v_now, p)));
END $$;

-- Records an activity. The first completed task of a local day extends the member's soonest-expiring points.
CREATE FUNCTION ledger_activity(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_member text := p->>'member_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_occurred timestamptz := (p->>'occurred_at')::timestamptz;
  v_days int := (p->>'extension_days')::int;
  lk record;
  v_soonest timestamptz;
  v_points bigint;
  v_lots jsonb;
  v_extension jsonb;
BEGIN
  SELECT * INTO lk FROM pl_begin(p, v_member, false);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  INSERT INTO member_activities (member_id, id, program_id, type, task_id, occurred_at, recorded_at, data)
  VALUES (v_member, p->>'activity_id', v_program, p->>'type', p->>'task_id', v_occurred, v_now,
          coalesce(p->'data', '{}'::jsonb));
  UPDATE member_balances SET last_activity_at = greatest(last_activity_at, v_occurred) WHERE member_id = v_member;

  IF p->>'type' = 'task_completed' AND v_days > 0 THEN
    SELECT min(expires_at) INTO v_soonest FROM lots
     WHERE member_id = v_member AND matured AND remaining > 0 AND expires_at > v_now;
    IF v_soonest IS NOT NULL AND pl_milestone(v_member, v_program, 'task_extension', p->>'day_key', v_now) THEN
      WITH extended AS (
        UPDATE lots SET expires_at = expires_at + make_interval(days => v_days)
         WHERE member_id = v_member AND matured AND remaining > 0 AND expires_at = v_soonest
        RETURNING id, remaining)
      SELECT sum(remaining)::bigint, jsonb_agg(id ORDER BY id) INTO v_points, v_lots FROM extended;
      -- No points move: the transaction records the new expiry, and bumps the member's version like any change.
      v_extension := pl_record(v_member, v_program, p->>'txn_id', 'extend', v_points, NULL, p->>'activity_id',
                               NULL, NULL, v_occurred, v_now,
                               jsonb_build_object('lot_ids', v_lots, 'days', v_days, 'from', pl_ts(v_soonest),
                                                  'to', pl_ts(v_soonest + make_interval(days => v_days)),
                                                  'day', p->>'day_key', 'activity_id', p->>'activity_id'),
                               '{}'::text[], '{}'::bigint[]);
    END IF;
  END IF;

  RETURN pl_finish(p, jsonb_build_object(
    'status', 201,
    'activity', jsonb_build_object('id', p->>'activity_id', 'member_id', v_member, 'type', p->>'type',
                                   'task_id', p->>'task_id', 'occurred_at', pl_ts(v_occurred),
                                   'recorded_at', pl_ts(v_now), 'data', coalesce(p->'data', '{}'::jsonb)),
    'extension', v_extension,
    'balance', pl_balance_json(v_member, v_now, p)));
END $$;

-- Inactivity decay: every full period without activity (from the last activity, or enrollment) takes a share of the
-- available balance, soonest-expiring lots first, rounded down; each period at most once, at the instant it ended.
CREATE FUNCTION ledger_decay(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_member text := p->>'member_id';
  v_program text := p->>'program_id';
  v_as_of timestamptz := (p->>'as_of')::timestamptz;
  v_now timestamptz := (p->>'now')::timestamptz;
  v_days int := (p->>'after_days')::int;
  v_bps bigint := (p->>'percent_bps')::bigint;
  v_anchor timestamptz;
  v_available bigint;
  v_periods int;
  v_done int;
  v_at timestamptz;
  v_points bigint;
  v_txn text;
  decayed bigint := 0;
BEGIN
  IF pl_job_member(v_member, v_program, v_as_of, v_now) IS DISTINCT FROM 'active' THEN
    RETURN jsonb_build_object('points_decayed', 0);
  END IF;
  SELECT coalesce(b.last_activity_at, m.created_at) INTO v_anchor
    FROM member_balances b JOIN members m ON m.id = b.member_id WHERE b.member_id = v_member;
  v_periods := floor(extract(epoch FROM v_as_of - v_anchor) / (v_days * 86400.0));
  -- Periods already decayed for this spell of inactivity are skipped without a query each.
  SELECT coalesce(max(split_part(key, '/', 2)::int), 0) INTO v_done FROM member_milestones
   WHERE member_id = v_member AND kind = 'decay' AND key LIKE pl_ts(v_anchor) || '/%';
  FOR i IN v_done + 1..v_periods LOOP
    CONTINUE WHEN NOT pl_milestone(v_member, v_program, 'decay', pl_ts(v_anchor) || '/' || i, v_now);
    v_at := v_anchor + make_interval(days => v_days * i);
    SELECT available INTO v_available FROM member_balances WHERE member_id = v_member;
    v_points := v_available * v_bps / 10000;
    CONTINUE WHEN v_points <= 0;
    v_txn := pl_typeid('txn');
    IF pl_draw(v_member, v_program, v_txn, v_txn, v_points, v_now) <> v_points THEN
      RAISE EXCEPTION 'lots of member % do not cover the available balance', v_member;
    END IF;
    PERFORM pl_record(v_member, v_program, v_txn, 'decay', v_points, NULL, NULL, NULL, NULL, v_at, v_now,
                      jsonb_build_object('period', i, 'inactive_since', pl_ts(v_anchor), 'percent_bps', v_bps,
                                         'available_before', v_available),
                      ARRAY['available', 'decayed'], ARRAY[-v_points, v_points]);
    decayed := decayed + v_points;
  END LOOP;
  RETURN jsonb_build_object('points_decayed', decayed);
END $$;

-- A birth date's anniversary in a year; 29 February falls on 28 February in common years.
CREATE FUNCTION pl_birthday_in(p_birth date, p_year int) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN extract(month FROM p_birth) = 2 AND extract(day FROM p_birth) = 29
               AND NOT (p_year % 4 = 0 AND (p_year % 100 <> 0 OR p_year % 400 = 0))
              THEN make_date(p_year, 2, 28)
              ELSE make_date(p_year, extract(month FROM p_birth)::int, extract(day FROM p_birth)::int) END
$$;

-- The next anniversary on or after a date.
CREATE FUNCTION pl_next_birthday(p_birth date, p_today date) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN pl_birthday_in(p_birth, extract(year FROM p_today)::int) >= p_today
              THEN pl_birthday_in(p_birth, extract(year FROM p_today)::int)
              ELSE pl_birthday_in(p_birth, extract(year FROM p_today)::int + 1) END
$$;

-- member.birthday_upcoming once per birthday, from `days_before` local days before it.
CREATE FUNCTION ledger_birthday(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_member text := p->>'member_id';
  v_program text := p->>'program_id';
  v_as_of timestamptz := (p->>'as_of')::timestamptz;
  v_now timestamptz := (p->>'now')::timestamptz;
  v_today date := (v_as_of AT TIME ZONE (p->>'timezone'))::date;
  v_before int := (p->>'days_before')::int;
  v_birth date;
  v_next date;
BEGIN
  SELECT m.birth_date INTO v_birth FROM members m
   WHERE m.id = v_member AND m.program_id = v_program AND m.status = 'active';
  IF v_birth IS NULL THEN RETURN jsonb_build_object('events', 0); END IF;
  v_next := pl_next_birthday(v_birth, v_today);
  IF v_next - v_today > v_before
     OR NOT pl_milestone(v_member, v_program, 'birthday', extract(year FROM v_next)::text, v_now) THEN
    RETURN jsonb_build_object('events', 0);
  END IF;
  PERFORM pl_emit(v_program, v_member, 'member.birthday_upcoming', NULL, v_as_of, v_now,
    jsonb_build_object('birth_date', v_birth::text, 'birthday', v_next::text, 'days_before', v_next - v_today,
                       'offer_valid_from', (v_next - v_before)::text,
                       'offer_valid_until', (v_next + (p->>'offer_valid_days')::int)::text));
  RETURN jsonb_build_object('events', 1);
END $$;

-- Win-back: member.inactive at each milestone without a purchase (from the last purchase, or enrollment); only the
-- furthest milestone reached is announced, earlier ones passed over count as fired. The last one marks the member
-- lost until their next purchase.
CREATE FUNCTION ledger_win_back(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_member text := p->>'member_id';
  v_program text := p->>'program_id';
  v_as_of timestamptz := (p->>'as_of')::timestamptz;
  v_now timestamptz := (p->>'now')::timestamptz;
  v_tz text := p->>'timezone';
  v_anchor timestamptz;
  v_reached jsonb;
  v_reached_at timestamptz;
  v_new boolean := false;
  v_lost boolean;
  milestone jsonb;
  v_at timestamptz;
BEGIN
  IF pl_job_member(v_member, v_program, v_as_of, v_now) IS DISTINCT FROM 'active' THEN
    RETURN jsonb_build_object('events', 0);
  END IF;
  SELECT coalesce(b.last_purchase_at, m.created_at) INTO v_anchor
    FROM member_balances b JOIN members m ON m.id = b.member_id WHERE b.member_id = v_member;
  -- Milestones are {key, days} or {key, months} (calendar months in the program's time zone), in increasing order.
  FOR milestone IN SELECT value FROM jsonb_array_elements(p->'milestones') LOOP
    v_at := CASE WHEN milestone ? 'months'
                 THEN ((v_anchor AT TIME ZONE v_tz) + make_interval(months => (milestone->>'months')::int)) AT TIME ZONE v_tz
                 ELSE v_anchor + make_interval(days => (milestone->>'days')::int) END;
    EXIT WHEN v_at > v_as_of;
    v_new := pl_milestone(v_member, v_program, 'win_back', pl_ts(v_anchor) || '/' || (milestone->>'key'), v_now);
    v_reached := milestone;
    v_reached_at := v_at;
  END LOOP;
  IF NOT v_new THEN RETURN jsonb_build_object('events', 0); END IF;
  v_lost := coalesce((v_reached->>'lost')::boolean, false);
  IF v_lost THEN
    UPDATE member_balances SET lost_at = v_reached_at WHERE member_id = v_member;
  END IF;
  PERFORM pl_emit(v_program, v_member, 'member.inactive', NULL, v_reached_at, v_now,
    jsonb_build_object('milestone', v_reached->>'key', 'inactive_since', pl_ts(v_anchor), 'lost', v_lost));
  RETURN jsonb_build_object('events', 1, 'lost', v_lost);
END $$;

-- The daily tier gift also counts recorded activities (a login, a completed task) as being active that day.
CREATE FUNCTION pl_active_between(p_member text, p_from timestamptz, p_to timestamptz) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM ledger_transactions
                  WHERE member_id = p_member AND type IN ('earn', 'redeem', 'hold', 'capture', 'return', 'convert')
                    AND occurred_at >= p_from AND occurred_at < p_to)
      OR EXISTS (SELECT 1 FROM member_activities
                  WHERE member_id = p_member AND occurred_at >= p_from AND occurred_at < p_to);
END $$;

-- As in 0003, with recorded activities counting as activity. Pays the member's tier benefit for the period that contains as_of, at most once per member and period. The daily
-- gift also looks at the day before, so activity after the day's last run is still rewarded by the next one.
CREATE OR REPLACE FUNCTION ledger_tier_benefit(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
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
        CONTINUE WHEN NOT pl_active_between(v_member, day.starts, day.ends);
        paid := paid + pl_grant_benefit(v_member, v_program, tier, day.key, day.txn, day.lot, least(day.ends, v_as_of), v_now, v_expires);
      END LOOP;
  END CASE;
  RETURN jsonb_build_object('paid', paid);
END $$;
