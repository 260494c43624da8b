package dev.stepwise.api.nested;

import static dev.stepwise.api.TestServer.EXEC;
import static dev.stepwise.api.TestServer.SM;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.api.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;

/**
 * {@code startExecution.waitForTaskToken}: the parent waits for SendTaskSuccess/Failure with {@code
 * $$.Task.Token} (spec §1.4, §2.3, vectors 14-17).
 */
class WaitForTaskTokenTest {
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** PW: passes its token to the child in Input. */
  private String parent(String taskFields) {
    return server.create(
        "parent",
        """
        {"StartAt":"T","States":{"T":{"Type":"Task",%s
         "Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
         "Parameters":{"StateMachineArn":"%schild","Name":"c1","Input":{"token.$":"$$.Task.Token"}},
         "End":true}}}"""
            .formatted(taskFields, SM));
  }

  private static String callback(String action, String parameters) {
    return """
        {"StartAt":"S","States":{"S":{"Type":"Task",
         "Resource":"arn:aws:states:::aws-sdk:sfn:%s",
         "Parameters":{"TaskToken.$":"$.token"%s},"End":true}}}"""
        .formatted(action, parameters);
  }

  @Test
  void theChildsSendTaskSuccessIsTheResult() {
    server.create("child", callback("sendTaskSuccess", ",\"Output\":\"{\\\"ok\\\":true}\""));
    String exec = server.start(parent(""), "p1", "{}");

    server.awaitClosed(exec);
    assertJson(
        server.history(exec),
        """
        [
        {"timestamp":1767225600.0,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/test"}},
        {"timestamp":1767225600.0,"type":"TaskStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"T","input":"{}","inputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskScheduled","id":3,"previousEventId":2,"taskScheduledEventDetails":{"resourceType":"states","resource":"startExecution.waitForTaskToken","region":"us-east-1","parameters":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Name\\":\\"c1\\",\\"Input\\":{\\"token\\":\\"YXJuOmF3czpzdGF0ZXM6dXMtZWFzdC0xOjEyMzQ1Njc4OTAxMjpleGVjdXRpb246cGFyZW50OnAxIzEjYzM3OTUyMTEwNzdiMjJhYWM5NDQwMDZi\\"}}"}},
        {"timestamp":1767225600.0,"type":"TaskStarted","id":4,"previousEventId":3,"taskStartedEventDetails":{"resourceType":"states","resource":"startExecution.waitForTaskToken"}},
        {"timestamp":1767225600.0,"type":"TaskSubmitted","id":5,"previousEventId":4,"taskSubmittedEventDetails":{"resourceType":"states","resource":"startExecution.waitForTaskToken","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:c1\\",\\"SdkHttpMetadata\\":{\\"AllHttpHeaders\\":{\\"x-amzn-RequestId\\":[\\"<uuid>\\"],\\"connection\\":[\\"keep-alive\\"],\\"Content-Length\\":[\\"99\\"],\\"Date\\":[\\"Thu, 1 Jan 2026 00:00:00 GMT\\"],\\"Content-Type\\":[\\"application/x-amz-json-1.0\\"]},\\"HttpHeaders\\":{\\"connection\\":\\"keep-alive\\",\\"Content-Length\\":\\"99\\",\\"Content-Type\\":\\"application/x-amz-json-1.0\\",\\"Date\\":\\"Thu, 1 Jan 2026 00:00:00 GMT\\",\\"x-amzn-RequestId\\":\\"<uuid>\\"},\\"HttpStatusCode\\":200},\\"SdkResponseMetadata\\":{\\"RequestId\\":\\"<uuid>\\"},\\"StartDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskSucceeded","id":6,"previousEventId":5,"taskSucceededEventDetails":{"resourceType":"states","resource":"startExecution.waitForTaskToken","output":"{\\"ok\\":true}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskStateExited","id":7,"previousEventId":6,"stateExitedEventDetails":{"name":"T","output":"{\\"ok\\":true}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"ExecutionSucceeded","id":8,"previousEventId":7,"executionSucceededEventDetails":{"output":"{\\"ok\\":true}","outputDetails":{"truncated":false}}}
        ]""");
  }

