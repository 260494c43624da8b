package dev.stepwise.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.integrations.http.Connection.Authorization;
import dev.stepwise.language.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP Task's exchange as TestState's TRACE inspection shows it (see TaskCallbacks#exchanged).
 */
final class HttpTrace {
  private HttpTrace() {}

  static JsonNode request(HttpRequest sent, byte @Nullable [] body, Connection connection) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("protocol", sent.uri().getScheme());
    o.put("method", sent.method());
    o.put("url", sent.uri().toString());
    o.set("headers", headers(sent.headers()));
    if (body != null) {
      o.put("body", new String(body, StandardCharsets.UTF_8));
    }
    String secret =
        switch (connection.authorization()) {
          case Authorization.None none -> null;
          case Authorization.ApiKey key -> key.name();
          case Authorization.Basic basic -> "Authorization";
          case Authorization.OAuthClientCredentials oauth -> "Authorization";
        };
    if (secret != null) {
      o.putArray("secretHeaders").add(secret);
    }
    return o;
  }

  static JsonNode response(HttpResponse<byte[]> received) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("protocol", received.version() == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1");
    o.put("statusCode", String.valueOf(received.statusCode()));
    o.put("statusMessage", ReasonPhrases.of(received.statusCode()));
    o.set("headers", headers(received.headers()));
    o.put("body", new String(received.body(), StandardCharsets.UTF_8));
    return o;
  }

  private static ObjectNode headers(HttpHeaders headers) {
    ObjectNode o = Json.NODES.objectNode();
    for (Map.Entry<String, List<String>> h : headers.map().entrySet()) {
      o.put(h.getKey(), String.join(", ", h.getValue()));
    }
    return o;
  }
}
