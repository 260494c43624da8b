package dev.stepwise.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.language.json.Json;
import org.jspecify.annotations.Nullable;

/** Builds task requests for tests. */
public final class Requests {
  public static final String EXECUTION =
      "arn:aws:states:us-east-1:123456789012:execution:Machine:run-1";

  private Requests() {}

  public static TaskRequest task(String state, String resource, String parameters) {
    return task(EXECUTION, state, resource, parameters, null);
  }

  public static TaskRequest task(
      String executionArn,
      String state,
      String resource,
      String parameters,
      @Nullable Long timeoutSeconds) {
    return task(1, executionArn, state, resource, parameters, timeoutSeconds);
  }

  /** A request with its own task id, for tasks that run at the same time. */
  public static TaskRequest task(
      long taskId,
      String executionArn,
      String state,
      String resource,
      String parameters,
      @Nullable Long timeoutSeconds) {
    JsonNode params = Json.parseTrusted(parameters);
    Resource r = Resource.parse(resource);
    return new TaskRequest(
        executionArn,
        taskId,
        state,
        r,
        params,
        r.hasTaskToken() ? "token-1" : null,
        timeoutSeconds,
        null,
        null);
  }

  public static JsonNode json(String text) {
    return Json.parseTrusted(text);
  }
}
