-- Programs, API keys and members: the tenant skeleton the ledger hangs off.
-- Ids are TypeIDs (prefix + UUIDv7) stored as text: opaque to clients, sortable by creation.

CREATE TABLE programs (
  id          text PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Business settings (rates, tiers, limits, expiry...) live in one validated document; the code owns its defaults.
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id           text PRIMARY KEY,
  program_id   text NOT NULL REFERENCES programs (id),
  name         text,
  role         text NOT NULL CHECK (role IN ('admin', 'pos', 'read')),
  -- SHA-256 of the secret: secrets are 256-bit random, so a fast hash is enough and keeps auth cheap.
  secret_hash  bytea NOT NULL UNIQUE,
  -- First characters of the secret, so an operator can tell keys apart without seeing them.
  secret_hint  text NOT NULL,
  created_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX api_keys_program_idx ON api_keys (program_id, id);

CREATE TABLE members (
  id            text PRIMARY KEY,
  program_id    text NOT NULL REFERENCES programs (id),
  loyalty_id    text NOT NULL CHECK (loyalty_id ~ '^[0-9]{8}$'),
  external_ref  text,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'deactivated')),
  status_reason text,
  status_changed_at timestamptz,
  name          text,
  phone         text,
  email         text,
  birth_date    date,
  gender        text,
  branch        text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CONSTRAINT members_loyalty_id_key UNIQUE (program_id, loyalty_id),
  CONSTRAINT members_external_ref_key UNIQUE (program_id, external_ref)
);
-- Listing walks (program, id) so cursors stay stable while members enroll.
CREATE INDEX members_program_id_idx ON members (program_id, id);
CREATE INDEX members_program_phone_idx ON members (program_id, phone);
CREATE INDEX members_program_branch_idx ON members (program_id, branch, id);
CREATE INDEX members_program_status_idx ON members (program_id, status, id);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX members_name_trgm_idx ON members USING gin (lower(name) gin_trgm_ops);
