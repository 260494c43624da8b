package dev.stepwise.integrations.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.integrations.ExecutionArns;
import dev.stepwise.integrations.TaskFailure;
import dev.stepwise.integrations.lambda.FunctionErrors;
import dev.stepwise.language.json.Json;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Answers Task states from a {@link MockConfig}, as Step Functions Local does: when the execution
 * runs a test case that names the state, invocation {@code n} of that state in that execution
 * (retries and Map iterations included, counted from 0) gets the response whose range covers {@code
 * n}. Every other task goes to the delegate.
 *
 * <p>Configuration mistakes found at run time (an unknown test case, an invocation past the last
 * range, a mock that does not fit its resource) fail the task with {@code States.Runtime}, which no
 * Catch handles, so the execution fails with a cause that says what to fix.
 */
public final class MockedTasks implements TaskDispatcher {
  private static final String RUNTIME = "States.Runtime";

  private final MockConfig config;
  private final Function<TaskRequest, Optional<String>> testCaseOf;
  private final TaskDispatcher delegate;
  // execution ARN → state name → invocations so far
  private final Map<String, Map<String, AtomicInteger>> invocations = new ConcurrentHashMap<>();

  /**
   * @param testCaseOf the test case the task's execution runs (StartExecution's {@code
   *     stateMachineArn#TestCase}), or empty for an execution that runs unmocked
   * @param delegate runs the tasks no mock answers
   */
  public MockedTasks(
      MockConfig config,
      Function<TaskRequest, Optional<String>> testCaseOf,
      TaskDispatcher delegate) {
    this.config = config;
    this.testCaseOf = testCaseOf;
    this.delegate = delegate;
  }

  /** A mocked state needs nothing real behind it (Step Functions Local answers it anyway). */
  @Override
  public @org.jspecify.annotations.Nullable String unschedulable(TaskRequest request) {
    boolean mocked =
        testCaseOf
            .apply(request)
            .flatMap(
                name ->
                    config.testCase(ExecutionArns.stateMachineName(request.executionArn()), name))
            .flatMap(testCase -> testCase.responseFor(request.stateName()))
            .isPresent();
    return mocked ? null : delegate.unschedulable(request);
  }

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    Optional<String> testCaseName = testCaseOf.apply(request);
    if (testCaseName.isEmpty()) {
      delegate.dispatch(request, callbacks);
      return;
    }
    String machine = ExecutionArns.stateMachineName(request.executionArn());
    Optional<MockTestCase> testCase = config.testCase(machine, testCaseName.get());
    if (testCase.isEmpty()) {
      callbacks.failed(
          RUNTIME,
          "The mock configuration defines no test case '"
              + testCaseName.get()
              + "' for the state machine '"
              + machine
              + "' (expected at /StateMachines/"
              + machine
              + "/TestCases/"
              + testCaseName.get()
              + ").");
      return;
    }
    Optional<MockedResponse> response = testCase.get().responseFor(request.stateName());
    if (response.isEmpty()) {
      delegate.dispatch(request, callbacks);
      return;
    }
    int n = invocationNumber(request);
    Optional<MockOutcome> outcome = response.get().outcome(n);
    if (outcome.isEmpty()) {
      callbacks.failed(
          RUNTIME,
          "The mocked response '"
              + response.get().name()
              + "' of the state '"
              + request.stateName()
              + "' answers invocations 0 to "
              + (response.get().invocationCount() - 1)
              + ", but this is invocation "
              + n
              + " (retries and Map iterations count too); add a range that covers it.");
      return;
    }
    switch (outcome.get()) {
      case MockOutcome.Throw t -> {
        // A callback or .sync task fails after its call was accepted (TaskSubmitted), as AWS
        // records a failed callback; the mock stands for that outcome, as a Return does.
        if (waitsAfterSubmission(request.resource())) {
          callbacks.submitted(Json.NODES.objectNode());
        }
        callbacks.failed(t.error(), t.cause());
      }
      case MockOutcome.Return r -> answer(request, response.get(), n, r.value(), callbacks);
    }
  }

  private static boolean waitsAfterSubmission(Resource resource) {
    return resource.family() == Resource.Family.TASK
        && resource.pattern() != Resource.Pattern.REQUEST_RESPONSE;
  }

  private void answer(
      TaskRequest request,
      MockedResponse response,
      int n,
      JsonNode value,
      TaskCallbacks callbacks) {
    Resource resource = request.resource();
    switch (resource.family()) {
      case LAMBDA -> {
        // A function ARN task outputs the Payload of the Lambda Invoke response the mock stands
        // for.
        JsonNode payload = value.isObject() ? value.get("Payload") : null;
        if (payload == null) {
          callbacks.failed(
              RUNTIME,
              "The mocked response '"
                  + response.name()
                  + "' (invocation "
                  + n
                  + ") does not fit the state '"
                  + request.stateName()
                  + "': its resource is a Lambda function, whose result is the Payload of a"
                  + " Lambda Invoke response, so the Return must look like"
                  + " {\"StatusCode\": 200, \"Payload\": ...}.");
        } else if (value.hasNonNull("FunctionError")) {
          TaskFailure failure = FunctionErrors.of(payload, Json.write(payload), false);
          callbacks.failed(failure.error(), failure.cause());
        } else {
          callbacks.succeeded(payload);
        }
      }
      case ACTIVITY -> {
        callbacks.started(null);
        callbacks.succeeded(value);
      }
      case TASK -> {
        if (waitsAfterSubmission(resource)) {
          // Callback and .sync tasks wait after the call is accepted; the mock skips the wait.
          callbacks.submitted(Json.NODES.objectNode());
        }
        callbacks.succeeded(value);
      }
    }
  }

  private int invocationNumber(TaskRequest request) {
    return invocations
        .computeIfAbsent(request.executionArn(), k -> new ConcurrentHashMap<>())
        .computeIfAbsent(request.stateName(), k -> new AtomicInteger())
        .getAndIncrement();
  }

  @Override
  public void cancel(TaskRequest request, String cause) {
    delegate.cancel(request, cause);
  }

  /** Drops the invocation counts of an execution that has ended. */
  public void forget(String executionArn) {
    invocations.remove(executionArn);
  }
}
