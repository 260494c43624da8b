package dev.stepwise.integrations.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.integrations.aws.HttpMetadata;
import dev.stepwise.language.json.Json;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Lambda Invoke responses as Step Functions presents them. */
final class LambdaResults {
  private LambdaResults() {}

  /** The payload as JSON ("parsed from escaped Json to Json"), or as text when it is not JSON. */
  static JsonNode payload(String text) {
    if (text.isEmpty()) {
      return Json.NODES.textNode("");
    }
    try {
      return Json.parse(text);
    } catch (JsonProcessingException e) {
      return Json.NODES.textNode(text);
    }
  }

  /**
   * The result of {@code arn:aws:states:::lambda:invoke}: {@code {ExecutedVersion, LogResult,
   * Payload, SdkHttpMetadata: {AllHttpHeaders, HttpHeaders, HttpStatusCode}, SdkResponseMetadata:
   * {RequestId}, StatusCode}}, the optional fields only when Lambda sent them.
   */
  static ObjectNode invokeResult(InvokeResponse response, JsonNode payload) {
    ObjectNode out = Json.NODES.objectNode();
    if (response.executedVersion() != null) {
      out.put("ExecutedVersion", response.executedVersion());
    }
    if (response.logResult() != null) {
      out.put("LogResult", response.logResult());
    }
    out.set("Payload", payload);
    HttpMetadata.add(out, response);
    if (response.statusCode() != null) {
      out.put("StatusCode", response.statusCode());
    }
    return out;
  }
}
