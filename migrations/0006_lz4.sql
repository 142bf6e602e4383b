-- The largest values a purchase writes, the stored response to its Idempotency-Key and its events' data (a purchase
-- with promotions writes a few kilobytes of each), are compressed with lz4 where the server was built with it: pglz
-- took about a tenth of the extra database CPU of a purchase with promotions (bench/PROMOTIONS.md). A server built
-- without lz4 keeps pglz, and so do values written before this migration.
DO $$
BEGIN
  ALTER TABLE idempotency_keys ALTER COLUMN response SET COMPRESSION lz4;
  ALTER TABLE events ALTER COLUMN data SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'this server has no lz4: idempotency_keys.response and events.data stay compressed with pglz';
END $$;
