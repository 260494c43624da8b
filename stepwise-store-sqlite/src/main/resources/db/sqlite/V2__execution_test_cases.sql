-- The mock test case an open execution was started with (StartExecution on "<arn>#<TestCase>"),
-- so its tasks keep their mocked answers across a restart.
CREATE TABLE execution_test_cases (
  execution_arn  TEXT NOT NULL PRIMARY KEY,
  test_case      TEXT NOT NULL
);
