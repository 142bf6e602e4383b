-- Promotions on purchases: what the engine (src/promotions/engine.ts) needs to know about the member, and the
-- enforcement of what it decided, inside the purchase's own transaction (ledger_earn). The service evaluates; the
-- ledger re-checks everything another request could have changed meanwhile (a promotion's version, the member's uses,
-- the budget, a code) under locks, and refuses with a retry signal when something did.

-- A purchase that cannot commit what was evaluated: nothing of the call is stored (the exception rolls it back), and
-- the service evaluates again, refills a budget slice, or answers (src/promotions/checkout.ts). The message is the
-- signal as JSON; SQLSTATE PLP01 is ours.
CREATE FUNCTION pl_promotion_retry(p_signal text, p_detail jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'PLP01', MESSAGE = (jsonb_build_object('error', p_signal) || p_detail)::text;
END $$;

-- The budget slice beside a member: on Citus the slice key chosen for the member's shard (promotion_slice_keys), on a
-- single node one of 32 slices by a hash of the member (as many as a cluster's default shards: few enough that a small
-- budget is not scattered thin, enough that 32 connections rarely wait on one slice's row lock).
CREATE FUNCTION pl_slice_key(p_member text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_key text;
BEGIN
  IF EXISTS (SELECT 1 FROM promotion_slice_keys) THEN
    -- Dynamic, its function named by a value: it exists only where Citus does (plpgsql_check, on a single node,
    -- would otherwise check the call against a catalog that lacks it).
    EXECUTE format('SELECT slice_key FROM promotion_slice_keys WHERE shard_id = %I(''members'', $1)',
                   'get_shard_id_for_distribution_column') INTO v_key USING p_member;
    RETURN v_key;
  END IF;
  RETURN 'slice-' || (hashtext(p_member) & 31);
END $$;

-- What the conditions and limits of the program's promotions read about a member, in one routed call and one
-- statement: each part is a subquery, and those the program's promotions do not read are skipped (CASE evaluates a
-- subquery only when its branch is taken).
CREATE FUNCTION ledger_promotion_facts(p_member text, p jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_program text := p->>'program_id';
  v_now timestamptz := (p->>'now')::timestamptz;
  v_week_start timestamptz := (p->>'week_start')::timestamptz;
  v_timezone text := p->>'timezone';
  v_week boolean := coalesce((p->>'week')::boolean, true);
  v_result jsonb;
  v_flags boolean[];
  v_segments jsonb := '[]'::jsonb;
BEGIN
  SELECT jsonb_build_object(
           'status', mm.status, 'tier', b.tier, 'enrolled_at', pl_ts(mm.created_at), 'birth_date', mm.birth_date::text,
           'purchase_count', b.purchase_count,
           -- Earlier purchases in each rolling window; a purchase returned in full does not count.
           'purchases_within_days', CASE WHEN jsonb_array_length(coalesce(p->'windows', '[]'::jsonb)) = 0 THEN '{}'::jsonb ELSE (
             SELECT coalesce(jsonb_object_agg(w.days, (
                      SELECT count(*) FROM purchases
                       WHERE member_id = p_member AND program_id = v_program AND returned_amount < amount
                         AND occurred_at > v_now - make_interval(days => w.days::int) AND occurred_at <= v_now)), '{}'::jsonb)
               FROM jsonb_array_elements_text(p->'windows') AS w(days)) END,
           'uses', CASE WHEN jsonb_array_length(coalesce(p->'promotion_ids', '[]'::jsonb)) = 0 THEN '{}'::jsonb ELSE (
             SELECT coalesce(jsonb_object_agg(u.promotion_id, u.per), '{}'::jsonb)
               FROM (SELECT promotion_id, jsonb_object_agg(period_key, uses) AS per FROM promotion_uses
                      WHERE member_id = p_member AND program_id = v_program
                        AND promotion_id IN (SELECT jsonb_array_elements_text(p->'promotion_ids'))
                      GROUP BY promotion_id) u) END,
           -- This ISO week's logins and purchases: read only when a promotion has a login_streak condition.
           'login_days_this_week', CASE WHEN NOT v_week THEN '[]'::jsonb ELSE (
             SELECT coalesce(jsonb_agg(l.d ORDER BY l.d), '[]'::jsonb)
               FROM (SELECT DISTINCT to_char(occurred_at AT TIME ZONE v_timezone, 'YYYY-MM-DD') AS d FROM member_activities
                      WHERE member_id = p_member AND program_id = v_program AND type = 'login'
                        AND occurred_at >= v_week_start AND occurred_at <= v_now) l) END,
           'purchases_this_week', CASE WHEN NOT v_week THEN 0 ELSE (
             SELECT count(*) FROM purchases
              WHERE member_id = p_member AND program_id = v_program AND occurred_at >= v_week_start AND occurred_at <= v_now) END,
           -- Promotions spent everywhere (swept into the pool, and a limit at zero there): skipped without asking again.
           'exhausted', CASE WHEN jsonb_array_length(coalesce(p->'pooled_ids', p->'promotion_ids', '[]'::jsonb)) = 0 THEN '[]'::jsonb ELSE (
             SELECT coalesce(jsonb_agg(promotion_id), '[]'::jsonb) FROM promotion_pools
              WHERE program_id = v_program AND swept_at IS NOT NULL AND (uses_left = 0 OR budget_left = 0)
                AND promotion_id IN (SELECT jsonb_array_elements_text(coalesce(p->'pooled_ids', p->'promotion_ids')))) END)
    INTO v_result
    FROM members mm JOIN member_balances b ON b.member_id = mm.id
   WHERE mm.id = p_member AND mm.program_id = v_program;
  IF v_result IS NULL THEN
    RETURN jsonb_build_object('error', 'member_not_found', 'member_id', p_member);
  END IF;
  -- The segments named by the promotions' segment conditions that the member is in, as of the purchase's time: one
  -- statement for all of them, only when a promotion has such a condition. `segments.check` is compiled by the service
  -- (src/analytics/segment-rule.ts, the compiler the segments' member lists use) from the segments' rules and lists:
  -- an array of booleans over the member row m, our own SQL text with no value of any rule in it. Every value is read
  -- from $3 (segments.values) with a cast, the member is $1 and the instant $2, so nothing a caller typed is executed
  -- as SQL. Its own statement, not a subquery of the one above: on Citus that one runs as a query on the member's
  -- shard, from which no further distributed query may start; this one reads the member's shard (and the reference
  -- fx_rates) as a query of its own on the member's worker.
  IF jsonb_array_length(coalesce(p->'segments'->'ids', '[]'::jsonb)) > 0 THEN
    EXECUTE 'SELECT ' || (p->'segments'->>'check') || ' FROM members m WHERE m.id = $1'
       INTO v_flags USING p_member, v_now, p->'segments'->'values';
    SELECT coalesce(jsonb_agg(u.id ORDER BY u.id), '[]'::jsonb) INTO v_segments
      FROM unnest(ARRAY(SELECT jsonb_array_elements_text(p->'segments'->'ids')), v_flags) AS u(id, flag)
     WHERE u.flag;
  END IF;
  RETURN v_result || jsonb_build_object('segments', v_segments);
END $$;

-- Before the purchase is recorded: everything the evaluation relied on, re-checked and taken under locks (the caller
-- holds the member's lock). Each applied promotion must still be active at the version evaluated; the member's uses
-- are counted (and must stay within the limits); total uses and budget come out of the slice beside the member; a
-- presented code is consumed. Any failure raises the retry signal, which rolls the whole call back.
CREATE FUNCTION pl_promotions_claim(p_member text, p_program text, pr jsonb, p_now timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  ap record;
  lim record;
  v_version int;
  v_status text;
  v_uses int;
  v_slice text;
  v_use bigint;
  v_cost bigint;
  v_current int;
  v_batched boolean;
BEGIN
  -- Every promotion still active at the version evaluated: one look at the (reference) table for all of them.
  SELECT count(*) INTO v_current FROM promotions
   WHERE program_id = p_program AND status = 'active'
     AND (id, version) IN (SELECT x->>'promotion_id', (x->>'version')::int FROM jsonb_array_elements(pr->'applied') x);
  IF v_current <> jsonb_array_length(pr->'applied') THEN
    FOR ap IN SELECT * FROM jsonb_to_recordset(pr->'applied') AS x(promotion_id text, version int) LOOP
      SELECT version, status INTO v_version, v_status FROM promotions WHERE program_id = p_program AND id = ap.promotion_id;
      IF v_version IS DISTINCT FROM ap.version OR v_status IS DISTINCT FROM 'active' THEN
        PERFORM pl_promotion_retry('promotion_changed', jsonb_build_object('promotion_id', ap.promotion_id));
      END IF;
    END LOOP;
  END IF;
  -- The member's uses, counted for the periods its limits name (and only those: nothing else reads them).
  FOR lim IN SELECT x.promotion_id, l.period_key, l.max
               FROM jsonb_to_recordset(pr->'applied') AS x(promotion_id text, member_limits jsonb),
                    jsonb_to_recordset(coalesce(x.member_limits, '[]'::jsonb)) AS l(period_key text, max int) LOOP
    INSERT INTO promotion_uses (member_id, program_id, promotion_id, period_key, uses)
    VALUES (p_member, p_program, lim.promotion_id, lim.period_key, 1)
    ON CONFLICT (member_id, program_id, promotion_id, period_key) DO UPDATE SET uses = promotion_uses.uses + 1
    RETURNING uses INTO v_uses;
    IF v_uses > lim.max THEN
      PERFORM pl_promotion_retry('promotion_limit_reached',
                                 jsonb_build_object('promotion_id', lim.promotion_id, 'period_key', lim.period_key));
    END IF;
  END LOOP;
  -- Rows other members' purchases take too, always in one order (slices by promotion, then codes by code), so two
  -- purchases never wait on each other in a cycle. In a batch (ledger_batch) the slices are taken after every
  -- member's lock, for the whole batch at once (pl_promotions_take_slices): here they are only noted.
  v_batched := coalesce(current_setting('pl.batch', true), '') = 'on';
  FOR ap IN SELECT * FROM jsonb_to_recordset(pr->'applied') AS x(promotion_id text, total_uses boolean, budget_cost bigint)
             WHERE coalesce(x.total_uses, false) OR x.budget_cost IS NOT NULL ORDER BY x.promotion_id LOOP
    v_slice := coalesce(v_slice, pl_slice_key(p_member));
    v_use := CASE WHEN coalesce(ap.total_uses, false) THEN 1 ELSE 0 END;
    v_cost := coalesce(ap.budget_cost, 0);
    IF v_batched THEN
      PERFORM set_config('pl.batch_slices', (coalesce(nullif(current_setting('pl.batch_slices', true), ''), '[]')::jsonb
                         || jsonb_build_object('program_id', p_program, 'slice_key', v_slice, 'promotion_id', ap.promotion_id,
                                               'uses', v_use, 'budget', v_cost))::text, true);
      CONTINUE;
    END IF;
    UPDATE promotion_slices SET uses_left = uses_left - v_use, budget_left = budget_left - v_cost
     WHERE slice_key = v_slice AND program_id = p_program AND promotion_id = ap.promotion_id
       AND uses_left >= v_use AND budget_left >= v_cost;
    IF NOT FOUND THEN
      PERFORM pl_promotion_retry('promotion_slice_empty', jsonb_build_object('promotion_id', ap.promotion_id,
                                 'slice_key', v_slice, 'uses', v_use, 'budget', v_cost));
    END IF;
  END LOOP;
  FOR ap IN SELECT * FROM jsonb_to_recordset(pr->'applied') AS x(promotion_id text, code text)
             WHERE x.code IS NOT NULL ORDER BY x.code LOOP
    UPDATE promo_codes SET uses = uses + 1
     WHERE code = ap.code AND program_id = p_program AND promotion_id = ap.promotion_id AND uses < max_uses
       AND locked_at IS NULL AND revoked_at IS NULL AND (member_id IS NULL OR member_id = p_member)
       AND (valid_from IS NULL OR valid_from <= p_now) AND (valid_until IS NULL OR valid_until > p_now);
    IF NOT FOUND THEN
      PERFORM pl_promotion_retry('promo_code_invalid', jsonb_build_object('code', ap.code));
    END IF;
  END LOOP;
  IF pr->>'quote_id' IS NOT NULL THEN
    UPDATE purchase_quotes SET purchase_id = pr->>'purchase_id'
     WHERE member_id = p_member AND id = pr->>'quote_id' AND purchase_id IS NULL AND expires_at > p_now;
    IF NOT FOUND THEN
      PERFORM pl_promotion_retry('quote_expired', jsonb_build_object('quote_id', pr->>'quote_id'));
    END IF;
  END IF;
END $$;

-- A batch's budget slices (ledger_batch, after every element has run): what its purchases noted, summed per slice
-- and taken in one order, after all of the batch's member locks. Single purchases take a member's lock and then
-- its slices; a batch that took slices between its members' locks could wait on one of them in a cycle. A slice
-- that lacks what the batch needs aborts the batch (the retry signal), whose purchases then run one by one, each
-- with its own refill.
CREATE FUNCTION pl_promotions_take_slices(p_needs jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  s record;
BEGIN
  FOR s IN SELECT x.program_id, x.slice_key, x.promotion_id, sum(x.uses)::bigint AS uses, sum(x.budget)::bigint AS budget
             FROM jsonb_to_recordset(p_needs) AS x(program_id text, slice_key text, promotion_id text, uses bigint, budget bigint)
            GROUP BY 1, 2, 3 ORDER BY x.promotion_id, x.slice_key LOOP
    UPDATE promotion_slices SET uses_left = uses_left - s.uses, budget_left = budget_left - s.budget
     WHERE slice_key = s.slice_key AND program_id = s.program_id AND promotion_id = s.promotion_id
       AND uses_left >= s.uses AND budget_left >= s.budget;
    IF NOT FOUND THEN
      PERFORM pl_promotion_retry('promotion_slice_empty', jsonb_build_object('promotion_id', s.promotion_id,
                                 'slice_key', s.slice_key, 'uses', s.uses, 'budget', s.budget));
    END IF;
  END LOOP;
END $$;

-- After the purchase row exists: what each promotion gave (one statement for all of them), the codes they issued
-- and consumed (rare: one by one), and one promotion.applied event listing them. Kept to a few statements: a
-- purchase may get a dozen promotions, and each statement of a PL/pgSQL loop costs as much as the rows it writes.
CREATE FUNCTION pl_promotions_record(p_member text, p_program text, p_purchase text, p_currency text, pr jsonb,
                                     p_occurred timestamptz, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  ap record;
  v_issued jsonb := '[]'::jsonb;
  v_issued_by jsonb := '{}'::jsonb;  -- promotion id -> the code it issued
  v_code jsonb;
BEGIN
  IF jsonb_array_length(pr->'applied') = 0 THEN RETURN v_issued; END IF;
  FOR ap IN SELECT * FROM jsonb_to_recordset(pr->'applied') AS x(promotion_id text, discount bigint, code text,
                                                                  issue_code jsonb)
             WHERE x.code IS NOT NULL OR (x.issue_code IS NOT NULL AND x.issue_code <> 'null'::jsonb) LOOP
    IF ap.issue_code IS NOT NULL AND ap.issue_code <> 'null'::jsonb THEN
      INSERT INTO promo_codes (code, program_id, promotion_id, member_id, max_uses, valid_from, valid_until,
                               issued_by_purchase, created_at)
      VALUES (ap.issue_code->>'code', p_program, ap.issue_code->>'promotion_id', p_member, 1, p_occurred,
              (ap.issue_code->>'valid_until')::timestamptz, p_purchase, p_now)
      ON CONFLICT DO NOTHING;
      IF NOT FOUND THEN
        PERFORM pl_promotion_retry('code_collision', jsonb_build_object('code', ap.issue_code->>'code'));
      END IF;
      v_code := jsonb_build_object('code', ap.issue_code->>'code', 'promotion_id', ap.issue_code->>'promotion_id',
                                   'member_id', p_member, 'max_uses', 1, 'valid_from', pl_ts(p_occurred),
                                   'valid_until', ap.issue_code->>'valid_until', 'issued_by_purchase', p_purchase);
      v_issued := v_issued || jsonb_build_array(v_code);
      v_issued_by := v_issued_by || jsonb_build_object(ap.promotion_id, ap.issue_code->>'code');
      PERFORM pl_emit(p_program, p_member, 'promo_code.issued', NULL, p_occurred, p_now, v_code);
    END IF;
    IF ap.code IS NOT NULL THEN
      PERFORM pl_emit(p_program, p_member, 'promo_code.redeemed', NULL, p_occurred, p_now, jsonb_build_object(
        'code', ap.code, 'promotion_id', ap.promotion_id, 'member_id', p_member, 'purchase_id', p_purchase,
        'discount', jsonb_build_object('amount', ap.discount, 'currency', p_currency)));
    END IF;
  END LOOP;
  INSERT INTO purchase_promotions (member_id, purchase_id, promotion_id, program_id, effect_type, discount, points,
                                   budget_cost, code, issued_code, gift, period_keys, min_amount, eligible_skus)
  SELECT p_member, p_purchase, x.promotion_id, p_program, x.effect_type, x.discount, x.points, x.budget_cost, x.code,
         v_issued_by->>x.promotion_id, x.gift, x.period_keys, x.min_amount, x.eligible_skus
    FROM jsonb_to_recordset(pr->'applied') AS x(promotion_id text, effect_type text, discount bigint, points bigint,
                                                budget_cost bigint, code text, gift text, period_keys text[],
                                                min_amount bigint, eligible_skus text[]);
  -- The event lists the promotions as the purchase shows them (the service's summary), with the code each issued
  -- added only to those that issued one (rare): no per-promotion work in the common case.
  PERFORM pl_emit(p_program, p_member, 'promotion.applied', NULL, p_occurred, p_now, jsonb_build_object(
    'member_id', p_member, 'purchase_id', p_purchase,
    'discount', jsonb_build_object('amount', (pr->>'discount')::bigint, 'currency', p_currency),
    'extra_points', (pr->>'extra_points')::bigint,
    'promotions', CASE WHEN v_issued_by = '{}'::jsonb THEN pr->'summary'->'applied'
                       ELSE (SELECT jsonb_agg(x || CASE WHEN v_issued_by ? (x->>'promotion_id')
                                                        THEN jsonb_build_object('issued_code', v_issued_by->>(x->>'promotion_id'))
                                                        ELSE '{}'::jsonb END ORDER BY n)
                               FROM jsonb_array_elements(pr->'summary'->'applied') WITH ORDINALITY AS e(x, n)) END));
  RETURN v_issued;
END $$;

-- A budget slice that ran dry takes a chunk from the pool; a pool that ran dry first sweeps every slice's leftovers
-- back into it, so nothing is stranded in the slices of members who stopped buying. Runs in its own transaction on
-- the coordinator, once per chunk, never per purchase. Returns false when the whole promotion has less left than
-- the purchase needs (it is exhausted for that purchase).
CREATE FUNCTION pl_promotion_refill(p_program text, p_promotion text, p_slice text, p_uses bigint, p_budget bigint)
RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  v_pool record;
  v_uses bigint;
  v_budget bigint;
  v_chunk_uses bigint;
  v_chunk_budget bigint;
  v_donor text;
  v_swept timestamptz;
  -- As many slices as pl_slice_key hands out: one per shard on Citus, 32 on a single node.
  v_slices int := coalesce(nullif((SELECT count(*) FROM promotion_slice_keys), 0), 32);
BEGIN
  SELECT uses_left, budget_left, swept_at INTO v_pool FROM promotion_pools
   WHERE program_id = p_program AND promotion_id = p_promotion FOR UPDATE;
  IF NOT FOUND THEN RETURN false; END IF;
  v_uses := v_pool.uses_left;
  v_budget := v_pool.budget_left;
  IF coalesce(v_uses, 0) < p_uses OR coalesce(v_budget, 0) < p_budget THEN
    -- Swept and not handed out since: the pool is all there is.
    IF v_pool.swept_at IS NOT NULL THEN RETURN false; END IF;
    -- The pool is dry: first take just what this purchase needs from the fullest other slice that has it, so slices
    -- that other purchases are spending from keep their chunks (a sweep would take them, and those purchases would
    -- come back for them).
    SELECT slice_key INTO v_donor FROM promotion_slices
     WHERE program_id = p_program AND promotion_id = p_promotion AND slice_key <> p_slice
       AND uses_left >= p_uses AND budget_left >= p_budget
     ORDER BY uses_left DESC, budget_left DESC, slice_key LIMIT 1;
    IF v_donor IS NOT NULL THEN
      UPDATE promotion_slices SET uses_left = uses_left - p_uses, budget_left = budget_left - p_budget
       WHERE slice_key = v_donor AND program_id = p_program AND promotion_id = p_promotion
         AND uses_left >= p_uses AND budget_left >= p_budget;
      IF FOUND THEN
        INSERT INTO promotion_slices (slice_key, program_id, promotion_id, uses_left, budget_left)
        VALUES (p_slice, p_program, p_promotion, p_uses, p_budget)
        ON CONFLICT (slice_key, program_id, promotion_id)
        DO UPDATE SET uses_left = promotion_slices.uses_left + p_uses, budget_left = promotion_slices.budget_left + p_budget;
        RETURN true;
      END IF;
    END IF;
    -- Sweep: SET reads the old values, so swept_* records what each slice held as it is emptied. On a single node
    -- the rows are first locked in the order a batch of purchases takes them (pl_promotions_take_slices), so the
    -- sweep and a batch never wait on each other in a cycle; a cluster does not batch.
    IF NOT EXISTS (SELECT 1 FROM promotion_slice_keys) THEN
      PERFORM 1 FROM promotion_slices WHERE program_id = p_program AND promotion_id = p_promotion
       ORDER BY slice_key FOR UPDATE;
    END IF;
    UPDATE promotion_slices SET swept_uses = uses_left, swept_budget = budget_left, uses_left = 0, budget_left = 0
     WHERE program_id = p_program AND promotion_id = p_promotion;
    SELECT v_uses + coalesce(sum(swept_uses), 0), v_budget + coalesce(sum(swept_budget), 0) INTO v_uses, v_budget
      FROM promotion_slices WHERE program_id = p_program AND promotion_id = p_promotion;
    IF coalesce(v_uses, 0) < p_uses OR coalesce(v_budget, 0) < p_budget THEN
      -- A plain value: Citus refuses volatile functions (clock_timestamp()) in an UPDATE of a distributed table.
      v_swept := clock_timestamp();
      UPDATE promotion_pools SET uses_left = v_uses, budget_left = v_budget, swept_at = v_swept
       WHERE program_id = p_program AND promotion_id = p_promotion;
      RETURN false;
    END IF;
  END IF;
  -- A chunk: what the purchase needs, or a share of what is left so the slices fill in a few steps, whichever is more.
  v_chunk_uses := CASE WHEN v_uses IS NULL THEN 0 ELSE least(v_uses, greatest(p_uses, v_uses / (2 * v_slices))) END;
  v_chunk_budget := CASE WHEN v_budget IS NULL THEN 0
                         ELSE least(v_budget, greatest(p_budget, v_budget / (2 * v_slices))) END;
  UPDATE promotion_pools SET uses_left = v_uses - v_chunk_uses, budget_left = v_budget - v_chunk_budget, swept_at = NULL
   WHERE program_id = p_program AND promotion_id = p_promotion;
  INSERT INTO promotion_slices (slice_key, program_id, promotion_id, uses_left, budget_left)
  VALUES (p_slice, p_program, p_promotion, v_chunk_uses, v_chunk_budget)
  ON CONFLICT (slice_key, program_id, promotion_id)
  DO UPDATE SET uses_left = promotion_slices.uses_left + v_chunk_uses,
                budget_left = promotion_slices.budget_left + v_chunk_budget;
  RETURN true;
END $$;

-- A return re-checks what the purchase's promotions still qualify for, from what is left of their eligible lines
-- after it (incentives.md: the member keeps only what the remaining lines still qualify for). A promotion that no
-- longer qualifies is revoked: its extra points are clawed back whole (the caller adds them to the return's claw), the
-- member's use of it is given back, and a code it issued is revoked if unused, or its value, valued in points at
-- point_value, is clawed back too (as a debt if the balance lacks it). Returns the points to claw beyond the
-- proportional share: {revoked_points, code_points, revoked: [...]}.
CREATE FUNCTION pl_promotions_on_return(p_member text, p_program text, p_purchase text, p_purchase_amount bigint,
                                        p_returned_after bigint, p_lines jsonb, p_currency text, p_now timestamptz,
                                        p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  pp record;
  ln record;
  v_left bigint;
  v_revoked_points bigint := 0;
  v_code_points bigint := 0;
  v_used_discount bigint;
  v_claw bigint;
  v_code_revoked boolean;
  v_point_value numeric := (p->'point_values'->>p_currency)::numeric;
  v_revoked jsonb := '[]'::jsonb;
  v_key text;
BEGIN
  FOR pp IN SELECT * FROM purchase_promotions
             WHERE member_id = p_member AND purchase_id = p_purchase AND revoked_at IS NULL ORDER BY promotion_id LOOP
    IF pp.eligible_skus IS NULL THEN
      v_left := p_purchase_amount - p_returned_after;
    ELSE
      -- Each eligible line's amount less what is returned of it after this return (p_lines: this return's totals).
      v_left := 0;
      FOR ln IN SELECT sku, amount, returned_amount FROM purchase_lines
                 WHERE member_id = p_member AND purchase_id = p_purchase AND sku = ANY (pp.eligible_skus) LOOP
        v_left := v_left + ln.amount - coalesce((SELECT (x->>'returned_amount')::bigint
                                                   FROM jsonb_array_elements(coalesce(p_lines, '[]'::jsonb)) x
                                                  WHERE x->>'sku' = ln.sku), ln.returned_amount);
      END LOOP;
    END IF;
    CONTINUE WHEN v_left > 0 AND v_left >= coalesce(pp.min_amount, 0);

    UPDATE purchase_promotions SET revoked_at = p_now
     WHERE member_id = p_member AND purchase_id = p_purchase AND promotion_id = pp.promotion_id;
    v_revoked_points := v_revoked_points + pp.points;
    FOREACH v_key IN ARRAY pp.period_keys LOOP
      UPDATE promotion_uses SET uses = greatest(uses - 1, 0)
       WHERE member_id = p_member AND program_id = p_program AND promotion_id = pp.promotion_id AND period_key = v_key;
    END LOOP;
    v_code_revoked := NULL;
    v_claw := 0;
    IF pp.issued_code IS NOT NULL THEN
      UPDATE promo_codes SET revoked_at = p_now
       WHERE code = pp.issued_code AND program_id = p_program AND uses = 0 AND revoked_at IS NULL;
      v_code_revoked := FOUND;
      IF NOT v_code_revoked THEN
        -- Used already: what it took off that purchase comes back, as points at point_value.
        SELECT coalesce(sum(discount), 0) INTO v_used_discount FROM purchase_promotions
         WHERE member_id = p_member AND program_id = p_program AND code = pp.issued_code AND revoked_at IS NULL;
        IF v_point_value IS NOT NULL AND v_point_value > 0 THEN
          v_claw := ceil(v_used_discount / v_point_value);
          v_code_points := v_code_points + v_claw;
        END IF;
      END IF;
    END IF;
    v_revoked := v_revoked || jsonb_build_object('promotion_id', pp.promotion_id, 'points', pp.points,
                                                 'issued_code', pp.issued_code, 'code_revoked', v_code_revoked,
                                                 'code_value_points', v_claw);
    PERFORM pl_emit(p_program, p_member, 'promotion.revoked', NULL, p_now, p_now, jsonb_build_object(
      'promotion_id', pp.promotion_id, 'member_id', p_member, 'purchase_id', p_purchase, 'points', pp.points,
      'issued_code', pp.issued_code, 'code_revoked', v_code_revoked, 'code_value_points', v_claw));
  END LOOP;
  RETURN jsonb_build_object('revoked_points', v_revoked_points, 'code_points', v_code_points, 'revoked', v_revoked);
END $$;

-- A new pool hands half of what it holds to its slices at once, evenly, so the first purchase on each slice needs no
-- refill (a refill takes the pool's row lock: thirty-two of them at the start would queue). The other half stays in
-- the pool for the slices that run dry first. A budget too small to give each slice a purchase's worth stays whole in
-- the pool.
CREATE FUNCTION pl_promotion_prefill(p_program text, p_promotion text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_pool record;
  v_keys text[];
  v_uses bigint;
  v_budget bigint;
  v_key text;
BEGIN
  SELECT uses_left, budget_left INTO v_pool FROM promotion_pools
   WHERE program_id = p_program AND promotion_id = p_promotion FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  v_keys := coalesce(nullif(ARRAY(SELECT slice_key FROM promotion_slice_keys ORDER BY slice_key), '{}'),
                     ARRAY(SELECT 'slice-' || i FROM generate_series(0, 31) i));
  v_uses := coalesce(v_pool.uses_left, 0) / (2 * array_length(v_keys, 1));
  v_budget := coalesce(v_pool.budget_left, 0) / (2 * array_length(v_keys, 1));
  -- Each slice must be able to serve at least one purchase of what it holds: a use (when uses are limited) or some
  -- budget (when a budget is).
  IF (v_pool.uses_left IS NOT NULL AND v_uses = 0) OR (v_pool.budget_left IS NOT NULL AND v_budget = 0) THEN RETURN; END IF;
  FOREACH v_key IN ARRAY v_keys LOOP
    INSERT INTO promotion_slices (slice_key, program_id, promotion_id, uses_left, budget_left)
    VALUES (v_key, p_program, p_promotion, v_uses, v_budget);
  END LOOP;
  UPDATE promotion_pools SET uses_left = uses_left - v_uses * array_length(v_keys, 1),
                             budget_left = budget_left - v_budget * array_length(v_keys, 1)
   WHERE program_id = p_program AND promotion_id = p_promotion;
END $$;
