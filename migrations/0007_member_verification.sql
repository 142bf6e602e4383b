-- Verified sign-up (incentives.md "One-time passwords and member verification"): a member enrolled with
-- verification "otp" is pending until they prove the phone with a one-time password; pending members can neither
-- earn nor spend. Members also record the channel they enrolled through.
ALTER TABLE members DROP CONSTRAINT members_status_check;
ALTER TABLE members ADD CONSTRAINT members_status_check CHECK (status IN ('pending', 'active', 'blocked', 'deactivated'));
-- NULL: not told (every member enrolled before this migration, and enrollments that do not say).
ALTER TABLE members ADD COLUMN source text CHECK (source IN ('pos', 'web', 'app', 'link', 'qr', 'operator'));

-- One-time passwords (src/otp/otp.ts): at most one live password per member, purpose and subject (the thing it
-- unlocks: the member itself for verification, later a gift card), replaced by the next one issued. Placed by member
-- (src/db/placement.ts), beside what it unlocks, so issuing and checking run on the member's worker.
CREATE TABLE one_time_passwords (
  member_id     text NOT NULL,
  purpose       text NOT NULL CHECK (purpose ~ '^[a-z][a-z_]*$'),
  subject_id    text NOT NULL,
  program_id    text NOT NULL,
  -- Never the code: a salted scrypt hash of it (why not a plain hash: src/otp/otp.ts).
  code_hash     bytea NOT NULL,
  salt          bytea NOT NULL,
  issued_at     timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  -- Wrong codes presented; the password is dead once it reaches the limit.
  attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- Set when the right code was presented: a password works once.
  consumed_at   timestamptz,
  -- When the passwords of the rate window were issued (this one last): the rate limit counts them.
  recent_issues timestamptz[] NOT NULL,
  -- The event that publishes a new password with its code (member.otp_requested), written with the row only to
  -- reach the trigger that emits it on the member's worker (src/otp/sql/otp.sql); the trigger blanks it before the
  -- row is stored, and this check refuses a row that would keep it.
  announcement  jsonb CHECK (announcement IS NULL),
  PRIMARY KEY (member_id, purpose, subject_id)
);
