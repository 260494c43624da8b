package dev.stepwise.security.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/*
 * Facts: ../shared/spec/nested-workflows.md §7. A nested task calls StartExecution (and, for
 * .sync, DescribeExecution and StopExecution) with the role; the events-rule permissions are
 * checked when the state machine is created (ManagedRuleGuard). Without states:StopExecution the
 * child keeps running when the parent's task is aborted. Error naming follows §2.4: the SDK's
 * generic exception for an unmodelled error code, as Step Functions Local reported it.
 */
/**
 * Checks each Task's calls against the policies of the role it runs with (the Task's {@code
 * Credentials.RoleArn}, else the state machine's) before the integration makes them.
 */
public final class AuthorizingDispatcher implements TaskDispatcher {
  private final TaskDispatcher next;
  private final RolePermissions permissions;
  private final Function<String, Optional<String>> executionRole;
  private final String region;
  private final String account;

  /**
   * @param executionRole the role ARN of a running execution, by execution ARN
   */
  public AuthorizingDispatcher(
      TaskDispatcher next,
      RolePermissions permissions,
      Function<String, Optional<String>> executionRole,
      String region,
      String account) {
    this.next = next;
    this.permissions = permissions;
    this.executionRole = executionRole;
    this.region = region;
    this.account = account;
  }

  /** A call a task makes: the IAM action, the resource, and how its failure is named. */
  private record Call(String action, String resource, String error, String service, int status) {}

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    Optional<String> role = role(request);
    if (role.isPresent()) {
      for (Call call : calls(request)) {
        Optional<RolePermissions.Denial> denial =
            permissions.check(
                role.get(),
                RolePermissions.session(request.executionArn()),
                call.action(),
                call.resource());
        if (denial.isPresent()) {
          callbacks.failed(call.error(), cause(denial.get().message(), call));
          return;
        }
      }
    }
    next.dispatch(request, callbacks);
  }

  @Override
  public void resume(TaskRequest request, JsonNode submitted, TaskCallbacks callbacks) {
    next.resume(request, submitted, callbacks);
  }

  @Override
  public @org.jspecify.annotations.Nullable String unschedulable(TaskRequest request) {
    return next.unschedulable(request);
  }

  /** AWS stops a {@code .sync} child only when the role may: otherwise it keeps running. */
  @Override
  public void cancel(TaskRequest request, String cause) {
    Optional<String> role = role(request);
    if (role.isPresent() && isNested(request.resource())) {
      Optional<RolePermissions.Denial> denial =
          permissions.check(
              role.get(),
              RolePermissions.session(request.executionArn()),
              "states:StopExecution",
              childExecution(request));
      if (denial.isPresent()) {
        return;
      }
    }
    next.cancel(request, cause);
  }

  private Optional<String> role(TaskRequest request) {
    JsonNode credentials = request.credentials();
    if (credentials != null && credentials.path("RoleArn").isTextual()) {
      return Optional.of(credentials.path("RoleArn").asText());
    }
    return executionRole.apply(request.executionArn());
  }

  private static boolean isNested(Resource resource) {
    return resource.resourceType().equals("states")
        && resource.resource().startsWith("startExecution");
  }

  private List<Call> calls(TaskRequest request) {
    Resource resource = request.resource();
    JsonNode p = request.parameters();
    List<Call> calls = new ArrayList<>();
    if (isNested(resource)) {
      String stateMachine = stateMachine(p);
      calls.add(sfn("states:StartExecution", stateMachine));
      if (resource.pattern() == Resource.Pattern.SYNC
          || resource.pattern() == Resource.Pattern.SYNC2) {
        calls.add(sfn("states:DescribeExecution", childExecution(request)));
      }
    } else if (resource.resourceType().equals("aws-sdk:sfn")) {
      String action = resource.resource();
      String target =
          p.path("StateMachineArn").isTextual()
              ? stateMachine(p)
              : p.path("ExecutionArn").asText("*");
      calls.add(
          new Call(
              "states:" + action.substring(0, 1).toUpperCase(Locale.ROOT) + action.substring(1),
              target,
              "Sfn.SfnException",
              "Sfn",
              400));
    } else if (resource.resourceType().equals("lambda")
        || resource.family() == Resource.Family.LAMBDA) {
      String function = p.path("FunctionName").asText(resource.arn());
      calls.add(
          new Call(
              "lambda:InvokeFunction",
              function.startsWith("arn:")
                  ? function
                  : "arn:aws:lambda:" + region + ":" + account + ":function:" + function,
              "Lambda.AWSLambdaException",
              "AWSLambda",
              403));
    }
    return calls;
  }

  private static Call sfn(String action, String resource) {
    return new Call(
        action, resource, "StepFunctions.AWSStepFunctionsException", "AWSStepFunctions", 400);
  }

  private static String stateMachine(JsonNode parameters) {
    return Arns.withoutTestCase(parameters.path("StateMachineArn").asText("*"));
  }

  /** The child's execution ARN as far as it is known before it starts (its name may not be). */
  private static String childExecution(TaskRequest request) {
    String stateMachine = stateMachine(request.parameters());
    String name = request.parameters().path("Name").asText("*");
    return stateMachine.replace(":stateMachine:", ":execution:") + ":" + name;
  }

  private static String cause(String message, Call call) {
    String requestId = UUID.randomUUID().toString();
    if (call.service().equals("Sfn")) {
      return message
          + " (Service: Sfn, Status Code: "
          + call.status()
          + ", Request ID: "
          + requestId
          + ")";
    }
    return message
        + " (Service: "
        + call.service()
        + "; Status Code: "
        + call.status()
        + "; Error Code: AccessDeniedException; Request ID: "
        + requestId
        + "; Proxy: null)";
  }
}
