package dev.stepwise.api;

import static dev.stepwise.api.TestServer.EXEC;
import static dev.stepwise.api.TestServer.SM;
import static dev.stepwise.api.TestServer.assertFails;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** GetExecutionHistory and the List operations page as AWS's do. */
class PaginationTest {
  /** Three Pass states: 8 events. */
  private static final String CHAIN =
      "{\"StartAt\":\"A\",\"States\":{"
          + "\"A\":{\"Type\":\"Pass\",\"Result\":{\"a\":1},\"ResultPath\":\"$.a\",\"Next\":\"B\"},"
          + "\"B\":{\"Type\":\"Pass\",\"Next\":\"C\"},"
          + "\"C\":{\"Type\":\"Pass\",\"End\":true}}}";

  private static final String WAIT =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":100,\"End\":true}}}";

  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<Long> ids(GetExecutionHistoryResponse page) {
    return page.events().stream().map(HistoryEvent::id).toList();
  }

  private static List<String> names(ListExecutionsResponse page) {
    return page.executions().stream().map(ExecutionListItem::name).toList();
  }

  private String finished(String sm, String name) {
    String exec = server.start(sm, name, "{}");
    assertThat(server.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    return exec;
  }

  @Test
  void historyPagesForwardAndBackward() {
    String exec = finished(server.create("chain", CHAIN), "run");
    var first = server.sfn.getExecutionHistory(b -> b.executionArn(exec).maxResults(3));
    assertThat(ids(first)).containsExactly(1L, 2L, 3L);
    var second =
        server.sfn.getExecutionHistory(
            b -> b.executionArn(exec).maxResults(3).nextToken(first.nextToken()));
    assertThat(ids(second)).containsExactly(4L, 5L, 6L);
    var third =
        server.sfn.getExecutionHistory(
            b -> b.executionArn(exec).maxResults(3).nextToken(second.nextToken()));
    assertThat(ids(third)).containsExactly(7L, 8L);
    assertThat(third.nextToken()).isNull();
    // Exactly a page's worth left: no token pointing at an empty page.
    var exact = server.sfn.getExecutionHistory(b -> b.executionArn(exec).maxResults(8));
    assertThat(exact.events()).hasSize(8);
    assertThat(exact.nextToken()).isNull();
    // 0 is AWS's default page of 100.
    assertThat(server.sfn.getExecutionHistory(b -> b.executionArn(exec).maxResults(0)).events())
        .hasSize(8);

    var back =
        server.sfn.getExecutionHistory(b -> b.executionArn(exec).reverseOrder(true).maxResults(5));
    assertThat(ids(back)).containsExactly(8L, 7L, 6L, 5L, 4L);
    var backRest =
        server.sfn.getExecutionHistory(
            b -> b.executionArn(exec).reverseOrder(true).maxResults(5).nextToken(back.nextToken()));
    assertThat(ids(backRest)).containsExactly(3L, 2L, 1L);
    assertThat(backRest.nextToken()).isNull();
  }

  @Test
  void aHistoryTokenBelongsToItsRequestAndExpiresAfterADay() {
    String sm = server.create("chain", CHAIN);
    String exec = finished(sm, "run");
    String other = finished(sm, "other");
    String token =
        server.sfn.getExecutionHistory(b -> b.executionArn(exec).maxResults(2)).nextToken();
    assertFails(
        InvalidTokenException.class,
        "Invalid Token: 'Invalid token'",
        () ->
            server.sfn.getExecutionHistory(
                b -> b.executionArn(exec).reverseOrder(true).maxResults(2).nextToken(token)));
    assertFails(
        InvalidTokenException.class,
        "Invalid Token: 'Invalid token'",
        () ->
            server.sfn.getExecutionHistory(
                b -> b.executionArn(other).maxResults(2).nextToken(token)));
    assertFails(
        InvalidTokenException.class,
        "Invalid Token: 'Invalid token'",
        () -> server.sfn.getExecutionHistory(b -> b.executionArn(exec).nextToken("not-a-token")));
    server.advance(Duration.ofHours(24));
    assertThat(
            ids(
                server.sfn.getExecutionHistory(
                    b -> b.executionArn(exec).maxResults(2).nextToken(token))))
        .containsExactly(3L, 4L);
    server.advance(Duration.ofMillis(1));
    assertFails(
        InvalidTokenException.class,
        "Invalid Token: 'Invalid token'",
        () ->
            server.sfn.getExecutionHistory(
                b -> b.executionArn(exec).maxResults(2).nextToken(token)));
  }

  @Test
  void historyWithoutExecutionDataLeavesInputsAndOutputsOut() {
    String exec = finished(server.create("chain", CHAIN), "run");
    assertJson(
        server
            .call(
                "GetExecutionHistory",
                "{\"executionArn\":\""
                    + exec
                    + "\",\"includeExecutionData\":false,\"maxResults\":3}")
            .path("events"),
        """
        [{"timestamp":1767225600.0,"type":"ExecutionStarted","id":1,"previousEventId":0,
          "executionStartedEventDetails":{"roleArn":"arn:aws:iam::123456789012:role/test"}},
         {"timestamp":1767225600.0,"type":"PassStateEntered","id":2,"previousEventId":0,
          "stateEnteredEventDetails":{"name":"A"}},
         {"timestamp":1767225600.0,"type":"PassStateExited","id":3,"previousEventId":2,
          "stateExitedEventDetails":{"name":"A"}}]
        """);
  }

  @Test
  void limitsAreValidated() {
    String sm = server.create("chain", CHAIN);
    String exec = finished(sm, "run");
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint:"
            + " Member must have value less than or equal to 1000",
        () -> server.sfn.getExecutionHistory(b -> b.executionArn(exec).maxResults(1001)));
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint:"
            + " Member must have value greater than or equal to 0",
        () -> server.sfn.listExecutions(b -> b.stateMachineArn(sm).maxResults(-1)));
    String long1025 = "t".repeat(1025);
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value '"
            + long1025
            + "' at 'nextToken' failed to satisfy constraint: Member must have length less than or"
            + " equal to 1024",
        () -> server.sfn.listStateMachines(b -> b.nextToken(long1025)));
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value '"
            + long1025
            + "' at 'nextToken' failed to satisfy constraint: Member must have length less than or"
            + " equal to 1024",
        () -> server.sfn.getExecutionHistory(b -> b.executionArn(exec).nextToken(long1025)));
    // ListExecutions takes longer tokens.
    assertFails(
        InvalidTokenException.class,
        "Invalid Token: 'Invalid token'",
        () -> server.sfn.listExecutions(b -> b.stateMachineArn(sm).nextToken(long1025)));
    String long3097 = "t".repeat(3097);
    assertFails(
        ValidationException.class,
        "1 validation error detected: Value '"
            + long3097
            + "' at 'nextToken' failed to satisfy constraint: Member must have length less than or"
            + " equal to 3096",
        () -> server.sfn.listExecutions(b -> b.stateMachineArn(sm).nextToken(long3097)));
  }

  @Test
  void executionsPageNewestFirstWithoutRepeatsWhenNewOnesStart() {
    String sm = server.create("chain", CHAIN);
    for (String name : List.of("e1", "e2", "e3", "e4")) {
      finished(sm, name);
      server.advance(Duration.ofSeconds(1));
    }
    ListExecutionsResponse first =
        server.sfn.listExecutions(b -> b.stateMachineArn(sm).maxResults(2));
    assertThat(names(first)).containsExactly("e4", "e3");
    finished(sm, "e5"); // newer than every listed one: it belongs before the first page
    ListExecutionsResponse second =
        server.sfn.listExecutions(
            b -> b.stateMachineArn(sm).maxResults(2).nextToken(first.nextToken()));
    assertThat(names(second)).containsExactly("e2", "e1");
    assertThat(second.nextToken()).isNull();
    assertJson(
        server
            .call("ListExecutions", "{\"stateMachineArn\":\"" + sm + "\",\"maxResults\":1}")
            .path("executions"),
        """
        [{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:chain:e5",
          "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:chain",
          "name":"e5","status":"SUCCEEDED","startDate":1767225604.0,"stopDate":1767225604.0,
          "redriveCount":0}]
        """);
  }

  @Test
  void executionsWithTheSameStartDateOrderByArn() {
    String sm = server.create("chain", CHAIN);
    for (String name : List.of("b", "c", "a")) {
      finished(sm, name);
    }
    var first = server.sfn.listExecutions(b -> b.stateMachineArn(sm).maxResults(2));
    assertThat(names(first)).containsExactly("c", "b");
    var rest =
        server.sfn.listExecutions(
            b -> b.stateMachineArn(sm).maxResults(2).nextToken(first.nextToken()));
    assertThat(names(rest)).containsExactly("a");
  }

  @Test
  void executionsFilterByStatusAndRedrive() {
    String waits = server.create("waits", WAIT);
    String chain = server.create("chain", CHAIN);
    String running = server.start(waits, "running", "{}");
    server.awaitEvents(running, 2);
    finished(chain, "done");
    assertThat(
            names(
                server.sfn.listExecutions(
                    b -> b.stateMachineArn(waits).statusFilter(ExecutionStatus.RUNNING))))
        .containsExactly("running");
    assertThat(
            names(
                server.sfn.listExecutions(
                    b -> b.stateMachineArn(waits).statusFilter(ExecutionStatus.SUCCEEDED))))
        .isEmpty();
    assertThat(names(server.sfn.listExecutions(b -> b.statusFilter(ExecutionStatus.SUCCEEDED))))
        .containsExactly("done");
    assertThat(names(server.sfn.listExecutions(b -> b.redriveFilter("REDRIVEN")))).isEmpty();
    assertThat(names(server.sfn.listExecutions(b -> b.redriveFilter("NOT_REDRIVEN"))))
        .containsExactlyInAnyOrder("running", "done");
    assertJson(
        server.call("ListExecutions", "{\"statusFilter\":\"succeeded\"}"),
        "{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: Value"
            + " 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum"
            + " value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]\"}");
    assertJson(
        server.call("ListExecutions", "{\"redriveFilter\":\"SOME\"}"),
        "{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: Value"
            + " 'SOME' at 'redriveFilter' failed to satisfy constraint: Member must satisfy enum"
            + " value set: [REDRIVEN, NOT_REDRIVEN]\"}");
    // A token is only good for the filter it was issued under.
    finished(chain, "done2");
    String token =
        server
            .sfn
            .listExecutions(b -> b.statusFilter(ExecutionStatus.SUCCEEDED).maxResults(1))
            .nextToken();
    assertFails(
        InvalidTokenException.class,
        "Invalid Token: 'Invalid token'",
        () ->
            server.sfn.listExecutions(
                b -> b.statusFilter(ExecutionStatus.RUNNING).maxResults(1).nextToken(token)));
  }

  @Test
  void listExecutionsNamesAMissingOrMalformedStateMachine() {
    assertFails(
        StateMachineDoesNotExistException.class,
        "State Machine Does Not Exist: '" + SM + "none'",
        () -> server.sfn.listExecutions(b -> b.stateMachineArn(SM + "none")));
    assertFails(
        InvalidArnException.class,
        "Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'",
        () -> server.sfn.listExecutions(b -> b.stateMachineArn("invalid_state_machine_arn")));
    assertFails(
        InvalidArnException.class,
        "Invalid Arn: 'Resource type not valid in this context: execution'",
        () -> server.sfn.listExecutions(b -> b.stateMachineArn(EXEC + "m:e")));
  }

  @Test
  void stateMachinesPageByNameAcrossDeletions() {
    for (String name : List.of("d", "b", "a", "c")) {
      server.create(name, CHAIN);
    }
    var first = server.sfn.listStateMachines(b -> b.maxResults(2));
    assertThat(first.stateMachines())
        .extracting(StateMachineListItem::name)
        .containsExactly("a", "b");
    server.sfn.deleteStateMachine(b -> b.stateMachineArn(SM + "b"));
    server.create("aa", CHAIN); // sorts before the page boundary: not listed again
    var rest = server.sfn.listStateMachines(b -> b.maxResults(2).nextToken(first.nextToken()));
    assertThat(rest.stateMachines())
        .extracting(StateMachineListItem::name)
        .containsExactly("c", "d");
    assertThat(rest.nextToken()).isNull();
    String token = first.nextToken();
    assertFails(
        InvalidTokenException.class,
        "Invalid Token: 'Invalid token'",
        () -> server.sfn.listActivities(b -> b.nextToken(token)));
  }
}
