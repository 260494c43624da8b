package dev.stepwise.cli;

import dev.stepwise.api.ApiAuth;
import dev.stepwise.api.ApiServer;
import dev.stepwise.console.Console;
import dev.stepwise.engine.service.StepFunctionsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code serve}'s web console options, and putting the console on the API's server. */
final class ConsoleOptions {
  @Option(names = "--no-console", description = "Do not serve the web console at /console/")
  boolean off;

  @Option(
      names = "--console-host",
      paramLabel = "NAME",
      description =
          "A host name the console may be reached by besides IP addresses and localhost (e.g. a"
              + " reverse proxy's); repeatable")
  List<String> hosts = new ArrayList<>();

  /** Serves the console beside the API, unless it is off; returns the line that says where. */
  @Nullable String install(
      ApiServer api, StepFunctionsService service, @Nullable ApiAuth auth, String host) {
    if (off) {
      return null;
    }
    Set<String> names =
        hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    Console.install(api, service, auth, names);
    String shown =
        host.equals("0.0.0.0") || host.equals("::")
            ? "127.0.0.1"
            : host.contains(":") ? "[" + host + "]" : host;
    return "Web console at http://" + shown + ":" + api.port() + "/console/";
  }
}
