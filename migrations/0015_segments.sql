-- Segments (analytics.md "Segments"): named groups of members, either a rule evaluated as of an instant (dynamic) or
-- a list kept by hand (static). The rule is the validated JSON tree (src/analytics/segment-rule.ts), compiled to SQL
-- when it is read, so a change of the compiler or of the program's settings (time zone, home currency) applies to
-- every segment at once.
-- Program-level, a handful per program, written by admins: a reference table on Citus, like promotions.
CREATE TABLE segments (
  program_id   text NOT NULL,
  id           text NOT NULL,
  name         text NOT NULL,
  description  text,
  kind         text NOT NULL CHECK (kind IN ('dynamic', 'static')),
  rule         jsonb CHECK ((kind = 'dynamic') = (rule IS NOT NULL)),
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (program_id, id)
);

-- A static segment's members: one row per (member, segment) on the member's shard, so a purchase's promotion facts
-- (ledger_promotion_facts, on the member's worker) answer "is this member in it" locally. added_at / removed_at let
-- lists answer as of an instant for the current spell; re-adding a removed member starts a new spell.
CREATE TABLE segment_members (
  member_id    text NOT NULL,
  segment_id   text NOT NULL,
  program_id   text NOT NULL,
  added_at     timestamptz NOT NULL,
  removed_at   timestamptz,
  PRIMARY KEY (member_id, segment_id)
);
CREATE INDEX segment_members_segment_idx ON segment_members (program_id, segment_id, member_id);
