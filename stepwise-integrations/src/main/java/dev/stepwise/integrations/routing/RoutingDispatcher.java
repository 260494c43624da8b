package dev.stepwise.integrations.routing;

import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.task.UnconfiguredTasks;
import dev.stepwise.integrations.aws.AwsIntegrations;
import dev.stepwise.integrations.aws.AwsSdkTasks;
import dev.stepwise.integrations.aws.OptimizedTasks;
import dev.stepwise.integrations.http.HttpTasks;
import dev.stepwise.integrations.lambda.LambdaTasks;
import dev.stepwise.integrations.mock.MockConfig;
import dev.stepwise.integrations.mock.MockedTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Sends each task to the first integration whose route matches its resource, else to the fallback
 * (by default {@link UnconfiguredTasks}). Built with {@link #builder()}; when mocks are configured,
 * the {@link MockedTasks} in front answers mocked states before any route is consulted.
 */
public final class RoutingDispatcher implements TaskDispatcher {

  /** An integration and the resources it serves. */
  public record Route(Predicate<Resource> serves, TaskDispatcher dispatcher) {}

  private final List<Route> routes;
  private final TaskDispatcher fallback;

  public RoutingDispatcher(List<Route> routes, TaskDispatcher fallback) {
    this.routes = List.copyOf(routes);
    this.fallback = fallback;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    target(request.resource()).dispatch(request, callbacks);
  }

  @Override
  public void cancel(TaskRequest request, String cause) {
    target(request.resource()).cancel(request, cause);
  }

  @Override
  public @org.jspecify.annotations.Nullable String unschedulable(TaskRequest request) {
    return target(request.resource()).unschedulable(request);
  }

  @Override
  public void resume(
      TaskRequest request,
      com.fasterxml.jackson.databind.JsonNode submitted,
      TaskCallbacks callbacks) {
    target(request.resource()).resume(request, submitted, callbacks);
  }

  private TaskDispatcher target(Resource resource) {
    for (Route route : routes) {
      if (route.serves().test(resource)) {
        return route.dispatcher();
      }
    }
    return fallback;
  }

  /** Collects routes in priority order. */
  public static final class Builder {
    private final List<Route> routes = new ArrayList<>();
    private TaskDispatcher fallback = new UnconfiguredTasks();
    private @Nullable MockConfig mocks;
    private @Nullable Function<TaskRequest, Optional<String>> testCaseOf;

    private Builder() {}

    /** Mocked responses first, for executions that run a test case. */
    public Builder mocks(MockConfig config, Function<TaskRequest, Optional<String>> testCaseOf) {
      this.mocks = config;
      this.testCaseOf = testCaseOf;
      return this;
    }

    /** {@code arn:aws:states:::http:invoke}. */
    public Builder http(HttpTasks http) {
      return route(HttpTasks::serves, http);
    }

    /** Function ARNs and {@code arn:aws:states:::lambda:invoke[.waitForTaskToken]}. */
    public Builder lambda(LambdaTasks lambda) {
      return route(LambdaTasks::serves, lambda);
    }

    /**
     * The optimized SQS, SNS, DynamoDB and EventBridge integrations and every {@code aws-sdk:*}
     * action; {@code aws-sdk:sfn} goes to a route added before this one, when there is one.
     */
    public Builder aws(AwsIntegrations aws) {
      route(OptimizedTasks::serves, aws.optimized());
      return route(AwsSdkTasks::serves, aws.sdk());
    }

    /** Any other integration, e.g. the engine's {@code states:startExecution}. */
    public Builder route(Predicate<Resource> serves, TaskDispatcher dispatcher) {
      routes.add(new Route(serves, dispatcher));
      return this;
    }

    /** Replaces {@link UnconfiguredTasks} for resources no route serves. */
    public Builder fallback(TaskDispatcher dispatcher) {
      this.fallback = dispatcher;
      return this;
    }

    public TaskDispatcher build() {
      TaskDispatcher routing = new RoutingDispatcher(routes, fallback);
      if (mocks != null && testCaseOf != null) {
        return new MockedTasks(mocks, testCaseOf, routing);
      }
      return routing;
    }
  }
}
