package dev.stepwise.engine.store;

import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.runtime.Trigger;
import dev.stepwise.language.parse.MachineType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where executions live. A step is acknowledged (its effects run, API calls answer) only when the
 * future of its {@link #append} completes; futures complete in append order.
 */
public interface ExecutionStore {

  /** Persists one step atomically: journal entry, events, and the execution's new state. */
  CompletableFuture<Void> append(StepRecord step);

  Optional<ExecutionRecord> find(String executionArn);

  /** The execution's events in id order. */
  List<HistoryEvent> history(String executionArn);

  /** A page of executions in {@link ExecutionQuery}'s order. */
  List<ExecutionRecord> list(ExecutionQuery query);

  /** Executions still RUNNING, to resume after a restart. */
  List<ExecutionRecord> running();

  /**
   * An execution's journal, in sequence order, to replay it. It is kept while the execution runs
   * and, for RedriveExecution, after a STANDARD execution closed unsuccessfully or was redriven
   * ({@link #keepsJournal}), until the execution is purged.
   */
  List<JournalEntry> journal(String executionArn);

  /** Whether the journal entry of a step leaving the execution as {@code after} is kept. */
  static boolean keepsJournal(ExecutionRecord after) {
    return after.status() == ExecutionStatus.RUNNING
        || (after.spec().type() == MachineType.STANDARD
            && (after.status() != ExecutionStatus.SUCCEEDED || after.redriveCount() > 0));
  }

  /** The id of the execution's last history event (0 without one): a redrive needs room. */
  default long lastEventId(String executionArn) {
    List<HistoryEvent> events = history(executionArn);
    return events.isEmpty() ? 0 : events.get(events.size() - 1).id();
  }

  /**
   * Whether an idle execution may leave memory and be rebuilt from its {@link #journal} when it
   * wakes: true where the journal lives outside the heap.
   */
  default boolean reloads() {
    return false;
  }

  /** One journal entry: a trigger and the instant it was applied at. */
  record JournalEntry(long sequence, Trigger trigger, Instant at) {}
}
