package dev.stepwise.engine.runtime;

import dev.stepwise.engine.task.TaskRequest;
import java.time.Instant;

/** Work a step asks its runner to do outside the interpreter. */
public sealed interface Effect {
  /** Deliver {@code Trigger.TimerFired(timerId)} at {@code due}. */
  record ScheduleTimer(long timerId, Instant due) implements Effect {}

  record CancelTimer(long timerId) implements Effect {}

  record DispatchTask(TaskRequest request) implements Effect {}

  record CancelTask(TaskRequest request, String cause) implements Effect {}

  /**
   * After a restart: a task that was submitted (its call made, its outcome awaited) waits again;
   * {@code submitted} is what the integration reported when it was submitted.
   */
  record ResumeTask(TaskRequest request, com.fasterxml.jackson.databind.JsonNode submitted)
      implements Effect {}
}
