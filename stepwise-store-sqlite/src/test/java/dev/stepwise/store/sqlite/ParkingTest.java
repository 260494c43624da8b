package dev.stepwise.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.ScriptedTasks;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.json.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a store that can reload executions, one that only waits (for a task token, or a timer) leaves
 * memory, and the callback or the timer brings it back: the run ends as an in-memory one does.
 */
class ParkingTest {
  private static final String SQS = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
  private static final String DEFINITION =
      """
      {"StartAt": "Ask", "States": {
        "Ask": {"Type": "Task", "Resource": "%s", "HeartbeatSeconds": 3600,
                "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
                "ResultPath": "$.answer", "Next": "Later"},
        "Later": {"Type": "Wait", "Seconds": 30, "Next": "Done"},
        "Done": {"Type": "Pass", "Result": "done", "ResultPath": "$.r", "End": true}}}
      """
          .formatted(SQS);

  @TempDir Path dir;

  private record Node(VirtualTimeScheduler scheduler, Engine engine, ScriptedTasks tasks) {
    String token() {
      List<TaskRequest> sent = tasks.dispatched();
      return sent.get(sent.size() - 1).taskToken();
    }
  }

  private static Node node(ExecutionStore store) {
    ManualClock clock = new ManualClock(Specs.T0);
    VirtualTimeScheduler scheduler = new VirtualTimeScheduler(clock);
    ScriptedTasks tasks = new ScriptedTasks();
    // The message is sent (TaskSubmitted); the answer comes later by token.
    tasks.then(SQS, (request, callbacks) -> callbacks.submitted(Json.parseTrusted("{\"m\":1}")));
    return new Node(
        scheduler, new Engine(EngineSettings.DEFAULTS, clock, scheduler, tasks, store, 3), tasks);
  }

  private static ExecutionSpec spec() {
    return Specs.spec(DEFINITION, "{\"k\": 1}");
  }

  @Test
  void aWaitingExecutionLeavesMemoryAndComesBackWhenWoken() throws Exception {
    // Reference: the in-memory store keeps every execution in memory.
    InMemoryExecutionStore memory = new InMemoryExecutionStore();
    Node reference = node(memory);
    reference.engine().start(spec());
    reference.scheduler().runReady();
    reference.engine().completeTask(reference.token(), answer());
    reference.scheduler().runUntilIdle();
    assertThat(reference.engine().parkedExecutions()).isZero();

    try (SqliteStore store = SqliteStore.open(dir.resolve("data"))) {
      Node node = node(store);
      node.engine().start(spec());
      Settle.ready(node.scheduler(), store);
      assertThat(node.engine().parkedExecutions()).isEqualTo(1); // waits for its token
      assertThat(node.engine().openExecutions()).isEqualTo(1);

      assertThat(node.engine().completeTask(node.token(), answer())).isNotNull();
      Settle.ready(node.scheduler(), store);
      assertThat(node.engine().parkedExecutions()).isEqualTo(1); // now waits for its timer

      Settle.all(node.scheduler(), store); // the timer wakes it; it runs to the end
      assertThat(node.engine().openExecutions()).isZero();
      ExecutionRecord done = store.find(spec().executionArn()).orElseThrow();
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.write(done.output()))
          .isEqualTo("{\"k\":1,\"answer\":{\"yes\":true},\"r\":\"done\"}");
      assertThat(Specs.history(store.history(spec().executionArn())))
          .isEqualTo(Specs.history(memory.history(spec().executionArn())));
      assertThat(node.tasks().dispatched()).hasSize(1); // the message was sent once
    }
  }

  private static Engine.TokenOutcome answer() {
    return new Engine.TokenOutcome.Success(Json.parseTrusted("{\"yes\": true}"));
  }

  @Test
  void aRestartLeavesWaitingExecutionsOutOfMemory() throws Exception {
    Path data = dir.resolve("restart");
    String token;
    try (SqliteStore store = SqliteStore.open(data)) {
      Node node = node(store);
      node.engine().start(spec());
      Settle.ready(node.scheduler(), store);
      token = node.token();
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      Node node = node(store);
      assertThat(node.engine().resumeAll()).isEqualTo(1);
      assertThat(node.engine().parkedExecutions()).isEqualTo(1);

      assertThat(node.engine().completeTask(token, answer())).isNotNull();
      Settle.all(node.scheduler(), store); // the timer wakes it; it runs to the end
      assertThat(store.find(spec().executionArn()).orElseThrow().status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }
}
