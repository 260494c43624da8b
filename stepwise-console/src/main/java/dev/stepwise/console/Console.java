package dev.stepwise.console;

import com.sun.net.httpserver.HttpExchange;
import dev.stepwise.api.ApiAuth;
import dev.stepwise.api.ApiServer;
import dev.stepwise.engine.service.StepFunctionsService;
import java.io.IOException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The web console on the API's server: its files at {@code /console/}, its JSON at {@code
 * /console/api/}, a browser's {@code GET /} sent there ({@code POST /} stays the API), and the
 * Host/Origin allow-list in front of everything.
 */
public final class Console {
  private Console() {}

  /**
   * @param auth the API's SigV4 and IAM check, or null when requests are not authenticated
   * @param hostNames host names besides IP addresses and localhost that may serve the console
   */
  public static void install(
      ApiServer api, StepFunctionsService service, @Nullable ApiAuth auth, Set<String> hostNames) {
    api.filter(new HostGuard(hostNames));
    api.get("/", Console::redirect);
    api.get(StaticFiles.PREFIX, new StaticFiles());
    api.get(ConsoleApi.PREFIX, new ConsoleApi(service, auth));
  }

  private static void redirect(HttpExchange exchange) throws IOException {
    try (exchange) {
      ConsoleHeaders.secure(exchange);
      exchange.getResponseHeaders().set("Location", StaticFiles.PREFIX);
      exchange.sendResponseHeaders(302, -1);
    }
  }
}
