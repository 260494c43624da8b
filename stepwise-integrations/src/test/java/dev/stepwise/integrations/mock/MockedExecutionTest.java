package dev.stepwise.integrations.mock;

import static dev.stepwise.integrations.LocalEngine.T0;
import static dev.stepwise.integrations.Models.end;
import static dev.stepwise.integrations.Models.map;
import static dev.stepwise.integrations.Models.next;
import static dev.stepwise.integrations.Models.parallel;
import static dev.stepwise.integrations.Models.pass;
import static dev.stepwise.integrations.Models.retry;
import static dev.stepwise.integrations.Models.task;
import static dev.stepwise.integrations.Models.workflow;
import static dev.stepwise.integrations.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.integrations.LocalEngine;
import dev.stepwise.integrations.Models;
import dev.stepwise.integrations.routing.RoutingDispatcher;
import dev.stepwise.language.model.StateMachine;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Mocked responses driving whole executions: retries, Map iterations, Parallel branches. The
 * machine, as a definition:
 *
 * <pre>{@code
 * LambdaState (lambda:invoke, Retry States.ALL every 2 s x2, 3 attempts)
 *   → Fanout (Map, MaxConcurrency 1: Charge (sqs:sendMessage))
 *   → Both (Parallel: StartChild (states:startExecution.sync:2) | Other (Pass))
 * }</pre>
 */
class MockedExecutionTest {
  private static final StateMachine MACHINE =
      Models.machine(
          task("LambdaState", "arn:aws:states:::lambda:invoke", next("Fanout"), retry(2, 3, 2)),
          map(
              "Fanout",
              next("Both"),
              workflow(task("Charge", "arn:aws:states:::sqs:sendMessage", end()))),
          parallel(
              "Both",
              end(),
              workflow(task("StartChild", "arn:aws:states:::states:startExecution.sync:2", end())),
              workflow(pass("Other", end()))));

  private static final String MOCKS =
      """
      {"StateMachines": {"LambdaSQSIntegration": {"TestCases": {"Full": {
          "LambdaState": "MockedLambdaRetry", "Charge": "Charges", "StartChild": "ChildDone"}}}},
       "MockedResponses": {
         "MockedLambdaRetry": {
           "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}},
           "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
           "3": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}},
         "Charges": {"0": {"Return": {"MessageId": "m0"}}, "1": {"Return": {"MessageId": "m1"}}},
         "ChildDone": {"0": {"Return": {"Output": {"Arg1": "argument1"}, "Status": "SUCCEEDED"}}}}}
      """;

  private static LocalEngine engine() throws MockConfigException {
    return new LocalEngine(
        RoutingDispatcher.builder()
            .mocks(MockConfig.parse(MOCKS), r -> Optional.of("Full"))
            .build());
  }

  @Test
  void aTestCaseRunsTheWholeExecutionOnMocks() throws Exception {
    Execution e = engine().run("LambdaSQSIntegration", "run-1", MACHINE, "[\"a\", \"b\"]");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // Three mocked failures, retried after 2, 4 and 8 seconds.
    assertThat(e.history())
        .filteredOn(ev -> ev.type() == EventType.TaskScheduled)
        .extracting(HistoryEvent::timestamp)
        .startsWith(T0, T0.plusSeconds(2), T0.plusSeconds(6), T0.plusSeconds(14));
    assertThat(e.history())
        .filteredOn(ev -> ev.type() == EventType.TaskFailed)
        .extracting(ev -> ev.details().get("error").asText())
        .containsExactly(
            "Lambda.ResourceNotReadyException",
            "Lambda.TimeoutException",
            "Lambda.TimeoutException");
    assertThat(e.history())
        .filteredOn(ev -> ev.type() == EventType.TaskSucceeded)
        .extracting(ev -> json(ev.details().get("output").asText()))
        .containsExactly(
            json(
                "{\"StatusCode\": 200, \"Payload\": {\"StatusCode\": 200, \"body\": \"Hello from"
                    + " Lambda!\"}}"),
            json("{\"MessageId\": \"m0\"}"),
            json("{\"MessageId\": \"m1\"}"),
            json("{\"Output\": {\"Arg1\": \"argument1\"}, \"Status\": \"SUCCEEDED\"}"));
    assertThat(e.history())
        .extracting(HistoryEvent::type)
        .containsSubsequence(
            EventType.TaskScheduled,
            EventType.TaskStarted,
            EventType.TaskSubmitted,
            EventType.TaskSucceeded,
            EventType.TaskStateExited);
  }

  @Test
  void runningOutOfMockedInvocationsFailsTheExecution() throws Exception {
    Execution e = engine().run("LambdaSQSIntegration", "run-2", MACHINE, "[\"a\", \"b\", \"c\"]");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).isEqualTo("States.Runtime");
    assertThat(e.cause())
        .isEqualTo(
            "The mocked response 'Charges' of the state 'Charge' answers invocations 0 to 1, but"
                + " this is invocation 2 (retries and Map iterations count too); add a range that"
                + " covers it.");
  }
}
