package dev.stepwise.engine.store;

import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.HistoryEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps everything in memory; durable for the life of the process only. The journal is kept as
 * {@link ExecutionStore#keepsJournal} says, for RedriveExecution (nothing is ever replayed after a
 * restart: there is none).
 */
public final class InMemoryExecutionStore implements ExecutionStore {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private static final class Stored {
    volatile ExecutionRecord record;
    final List<HistoryEvent> events = new ArrayList<>();
    final List<JournalEntry> journal = new ArrayList<>();

    Stored(ExecutionRecord record) {
      this.record = record;
    }
  }

  private final ConcurrentHashMap<String, Stored> executions = new ConcurrentHashMap<>();

  @Override
  public CompletableFuture<Void> append(StepRecord step) {
    ExecutionRecord record = step.execution();
    Stored stored =
        executions.computeIfAbsent(record.spec().executionArn(), arn -> new Stored(record));
    synchronized (stored) {
      stored.record = record;
      stored.events.addAll(step.step().events());
      if (ExecutionStore.keepsJournal(record)) {
        stored.journal.add(new JournalEntry(step.sequence(), step.trigger(), step.at()));
      } else {
        stored.journal.clear();
      }
    }
    return DONE;
  }

  @Override
  public Optional<ExecutionRecord> find(String executionArn) {
    Stored s = executions.get(executionArn);
    return s == null ? Optional.empty() : Optional.of(s.record);
  }

  @Override
  public List<HistoryEvent> history(String executionArn) {
    Stored s = executions.get(executionArn);
    if (s == null) {
      return List.of();
    }
    synchronized (s) {
      return List.copyOf(s.events);
    }
  }

  @Override
  public List<ExecutionRecord> list(ExecutionQuery query) {
    Comparator<ExecutionRecord> newestFirst =
        Comparator.comparing((ExecutionRecord r) -> r.spec().startTime())
            .thenComparing(r -> r.spec().executionArn())
            .reversed();
    return executions.values().stream()
        .map(s -> s.record)
        .filter(
            r ->
                query.stateMachineArn() == null
                    || query.stateMachineArn().equals(r.spec().stateMachineArn()))
        .filter(r -> query.status() == null || query.status() == r.status())
        .filter(
            r ->
                query.startedBy() == null
                    || query
                        .startedBy()
                        .equals(r.spec().input().path(ExecutionQuery.STARTED_BY).asText(null)))
        .filter(r -> query.after() == null || isAfter(r, query.after()))
        .sorted(newestFirst)
        .limit(query.limit())
        .toList();
  }

  private static boolean isAfter(ExecutionRecord r, ExecutionQuery.Position p) {
    int c = r.spec().startTime().compareTo(p.startTime());
    return c < 0 || (c == 0 && r.spec().executionArn().compareTo(p.executionArn()) < 0);
  }

  @Override
  public List<ExecutionRecord> running() {
    List<ExecutionRecord> out = new ArrayList<>();
    for (Stored s : executions.values()) {
      if (s.record.status() == ExecutionStatus.RUNNING) {
        out.add(s.record);
      }
    }
    return out;
  }

  @Override
  public List<JournalEntry> journal(String executionArn) {
    Stored s = executions.get(executionArn);
    if (s == null) {
      return List.of();
    }
    synchronized (s) {
      return List.copyOf(s.journal);
    }
  }

  @Override
  public long lastEventId(String executionArn) {
    Stored s = executions.get(executionArn);
    if (s == null) {
      return 0;
    }
    synchronized (s) {
      return s.events.isEmpty() ? 0 : s.events.get(s.events.size() - 1).id();
    }
  }
}
