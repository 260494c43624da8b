package dev.stepwise.engine.task;

/** The port through which the engine runs Task states: one implementation per integration. */
public interface TaskDispatcher {

  /** Starts a task. Must not block: the outcome comes later through {@code callbacks}. */
  void dispatch(TaskRequest request, TaskCallbacks callbacks);

  /**
   * After a restart, a task that had been submitted waits again: integrations whose outcome is
   * pushed (a child execution's end) attach to it again; callbacks by token need nothing.
   */
  default void resume(
      TaskRequest request,
      com.fasterxml.jackson.databind.JsonNode submitted,
      TaskCallbacks callbacks) {}

  /** The task is no longer wanted (timed out, execution stopped, sibling failed). */
  default void cancel(TaskRequest request, String cause) {}

  /**
   * Why the task cannot even be scheduled (a missing activity), or null. Asked as the state
   * schedules it: AWS then fails the state with {@code States.Runtime} and records no Scheduled
   * event. Must not block. Wrappers pass it on.
   */
  default @org.jspecify.annotations.Nullable String unschedulable(TaskRequest request) {
    return null;
  }
}
