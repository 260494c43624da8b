package dev.stepwise.engine.redrive;

import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.store.ExecutionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/*
 * Facts: ../shared/spec/distributed-map-redrive-teststate.md §2.2 (AWS's Redriving executions page
 * and the botocore model): the conditions and the redriveStatusReason texts, recorded without a
 * trailing period. The order in which the conditions are checked is not documented; this is ours.
 */
/**
 * Whether a closed execution may be redriven, and AWS's reason when not: the one place these rules
 * and texts live (RedriveExecution, DescribeExecution, {@code .sync} outputs).
 */
public final class RedriveRules {
  private RedriveRules() {}

  public static final String DELETING = "State machine is in DELETING status";
  public static final String STARTED_BEFORE_LAUNCH =
      "Execution was started before the launch of RedriveExecution";
  public static final String HISTORY_LIMIT = "Execution history event limit exceeded";
  public static final String MAX_EXECUTION_TIME = "Execution has exceeded the max execution time";
  public static final String PERIOD_EXCEEDED = "Execution redrivable period exceeded";

  /**
   * [INFER] Stepwise's own: an execution that closed under a Stepwise that deleted journals at the
   * close has nothing a redrive could replay.
   */
  public static final String NOT_JOURNALED =
      "Execution closed before Stepwise kept what a redrive needs";

  /** RedriveExecution's launch: executions started before it cannot be redriven. */
  public static final Instant LAUNCH = Instant.parse("2023-11-15T00:00:00Z");

  /** How long after it closed an execution may be redriven. */
  public static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);

  /** An execution's maximum open time: a redrive cannot take it past a year from its start. */
  public static final Duration MAX_OPEN_TIME = Duration.ofDays(365);

  /** How long a {@code clientToken} of a successful redrive answers again with that redrive. */
  public static final Duration TOKEN_PERIOD = Duration.ofMinutes(15);

  /** How many of the last successful redrives' tokens are remembered. */
  public static final int TOKENS_KEPT = 10;

  /** The reason a RUNNING, SUCCEEDED, ... execution cannot be redriven. */
  public static String statusReason(ExecutionStatus status) {
    return "Execution is " + status.name() + " and cannot be redriven";
  }

  /**
   * Why the execution cannot be redriven now, or null when it can.
   *
   * @param lastEventId the id of its last history event (a redrive needs room for {@code
   *     ExecutionRedriven} and one more event), read only when the other rules allow
   * @param historyLimit the id only an execution-closing event may take (AWS: 25,000)
   */
  public static @Nullable String refusal(
      ExecutionStatus status,
      Instant startTime,
      @Nullable Instant stopDate,
      LongSupplier lastEventId,
      int historyLimit,
      Instant now) {
    if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
      return statusReason(status);
    }
    if (startTime.isBefore(LAUNCH)) {
      return STARTED_BEFORE_LAUNCH;
    }
    if (!now.isBefore(startTime.plus(MAX_OPEN_TIME))) {
      return MAX_EXECUTION_TIME;
    }
    if (stopDate != null && !now.isBefore(stopDate.plus(REDRIVABLE_PERIOD))) {
      return PERIOD_EXCEEDED;
    }
    if (historyLimit > 0 && lastEventId.getAsLong() >= historyLimit - 1) {
      return HISTORY_LIMIT;
    }
    return null;
  }

  /**
   * The refusal as it stands when the execution closes ({@code .sync} outputs describe a child
   * then); its history size is not read there.
   */
  public static @Nullable String refusalAtClose(ExecutionRecord r) {
    Instant at = r.stopDate() != null ? r.stopDate() : r.spec().startTime();
    return refusal(r.status(), r.spec().startTime(), r.stopDate(), () -> 0, 0, at);
  }
}
