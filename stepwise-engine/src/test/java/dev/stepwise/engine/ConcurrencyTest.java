package dev.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.time.RealTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Executions advance concurrently; one that waits for a task holds no thread. */
class ConcurrencyTest {

  @Test
  void tenThousandWaitingExecutionsHoldNoThreads() throws Exception {
    ConcurrentLinkedQueue<TaskCallbacks> open = new ConcurrentLinkedQueue<>();
    TaskDispatcher holdAll =
        new TaskDispatcher() {
          @Override
          public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
            open.add(callbacks);
          }
        };
    var machine =
        new DefinitionParser(MachineType.STANDARD)
            .parse(
                """
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                        "Next": "P"},
                  "P": {"Type": "Pass", "End": true}}}
                """)
            .machine();
    Arns arns = Arns.of(EngineSettings.DEFAULTS);
    int n = 10_000;
    try (RealTimeScheduler scheduler = new RealTimeScheduler(InstantSource.system())) {
      Engine engine =
          new Engine(
              EngineSettings.DEFAULTS,
              InstantSource.system(),
              scheduler,
              holdAll,
              new InMemoryExecutionStore(),
              1);
      int platformThreadsBefore = Thread.activeCount();
      List<CompletableFuture<Execution>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ExecutionSpec spec =
            new ExecutionSpec(
                arns.execution("sm", "e" + i),
                "e" + i,
                arns.stateMachine("sm"),
                "sm",
                machine,
                MachineType.STANDARD,
                Json.parseTrusted("{\"i\": " + i + "}"),
                arns.defaultRole(),
                InstantSource.system().instant(),
                null,
                null,
                true);
        done.add(engine.start(spec).completion());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (open.size() < n && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }

      assertThat(open).hasSize(n);
      // Every execution now waits; none holds a (platform) thread.
      assertThat(Thread.activeCount()).isLessThanOrEqualTo(platformThreadsBefore + 2);

      open.forEach(c -> c.succeeded(Json.parseTrusted("{\"ok\": true}")));
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      assertThat(done)
          .allSatisfy(f -> assertThat(f.get().status()).isEqualTo(ExecutionStatus.SUCCEEDED));
    }
  }
}
