package dev.stepwise.engine;

import static dev.stepwise.engine.EngineHarness.T0;
import static dev.stepwise.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import org.junit.jupiter.api.Test;

class RetryCatchTest {
  private static final String LAMBDA = "arn:aws:states:::lambda:invoke";
  private final EngineHarness h = new EngineHarness();

  @Test
  void retriesBackOffOnTheClock() {
    h.tasks.fail(LAMBDA, "Err", "first").fail(LAMBDA, "Err", "second");
    Execution e =
        h.start(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
              "Retry": [{"ErrorEquals": ["Err"], "IntervalSeconds": 2, "BackoffRate": 3}],
              "End": true}}}
            """
                .formatted(LAMBDA),
            "{\"k\": 1}");

    h.runUntilIdle();

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).isEqualTo(json("{\"k\":1}"));
    assertThat(e.history())
        .filteredOn(ev -> ev.type() == EventType.TaskScheduled)
        .extracting(HistoryEvent::timestamp)
        .containsExactly(T0, T0.plusSeconds(2), T0.plusSeconds(8));
  }

  @Test
  void retriesStopAtMaxAttemptsThenCatch() {
    h.tasks.fail(LAMBDA, "Err", "1").fail(LAMBDA, "Err", "2").fail(LAMBDA, "Err", "3");
    Execution e =
        h.start(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "%s",
                "Retry": [{"ErrorEquals": ["Err"], "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handled"}],
                "End": true},
              "Handled": {"Type": "Pass", "End": true}}}
            """
                .formatted(LAMBDA),
            "{\"k\": 1}");

    h.runUntilIdle();

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output())
        .isEqualTo(json("{\"k\":1,\"error\":{\"Error\":\"Err\",\"Cause\":\"3\"}}"));
    assertThat(h.tasks.dispatched()).hasSize(3);
    assertThat(e.history())
        .extracting(ev -> ev.type().name())
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskFailed",
            "TaskScheduled",
            "TaskStarted",
            "TaskFailed",
            "TaskScheduled",
            "TaskStarted",
            "TaskFailed",
            "TaskStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void statesAllDoesNotCatchRuntimeErrors() {
    Execution e =
        h.start(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "%s", "InputPath": "$.missing",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": true},
              "Handled": {"Type": "Pass", "End": true}}}
            """
                .formatted(LAMBDA),
            "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).isEqualTo("States.Runtime");
    assertThat(e.cause())
        .isEqualTo(
            "An error occurred while executing the state 'T' (entered at the event id #2)."
                + " Invalid path '$.missing' : No results for path: $['missing']");
  }

  @Test
  void taskFailedMatchesAllButTimeout() {
    h.tasks.fail(LAMBDA, "Custom", "x");
    Execution e =
        h.start(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "%s",
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": null, "Next": "Handled"}],
                "End": true},
              "Handled": {"Type": "Pass", "Result": "caught", "End": true}}}
            """
                .formatted(LAMBDA),
            "{}");

    assertThat(e.output()).isEqualTo(json("\"caught\""));
  }
}
