package dev.stepwise.integrations;

import org.jspecify.annotations.Nullable;

/**
 * A task that ends in error, carried as the {@code Error} and {@code Cause} the integration reports
 * through {@code TaskCallbacks.failed}. Control flow only: it records no stack trace.
 */
public final class TaskFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final @Nullable String error;
  private final @Nullable String cause;

  public TaskFailure(@Nullable String error, @Nullable String cause) {
    super(error + ": " + cause, null, false, false);
    this.error = error;
    this.cause = cause;
  }

  /** {@code States.Runtime}: AWS's name for a task that cannot run as written. */
  public static TaskFailure runtime(String cause) {
    return new TaskFailure("States.Runtime", cause);
  }

  public @Nullable String error() {
    return error;
  }

  public @Nullable String cause() {
    return cause;
  }
}
