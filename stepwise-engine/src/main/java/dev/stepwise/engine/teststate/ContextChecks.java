package dev.stepwise.engine.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.service.ServiceException;
import java.util.Map;

/**
 * The rules for a context object a TestState request supplies, with AWS's messages ({@code Invalid
 * Context object provided: ...}). Members and their types are those of the context AWS builds.
 */
final class ContextChecks {
  private ContextChecks() {}

  private static final String PREFIX = "Invalid Context object provided: ";

  /** Each member's fields and whether each holds a string ({@code s}), a number ({@code n}). */
  private static final Map<String, Map<String, String>> FIELDS =
      Map.of(
          "Execution",
          Map.of(
              "Id", "s",
              "Input", "",
              "Name", "s",
              "RoleArn", "s",
              "StartTime", "s",
              "RedriveCount", "n",
              "RedriveTime", "s"),
          "State",
          Map.of("Name", "s", "EnteredTime", "s", "RetryCount", "n"),
          "StateMachine",
          Map.of("Id", "s", "Name", "s"),
          "Task",
          Map.of("Token", "s"));

  /**
   * @param callbackTask whether the state is a Task with a {@code .sync} or {@code
   *     .waitForTaskToken} pattern (the only states whose context has a {@code Task})
   */
  static void check(JsonNode context, boolean callbackTask) throws ServiceException {
    if (!context.isObject()) {
      throw invalid("The Context object must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> member : context.properties()) {
      String name = member.getKey();
      if (name.equals("Map")) {
        throw invalid("'Map' field is not supported when mocking a Context object");
      }
      Map<String, String> fields = FIELDS.get(name);
      if (fields == null) {
        throw invalid("Field '" + name + "' is not allowed");
      }
      if (name.equals("Task") && !callbackTask) {
        throw invalid(
            "Context object contains 'Task' when state is not a Task state with a '.sync' or"
                + " '.waitForTaskToken' service integration pattern");
      }
      if (!member.getValue().isObject()) {
        throw invalid(name + " must be an object");
      }
      for (Map.Entry<String, JsonNode> field : member.getValue().properties()) {
        String type = fields.get(field.getKey());
        if (type == null) {
          throw invalid("Field '" + field.getKey() + "' is not allowed");
        }
        JsonNode v = field.getValue();
        if (type.equals("s") && !v.isTextual()) {
          throw invalid(name + "." + field.getKey() + " must be a string");
        }
        if (type.equals("n") && !v.isNumber()) {
          throw invalid(name + "." + field.getKey() + " must be a number");
        }
      }
    }
  }

  private static ServiceException invalid(String problem) {
    return ServiceException.validation(PREFIX + problem);
  }
}
