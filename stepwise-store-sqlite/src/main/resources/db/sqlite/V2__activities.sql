-- Activities (CreateActivity); their tasks are not stored: executions dispatch them again.
CREATE TABLE activities (
  arn            TEXT    NOT NULL PRIMARY KEY,
  name           TEXT    NOT NULL,
  created_nanos  INTEGER NOT NULL
);
