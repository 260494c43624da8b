package dev.stepwise.bench;

import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.nested.NestedExecutions;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.time.RealTimeScheduler;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Nested {@code .sync:2} on the durable SQLite store. Latency: pairs one at a time, measured in the
 * parent's stored history from TaskScheduled (the task starts) to TaskSucceeded (resumed with the
 * child's output): child start, child run, both commits and the push in between. Throughput: all
 * pairs started at once; every parent must succeed with its child's output.
 *
 * <p>Usage: {@code NestedSyncRoundTrip [sequentialPairs=2000] [concurrentPairs=10000]}
 */
public final class NestedSyncRoundTrip {
  private NestedSyncRoundTrip() {}

  private static final String CHILD =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Parameters\":{\"echo.$\":\"$.i\"},\"End\":true}}}";
  private static final String PARENT =
      "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\","
          + "\"Parameters\":{\"StateMachineArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:child\","
          + "\"Input\":{\"i.$\":\"$.i\"}},\"OutputPath\":\"$.Output\",\"End\":true}}}";

  public static void main(String[] args) throws Exception {
    int sequential = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Path data = Files.createTempDirectory("stepwise-nested-bench");
    try (SqliteStore store = SqliteStore.open(data);
        RealTimeScheduler scheduler = new RealTimeScheduler(InstantSource.system())) {
      Nested nested = new Nested();
      StepFunctionsService service = DurableNode.on(store, scheduler, nested).service();
      nested.target = new NestedExecutions(service, RandomGenerator.of("L64X128MixRandom"));
      service.createStateMachine("child", CHILD, null, MachineType.STANDARD);
      String parent =
          service.createStateMachine("parent", PARENT, null, MachineType.STANDARD).arn();

      for (int round = 0; round < 2; round++) { // the first round warms the JIT
        long[] micros = new long[sequential];
        for (int i = 0; i < sequential; i++) {
          Execution e =
              service
                  .startExecution(parent, "seq-" + round + "-" + i, "{\"i\":" + i + "}", true)
                  .completion()
                  .get(10, TimeUnit.SECONDS);
          check(e, i);
          micros[i] = taskMicros(store.history(e.spec().executionArn()));
        }
        Arrays.sort(micros);
        System.out.printf(
            "{\"round\":%d,\"pairs\":%d,\"p50Micros\":%d,\"p99Micros\":%d,\"maxMicros\":%d}%n",
            round,
            sequential,
            micros[sequential / 2],
            micros[sequential * 99 / 100],
            micros[sequential - 1]);
      }

      List<CompletableFuture<Execution>> all = new ArrayList<>(concurrent);
      long t0 = System.nanoTime();
      for (int i = 0; i < concurrent; i++) {
        all.add(service.startExecution(parent, "c-" + i, "{\"i\":" + i + "}", true).completion());
      }
      for (int i = 0; i < concurrent; i++) {
        check(all.get(i).get(2, TimeUnit.MINUTES), i);
      }
      store.flush();
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "{\"concurrentPairs\":%d,\"seconds\":%.2f,\"pairsPerSecond\":%d,\"stuck\":0}%n",
          concurrent, seconds, Math.round(concurrent / seconds));
    }
  }

  private static void check(Execution e, int i) {
    if (e.status() != ExecutionStatus.SUCCEEDED || e.output().path("echo").asInt(-1) != i) {
      throw new IllegalStateException("wrong result: " + e.status() + " " + e.output());
    }
  }

  private static long taskMicros(List<HistoryEvent> history) {
    HistoryEvent scheduled = find(history, EventType.TaskScheduled);
    HistoryEvent succeeded = find(history, EventType.TaskSucceeded);
    return Duration.between(scheduled.timestamp(), succeeded.timestamp()).toNanos() / 1000;
  }

  private static HistoryEvent find(List<HistoryEvent> history, EventType type) {
    return history.stream().filter(h -> h.type() == type).findFirst().orElseThrow();
  }

  /** The child machines' engine needs the service, which needs the engine: wired after. */
  private static final class Nested implements TaskDispatcher {
    NestedExecutions target;

    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      target.dispatch(request, callbacks);
    }
  }
}
