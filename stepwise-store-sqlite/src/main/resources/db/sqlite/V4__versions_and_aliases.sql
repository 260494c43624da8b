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
