package dev.stepwise.engine.nested;

import dev.stepwise.engine.Execution;
import dev.stepwise.engine.service.ServiceException;
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
   * @param beforeRun called with the execution before its first step runs
   * @throws ServiceException with AWS's error code and message when StartExecution would fail
   */
  Execution start(
      String stateMachineArn,
      String name,
      String input,
      @Nullable String parentExecutionArn,
      java.util.function.Consumer<Execution> beforeRun)
      throws ServiceException;

  /** The ARN an execution of this state machine with this name has (STANDARD). */
  String executionArn(String stateMachineArn, String name);

  /** A running execution of this engine, if it is one. */
  java.util.Optional<Execution> find(String executionArn);

  /** A closed execution's record, if it is one. */
  java.util.Optional<dev.stepwise.engine.store.ExecutionRecord> closed(String executionArn);

  /**
   * After a restart, a waiting task found its child running: the link counts the child's nesting
   * depth as before the restart.
   */
  default void relink(String parentExecutionArn, Execution child) {}

  /** StopExecution of a child (best effort: a closed one is left alone). */
  void stop(String executionArn, @Nullable String error, @Nullable String cause);
}
