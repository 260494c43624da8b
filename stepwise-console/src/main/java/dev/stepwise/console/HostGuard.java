package dev.stepwise.console;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Against DNS rebinding: a page of another site whose name the attacker re-points at 127.0.0.1
 * becomes same-origin with the server, and could read the console's JSON or call the API. Its
 * requests still carry the attacker's name: in {@code Host}, and in {@code Origin} for every
 * non-GET request browsers send. So the console's pages and JSON answer only a {@code Host} that is
 * an IP address, {@code localhost} (or a {@code .localhost} name) or a configured name; and any
 * request with an {@code Origin} header, the API's included, only such an origin. SDKs and the AWS
 * CLI send no {@code Origin}, so they are unaffected whatever name they use.
 */
final class HostGuard extends Filter {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Set<String> names;

  /**
   * @param names further host names to allow (lower case), e.g. a reverse proxy's
   */
  HostGuard(Set<String> names) {
    this.names = Set.copyOf(names);
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null && !allowedOrigin(origin)) {
      refuse(exchange, "Origin " + origin);
      return;
    }
    String path = exchange.getRequestURI().getPath();
    boolean console = path.equals("/") || path.startsWith(StaticFiles.PREFIX);
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (console && host != null && !allowed(hostName(host))) {
      refuse(exchange, "Host " + host);
      return;
    }
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "Host and Origin allow-list against DNS rebinding";
  }

  boolean allowedOrigin(String origin) {
    try {
      URI uri = new URI(origin);
      return uri.getHost() != null && allowed(uri.getHost().toLowerCase(Locale.ROOT));
    } catch (java.net.URISyntaxException e) {
      return false; // "null" (a sandboxed or file: page) included
    }
  }

  boolean allowed(String name) {
    return name.startsWith("[")
        || IPV4.matcher(name).matches()
        || name.equals("localhost")
        || name.endsWith(".localhost")
        || names.contains(name);
  }

  /** The name part of a Host header, lower case: without the port, an IPv6 literal in brackets. */
  static String hostName(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close < 0 ? h : h.substring(0, close + 1);
    }
    int colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  private static void refuse(HttpExchange exchange, @Nullable String what) throws IOException {
    try (exchange) {
      String body =
          "{\"__type\":\"AccessDeniedException\",\"message\":\""
              + "Refused: "
              + jsonText(what)
              + " is not allowed (serve --console-host NAME allows a host name)\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(403, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private static String jsonText(@Nullable String s) {
    return dev.stepwise.language.json.Json.write(
            dev.stepwise.language.json.Json.NODES.textNode(String.valueOf(s)))
        .replaceAll("^\"|\"$", "");
  }
}
