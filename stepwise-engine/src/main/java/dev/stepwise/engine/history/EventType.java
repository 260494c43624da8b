package dev.stepwise.engine.history;

import org.jspecify.annotations.Nullable;

/**
 * AWS's {@code HistoryEventType}s, spelled as on the wire, each with the name of the details member
 * its events carry (null for the types that carry none).
 */
public enum EventType {
  ActivityFailed("activityFailedEventDetails"),
  ActivityScheduleFailed("activityScheduleFailedEventDetails"),
  ActivityScheduled("activityScheduledEventDetails"),
  ActivityStarted("activityStartedEventDetails"),
  ActivitySucceeded("activitySucceededEventDetails"),
  ActivityTimedOut("activityTimedOutEventDetails"),
  ChoiceStateEntered("stateEnteredEventDetails"),
  ChoiceStateExited("stateExitedEventDetails"),
  EvaluationFailed("evaluationFailedEventDetails"),
  ExecutionAborted("executionAbortedEventDetails"),
  ExecutionFailed("executionFailedEventDetails"),
  ExecutionRedriven("executionRedrivenEventDetails"),
  ExecutionStarted("executionStartedEventDetails"),
  ExecutionSucceeded("executionSucceededEventDetails"),
  ExecutionTimedOut("executionTimedOutEventDetails"),
  FailStateEntered("stateEnteredEventDetails"),
  LambdaFunctionFailed("lambdaFunctionFailedEventDetails"),
  LambdaFunctionScheduleFailed("lambdaFunctionScheduleFailedEventDetails"),
  LambdaFunctionScheduled("lambdaFunctionScheduledEventDetails"),
  LambdaFunctionStartFailed("lambdaFunctionStartFailedEventDetails"),
  LambdaFunctionStarted(null),
  LambdaFunctionSucceeded("lambdaFunctionSucceededEventDetails"),
  LambdaFunctionTimedOut("lambdaFunctionTimedOutEventDetails"),
  MapIterationAborted("mapIterationAbortedEventDetails"),
  MapIterationFailed("mapIterationFailedEventDetails"),
  MapIterationStarted("mapIterationStartedEventDetails"),
  MapIterationSucceeded("mapIterationSucceededEventDetails"),
  MapRunAborted(null),
  MapRunFailed("mapRunFailedEventDetails"),
  MapRunRedriven("mapRunRedrivenEventDetails"),
  MapRunStarted("mapRunStartedEventDetails"),
  MapRunSucceeded(null),
  MapStateAborted(null),
  MapStateEntered("stateEnteredEventDetails"),
  MapStateExited("stateExitedEventDetails"),
  MapStateFailed(null),
  MapStateStarted("mapStateStartedEventDetails"),
  MapStateSucceeded(null),
  ParallelStateAborted(null),
  ParallelStateEntered("stateEnteredEventDetails"),
  ParallelStateExited("stateExitedEventDetails"),
  ParallelStateFailed(null),
  ParallelStateStarted(null),
  ParallelStateSucceeded(null),
  PassStateEntered("stateEnteredEventDetails"),
  PassStateExited("stateExitedEventDetails"),
  SucceedStateEntered("stateEnteredEventDetails"),
  SucceedStateExited("stateExitedEventDetails"),
  TaskFailed("taskFailedEventDetails"),
  TaskScheduled("taskScheduledEventDetails"),
  TaskStartFailed("taskStartFailedEventDetails"),
  TaskStarted("taskStartedEventDetails"),
  TaskStateAborted(null),
  TaskStateEntered("stateEnteredEventDetails"),
  TaskStateExited("stateExitedEventDetails"),
  TaskSubmitFailed("taskSubmitFailedEventDetails"),
  TaskSubmitted("taskSubmittedEventDetails"),
  TaskSucceeded("taskSucceededEventDetails"),
  TaskTimedOut("taskTimedOutEventDetails"),
  WaitStateAborted(null),
  WaitStateEntered("stateEnteredEventDetails"),
  WaitStateExited("stateExitedEventDetails");

  private final @Nullable String detailsKey;

  EventType(@Nullable String detailsKey) {
    this.detailsKey = detailsKey;
  }

  /** The details member name, e.g. {@code stateEnteredEventDetails}, or null. */
  public @Nullable String detailsKey() {
    return detailsKey;
  }

  /** Whether this event closes the execution. */
  public boolean closesExecution() {
    return this == ExecutionSucceeded
        || this == ExecutionFailed
        || this == ExecutionAborted
        || this == ExecutionTimedOut;
  }
}
