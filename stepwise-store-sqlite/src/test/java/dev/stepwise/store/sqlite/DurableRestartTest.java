package dev.stepwise.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.ScriptedTasks;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.history.HistoryJson;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An execution interrupted by a restart (the engine and the store are dropped and rebuilt on the
 * same data directory) ends with exactly the output and history of an uninterrupted run.
 */
class DurableRestartTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
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
    return spec(DEFINITION, "{\"k\": 1}");
  }

  private static ExecutionSpec spec(String definition, String input) {
    Arns arns = Arns.of(EngineSettings.DEFAULTS);
    return new ExecutionSpec(
        arns.execution("sm", "e"),
        "e",
        arns.stateMachine("sm"),
        "sm",
        new DefinitionParser(MachineType.STANDARD).parse(definition).machine(),
        MachineType.STANDARD,
        Json.parseTrusted(input),
        arns.defaultRole(),
        T0,
        null,
        null,
        true);
  }

  private static String history(List<HistoryEvent> events) {
    return Json.write(Json.mapper().valueToTree(events.stream().map(HistoryJson::event).toList()));
  }

  @Test
  void aRestartMidwayChangesNothing() throws Exception {
    // Uninterrupted reference run.
    InMemoryExecutionStore memory = new InMemoryExecutionStore();
    Node reference = node(memory, new ManualClock(T0));
    Execution expected = reference.engine().start(spec());
    reference.scheduler().runUntilIdle();
    assertThat(expected.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    // The same execution, stopped while its retry timer and then its Wait are pending.
    Path data = dir.resolve("data");
    ManualClock clock = new ManualClock(T0);
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
      assertThat(history(store.history(spec().executionArn())))
          .isEqualTo(history(expected.history()));
      assertThat(second.tasks().dispatched()).isEmpty();
    }
  }

  @Test
  void aRunCutAtItsBudgetGoesOnAfterARestart() throws Exception {
    ExecutionSpec loop =
        spec(
            """
            {"StartAt": "Inc", "States": {
              "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)",
                      "limit.$": "$.limit"}, "Next": "Check"},
              "Check": {"Type": "Choice", "Default": "Done", "Choices": [
                {"Variable": "$.i", "NumericLessThanPath": "$.limit", "Next": "Inc"}]},
              "Done": {"Type": "Succeed"}}}
            """,
            "{\"i\": 0, \"limit\": 1500}");
    Node reference = node(new InMemoryExecutionStore(), new ManualClock(T0));
    Execution expected = reference.engine().start(loop);
    reference.scheduler().runUntilIdle();

    // Stopped once its first step is stored and before the Continue that follows it.
    Path data = dir.resolve("loop");
    ManualClock clock = new ManualClock(T0);
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
      assertThat(history(store.history(loop.executionArn())))
          .isEqualTo(history(expected.history()));
    }
  }
}
