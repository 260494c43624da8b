package dev.stepwise.integrations.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.integrations.TaskFailure;
import dev.stepwise.integrations.http.Connection.Authorization;
import dev.stepwise.integrations.http.FormEncoding.Pair;
import dev.stepwise.language.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of OAuth client-credentials connections, by connection ARN: fetched on first use
 * and again when the caller asks (EventBridge refreshes "when a 401 or 407 response is returned").
 */
final class OAuthTokens {
  private final HttpClient client;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  OAuthTokens(HttpClient client) {
    this.client = client;
  }

  /**
   * @param refresh whether to drop the cached token and fetch a new one
   */
  String token(
      String connectionArn,
      Authorization.OAuthClientCredentials oauth,
      Duration limit,
      boolean refresh)
      throws TaskFailure, InterruptedException {
    if (refresh) {
      tokens.remove(connectionArn);
    }
    String token = tokens.get(connectionArn);
    if (token == null) {
      token = fetch(connectionArn, oauth, limit);
      tokens.put(connectionArn, token);
    }
    return token;
  }

  /**
   * The client-credentials grant: the client id and secret as Basic authorization, {@code
   * grant_type=client_credentials} and the connection's OAuth parameters as a form.
   */
  private String fetch(
      String connectionArn, Authorization.OAuthClientCredentials oauth, Duration limit)
      throws TaskFailure, InterruptedException {
    HttpParameters extra = oauth.parameters();
    List<Pair> form = new ArrayList<>();
    if (extra.body().stream().noneMatch(p -> p.key().equals("grant_type"))) {
      form.add(Pair.of("grant_type", "client_credentials"));
    }
    extra.body().forEach(p -> form.add(Pair.of(p.key(), p.value())));
    List<Pair> query = new ArrayList<>();
    extra.queryString().forEach(p -> query.add(Pair.of(p.key(), p.value())));
    URI endpoint = oauth.authorizationEndpoint();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(HttpTasks.withQuery(endpoint, query)).timeout(limit);
    String method = oauth.httpMethod().toUpperCase(Locale.ROOT);
    if (method.equals("GET")) {
      builder.GET();
    } else {
      builder.method(method, HttpRequest.BodyPublishers.ofString(FormEncoding.join(form)));
      builder.header("Content-Type", "application/x-www-form-urlencoded");
    }
    builder.header("Authorization", HttpCalls.basic(oauth.clientId(), oauth.clientSecret()));
    for (HttpParameters.Parameter p : extra.headers()) {
      HttpCalls.header(builder, p.key(), p.value());
    }
    HttpResponse<byte[]> response = HttpCalls.send(client, builder.build(), endpoint, limit, false);
    String problem;
    if (response.statusCode() / 100 != 2) {
      problem = "the endpoint answered HTTP " + response.statusCode();
    } else {
      try {
        JsonNode token =
            Json.parse(new String(response.body(), StandardCharsets.UTF_8)).path("access_token");
        if (token.isTextual() && !token.asText().isEmpty()) {
          return token.asText();
        }
        problem = "the response has no access_token";
      } catch (JsonProcessingException e) {
        problem = "the response is not JSON";
      }
    }
    throw new TaskFailure(
        "Events.ConnectionResource.InvalidConnectionState",
        "The OAuth token request of the connection '"
            + connectionArn
            + "' to '"
            + endpoint
            + "' failed: "
            + problem
            + ".");
  }
}
