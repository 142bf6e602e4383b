-- The start and end of every ledger write: key check, member lock, Idempotency-Key replay, settlement, and the
-- stored result.

-- The statuses in which a member may neither earn nor spend: not verified yet, blocked, or deactivated. One list for
-- every write that refuses them (pl_begin's p_spending, the partner transfer after its replay); the service's quote
-- holds the same list (src/schemas/member.ts SPENDING_REFUSED).
CREATE FUNCTION pl_refuses_spending(p_status text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT p_status IN ('pending', 'blocked', 'deactivated') $$;

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
  result := pl_replay(p, p_member);
  IF result IS NOT NULL THEN RETURN; END IF;
  IF p_member IS NULL THEN
    -- Nothing to store it under: the resource has no member. A retry asks again and gets the same answer.
    result := p_missing;
  ELSIF v_status IS NULL THEN
    result := pl_finish(p, p_member, jsonb_build_object('error', 'member_not_found', 'member_id', p_member));
  -- A pending member (enrolled with verification, phone not proven yet) is refused like a blocked one.
  ELSIF p_spending AND pl_refuses_spending(v_status) THEN
    result := pl_finish(p, p_member, jsonb_build_object('error', 'member_' || v_status, 'member_id', p_member));
  ELSIF v_due <= v_now THEN
    PERFORM pl_settle(p_member, v_program, v_now, v_now, p_renewal_hours => pl_renewal_hours(p));
    SELECT b.available, b.debt INTO available, debt FROM member_balances b WHERE b.member_id = p_member;
  END IF;
END $$;

-- The stored result of the request's Idempotency-Key within the member's scope: the first response to replay, a
-- reuse error for another request, or NULL when the key is new.
CREATE FUNCTION pl_replay(p jsonb, p_member text) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  stored record;
BEGIN
  IF p->>'idempotency_key' IS NULL THEN RETURN NULL; END IF;
  SELECT request_hash, response INTO stored FROM idempotency_keys
   WHERE shard_key = p_member AND program_id = p->>'program_id' AND key = p->>'idempotency_key';
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF stored.request_hash <> decode(p->>'request_hash', 'hex') THEN
    RETURN jsonb_build_object('error', 'idempotency_key_reused');
  END IF;
  RETURN stored.response || jsonb_build_object('replayed', true);
END $$;

-- A receipt is recorded once per member, program and type (purchase or return): the refusal naming the resource that
-- already has it (under p_resource_key), or NULL. Per member, so the check stays on the member's own shard.
CREATE FUNCTION pl_duplicate_receipt(p_member text, p_program text, p_type text, p_receipt text, p_resource_key text) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_existing text;
BEGIN
  SELECT resource_id INTO v_existing FROM ledger_transactions
   WHERE member_id = p_member AND program_id = p_program AND type = p_type AND external_ref = p_receipt;
  IF NOT FOUND THEN RETURN NULL; END IF;
  RETURN jsonb_build_object('error', 'duplicate_receipt', 'receipt_id', p_receipt, p_resource_key, v_existing);
END $$;

-- Stores the result against the key, in the member's scope, in the same transaction as the effect (on Citus the row
-- lives on the member's worker). Two requests with one key for one member serialise on the member's balance row.
CREATE FUNCTION pl_finish(p jsonb, p_member text, p_result jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
BEGIN
  IF p->>'idempotency_key' IS NOT NULL THEN
    INSERT INTO idempotency_keys (shard_key, program_id, key, request_hash, response, created_at)
    VALUES (p_member, p->>'program_id', p->>'idempotency_key', decode(p->>'request_hash', 'hex'), p_result,
            (p->>'now')::timestamptz);
  END IF;
  RETURN p_result;
END $$;
