package dev.stepwise.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.nested.NestedExecutions;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.MachineType;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parent waiting on a .sync child survives a restart: the child resumes and wakes it. */
class NestedRestartTest {

  @TempDir Path dir;

  private record Node(
      VirtualTimeScheduler scheduler, Engine engine, StepFunctionsService service) {}

  private static Node node(SqliteStore store, ManualClock clock) {
    VirtualTimeScheduler scheduler = new VirtualTimeScheduler(clock);
    Holder tasks = new Holder();
    Engine engine = new Engine(EngineSettings.DEFAULTS, clock, scheduler, tasks, store, 5);
    Random random = new Random(9);
    StepFunctionsService service =
        new StepFunctionsService(
            engine,
            store,
            store.resources(),
            store.resources(),
            null,
            clock,
            () -> new UUID(random.nextLong(), random.nextLong()),
            dev.stepwise.engine.service.StateMachineGuard.NONE);
    tasks.nested = new NestedExecutions(service, RandomGenerator.of("L64X128MixRandom"));
    return new Node(scheduler, engine, service);
  }

  private static final class Holder implements TaskDispatcher {
    NestedExecutions nested;

    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      nested.dispatch(request, callbacks);
    }

    @Override
    public void resume(
        TaskRequest request,
        com.fasterxml.jackson.databind.JsonNode submitted,
        TaskCallbacks callbacks) {
      nested.resume(request, submitted, callbacks);
    }
  }

  @Test
  void theChildResumesAndWakesItsParent() throws Exception {
    Path data = dir.resolve("data");
    ManualClock clock = new ManualClock(Specs.T0);
    String parentArn;
    try (SqliteStore store = SqliteStore.open(data)) {
      Node first = node(store, clock);
      first
          .service()
          .createStateMachine(
              "child",
              "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":60,\"Next\":\"P\"},"
                  + "\"P\":{\"Type\":\"Pass\",\"Result\":{\"done\":true},\"End\":true}}}",
              null,
              MachineType.STANDARD);
      first
          .service()
          .createStateMachine(
              "parent",
              "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\","
                  + "\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\","
                  + "\"Parameters\":{\"StateMachineArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:child\",\"Name\":\"kid\"},"
                  + "\"OutputPath\":\"$.Output\",\"End\":true}}}",
              null,
              MachineType.STANDARD);
      Execution parent =
          first
              .service()
              .startExecution(
                  "arn:aws:states:us-east-1:123456789012:stateMachine:parent", "p", "{}", true);
      parentArn = parent.spec().executionArn();
      Settle.ready(first.scheduler(), store);
      assertThat(store.running()).hasSize(2);
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      Node second = node(store, clock);
      assertThat(second.engine().resumeAll()).isEqualTo(2);
      Settle.all(second.scheduler(), store);
      var parent = store.find(parentArn).orElseThrow();
      assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.write(parent.output())).isEqualTo("{\"done\":true}");
      assertThat(store.running()).isEmpty();
    }
  }

  @Test
  void aChildThatLeftMemoryStillWakesItsParent() throws Exception {
    ManualClock clock = new ManualClock(Specs.T0);
    try (SqliteStore store = SqliteStore.open(dir.resolve("parked"))) {
      Node node = node(store, clock);
      node.service()
          .createStateMachine(
              "child",
              "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":60,\"End\":true}}}",
              null,
              MachineType.STANDARD);
      node.service()
          .createStateMachine(
              "parent",
              "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\","
                  + "\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\","
                  + "\"Parameters\":{\"StateMachineArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:child\"},"
                  + "\"OutputPath\":\"$.Status\",\"End\":true}}}",
              null,
              MachineType.STANDARD);
      Execution parent =
          node.service()
              .startExecution(
                  "arn:aws:states:us-east-1:123456789012:stateMachine:parent", "p", "{}", true);
      Settle.ready(node.scheduler(), store);
      // The child waits on its timer out of memory; the parent waits on the child.
      assertThat(node.engine().parkedExecutions()).isEqualTo(1);

      Settle.all(node.scheduler(), store);
      var done = store.find(parent.spec().executionArn()).orElseThrow();
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.write(done.output())).isEqualTo("\"SUCCEEDED\"");
    }
  }

  @Test
  void aMockTestCaseSurvivesARestart() throws Exception {
    Path data = dir.resolve("mocked");
    ManualClock clock = new ManualClock(Specs.T0);
    String arn;
    try (SqliteStore store = SqliteStore.open(data)) {
      Node node = node(store, clock);
      node.service()
          .createStateMachine(
              "waiter",
              "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":60,\"End\":true}}}",
              null,
              MachineType.STANDARD);
      arn =
          node.service()
              .startExecution(
                  "arn:aws:states:us-east-1:123456789012:stateMachine:waiter#HappyPath",
                  "w",
                  "{}",
                  true)
              .spec()
              .executionArn();
      Settle.ready(node.scheduler(), store);
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      Node node = node(store, clock);
      assertThat(node.service().testCase(arn)).contains("HappyPath");
      node.engine().resumeAll();
      Settle.all(node.scheduler(), store);
      assertThat(store.find(arn).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      // Closed: nothing is kept for it any more.
      assertThat(node(store, clock).service().testCase(arn)).isEmpty();
    }
  }

  @Test
  void aChildWhoseStartWasLostIsStartedAgain() throws Exception {
    Path data = dir.resolve("lost");
    ManualClock clock = new ManualClock(Specs.T0);
    String parentArn;
    try (SqliteStore store = SqliteStore.open(data)) {
      Node node = node(store, clock);
      node.service()
          .createStateMachine(
              "child",
              "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":10,\"Next\":\"P\"},"
                  + "\"P\":{\"Type\":\"Pass\",\"Result\":{\"done\":true},\"End\":true}}}",
              null,
              MachineType.STANDARD);
      node.service()
          .createStateMachine(
              "parent",
              "{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\","
                  + "\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\","
                  + "\"Parameters\":{\"StateMachineArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:child\",\"Name\":\"kid\"},"
                  + "\"OutputPath\":\"$.Output\",\"End\":true}}}",
              null,
              MachineType.STANDARD);
      parentArn =
          node.service()
              .startExecution(
                  "arn:aws:states:us-east-1:123456789012:stateMachine:parent", "p", "{}", true)
              .spec()
              .executionArn();
      // The parent stores TaskSubmitted; the child waits on its timer.
      Settle.ready(node.scheduler(), store);
    }
    // A crash between the two commits: the parent recorded TaskSubmitted, the child nothing.
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("stepwise.db"));
        java.sql.Statement st = c.createStatement()) {
      String child = "arn:aws:states:us-east-1:123456789012:execution:child:kid";
      st.executeUpdate("DELETE FROM journal WHERE execution_arn = '" + child + "'");
      st.executeUpdate("DELETE FROM events WHERE execution_arn = '" + child + "'");
      st.executeUpdate("DELETE FROM executions WHERE arn = '" + child + "'");
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      Node node = node(store, clock);
      assertThat(node.engine().resumeAll()).isEqualTo(1);
      Settle.all(node.scheduler(), store);
      var parent = store.find(parentArn).orElseThrow();
      assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.write(parent.output())).isEqualTo("{\"done\":true}");
      List<HistoryEvent> history = store.history(parentArn);
      assertThat(history.stream().filter(e -> e.type() == EventType.TaskSubmitted)).hasSize(1);
    }
  }
}
