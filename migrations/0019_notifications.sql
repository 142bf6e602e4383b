-- Notifications (engagement.md "Notifications", issue 16 item 1): a message to an audience on some channels, sent by
-- the notifications job in batches of members, each member and channel handed to the integrator's provider as one
-- notification.dispatch event.

-- The notification itself: program-level, written by admins and by the job once per batch (status and cursor), never
-- per member. A reference table on Citus: the batch that advances the cursor is the transaction that writes the
-- batch's members, so the cursor and the rows behind it commit together.
CREATE TABLE notifications (
  program_id       text NOT NULL,
  id               text NOT NULL,
  status           text NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'cancelled')),
  -- {"all": true} | {"segment_id": "seg_..."} | {"rfm_segment": "Champions"} | {"member_ids": [...]}
  audience         jsonb NOT NULL,
  channels         text[] NOT NULL CHECK (cardinality(channels) BETWEEN 1 AND 3 AND channels <@ ARRAY['push', 'sms', 'email']),
  title            text NOT NULL,
  body             text NOT NULL,
  data             jsonb NOT NULL DEFAULT '{}'::jsonb,
  scheduled_at     timestamptz NOT NULL,
  -- Basis points of the audience held out (0 to 5000): chosen by a stable hash of (notification, member).
  holdout_bps      integer NOT NULL DEFAULT 0 CHECK (holdout_bps BETWEEN 0 AND 5000),
  expires_at       timestamptz,
  -- The last member id whose rows are written: the next batch starts after it (keyset over member id).
  cursor           text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  started_at       timestamptz,
  finished_at      timestamptz,
  cancelled_at     timestamptz,
  PRIMARY KEY (program_id, id)
);
-- The job claims what is due.
CREATE INDEX notifications_due_idx ON notifications (program_id, scheduled_at) WHERE status IN ('scheduled', 'sending');

-- One row per member, notification and channel the job decided: dispatched, or why not. The key (member,
-- notification, channel) is the dispatch key: a batch resumed after a crash, or run by a second instance, inserts
-- nothing twice. A journey's notify step records its messages here too, notification_id then being
-- journey:<run id>:<step>, so the frequency caps count both. The member's own history: distributed by the member, written with the member's dispatch event.
CREATE TABLE notification_recipients (
  member_id        text NOT NULL,
  notification_id  text NOT NULL,
  channel          text NOT NULL CHECK (channel IN ('push', 'sms', 'email')),
  program_id       text NOT NULL,
  outcome          text NOT NULL CHECK (outcome IN ('dispatched', 'holdout', 'consent', 'no_address', 'frequency_cap', 'quiet_hours')),
  decided_at       timestamptz NOT NULL,
  event_id         text,
  PRIMARY KEY (member_id, notification_id, channel)
);
-- A notification's counts.
CREATE INDEX notification_recipients_notification_idx ON notification_recipients (notification_id, outcome);
-- Frequency caps count the member's dispatches per channel in the local day and ISO week.
CREATE INDEX notification_recipients_cap_idx ON notification_recipients (member_id, channel, decided_at) WHERE outcome = 'dispatched';

-- What the provider reported for a dispatch: once per member, notification, channel and status.
CREATE TABLE notification_receipts (
  member_id        text NOT NULL,
  notification_id  text NOT NULL,
  channel          text NOT NULL CHECK (channel IN ('push', 'sms', 'email')),
  status           text NOT NULL CHECK (status IN ('delivered', 'opened', 'clicked')),
  program_id       text NOT NULL,
  occurred_at      timestamptz NOT NULL,
  recorded_at      timestamptz NOT NULL,
  PRIMARY KEY (member_id, notification_id, channel, status)
);
CREATE INDEX notification_receipts_notification_idx ON notification_receipts (notification_id, status);