  @Test
  void theChildsSendTaskFailureFailsTheTask() {
    server.create("child", callback("sendTaskFailure", ",\"Error\":\"E1\",\"Cause\":\"C1\""));
    String exec = server.start(parent(""), "p1", "{}");

    server.awaitClosed(exec);
    assertJson(
        server.history(exec).get(5),
        """
        {
        "timestamp":1767225600.0,
        "type":"TaskFailed",
        "id":6,
        "previousEventId":5,
        "taskFailedEventDetails":{"resourceType":"states","resource":"startExecution.waitForTaskToken","error":"E1","cause":"C1"}
        }""");
    assertJson(
        server.describe(exec),
        """
        {
        "executionArn":"arn:aws:states:us-east-1:123456789012:execution:parent:p1",
        "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:parent",
        "name":"p1",
        "status":"FAILED",
        "startDate":1767225600.0,
        "stopDate":1767225600.0,
        "input":"{}",
        "inputDetails":{"included":true},
        "error":"E1",
        "cause":"C1",
        "redriveCount":0,
        "redriveStatus":"REDRIVABLE"
        }""");
  }

  @Test
  void aFailureWithoutErrorOrCauseIsCaughtByStatesAll() {
    server.create("child", callback("sendTaskFailure", ""));
    String parent =
        server.create(
            "parent",
            """
            {"StartAt":"T","States":{"T":{"Type":"Task",
             "Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
             "Parameters":{"StateMachineArn":"%schild","Name":"c1","Input":{"token.$":"$$.Task.Token"}},
             "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e","Next":"Caught"}],
             "End":true},
             "Caught":{"Type":"Pass","End":true}}}"""
                .formatted(SM));
    String exec = server.start(parent, "p1", "{\"in\":1}");

    server.awaitClosed(exec);
    assertJson(
        server.history(exec).get(5),
        """
        {
        "timestamp":1767225600.0,
        "type":"TaskFailed",
        "id":6,
        "previousEventId":5,
        "taskFailedEventDetails":{"resourceType":"states","resource":"startExecution.waitForTaskToken"}
        }""");
    assertJson(
        server.describe(exec),
        """
        {
        "executionArn":"arn:aws:states:us-east-1:123456789012:execution:parent:p1",
        "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:parent",
        "name":"p1",
        "status":"SUCCEEDED",
        "startDate":1767225600.0,
        "stopDate":1767225600.0,
        "input":"{\\"in\\":1}",
        "inputDetails":{"included":true},
        "output":"{\\"in\\":1,\\"e\\":{\\"Error\\":null,\\"Cause\\":null}}",
        "outputDetails":{"included":true},
        "redriveCount":0,
        "redriveStatus":"NOT_REDRIVABLE",
        "redriveStatusReason":"Execution is SUCCEEDED and cannot be redriven"
        }""");
  }

