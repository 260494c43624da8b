package dev.stepwise.observability.logs;

import dev.stepwise.engine.history.EventType;
import java.util.EnumSet;
import java.util.Set;

/**
 * A {@code loggingConfiguration}'s level and the event types it logs, as AWS's table gives them
 * (https://docs.aws.amazon.com/step-functions/latest/dg/cloudwatch-log-level.html): OFF none, ALL
 * every type, ERROR the failures and aborts, FATAL the execution's own failure, abort and timeout.
 */
public enum LogLevel {
  ALL,
  ERROR,
  FATAL,
  OFF;

  private static final Set<EventType> FATAL_TYPES =
      EnumSet.of(
          EventType.ExecutionAborted, EventType.ExecutionFailed, EventType.ExecutionTimedOut);

  private static final Set<EventType> ERROR_TYPES =
      EnumSet.of(
          EventType.ExecutionAborted,
          EventType.ExecutionFailed,
          EventType.ExecutionTimedOut,
          EventType.FailStateEntered,
          EventType.LambdaFunctionFailed,
          EventType.LambdaFunctionScheduleFailed,
          EventType.LambdaFunctionStartFailed,
          EventType.LambdaFunctionTimedOut,
          EventType.MapIterationAborted,
          EventType.MapIterationFailed,
          EventType.MapRunAborted,
          EventType.MapRunFailed,
          EventType.MapStateAborted,
          EventType.MapStateFailed,
          EventType.ParallelStateAborted,
          EventType.ParallelStateFailed,
          EventType.TaskFailed,
          EventType.TaskStartFailed,
          EventType.TaskStateAborted,
          EventType.TaskSubmitFailed,
          EventType.TaskTimedOut,
          EventType.WaitStateAborted);

  public boolean logs(EventType type) {
    return switch (this) {
      case ALL -> true;
      case ERROR -> ERROR_TYPES.contains(type);
      case FATAL -> FATAL_TYPES.contains(type);
      case OFF -> false;
    };
  }
}
