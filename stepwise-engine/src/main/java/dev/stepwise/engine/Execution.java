package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A running or closed execution, as clients see it. Thread-safe. */
public interface Execution {
  ExecutionSpec spec();

  ExecutionStatus status();

  @Nullable JsonNode output();

  @Nullable String error();

  @Nullable String cause();

  @Nullable Instant stopDate();

  /** The events so far (empty for EXPRESS executions that do not record history). */
  List<HistoryEvent> history();

  /** Completes when the execution's start is durable (StartExecution answers then). */
  CompletableFuture<Void> recorded();

  /** Completes when the execution closes. */
  CompletableFuture<Execution> completion();
}
