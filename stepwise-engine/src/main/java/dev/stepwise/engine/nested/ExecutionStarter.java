package dev.stepwise.engine.nested;

import dev.stepwise.engine.Execution;
import org.jspecify.annotations.Nullable;

/**
 * StartExecution as the control plane defines it (name rules, idempotency, state machine lookup),
 * for tasks that start child executions.
 */
public interface ExecutionStarter {

  /**
   * Starts (or, for the same name and input while RUNNING, re-attaches to) an execution.
   *
   * @param parentExecutionArn the execution whose task starts this one (for linking)
   * @throws StartException with AWS's error code and message when StartExecution would fail
   */
  Execution start(
      String stateMachineArn, String name, String input, @Nullable String parentExecutionArn)
      throws StartException;

  /** StopExecution of a child (best effort: a closed one is left alone). */
  void stop(String executionArn, @Nullable String error, @Nullable String cause);

  /** A StartExecution rejection: AWS's error code (e.g. {@code StateMachineDoesNotExist}). */
  final class StartException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public StartException(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
