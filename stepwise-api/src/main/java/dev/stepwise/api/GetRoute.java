package dev.stepwise.api;

import java.nio.charset.StandardCharsets;

/**
 * A GET route served beside the API ({@code /metrics}, {@code /health}, a console's pages): added
 * with {@link ApiServer#get}, it answers from the request's path and query alone.
 */
@FunctionalInterface
public interface GetRoute {
  /**
   * @param path the request's path, e.g. {@code /console/app.js}
   * @param query the raw query string, or null
   */
  Response handle(String path, @org.jspecify.annotations.Nullable String query);

  /** What a route answers. */
  record Response(int status, String contentType, byte[] body) {
    public static Response text(int status, String contentType, String body) {
      return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
  }
}
