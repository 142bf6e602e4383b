-- Journeys (engagement.md "Journeys"): a trigger and a short list of steps, and each member's run through them.

-- A journey: program-level settings an admin writes rarely and the journeys job reads on the coordinator, like
-- targets: a reference table on Citus. trigger and steps are validated by src/engagement/journeys.ts.
CREATE TABLE journeys (
  program_id   text NOT NULL,
  id           text NOT NULL,
  name         text NOT NULL,
  trigger      jsonb NOT NULL,
  steps        jsonb NOT NULL,
  status       text NOT NULL CHECK (status IN ('active', 'paused')),
  -- never: a member runs the journey once, ever; after_exit: again on a later trigger once the last run ended.
  reentry      text NOT NULL CHECK (reentry IN ('never', 'after_exit')),
  -- The template it was made from (GET /v1/journey-templates), for people reading the list; null when made by hand.
  template     text,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (program_id, id)
);

-- One member's run through a journey: a small state machine, distributed by the member and co-located with them, so
-- each step (its codes aside) is written in the member's own single-worker transaction with its events and touch.
CREATE TABLE journey_runs (
  member_id        text NOT NULL,
  id               text NOT NULL,
  program_id       text NOT NULL,
  journey_id       text NOT NULL,
  status           text NOT NULL CHECK (status IN ('active', 'completed', 'exited')),
  -- The index of the next step to run (steps.length once completed).
  step             integer NOT NULL DEFAULT 0 CHECK (step >= 0),
  -- When the next step is due; null once the run ended.
  due_at           timestamptz,
  -- 'once' for a journey whose reentry is never (the unique index below then allows one run ever), else the trigger
  -- event's id (one run per trigger event, however many instances read the feed).
  entry_key        text NOT NULL,
  trigger_event_id text NOT NULL,
  trigger_type     text NOT NULL,
  trigger_at       timestamptz NOT NULL,
  trigger_data     jsonb NOT NULL,
  -- What later steps read: the code the run last issued ({{code}}), whether a wait step is under way.
  context          jsonb NOT NULL DEFAULT '{}'::jsonb,
  exit_reason      text CHECK (exit_reason IN ('exit_step', 'condition', 'purchase', 'lost')),
  started_at       timestamptz NOT NULL,
  ended_at         timestamptz,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (member_id, id),
  CHECK ((status = 'active') = (due_at IS NOT NULL)),
  CHECK ((status = 'exited') = (exit_reason IS NOT NULL))
);
-- At most one active run per member and journey.
CREATE UNIQUE INDEX journey_runs_one_active ON journey_runs (member_id, journey_id) WHERE status = 'active';
CREATE UNIQUE INDEX journey_runs_entry ON journey_runs (member_id, journey_id, entry_key);
-- The job's claim: the active runs due by as_of.
CREATE INDEX journey_runs_due ON journey_runs (program_id, due_at) WHERE status = 'active';
CREATE INDEX journey_runs_journey ON journey_runs (program_id, journey_id);

-- Where the journeys job has read the program's event feed to (a FeedCursor of src/events/feed.ts): operational state
-- of the job alone, on the coordinator.
CREATE TABLE journey_feed_positions (
  program_id   text PRIMARY KEY,
  cursor       jsonb NOT NULL,
  updated_at   timestamptz NOT NULL
);
