-- RFM segments (analytics.md "RFM"). The scores themselves are computed on demand, as of any instant, from purchases
-- and returns (src/analytics/rfm.ts); this table keeps only what the rfm job last published for each member, so the
-- next run publishes member.segment_changed for exactly the members whose segment changed since.
CREATE TABLE member_rfm (
  member_id         text NOT NULL,
  program_id        text NOT NULL,
  -- NULL once a member who had a segment has none (no purchase left in the window and not lost yet).
  segment           text,
  -- What it was before the last change (NULL on a member's first): returned by the job's upsert to fill `from`.
  previous_segment  text,
  -- The scores and figures the segment was found with (NULL for an unscored member: Lost with no purchase in the window).
  r_score           smallint CHECK (r_score BETWEEN 1 AND 5),
  f_score           smallint CHECK (f_score BETWEEN 1 AND 5),
  m_score           smallint CHECK (m_score BETWEEN 1 AND 5),
  fm_score          smallint CHECK (fm_score BETWEEN 1 AND 5),
  recency_days      integer,
  frequency         integer,
  monetary          bigint,
  -- The as_of of the run that found this segment: a run as of an earlier instant changes nothing here.
  as_of             timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  PRIMARY KEY (member_id)
);
CREATE INDEX member_rfm_segment_idx ON member_rfm (program_id, segment);
