package dev.stepwise.engine.store;

import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A page of ListExecutions: newest first (start time descending, then ARN descending).
 *
 * @param stateMachineArn only executions of this state machine, or all when null
 * @param status only executions with this status, or all when null
 * @param limit at most this many
 * @param after continue after this position (exclusive), or from the newest when null
 * @param startedBy only executions whose input names this parent execution in {@code
 *     AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID} (a Stepwise filter), or all when null
 */
public record ExecutionQuery(
    @Nullable String stateMachineArn,
    @Nullable ExecutionStatus status,
    int limit,
    @Nullable Position after,
    @Nullable String startedBy) {

  public ExecutionQuery(
      @Nullable String stateMachineArn,
      @Nullable ExecutionStatus status,
      int limit,
      @Nullable Position after) {
    this(stateMachineArn, status, limit, after, null);
  }

  /** The input key that links a child to the execution that started it. */
  public static final String STARTED_BY = "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID";

  /** A position in the listing order. */
  public record Position(Instant startTime, String executionArn) {}
}
