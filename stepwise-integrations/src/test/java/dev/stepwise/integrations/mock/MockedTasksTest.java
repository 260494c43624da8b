package dev.stepwise.integrations.mock;

import static dev.stepwise.integrations.Requests.json;
import static dev.stepwise.integrations.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.integrations.RecordingCallbacks;
import dev.stepwise.integrations.RecordingCallbacks.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MockedTasksTest {
  private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
  private static final String EXECUTION =
      "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:run-1";

  private final List<TaskRequest> delegated = new ArrayList<>();
  private final TaskDispatcher delegate =
      new TaskDispatcher() {
        @Override
        public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
          delegated.add(request);
          callbacks.succeeded(json("\"real\""));
        }
      };

  private MockedTasks mocks(String config, Map<String, String> testCaseByExecution)
      throws MockConfigException {
    return new MockedTasks(
        MockConfig.parse(config),
        r -> Optional.ofNullable(testCaseByExecution.get(r.executionArn())),
        delegate);
  }

  private static Event run(TaskDispatcher d, TaskRequest request) {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    d.dispatch(request, callbacks);
    return callbacks.outcome();
  }

  private static TaskRequest lambdaState(String execution) {
    return task(execution, "LambdaState", LAMBDA_INVOKE, "{\"FunctionName\": \"f\"}", null);
  }

  @Test
  void invocationRangesAnswerRetriesInOrderThenFail() throws MockConfigException {
    MockedTasks mocks = mocks(MockConfigTest.AWS_EXAMPLE, Map.of(EXECUTION, "RetryPath"));

    assertThat(run(mocks, lambdaState(EXECUTION)))
        .isEqualTo(
            new Event.Failed("Lambda.ResourceNotReadyException", "Lambda resource is not ready."));
    assertThat(run(mocks, lambdaState(EXECUTION)))
        .isEqualTo(new Event.Failed("Lambda.TimeoutException", "Lambda timed out."));
    assertThat(run(mocks, lambdaState(EXECUTION)))
        .isEqualTo(new Event.Failed("Lambda.TimeoutException", "Lambda timed out."));
    assertThat(run(mocks, lambdaState(EXECUTION)))
        .isEqualTo(
            new Event.Succeeded(
                json(
                    "{\"StatusCode\":200,\"Payload\":{\"StatusCode\":200,\"body\":\"Hello from Lambda!\"}}")));
    assertThat(run(mocks, lambdaState(EXECUTION)))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The mocked response 'MockedLambdaRetry' of the state 'LambdaState' answers"
                    + " invocations 0 to 3, but this is invocation 4 (retries and Map iterations"
                    + " count too); add a range that covers it."));
    assertThat(delegated).isEmpty();
  }

  @Test
  void countsInvocationsPerExecutionAndState() throws MockConfigException {
    String other = "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:run-2";
    MockedTasks mocks =
        mocks(MockConfigTest.AWS_EXAMPLE, Map.of(EXECUTION, "RetryPath", other, "RetryPath"));

    run(mocks, lambdaState(EXECUTION));
    assertThat(run(mocks, lambdaState(other)))
        .isEqualTo(
            new Event.Failed("Lambda.ResourceNotReadyException", "Lambda resource is not ready."));
    assertThat(run(mocks, lambdaState(EXECUTION)))
        .isEqualTo(new Event.Failed("Lambda.TimeoutException", "Lambda timed out."));

    mocks.forget(EXECUTION);
    assertThat(run(mocks, lambdaState(EXECUTION)))
        .isEqualTo(
            new Event.Failed("Lambda.ResourceNotReadyException", "Lambda resource is not ready."));
  }

  @Test
  void theTestCaseOfTheExecutionChoosesTheResponses() throws MockConfigException {
    String happy = "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:happy";
    MockedTasks mocks =
        mocks(MockConfigTest.AWS_EXAMPLE, Map.of(EXECUTION, "RetryPath", happy, "HappyPath"));

    assertThat(run(mocks, lambdaState(happy)))
        .isEqualTo(
            new Event.Succeeded(
                json(
                    "{\"StatusCode\":200,\"Payload\":{\"StatusCode\":200,\"body\":\"Hello from Lambda!\"}}")));
    assertThat(run(mocks, lambdaState(EXECUTION))).isInstanceOf(Event.Failed.class);
  }

  @Test
  void statesTheTestCaseDoesNotNameCallTheRealIntegration() throws MockConfigException {
    String hybrid = "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:h";
    String unmocked = "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:u";
    MockedTasks mocks = mocks(MockConfigTest.AWS_EXAMPLE, Map.of(hybrid, "HybridPath"));
    TaskRequest sqs =
        task(hybrid, "SQSState", "arn:aws:states:::sqs:sendMessage", "{\"MessageBody\": 1}", null);
    TaskRequest plain = lambdaState(unmocked);

    assertThat(run(mocks, sqs)).isEqualTo(new Event.Succeeded(json("\"real\"")));
    assertThat(run(mocks, plain)).isEqualTo(new Event.Succeeded(json("\"real\"")));
    assertThat(delegated).containsExactly(sqs, plain);
  }

  @Test
  void anUnknownTestCaseFailsTheExecution() throws MockConfigException {
    MockedTasks mocks = mocks(MockConfigTest.AWS_EXAMPLE, Map.of(EXECUTION, "SadPath"));

    assertThat(run(mocks, lambdaState(EXECUTION)))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The mock configuration defines no test case 'SadPath' for the state machine"
                    + " 'LambdaSQSIntegration' (expected at"
                    + " /StateMachines/LambdaSQSIntegration/TestCases/SadPath)."));
  }

  @Test
  void nestedStartExecutionSyncIsMockedWithoutStartingAChild() throws MockConfigException {
    MockedTasks mocks =
        mocks(
            """
            {"StateMachines": {"LambdaSQSIntegration": {"TestCases": {"T": {
                "StartChild": "ChildDone", "StartChildFails": "ChildFailed"}}}},
             "MockedResponses": {
               "ChildDone": {"0": {"Return": {"Output": {"Arg1": "argument1"}, "Status": "SUCCEEDED"}}},
               "ChildFailed": {"0": {"Throw": {"Error": "States.TaskFailed", "Cause": "child failed"}}}}}
            """,
            Map.of(EXECUTION, "T"));
    RecordingCallbacks callbacks = new RecordingCallbacks();

    mocks.dispatch(
        task(
            EXECUTION,
            "StartChild",
            "arn:aws:states:::states:startExecution.sync:2",
            "{\"StateMachineArn\": \"arn:aws:states:us-east-1:123456789012:stateMachine:Child\"}",
            null),
        callbacks);

    assertThat(callbacks.events())
        .containsExactly(
            new Event.Submitted(json("{}")),
            new Event.Succeeded(
                json("{\"Output\": {\"Arg1\": \"argument1\"}, \"Status\": \"SUCCEEDED\"}")));
    RecordingCallbacks failing = new RecordingCallbacks();
    mocks.dispatch(
        task(
            EXECUTION,
            "StartChildFails",
            "arn:aws:states:::states:startExecution.sync",
            "{}",
            null),
        failing);
    // The mocked failure is the job's, after its start was accepted: AWS records TaskSubmitted
    // before the TaskFailed of a failed callback (test_sqs_failure_in_wait_for_task_token).
    assertThat(failing.events())
        .containsExactly(
            new Event.Submitted(json("{}")), new Event.Failed("States.TaskFailed", "child failed"));
    assertThat(delegated).isEmpty();
  }

  @Test
  void aMockedCallbackFailureIsSubmittedFirst() throws MockConfigException {
    MockedTasks mocks =
        mocks(
            """
            {"StateMachines": {"LambdaSQSIntegration": {"TestCases": {"T": {"Wait": "Fails"}}}},
             "MockedResponses": {"Fails": {"0": {"Throw": {"Error": "Rejected", "Cause": "no"}}}}}
            """,
            Map.of(EXECUTION, "T"));
    RecordingCallbacks callbacks = new RecordingCallbacks();

    mocks.dispatch(
        task(EXECUTION, "Wait", "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "{}", null),
        callbacks);

    // Recorded: test_sqs_failure_in_wait_for_task_token — TaskSubmitted, then TaskFailed.
    assertThat(callbacks.events())
        .containsExactly(new Event.Submitted(json("{}")), new Event.Failed("Rejected", "no"));
  }

  @Test
  void callbackTasksSkipTheWait() throws MockConfigException {
    MockedTasks mocks =
        mocks(
            """
            {"StateMachines": {"LambdaSQSIntegration": {"TestCases": {"T": {"Wait": "Done"}}}},
             "MockedResponses": {"Done": {"0": {"Return": {"approved": true}}}}}
            """,
            Map.of(EXECUTION, "T"));
    RecordingCallbacks callbacks = new RecordingCallbacks();

    mocks.dispatch(
        task(EXECUTION, "Wait", "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "{}", null),
        callbacks);

    assertThat(callbacks.events())
        .containsExactly(
            new Event.Submitted(json("{}")), new Event.Succeeded(json("{\"approved\": true}")));
  }

  @Test
  void activitiesStartThenSucceed() throws MockConfigException {
    MockedTasks mocks =
        mocks(
            """
            {"StateMachines": {"LambdaSQSIntegration": {"TestCases": {"T": {"Work": "Done"}}}},
             "MockedResponses": {"Done": {"0": {"Return": [1, 2]}}}}
            """,
            Map.of(EXECUTION, "T"));
    RecordingCallbacks callbacks = new RecordingCallbacks();

    mocks.dispatch(
        task(
            EXECUTION, "Work", "arn:aws:states:us-east-1:123456789012:activity:review", "{}", null),
        callbacks);

    assertThat(callbacks.events())
        .containsExactly(new Event.Started(null), new Event.Succeeded(json("[1, 2]")));
  }

  @Test
  void aFunctionArnOutputsThePayloadOfTheMockedInvokeResponse() throws MockConfigException {
    MockedTasks mocks = mocks(LAMBDA_MOCKS, Map.of(EXECUTION, "T"));

    assertThat(run(mocks, functionTask("Ok")))
        .isEqualTo(new Event.Succeeded(json("{\"body\": \"string body\"}")));
    assertThat(run(mocks, functionTask("Crash")))
        .isEqualTo(
            new Event.Failed(
                "ValueError", "{\"errorMessage\":\"bad input\",\"errorType\":\"ValueError\"}"));
    assertThat(run(mocks, functionTask("Timeout")))
        .isEqualTo(
            new Event.Failed(
                "Lambda.Unknown",
                "The cause could not be determined because Lambda did not return an error type."
                    + " Returned payload: {\"errorMessage\":\"Task timed out after 3.00"
                    + " seconds\"}"));
  }

  @Test
  void aMockThatDoesNotFitItsResourceFailsWithAClearCause() throws MockConfigException {
    MockedTasks mocks = mocks(LAMBDA_MOCKS, Map.of(EXECUTION, "T"));

    assertThat(run(mocks, functionTask("Bare")))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The mocked response 'BareResult' (invocation 0) does not fit the state 'Bare':"
                    + " its resource is a Lambda function, whose result is the Payload of a Lambda"
                    + " Invoke response, so the Return must look like {\"StatusCode\": 200,"
                    + " \"Payload\": ...}."));
  }

  private static final String LAMBDA_MOCKS =
      """
      {"StateMachines": {"LambdaSQSIntegration": {"TestCases": {"T": {
          "Ok": "Body", "Crash": "Crash", "Timeout": "Timeout", "Bare": "BareResult"}}}},
       "MockedResponses": {
         "Body": {"0": {"Return": {"StatusCode": 200, "Payload": {"body": "string body"}}}},
         "Crash": {"0": {"Return": {"StatusCode": 200, "FunctionError": "Unhandled",
             "Payload": {"errorMessage": "bad input", "errorType": "ValueError"}}}},
         "Timeout": {"0": {"Return": {"StatusCode": 200, "FunctionError": "Unhandled",
             "Payload": {"errorMessage": "Task timed out after 3.00 seconds"}}}},
         "BareResult": {"0": {"Return": {"body": "string body"}}}}}
      """;

  private static TaskRequest functionTask(String state) {
    return task(
        EXECUTION,
        state,
        "arn:aws:lambda:us-east-1:123456789012:function:" + state,
        "{\"in\": 1}",
        null);
  }

  @Test
  void cancelGoesToTheDelegate() throws MockConfigException {
    List<TaskRequest> cancelled = new ArrayList<>();
    MockedTasks mocks =
        new MockedTasks(
            MockConfig.parse(MockConfigTest.AWS_EXAMPLE),
            r -> Optional.empty(),
            new TaskDispatcher() {
              @Override
              public void dispatch(TaskRequest request, TaskCallbacks callbacks) {}

              @Override
              public void cancel(TaskRequest request, String cause) {
                cancelled.add(request);
              }
            });
    TaskRequest request = lambdaState(EXECUTION);

    mocks.cancel(request, "timed out");

    assertThat(cancelled).containsExactly(request);
  }
}
