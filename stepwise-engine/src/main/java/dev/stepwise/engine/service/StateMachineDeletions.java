package dev.stepwise.engine.service;

import dev.stepwise.engine.Engine;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.runtime.Trigger;
import dev.stepwise.engine.store.ExecutionQuery;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.language.parse.MachineType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * DeleteStateMachine as AWS runs it: a STANDARD state machine with running executions is {@code
 * DELETING} until they have closed, each failing at its next state transition, and only then
 * deleted. Meanwhile it can be described, but nothing new starts on it or changes it.
 */
final class StateMachineDeletions {
  private final Engine engine;
  private final ExecutionStore store;
  private final StateMachineStore stateMachines;
  private final Consumer<String> delete;
  private final Set<String> deleting = ConcurrentHashMap.newKeySet();

  /**
   * @param delete removes the state machine for good (with its versions, aliases and tags)
   */
  StateMachineDeletions(
      Engine engine,
      ExecutionStore store,
      StateMachineStore stateMachines,
      Consumer<String> delete) {
    this.engine = engine;
    this.store = store;
    this.stateMachines = stateMachines;
    this.delete = delete;
  }

  boolean deleting(String stateMachineArn) {
    return deleting.contains(stateMachineArn);
  }

  /** AWS's {@code StateMachineDeleting} for anything that would start on it or change it. */
  void refuseIfDeleting(String stateMachineArn) throws ServiceException {
    if (deleting(stateMachineArn)) {
      // [INFER] The message: AWS's other errors name the ARN the same way.
      throw new ServiceException(
          "StateMachineDeleting", "State Machine Is Being Deleted: '" + stateMachineArn + "'");
    }
  }

  /** DeleteStateMachine: deleted now, or DELETING while its executions run. */
  void delete(String stateMachineArn, MachineType type) {
    if (deleting(stateMachineArn)) {
      return;
    }
    // EXPRESS: AWS deletes "eventually"; running executions go on and are not stopped.
    List<ExecutionRecord> running =
        type == MachineType.STANDARD ? running(stateMachineArn) : List.of();
    if (running.isEmpty()) {
      delete.accept(stateMachineArn);
      return;
    }
    deleting.add(stateMachineArn);
    stateMachines.markDeleting(stateMachineArn);
    follow(stateMachineArn, running);
  }

  /** After a restart (once the engine has resumed its executions): deletions go on. */
  void resume() {
    for (String arn : stateMachines.deleting()) {
      deleting.add(arn);
      follow(arn, running(arn));
    }
  }

  private List<ExecutionRecord> running(String stateMachineArn) {
    return store.list(
        new ExecutionQuery(stateMachineArn, ExecutionStatus.RUNNING, Integer.MAX_VALUE, null));
  }

  /** Tells each execution (again, after a restart: it is idempotent) and deletes after the last. */
  private void follow(String stateMachineArn, List<ExecutionRecord> running) {
    AtomicInteger open = new AtomicInteger(running.size() + 1);
    Runnable closed =
        () -> {
          if (open.decrementAndGet() == 0 && deleting.remove(stateMachineArn)) {
            delete.accept(stateMachineArn);
          }
        };
    for (ExecutionRecord record : running) {
      String executionArn = record.spec().executionArn();
      engine.send(executionArn, new Trigger.MachineDeleted());
      Optional<Execution> live = engine.find(executionArn);
      if (live.isPresent()) {
        live.get().completion().thenRun(closed);
      } else {
        closed.run();
      }
    }
    closed.run(); // the extra count: none of the above may finish the deletion early
  }
}
