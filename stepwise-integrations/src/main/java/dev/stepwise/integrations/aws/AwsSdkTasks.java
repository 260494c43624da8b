package dev.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.task.UnconfiguredTasks;
import dev.stepwise.integrations.TaskFailure;
import dev.stepwise.integrations.VirtualThreadTasks;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@code arn:aws:states:::aws-sdk:<service>:<action>} and its {@code .waitForTaskToken}, for every
 * service in {@link AwsServices}: the parameters are the action's request members, the result is
 * its response, both by the API's member names, each call on a virtual thread. Step Functions' own
 * API ({@code aws-sdk:sfn}) is served by the engine for Stepwise's executions and is routed there
 * first.
 */
public final class AwsSdkTasks implements TaskDispatcher {
  static final String PREFIX = "aws-sdk:";

  private final AwsClients clients;
  private final VirtualThreadTasks tasks = new VirtualThreadTasks("aws-sdk-task");

  public AwsSdkTasks(AwsClients clients) {
    this.clients = clients;
  }

  /** Every {@code aws-sdk:*} resource (unknown services fail with a cause that says why). */
  public static boolean serves(Resource resource) {
    return resource.family() == Resource.Family.TASK && resource.resourceType().startsWith(PREFIX);
  }

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    tasks.start(request, callbacks, () -> call(request));
  }

  @Override
  public void cancel(TaskRequest request, String cause) {
    tasks.cancel(request);
  }

  private JsonNode call(TaskRequest request) throws TaskFailure, InterruptedException {
    Resource resource = request.resource();
    String serviceKey = resource.resourceType().substring(PREFIX.length());
    String actionName = actionName(resource);
    Optional<AwsService> service = AwsServices.of(serviceKey);
    if (service.isEmpty()) {
      throw new TaskFailure(
          UnconfiguredTasks.ERROR,
          "Stepwise has no AWS SDK module for the service '"
              + serviceKey
              + "' of the resource '"
              + resource.arn()
              + "'. Mock the state in a mock configuration file, or add the service's SDK module"
              + " (software.amazon.awssdk:"
              + serviceKey
              + ") to Stepwise's class path and to AwsServices.");
    }
    if (resource.pattern() == Resource.Pattern.SYNC
        || resource.pattern() == Resource.Pattern.SYNC2) {
      throw TaskFailure.runtime(
          "The AWS SDK integrations do not support the .sync pattern: " + resource.arn());
    }
    AwsService s = service.get();
    SdkAction action =
        SdkAction.find(s, actionName)
            .orElseThrow(
                () ->
                    TaskFailure.runtime(
                        "The service '" + serviceKey + "' has no action '" + actionName + "'."));
    return SdkCalls.call(
            clients,
            action,
            request.parameters(),
            roleArn(request.credentials()),
            request.timeoutSeconds(),
            new SdkCalls.Errors() {
              @Override
              public TaskFailure service(AwsServiceException e) {
                return AwsErrors.sdk(s, e);
              }

              @Override
              public TaskFailure client(SdkClientException e) {
                return AwsErrors.sdkClient(s.errorPrefix(), e);
              }
            })
        .json();
  }

  /** {@code putItem} of {@code putItem} or {@code putItem.waitForTaskToken}. */
  static String actionName(Resource resource) {
    String r = resource.resource();
    int dot = r.indexOf('.');
    return dot < 0 ? r : r.substring(0, dot);
  }

  /** The Task's {@code Credentials.RoleArn}, when it has one. */
  static @Nullable String roleArn(@Nullable JsonNode credentials) {
    JsonNode role = credentials == null ? null : credentials.get("RoleArn");
    return role != null && role.isTextual() ? role.textValue() : null;
  }
}
