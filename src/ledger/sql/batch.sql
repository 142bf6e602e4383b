-- Several member-scoped writes in one round trip and one commit, when requests queue up faster than connections
-- free up (the service batches them; see src/ledger/batcher.ts). The caller orders the batch by member, so two
-- batches always take member locks in the same order. Each element's result is what its own call would return;
-- an exception in any element aborts the batch, and the caller then runs the elements one by one.
CREATE FUNCTION ledger_batch(p_functions text[], p_members text[], p_args jsonb[]) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  results jsonb[] := '{}'::jsonb[];
BEGIN
  -- Purchases with promotions note the budget slices they take, which are taken for all of them at the end, after
  -- every member's lock (pl_promotions_take_slices).
  PERFORM set_config('pl.batch', 'on', true), set_config('pl.batch_slices', '', true);
  FOR i IN 1..coalesce(array_length(p_functions, 1), 0) LOOP
    results := results || CASE p_functions[i]
      WHEN 'ledger_earn' THEN ledger_earn(p_members[i], p_args[i])
      WHEN 'ledger_redeem' THEN ledger_redeem(p_members[i], p_args[i])
      WHEN 'ledger_hold' THEN ledger_hold(p_members[i], p_args[i])
      WHEN 'ledger_adjust' THEN ledger_adjust(p_members[i], p_args[i])
      WHEN 'ledger_balance' THEN ledger_balance(p_members[i], p_args[i])
      WHEN 'ledger_promotion_facts' THEN ledger_promotion_facts(p_members[i], p_args[i])
    END;
    IF results[i] IS NULL THEN
      RAISE EXCEPTION 'ledger_batch: % cannot be batched', p_functions[i];
    END IF;
  END LOOP;
  IF current_setting('pl.batch_slices') <> '' THEN
    PERFORM pl_promotions_take_slices(current_setting('pl.batch_slices')::jsonb);
  END IF;
  PERFORM set_config('pl.batch', '', true);
  RETURN to_jsonb(results);
END $$;
