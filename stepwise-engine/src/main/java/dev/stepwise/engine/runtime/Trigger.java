package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** Something that advances an execution. */
public sealed interface Trigger {
  record Start() implements Trigger {}

  /**
   * Runs the work a step left when it reached {@link Interpreter#STEP_BUDGET} actions, after the
   * triggers that came meanwhile: long runs are cut into steps, so they share threads and a
   * StopExecution does not wait for their end.
   */
  record Continue() implements Trigger {}

  record TimerFired(long timerId) implements Trigger {}

  record TaskStarted(long taskId, @Nullable String workerName) implements Trigger {}

  record TaskSubmitted(long taskId, JsonNode response) implements Trigger {}

  record TaskSucceeded(long taskId, JsonNode output) implements Trigger {}

  record TaskFailed(long taskId, @Nullable String error, @Nullable String cause)
      implements Trigger {}

  record TaskHeartbeat(long taskId) implements Trigger {}

  /**
   * DeleteStateMachine while this execution runs: it fails at its next state transition ({@code
   * States.Runtime}, "State machine NAME has been deleted.").
   */
  record MachineDeleted() implements Trigger {}

  /**
   * RedriveExecution: a closed execution goes on from the states that did not finish ({@link
   * Redriver}); {@code clientToken} makes a repeated request answer with the same redrive.
   */
  record Redrive(@Nullable String clientToken) implements Trigger {}

  /** StopExecution. */
  record Stop(@Nullable String error, @Nullable String cause) implements Trigger {}
}
