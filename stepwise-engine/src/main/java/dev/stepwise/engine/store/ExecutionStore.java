package dev.stepwise.engine.store;

import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.runtime.Trigger;
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

  /** An execution's journal, in sequence order, to replay it. */
  List<JournalEntry> journal(String executionArn);

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
