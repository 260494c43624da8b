package dev.stepwise.engine.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each condition of AWS's redrive eligibility with its exact reason text. */
class RedriveRulesTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant STOP = START.plusSeconds(60);

  private static String refusal(
      ExecutionStatus status, Instant start, Instant stop, long lastEventId, Instant now) {
    return RedriveRules.refusal(status, start, stop, () -> lastEventId, 25_000, now);
  }

  @Test
  void failedTimedOutAndAbortedExecutionsAreRedrivable() {
    for (ExecutionStatus s :
        new ExecutionStatus[] {
          ExecutionStatus.FAILED, ExecutionStatus.TIMED_OUT, ExecutionStatus.ABORTED
        }) {
      assertThat(refusal(s, START, STOP, 10, STOP.plusSeconds(1))).isNull();
    }
  }

  @Test
  void everyRefusalHasAwsReason() {
    assertThat(refusal(ExecutionStatus.RUNNING, START, null, 10, STOP))
        .isEqualTo("Execution is RUNNING and cannot be redriven");
    assertThat(refusal(ExecutionStatus.SUCCEEDED, START, STOP, 10, STOP))
        .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
    Instant old = Instant.parse("2023-11-14T23:59:59Z");
    assertThat(refusal(ExecutionStatus.FAILED, old, old.plusSeconds(1), 10, old.plusSeconds(2)))
        .isEqualTo("Execution was started before the launch of RedriveExecution");
    assertThat(
            refusal(
                ExecutionStatus.FAILED,
                START,
                START.plus(Duration.ofDays(360)),
                10,
                START.plus(Duration.ofDays(365))))
        .isEqualTo("Execution has exceeded the max execution time");
    assertThat(refusal(ExecutionStatus.FAILED, START, STOP, 10, STOP.plus(Duration.ofDays(14))))
        .isEqualTo("Execution redrivable period exceeded");
    assertThat(
            refusal(
                ExecutionStatus.FAILED,
                START,
                STOP,
                10,
                STOP.plus(Duration.ofDays(14)).minusMillis(1)))
        .isNull();
    assertThat(refusal(ExecutionStatus.FAILED, START, STOP, 24_999, STOP))
        .isEqualTo("Execution history event limit exceeded");
    assertThat(refusal(ExecutionStatus.FAILED, START, STOP, 24_998, STOP)).isNull();
    assertThat(RedriveRules.DELETING).isEqualTo("State machine is in DELETING status");
  }

  @Test
  void theHistoryIsReadOnlyWhenTheOtherRulesAllow() {
    assertThat(
            RedriveRules.refusal(
                ExecutionStatus.SUCCEEDED,
                START,
                STOP,
                () -> {
                  throw new AssertionError("read");
                },
                25_000,
                STOP))
        .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
  }
}
