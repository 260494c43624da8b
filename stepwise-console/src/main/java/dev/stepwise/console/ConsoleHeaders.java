package dev.stepwise.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * The headers every console answer carries: a Content-Security-Policy that allows only the
 * console's own files (no inline script or style, no other origin, no framing), no MIME sniffing,
 * no referrer (ARNs in URLs stay here).
 */
final class ConsoleHeaders {
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  private ConsoleHeaders() {}

  static void secure(HttpExchange exchange) {
    Headers h = exchange.getResponseHeaders();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
  }

  static void json(HttpExchange exchange) {
    secure(exchange);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
  }
}