  @Test
  void aMissedHeartbeatTimesTheTaskOut() {
    server.create("child", Machines.WAIT_60);
    String exec =
        server.start(parent("\"HeartbeatSeconds\":5,\"TimeoutSeconds\":600,"), "p1", "{}");
    server.awaitEvents(exec, 5);

    server.advance(Duration.ofSeconds(5));
    server.awaitClosed(exec);
    assertJson(
        server.history(exec),
        """
        [
        {"timestamp":1767225600.0,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/test"}},
        {"timestamp":1767225600.0,"type":"TaskStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"T","input":"{}","inputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskScheduled","id":3,"previousEventId":2,"taskScheduledEventDetails":{"resourceType":"states","resource":"startExecution.waitForTaskToken","region":"us-east-1","parameters":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Name\\":\\"c1\\",\\"Input\\":{\\"token\\":\\"YXJuOmF3czpzdGF0ZXM6dXMtZWFzdC0xOjEyMzQ1Njc4OTAxMjpleGVjdXRpb246cGFyZW50OnAxIzEjYzM3OTUyMTEwNzdiMjJhYWM5NDQwMDZi\\"}}","timeoutInSeconds":600,"heartbeatInSeconds":5}},
        {"timestamp":1767225600.0,"type":"TaskStarted","id":4,"previousEventId":3,"taskStartedEventDetails":{"resourceType":"states","resource":"startExecution.waitForTaskToken"}},
        {"timestamp":1767225600.0,"type":"TaskSubmitted","id":5,"previousEventId":4,"taskSubmittedEventDetails":{"resourceType":"states","resource":"startExecution.waitForTaskToken","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:c1\\",\\"SdkHttpMetadata\\":{\\"AllHttpHeaders\\":{\\"x-amzn-RequestId\\":[\\"<uuid>\\"],\\"connection\\":[\\"keep-alive\\"],\\"Content-Length\\":[\\"99\\"],\\"Date\\":[\\"Thu, 1 Jan 2026 00:00:00 GMT\\"],\\"Content-Type\\":[\\"application/x-amz-json-1.0\\"]},\\"HttpHeaders\\":{\\"connection\\":\\"keep-alive\\",\\"Content-Length\\":\\"99\\",\\"Content-Type\\":\\"application/x-amz-json-1.0\\",\\"Date\\":\\"Thu, 1 Jan 2026 00:00:00 GMT\\",\\"x-amzn-RequestId\\":\\"<uuid>\\"},\\"HttpStatusCode\\":200},\\"SdkResponseMetadata\\":{\\"RequestId\\":\\"<uuid>\\"},\\"StartDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225605.0,"type":"TaskTimedOut","id":6,"previousEventId":5,"taskTimedOutEventDetails":{"resourceType":"states","resource":"startExecution.waitForTaskToken","error":"States.Timeout"}},
        {"timestamp":1767225605.0,"type":"ExecutionFailed","id":7,"previousEventId":6,"executionFailedEventDetails":{"error":"States.Timeout"}}
        ]""");
  }

  @Test
  void heartbeatsKeepTheTaskAliveUntilItsTimeout() {
    server.create("child", Machines.WAIT_60);
    String exec = server.start(parent("\"HeartbeatSeconds\":5,\"TimeoutSeconds\":12,"), "p1", "{}");
    String token = server.childInput(EXEC + "child:c1").path("token").asText();
    server.awaitEvents(exec, 5);

    for (int second = 4; second <= 8; second += 4) {
      server.advance(Duration.ofSeconds(4));
      server.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
    }
    server.advance(Duration.ofSeconds(3));
    assertThat(server.describe(exec).path("status").asText()).isEqualTo("RUNNING");
    server.advance(Duration.ofSeconds(1));
    assertThat(server.awaitClosed(exec).error()).isEqualTo("States.Timeout");
    // A heartbeat writes no event: entered, scheduled, started, submitted, timed out, failed.
    assertThat(server.history(exec).size()).isEqualTo(7);
  }

  @Test
  void theChildEndingWithoutCallbackLeavesTheParentWaiting() {
    server.create("child", Machines.PASS);
    String exec = server.start(parent(""), "p1", "{}");
    String child = EXEC + "child:c1";
    String token = server.childInput(child).path("token").asText();

    assertThat(server.awaitClosed(child).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(server.describe(exec).path("status").asText()).isEqualTo("RUNNING");
    assertThatThrownBy(() -> server.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{")))
        .isInstanceOf(InvalidOutputException.class);
    server.sfn.sendTaskSuccess(b -> b.taskToken(token).output("[1,2]"));
    assertThat(server.awaitClosed(exec).output()).isEqualTo("[1,2]");
  }
}
