package dev.stepwise.engine;

/** AWS's {@code ExecutionStatus} values that Stepwise produces. */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED;

  public boolean closed() {
    return this != RUNNING;
  }
}
