package dev.stepwise.api.nested;

import static dev.stepwise.api.TestServer.EXEC;
import static dev.stepwise.api.TestServer.ROLE;
import static dev.stepwise.api.TestServer.SM;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.api.TestServer;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;

/**
 * {@code startExecution.sync}: the parent waits and gets the child's description with Input and
 * Output as JSON text (spec §1.2, §2.1, §2.2, vectors 4-11, 18, 19).
 */
class SyncTest {
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private com.fasterxml.jackson.databind.JsonNode output(String executionArn) {
    return dev.stepwise.language.json.Json.parseTrusted(
        server.describe(executionArn).path("output").asText());
  }

  private String run(String child, String childInput, String name) {
    String parent = server.create("parent", Machines.parent(".sync"));
    return server.start(parent, "p1", Machines.input(SM + child, childInput, name));
  }

  @Test
  void succeedsWithTheChildsDescription() {
    server.create("child", Machines.PASS);
    String exec = run("child", "null", "TestStartTarget");

    server.awaitClosed(exec);
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
        "input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":null,\\"Name\\":\\"TestStartTarget\\"}",
        "inputDetails":{"included":true},
        "output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":\\"{}\\",\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"Output\\":\\"{\\\\\\"Arg1\\\\\\":\\\\\\"argument1\\\\\\"}\\",\\"OutputDetails\\":{\\"Included\\":true},\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"NOT_REDRIVABLE\\",\\"RedriveStatusReason\\":\\"Execution is SUCCEEDED and cannot be redriven\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"SUCCEEDED\\",\\"StopDate\\":1767225600000}",
        "outputDetails":{"included":true},
        "redriveCount":0,
        "redriveStatus":"NOT_REDRIVABLE",
        "redriveStatusReason":"Execution is SUCCEEDED and cannot be redriven"
        }""");
    assertJson(
        server.history(exec),
        """
        [
        {"timestamp":1767225600.0,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":null,\\"Name\\":\\"TestStartTarget\\"}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/test"}},
        {"timestamp":1767225600.0,"type":"TaskStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"StartExecution","input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":null,\\"Name\\":\\"TestStartTarget\\"}","inputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskScheduled","id":3,"previousEventId":2,"taskScheduledEventDetails":{"resourceType":"states","resource":"startExecution.sync","region":"us-east-1","parameters":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":null,\\"Name\\":\\"TestStartTarget\\"}"}},
        {"timestamp":1767225600.0,"type":"TaskStarted","id":4,"previousEventId":3,"taskStartedEventDetails":{"resourceType":"states","resource":"startExecution.sync"}},
        {"timestamp":1767225600.0,"type":"TaskSubmitted","id":5,"previousEventId":4,"taskSubmittedEventDetails":{"resourceType":"states","resource":"startExecution.sync","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"SdkHttpMetadata\\":{\\"AllHttpHeaders\\":{\\"x-amzn-RequestId\\":[\\"<uuid>\\"],\\"connection\\":[\\"keep-alive\\"],\\"Content-Length\\":[\\"112\\"],\\"Date\\":[\\"Thu, 1 Jan 2026 00:00:00 GMT\\"],\\"Content-Type\\":[\\"application/x-amz-json-1.0\\"]},\\"HttpHeaders\\":{\\"connection\\":\\"keep-alive\\",\\"Content-Length\\":\\"112\\",\\"Content-Type\\":\\"application/x-amz-json-1.0\\",\\"Date\\":\\"Thu, 1 Jan 2026 00:00:00 GMT\\",\\"x-amzn-RequestId\\":\\"<uuid>\\"},\\"HttpStatusCode\\":200},\\"SdkResponseMetadata\\":{\\"RequestId\\":\\"<uuid>\\"},\\"StartDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskSucceeded","id":6,"previousEventId":5,"taskSucceededEventDetails":{"resourceType":"states","resource":"startExecution.sync","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":\\"{}\\",\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"Output\\":\\"{\\\\\\"Arg1\\\\\\":\\\\\\"argument1\\\\\\"}\\",\\"OutputDetails\\":{\\"Included\\":true},\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"NOT_REDRIVABLE\\",\\"RedriveStatusReason\\":\\"Execution is SUCCEEDED and cannot be redriven\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"SUCCEEDED\\",\\"StopDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskStateExited","id":7,"previousEventId":6,"stateExitedEventDetails":{"name":"StartExecution","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":\\"{}\\",\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"Output\\":\\"{\\\\\\"Arg1\\\\\\":\\\\\\"argument1\\\\\\"}\\",\\"OutputDetails\\":{\\"Included\\":true},\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"NOT_REDRIVABLE\\",\\"RedriveStatusReason\\":\\"Execution is SUCCEEDED and cannot be redriven\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"SUCCEEDED\\",\\"StopDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"ExecutionSucceeded","id":8,"previousEventId":7,"executionSucceededEventDetails":{"output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":\\"{}\\",\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"Output\\":\\"{\\\\\\"Arg1\\\\\\":\\\\\\"argument1\\\\\\"}\\",\\"OutputDetails\\":{\\"Included\\":true},\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"NOT_REDRIVABLE\\",\\"RedriveStatusReason\\":\\"Execution is SUCCEEDED and cannot be redriven\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"SUCCEEDED\\",\\"StopDate\\":1767225600000}","outputDetails":{"truncated":false}}}
        ]""");
  }

  @Test
  void aFailedChildFailsTheTaskWithItsDescriptionAsCause() {
    server.create("child", Machines.FAIL);
    String exec = run("child", "{}", "TestStartTarget");

    server.awaitClosed(exec);
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
        "input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{},\\"Name\\":\\"TestStartTarget\\"}",
        "inputDetails":{"included":true},
        "error":"States.TaskFailed",
        "cause":"{\\"Cause\\":\\"This state machines raises a 'SomeFailure' failure.\\",\\"Error\\":\\"SomeFailure\\",\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":\\"{}\\",\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"REDRIVABLE\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"FAILED\\",\\"StopDate\\":1767225600000}",
        "redriveCount":0,
        "redriveStatus":"REDRIVABLE"
        }""");
  }

  @Test
  void aChildWhoseTaskTimesOutReportsStatesTimeoutWithoutCause() {
    server.create("sleeper", Machines.WAIT_60);
    server.create(
        "child",
        """
        {"StartAt":"Start","States":{"Start":{"Type":"Task","TimeoutSeconds":5,
         "Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
         "Parameters":{"StateMachineArn":"%ssleeper","Input":{"t.$":"$$.Task.Token"}},"End":true}}}"""
            .formatted(SM));
    String exec = run("child", "{\"Payload\":null}", "TestStartTarget");
    server.awaitEvents(EXEC + "child:TestStartTarget", 5);

    server.advance(Duration.ofSeconds(5));
    server.awaitClosed(exec);
    assertJson(
        server.describe(exec),
        """
        {
        "executionArn":"arn:aws:states:us-east-1:123456789012:execution:parent:p1",
        "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:parent",
        "name":"p1",
        "status":"FAILED",
        "startDate":1767225600.0,
        "stopDate":1767225605.0,
        "input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{\\"Payload\\":null},\\"Name\\":\\"TestStartTarget\\"}",
        "inputDetails":{"included":true},
        "error":"States.TaskFailed",
        "cause":"{\\"Error\\":\\"States.Timeout\\",\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":\\"{\\\\\\"Payload\\\\\\":null}\\",\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"REDRIVABLE\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"FAILED\\",\\"StopDate\\":1767225605000}",
        "redriveCount":0,
        "redriveStatus":"REDRIVABLE"
        }""");
  }

  @Test
  void aTokenCompletesTheTaskBeforeTheChildEnds() {
    server.create("child", Machines.WAIT_60);
    String parent =
        server.create(
            "parent",
            """
            {"StartAt":"StartExecution","States":{"StartExecution":{"Type":"Task",
             "Resource":"arn:aws:states:::states:startExecution.sync",
             "Parameters":{"StateMachineArn":"%schild","Name":"TestStartTarget",
               "Input":{"QueueUrl.$":"$.QueueUrl","TaskToken.$":"$$.Task.Token"}},"End":true}}}"""
                .formatted(SM));
    String exec = server.start(parent, "p1", "{\"QueueUrl\":\"q\"}");
    String child = EXEC + "child:TestStartTarget";
    String t = server.childInput(child).path("TaskToken").asText();

    server.sfn.sendTaskSuccess(b -> b.taskToken(t).output("\"SQS_SEND_MESSAGE_AND_WAIT\""));
    assertThat(server.awaitClosed(exec).output()).isEqualTo("\"SQS_SEND_MESSAGE_AND_WAIT\"");
    assertJson(
        server.history(exec),
        """
        [
        {"timestamp":1767225600.0,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{\\"QueueUrl\\":\\"q\\"}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/test"}},
        {"timestamp":1767225600.0,"type":"TaskStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"StartExecution","input":"{\\"QueueUrl\\":\\"q\\"}","inputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskScheduled","id":3,"previousEventId":2,"taskScheduledEventDetails":{"resourceType":"states","resource":"startExecution.sync","region":"us-east-1","parameters":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Name\\":\\"TestStartTarget\\",\\"Input\\":{\\"QueueUrl\\":\\"q\\",\\"TaskToken\\":\\"YXJuOmF3czpzdGF0ZXM6dXMtZWFzdC0xOjEyMzQ1Njc4OTAxMjpleGVjdXRpb246cGFyZW50OnAxIzEjYzM3OTUyMTEwNzdiMjJhYWM5NDQwMDZi\\"}}"}},
        {"timestamp":1767225600.0,"type":"TaskStarted","id":4,"previousEventId":3,"taskStartedEventDetails":{"resourceType":"states","resource":"startExecution.sync"}},
        {"timestamp":1767225600.0,"type":"TaskSubmitted","id":5,"previousEventId":4,"taskSubmittedEventDetails":{"resourceType":"states","resource":"startExecution.sync","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"SdkHttpMetadata\\":{\\"AllHttpHeaders\\":{\\"x-amzn-RequestId\\":[\\"<uuid>\\"],\\"connection\\":[\\"keep-alive\\"],\\"Content-Length\\":[\\"112\\"],\\"Date\\":[\\"Thu, 1 Jan 2026 00:00:00 GMT\\"],\\"Content-Type\\":[\\"application/x-amz-json-1.0\\"]},\\"HttpHeaders\\":{\\"connection\\":\\"keep-alive\\",\\"Content-Length\\":\\"112\\",\\"Content-Type\\":\\"application/x-amz-json-1.0\\",\\"Date\\":\\"Thu, 1 Jan 2026 00:00:00 GMT\\",\\"x-amzn-RequestId\\":\\"<uuid>\\"},\\"HttpStatusCode\\":200},\\"SdkResponseMetadata\\":{\\"RequestId\\":\\"<uuid>\\"},\\"StartDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskSucceeded","id":6,"previousEventId":5,"taskSucceededEventDetails":{"resourceType":"states","resource":"startExecution.sync","output":"\\"SQS_SEND_MESSAGE_AND_WAIT\\"","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskStateExited","id":7,"previousEventId":6,"stateExitedEventDetails":{"name":"StartExecution","output":"\\"SQS_SEND_MESSAGE_AND_WAIT\\"","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"ExecutionSucceeded","id":8,"previousEventId":7,"executionSucceededEventDetails":{"output":"\\"SQS_SEND_MESSAGE_AND_WAIT\\"","outputDetails":{"truncated":false}}}
        ]""");
  }

  @Test
  void aChildThatTimesOutFailsTheTask() {
    server.create("child", Machines.TIMES_OUT);
    String exec = run("child", "{}", "TestStartTarget");
    server.awaitStatus(EXEC + "child:TestStartTarget", ExecutionStatus.RUNNING);

    server.advance(Duration.ofSeconds(1));
    server.awaitClosed(exec);
    assertJson(
        server.describe(exec),
        """
        {
        "executionArn":"arn:aws:states:us-east-1:123456789012:execution:parent:p1",
        "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:parent",
        "name":"p1",
        "status":"FAILED",
        "startDate":1767225600.0,
        "stopDate":1767225601.0,
        "input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{},\\"Name\\":\\"TestStartTarget\\"}",
        "inputDetails":{"included":true},
        "error":"States.TaskFailed",
        "cause":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":\\"{}\\",\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"REDRIVABLE\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"TIMED_OUT\\",\\"StopDate\\":1767225601000}",
        "redriveCount":0,
        "redriveStatus":"REDRIVABLE"
        }""");
  }

  @Test
  void aChildStoppedByAnotherCallerFailsTheTask() {
    server.create("child", Machines.WAIT_60);
    String exec = run("child", "{}", "TestStartTarget");
    String child = EXEC + "child:TestStartTarget";
    server.awaitStatus(child, ExecutionStatus.RUNNING);

    server.sfn.stopExecution(
        b -> b.executionArn(child).error("ManualStop").cause("stopped by test"));
    server.awaitClosed(exec);
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
        "input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{},\\"Name\\":\\"TestStartTarget\\"}",
        "inputDetails":{"included":true},
        "error":"States.TaskFailed",
        "cause":"{\\"Cause\\":\\"stopped by test\\",\\"Error\\":\\"ManualStop\\",\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":\\"{}\\",\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"REDRIVABLE\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"ABORTED\\",\\"StopDate\\":1767225600000}",
        "redriveCount":0,
        "redriveStatus":"REDRIVABLE"
        }""");
  }

  @Test
  void aTaskTimeoutStopsTheChild() {
    server.create("child", Machines.WAIT_60);
    String parent = server.create("parent", Machines.parent(".sync", "\"TimeoutSeconds\":2,"));
    String exec = server.start(parent, "p1", Machines.input(SM + "child", "{}", "TestStartTarget"));
    String child = EXEC + "child:TestStartTarget";
    server.awaitEvents(exec, 5);

    server.advance(Duration.ofSeconds(2));
    server.awaitClosed(exec);
    assertJson(
        server.history(exec),
        """
        [
        {"timestamp":1767225600.0,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{},\\"Name\\":\\"TestStartTarget\\"}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/test"}},
        {"timestamp":1767225600.0,"type":"TaskStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"StartExecution","input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{},\\"Name\\":\\"TestStartTarget\\"}","inputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskScheduled","id":3,"previousEventId":2,"taskScheduledEventDetails":{"resourceType":"states","resource":"startExecution.sync","region":"us-east-1","parameters":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{},\\"Name\\":\\"TestStartTarget\\"}","timeoutInSeconds":2}},
        {"timestamp":1767225600.0,"type":"TaskStarted","id":4,"previousEventId":3,"taskStartedEventDetails":{"resourceType":"states","resource":"startExecution.sync"}},
        {"timestamp":1767225600.0,"type":"TaskSubmitted","id":5,"previousEventId":4,"taskSubmittedEventDetails":{"resourceType":"states","resource":"startExecution.sync","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"SdkHttpMetadata\\":{\\"AllHttpHeaders\\":{\\"x-amzn-RequestId\\":[\\"<uuid>\\"],\\"connection\\":[\\"keep-alive\\"],\\"Content-Length\\":[\\"112\\"],\\"Date\\":[\\"Thu, 1 Jan 2026 00:00:00 GMT\\"],\\"Content-Type\\":[\\"application/x-amz-json-1.0\\"]},\\"HttpHeaders\\":{\\"connection\\":\\"keep-alive\\",\\"Content-Length\\":\\"112\\",\\"Content-Type\\":\\"application/x-amz-json-1.0\\",\\"Date\\":\\"Thu, 1 Jan 2026 00:00:00 GMT\\",\\"x-amzn-RequestId\\":\\"<uuid>\\"},\\"HttpStatusCode\\":200},\\"SdkResponseMetadata\\":{\\"RequestId\\":\\"<uuid>\\"},\\"StartDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225602.0,"type":"TaskTimedOut","id":6,"previousEventId":5,"taskTimedOutEventDetails":{"resourceType":"states","resource":"startExecution.sync","error":"States.Timeout"}},
        {"timestamp":1767225602.0,"type":"ExecutionFailed","id":7,"previousEventId":6,"executionFailedEventDetails":{"error":"States.Timeout"}}
        ]""");
    assertJson(
        server.describe(child),
        """
        {
        "executionArn":"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget",
        "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child",
        "name":"TestStartTarget",
        "status":"ABORTED",
        "startDate":1767225600.0,
        "stopDate":1767225602.0,
        "input":"{}",
        "inputDetails":{"included":true},
        "cause":"The Task state in AWS Step Functions execution [arn:aws:states:us-east-1:123456789012:execution:parent:p1] which was managing this resource was aborted",
        "redriveCount":0,
        "redriveStatus":"REDRIVABLE"
        }""");
  }

  @Test
  void stoppingTheParentStopsTheChild() {
    server.create("child", Machines.WAIT_60);
    String exec = run("child", "{}", "TestStartTarget");
    String child = EXEC + "child:TestStartTarget";
    server.awaitEvents(exec, 5);

    server.sfn.stopExecution(b -> b.executionArn(exec));
    assertThat(server.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.ABORTED);
    assertJson(
        server.describe(child),
        """
        {
        "executionArn":"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget",
        "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child",
        "name":"TestStartTarget",
        "status":"ABORTED",
        "startDate":1767225600.0,
        "stopDate":1767225600.0,
        "input":"{}",
        "inputDetails":{"included":true},
        "cause":"The Task state in AWS Step Functions execution [arn:aws:states:us-east-1:123456789012:execution:parent:p1] which was managing this resource was aborted",
        "redriveCount":0,
        "redriveStatus":"REDRIVABLE"
        }""");
  }

  @Test
  void aFailingParallelSiblingStopsTheChild() {
    server.create("child", Machines.WAIT_60);
    String parent =
        server.create(
            "parent",
            """
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
             {"StartAt":"Run","States":{"Run":{"Type":"Task","End":true,
               "Resource":"arn:aws:states:::states:startExecution.sync",
               "Parameters":{"StateMachineArn":"%schild","Name":"TestStartTarget"}}}},
             {"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":1,"Next":"Fail"},
               "Fail":{"Type":"Fail","Error":"Sibling","Cause":"a sibling failed"}}}]}}}"""
                .formatted(SM));
    String exec = server.start(parent, "p1", "{}");
    String child = EXEC + "child:TestStartTarget";
    server.awaitStatus(child, ExecutionStatus.RUNNING);

    server.advance(Duration.ofSeconds(1));
    assertThat(server.awaitClosed(exec).error()).isEqualTo("Sibling");
    assertJson(
        server.describe(child),
        """
        {
        "executionArn":"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget",
        "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child",
        "name":"TestStartTarget",
        "status":"ABORTED",
        "startDate":1767225600.0,
        "stopDate":1767225601.0,
        "input":"{}",
        "inputDetails":{"included":true},
        "cause":"The Task state in AWS Step Functions execution [arn:aws:states:us-east-1:123456789012:execution:parent:p1] which was managing this resource was aborted",
        "redriveCount":0,
        "redriveStatus":"REDRIVABLE"
        }""");
  }

  @Test
  void theSameNameAndInputReattachWhileTheChildRuns() {
    server.create("child", Machines.WAIT_60);
    String parent = server.create("parent", Machines.parent(".sync"));
    String input = Machines.input(SM + "child", "{\"n\":1}", "N1");
    String first = server.start(parent, "p1", input);
    server.awaitEvents(first, 5);
    String second = server.start(parent, "p2", input);
    server.awaitEvents(second, 5);
    String other = server.start(parent, "p3", Machines.input(SM + "child", "{\"n\":2}", "N1"));

    assertJson(
        server.describe(other),
        """
        {
        "executionArn":"arn:aws:states:us-east-1:123456789012:execution:parent:p3",
        "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:parent",
        "name":"p3",
        "status":"FAILED",
        "startDate":1767225600.0,
        "stopDate":1767225600.0,
        "input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{\\"n\\":2},\\"Name\\":\\"N1\\"}",
        "inputDetails":{"included":true},
        "error":"StepFunctions.ExecutionAlreadyExistsException",
        "cause":"Execution Already Exists: 'arn:aws:states:us-east-1:123456789012:execution:child:N1' (Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionAlreadyExists; Request ID: <uuid>; Proxy: null)",
        "redriveCount":0,
        "redriveStatus":"REDRIVABLE"
        }""");
    server.advance(Duration.ofSeconds(60));
    assertThat(server.awaitClosed(first).output()).isEqualTo(server.awaitClosed(second).output());
    assertThat(server.sfn.listExecutions(b -> b.stateMachineArn(SM + "child")).executions())
        .hasSize(1);
  }

  @Test
  void expressParentsCannotWaitForChildren() {
    assertThatThrownBy(
            () ->
                server.sfn.createStateMachine(
                    b ->
                        b.name("express")
                            .type("EXPRESS")
                            .roleArn(ROLE)
                            .definition(Machines.parent(".sync"))))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith(
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine"
                + " does not support '.sync' service integration at /States/StartExecution/Resource'");
    assertThatThrownBy(
            () ->
                server.sfn.createStateMachine(
                    b ->
                        b.name("express")
                            .type("EXPRESS")
                            .roleArn(ROLE)
                            .definition(Machines.parent(".waitForTaskToken"))))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith(
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine"
                + " does not support '.waitForTaskToken' service integration  at"
                + " /States/StartExecution/Resource'");
  }

  @Test
  void aMachineThatStartsItselfStopsAtTheDepthLimit() throws Exception {
    server.close();
    server = new TestServer(EngineSettings.DEFAULTS.withLimits(1_000, 3));
    String self =
        server.create(
            "self",
            """
            {"StartAt":"Again","States":{"Again":{"Type":"Task","End":true,
             "Resource":"arn:aws:states:::states:startExecution.sync:2",
             "Parameters":{"StateMachineArn":"%sself"}}}}"""
                .formatted(SM));
    String exec = server.start(self, "top", "{}");

    assertThat(server.awaitClosed(exec).error()).isEqualTo("States.TaskFailed");
    var executions = server.sfn.listExecutions(b -> b.stateMachineArn(self)).executions();
    assertThat(executions).hasSize(3);
    assertThat(
            executions.stream()
                .map(e -> server.sfn.describeExecution(b -> b.executionArn(e.executionArn())))
                .filter(d -> !d.error().equals("States.TaskFailed"))
                .map(d -> d.error() + ": " + d.cause().replaceAll("[0-9a-f-]{36}", "<uuid>")))
        .containsExactly(
            "StepFunctions.ExecutionLimitExceededException: Execution Limit Exceeded: nesting depth"
                + " 3 reached by 'arn:aws:states:us-east-1:123456789012:execution:self:<uuid>'"
                + " (Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionLimitExceeded;"
                + " Request ID: <uuid>; Proxy: null)");
  }

  @Test
  void aRestartKeepsCountingTheDepth(@TempDir Path dir) throws Exception {
    EngineSettings depthThree = EngineSettings.DEFAULTS.withLimits(1_000, 3);
    String waitThenSelf =
        """
        {"StartAt":"Pause","States":{
          "Pause":{"Type":"Wait","Seconds":10,"Next":"Again"},
          "Again":{"Type":"Task","End":true,"Resource":"arn:aws:states:::states:startExecution.sync:2",
                   "Parameters":{"StateMachineArn":"%sself"}}}}"""
            .formatted(SM);
    ManualClock clock = new ManualClock(TestServer.START);
    String self;
    String exec;
    server.close();
    try (SqliteStore store = SqliteStore.open(dir)) {
      server = new TestServer(depthThree, clock, store);
      self = server.create("self", waitThenSelf);
      exec = server.start(self, "top", "{}");
      server.advance(Duration.ofSeconds(10)); // the top starts a child, which waits
      TestServer.await(
          "the child waits",
          () -> server.sfn.listExecutions(b -> b.stateMachineArn(self)).executions().size() == 2);
      server.close();
      store.flush();
    }
    try (SqliteStore store = SqliteStore.open(dir)) {
      server = new TestServer(depthThree, clock, store);
      server.advance(Duration.ofSeconds(10)); // the child starts a grandchild, which waits
      TestServer.await(
          "the grandchild waits",
          () -> server.sfn.listExecutions(b -> b.stateMachineArn(self)).executions().size() == 3);
      server.advance(Duration.ofSeconds(10)); // a great-grandchild would be at depth 3

      assertThat(server.awaitClosed(exec).error()).isEqualTo("States.TaskFailed");
      assertThat(server.sfn.listExecutions(b -> b.stateMachineArn(self)).executions()).hasSize(3);
      server.close();
      store.flush();
    }
    server = new TestServer();
  }

  @Test
  void anExpressChildIsWaitedForToo() {
    server.sfn.createStateMachine(
        b -> b.name("child").type("EXPRESS").roleArn(TestServer.ROLE).definition(Machines.PASS));
    String exec = run("child", "{}", "TestStartTarget");

    server.awaitClosed(exec);
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
        "input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{},\\"Name\\":\\"TestStartTarget\\"}",
        "inputDetails":{"included":true},
        "output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:express:child:TestStartTarget:<uuid>\\",\\"Input\\":\\"{}\\",\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"Output\\":\\"{\\\\\\"Arg1\\\\\\":\\\\\\"argument1\\\\\\"}\\",\\"OutputDetails\\":{\\"Included\\":true},\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"NOT_REDRIVABLE\\",\\"RedriveStatusReason\\":\\"Execution is SUCCEEDED and cannot be redriven\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"SUCCEEDED\\",\\"StopDate\\":1767225600000}",
        "outputDetails":{"included":true},
        "redriveCount":0,
        "redriveStatus":"NOT_REDRIVABLE",
        "redriveStatusReason":"Execution is SUCCEEDED and cannot be redriven"
        }""");
  }

  @Test
  void aVersionOrAnAliasCanBeTheTarget() {
    String version =
        server
            .sfn
            .createStateMachine(
                b ->
                    b.name("child")
                        .roleArn(TestServer.ROLE)
                        .definition(Machines.PASS)
                        .publish(true))
            .stateMachineVersionArn();
    String alias =
        server
            .sfn
            .createStateMachineAlias(
                b ->
                    b.name("live")
                        .routingConfiguration(
                            software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem
                                .builder()
                                .stateMachineVersionArn(version)
                                .weight(100)
                                .build()))
            .stateMachineAliasArn();
    String parent = server.create("parent", Machines.parent(".sync:2"));
    String byVersion = server.start(parent, "p1", Machines.input(version, "{}", "v"));
    String byAlias = server.start(parent, "p2", Machines.input(alias, "{}", "a"));

    server.awaitClosed(byVersion);
    server.awaitClosed(byAlias);
    assertJson(
        output(byVersion),
        """
        {
        "ExecutionArn":"arn:aws:states:us-east-1:123456789012:execution:child:v",
        "Input":{},
        "InputDetails":{"Included":true},
        "Name":"v",
        "Output":{"Arg1":"argument1"},
        "OutputDetails":{"Included":true},
        "RedriveCount":0,
        "RedriveStatus":"NOT_REDRIVABLE",
        "RedriveStatusReason":"Execution is SUCCEEDED and cannot be redriven",
        "StartDate":1767225600000,
        "StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child",
        "StateMachineVersionArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child:1",
        "Status":"SUCCEEDED",
        "StopDate":1767225600000
        }""");
    assertJson(
        output(byAlias),
        """
        {
        "ExecutionArn":"arn:aws:states:us-east-1:123456789012:execution:child:a",
        "Input":{},
        "InputDetails":{"Included":true},
        "Name":"a",
        "Output":{"Arg1":"argument1"},
        "OutputDetails":{"Included":true},
        "RedriveCount":0,
        "RedriveStatus":"NOT_REDRIVABLE",
        "RedriveStatusReason":"Execution is SUCCEEDED and cannot be redriven",
        "StartDate":1767225600000,
        "StateMachineAliasArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child:live",
        "StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child",
        "StateMachineVersionArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child:1",
        "Status":"SUCCEEDED",
        "StopDate":1767225600000
        }""");
  }
}
