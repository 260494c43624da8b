package dev.stepwise.api;

import static dev.stepwise.api.TestServer.ACTIVITY;
import static dev.stepwise.api.TestServer.EXEC;
import static dev.stepwise.api.TestServer.SM;
import static dev.stepwise.api.TestServer.assertFails;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.DescribeActivityResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListActivitiesResponse;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;

/** Activities: CreateActivity and friends, and workers polling with GetActivityTask. */
class ActivityApiTest {
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

  private String createActivity(String name) {
    return server.sfn.createActivity(b -> b.name(name)).activityArn();
  }

  private static String machineOn(String activityArn, String taskFields) {
    return "{\"StartAt\":\"Work\",\"States\":{\"Work\":{\"Type\":\"Task\",\"Resource\":\""
        + activityArn
        + "\""
        + taskFields
        + ",\"End\":true}}}";
  }

  @Test
  void createIsIdempotentByNameAndDescribeListDeleteFollow() {
    var created = server.sfn.createActivity(b -> b.name("resize"));
    assertThat(created.activityArn()).isEqualTo(ACTIVITY + "resize");
    assertThat(created.creationDate()).isEqualTo(TestServer.START);
    server.advance(Duration.ofSeconds(5));
    var again = server.sfn.createActivity(b -> b.name("resize"));
    assertThat(again.activityArn()).isEqualTo(ACTIVITY + "resize");
    assertThat(again.creationDate()).isEqualTo(TestServer.START);

    assertJson(
        server.call("DescribeActivity", "{\"activityArn\":\"" + ACTIVITY + "resize\"}"),
        """
        {"activityArn":"arn:aws:states:us-east-1:123456789012:activity:resize","name":"resize",
         "creationDate":1767225600.0,"encryptionConfiguration":{"type":"AWS_OWNED_KEY"}}
        """);
    DescribeActivityResponse d =
        server.sfn.describeActivity(b -> b.activityArn(ACTIVITY + "resize"));
    assertThat(d.name()).isEqualTo("resize");

    server.sfn.deleteActivity(b -> b.activityArn(ACTIVITY + "resize"));
    assertFails(
        ActivityDoesNotExistException.class,
        "Activity Does Not Exist: 'arn:aws:states:us-east-1:123456789012:activity:resize'",
        () -> server.sfn.describeActivity(b -> b.activityArn(ACTIVITY + "resize")));
    // Deleting what does not exist is no error.
    server.sfn.deleteActivity(b -> b.activityArn(ACTIVITY + "resize"));
  }

