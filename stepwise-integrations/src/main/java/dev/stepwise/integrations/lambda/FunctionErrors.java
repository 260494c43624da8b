package dev.stepwise.integrations.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.integrations.TaskFailure;
import dev.stepwise.language.json.Json;
import org.jspecify.annotations.Nullable;

/**
 * How AWS names a Lambda function error (an Invoke answered with {@code X-Amz-Function-Error}): the
 * {@code errorType} of the returned payload, else {@code Lambda.Unknown}.
 */
public final class FunctionErrors {
  /** AWS's error for unhandled failures without an error type (timeouts, out of memory). */
  public static final String UNKNOWN = "Lambda.Unknown";

  private FunctionErrors() {}

  /**
   * @param payload the returned payload, parsed (a text node when it is not JSON)
   * @param payloadText the payload as returned; a function ARN task reports it unchanged as the
   *     cause, while {@code lambda:invoke} reports the parsed payload re-serialised compactly
   * @param serviceIntegration whether the resource is {@code arn:aws:states:::lambda:invoke}
   */
  public static TaskFailure of(JsonNode payload, String payloadText, boolean serviceIntegration) {
    String cause = serviceIntegration && !payload.isTextual() ? Json.write(payload) : payloadText;
    String errorType = errorType(payload);
    if (errorType == null) {
      return new TaskFailure(
          UNKNOWN,
          "The cause could not be determined because Lambda did not return an error type."
              + " Returned payload: "
              + cause);
    }
    return new TaskFailure(errorType, cause);
  }

  private static @Nullable String errorType(JsonNode payload) {
    JsonNode type = payload.get("errorType");
    return type != null && type.isTextual() && !type.asText().isEmpty() ? type.asText() : null;
  }
}
