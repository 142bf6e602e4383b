-- The points ledger: append-only double-entry postings, lots with FIFO-by-expiry allocation, cached balances,
-- idempotency, and one SQL function per write so every ledger write is one round trip.
--
-- Layout: every member-scoped table carries member_id first in its primary key, so the schema can later be
-- distributed by member_id without a rewrite. No row shared between members is written on the write path:
-- system accounts (issued, redeemed, expired, adjustments) have no cached balance; they are sums of entries.
--
-- Sign convention: an entry's amount is positive when points flow into the account. Member accounts
-- (available, pending, held) hold the member's points; `debt` goes negative when the member owes points.
-- Every transaction's entries sum to zero.

-- TypeID (prefix + UUIDv7 in Crockford base32) generated in the database, for rows a function creates.
CREATE FUNCTION pl_typeid(prefix text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  ms bigint := floor(extract(epoch FROM clock_timestamp()) * 1000);
  r text := replace(gen_random_uuid()::text, '-', '');
  hex text;
  bits bit(130);
  alphabet constant text := '0123456789abcdefghjkmnpqrstvwxyz';
  suffix text := '';
BEGIN
  hex := lpad(to_hex(ms), 12, '0') || '7' || substr(r, 1, 3)
      || to_hex(8 + (('x' || substr(r, 4, 1))::bit(4)::int & 3)) || substr(r, 5, 15);
  bits := B'00' || ('x' || hex)::bit(128);
  FOR i IN 0..25 LOOP
    suffix := suffix || substr(alphabet, substring(bits FROM i * 5 + 1 FOR 5)::int + 1, 1);
  END LOOP;
  RETURN prefix || '_' || suffix;
END $$;

CREATE FUNCTION pl_ts(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

CREATE TABLE member_balances (
  member_id         text PRIMARY KEY REFERENCES members (id),
  program_id        text NOT NULL,
  available         bigint NOT NULL DEFAULT 0 CHECK (available >= 0),
  pending           bigint NOT NULL DEFAULT 0 CHECK (pending >= 0),
  held              bigint NOT NULL DEFAULT 0 CHECK (held >= 0),
  debt              bigint NOT NULL DEFAULT 0 CHECK (debt >= 0),
  lifetime_earned   bigint NOT NULL DEFAULT 0,
  lifetime_redeemed bigint NOT NULL DEFAULT 0,
  lifetime_expired  bigint NOT NULL DEFAULT 0,
  purchase_count    integer NOT NULL DEFAULT 0,
  return_count      integer NOT NULL DEFAULT 0,
  -- Grows by exactly one with every ledger transaction of the member (each transaction records it).
  version           bigint NOT NULL DEFAULT 0,
  -- The earliest instant something of this member falls due (a lot matures or expires, a hold expires), or NULL.
  -- Writes and reads settle only when it has passed, so the common write skips the settlement queries.
  next_due_at       timestamptz,
  last_activity_at  timestamptz,
  updated_at        timestamptz
) WITH (fillfactor = 80);
-- Room on each page keeps the per-write balance update HOT (no index touched); the jobs find due members here.
CREATE INDEX member_balances_due_idx ON member_balances (program_id, next_due_at) WHERE next_due_at IS NOT NULL;

-- Every member has a balance row from enrollment on: it is the row writes lock to serialise per member.
CREATE FUNCTION pl_create_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_balances (member_id, program_id) VALUES (NEW.id, NEW.program_id);
  RETURN NEW;
END $$;
CREATE TRIGGER members_create_balance AFTER INSERT ON members FOR EACH ROW EXECUTE FUNCTION pl_create_balance();
INSERT INTO member_balances (member_id, program_id) SELECT id, program_id FROM members;

CREATE TABLE ledger_transactions (
  member_id        text NOT NULL,
  id               text NOT NULL,
  program_id       text NOT NULL,
  type             text NOT NULL CHECK (type IN ('earn', 'return', 'redeem', 'reversal', 'hold', 'capture', 'void',
                     'hold_expire', 'adjust', 'mature', 'expire', 'debt_payment')),
  -- The headline figure of the transaction (always >= 0); the entries carry the signed detail.
  points           bigint NOT NULL CHECK (points >= 0),
  -- The business resource this transaction created (pur_, ret_, red_, rev_, hld_, adj_ ids) ...
  resource_id      text,
  -- ... or acted on (the purchase of a return, the redemption of a reversal, the hold of a capture).
  ref_id           text,
  idempotency_key  text,
  -- The integrator's receipt id for purchases and returns.
  external_ref     text,
  occurred_at      timestamptz NOT NULL,
  recorded_at      timestamptz NOT NULL,
  -- The member's balance version after this transaction: 1, 2, 3... with no gaps.
  version          bigint NOT NULL,
  -- The writing database transaction: lets a later event feed order by commit visibility, not just by id.
  db_xid           xid8 NOT NULL DEFAULT pg_current_xact_id(),
  data             jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (member_id, id),
  UNIQUE (member_id, version)
);
CREATE UNIQUE INDEX ledger_transactions_receipt_key ON ledger_transactions (program_id, type, external_ref)
  WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX ledger_transactions_resource_key ON ledger_transactions (program_id, resource_id)
  WHERE resource_id IS NOT NULL;
CREATE INDEX ledger_transactions_occurred_idx ON ledger_transactions (member_id, occurred_at);

CREATE TABLE ledger_entries (
  member_id    text NOT NULL,
  txn_id       text NOT NULL,
  account      text NOT NULL CHECK (account IN ('available', 'pending', 'held', 'debt',
                 'issued', 'redeemed', 'expired', 'adjustments')),
  program_id   text NOT NULL,
  amount       bigint NOT NULL CHECK (amount <> 0),
  occurred_at  timestamptz NOT NULL,
  -- The only index: every index on the write path costs WAL and contention, and reads go member by member.
  PRIMARY KEY (member_id, txn_id, account)
);

CREATE TABLE lots (
  member_id    text NOT NULL,
  id           text NOT NULL,
  program_id   text NOT NULL,
  txn_id       text NOT NULL,
  source       text NOT NULL CHECK (source IN ('earn', 'adjust')),
  granted      bigint NOT NULL CHECK (granted > 0),
  -- Cached: granted plus the signed sum of this lot's allocations (checked by the trial balance).
  remaining    bigint NOT NULL CHECK (remaining >= 0 AND remaining <= granted),
  matured      boolean NOT NULL,
  matures_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (member_id, id)
) WITH (fillfactor = 85);
-- No index mentions `remaining`, so drawing points from a lot is a HOT update that touches no index.
CREATE INDEX lots_spendable_idx ON lots (member_id, expires_at, id) WHERE matured;
CREATE INDEX lots_maturing_idx ON lots (member_id, matures_at) WHERE NOT matured;

CREATE TABLE lot_allocations (
  member_id    text NOT NULL,
  txn_id       text NOT NULL,
  lot_id       text NOT NULL,
  -- The transaction whose draw this allocation belongs to: a redemption's or hold's own id for the draw, and the
  -- same id on the reversal, release or capture that gives points back, so outstanding draws are a simple sum.
  ref_txn_id   text NOT NULL,
  program_id   text NOT NULL,
  points       bigint NOT NULL CHECK (points <> 0),
  PRIMARY KEY (member_id, txn_id, lot_id)
);
CREATE INDEX lot_allocations_ref_idx ON lot_allocations (member_id, ref_txn_id);

CREATE TABLE purchases (
  member_id        text NOT NULL,
  id               text NOT NULL,
  program_id       text NOT NULL,
  txn_id           text NOT NULL,
  receipt_id       text NOT NULL,
  amount           bigint NOT NULL CHECK (amount > 0),
  currency         text NOT NULL,
  store_id         text,
  points           bigint NOT NULL CHECK (points >= 0),
  lot_id           text,
  -- Running totals of returns (cached; each return is also its own transaction).
  returned_amount  bigint NOT NULL DEFAULT 0 CHECK (returned_amount >= 0 AND returned_amount <= amount),
  returned_points  bigint NOT NULL DEFAULT 0 CHECK (returned_points >= 0 AND returned_points <= points),
  occurred_at      timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (member_id, id)
);
CREATE UNIQUE INDEX purchases_program_id_key ON purchases (program_id, id);

CREATE TABLE holds (
  member_id    text NOT NULL,
  id           text NOT NULL,
  program_id   text NOT NULL,
  txn_id       text NOT NULL,
  points       bigint NOT NULL CHECK (points > 0),
  captured     bigint,
  status       text NOT NULL CHECK (status IN ('active', 'captured', 'voided', 'expired')),
  reason       text,
  store_id     text,
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL,
  closed_at    timestamptz,
  PRIMARY KEY (member_id, id)
);
CREATE UNIQUE INDEX holds_program_id_key ON holds (program_id, id);
CREATE INDEX holds_active_expiry_idx ON holds (member_id, expires_at) WHERE status = 'active';

-- The first response to each Idempotency-Key, written in the same transaction as its effect and replayed to
-- retries. Not part of the ledger: rows may be pruned after the retry horizon.
CREATE TABLE idempotency_keys (
  program_id    text NOT NULL,
  key           text NOT NULL,
  request_hash  bytea NOT NULL,
  response      jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (program_id, key)
);

-- Ledger rows are facts: corrections are new transactions, never edits.
CREATE FUNCTION pl_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();
CREATE TRIGGER lot_allocations_append_only BEFORE UPDATE OR DELETE ON lot_allocations
  FOR EACH ROW EXECUTE FUNCTION pl_reject_change();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION pl_reject_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION pl_reject_change();
CREATE TRIGGER lot_allocations_no_truncate BEFORE TRUNCATE ON lot_allocations
  FOR EACH STATEMENT EXECUTE FUNCTION pl_reject_change();

---------------------------------------------------------------------------------------------------------------
-- Building blocks. They assume the caller holds the member's balance row lock (pl_begin).
---------------------------------------------------------------------------------------------------------------

-- Records one transaction: applies the member-account deltas to the balance row (its CHECKs refuse a negative
-- balance), bumps the version, writes the transaction and its non-zero entries, and returns the transaction as the
-- API shows it. p_due is a new instant something falls due (a lot or hold created), kept in next_due_at.
CREATE FUNCTION pl_record(
  p_member text, p_program text, p_txn text, p_type text, p_points bigint,
  p_resource text, p_ref text, p_key text, p_external_ref text,
  p_occurred timestamptz, p_now timestamptz, p_data jsonb,
  p_accounts text[], p_amounts bigint[],
  p_due timestamptz DEFAULT NULL, p_purchases int DEFAULT 0, p_returns int DEFAULT 0, p_activity timestamptz DEFAULT NULL
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_version bigint;
  v_entries jsonb;
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

  -- One statement for the balance, the transaction and its entries: each statement a function runs costs more
  -- than the rows it writes.
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
           version = version + 1,
           updated_at = p_now
     WHERE member_id = p_member
    RETURNING version
  ), txn AS (
    INSERT INTO ledger_transactions (member_id, id, program_id, type, points, resource_id, ref_id, idempotency_key,
                                     external_ref, occurred_at, recorded_at, version, data)
    SELECT p_member, p_txn, p_program, p_type, p_points, p_resource, p_ref, p_key,
           p_external_ref, p_occurred, p_now, balance.version, coalesce(p_data, '{}'::jsonb)
      FROM balance
    RETURNING version
  ), inserted AS (
    INSERT INTO ledger_entries (member_id, txn_id, account, program_id, amount, occurred_at)
    SELECT p_member, p_txn, a.account, p_program, sum(a.amount), p_occurred
      FROM unnest(p_accounts, p_amounts) AS a(account, amount)
     GROUP BY a.account
    HAVING sum(a.amount) <> 0
    RETURNING account, amount)
  SELECT (SELECT version FROM txn),
         (SELECT coalesce(jsonb_agg(jsonb_build_object('account', account, 'amount', amount) ORDER BY account), '[]'::jsonb)
            FROM inserted)
    INTO v_version, v_entries;

  RETURN jsonb_build_object('id', p_txn, 'type', p_type, 'points', p_points, 'member_id', p_member,
           'resource_id', p_resource, 'ref_id', p_ref, 'external_ref', p_external_ref,
           'occurred_at', pl_ts(p_occurred), 'recorded_at', pl_ts(p_now), 'version', v_version,
           'data', coalesce(p_data, '{}'::jsonb), 'entries', v_entries);
END $$;

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
  UPDATE holds SET status = CASE p_type WHEN 'void' THEN 'voided' ELSE 'expired' END, closed_at = p_now
   WHERE member_id = p_member AND id = p_hold_id;
  RETURN v_txn;
END $$;

-- Points that come back to the balance while the member owes a debt (a reversal, a released hold, maturing
-- points, a credit) pay the debt first, soonest-expiring lots first: otherwise "buy, redeem, return, reverse the
-- redemption" would leave the member both the points and the debt. Returns the points paid.
CREATE FUNCTION pl_pay_debt(p_member text, p_program text, p_now timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_pay bigint;
  v_txn text;
BEGIN
  SELECT least(available, debt) INTO v_pay FROM member_balances WHERE member_id = p_member;
  IF v_pay IS NULL OR v_pay <= 0 THEN RETURN 0; END IF;
  v_txn := pl_typeid('txn');
  v_pay := pl_draw(p_member, p_program, v_txn, v_txn, v_pay, p_now);
  IF v_pay > 0 THEN
    PERFORM pl_record(p_member, p_program, v_txn, 'debt_payment', v_pay, NULL, NULL, NULL, NULL, p_now, p_now,
                      '{}'::jsonb, ARRAY['available', 'debt'], ARRAY[-v_pay, v_pay]);
  END IF;
  RETURN v_pay;
END $$;

-- Brings the member's ledger up to p_as_of: expires overdue holds, matures pending lots, expires lots.
-- Each step is its own transaction with the business time it happened at. Idempotent: nothing due, nothing done.
CREATE FUNCTION pl_settle(p_member text, p_program text, p_as_of timestamptz, p_now timestamptz,
                          p_holds boolean DEFAULT true, p_mature boolean DEFAULT true, p_expire boolean DEFAULT true)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  h record;
  lot record;
  v_txn text;
  n_holds int := 0; n_matured bigint := 0; n_expired bigint := 0;
  total bigint;
  latest timestamptz;
BEGIN
  IF p_holds THEN
    FOR h IN SELECT id, expires_at FROM holds
              WHERE member_id = p_member AND status = 'active' AND expires_at <= p_as_of ORDER BY expires_at
    LOOP
      PERFORM pl_release_hold(p_member, p_program, h.id, 'hold_expire', pl_typeid('txn'), h.expires_at, p_now, NULL);
      n_holds := n_holds + 1;
    END LOOP;
  END IF;

  IF p_mature THEN
    SELECT coalesce(sum(remaining), 0), max(matures_at) INTO total, latest
      FROM lots WHERE member_id = p_member AND NOT matured AND matures_at <= p_as_of;
    IF latest IS NOT NULL THEN
      v_txn := pl_typeid('txn');
      UPDATE lots SET matured = true WHERE member_id = p_member AND NOT matured AND matures_at <= p_as_of;
      IF total > 0 THEN
        PERFORM pl_record(p_member, p_program, v_txn, 'mature', total, NULL, NULL, NULL, NULL, latest, p_now,
                          '{}'::jsonb, ARRAY['pending', 'available'], ARRAY[-total, total]);
        n_matured := total;
      END IF;
    END IF;
  END IF;

  IF p_expire THEN
    FOR lot IN SELECT id, remaining, expires_at FROM lots
                WHERE member_id = p_member AND matured AND remaining > 0 AND expires_at <= p_as_of
                ORDER BY expires_at, id
    LOOP
      v_txn := pl_typeid('txn');
      UPDATE lots SET remaining = 0 WHERE member_id = p_member AND id = lot.id;
      INSERT INTO lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, points)
      VALUES (p_member, v_txn, lot.id, v_txn, p_program, -lot.remaining);
      PERFORM pl_record(p_member, p_program, v_txn, 'expire', lot.remaining, NULL, lot.id, NULL, NULL,
                        lot.expires_at, p_now, jsonb_build_object('lot_id', lot.id),
                        ARRAY['available', 'expired'], ARRAY[-lot.remaining, lot.remaining]);
      n_expired := n_expired + lot.remaining;
    END LOOP;
  END IF;

  IF p_holds OR p_mature THEN PERFORM pl_pay_debt(p_member, p_program, p_now); END IF;

  UPDATE member_balances SET next_due_at = (
    SELECT min(due) FROM (
      SELECT min(expires_at) AS due FROM lots WHERE member_id = p_member AND matured AND remaining > 0
      UNION ALL SELECT min(matures_at) FROM lots WHERE member_id = p_member AND NOT matured
      UNION ALL SELECT min(expires_at) FROM holds WHERE member_id = p_member AND status = 'active') d)
   WHERE member_id = p_member;
  RETURN jsonb_build_object('holds_expired', n_holds, 'points_matured', n_matured, 'points_expired', n_expired);
END $$;

-- What program rules add to a balance (the tier); nothing without rules.
CREATE FUNCTION pl_balance_extra(p_member text, p_now timestamptz, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN '{}'::jsonb; END $$;

-- The member's balance as the API shows it, including points expiring in the next 30 days by local date.
-- p is the request: it carries the program's time zone (and whatever later rules need to describe the balance).
CREATE FUNCTION pl_balance_json(p_member text, p_now timestamptz, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  result jsonb;
BEGIN
  SELECT jsonb_build_object(
    'member_id', b.member_id,
    'available', b.available,
    'pending', b.pending,
    'held', b.held,
    'debt', b.debt,
    'lifetime', jsonb_build_object('earned', b.lifetime_earned, 'redeemed', b.lifetime_redeemed,
                                   'expired', b.lifetime_expired),
    'expiring', coalesce((
      SELECT jsonb_agg(jsonb_build_object('date', d, 'points', pts) ORDER BY d)
        FROM (SELECT to_char(expires_at AT TIME ZONE (p->>'timezone'), 'YYYY-MM-DD') AS d, sum(remaining) AS pts
                FROM lots
               WHERE member_id = p_member AND matured AND remaining > 0
                 AND expires_at > p_now AND expires_at <= p_now + interval '30 days'
               GROUP BY 1) e), '[]'::jsonb),
    'version', b.version)
    INTO result
    FROM member_balances b WHERE b.member_id = p_member;
  RETURN result || pl_balance_extra(p_member, p_now, p);
END $$;




-- Every write starts the same way, here: re-check the caller's API key (the service caches keys, so a revoked
-- one is refused at once on every instance only because of this check), lock the member's balance row (the
-- per-member serialisation point: a concurrent duplicate waits on it), replay a stored result for the
-- Idempotency-Key, refuse a member who may not transact, and settle anything already due. `result` set means:
-- return it. p_member NULL means the resource the request names does not exist: p_missing is the refusal.
CREATE FUNCTION pl_begin(p jsonb, p_member text, p_spending boolean, p_missing jsonb DEFAULT NULL,
                         OUT result jsonb, OUT available bigint, OUT debt bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_status text;
  v_due timestamptz;
BEGIN
  IF p ? 'api_key_id' AND NOT EXISTS (SELECT 1 FROM api_keys WHERE id = p->>'api_key_id' AND revoked_at IS NULL) THEN
    result := jsonb_build_object('error', 'unauthenticated');
    RETURN;
  END IF;
  IF p_member IS NOT NULL THEN
    SELECT m.status, b.next_due_at, b.available, b.debt INTO v_status, v_due, available, debt
      FROM member_balances b JOIN members m ON m.id = b.member_id
     WHERE b.member_id = p_member AND b.program_id = v_program
       FOR UPDATE OF b;
  END IF;
  result := pl_replay(p);
  IF result IS NOT NULL THEN RETURN; END IF;
  IF p_member IS NULL THEN
    result := pl_finish(p, p_missing);
  ELSIF v_status IS NULL THEN
    result := pl_finish(p, jsonb_build_object('error', 'member_not_found', 'member_id', p_member));
  ELSIF p_spending AND v_status IN ('blocked', 'deactivated') THEN
    result := pl_finish(p, jsonb_build_object('error', 'member_' || v_status, 'member_id', p_member));
  ELSIF v_due <= v_now THEN
    PERFORM pl_settle(p_member, v_program, v_now, v_now);
    SELECT b.available, b.debt INTO available, debt FROM member_balances b WHERE b.member_id = p_member;
  END IF;
END $$;

-- The stored result of the request's Idempotency-Key: the first response to replay, a reuse error for another
-- request, or NULL when the key is new.
CREATE FUNCTION pl_replay(p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  stored record;
BEGIN
  IF p->>'idempotency_key' IS NULL THEN RETURN NULL; END IF;
  SELECT request_hash, response INTO stored FROM idempotency_keys
   WHERE program_id = p->>'program_id' AND key = p->>'idempotency_key';
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF stored.request_hash <> decode(p->>'request_hash', 'hex') THEN
    RETURN jsonb_build_object('error', 'idempotency_key_reused');
  END IF;
  RETURN stored.response || jsonb_build_object('replayed', true);
END $$;

-- Stores the result against the key in the same transaction as the effect. Two requests with one key for
-- different members both get here; the second fails on the primary key and the caller retries into a replay.
CREATE FUNCTION pl_finish(p jsonb, p_result jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
BEGIN
  IF p->>'idempotency_key' IS NOT NULL THEN
    INSERT INTO idempotency_keys (program_id, key, request_hash, response, created_at)
    VALUES (p->>'program_id', p->>'idempotency_key', decode(p->>'request_hash', 'hex'), p_result,
            (p->>'now')::timestamptz);
  END IF;
  RETURN p_result;
END $$;

-- Extension points for program rules (limits, fraud checks, tiers, bonuses). Here they apply no rules; a later
-- migration replaces them, so the write functions below never need rewriting to gain a rule.

-- A refusal (as a result object) before points move, or NULL. p_kind is 'earn' or 'redeem'.
-- (PL/pgSQL rather than SQL throughout the write path: a SQL function called from PL/pgSQL is planned again on
-- every call, a PL/pgSQL one keeps its plans for the session.)
CREATE FUNCTION pl_guard(p_member text, p_program text, p_kind text, p_points bigint, p_now timestamptz, p jsonb)
RETURNS jsonb LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN NULL; END $$;

-- The points a purchase earns for this member (the service computed the base from money and rate).
CREATE FUNCTION pl_earn_points(p_member text, p jsonb) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN (p->>'points')::bigint; END $$;

-- What happens after a purchase is recorded (bonuses, tier changes); its result is merged into the response.
CREATE FUNCTION pl_after_earn(p_member text, p_program text, p_purchase text, p_occurred timestamptz,
                              p_now timestamptz, p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$ BEGIN RETURN '{}'::jsonb; END $$;

-- Credits points in a transaction of its own: they pay any open debt first, and the rest becomes a new lot,
-- pending until p_matures. Returns the transaction (its data says debt_paid and lot_id).
CREATE FUNCTION pl_credit(p_member text, p_program text, p_txn text, p_type text, p_points bigint, p_ref text,
                          p_lot text, p_source text, p_matures timestamptz, p_expires timestamptz,
                          p_occurred timestamptz, p_now timestamptz, p_data jsonb,
                          p_system_account text DEFAULT 'issued', p_resource text DEFAULT NULL, p_key text DEFAULT NULL,
                          p_external_ref text DEFAULT NULL, p_purchases int DEFAULT 0, p_activity timestamptz DEFAULT NULL)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_pay bigint;
  v_credit bigint;
  v_matured boolean := p_matures <= p_now;
BEGIN
  SELECT least(debt, p_points) INTO v_pay FROM member_balances WHERE member_id = p_member;
  v_credit := p_points - v_pay;
  IF v_credit > 0 THEN
    INSERT INTO lots (member_id, id, program_id, txn_id, source, granted, remaining, matured, matures_at, expires_at, created_at)
    VALUES (p_member, p_lot, p_program, p_txn, p_source, v_credit, v_credit, v_matured, p_matures, p_expires, p_now);
  END IF;
  RETURN pl_record(p_member, p_program, p_txn, p_type, p_points, p_resource, p_ref, p_key, p_external_ref, p_occurred,
                   p_now, p_data || jsonb_build_object('debt_paid', v_pay, 'lot_id', CASE WHEN v_credit > 0 THEN p_lot END),
                   ARRAY[p_system_account, 'debt', CASE WHEN v_matured THEN 'available' ELSE 'pending' END],
                   ARRAY[-p_points, v_pay, v_credit],
                   CASE WHEN v_credit = 0 THEN NULL WHEN v_matured THEN p_expires ELSE p_matures END,
                   p_purchases, 0, p_activity);
END $$;

-- Spending points: the program's rules for p_kind (none for an admin debit), then the balance, then the draw from
-- spendable lots, soonest expiry first. Returns a refusal, or NULL when the points are drawn for p_txn.
CREATE FUNCTION pl_spend(p jsonb, p_member text, p_txn text, p_points bigint, p_available bigint, p_kind text)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := (p->>'now')::timestamptz;
  refusal jsonb;
BEGIN
  IF p_kind IS NOT NULL THEN
    refusal := pl_guard(p_member, p->>'program_id', p_kind, p_points, v_now, p);
    IF refusal IS NOT NULL THEN RETURN refusal; END IF;
  END IF;
  IF p_available < p_points THEN
    RETURN jsonb_build_object('error', 'insufficient_points', 'available', p_available, 'requested', p_points);
  END IF;
  IF pl_draw(p_member, p->>'program_id', p_txn, p_txn, p_points, v_now) <> p_points THEN
    RAISE EXCEPTION 'lots of member % do not cover the available balance', p_member;
  END IF;
  RETURN NULL;
END $$;

---------------------------------------------------------------------------------------------------------------
-- Write operations: each takes one jsonb argument and returns one jsonb result ({"error": code, ...} for a
-- business refusal, stored against the Idempotency-Key like a success). Called as named prepared statements: one
-- round trip per write. Ids of the rows a request creates come from the caller (TypeIDs made in the service).
---------------------------------------------------------------------------------------------------------------

CREATE FUNCTION ledger_earn(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_member text := p->>'member_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_occurred timestamptz := (p->>'occurred_at')::timestamptz;
  v_matures timestamptz := (p->>'matures_at')::timestamptz;
  v_expires timestamptz := (p->>'expires_at')::timestamptz;
  v_points bigint;
  v_receipt text := p->>'receipt_id';
  v_txn text := p->>'txn_id';
  v_purchase text := p->>'purchase_id';
  v_extra jsonb;
  v_result jsonb;
  lk record;
  v_existing text;
  v_pay bigint;
  v_credit bigint;
  v_lot text;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO lk FROM pl_begin(p, v_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT resource_id INTO v_existing FROM ledger_transactions
   WHERE program_id = v_program AND type = 'earn' AND external_ref = v_receipt;
  IF FOUND THEN
    RETURN pl_finish(p, jsonb_build_object('error', 'duplicate_receipt',
                     'receipt_id', v_receipt, 'purchase_id', v_existing));
  END IF;
  v_points := pl_earn_points(v_member, p);
  v_result := pl_guard(v_member, v_program, 'earn', v_points, v_now, p);
  IF v_result IS NOT NULL THEN RETURN pl_finish(p, v_result); END IF;

  -- Earnings pay off a debt left by an earlier return before anything becomes spendable.
  v_txn_json := pl_credit(v_member, v_program, v_txn, 'earn', v_points, NULL, p->>'lot_id', 'earn', v_matures, v_expires,
                          v_occurred, v_now,
                          jsonb_build_object('amount', (p->>'amount')::bigint, 'currency', p->>'currency',
                                             'rate', p->'rate', 'store_id', p->>'store_id'),
                          'issued', v_purchase, p->>'idempotency_key', v_receipt, 1, v_occurred);
  v_pay := (v_txn_json->'data'->>'debt_paid')::bigint;
  v_credit := v_points - v_pay;
  v_lot := v_txn_json->'data'->>'lot_id';
  INSERT INTO purchases (member_id, id, program_id, txn_id, receipt_id, amount, currency, store_id, points, lot_id,
                         occurred_at, created_at)
  VALUES (v_member, v_purchase, v_program, v_txn, v_receipt, (p->>'amount')::bigint, p->>'currency',
          p->>'store_id', v_points, v_lot, v_occurred, v_now);
  v_extra := pl_after_earn(v_member, v_program, v_purchase, v_occurred, v_now, p);
  -- A back-dated purchase can land already past its expiry.
  IF v_lot IS NOT NULL AND v_expires <= v_now THEN
    PERFORM pl_settle(v_member, v_program, v_now, v_now);
  END IF;

  RETURN pl_finish(p, jsonb_build_object(
    'status', 201,
    'transaction', v_txn_json,
    'purchase', jsonb_build_object('id', v_purchase, 'member_id', v_member, 'receipt_id', v_receipt,
                                   'amount', jsonb_build_object('amount', (p->>'amount')::bigint, 'currency', p->>'currency'),
                                   'store_id', p->>'store_id', 'points', v_points,
                                   'base_points', (p->>'points')::bigint, 'rate', p->'rate',
                                   'rate_set_id', p->>'rate_set_id', 'debt_paid', v_pay,
                                   'lot', CASE WHEN v_lot IS NULL THEN NULL ELSE jsonb_build_object(
                                     'id', v_lot, 'points', v_credit, 'matures_at', p->>'matures_at',
                                     'expires_at', p->>'expires_at') END,
                                   'occurred_at', p->>'occurred_at'),
    'balance', pl_balance_json(v_member, v_now, p)) || v_extra);
END $$;

CREATE FUNCTION ledger_return(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_amount bigint := (p->>'amount')::bigint;
  v_receipt text := p->>'receipt_id';
  v_policy text := p->>'return_policy';
  v_txn text := p->>'txn_id';
  v_return text := p->>'return_id';
  v_result jsonb;
  v_member text;
  lk record;
  pur purchases%ROWTYPE;
  own lots%ROWTYPE;
  v_existing text;
  v_target bigint;
  v_claw bigint;
  own_take bigint := 0;
  from_balance bigint := 0;
  to_debt bigint := 0;
  forgiven bigint := 0;
  v_txn_json jsonb;
BEGIN
  SELECT member_id INTO v_member FROM purchases WHERE program_id = v_program AND id = p->>'purchase_id';
  -- Returns claw points back even from a blocked member.
  SELECT * INTO lk FROM pl_begin(p, v_member, false,
                                  jsonb_build_object('error', 'purchase_not_found', 'purchase_id', p->>'purchase_id'));
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT * INTO pur FROM purchases WHERE member_id = v_member AND id = p->>'purchase_id';
  IF pur.currency <> p->>'currency' THEN
    RETURN pl_finish(p, jsonb_build_object('error', 'currency_mismatch', 'currency', pur.currency));
  END IF;
  IF pur.returned_amount + v_amount > pur.amount THEN
    RETURN pl_finish(p, jsonb_build_object('error', 'return_exceeds_purchase',
      'returnable', jsonb_build_object('amount', pur.amount - pur.returned_amount, 'currency', pur.currency)));
  END IF;
  SELECT resource_id INTO v_existing FROM ledger_transactions
   WHERE program_id = v_program AND type = 'return' AND external_ref = v_receipt;
  IF FOUND THEN
    RETURN pl_finish(p, jsonb_build_object('error', 'duplicate_receipt',
                     'receipt_id', v_receipt, 'return_id', v_existing));
  END IF;

  -- Cumulative proportion, so several partial returns add up to exactly the points of a full return.
  v_target := floor(pur.points::numeric * (pur.returned_amount + v_amount) / pur.amount);
  v_claw := v_target - pur.returned_points;

  IF pur.lot_id IS NOT NULL AND v_claw > 0 THEN
    SELECT * INTO own FROM lots WHERE member_id = v_member AND id = pur.lot_id;
    IF own.remaining > 0 AND own.expires_at > v_now THEN
      own_take := least(own.remaining, v_claw);
      UPDATE lots SET remaining = remaining - own_take WHERE member_id = v_member AND id = own.id;
      INSERT INTO lot_allocations (member_id, txn_id, lot_id, ref_txn_id, program_id, points)
      VALUES (v_member, v_txn, own.id, v_txn, v_program, -own_take);
    END IF;
  END IF;
  from_balance := pl_draw(v_member, v_program, v_txn, v_txn, v_claw - own_take, v_now, pur.lot_id);
  IF v_policy = 'debt' THEN
    to_debt := v_claw - own_take - from_balance;
  ELSE
    forgiven := v_claw - own_take - from_balance;
  END IF;

  v_txn_json := pl_record(v_member, v_program, v_txn, 'return', own_take + from_balance + to_debt, v_return, pur.id,
                    p->>'idempotency_key', v_receipt, v_now, v_now,
                    jsonb_build_object('amount', v_amount, 'currency', pur.currency, 'purchase_id', pur.id,
                                       'claw', v_claw, 'clawed_from_purchase', own_take, 'clawed_from_balance', from_balance,
                                       'debt', to_debt, 'forgiven', forgiven, 'policy', v_policy),
                    ARRAY['issued', CASE WHEN own.matured IS FALSE THEN 'pending' ELSE 'available' END, 'available', 'debt'],
                    ARRAY[own_take + from_balance + to_debt, -own_take, -from_balance, -to_debt],
                    NULL, 0, 1, NULL);
  UPDATE purchases SET returned_amount = returned_amount + v_amount, returned_points = v_target
   WHERE member_id = v_member AND id = pur.id;

  RETURN pl_finish(p, jsonb_build_object(
    'status', 201,
    'transaction', v_txn_json,
    'return', jsonb_build_object('id', v_return, 'purchase_id', pur.id, 'member_id', v_member, 'receipt_id', v_receipt,
                                 'amount', jsonb_build_object('amount', v_amount, 'currency', pur.currency),
                                 'points', v_claw, 'clawed_from_purchase', own_take,
                                 'clawed_from_balance', from_balance, 'debt', to_debt, 'forgiven', forgiven),
    'balance', pl_balance_json(v_member, v_now, p)));
END $$;

CREATE FUNCTION ledger_redeem(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_member text := p->>'member_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_points bigint := (p->>'points')::bigint;
  v_txn text := p->>'txn_id';
  v_redemption text := p->>'redemption_id';
  v_result jsonb;
  lk record;
  v_available bigint;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO lk FROM pl_begin(p, v_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;
  v_available := lk.available;

  v_result := pl_spend(p, v_member, v_txn, v_points, v_available, 'redeem');
  IF v_result IS NOT NULL THEN RETURN pl_finish(p, v_result); END IF;
  v_txn_json := pl_record(v_member, v_program, v_txn, 'redeem', v_points, v_redemption, NULL, p->>'idempotency_key', NULL, v_now, v_now,
                    jsonb_build_object('reason', p->>'reason', 'store_id', p->>'store_id'),
                    ARRAY['available', 'redeemed'], ARRAY[-v_points, v_points], NULL, 0, 0, v_now);

  RETURN pl_finish(p, jsonb_build_object(
    'status', 201,
    'transaction', v_txn_json,
    'redemption', jsonb_build_object('id', v_redemption, 'member_id', v_member, 'points', v_points,
                                     'reversed', 0, 'reason', p->>'reason', 'store_id', p->>'store_id',
                                     'created_at', p->>'now'),
    'balance', pl_balance_json(v_member, v_now, p)));
END $$;

CREATE FUNCTION ledger_reverse(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_txn text := p->>'txn_id';
  v_reversal text := p->>'reversal_id';
  v_result jsonb;
  lk record;
  v_member text;
  v_redeem_txn text;
  v_reversible bigint;
  v_points bigint;
  v_txn_json jsonb;
BEGIN
  SELECT member_id, id INTO v_member, v_redeem_txn FROM ledger_transactions
   WHERE program_id = v_program AND resource_id = p->>'redemption_id' AND type = 'redeem';
  SELECT * INTO lk FROM pl_begin(p, v_member, false,
                                  jsonb_build_object('error', 'redemption_not_found', 'redemption_id', p->>'redemption_id'));
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT coalesce(-sum(points), 0) INTO v_reversible FROM lot_allocations
   WHERE member_id = v_member AND ref_txn_id = v_redeem_txn;
  v_points := coalesce((p->>'points')::bigint, v_reversible);
  IF v_reversible = 0 OR v_points > v_reversible THEN
    RETURN pl_finish(p, jsonb_build_object('error', 'reversal_exceeds_redemption',
                     'reversible', v_reversible, 'requested', v_points));
  END IF;
  PERFORM pl_give_back(v_member, v_program, v_txn, v_redeem_txn, v_points);
  v_txn_json := pl_record(v_member, v_program, v_txn, 'reversal', v_points, v_reversal, p->>'redemption_id', p->>'idempotency_key',
                    NULL, v_now, v_now, jsonb_build_object('reason', p->>'reason', 'redemption_id', p->>'redemption_id'),
                    ARRAY['redeemed', 'available'], ARRAY[-v_points, v_points]);
  -- Points given back to a lot that has expired in the meantime expire again at once.
  PERFORM pl_settle(v_member, v_program, v_now, v_now, false, false, true);
  PERFORM pl_pay_debt(v_member, v_program, v_now);

  RETURN pl_finish(p, jsonb_build_object(
    'status', 201,
    'transaction', v_txn_json,
    'reversal', jsonb_build_object('id', v_reversal, 'redemption_id', p->>'redemption_id', 'member_id', v_member,
                                   'points', v_points, 'remaining_reversible', v_reversible - v_points),
    'balance', pl_balance_json(v_member, v_now, p)));
END $$;

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

CREATE FUNCTION ledger_hold(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_member text := p->>'member_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_points bigint := (p->>'points')::bigint;
  v_expires timestamptz := (p->>'expires_at')::timestamptz;
  v_txn text := p->>'txn_id';
  v_hold text := p->>'hold_id';
  v_result jsonb;
  lk record;
  v_available bigint;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO lk FROM pl_begin(p, v_member, true);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;
  v_available := lk.available;

  v_result := pl_spend(p, v_member, v_txn, v_points, v_available, 'redeem');
  IF v_result IS NOT NULL THEN RETURN pl_finish(p, v_result); END IF;
  v_txn_json := pl_record(v_member, v_program, v_txn, 'hold', v_points, v_hold, NULL, p->>'idempotency_key', NULL, v_now, v_now,
                    jsonb_build_object('reason', p->>'reason', 'store_id', p->>'store_id', 'expires_at', p->>'expires_at'),
                    ARRAY['available', 'held'], ARRAY[-v_points, v_points], v_expires, 0, 0, v_now);
  INSERT INTO holds (member_id, id, program_id, txn_id, points, status, reason, store_id, expires_at, created_at)
  VALUES (v_member, v_hold, v_program, v_txn, v_points, 'active', p->>'reason', p->>'store_id', v_expires, v_now);

  RETURN pl_finish(p, jsonb_build_object(
    'status', 201,
    'transaction', v_txn_json,
    'hold', pl_hold_json(v_member, v_hold),
    'balance', pl_balance_json(v_member, v_now, p)));
END $$;

-- Capture (all or part) or void an active hold. p->>'action' is 'capture' or 'void'.
CREATE FUNCTION ledger_close_hold(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_action text := p->>'action';
  v_txn text := p->>'txn_id';
  v_result jsonb;
  lk record;
  v_member text;
  h holds%ROWTYPE;
  v_capture bigint;
  v_rest bigint;
  v_txn_json jsonb;
BEGIN
  SELECT member_id INTO v_member FROM holds WHERE program_id = v_program AND id = p->>'hold_id';
  -- Settling (in pl_begin) turns a hold past its expiry into an expired one, so it can no longer be captured.
  SELECT * INTO lk FROM pl_begin(p, v_member, v_action = 'capture',
                                  jsonb_build_object('error', 'hold_not_found', 'hold_id', p->>'hold_id'));
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;

  SELECT * INTO h FROM holds WHERE member_id = v_member AND id = p->>'hold_id';
  IF h.status <> 'active' THEN
    RETURN pl_finish(p, jsonb_build_object('error', 'hold_' || h.status,
                     'hold_id', h.id, 'hold_status', h.status));
  END IF;

  IF v_action = 'void' THEN
    v_txn_json := pl_release_hold(v_member, v_program, h.id, 'void', v_txn, v_now, v_now, p->>'idempotency_key');
  ELSE
    v_capture := coalesce((p->>'points')::bigint, h.points);
    IF v_capture > h.points THEN
      RETURN pl_finish(p, jsonb_build_object('error', 'capture_exceeds_hold',
                       'held', h.points, 'requested', v_capture));
    END IF;
    v_rest := h.points - v_capture;
    -- The uncaptured rest goes back to the lots drawn last (latest expiry), so the capture keeps the soonest.
    PERFORM pl_give_back(v_member, v_program, v_txn, h.txn_id, v_rest);
    v_txn_json := pl_record(v_member, v_program, v_txn, 'capture', v_capture, NULL, h.id, p->>'idempotency_key', NULL, v_now, v_now,
                      jsonb_build_object('hold_id', h.id, 'released', v_rest),
                      ARRAY['held', 'redeemed', 'available'], ARRAY[-h.points, v_capture, v_rest], NULL, 0, 0, v_now);
    UPDATE holds SET status = 'captured', captured = v_capture, closed_at = v_now
     WHERE member_id = v_member AND id = h.id;
  END IF;
  PERFORM pl_settle(v_member, v_program, v_now, v_now, false, false, true);
  PERFORM pl_pay_debt(v_member, v_program, v_now);

  RETURN pl_finish(p, jsonb_build_object(
    'status', 201,
    'transaction', v_txn_json,
    'hold', pl_hold_json(v_member, h.id),
    'balance', pl_balance_json(v_member, v_now, p)));
END $$;

CREATE FUNCTION ledger_adjust(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_program text := p->>'program_id';
  v_member text := p->>'member_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_points bigint := (p->>'points')::bigint;
  v_txn text := p->>'txn_id';
  v_adjustment text := p->>'adjustment_id';
  v_result jsonb;
  lk record;
  v_available bigint;
  v_lot text;
  v_txn_json jsonb;
BEGIN
  SELECT * INTO lk FROM pl_begin(p, v_member, false);
  IF lk.result IS NOT NULL THEN RETURN lk.result; END IF;
  v_available := lk.available;

  IF v_points > 0 THEN
    -- A credit pays any open debt first, like every point that comes in.
    v_txn_json := pl_credit(v_member, v_program, v_txn, 'adjust', v_points, NULL, p->>'lot_id', 'adjust', v_now,
                            (p->>'expires_at')::timestamptz, v_now, v_now,
                            jsonb_build_object('reason', p->>'reason', 'direction', 'credit'),
                            'adjustments', v_adjustment, p->>'idempotency_key');
    v_lot := v_txn_json->'data'->>'lot_id';
  ELSE
    -- An admin's debit answers to the balance only, not to the program's spending rules.
    v_result := pl_spend(p, v_member, v_txn, -v_points, v_available, NULL);
    IF v_result IS NOT NULL THEN RETURN pl_finish(p, v_result); END IF;
    v_txn_json := pl_record(v_member, v_program, v_txn, 'adjust', -v_points, v_adjustment, NULL, p->>'idempotency_key', NULL, v_now, v_now,
                      jsonb_build_object('reason', p->>'reason', 'direction', 'debit'),
                      ARRAY['available', 'adjustments'], ARRAY[v_points, -v_points]);
  END IF;

  RETURN pl_finish(p, jsonb_build_object(
    'status', 201,
    'transaction', v_txn_json,
    'adjustment', jsonb_build_object('id', v_adjustment, 'member_id', v_member, 'points', v_points,
                                     'reason', p->>'reason', 'lot_id', v_lot),
    'balance', pl_balance_json(v_member, v_now, p)));
END $$;

-- Runs the time-driven steps for one member as of an instant (jobs call it per member, each in its own
-- transaction, so a crash loses at most one member's step and a rerun finishes the rest).
CREATE FUNCTION ledger_settle_member(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_member text := p->>'member_id';
  v_program text := p->>'program_id';
BEGIN
  PERFORM 1 FROM member_balances WHERE member_id = v_member AND program_id = v_program FOR UPDATE;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'member_not_found', 'member_id', v_member); END IF;
  RETURN pl_settle(v_member, v_program, (p->>'as_of')::timestamptz, (p->>'now')::timestamptz,
                   coalesce((p->>'holds')::boolean, true), coalesce((p->>'mature')::boolean, true),
                   coalesce((p->>'expire')::boolean, true));
END $$;

-- Reads settle what is due first (rarely anything), so a balance never shows points that have expired.
CREATE FUNCTION ledger_balance(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_member text := p->>'member_id';
  v_program text := p->>'program_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_due timestamptz;
  v_result jsonb;
BEGIN
  IF p ? 'api_key_id' AND NOT EXISTS (SELECT 1 FROM api_keys WHERE id = p->>'api_key_id' AND revoked_at IS NULL) THEN
    RETURN jsonb_build_object('error', 'unauthenticated');
  END IF;
  SELECT next_due_at INTO v_due FROM member_balances WHERE member_id = v_member AND program_id = v_program;
  IF NOT FOUND THEN RETURN jsonb_build_object('error', 'member_not_found', 'member_id', v_member); END IF;
  IF v_due <= v_now THEN
    PERFORM 1 FROM member_balances WHERE member_id = v_member FOR UPDATE;
    PERFORM pl_settle(v_member, v_program, v_now, v_now);
  END IF;
  RETURN pl_balance_json(v_member, v_now, p);
END $$;

-- Several member-scoped writes in one round trip and one commit, when requests queue up faster than connections
-- free up (the service batches them; see src/ledger/batcher.ts). The caller orders the batch by member, so two
-- batches always take member locks in the same order. Each element's result is what its own call would return;
-- an exception in any element aborts the batch, and the caller then runs the elements one by one.
CREATE FUNCTION ledger_batch(p_functions text[], p_args jsonb[]) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  results jsonb[] := '{}';
BEGIN
  FOR i IN 1..coalesce(array_length(p_functions, 1), 0) LOOP
    results := results || CASE p_functions[i]
      WHEN 'ledger_earn' THEN ledger_earn(p_args[i])
      WHEN 'ledger_redeem' THEN ledger_redeem(p_args[i])
      WHEN 'ledger_hold' THEN ledger_hold(p_args[i])
      WHEN 'ledger_adjust' THEN ledger_adjust(p_args[i])
      WHEN 'ledger_balance' THEN ledger_balance(p_args[i])
    END;
    IF results[i] IS NULL THEN
      RAISE EXCEPTION 'ledger_batch: % cannot be batched', p_functions[i];
    END IF;
  END LOOP;
  RETURN to_jsonb(results);
END $$;
