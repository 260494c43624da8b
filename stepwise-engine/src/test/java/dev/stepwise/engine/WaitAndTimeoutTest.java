package dev.stepwise.engine;

import static dev.stepwise.engine.EngineHarness.T0;
import static dev.stepwise.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.history.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaitAndTimeoutTest {
  private final EngineHarness h = new EngineHarness();

  @Test
  void waitHoldsTheExecutionUntilTheClockReachesIt() {
    Execution e =
        h.start(
            """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}}
            """,
            "{\"a\": 1}");

    h.advance(Duration.ofSeconds(9));
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
    h.advance(Duration.ofSeconds(1));

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).isEqualTo(json("{\"a\":1}"));
    assertThat(e.history())
        .extracting(HistoryEvent::timestamp)
        .containsExactly(T0, T0, T0.plusSeconds(10), T0.plusSeconds(10));
  }

  @Test
  void theWaitTimeScaleShortensWaitStatesOnly() {
    EngineHarness scaled = new EngineHarness(EngineSettings.DEFAULTS.withWaitTimeScale(0.5));
    Execution e =
        scaled.start(
            """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10, "Next": "U"},
              "U": {"Type": "Wait", "Timestamp": "2026-01-01T00:01:05Z", "End": true}}}
            """,
            "{}");

    scaled.runUntilIdle();

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // 10 s become 5; the 60 s left until the timestamp become 30.
    assertThat(e.history())
        .extracting(HistoryEvent::timestamp)
        .containsExactly(
            T0, T0, T0.plusSeconds(5), T0.plusSeconds(5), T0.plusSeconds(35), T0.plusSeconds(35));
  }

  @Test
  void aWaitTimeScaleOfZeroEndsWaitsAtOnce() {
    Execution e =
        new EngineHarness(EngineSettings.DEFAULTS.withWaitTimeScale(0))
            .start(
                """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 86400, "End": true}}}
                """,
                "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void waitUntilAPastTimestampContinuesAtOnce() {
    Execution e =
        h.start(
            """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}}
            """,
            "{\"t\": \"2016-03-14T01:59:00Z\"}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void taskTimeoutFailsWithStatesTimeout() {
    h.tasks.hold("arn:aws:states:::lambda:invoke");
    Execution e =
        h.start(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "End": true}}}
            """,
            "{}");

    h.advance(Duration.ofSeconds(5));

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).isEqualTo("States.Timeout");
    assertThat(e.cause()).isNull();
    assertThat(h.tasks.cancelled()).hasSize(1);
    assertThat(e.history())
        .extracting(ev -> ev.type().name())
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskTimedOut",
            "ExecutionFailed");
    assertThat(e.history().get(4).details())
        .isEqualTo(
            json(
                "{\"resourceType\":\"lambda\",\"resource\":\"invoke\",\"error\":\"States.Timeout\"}"));
  }

  @Test
  void heartbeatsExtendTheHeartbeatClockOnly() {
    h.tasks.hold("arn:aws:states:::lambda:invoke.waitForTaskToken");
    Execution e =
        h.start(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
              "HeartbeatSeconds": 3, "TimeoutSeconds": 10, "End": true}}}
            """,
            "{}");
    long taskId = h.tasks.dispatched().get(0).taskId();

    h.advance(Duration.ofSeconds(2));
    h.tasks.callbacks(taskId).heartbeat();
    h.scheduler.runReady();
    h.advance(Duration.ofSeconds(2));
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
    h.advance(Duration.ofSeconds(1));

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).isEqualTo("States.Timeout");
    assertThat(e.stopDate()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void executionTimeoutEndsTimedOut() {
    Execution e =
        h.start(
            """
            {"TimeoutSeconds": 5, "StartAt": "W",
             "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}}
            """,
            "{}");

    h.runUntilIdle();

    assertThat(e.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(e.stopDate()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
    assertThat(e.history())
        .extracting(ev -> ev.type().name())
        .containsExactly("ExecutionStarted", "WaitStateEntered", "ExecutionTimedOut");
    // AWS: no error or cause on a timed-out execution (recorded: test_global_timeout).
    assertThat(e.error()).isNull();
    assertThat(e.cause()).isNull();
    assertThat(e.history().get(2).details()).isEqualTo(json("{}"));
  }

  @Test
  void stopAbortsWithErrorAndCause() {
    Execution e =
        h.start(
            """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100, "End": true}}}
            """,
            "{}");

    h.engine.stop(e.spec().executionArn(), "MyError", "stopped by test");
    h.scheduler.runReady();

    assertThat(e.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(e.history().get(2).details())
        .isEqualTo(json("{\"error\":\"MyError\",\"cause\":\"stopped by test\"}"));
    // A stop follows no event of the run (recorded: test_stop_execution).
    assertThat(e.history().get(2).previousEventId()).isZero();
    assertThat(h.scheduler.idle()).isTrue();
  }
}
