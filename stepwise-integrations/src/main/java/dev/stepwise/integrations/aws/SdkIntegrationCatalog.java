package dev.stepwise.integrations.aws;

import dev.stepwise.language.parse.IntegrationCatalog;

/**
 * The service integrations AWS offers, as far as Stepwise can know them: for a service whose SDK
 * module is on the class path ({@link AwsServices}), {@code aws-sdk:<service>:<action>} exists when
 * the SDK's client has that action, with request-response or {@code .waitForTaskToken} (AWS offers
 * no {@code .sync} there); the optimized {@code sqs}, {@code sns}, {@code dynamodb} and {@code
 * events} resources are the actions and patterns AWS documents. A service Stepwise has no module
 * for is accepted, as AWS may know it; its tasks fail when they run, saying why.
 */
public final class SdkIntegrationCatalog implements IntegrationCatalog {
  private static final String SERVICE_PREFIX = "arn:aws:states:::";

  @Override
  public boolean recognizes(String resource) {
    if (!resource.startsWith(SERVICE_PREFIX)) {
      return true;
    }
    String rest = resource.substring(SERVICE_PREFIX.length());
    String pattern = "";
    int dot = rest.indexOf('.');
    if (dot >= 0) {
      pattern = rest.substring(dot);
      rest = rest.substring(0, dot);
    }
    String[] parts = rest.split(":", -1);
    if (parts[0].equals("aws-sdk")) {
      if (parts.length != 3) {
        return false;
      }
      if (!pattern.isEmpty() && !pattern.equals(".waitForTaskToken")) {
        return false;
      }
      return AwsServices.of(parts[1])
          .map(s -> s.key().equals(parts[1]) && SdkAction.find(s, parts[2]).isPresent())
          .orElse(true);
    }
    if (OptimizedTasks.isOptimizedService(parts[0])) {
      return parts.length == 2
          && (pattern.isEmpty() || pattern.equals(".waitForTaskToken"))
          && OptimizedTasks.knows(parts[0], parts[1], !pattern.isEmpty());
    }
    return true;
  }
}
