package dev.stepwise.engine.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.runtime.StateTester;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.language.eval.ErrorNames;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A tested Task's real call (no mock) through the engine's integrations, waited for on the caller's
 * thread: at most AWS's five minutes, then {@code States.Timeout}. One per request.
 */
final class TestStateCalls implements StateTester.Calls {
  /** AWS: a TestState call runs at most five minutes. */
  static final Duration LIMIT = Duration.ofMinutes(5);

  private final TaskDispatcher tasks;
  private volatile @Nullable JsonNode exchangeRequest;
  private volatile @Nullable JsonNode exchangeResponse;

  TestStateCalls(TaskDispatcher tasks) {
    this.tasks = tasks;
  }

  /** Refuses what TestState cannot call for real: AWS needs a mock for these. */
  static void checkCallable(Resource resource) throws ServiceException {
    if (resource.family() == Resource.Family.ACTIVITY) {
      throw ServiceException.validation(
          "TestState does not support Activity tasks when a mock is not specified.");
    }
    switch (resource.pattern()) {
      case SYNC, SYNC2 ->
          throw ServiceException.validation(
              "TestState does not support the '.sync' service integration pattern when a mock is"
                  + " not specified.");
      case WAIT_FOR_TASK_TOKEN ->
          throw ServiceException.validation(
              "TestState does not support the '.waitForTaskToken' service integration pattern"
                  + " when a mock is not specified.");
      case REQUEST_RESPONSE -> {}
    }
  }

  @Override
  public StateTester.CallOutcome call(TaskRequest request) throws InterruptedException {
    String unschedulable = tasks.unschedulable(request);
    if (unschedulable != null) {
      return new StateTester.CallOutcome.Failed(ErrorNames.RUNTIME, unschedulable);
    }
    CompletableFuture<StateTester.CallOutcome> done = new CompletableFuture<>();
    tasks.dispatch(
        request,
        new TaskCallbacks() {
          @Override
          public void started(@Nullable String workerName) {}

          @Override
          public void submitted(JsonNode response) {}

          @Override
          public void succeeded(JsonNode output) {
            done.complete(new StateTester.CallOutcome.Succeeded(output));
          }

          @Override
          public void failed(@Nullable String error, @Nullable String cause) {
            done.complete(new StateTester.CallOutcome.Failed(error, cause));
          }

          @Override
          public void heartbeat() {}

          @Override
          public void exchanged(JsonNode sent, JsonNode received) {
            exchangeRequest = sent;
            exchangeResponse = received;
          }
        });
    try {
      return done.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      tasks.cancel(request, "The TestState call exceeded its time limit");
      return new StateTester.CallOutcome.Failed(ErrorNames.TIMEOUT, null);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a task's outcome never fails", e);
    }
  }

  /** The HTTP exchange the call made, {@code [request, response]}, or null. */
  JsonNode @Nullable [] lastExchange() {
    JsonNode sent = exchangeRequest;
    JsonNode received = exchangeResponse;
    return sent == null || received == null ? null : new JsonNode[] {sent, received};
  }
}
