package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.task.TaskRequest;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The progress of a state that waits for something: a task, a timer, or child frames. */
sealed interface StateRun {

  /** Retry bookkeeping shared by Task, Parallel and Map. */
  sealed interface Retryable extends StateRun {
    RetryCounters retryState();

    void retryState(RetryCounters state);
  }

  /** A Wait state's timer. */
  final class WaitRun implements StateRun {
    long timerId;
  }

  /** A Task attempt (and its retries). */
  final class TaskRun implements Retryable {
    JsonNode parameters;
    @Nullable TaskRequest request;
    @Nullable String token;
    long timeoutTimer = -1;
    long heartbeatTimer = -1;
    long retryTimer = -1;
    @Nullable Long timeoutSeconds;
    @Nullable Long heartbeatSeconds;
    boolean started;
    boolean submitted;
    @Nullable JsonNode submittedResponse;
    RetryCounters retry = RetryCounters.NONE;

    TaskRun(JsonNode parameters) {
      this.parameters = parameters;
    }

    @Override
    public RetryCounters retryState() {
      return retry;
    }

    @Override
    public void retryState(RetryCounters state) {
      this.retry = state;
    }
  }

  /** A Parallel state's branches. */
  final class ParallelRun implements Retryable {
    final JsonNode branchInput;
    Frame[] branches = new Frame[0];
    JsonNode[] results = new JsonNode[0];
    int remaining;
    boolean failed;
    long retryTimer = -1;
    RetryCounters retry = RetryCounters.NONE;

    ParallelRun(JsonNode branchInput) {
      this.branchInput = branchInput;
    }

    @Override
    public RetryCounters retryState() {
      return retry;
    }

    @Override
    public void retryState(RetryCounters state) {
      this.retry = state;
    }
  }

  /** A Map state's iterations. */
  final class MapRun implements Retryable {
    final JsonNode effectiveInput;
    final JsonNode items;
    final int maxConcurrency;
    final @Nullable Long toleratedCount;
    final @Nullable Double toleratedPercentage;

    /** Items already went through ItemSelector (batched maps). */
    boolean preselected;

    JsonNode[] results = new JsonNode[0];
    Frame[] running = new Frame[0];

    /** Every iteration started, by index (a redrive runs the unsuccessful ones again). */
    Frame[] frames = new Frame[0];

    /** Iterations a redrive runs again before {@link #next} starts new ones. */
    final java.util.ArrayDeque<Integer> redo = new java.util.ArrayDeque<>();

    /** A Distributed Map's run, and how many times it was redriven. */
    @Nullable String mapRunArn;

    int mapRunRedrives;
    int next;
    int active;
    int completed;
    int failures;
    boolean failed;
    long startedEventId;
    long retryTimer = -1;
    RetryCounters retry = RetryCounters.NONE;

    MapRun(
        JsonNode effectiveInput,
        JsonNode items,
        int maxConcurrency,
        @Nullable Long toleratedCount,
        @Nullable Double toleratedPercentage) {
      this.effectiveInput = effectiveInput;
      this.items = items;
      this.maxConcurrency = maxConcurrency;
      this.toleratedCount = toleratedCount;
      this.toleratedPercentage = toleratedPercentage;
    }

    @Override
    public RetryCounters retryState() {
      return retry;
    }

    @Override
    public void retryState(RetryCounters state) {
      this.retry = state;
    }
  }

  /** When a timer is due, and what it is for. */
  record Timer(long id, Frame frame, StateRun run, Kind kind, Instant due) {
    enum Kind {
      WAIT,
      RETRY,
      TASK_TIMEOUT,
      HEARTBEAT_TIMEOUT,
      EXECUTION_TIMEOUT
    }
  }
}
