package dev.stepwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A minimal AWS JSON 1.0 client for the CLI's views over a running Stepwise. */
final class ApiClient {
  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The API answered with an error, or could not be reached; one line for the user. */
  static final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    ApiException(String message) {
      super(message, null, false, false);
    }
  }

  ApiClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  JsonNode call(String operation, JsonNode request) throws ApiException, InterruptedException {
    return call(operation, request, Map.of());
  }

  JsonNode call(String operation, JsonNode request, Map<String, String> headers)
      throws ApiException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "AWSStepFunctions." + operation)
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(request)));
    headers.forEach(b::header);
    HttpResponse<String> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ApiException(
          "cannot reach Stepwise at "
              + endpoint
              + " ("
              + e.getClass().getSimpleName()
              + "); is 'bin/stepwise serve' running there?");
    }
    JsonNode body;
    try {
      body = Json.parse(response.body());
    } catch (JsonProcessingException e) {
      throw new ApiException("unexpected answer from " + endpoint + ": " + response.body());
    }
    if (response.statusCode() != 200) {
      throw new ApiException(
          body.path("__type").asText("Error") + ": " + body.path("message").asText(""));
    }
    return body;
  }
}
