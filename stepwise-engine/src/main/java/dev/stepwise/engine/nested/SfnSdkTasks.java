package dev.stepwise.engine.nested;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.language.json.Json;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * {@code arn:aws:states:::aws-sdk:sfn:<action>}: Step Functions' own API as an SDK integration
 * (children use it to call back their parent's task token). Results carry no SDK metadata; errors
 * are {@code Sfn.<Code>Exception} with the SDK's cause format (spec nested-workflows §2.4).
 */
public final class SfnSdkTasks implements TaskDispatcher {
  private final StepFunctionsService service;
  private final RandomGenerator random;

  public SfnSdkTasks(StepFunctionsService service, RandomGenerator random) {
    this.service = service;
    this.random = random;
  }

  public static boolean serves(Resource resource) {
    return resource.resourceType().equals("aws-sdk:sfn");
  }

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    JsonNode p = request.parameters();
    String action = request.resource().resource();
    try {
      // A callback counts as done only once the parent has stored it, so a crash in between
      // makes this task run again rather than lose the callback.
      java.util.concurrent.CompletableFuture<Void> stored =
          switch (action) {
            case "sendTaskSuccess" ->
                service.sendTask(text(p, "TaskToken"), new Engine.TokenOutcome.Success(output(p)));
            case "sendTaskFailure" ->
                service.sendTask(
                    text(p, "TaskToken"),
                    new Engine.TokenOutcome.Failure(optional(p, "Error"), optional(p, "Cause")));
            case "sendTaskHeartbeat" ->
                service.sendTask(text(p, "TaskToken"), new Engine.TokenOutcome.Heartbeat());
            default -> null;
          };
      if (stored != null) {
        stored.whenComplete(
            (ok, failure) -> {
              if (failure == null) {
                callbacks.succeeded(Json.NODES.objectNode());
              } else {
                callbacks.failed("Sfn.InternalException", failure.getMessage());
              }
            });
        return;
      }
      callbacks.succeeded(
          switch (action) {
            case "startExecution" -> {
              JsonNode input = p.get("Input");
              Execution e =
                  service.start(
                      text(p, "StateMachineArn"),
                      p.hasNonNull("Name") ? p.get("Name").asText() : uuid(),
                      NestedExecutions.childInput(input),
                      request.executionArn(),
                      started -> {});
              ObjectNode o = Json.NODES.objectNode();
              o.put("ExecutionArn", e.spec().executionArn());
              o.put("StartDate", e.spec().startTime().toEpochMilli());
              yield o;
            }
            case "describeExecution" -> {
              ExecutionRecord r = service.describeExecution(text(p, "ExecutionArn"));
              yield NestedExecutions.describe(r, false);
            }
            case "stopExecution" -> {
              service.stopExecution(
                  text(p, "ExecutionArn"), optional(p, "Error"), optional(p, "Cause"));
              ObjectNode o = Json.NODES.objectNode();
              o.put("StopDate", service.clock().instant().toEpochMilli());
              yield o;
            }
            default ->
                throw new ServiceException(
                    "UnsupportedOperation", "The action sfn:" + action + " is not supported");
          });
    } catch (ServiceException e) {
      callbacks.failed(
          "Sfn." + e.code() + "Exception",
          e.getMessage()
              + " (Service: Sfn, Status Code: 400, Request ID: "
              + uuid()
              + ") (SDK Attempt Count: 1)");
    }
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private static JsonNode output(JsonNode p) throws ServiceException {
    String text = text(p, "Output");
    try {
      return Json.parse(text);
    } catch (JsonProcessingException e) {
      throw new ServiceException("InvalidOutput", "Invalid Output: '" + text + "'");
    }
  }

  private static String text(JsonNode p, String field) throws ServiceException {
    JsonNode v = p.get(field);
    if (v == null || v.isNull()) {
      throw ServiceException.validation(
          "1 validation error detected: Value null at '"
              + Character.toLowerCase(field.charAt(0))
              + field.substring(1)
              + "' failed to satisfy constraint: Member must not be null");
    }
    return v.isTextual() ? v.asText() : Json.write(v);
  }

  private static @Nullable String optional(JsonNode p, String field) {
    JsonNode v = p.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
