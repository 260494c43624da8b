package dev.stepwise.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files, from the jar ({@code dev/stepwise/console/web/}), under {@code /console/}:
 * no Node, no CDN, nothing fetched at run time. Vendored files carry their version in their path
 * and are cached for good; the console's own are revalidated by ETag so an upgrade shows at once.
 */
final class StaticFiles implements HttpHandler {
  static final String PREFIX = "/console/";
  private static final String ROOT = "dev/stepwise/console/web/";

  /** Letters, digits, dots, dashes and slashes, no dot segment: nothing outside the web root. */
  private static final Pattern SAFE =
      Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "json", "application/json; charset=utf-8",
          "txt", "text/plain; charset=utf-8");

  private record File(byte[] bytes, String type, String etag) {}

  private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      if (path.isEmpty()) {
        path = "index.html";
      }
      Optional<File> file =
          SAFE.matcher(path).matches()
              ? cache.computeIfAbsent(path, StaticFiles::load)
              : Optional.empty();
      ConsoleHeaders.secure(exchange);
      if (file.isEmpty()) {
        byte[] body = ("Not found: " + PREFIX + path).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      File f = file.get();
      exchange.getResponseHeaders().set("Content-Type", f.type());
      exchange.getResponseHeaders().set("ETag", f.etag());
      exchange
          .getResponseHeaders()
          .set(
              "Cache-Control",
              path.startsWith("vendor/") ? "public, max-age=31536000, immutable" : "no-cache");
      if (f.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      exchange.sendResponseHeaders(200, f.bytes().length);
      exchange.getResponseBody().write(f.bytes());
    }
  }

  private static Optional<File> load(String path) {
    int dot = path.lastIndexOf('.');
    String ext = dot < 0 ? "txt" : path.substring(dot + 1);
    String type =
        path.substring(path.lastIndexOf('/') + 1).startsWith("LICENSE")
            ? TYPES.get("txt")
            : TYPES.get(ext);
    if (type == null) {
      return Optional.empty();
    }
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(ROOT + path)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      String etag =
          "\""
              + HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                  .substring(0, 32)
              + "\"";
      return Optional.of(new File(bytes, type, etag));
    } catch (IOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
