-- What a purchase earns beyond its base points: the tier multiplier, the rate-rise bonus, an upgrade.

-- The points a purchase earns for this member: the base the service computed from money and rate, times the
-- member's tier multiplier.
CREATE FUNCTION pl_earn_points(p_member text, p jsonb) RETURNS bigint
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
CREATE FUNCTION pl_after_earn(p_member text, p_program text, p_purchase text, p_occurred timestamptz,
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
