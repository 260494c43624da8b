package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** Something that advances an execution. */
public sealed interface Trigger {
  record Start() implements Trigger {}

  record TimerFired(long timerId) implements Trigger {}

  record TaskStarted(long taskId, @Nullable String workerName) implements Trigger {}

  record TaskSubmitted(long taskId, JsonNode response) implements Trigger {}

  record TaskSucceeded(long taskId, JsonNode output) implements Trigger {}

  record TaskFailed(long taskId, @Nullable String error, @Nullable String cause)
      implements Trigger {}

  record TaskHeartbeat(long taskId) implements Trigger {}

  /** StopExecution. */
  record Stop(@Nullable String error, @Nullable String cause) implements Trigger {}
}
