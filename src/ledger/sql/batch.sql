-- Several member-scoped writes in one round trip and one commit, when requests queue up faster than connections
-- free up (the service batches them; see src/ledger/batcher.ts). The caller orders the batch by member, so two
-- batches always take member locks in the same order. Each element's result is what its own call would return;
-- an exception in any element aborts the batch, and the caller then runs the elements one by one.
CREATE FUNCTION ledger_batch(p_functions text[], p_members text[], p_args jsonb[]) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  results jsonb[] := '{}'::jsonb[];
BEGIN
  FOR i IN 1..coalesce(array_length(p_functions, 1), 0) LOOP
    results := results || CASE p_functions[i]
      WHEN 'ledger_earn' THEN ledger_earn(p_members[i], p_args[i])
      WHEN 'ledger_redeem' THEN ledger_redeem(p_members[i], p_args[i])
      WHEN 'ledger_hold' THEN ledger_hold(p_members[i], p_args[i])
      WHEN 'ledger_adjust' THEN ledger_adjust(p_members[i], p_args[i])
      WHEN 'ledger_balance' THEN ledger_balance(p_members[i], p_args[i])
    END;
    IF results[i] IS NULL THEN
      RAISE EXCEPTION 'ledger_batch: % cannot be batched', p_functions[i];
    END IF;
  END LOOP;
  RETURN to_jsonb(results);
END $$;
