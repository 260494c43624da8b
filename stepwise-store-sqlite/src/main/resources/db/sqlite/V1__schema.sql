-- The Stepwise schema. Later changes come as new versioned migrations (V2, V3, ...).

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

-- Activities (CreateActivity); their tasks are not stored: executions dispatch them again.
CREATE TABLE activities (
  arn            TEXT    NOT NULL PRIMARY KEY,
  name           TEXT    NOT NULL,
  created_nanos  INTEGER NOT NULL
);

-- UpdateStateMachine: the last update, its revision, and the logging and tracing configurations
-- (JSON as given; NULL is AWS's default). Tags of state machines and activities, in order.
ALTER TABLE state_machines ADD COLUMN updated_nanos INTEGER;
ALTER TABLE state_machines ADD COLUMN revision_id TEXT;
ALTER TABLE state_machines ADD COLUMN logging TEXT;
ALTER TABLE state_machines ADD COLUMN tracing TEXT;

CREATE TABLE tags (
  resource_arn  TEXT    NOT NULL,
  position      INTEGER NOT NULL,
  tag_key       TEXT    NOT NULL,
  tag_value     TEXT    NOT NULL,
  PRIMARY KEY (resource_arn, tag_key)
);

-- State machine versions (each a frozen copy of the machine), the highest number each machine
-- ever published (numbers are never reused), and aliases with their routing (JSON).
CREATE TABLE state_machine_versions (
  arn                TEXT    NOT NULL PRIMARY KEY,
  state_machine_arn  TEXT    NOT NULL,
  number             INTEGER NOT NULL,
  name               TEXT    NOT NULL,
  definition         TEXT    NOT NULL,
  type               TEXT    NOT NULL,
  role_arn           TEXT    NOT NULL,
  machine_created    INTEGER NOT NULL,
  machine_updated    INTEGER NOT NULL,
  revision_id        TEXT,
  logging            TEXT,
  tracing            TEXT,
  description        TEXT,
  created_nanos      INTEGER NOT NULL
);

CREATE TABLE state_machine_last_versions (
  state_machine_arn  TEXT    NOT NULL PRIMARY KEY,
  number             INTEGER NOT NULL
);

CREATE TABLE state_machine_aliases (
  arn                TEXT    NOT NULL PRIMARY KEY,
  state_machine_arn  TEXT    NOT NULL,
  name               TEXT    NOT NULL,
  description        TEXT,
  routing            TEXT    NOT NULL,
  created_nanos      INTEGER NOT NULL,
  updated_nanos      INTEGER NOT NULL
);


-- The mock test case an open execution was started with (StartExecution on "<arn>#<TestCase>"),
-- so its tasks keep their mocked answers across a restart.
CREATE TABLE execution_test_cases (
  execution_arn  TEXT NOT NULL PRIMARY KEY,
  test_case      TEXT NOT NULL
);
