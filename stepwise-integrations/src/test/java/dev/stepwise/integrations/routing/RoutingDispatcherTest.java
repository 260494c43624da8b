package dev.stepwise.integrations.routing;

import static dev.stepwise.integrations.Models.end;
import static dev.stepwise.integrations.Models.next;
import static dev.stepwise.integrations.Models.task;
import static dev.stepwise.integrations.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.task.UnconfiguredTasks;
import dev.stepwise.integrations.LocalEngine;
import dev.stepwise.integrations.Models;
import dev.stepwise.integrations.RecordingCallbacks;
import dev.stepwise.integrations.RecordingCallbacks.Event;
import dev.stepwise.integrations.Requests;
import dev.stepwise.integrations.http.HttpTasks;
import dev.stepwise.integrations.lambda.LambdaTasks;
import dev.stepwise.integrations.mock.MockConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingDispatcherTest {

  /** Answers with its name and records what it was given. */
  private static final class Named implements TaskDispatcher {
    final String name;
    final List<String> seen = new ArrayList<>();

    Named(String name) {
      this.name = name;
    }

    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      seen.add("dispatch " + request.stateName());
      callbacks.succeeded(json("\"" + name + "\""));
    }

    @Override
    public void cancel(TaskRequest request, String cause) {
      seen.add("cancel " + request.stateName());
    }
  }

  private static Event run(TaskDispatcher d, String state, String resource) {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    d.dispatch(Requests.task(state, resource, "{}"), callbacks);
    return callbacks.outcome();
  }

  @Test
  void integrationsServeTheirResources() {
    assertThat(HttpTasks.serves(Resource.parse("arn:aws:states:::http:invoke"))).isTrue();
    assertThat(HttpTasks.serves(Resource.parse("arn:aws:states:::http:invoke.sync"))).isFalse();
    assertThat(LambdaTasks.serves(Resource.parse("arn:aws:states:::lambda:invoke"))).isTrue();
    assertThat(
            LambdaTasks.serves(Resource.parse("arn:aws:states:::lambda:invoke.waitForTaskToken")))
        .isTrue();
    assertThat(
            LambdaTasks.serves(
                Resource.parse("arn:aws:lambda:us-east-1:123456789012:function:f:prod")))
        .isTrue();
    assertThat(LambdaTasks.serves(Resource.parse("arn:aws:states:::aws-sdk:lambda:invoke")))
        .isFalse();
    assertThat(LambdaTasks.serves(Resource.parse("arn:aws:states:::http:invoke"))).isFalse();
  }

  @Test
  void theFirstMatchingRouteServesTheTaskAndItsCancellation() {
    Named http = new Named("http");
    Named lambda = new Named("lambda");
    TaskDispatcher d =
        RoutingDispatcher.builder()
            .route(HttpTasks::serves, http)
            .route(LambdaTasks::serves, lambda)
            .build();

    assertThat(run(d, "A", "arn:aws:states:::http:invoke"))
        .isEqualTo(new Event.Succeeded(json("\"http\"")));
    assertThat(run(d, "B", "arn:aws:lambda:us-east-1:123456789012:function:f"))
        .isEqualTo(new Event.Succeeded(json("\"lambda\"")));
    d.cancel(Requests.task("C", "arn:aws:states:::lambda:invoke", "{}"), "timed out");
    assertThat(http.seen).containsExactly("dispatch A");
    assertThat(lambda.seen).containsExactly("dispatch B", "cancel C");
  }

  @Test
  void unservedResourcesFailWithACatchableErrorThatSaysWhatToDo() {
    TaskDispatcher d = RoutingDispatcher.builder().build();

    assertThat(run(d, "Send", "arn:aws:states:::sqs:sendMessage"))
        .isEqualTo(
            new Event.Failed(
                "Stepwise.IntegrationNotConfigured",
                "No integration is configured for the resource 'arn:aws:states:::sqs:sendMessage'"
                    + " of the state 'Send'. Mock the state in a mock configuration file"
                    + " (StateMachines → <state machine> → TestCases → <test case> → \"Send\":"
                    + " \"<mocked response>\") and run the execution with that test case, or"
                    + " configure the integration for this resource."));
  }

  @Test
  void aFallbackReplacesUnconfiguredTasks() {
    Named other = new Named("other");

    assertThat(
            run(
                RoutingDispatcher.builder().fallback(other).build(),
                "X",
                "arn:aws:states:::sns:publish"))
        .isEqualTo(new Event.Succeeded(json("\"other\"")));
  }

  @Test
  void mocksAnswerBeforeAnyRoute() throws Exception {
    Named http = new Named("http");
    TaskDispatcher d =
        RoutingDispatcher.builder()
            .mocks(
                MockConfig.parse(
                    """
                    {"StateMachines": {"Machine": {"TestCases": {"T": {"Mocked": "R"}}}},
                     "MockedResponses": {"R": {"0": {"Return": "mocked"}}}}
                    """),
                r -> Optional.of("T"))
            .route(HttpTasks::serves, http)
            .build();

    assertThat(run(d, "Mocked", "arn:aws:states:::http:invoke"))
        .isEqualTo(new Event.Succeeded(json("\"mocked\"")));
    assertThat(run(d, "Real", "arn:aws:states:::http:invoke"))
        .isEqualTo(new Event.Succeeded(json("\"http\"")));
    assertThat(http.seen).containsExactly("dispatch Real");
  }

  @Test
  void anUnconfiguredTaskFailsTheExecutionUnlessCaught() throws Exception {
    Execution e =
        new LocalEngine(RoutingDispatcher.builder().build())
            .run(
                "Machine",
                "run-1",
                Models.machine(
                    task("Send", "arn:aws:states:::sqs:sendMessage", next("After")),
                    task("After", "arn:aws:states:::sqs:sendMessage", end())),
                "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).isEqualTo(UnconfiguredTasks.ERROR);
    assertThat(e.cause()).startsWith("No integration is configured for the resource");
  }
}
