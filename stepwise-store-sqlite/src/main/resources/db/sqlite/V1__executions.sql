-- Executions, their trigger journal (replayed after a restart) and their history events.
CREATE TABLE executions (
  arn                 TEXT    NOT NULL PRIMARY KEY,
  name                TEXT    NOT NULL,
  state_machine_arn   TEXT    NOT NULL,
  state_machine_name  TEXT    NOT NULL,
  definition          TEXT    NOT NULL,
  type                TEXT    NOT NULL,
  input               TEXT    NOT NULL,
  role_arn            TEXT    NOT NULL,
  start_nanos         INTEGER NOT NULL,
  version_arn         TEXT,
  alias_arn           TEXT,
  record_history      INTEGER NOT NULL,
  seed                INTEGER NOT NULL,
  status              TEXT    NOT NULL,
  output              TEXT,
  error               TEXT,
  cause               TEXT,
  stop_nanos          INTEGER
);
CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_nanos DESC, arn DESC);
CREATE INDEX executions_by_start ON executions (start_nanos DESC, arn DESC);
CREATE INDEX executions_by_status ON executions (status);

CREATE TABLE journal (
  execution_arn  TEXT    NOT NULL,
  sequence       INTEGER NOT NULL,
  at_nanos       INTEGER NOT NULL,
  trigger_json   TEXT    NOT NULL,
  PRIMARY KEY (execution_arn, sequence)
);

CREATE TABLE events (
  execution_arn  TEXT    NOT NULL,
  id             INTEGER NOT NULL,
  previous_id    INTEGER NOT NULL,
  at_nanos       INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  details        TEXT,
  PRIMARY KEY (execution_arn, id)
);

CREATE TABLE state_machines (
  arn            TEXT    NOT NULL PRIMARY KEY,
  name           TEXT    NOT NULL,
  definition     TEXT    NOT NULL,
  type           TEXT    NOT NULL,
  role_arn       TEXT    NOT NULL,
  created_nanos  INTEGER NOT NULL
);
