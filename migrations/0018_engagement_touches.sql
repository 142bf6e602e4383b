-- Every time engagement reached a member, or would have but for the holdout (engagement.md "Results").
-- Notifications (a dispatch to the member, or the member held out of it) and journeys (a step that touched the
-- member: a notify, an issued code, awarded points) both write here, so a purchase is attributed to the member's
-- latest touch whichever campaign made it, and a campaign's results are one indexed read of its own rows.
--
-- The member's own history: distributed by the member and written in the transaction that touches them (the
-- dispatch's outbox event, the journey step), so a touch is never recorded without its message, nor the reverse.
-- touch_key is unique per member and names the touch's origin (the notification id, or the journey run and step),
-- so a batch resumed after a crash, or a step run twice by two instances, records it once.
CREATE TABLE engagement_touches (
  member_id    text NOT NULL,
  touch_key    text NOT NULL,
  program_id   text NOT NULL,
  source_kind  text NOT NULL CHECK (source_kind IN ('notification', 'journey')),
  -- The notification id or the journey id: what results are asked of.
  source_id    text NOT NULL,
  -- holdout: the member was chosen for the control group and not sent; their purchases measure the uplift.
  touch        text NOT NULL CHECK (touch IN ('dispatch', 'code', 'points', 'step', 'holdout')),
  touched_at   timestamptz NOT NULL,
  -- Points the touch credited to the member (a journey's award_points step): the campaign's points cost.
  points       bigint NOT NULL DEFAULT 0 CHECK (points >= 0),
  PRIMARY KEY (member_id, touch_key)
);
-- A campaign's results read its touches by source.
CREATE INDEX engagement_touches_source_idx ON engagement_touches (program_id, source_kind, source_id);
-- Attribution asks, per purchase, for the member's latest touch before it.
CREATE INDEX engagement_touches_member_time_idx ON engagement_touches (member_id, touched_at);
