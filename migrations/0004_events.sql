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
