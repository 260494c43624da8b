package dev.stepwise.api;

import static dev.stepwise.api.TestServer.EXEC;
import static dev.stepwise.api.TestServer.SM;
import static dev.stepwise.api.TestServer.assertFails;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineDeletingException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;

/**
 * DeleteStateMachine: a STANDARD state machine with running executions is DELETING until they have
 * closed; each fails at its next state transition.
 */
class DeleteStateMachineApiTest {
  private static final String WAITS =
      """
      {"StartAt": "Pause", "States": {
        "Pause": {"Type": "Wait", "Seconds": 10, "Next": "Done"},
        "Done": {"Type": "Pass", "End": true}}}
      """;
  private static final String DELETING = "State Machine Is Being Deleted: '" + SM + "slow'";

  private TestServer server;

  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Deletion ends on the thread that closes the last execution, after its API answer. */
  private void awaitGone(String sm) {
    TestServer.await(
        "the state machine is gone",
        () ->
            server
                .call("DescribeStateMachine", "{\"stateMachineArn\":\"" + sm + "\"}")
                .has("__type"));
  }

  @Test
  void withoutRunningExecutionsItIsDeletedAtOnce() {
    String sm = server.create("slow", WAITS);
    server.sfn.deleteStateMachine(b -> b.stateMachineArn(sm));

    assertFails(
        StateMachineDoesNotExistException.class,
        "State Machine Does Not Exist: '" + sm + "'",
        () -> server.sfn.describeStateMachine(b -> b.stateMachineArn(sm)));
  }

  @Test
  void runningExecutionsKeepItDeletingAndFailAtTheirNextTransition() {
    String sm = server.create("slow", WAITS);
    String exec = server.start(sm, "run-1", "{}");
    server.awaitEvents(exec, 2);
    server.sfn.deleteStateMachine(b -> b.stateMachineArn(sm));

    assertThat(server.sfn.describeStateMachine(b -> b.stateMachineArn(sm)).status())
        .isEqualTo(StateMachineStatus.DELETING);
    assertFails(
        StateMachineDeletingException.class,
        DELETING,
        () -> server.sfn.startExecution(b -> b.stateMachineArn(sm).name("run-2")));
    assertFails(
        StateMachineDeletingException.class,
        DELETING,
        () -> server.sfn.updateStateMachine(b -> b.stateMachineArn(sm).definition(WAITS)));
    assertFails(StateMachineDeletingException.class, DELETING, () -> server.create("slow", WAITS));
    assertFails(
        StateMachineDeletingException.class,
        DELETING,
        () -> server.sfn.publishStateMachineVersion(b -> b.stateMachineArn(sm)));
    // Deleting again changes nothing.
    server.sfn.deleteStateMachine(b -> b.stateMachineArn(sm));

    server.advance(Duration.ofSeconds(10));
    assertThat(server.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.FAILED);
    assertJson(
        TestServer.tail(server.history(exec), 2),
        """
        [{"timestamp":1.76722561E9,"type":"WaitStateExited","id":3,"previousEventId":2,
          "stateExitedEventDetails":{"name":"Pause","output":"{}","outputDetails":{"truncated":false}}},
         {"timestamp":1.76722561E9,"type":"ExecutionFailed","id":4,"previousEventId":3,
          "executionFailedEventDetails":{"error":"States.Runtime",
            "cause":"State machine slow has been deleted."}}]
        """);
    awaitGone(sm);
    assertThat(exec).isEqualTo(EXEC + "slow:run-1");
  }

  @Test
  void aDeletionGoesOnAfterARestart() throws Exception {
    Path data = dir.resolve("data");
    ManualClock clock = new ManualClock(TestServer.START);
    String sm;
    String exec;
    server.close();
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      sm = server.create("slow", WAITS);
      exec = server.start(sm, "run-1", "{}");
      server.awaitEvents(exec, 2);
      server.sfn.deleteStateMachine(b -> b.stateMachineArn(sm));
      server.close();
      store.flush();
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      assertThat(server.sfn.describeStateMachine(b -> b.stateMachineArn(sm)).status())
          .isEqualTo(StateMachineStatus.DELETING);
      server.advance(Duration.ofSeconds(10));
      assertThat(server.awaitClosed(exec).cause())
          .isEqualTo("State machine slow has been deleted.");
      awaitGone(sm);
      server.close();
      store.flush();
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      assertThat(server.sfn.listStateMachines().stateMachines()).isEmpty();
    }
  }
}
