package dev.stepwise.api.nested;

import static dev.stepwise.api.TestServer.SM;
import static dev.stepwise.api.TestServer.assertJson;

import dev.stepwise.api.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code startExecution.sync:2}: as {@code .sync}, with Input and Output parsed (spec §1.3, §2.1,
 * vectors 12-13).
 */
class Sync2Test {
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void succeedsWithTheChildsDescriptionParsed() {
    server.create("child", Machines.PASS);
    String parent = server.create("parent", Machines.parent(".sync:2"));
    String exec =
        server.start(parent, "p1", Machines.input(SM + "child", "null", "TestStartTarget"));

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
        "output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":{},\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"Output\\":{\\"Arg1\\":\\"argument1\\"},\\"OutputDetails\\":{\\"Included\\":true},\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"NOT_REDRIVABLE\\",\\"RedriveStatusReason\\":\\"Execution is SUCCEEDED and cannot be redriven\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"SUCCEEDED\\",\\"StopDate\\":1767225600000}",
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
        {"timestamp":1767225600.0,"type":"TaskScheduled","id":3,"previousEventId":2,"taskScheduledEventDetails":{"resourceType":"states","resource":"startExecution.sync:2","region":"us-east-1","parameters":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":null,\\"Name\\":\\"TestStartTarget\\"}"}},
        {"timestamp":1767225600.0,"type":"TaskStarted","id":4,"previousEventId":3,"taskStartedEventDetails":{"resourceType":"states","resource":"startExecution.sync:2"}},
        {"timestamp":1767225600.0,"type":"TaskSubmitted","id":5,"previousEventId":4,"taskSubmittedEventDetails":{"resourceType":"states","resource":"startExecution.sync:2","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"SdkHttpMetadata\\":{\\"AllHttpHeaders\\":{\\"x-amzn-RequestId\\":[\\"<uuid>\\"],\\"connection\\":[\\"keep-alive\\"],\\"Content-Length\\":[\\"112\\"],\\"Date\\":[\\"Thu, 1 Jan 2026 00:00:00 GMT\\"],\\"Content-Type\\":[\\"application/x-amz-json-1.0\\"]},\\"HttpHeaders\\":{\\"connection\\":\\"keep-alive\\",\\"Content-Length\\":\\"112\\",\\"Content-Type\\":\\"application/x-amz-json-1.0\\",\\"Date\\":\\"Thu, 1 Jan 2026 00:00:00 GMT\\",\\"x-amzn-RequestId\\":\\"<uuid>\\"},\\"HttpStatusCode\\":200},\\"SdkResponseMetadata\\":{\\"RequestId\\":\\"<uuid>\\"},\\"StartDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskSucceeded","id":6,"previousEventId":5,"taskSucceededEventDetails":{"resourceType":"states","resource":"startExecution.sync:2","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":{},\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"Output\\":{\\"Arg1\\":\\"argument1\\"},\\"OutputDetails\\":{\\"Included\\":true},\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"NOT_REDRIVABLE\\",\\"RedriveStatusReason\\":\\"Execution is SUCCEEDED and cannot be redriven\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"SUCCEEDED\\",\\"StopDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskStateExited","id":7,"previousEventId":6,"stateExitedEventDetails":{"name":"StartExecution","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":{},\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"Output\\":{\\"Arg1\\":\\"argument1\\"},\\"OutputDetails\\":{\\"Included\\":true},\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"NOT_REDRIVABLE\\",\\"RedriveStatusReason\\":\\"Execution is SUCCEEDED and cannot be redriven\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"SUCCEEDED\\",\\"StopDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"ExecutionSucceeded","id":8,"previousEventId":7,"executionSucceededEventDetails":{"output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"Input\\":{},\\"InputDetails\\":{\\"Included\\":true},\\"Name\\":\\"TestStartTarget\\",\\"Output\\":{\\"Arg1\\":\\"argument1\\"},\\"OutputDetails\\":{\\"Included\\":true},\\"RedriveCount\\":0,\\"RedriveStatus\\":\\"NOT_REDRIVABLE\\",\\"RedriveStatusReason\\":\\"Execution is SUCCEEDED and cannot be redriven\\",\\"StartDate\\":1767225600000,\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Status\\":\\"SUCCEEDED\\",\\"StopDate\\":1767225600000}","outputDetails":{"truncated":false}}}
        ]""");
  }

  @Test
  void aFailedChildIsCaughtOnlyAsTaskFailedWithInputAsText() {
    server.create("child", Machines.FAIL);
    String parent =
        server.create(
            "parent",
            """
            {"StartAt":"StartExecution","States":{"StartExecution":{"Type":"Task",
             "Resource":"arn:aws:states:::states:startExecution.sync:2",
             "Parameters":{"StateMachineArn.$":"$.StateMachineArn","Input.$":"$.Input","Name.$":"$.Name"},
             "Catch":[{"ErrorEquals":["SomeFailure"],"Next":"A"},
                      {"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.err","Next":"B"}],
             "End":true},
             "A":{"Type":"Pass","Result":"A","End":true},
             "B":{"Type":"Pass","End":true}}}""");
    String exec =
        server.start(parent, "p1", Machines.input(SM + "child", "{\"k\":1}", "TestStartTarget"));

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
        "input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{\\"k\\":1},\\"Name\\":\\"TestStartTarget\\"}",
        "inputDetails":{"included":true},
        "output":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{\\"k\\":1},\\"Name\\":\\"TestStartTarget\\",\\"err\\":{\\"Error\\":\\"States.TaskFailed\\",\\"Cause\\":\\"{\\\\\\"Cause\\\\\\":\\\\\\"This state machines raises a 'SomeFailure' failure.\\\\\\",\\\\\\"Error\\\\\\":\\\\\\"SomeFailure\\\\\\",\\\\\\"ExecutionArn\\\\\\":\\\\\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\\\\\",\\\\\\"Input\\\\\\":\\\\\\"{\\\\\\\\\\\\\\"k\\\\\\\\\\\\\\":1}\\\\\\",\\\\\\"InputDetails\\\\\\":{\\\\\\"Included\\\\\\":true},\\\\\\"Name\\\\\\":\\\\\\"TestStartTarget\\\\\\",\\\\\\"RedriveCount\\\\\\":0,\\\\\\"RedriveStatus\\\\\\":\\\\\\"REDRIVABLE\\\\\\",\\\\\\"StartDate\\\\\\":1767225600000,\\\\\\"StateMachineArn\\\\\\":\\\\\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\\\\\",\\\\\\"Status\\\\\\":\\\\\\"FAILED\\\\\\",\\\\\\"StopDate\\\\\\":1767225600000}\\"}}",
        "outputDetails":{"included":true},
        "redriveCount":0,
        "redriveStatus":"NOT_REDRIVABLE",
        "redriveStatusReason":"Execution is SUCCEEDED and cannot be redriven"
        }""");
  }
}
