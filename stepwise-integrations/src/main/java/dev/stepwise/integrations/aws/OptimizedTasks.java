package dev.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.integrations.ExecutionArns;
import dev.stepwise.integrations.TaskFailure;
import dev.stepwise.integrations.VirtualThreadTasks;
import dev.stepwise.language.json.Json;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The optimized integrations of SQS, SNS, DynamoDB and EventBridge, with the request and result
 * shapes AWS documents: {@code sqs:sendMessage}, {@code sns:publish} and {@code events:putEvents}
 * (request-response and {@code .waitForTaskToken}), {@code dynamodb:getItem/putItem/updateItem/
 * deleteItem} (request-response). The parameters are the API's request members; a {@code
 * MessageBody}, {@code Message} or entry {@code Detail} that is not a string is sent as its JSON
 * text. The result is the response's members with the SDK v1 response metadata these integrations
 * add, in name order, and errors are named as the SDK v1 names them.
 *
 * <p>EventBridge: the execution's and its state machine's ARNs are added to each entry's {@code
 * Resources}, and a response with a non-zero {@code FailedEntryCount} fails the task with {@code
 * EventBridge.FailedEntry}.
 */
public final class OptimizedTasks implements TaskDispatcher {

  /** One optimized service: its resource type, SDK service, SDK v1 names and actions. */
  private record Optimized(
      String service, AwsErrors.V1Names v1, Set<String> actions, boolean callbacks) {}

  private static final Map<String, Optimized> SERVICES =
      Map.of(
          "sqs",
          new Optimized(
              "sqs",
              new AwsErrors.V1Names("SQS", "AmazonSQS", "AmazonSQSException"),
              Set.of("sendMessage"),
              true),
          "sns",
          new Optimized(
              "sns",
              new AwsErrors.V1Names("SNS", "AmazonSNS", "AmazonSNSException"),
              Set.of("publish"),
              true),
          "dynamodb",
          new Optimized(
              "dynamodb",
              new AwsErrors.V1Names("DynamoDB", "AmazonDynamoDBv2", "AmazonDynamoDBException"),
              Set.of("getItem", "putItem", "updateItem", "deleteItem"),
              false),
          "events",
          new Optimized(
              "eventbridge",
              new AwsErrors.V1Names(
                  "EventBridge", "AmazonEventBridge", "AmazonEventBridgeException"),
              Set.of("putEvents"),
              true));

  private final AwsClients clients;
  private final VirtualThreadTasks tasks = new VirtualThreadTasks("aws-task");

  public OptimizedTasks(AwsClients clients) {
    this.clients = clients;
  }

  /** The optimized resources, each with the patterns AWS offers for it. */
  public static boolean serves(Resource resource) {
    if (resource.family() != Resource.Family.TASK) {
      return false;
    }
    Optimized o = SERVICES.get(resource.resourceType());
    if (o == null) {
      return false;
    }
    String action = AwsSdkTasks.actionName(resource);
    return o.actions().contains(action)
        && (resource.pattern() == Resource.Pattern.REQUEST_RESPONSE
            || (o.callbacks() && resource.pattern() == Resource.Pattern.WAIT_FOR_TASK_TOKEN));
  }

  /** The optimized service and action names of a resource type, for the definition check. */
  static boolean knows(String resourceType, String action, boolean waitForTaskToken) {
    Optimized o = SERVICES.get(resourceType);
    return o != null && o.actions().contains(action) && (!waitForTaskToken || o.callbacks());
  }

  static boolean isOptimizedService(String resourceType) {
    return SERVICES.containsKey(resourceType);
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
    if (!serves(resource)) {
      throw TaskFailure.runtime(
          "The optimized integrations do not serve the resource '" + resource.arn() + "'.");
    }
    Optimized o = SERVICES.get(resource.resourceType());
    String actionName = AwsSdkTasks.actionName(resource);
    AwsService service = AwsServices.of(o.service()).orElseThrow();
    SdkAction action = SdkAction.find(service, actionName).orElseThrow();
    JsonNode arguments = arguments(actionName, request);
    SdkCalls.Result result =
        SdkCalls.call(
            clients,
            action,
            arguments,
            AwsSdkTasks.roleArn(request.credentials()),
            request.timeoutSeconds(),
            new SdkCalls.Errors() {
              @Override
              public TaskFailure service(AwsServiceException e) {
                return AwsErrors.optimized(service, o.v1(), e);
              }

              @Override
              public TaskFailure client(SdkClientException e) {
                return AwsErrors.optimizedClient(o.v1(), e);
              }
            });
    ObjectNode out = sorted(result.json(), (AwsResponse) result.response());
    JsonNode failed = out.get("FailedEntryCount");
    if (actionName.equals("putEvents") && failed != null && failed.asInt() > 0) {
      ObjectNode cause = result.json().deepCopy();
      throw new TaskFailure("EventBridge.FailedEntry", AwsErrors.bounded(Json.write(cause)));
    }
    return out;
  }

  /** The members AWS takes as JSON text when they are not strings, and EventBridge's Resources. */
  private static JsonNode arguments(String action, TaskRequest request) {
    JsonNode parameters = request.parameters();
    if (!parameters.isObject()) {
      return parameters;
    }
    ObjectNode args = ((ObjectNode) parameters).deepCopy();
    switch (action) {
      case "sendMessage" -> asText(args, "MessageBody");
      case "publish" -> asText(args, "Message");
      case "putEvents" -> {
        if (args.get("Entries") instanceof ArrayNode entries) {
          for (JsonNode entry : entries) {
            if (entry instanceof ObjectNode e) {
              asText(e, "Detail");
              ArrayNode resources =
                  e.get("Resources") instanceof ArrayNode r ? r : e.putArray("Resources");
              resources.add(stateMachineArn(request.executionArn()));
              resources.add(request.executionArn());
            }
          }
        }
      }
      default -> {}
    }
    return args;
  }

  private static void asText(ObjectNode args, String field) {
    JsonNode value = args.get(field);
    if (value != null && !value.isTextual() && !value.isNull()) {
      args.put(field, Json.write(value));
    }
  }

  /** {@code arn:aws:states:<region>:<account>:stateMachine:<name>} of an execution ARN. */
  static String stateMachineArn(String executionArn) {
    String[] parts = executionArn.split(":", -1);
    String name = ExecutionArns.stateMachineName(executionArn);
    return String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "stateMachine", name);
  }

  /** The response's members and metadata in name order, as the SDK v1 serialises them. */
  private static ObjectNode sorted(ObjectNode json, AwsResponse response) {
    ObjectNode withMetadata = json.deepCopy();
    HttpMetadata.add(withMetadata, response);
    TreeMap<String, JsonNode> byName = new TreeMap<>();
    withMetadata.properties().forEach(e -> byName.put(e.getKey(), e.getValue()));
    ObjectNode out = Json.NODES.objectNode();
    byName.forEach(out::set);
    return out;
  }
}
