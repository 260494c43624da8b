package dev.stepwise.bench;

import dev.stepwise.engine.Engine;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.time.RealTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.store.sqlite.SqliteStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory of executions that wait on task tokens, on the SQLite store: starts N executions whose
 * Task waits for a callback, waits until every one is stored and waiting, and prints the heap in
 * use after a full GC. Run with the heap the target names, e.g. {@code -Xmx512m}.
 *
 * <p>Usage: {@code WaitingFootprint [executions=100000]}
 */
public final class WaitingFootprint {
  private WaitingFootprint() {}

  private static final String WAITER =
      "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\","
          + "\"Parameters\":{\"QueueUrl\":\"q\",\"MessageBody\":{\"token.$\":\"$$.Task.Token\"}},"
          + "\"End\":true}}}";

  public static void main(String[] args) throws Exception {
    int executions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path data = Files.createTempDirectory("stepwise-footprint-bench");
    try (SqliteStore store = SqliteStore.open(data);
        RealTimeScheduler scheduler = new RealTimeScheduler(InstantSource.system())) {
      DurableNode node = DurableNode.on(store, scheduler, new Silent());
      Engine engine = node.engine();
      StepFunctionsService service = node.service();
      String arn = service.createStateMachine("waiter", WAITER, null, MachineType.STANDARD).arn();
      long before = usedAfterGc();
      long t0 = System.nanoTime();
      List<Execution> started = new ArrayList<>(executions);
      for (int i = 0; i < executions; i++) {
        started.add(service.startExecution(arn, "w-" + i, "{\"i\":" + i + "}", true));
        if (started.size() == 1000) {
          for (Execution e : started) {
            e.recorded().get();
          }
          started.clear();
        }
      }
      for (Execution e : started) {
        e.recorded().get();
      }
      started.clear();
      store.flush();
      double seconds = (System.nanoTime() - t0) / 1e9;
      long after = usedAfterGc();
      System.out.printf(
          "{\"waiting\":%d,\"open\":%d,\"parked\":%d,\"maxHeapMiB\":%d,\"heapUsedMiB\":%d,\"bytesPerExecution\":%d,\"startSeconds\":%.1f}%n",
          executions,
          engine.openExecutions(),
          engine.parkedExecutions(),
          Runtime.getRuntime().maxMemory() >> 20,
          after >> 20,
          (after - before) / executions,
          seconds);
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Sends every message (as SQS would answer) and never calls back: each waits on its token. */
  private static final class Silent implements TaskDispatcher {
    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      callbacks.submitted(Json.NODES.objectNode().put("MessageId", "m"));
    }
  }
}
