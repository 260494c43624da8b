package dev.stepwise.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stepwise env}: the {@code export} lines that point the AWS CLI and SDKs at Stepwise. Host
 * prefix injection is turned off because every SDK sends StartSyncExecution to {@code sync-<host>},
 * which does not resolve for {@code localhost} or an IP address.
 */
@Command(
    name = "env",
    description = {
      "Prints the export lines that point the AWS CLI and the AWS SDKs at Stepwise:",
      "  eval \"$(bin/stepwise env)\"",
      "Sets the Step Functions endpoint, the region, dummy credentials where none are set, and"
          + " AWS_DISABLE_HOST_PREFIX_INJECTION=true so that start-sync-execution works."
    })
final class EnvCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin EndpointOption endpoint;

  @Option(
      names = "--region",
      description = "The region (default: AWS_DEFAULT_REGION, AWS_REGION, else us-east-1)")
  String region;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  private final Environment environment;

  EnvCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    Map<String, String> exports = new LinkedHashMap<>();
    exports.put("AWS_ENDPOINT_URL_SFN", endpoint.endpoint.toString());
    exports.put("AWS_DEFAULT_REGION", region != null ? region : "us-east-1");
    // Credentials the user has (variables or a profile) are kept: with --auth sigv4 they matter.
    if (environment.first("AWS_ACCESS_KEY_ID", "AWS_PROFILE").isEmpty()) {
      exports.put("AWS_ACCESS_KEY_ID", "local");
      exports.put("AWS_SECRET_ACCESS_KEY", "local");
    }
    exports.put("AWS_DISABLE_HOST_PREFIX_INJECTION", "true");
    PrintWriter out = spec.commandLine().getOut();
    out.println("# Point the AWS CLI and SDKs at Stepwise: eval \"$(bin/stepwise env)\"");
    exports.forEach((name, value) -> out.println("export " + name + "=" + quoted(value)));
    return 0;
  }

  private static String quoted(String value) {
    return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
  }
}
