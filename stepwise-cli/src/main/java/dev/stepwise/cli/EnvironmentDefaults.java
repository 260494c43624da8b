package dev.stepwise.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options whose default comes from an environment variable, as Step Functions Local and the AWS
 * tools read them; an option given on the command line still wins. Service endpoints are resolved
 * by {@link ServiceEndpointOptions}, which weighs more than one variable per service.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  /** Option name (any of its names) to the variables that set its default, first set wins. */
  static final Map<String, List<String>> VARIABLES =
      Map.of(
          "--account", List.of("AWS_ACCOUNT_ID"),
          "--region", List.of("AWS_DEFAULT_REGION", "AWS_REGION"),
          "--wait-time-scale", List.of("WAIT_TIME_SCALE"),
          "--mock-config", List.of("SFN_MOCK_CONFIG"),
          "--data-dir", List.of("STEPWISE_DATA_DIR"));

  private final Environment environment;

  EnvironmentDefaults(Environment environment) {
    this.environment = environment;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    // The client commands' --endpoint is where Stepwise is (what `stepwise env` exports); serve's
    // --endpoint SERVICE=URL, a map, is where other services are and is resolved elsewhere.
    if (option.type() == java.net.URI.class && List.of(option.names()).contains("--endpoint")) {
      return environment.first("AWS_ENDPOINT_URL_SFN").orElse(null);
    }
    for (String name : option.names()) {
      List<String> variables = VARIABLES.get(name);
      if (variables != null) {
        return environment.first(variables.toArray(String[]::new)).orElse(null);
      }
    }
    return null;
  }
}
