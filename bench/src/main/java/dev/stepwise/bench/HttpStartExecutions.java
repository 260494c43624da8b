package dev.stepwise.bench;

import dev.stepwise.api.ApiServer;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.ExecutionQuery;
import dev.stepwise.engine.time.RealTimeScheduler;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * StartExecution over HTTP on loopback: the server as {@code serve} runs it (JDK HTTP server,
 * SQLite store, group commit; a StartExecution answers once the execution's first step is durable),
 * {@code clients} threads each with its own keep-alive connection (a minimal client, as wrk is),
 * each call starting a 3-Pass STANDARD execution. Every execution must then have succeeded.
 *
 * <p>Usage: {@code HttpStartExecutions [executions=20000] [clients=32]}
 */
public final class HttpStartExecutions {
  private HttpStartExecutions() {}

  private static final String THREE_PASSES =
      "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},"
          + "\"B\":{\"Type\":\"Pass\",\"Next\":\"C\"},\"C\":{\"Type\":\"Pass\",\"End\":true}}}";

  public static void main(String[] args) throws Exception {
    int executions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    Path data = Files.createTempDirectory("stepwise-http-bench");
    try (SqliteStore store = SqliteStore.open(data);
        RealTimeScheduler scheduler = new RealTimeScheduler(InstantSource.system())) {
      DurableNode node = DurableNode.on(store, scheduler, new DurableNode.NoTasks());
      Engine engine = node.engine();
      StepFunctionsService service = node.service();
      String arn =
          service.createStateMachine("three", THREE_PASSES, null, MachineType.STANDARD).arn();
      try (ApiServer api = ApiServer.start("127.0.0.1", 0, service)) {
        for (int round = 0; round < 2; round++) { // the first round warms up
          AtomicInteger next = new AtomicInteger();
          String prefix = "r" + round + "-";
          List<Thread> threads = new ArrayList<>();
          long t0 = System.nanoTime();
          for (int c = 0; c < clients; c++) {
            threads.add(
                Thread.ofPlatform().start(() -> client(api.port(), arn, prefix, next, executions)));
          }
          for (Thread t : threads) {
            t.join();
          }
          double seconds = (System.nanoTime() - t0) / 1e9;
          System.out.printf(
              "{\"round\":%d,\"executions\":%d,\"clients\":%d,\"startsPerSecond\":%d}%n",
              round, executions, clients, Math.round(executions / seconds));
        }
      }
      // Every started execution must have run to the end.
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (engine.openExecutions() > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      store.flush();
      int succeeded =
          store
              .list(
                  new ExecutionQuery(arn, ExecutionStatus.SUCCEEDED, Integer.MAX_VALUE, null, null))
              .size();
      if (succeeded != 2 * executions) {
        throw new IllegalStateException(succeeded + " of " + 2 * executions + " succeeded");
      }
    }
  }

  private static void client(
      int port, String arn, String prefix, AtomicInteger next, int executions) {
    try (LoopbackClient http = new LoopbackClient(port)) {
      int i;
      while ((i = next.getAndIncrement()) < executions) {
        LoopbackClient.Response r =
            http.call(
                "StartExecution",
                "{\"stateMachineArn\":\""
                    + arn
                    + "\",\"name\":\""
                    + prefix
                    + i
                    + "\",\"input\":\"{}\"}");
        if (r.status() != 200) {
          throw new IllegalStateException("StartExecution answered " + r.status() + r.body());
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
