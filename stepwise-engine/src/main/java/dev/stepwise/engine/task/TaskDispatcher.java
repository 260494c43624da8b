package dev.stepwise.engine.task;

/** The port through which the engine runs Task states: one implementation per integration. */
public interface TaskDispatcher {

  /** Starts a task. Must not block: the outcome comes later through {@code callbacks}. */
  void dispatch(TaskRequest request, TaskCallbacks callbacks);

  /** The task is no longer wanted (timed out, execution stopped, sibling failed). */
  default void cancel(TaskRequest request, String cause) {}
}
