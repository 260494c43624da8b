package dev.stepwise.engine.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.runtime.StateTester;
import dev.stepwise.engine.teststate.TestStateRequest.InspectionLevel;
import dev.stepwise.language.json.Json;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * TestState's response as AWS's JSON: every JSON value a string, a value passed on unchanged in the
 * caller's own text (AWS echoes the input and a mocked result as sent), others compact.
 */
final class TestStateResponse {
  private TestStateResponse() {}

  /** The inspection values that are numbers or objects, not JSON texts. */
  private static final Set<String> STRUCTURED =
      Set.of(
          "maxConcurrency", "toleratedFailureCount", "toleratedFailurePercentage", "errorDetails");

  /** [INFER] How a header holding credentials is shown without {@code revealSecrets}. */
  static final String REDACTED = "[REDACTED]";

  static ObjectNode json(
      StateTester.Outcome outcome,
      IdentityHashMap<JsonNode, String> raw,
      InspectionLevel level,
      boolean revealSecrets,
      JsonNode @Nullable [] exchange) {
    ObjectNode r = Json.NODES.objectNode();
    if (outcome.output() != null) {
      r.put("output", text(outcome.output(), raw));
    }
    if (outcome.error() != null) {
      r.put("error", outcome.error());
    }
    if (outcome.cause() != null) {
      r.put("cause", outcome.cause());
    }
    if (level != InspectionLevel.INFO) {
      ObjectNode data = r.putObject("inspectionData");
      for (Map.Entry<String, JsonNode> e : outcome.inspection().entrySet()) {
        if (STRUCTURED.contains(e.getKey())) {
          data.set(e.getKey(), e.getValue());
        } else {
          data.put(e.getKey(), text(e.getValue(), raw));
        }
      }
      if (level == InspectionLevel.TRACE && exchange != null) {
        data.set("request", exchange(exchange[0], revealSecrets, true));
        data.set("response", exchange(exchange[1], revealSecrets, false));
      }
    }
    if (outcome.nextState() != null) {
      r.put("nextState", outcome.nextState());
    }
    r.put("status", outcome.status().name());
    return r;
  }

  private static String text(JsonNode value, IdentityHashMap<JsonNode, String> raw) {
    String given = raw.get(value);
    return given != null ? given : Json.write(value);
  }

  /**
   * An HTTP request or response as inspectionData shows it: every member a string, the headers as a
   * JSON object text, credentials hidden unless revealed.
   */
  private static ObjectNode exchange(JsonNode traced, boolean revealSecrets, boolean request) {
    ObjectNode out = Json.NODES.objectNode();
    Set<String> secret = new java.util.HashSet<>();
    traced
        .path("secretHeaders")
        .forEach(h -> secret.add(h.asText().toLowerCase(java.util.Locale.ROOT)));
    for (String field :
        request
            ? new String[] {"protocol", "method", "url", "headers", "body"}
            : new String[] {"protocol", "statusCode", "statusMessage", "headers", "body"}) {
      JsonNode v = traced.get(field);
      if (v == null || v.isNull()) {
        continue;
      }
      if (field.equals("headers")) {
        ObjectNode headers = Json.NODES.objectNode();
        for (Map.Entry<String, JsonNode> h : v.properties()) {
          boolean hidden =
              !revealSecrets && secret.contains(h.getKey().toLowerCase(java.util.Locale.ROOT));
          headers.put(h.getKey(), hidden ? REDACTED : h.getValue().asText());
        }
        out.put(field, Json.write(headers));
      } else {
        out.put(field, v.isTextual() ? v.asText() : Json.write(v));
      }
    }
    return out;
  }
}
