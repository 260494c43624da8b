package dev.stepwise.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.ScriptedTasks;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An execution interrupted by a restart (the engine and the store are dropped and rebuilt on the
 * same data directory) ends with exactly the output and history of an uninterrupted run.
 */
class DurableRestartTest {
  private static final String LAMBDA = "arn:aws:states:::lambda:invoke";
  private static final String DEFINITION =
      """
      {"StartAt": "Work", "States": {
        "Work": {"Type": "Task", "Resource": "%s",
                 "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 5}], "Next": "Both"},
        "Both": {"Type": "Parallel", "Next": "Each", "Branches": [
          {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 30, "End": true}}},
          {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "p", "End": true}}}]},
        "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "I",
          "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}
      """
          .formatted(LAMBDA);

  @TempDir Path dir;

  private record Node(
      ManualClock clock, VirtualTimeScheduler scheduler, Engine engine, ScriptedTasks tasks) {}

  private static Node node(ExecutionStore store, ManualClock clock) {
    VirtualTimeScheduler scheduler = new VirtualTimeScheduler(clock);
    ScriptedTasks tasks = new ScriptedTasks();
    tasks.fail(LAMBDA, "Flaky", "once");
    return new Node(
        clock,
        scheduler,
        new Engine(EngineSettings.DEFAULTS, clock, scheduler, tasks, store, 3),
        tasks);
  }

  private static ExecutionSpec spec() {
    return Specs.spec(DEFINITION, "{\"k\": 1}");
  }

  @Test
  void aRestartMidwayChangesNothing() throws Exception {
    // Uninterrupted reference run.
    InMemoryExecutionStore memory = new InMemoryExecutionStore();
    Node reference = node(memory, new ManualClock(Specs.T0));
    Execution expected = reference.engine().start(spec());
    reference.scheduler().runUntilIdle();
    assertThat(expected.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    // The same execution, stopped while its retry timer and then its Wait are pending.
    Path data = dir.resolve("data");
    ManualClock clock = new ManualClock(Specs.T0);
    try (SqliteStore store = SqliteStore.open(data)) {
      Node first = node(store, clock);
      first.engine().start(spec());
      Settle.ready(first.scheduler(), store);
      first.scheduler().advance(Duration.ofSeconds(5)); // the first attempt failed; now it retries
      Settle.ready(first.scheduler(), store);
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      Node second = node(store, clock);
      assertThat(second.engine().resumeAll()).isEqualTo(1);
      Settle.all(second.scheduler(), store);
      // Closed, it lives on in the store only.
      assertThat(second.engine().find(spec().executionArn())).isEmpty();
      var resumed = store.find(spec().executionArn()).orElseThrow();
      assertThat(resumed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.write(resumed.output())).isEqualTo(Json.write(expected.output()));
      assertThat(Specs.history(store.history(spec().executionArn())))
          .isEqualTo(Specs.history(expected.history()));
      assertThat(second.tasks().dispatched()).isEmpty();
    }
  }

  @Test
  void aRunCutAtItsBudgetGoesOnAfterARestart() throws Exception {
    ExecutionSpec loop =
        Specs.spec(
            """
            {"StartAt": "Inc", "States": {
              "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)",
                      "limit.$": "$.limit"}, "Next": "Check"},
              "Check": {"Type": "Choice", "Default": "Done", "Choices": [
                {"Variable": "$.i", "NumericLessThanPath": "$.limit", "Next": "Inc"}]},
              "Done": {"Type": "Succeed"}}}
            """,
            "{\"i\": 0, \"limit\": 1500}");
    Node reference = node(new InMemoryExecutionStore(), new ManualClock(Specs.T0));
    Execution expected = reference.engine().start(loop);
    reference.scheduler().runUntilIdle();

    // Stopped once its first step is stored and before the Continue that follows it.
    Path data = dir.resolve("loop");
    ManualClock clock = new ManualClock(Specs.T0);
    try (SqliteStore store = SqliteStore.open(data)) {
      node(store, clock).engine().start(loop);
      store.flush();
      assertThat(store.journal(loop.executionArn())).hasSize(1);
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      Node second = node(store, clock);
      assertThat(second.engine().resumeAll()).isEqualTo(1);
      Settle.all(second.scheduler(), store);
      var resumed = store.find(loop.executionArn()).orElseThrow();
      assertThat(resumed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.write(resumed.output())).isEqualTo("{\"i\":1500,\"limit\":1500}");
      assertThat(Specs.history(store.history(loop.executionArn())))
          .isEqualTo(Specs.history(expected.history()));
    }
  }
}
