package dev.stepwise.api;

import static dev.stepwise.api.TestServer.EXEC;
import static dev.stepwise.api.TestServer.assertFails;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** RedriveExecution and the redrive fields of DescribeExecution and ListExecutions. */
class RedriveApiTest {
  private static final String WAIT_THEN_PASS =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":10,\"Next\":\"Done\"},"
          + "\"Done\":{\"Type\":\"Pass\",\"End\":true}}}";

  @Test
  void anAbortedExecutionGoesOnWhereItStopped() throws Exception {
    try (TestServer server = new TestServer()) {
      String sm = server.create("waits", WAIT_THEN_PASS);
      String arn = server.start(sm, "e1", "{}");
      server.start(sm, "e2", "{}");
      server.advance(Duration.ofSeconds(2));
      server.sfn.stopExecution(b -> b.executionArn(arn));
      assertJson(
          server.describe(arn),
          """
          {"executionArn":"%1$se1","stateMachineArn":"%2$s","name":"e1","status":"ABORTED",
           "startDate":1.767225600E9,"stopDate":1.767225602E9,"input":"{}",
           "inputDetails":{"included":true},"redriveCount":0,"redriveStatus":"REDRIVABLE"}
          """
              .formatted(EXEC + "waits:", sm));
      server.advance(Duration.ofSeconds(3));

      Instant date =
          server.sfn.redriveExecution(b -> b.executionArn(arn).clientToken("t1")).redriveDate();

      assertThat(date).isEqualTo(TestServer.START.plusSeconds(5));
      assertJson(
          server.describe(arn),
          """
          {"executionArn":"%1$se1","stateMachineArn":"%2$s","name":"e1","status":"RUNNING",
           "startDate":1.767225600E9,"input":"{}","inputDetails":{"included":true},
           "redriveCount":1,"redriveDate":1.767225605E9}
          """
              .formatted(EXEC + "waits:", sm));
      // The same token answers with the same redrive; another is a new request.
      assertThat(
              server.sfn.redriveExecution(b -> b.executionArn(arn).clientToken("t1")).redriveDate())
          .isEqualTo(date);
      assertFails(
          ExecutionNotRedrivableException.class,
          "Execution is RUNNING and cannot be redriven",
          () -> server.sfn.redriveExecution(b -> b.executionArn(arn).clientToken("t2")));

      server.advance(Duration.ofSeconds(10));
      server.awaitClosed(arn);
      assertJson(
          TestServer.tail(server.history(arn), 5),
          """
          [{"timestamp":1.767225605E9,"type":"ExecutionRedriven","id":4,"previousEventId":3,
            "executionRedrivenEventDetails":{"redriveCount":1}},
           {"timestamp":1.767225615E9,"type":"WaitStateExited","id":5,"previousEventId":4,
            "stateExitedEventDetails":{"name":"W","output":"{}","outputDetails":{"truncated":false}}},
           {"timestamp":1.767225615E9,"type":"PassStateEntered","id":6,"previousEventId":5,
            "stateEnteredEventDetails":{"name":"Done","input":"{}","inputDetails":{"truncated":false}}},
           {"timestamp":1.767225615E9,"type":"PassStateExited","id":7,"previousEventId":6,
            "stateExitedEventDetails":{"name":"Done","output":"{}","outputDetails":{"truncated":false}}},
           {"timestamp":1.767225615E9,"type":"ExecutionSucceeded","id":8,"previousEventId":7,
            "executionSucceededEventDetails":{"output":"{}","outputDetails":{"truncated":false}}}]
          """);
      assertJson(
          server.describe(arn),
          """
          {"executionArn":"%1$se1","stateMachineArn":"%2$s","name":"e1","status":"SUCCEEDED",
           "startDate":1.767225600E9,"stopDate":1.767225615E9,"input":"{}",
           "inputDetails":{"included":true},"output":"{}","outputDetails":{"included":true},
           "redriveCount":1,"redriveDate":1.767225605E9,"redriveStatus":"NOT_REDRIVABLE",
           "redriveStatusReason":"Execution is SUCCEEDED and cannot be redriven"}
          """
              .formatted(EXEC + "waits:", sm));

      assertThat(
              server
                  .sfn
                  .listExecutions(
                      b -> b.stateMachineArn(sm).redriveFilter(ExecutionRedriveFilter.REDRIVEN))
                  .executions())
          .extracting(
              ExecutionListItem::name,
              ExecutionListItem::redriveCount,
              ExecutionListItem::redriveDate)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("e1", 1, date));
      assertThat(
              server
                  .sfn
                  .listExecutions(
                      b -> b.stateMachineArn(sm).redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN))
                  .executions())
          .extracting(ExecutionListItem::name, ExecutionListItem::redriveCount)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("e2", 0));
    }
  }

  @Test
  void refusalsNameTheReason() throws Exception {
    try (TestServer server = new TestServer()) {
      String fails =
          server.create(
              "fails",
              "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"E\"}}}");
      String done =
          server.start(
              server.create(
                  "done",
                  "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"),
              "ok",
              "{}");
      server.awaitClosed(done);
      assertFails(
          ExecutionNotRedrivableException.class,
          "Execution is SUCCEEDED and cannot be redriven",
          () -> server.sfn.redriveExecution(b -> b.executionArn(done)));
      assertFails(
          ExecutionDoesNotExistException.class,
          "Execution Does Not Exist: '" + EXEC + "fails:none'",
          () -> server.sfn.redriveExecution(b -> b.executionArn(EXEC + "fails:none")));
      assertFails(
          ValidationException.class,
          "1 validation error detected: Value 'a b' at 'clientToken' failed to satisfy constraint:"
              + " Member must satisfy regular expression pattern: [!-~]+",
          () ->
              server.sfn.redriveExecution(
                  b -> b.executionArn(EXEC + "fails:none").clientToken("a b")));

      String express =
          server
              .sfn
              .createStateMachine(
                  b ->
                      b.name("quick")
                          .type(software.amazon.awssdk.services.sfn.model.StateMachineType.EXPRESS)
                          .roleArn(TestServer.ROLE)
                          .definition("{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\"}}}"))
              .stateMachineArn();
      String expressRun =
          server.sfn.startSyncExecution(b -> b.stateMachineArn(express)).executionArn();
      // An EXPRESS execution's ARN is not an execution's, as for DescribeExecution.
      assertFails(
          software.amazon.awssdk.services.sfn.model.InvalidArnException.class,
          "Invalid Arn: 'Resource type not valid in this context: express'",
          () -> server.sfn.redriveExecution(b -> b.executionArn(expressRun)));

      // A Fail state fails again: the redrive is counted all the same.
      String failed = server.start(fails, "f1", "{}");
      server.awaitClosed(failed);
      server.sfn.redriveExecution(b -> b.executionArn(failed));
      server.awaitEvents(failed, 4);
      assertThat(server.describe(failed).path("redriveCount").asInt()).isEqualTo(1);
      assertThat(server.describe(failed).path("status").asText()).isEqualTo("FAILED");

      // While its state machine is being deleted, none of its executions is redrivable.
      String sm = server.create("deleting", WAIT_THEN_PASS);
      server.start(sm, "running", "{}");
      String stopped = server.start(sm, "stopped", "{}");
      server.sfn.stopExecution(b -> b.executionArn(stopped));
      server.sfn.deleteStateMachine(b -> b.stateMachineArn(sm));
      assertThat(server.describe(stopped).path("redriveStatusReason").asText())
          .isEqualTo("State machine is in DELETING status");
      assertFails(
          ExecutionNotRedrivableException.class,
          "State machine is in DELETING status",
          () -> server.sfn.redriveExecution(b -> b.executionArn(stopped)));
    }
  }

  @Test
  void pendingRedriveNeedsAMapRun() throws Exception {
    try (TestServer server = new TestServer()) {
      String sm = server.create("waits", WAIT_THEN_PASS);
      assertJson(
          server.call(
              "ListExecutions",
              "{\"stateMachineArn\":\"" + sm + "\",\"statusFilter\":\"PENDING_REDRIVE\"}"),
          """
          {"__type":"ValidationException",
           "message":"The PENDING_REDRIVE status filter can only be used with a mapRunArn"}
          """);
    }
  }
}
