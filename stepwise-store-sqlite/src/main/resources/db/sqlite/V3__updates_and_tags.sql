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
