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

  /** Each DELETING state machine with how many of its executions are still followed (+1). */
  private final ConcurrentHashMap<String, AtomicInteger> deleting = new ConcurrentHashMap<>();

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
    return deleting.containsKey(stateMachineArn);
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
    if (type == MachineType.EXPRESS) {
      // AWS deletes "eventually"; running executions go on and are not stopped.
      delete.accept(stateMachineArn);
      return;
    }
    // Marked before the running executions are read: a start after this is refused or followed.
    AtomicInteger open = new AtomicInteger(1);
    if (deleting.putIfAbsent(stateMachineArn, open) != null) {
      return;
    }
    stateMachines.markDeleting(stateMachineArn);
    follow(stateMachineArn, open, running(stateMachineArn));
  }

  /** After a restart (once the engine has resumed its executions): deletions go on. */
  void resume() {
    for (String arn : stateMachines.deleting()) {
      AtomicInteger open = new AtomicInteger(1);
      if (deleting.putIfAbsent(arn, open) == null) {
        follow(arn, open, running(arn));
      }
    }
  }

  /**
   * An execution that has just started: if its state machine is being deleted (the deletion came
   * between StartExecution's check and the start), it is told and followed too.
   */
  void started(String stateMachineArn, String executionArn) {
    AtomicInteger open = deleting.get(stateMachineArn);
    if (open != null) {
      followOne(stateMachineArn, open, executionArn);
    }
  }

  private List<ExecutionRecord> running(String stateMachineArn) {
    return store.list(
        new ExecutionQuery(stateMachineArn, ExecutionStatus.RUNNING, Integer.MAX_VALUE, null));
  }

  /**
   * Tells each execution (again, after a restart: it is idempotent) and deletes after the last.
   *
   * @param open holds one count for this call, so no execution ends the deletion before all are
   *     followed
   */
  private void follow(String stateMachineArn, AtomicInteger open, List<ExecutionRecord> running) {
    for (ExecutionRecord record : running) {
      followOne(stateMachineArn, open, record.spec().executionArn());
    }
    closed(stateMachineArn, open);
  }

  private void followOne(String stateMachineArn, AtomicInteger open, String executionArn) {
    if (open.getAndUpdate(n -> n == 0 ? 0 : n + 1) == 0) {
      return; // the deletion has just ended
    }
    engine.send(executionArn, new Trigger.MachineDeleted());
    Optional<Execution> live = engine.find(executionArn);
    if (live.isPresent()) {
      live.get().completion().thenRun(() -> closed(stateMachineArn, open));
    } else {
      closed(stateMachineArn, open);
    }
  }

  private void closed(String stateMachineArn, AtomicInteger open) {
    if (open.decrementAndGet() == 0 && deleting.remove(stateMachineArn, open)) {
      delete.accept(stateMachineArn);
    }
  }
}