  @Test
  void listActivitiesPages() {
    createActivity("c");
    createActivity("a");
    createActivity("b");
    ListActivitiesResponse first = server.sfn.listActivities(b -> b.maxResults(2));
    assertThat(first.activities())
        .extracting(ActivityListItem::name, ActivityListItem::activityArn)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", ACTIVITY + "a"),
            org.assertj.core.groups.Tuple.tuple("b", ACTIVITY + "b"));
    assertThat(first.nextToken()).isNotNull();
    ListActivitiesResponse second =
        server.sfn.listActivities(b -> b.maxResults(2).nextToken(first.nextToken()));
    assertThat(second.activities()).extracting(ActivityListItem::name).containsExactly("c");
    assertThat(second.nextToken()).isNull();
    assertFails(
        InvalidTokenException.class,
        "Invalid Token: 'Invalid token'",
        () -> server.sfn.listActivities(b -> b.nextToken("garbage")));
  }

  @Test
  void badNamesAndArnsAreRejected() {
    assertFails(
        InvalidNameException.class,
        "Invalid Name: 'bad name'",
        () -> server.sfn.createActivity(b -> b.name("bad name")));
    assertFails(
        InvalidArnException.class,
        "Invalid Arn: 'Resource type not valid in this context: stateMachine'",
        () -> server.sfn.describeActivity(b -> b.activityArn(SM + "x")));
    assertFails(
        InvalidArnException.class,
        "Invalid Arn: 'Invalid ARN prefix: nope'",
        () -> server.sfn.deleteActivity(b -> b.activityArn("nope")));
    assertFails(
        ActivityDoesNotExistException.class,
        "Activity Does Not Exist: 'arn:aws:states:us-east-1:123456789012:activity:missing'",
        () -> server.sfn.getActivityTask(b -> b.activityArn(ACTIVITY + "missing")));
    String arn = createActivity("named");
    assertJson(
        server.call(
            "GetActivityTask",
            "{\"activityArn\":\"" + arn + "\",\"workerName\":\"" + "w".repeat(81) + "\"}"),
        "{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: Value '"
            + "w".repeat(81)
            + "' at 'workerName' failed to satisfy constraint: Member must have length less than"
            + " or equal to 80\"}");
  }

  @Test
  void aWaitingWorkerGetsTheTaskAndCompletesTheExecution() {
    String activity = createActivity("resize");
    String sm = server.create("images", machineOn(activity, ""));
    // The worker polls first and waits; the execution's task then goes straight to it.
    CompletableFuture<GetActivityTaskResponse> poll =
        CompletableFuture.supplyAsync(
            () -> server.sfn.getActivityTask(b -> b.activityArn(activity).workerName("worker-1")));
    TestServer.await("the worker waits", () -> server.activities.waitingWorkers(activity) == 1);
    String exec = server.start(sm, "run-1", "{\"job\":7}");
    GetActivityTaskResponse task = poll.join();
    assertThat(task.input()).isEqualTo("{\"job\":7}");
    server.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"done\":true}"));

    DescribeExecutionResponse d = server.awaitClosed(exec);
    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(d.output()).isEqualTo("{\"done\":true}");
    assertJson(
        server.history(exec),
        """
        [{"timestamp":1767225600.0,"type":"ExecutionStarted","id":1,"previousEventId":0,
          "executionStartedEventDetails":{"input":"{\\"job\\":7}","inputDetails":{"truncated":false},
            "roleArn":"arn:aws:iam::123456789012:role/test"}},
         {"timestamp":1767225600.0,"type":"TaskStateEntered","id":2,"previousEventId":0,
          "stateEnteredEventDetails":{"name":"Work","input":"{\\"job\\":7}",
            "inputDetails":{"truncated":false}}},
         {"timestamp":1767225600.0,"type":"ActivityScheduled","id":3,"previousEventId":2,
          "activityScheduledEventDetails":{"resource":"arn:aws:states:us-east-1:123456789012:activity:resize",
            "input":"{\\"job\\":7}","inputDetails":{"truncated":false}}},
         {"timestamp":1767225600.0,"type":"ActivityStarted","id":4,"previousEventId":3,
          "activityStartedEventDetails":{"workerName":"worker-1"}},
         {"timestamp":1767225600.0,"type":"ActivitySucceeded","id":5,"previousEventId":4,
          "activitySucceededEventDetails":{"output":"{\\"done\\":true}","outputDetails":{"truncated":false}}},
         {"timestamp":1767225600.0,"type":"TaskStateExited","id":6,"previousEventId":5,
          "stateExitedEventDetails":{"name":"Work","output":"{\\"done\\":true}",
            "outputDetails":{"truncated":false}}},
         {"timestamp":1767225600.0,"type":"ExecutionSucceeded","id":7,"previousEventId":6,
          "executionSucceededEventDetails":{"output":"{\\"done\\":true}","outputDetails":{"truncated":false}}}]
        """);
  }

  @Test
  void aQueuedTaskWaitsForAWorkerWhoFailsIt() {
    String activity = createActivity("resize");
    String sm = server.create("images", machineOn(activity, ""));
    String exec = server.start(sm, "run-1", "{\"job\":7}");
    TestServer.await(
        "the task is queued", () -> server.activities.waitingTasks(activity).size() == 1);
    server.advance(Duration.ofSeconds(3));
    // No worker name: ActivityStarted has empty details, as on AWS.
    GetActivityTaskResponse task = server.sfn.getActivityTask(b -> b.activityArn(activity));
    assertThat(task.input()).isEqualTo("{\"job\":7}");
    server.awaitEvents(exec, 4);
    server.sfn.sendTaskFailure(
        b -> b.taskToken(task.taskToken()).error("Resize.Failed").cause("too large"));

    DescribeExecutionResponse d = server.awaitClosed(exec);
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("Resize.Failed");
    assertThat(d.cause()).isEqualTo("too large");
    assertJson(
        TestServer.tail(server.history(exec), 3),
        """
        [{"timestamp":1767225603.0,"type":"ActivityStarted","id":4,"previousEventId":3,
          "activityStartedEventDetails":{}},
         {"timestamp":1767225603.0,"type":"ActivityFailed","id":5,"previousEventId":4,
          "activityFailedEventDetails":{"error":"Resize.Failed","cause":"too large"}},
         {"timestamp":1767225603.0,"type":"ExecutionFailed","id":6,"previousEventId":5,
          "executionFailedEventDetails":{"error":"Resize.Failed","cause":"too large"}}]
        """);
    // The task is closed: its token no longer names a task.
    assertFails(
        TaskDoesNotExistException.class,
        "Task Does Not Exist: 'Provided task does not exist anymore'",
        () -> server.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{}")));
  }

  @Test
  void aWorkerThatStopsHeartbeatingTimesTheTaskOut() {
    String activity = createActivity("resize");
    String sm = server.create("images", machineOn(activity, ",\"HeartbeatSeconds\":10"));
    String exec = server.start(sm, "run-1", "{}");
    GetActivityTaskResponse task =
        server.sfn.getActivityTask(b -> b.activityArn(activity).workerName("w"));
    server.awaitEvents(exec, 4);
    server.advance(Duration.ofSeconds(6));
    server.sfn.sendTaskHeartbeat(b -> b.taskToken(task.taskToken()));
    server.advance(Duration.ofSeconds(9));
    assertThat(server.history(exec).size()).isEqualTo(4);
    server.advance(Duration.ofSeconds(1));

    DescribeExecutionResponse d = server.awaitClosed(exec);
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.Timeout");
    assertJson(
        TestServer.tail(server.history(exec), 3),
        """
        [{"timestamp":1767225600.0,"type":"ActivityStarted","id":4,"previousEventId":3,
          "activityStartedEventDetails":{"workerName":"w"}},
         {"timestamp":1767225616.0,"type":"ActivityTimedOut","id":5,"previousEventId":4,
          "activityTimedOutEventDetails":{"error":"States.Timeout"}},
         {"timestamp":1767225616.0,"type":"ExecutionFailed","id":6,"previousEventId":5,
          "executionFailedEventDetails":{"error":"States.Timeout"}}]
        """);
    assertFails(
        TaskDoesNotExistException.class,
        "Task Does Not Exist: 'Provided task does not exist anymore'",
        () -> server.sfn.sendTaskHeartbeat(b -> b.taskToken(task.taskToken())));
  }

  @Test
  void aTaskNoWorkerTakesTimesOutAfterItsTimeoutSeconds() {
    String activity = createActivity("resize");
    String sm = server.create("images", machineOn(activity, ",\"TimeoutSeconds\":5"));
    String exec = server.start(sm, "run-1", "{}");
    TestServer.await(
        "the task is queued", () -> server.activities.waitingTasks(activity).size() == 1);
    server.advance(Duration.ofSeconds(5));

    assertThat(server.awaitClosed(exec).error()).isEqualTo("States.Timeout");
    assertThat(server.history(exec).findValues("type").stream().map(JsonNode::asText))
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "ActivityScheduled",
            "ActivityTimedOut",
            "ExecutionFailed");
    TestServer.await(
        "the task is withdrawn", () -> server.activities.waitingTasks(activity).isEmpty());
  }

  @Test
  void aPollWithNothingToDoAnswersEmptyAfterSixtySeconds() {
    String activity = createActivity("idle");
    CompletableFuture<JsonNode> poll =
        CompletableFuture.supplyAsync(
            () ->
                server.call(
                    "GetActivityTask",
                    "{\"activityArn\":\"" + activity + "\",\"workerName\":\"w\"}"));
    TestServer.await("the worker waits", () -> server.activities.waitingWorkers(activity) == 1);
    server.advance(Duration.ofSeconds(59));
    assertThat(poll).isNotDone();
    server.advance(Duration.ofSeconds(1));
    assertJson(poll.join(), "{}");
    assertThat(server.activities.waitingWorkers(activity)).isZero();
    // The SDK reads the empty answer as a response without a token.
    CompletableFuture<GetActivityTaskResponse> sdkPoll =
        CompletableFuture.supplyAsync(
            () -> server.sfn.getActivityTask(b -> b.activityArn(activity)));
    TestServer.await("the worker waits", () -> server.activities.waitingWorkers(activity) == 1);
    server.advance(Duration.ofSeconds(60));
    assertThat(sdkPoll.join().taskToken()).isNull();
  }

  @Test
  void aStoppedExecutionWithdrawsItsQueuedTask() {
    String activity = createActivity("resize");
    String sm = server.create("images", machineOn(activity, ""));
    String exec = server.start(sm, "run-1", "{}");
    TestServer.await(
        "the task is queued", () -> server.activities.waitingTasks(activity).size() == 1);
    server.sfn.stopExecution(b -> b.executionArn(exec));
    assertThat(server.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.ABORTED);
    TestServer.await(
        "the task is withdrawn", () -> server.activities.waitingTasks(activity).isEmpty());
  }

  @Test
  void aTaskOnAnActivityThatDoesNotExistFailsTheExecution() {
    String sm = server.create("images", machineOn(ACTIVITY + "gone", ""));
    String exec = server.start(sm, "run-1", "{}");
    DescribeExecutionResponse d = server.awaitClosed(exec);
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.Runtime");
    assertThat(d.cause())
        .isEqualTo(
            "An error occurred while executing the state 'Work' (entered at the event id #2). The"
                + " activity arn:aws:states:us-east-1:123456789012:activity:gone does not exist.");
    // As AWS records it (LocalStack's test_activity_task_on_deleted): no ActivityScheduled.
    JsonNode history = server.history(exec);
    assertThat(history.findValues("type").stream().map(JsonNode::asText))
        .containsExactly("ExecutionStarted", "TaskStateEntered", "ExecutionFailed");
    assertThat(history.get(2).path("previousEventId").asLong()).isEqualTo(2);
    assertThat(history.get(2).path("executionFailedEventDetails").path("cause").asText())
        .isEqualTo(d.cause());
  }

  @Test
  void activitiesAndTheirWaitingTasksSurviveARestart() throws Exception {
    Path data = dir.resolve("data");
    ManualClock clock = new ManualClock(TestServer.START);
    String activity;
    String exec;
    server.close();
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      activity = createActivity("resize");
      String sm = server.create("images", machineOn(activity, ""));
      exec = server.start(sm, "run-1", "{\"job\":7}");
      TestServer.await(
          "the task is queued", () -> server.activities.waitingTasks(activity).size() == 1);
      server.close();
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      server = new TestServer(clock, store);
      assertThat(server.sfn.describeActivity(b -> b.activityArn(activity)).creationDate())
          .isEqualTo(TestServer.START);
      GetActivityTaskResponse task =
          server.sfn.getActivityTask(b -> b.activityArn(activity).workerName("after"));
      assertThat(task.input()).isEqualTo("{\"job\":7}");
      server.awaitEvents(exec, 4);
      server.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("\"ok\""));
      assertThat(server.awaitClosed(exec).output()).isEqualTo("\"ok\"");
      assertThat(exec).isEqualTo(EXEC + "images:run-1");
      server.close();
      store.flush();
    }
    server = new TestServer();
  }
}
