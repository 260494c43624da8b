package dev.stepwise.api.nested;

import static dev.stepwise.api.TestServer.EXEC;
import static dev.stepwise.api.TestServer.SM;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.api.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** {@code arn:aws:states:::states:startExecution}: spec §1.1, §1.6, §2.4, vectors 1-3 and 20. */
class RequestResponseTest {
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
  void startsTheChildAndSucceedsWithTheStartExecutionResponse() {
    server.create("child", Machines.PASS);
    String parent = server.create("parent", Machines.parent(""));
    String exec =
        server.start(
            parent, "p1", Machines.input(SM + "child", "{\"Hello\":\"World\"}", "TestStartTarget"));

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
        "input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{\\"Hello\\":\\"World\\"},\\"Name\\":\\"TestStartTarget\\"}",
        "inputDetails":{"included":true},
        "output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"SdkHttpMetadata\\":{\\"AllHttpHeaders\\":{\\"x-amzn-RequestId\\":[\\"<uuid>\\"],\\"connection\\":[\\"keep-alive\\"],\\"Content-Length\\":[\\"112\\"],\\"Date\\":[\\"Thu, 1 Jan 2026 00:00:00 GMT\\"],\\"Content-Type\\":[\\"application/x-amz-json-1.0\\"]},\\"HttpHeaders\\":{\\"connection\\":\\"keep-alive\\",\\"Content-Length\\":\\"112\\",\\"Content-Type\\":\\"application/x-amz-json-1.0\\",\\"Date\\":\\"Thu, 1 Jan 2026 00:00:00 GMT\\",\\"x-amzn-RequestId\\":\\"<uuid>\\"},\\"HttpStatusCode\\":200},\\"SdkResponseMetadata\\":{\\"RequestId\\":\\"<uuid>\\"},\\"StartDate\\":1767225600000}",
        "outputDetails":{"included":true},
        "redriveCount":0,
        "redriveStatus":"NOT_REDRIVABLE",
        "redriveStatusReason":"Execution is SUCCEEDED and cannot be redriven"
        }""");
    assertJson(
        server.history(exec),
        """
        [
        {"timestamp":1767225600.0,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{\\"Hello\\":\\"World\\"},\\"Name\\":\\"TestStartTarget\\"}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/test"}},
        {"timestamp":1767225600.0,"type":"TaskStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"StartExecution","input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{\\"Hello\\":\\"World\\"},\\"Name\\":\\"TestStartTarget\\"}","inputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskScheduled","id":3,"previousEventId":2,"taskScheduledEventDetails":{"resourceType":"states","resource":"startExecution","region":"us-east-1","parameters":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":{\\"Hello\\":\\"World\\"},\\"Name\\":\\"TestStartTarget\\"}"}},
        {"timestamp":1767225600.0,"type":"TaskStarted","id":4,"previousEventId":3,"taskStartedEventDetails":{"resourceType":"states","resource":"startExecution"}},
        {"timestamp":1767225600.0,"type":"TaskSucceeded","id":5,"previousEventId":4,"taskSucceededEventDetails":{"resourceType":"states","resource":"startExecution","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"SdkHttpMetadata\\":{\\"AllHttpHeaders\\":{\\"x-amzn-RequestId\\":[\\"<uuid>\\"],\\"connection\\":[\\"keep-alive\\"],\\"Content-Length\\":[\\"112\\"],\\"Date\\":[\\"Thu, 1 Jan 2026 00:00:00 GMT\\"],\\"Content-Type\\":[\\"application/x-amz-json-1.0\\"]},\\"HttpHeaders\\":{\\"connection\\":\\"keep-alive\\",\\"Content-Length\\":\\"112\\",\\"Content-Type\\":\\"application/x-amz-json-1.0\\",\\"Date\\":\\"Thu, 1 Jan 2026 00:00:00 GMT\\",\\"x-amzn-RequestId\\":\\"<uuid>\\"},\\"HttpStatusCode\\":200},\\"SdkResponseMetadata\\":{\\"RequestId\\":\\"<uuid>\\"},\\"StartDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskStateExited","id":6,"previousEventId":5,"stateExitedEventDetails":{"name":"StartExecution","output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"SdkHttpMetadata\\":{\\"AllHttpHeaders\\":{\\"x-amzn-RequestId\\":[\\"<uuid>\\"],\\"connection\\":[\\"keep-alive\\"],\\"Content-Length\\":[\\"112\\"],\\"Date\\":[\\"Thu, 1 Jan 2026 00:00:00 GMT\\"],\\"Content-Type\\":[\\"application/x-amz-json-1.0\\"]},\\"HttpHeaders\\":{\\"connection\\":\\"keep-alive\\",\\"Content-Length\\":\\"112\\",\\"Content-Type\\":\\"application/x-amz-json-1.0\\",\\"Date\\":\\"Thu, 1 Jan 2026 00:00:00 GMT\\",\\"x-amzn-RequestId\\":\\"<uuid>\\"},\\"HttpStatusCode\\":200},\\"SdkResponseMetadata\\":{\\"RequestId\\":\\"<uuid>\\"},\\"StartDate\\":1767225600000}","outputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"ExecutionSucceeded","id":7,"previousEventId":6,"executionSucceededEventDetails":{"output":"{\\"ExecutionArn\\":\\"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget\\",\\"SdkHttpMetadata\\":{\\"AllHttpHeaders\\":{\\"x-amzn-RequestId\\":[\\"<uuid>\\"],\\"connection\\":[\\"keep-alive\\"],\\"Content-Length\\":[\\"112\\"],\\"Date\\":[\\"Thu, 1 Jan 2026 00:00:00 GMT\\"],\\"Content-Type\\":[\\"application/x-amz-json-1.0\\"]},\\"HttpHeaders\\":{\\"connection\\":\\"keep-alive\\",\\"Content-Length\\":\\"112\\",\\"Content-Type\\":\\"application/x-amz-json-1.0\\",\\"Date\\":\\"Thu, 1 Jan 2026 00:00:00 GMT\\",\\"x-amzn-RequestId\\":\\"<uuid>\\"},\\"HttpStatusCode\\":200},\\"SdkResponseMetadata\\":{\\"RequestId\\":\\"<uuid>\\"},\\"StartDate\\":1767225600000}","outputDetails":{"truncated":false}}}
        ]""");
    assertJson(
        server.describe(EXEC + "child:TestStartTarget"),
        """
        {
        "executionArn":"arn:aws:states:us-east-1:123456789012:execution:child:TestStartTarget",
        "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:child",
        "name":"TestStartTarget",
        "status":"SUCCEEDED",
        "startDate":1767225600.0,
        "stopDate":1767225600.0,
        "input":"{\\"Hello\\":\\"World\\"}",
        "inputDetails":{"included":true},
        "output":"{\\"Arg1\\":\\"argument1\\"}",
        "outputDetails":{"included":true},
        "redriveCount":0,
        "redriveStatus":"NOT_REDRIVABLE",
        "redriveStatusReason":"Execution is SUCCEEDED and cannot be redriven"
        }""");
  }

  @Test
  void nullInputStartsTheChildWithAnEmptyObject() {
    server.create("child", Machines.PASS);
    String parent = server.create("parent", Machines.parent(""));
    String exec = server.start(parent, "p1", Machines.input(SM + "child", "null", "T2"));

    assertThat(server.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(server.awaitClosed(EXEC + "child:T2").input()).isEqualTo("{}");
  }

  @Test
  void aStringInputIsTheChildsInputText() {
    server.create("child", Machines.PASS);
    String parent = server.create("parent", Machines.parent(""));
    String exec =
        server.start(
            parent, "p1", Machines.input(SM + "child", "\"\\\"FromTrustedAccount\\\"\"", "T3"));

    assertThat(server.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(server.awaitClosed(EXEC + "child:T3").input()).isEqualTo("\"FromTrustedAccount\"");
  }

  @Test
  void aStringInputThatIsNotJsonFailsTheTask() {
    server.create("child", Machines.PASS);
    String parent = server.create("parent", Machines.parent(""));
    String exec = server.start(parent, "p1", Machines.input(SM + "child", "\"not json\"", "T4"));

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
        "input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:child\\",\\"Input\\":\\"not json\\",\\"Name\\":\\"T4\\"}",
        "inputDetails":{"included":true},
        "error":"StepFunctions.InvalidExecutionInputException",
        "cause":"Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')' (Service: AWSStepFunctions; Status Code: 400; Error Code: InvalidExecutionInput; Request ID: <uuid>; Proxy: null)",
        "redriveCount":0,
        "redriveStatus":"REDRIVABLE"
        }""");
  }

  @Test
  void aMissingStateMachineFailsTheTaskWithTheServiceError() {
    String parent = server.create("parent", Machines.parent(""));
    String exec = server.start(parent, "p1", Machines.input(SM + "NoSuchArn", "{}", "T5"));

    server.awaitClosed(exec);
    assertJson(
        server.history(exec),
        """
        [
        {"timestamp":1767225600.0,"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:NoSuchArn\\",\\"Input\\":{},\\"Name\\":\\"T5\\"}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/test"}},
        {"timestamp":1767225600.0,"type":"TaskStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"StartExecution","input":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:NoSuchArn\\",\\"Input\\":{},\\"Name\\":\\"T5\\"}","inputDetails":{"truncated":false}}},
        {"timestamp":1767225600.0,"type":"TaskScheduled","id":3,"previousEventId":2,"taskScheduledEventDetails":{"resourceType":"states","resource":"startExecution","region":"us-east-1","parameters":"{\\"StateMachineArn\\":\\"arn:aws:states:us-east-1:123456789012:stateMachine:NoSuchArn\\",\\"Input\\":{},\\"Name\\":\\"T5\\"}"}},
        {"timestamp":1767225600.0,"type":"TaskStarted","id":4,"previousEventId":3,"taskStartedEventDetails":{"resourceType":"states","resource":"startExecution"}},
        {"timestamp":1767225600.0,"type":"TaskFailed","id":5,"previousEventId":4,"taskFailedEventDetails":{"resourceType":"states","resource":"startExecution","error":"StepFunctions.StateMachineDoesNotExistException","cause":"State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:NoSuchArn' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: <uuid>; Proxy: null)"}},
        {"timestamp":1767225600.0,"type":"ExecutionFailed","id":6,"previousEventId":5,"executionFailedEventDetails":{"error":"StepFunctions.StateMachineDoesNotExistException","cause":"State Machine Does Not Exist: 'arn:aws:states:us-east-1:123456789012:stateMachine:NoSuchArn' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: <uuid>; Proxy: null)"}}
        ]""");
  }

  @Test
  void theChildsFailureNeverReachesTheParent() {
    server.create("child", Machines.FAIL);
    String parent = server.create("parent", Machines.parent(""));
    String exec = server.start(parent, "p1", Machines.input(SM + "child", "{}", "T6"));

    assertThat(server.awaitClosed(exec).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(server.awaitClosed(EXEC + "child:T6").status()).isEqualTo(ExecutionStatus.FAILED);
  }

  @Test
  void aChildStartedByItsParentIsLinkedToIt() {
    server.create("child", Machines.PASS);
    String parent =
        server.create(
            "parent",
            """
            {"StartAt":"S","States":{"S":{"Type":"Task",
             "Resource":"arn:aws:states:::states:startExecution",
             "Parameters":{"StateMachineArn":"%schild","Name":"linked",
               "Input":{"n":1,"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},
             "End":true}}}"""
                .formatted(SM));
    String exec = server.start(parent, "p1", "{}");
    server.start(SM + "child", "unlinked", "{}");
    server.awaitClosed(exec);
    server.awaitClosed(EXEC + "child:linked");

    // The link stays in the child's input, as on AWS.
    assertThat(server.describe(EXEC + "child:linked").path("input").asText())
        .isEqualTo("{\"n\":1,\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\":\"" + exec + "\"}");
    // ListExecutions filtered by the Stepwise header: the children of one execution.
    assertThat(
            server
                .sfn
                .listExecutions(
                    b ->
                        b.stateMachineArn(SM + "child")
                            .overrideConfiguration(o -> o.putHeader("X-Stepwise-Started-By", exec)))
                .executions())
        .extracting(e -> e.name())
        .containsExactly("linked");
    // Without the header, AWS clients see every execution.
    assertThat(server.sfn.listExecutions(b -> b.stateMachineArn(SM + "child")).executions())
        .extracting(e -> e.name())
        .containsExactlyInAnyOrder("linked", "unlinked");
  }
}
