-- How the database writes ids and instants, the way the API shows them.

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
