package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain AWS JSON 1.0 calls ({@code X-Amz-Target: AWSStepFunctions.<Op>}), as an SDK sends them. */
final class ApiClient {
  /** What a call answered. */
  sealed interface Answer {
    /** A 200 with its body. */
    record Ok(JsonNode body) implements Answer {}

    /** An error: HTTP status, the {@code __type} without its namespace, the message. */
    record Failed(int status, String code, String message) implements Answer {}
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI endpoint;

  ApiClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  Answer call(String operation, JsonNode request) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = Matching.parseOrText(r.body());
    if (r.statusCode() == 200) {
      return new Answer.Ok(body);
    }
    String type = body.path("__type").asText("");
    return new Answer.Failed(
        r.statusCode(),
        type.substring(type.indexOf('#') + 1),
        body.path("message").asText(body.path("Message").asText("")));
  }

  /** The body of a call that must succeed; throws with the error otherwise. */
  JsonNode ok(String operation, JsonNode request) throws Exception {
    return switch (call(operation, request)) {
      case Answer.Ok ok -> ok.body();
      case Answer.Failed f ->
          throw new IllegalStateException(
              operation + " failed: " + f.status() + " " + f.code() + ": " + f.message());
    };
  }
}
