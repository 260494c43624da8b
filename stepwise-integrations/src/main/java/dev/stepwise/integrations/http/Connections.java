package dev.stepwise.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.integrations.http.Connection.Authorization;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The EventBridge connections HTTP Tasks may use, by connection ARN. An unknown ARN fails the task
 * with {@code Events.ConnectionResource.ResourceNotFound}, unless a fallback connection is set.
 */
public final class Connections {
  private final Map<String, Connection> byArn;
  private final @Nullable Connection fallback;

  private Connections(Map<String, Connection> byArn, @Nullable Connection fallback) {
    this.byArn = Collections.unmodifiableMap(new LinkedHashMap<>(byArn));
    this.fallback = fallback;
  }

  public static Connections of(Map<String, Connection> byArn) {
    return new Connections(byArn, null);
  }

  public static Connections none() {
    return of(Map.of());
  }

  /** These connections, and {@code connection} for every ARN they do not define. */
  public Connections withFallback(Connection connection) {
    return new Connections(byArn, connection);
  }

  public Optional<Connection> find(String connectionArn) {
    Connection connection = byArn.get(connectionArn);
    return Optional.ofNullable(connection != null ? connection : fallback);
  }

  public Map<String, Connection> byArn() {
    return byArn;
  }

  /**
   * Reads connections written as EventBridge's CreateConnection request, by ARN:
   *
   * <pre>{@code
   * {"arn:aws:events:us-east-1:123456789012:connection/Stripe/1": {
   *    "AuthorizationType": "API_KEY",
   *    "AuthParameters": {
   *      "ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "secret"},
   *      "InvocationHttpParameters": {"HeaderParameters": [{"Key": "k", "Value": "v"}]}}}}
   * }</pre>
   *
   * {@code AuthorizationType} is {@code API_KEY}, {@code BASIC} ({@code BasicAuthParameters:
   * Username, Password}), {@code OAUTH_CLIENT_CREDENTIALS} ({@code OAuthParameters:
   * AuthorizationEndpoint, HttpMethod, ClientParameters: ClientID, ClientSecret,
   * OAuthHttpParameters}) or, as a Stepwise extension, {@code NONE}.
   *
   * @throws IllegalArgumentException naming the first problem and where it is
   */
  public static Connections parse(JsonNode document) {
    if (!document.isObject()) {
      throw new IllegalArgumentException("connections: expected an object of connections by ARN");
    }
    Map<String, Connection> byArn = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : document.properties()) {
      byArn.put(entry.getKey(), connection(entry.getKey(), entry.getValue()));
    }
    return of(byArn);
  }

  private static Connection connection(String arn, JsonNode node) {
    String at = "connections: " + arn;
    String type = text(node, "AuthorizationType", at);
    JsonNode auth = node.path("AuthParameters");
    HttpParameters invocation = parameters(auth.path("InvocationHttpParameters"), at);
    Authorization authorization =
        switch (type) {
          case "NONE" -> new Authorization.None();
          case "API_KEY" -> {
            JsonNode p = object(auth, "ApiKeyAuthParameters", at);
            yield new Authorization.ApiKey(text(p, "ApiKeyName", at), text(p, "ApiKeyValue", at));
          }
          case "BASIC" -> {
            JsonNode p = object(auth, "BasicAuthParameters", at);
            yield new Authorization.Basic(text(p, "Username", at), text(p, "Password", at));
          }
          case "OAUTH_CLIENT_CREDENTIALS" -> {
            JsonNode p = object(auth, "OAuthParameters", at);
            JsonNode client = object(p, "ClientParameters", at);
            yield new Authorization.OAuthClientCredentials(
                URI.create(text(p, "AuthorizationEndpoint", at)),
                text(p, "HttpMethod", at),
                text(client, "ClientID", at),
                text(client, "ClientSecret", at),
                parameters(p.path("OAuthHttpParameters"), at));
          }
          default ->
              throw new IllegalArgumentException(
                  at
                      + ": AuthorizationType '"
                      + type
                      + "' is not one of API_KEY, BASIC, OAUTH_CLIENT_CREDENTIALS, NONE");
        };
    return new Connection(authorization, invocation);
  }

  private static HttpParameters parameters(JsonNode node, String at) {
    if (node.isMissingNode()) {
      return HttpParameters.NONE;
    }
    return new HttpParameters(
        list(node.path("HeaderParameters"), at),
        list(node.path("QueryStringParameters"), at),
        list(node.path("BodyParameters"), at));
  }

  private static List<HttpParameters.Parameter> list(JsonNode node, String at) {
    List<HttpParameters.Parameter> out = new ArrayList<>();
    if (node.isMissingNode()) {
      return out;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(at + ": parameters must be an array of {Key, Value}");
    }
    for (JsonNode p : node) {
      out.add(new HttpParameters.Parameter(text(p, "Key", at), text(p, "Value", at)));
    }
    return out;
  }

  private static JsonNode object(JsonNode node, String field, String at) {
    JsonNode value = node.path(field);
    if (!value.isObject()) {
      throw new IllegalArgumentException(at + ": missing object '" + field + "'");
    }
    return value;
  }

  private static String text(JsonNode node, String field, String at) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(at + ": missing string '" + field + "'");
    }
    return value.asText();
  }
}
