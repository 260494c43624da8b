package dev.stepwise.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** The {@code --endpoint} option shared by the commands that talk to a running Stepwise. */
final class EndpointOption {
  @Option(
      names = "--endpoint",
      description = "Stepwise's API (default http://127.0.0.1:8083)",
      defaultValue = "http://127.0.0.1:8083")
  URI endpoint;

  ApiClient client() {
    return new ApiClient(endpoint);
  }
}
