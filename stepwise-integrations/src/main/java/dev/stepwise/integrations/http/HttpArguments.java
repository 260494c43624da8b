package dev.stepwise.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.integrations.TaskFailure;
import dev.stepwise.integrations.http.FormEncoding.Pair;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of an {@code http:invoke} task, checked the way AWS documents them
 * (call-https-apis, "HTTP Task fields"). Problems fail the task with {@code States.Runtime}.
 *
 * @param headers definition headers in order, several values for an array value
 * @param query definition query parameters, not yet encoded
 * @param body {@code RequestBody}, or null when absent
 */
record HttpArguments(
    String method,
    URI endpoint,
    String connectionArn,
    List<Pair> headers,
    List<Pair> query,
    @Nullable JsonNode body,
    boolean urlEncoded,
    ArrayFormat arrayFormat) {

  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

  /** AWS: "You can't use the following headers in your HTTP Task definition". */
  private static final Set<String> FORBIDDEN_HEADERS =
      Set.of(
          "a-im",
          "accept-charset",
          "accept-datetime",
          "accept-encoding",
          "authorization",
          "cache-control",
          "connection",
          "content-encoding",
          "content-md5",
          "date",
          "expect",
          "forwarded",
          "from",
          "host",
          "http2-settings",
          "if-match",
          "if-modified-since",
          "if-none-match",
          "if-range",
          "if-unmodified-since",
          "max-forwards",
          "origin",
          "pragma",
          "proxy-authorization",
          "referer",
          "server",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "via",
          "warning");

  private static final List<String> FORBIDDEN_PREFIXES =
      List.of("x-forwarded-", "x-amz-", "x-amzn-");

  static HttpArguments parse(JsonNode parameters) throws TaskFailure {
    if (!parameters.isObject()) {
      throw TaskFailure.runtime(
          "The HTTP Task arguments must be a JSON object with ApiEndpoint, Method and"
              + " Authentication.ConnectionArn.");
    }
    String endpointText = requiredText(parameters, "ApiEndpoint");
    URI endpoint = endpoint(endpointText);
    String method = requiredText(parameters, "Method");
    if (!METHODS.contains(method)) {
      throw TaskFailure.runtime(
          "The HTTP Task Method '"
              + method
              + "' is not supported; use GET, POST, PUT, DELETE, PATCH, OPTIONS or HEAD.");
    }
    String connectionArn = connectionArn(parameters);
    List<Pair> headers = headers(parameters.get("Headers"));
    List<Pair> query = query(parameters.get("QueryParameters"));
    JsonNode transform = parameters.get("Transform");
    boolean urlEncoded = false;
    ArrayFormat arrayFormat = ArrayFormat.INDICES;
    if (transform != null && !transform.isNull()) {
      if (!transform.isObject()) {
        throw TaskFailure.runtime(
            "The HTTP Task field 'Transform' must be an object with RequestBodyEncoding and"
                + " RequestEncodingOptions.");
      }
      String encoding = optionalText(transform, "RequestBodyEncoding", "Transform.");
      if (encoding != null && !encoding.equals("NONE") && !encoding.equals("URL_ENCODED")) {
        throw TaskFailure.runtime(
            "The HTTP Task RequestBodyEncoding '"
                + encoding
                + "' is not supported; use NONE or URL_ENCODED.");
      }
      urlEncoded = "URL_ENCODED".equals(encoding);
      JsonNode options = transform.get("RequestEncodingOptions");
      if (options != null && !options.isNull()) {
        String format = optionalText(options, "ArrayFormat", "Transform.RequestEncodingOptions.");
        if (format != null) {
          try {
            arrayFormat = ArrayFormat.valueOf(format);
          } catch (IllegalArgumentException e) {
            throw TaskFailure.runtime(
                "The HTTP Task ArrayFormat '"
                    + format
                    + "' is not supported; use INDICES, REPEAT, COMMAS or BRACKETS.");
          }
        }
      }
    }
    JsonNode body = parameters.get("RequestBody");
    return new HttpArguments(
        method, endpoint, connectionArn, headers, query, body, urlEncoded, arrayFormat);
  }

  private static URI endpoint(String text) throws TaskFailure {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw TaskFailure.runtime(
        "The HTTP Task ApiEndpoint '" + text + "' is not an absolute https:// (or http://) URL.");
  }

  private static String connectionArn(JsonNode parameters) throws TaskFailure {
    for (String field : List.of("InvocationConfig", "Authentication")) {
      JsonNode holder = parameters.get(field);
      if (holder != null && holder.isObject() && holder.has("ConnectionArn")) {
        JsonNode arn = holder.get("ConnectionArn");
        if (!arn.isTextual()) {
          throw TaskFailure.runtime(
              "The HTTP Task field '" + field + ".ConnectionArn' must be a string.");
        }
        return arn.asText();
      }
    }
    throw TaskFailure.runtime(
        "The HTTP Task needs an EventBridge connection: set Authentication.ConnectionArn or"
            + " InvocationConfig.ConnectionArn.");
  }

  private static List<Pair> headers(@Nullable JsonNode node) throws TaskFailure {
    List<Pair> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw TaskFailure.runtime(
          "The HTTP Task field 'Headers' must be an object of header names to values.");
    }
    for (Map.Entry<String, JsonNode> header : node.properties()) {
      String name = header.getKey();
      if (forbidden(name)) {
        throw TaskFailure.runtime(
            "The header '"
                + name
                + "' cannot be set in an HTTP Task definition; put credentials in the"
                + " EventBridge connection instead.");
      }
      JsonNode value = header.getValue();
      List<String> values = new ArrayList<>();
      if (value.isArray()) {
        value.forEach(v -> values.add(FormEncoding.scalar(v)));
      } else {
        values.add(FormEncoding.scalar(value));
      }
      out.add(new Pair(name, values));
    }
    return out;
  }

  static boolean forbidden(String header) {
    String name = header.toLowerCase(Locale.ROOT);
    return FORBIDDEN_HEADERS.contains(name)
        || FORBIDDEN_PREFIXES.stream().anyMatch(name::startsWith);
  }

  /** Query parameters from an object (arrays repeat the key) or a query string. */
  private static List<Pair> query(@Nullable JsonNode node) throws TaskFailure {
    List<Pair> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isObject()) {
      return FormEncoding.pairs(node, ArrayFormat.REPEAT);
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        out.addAll(query(item));
      }
      return out;
    }
    if (node.isTextual()) {
      String text = node.asText();
      for (String part : (text.startsWith("?") ? text.substring(1) : text).split("&")) {
        if (part.isEmpty()) {
          continue;
        }
        int eq = part.indexOf('=');
        String name = eq < 0 ? part : part.substring(0, eq);
        String value = eq < 0 ? "" : part.substring(eq + 1);
        // Decoded here and encoded once when sent, so pre-encoded text is not encoded twice.
        out.add(Pair.of(decode(name), decode(value)));
      }
      return out;
    }
    throw TaskFailure.runtime(
        "The HTTP Task field 'QueryParameters' must be an object, an array or a query string.");
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // not percent-encoded after all: taken as written
    }
  }

  private static String requiredText(JsonNode node, String field) throws TaskFailure {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw TaskFailure.runtime("The HTTP Task field '" + field + "' is required but was missing.");
    }
    if (!value.isTextual()) {
      throw TaskFailure.runtime("The HTTP Task field '" + field + "' must be a string.");
    }
    return value.asText();
  }

  private static @Nullable String optionalText(JsonNode node, String field, String prefix)
      throws TaskFailure {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw TaskFailure.runtime("The HTTP Task field '" + prefix + field + "' must be a string.");
    }
    return value.asText();
  }
}
