package dev.stepwise.language.parse;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The service integrations a Task's {@code arn:aws:states:::<service>:<action>[pattern]} may name:
 * AWS's optimized integrations with the patterns each supports (AWS DG "Optimized integrations for
 * Step Functions",
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-supported-services.html), the
 * actions of those whose page lists them, and {@code aws-sdk:<service>:<action>} (request response
 * or callback, never {@code .sync}). Anything else AWS refuses at creation as a resource it does
 * not recognize.
 */
final class ServiceIntegrations {
  private ServiceIntegrations() {}

  private enum Waits {
    SYNC,
    SYNC2,
    CALLBACK
  }

  /**
   * @param actions the actions AWS documents for the integration, or null where any action name is
   *     left to the service (its API has many)
   */
  private record Integration(@Nullable Set<String> actions, Set<Waits> patterns) {}

  private static final Set<Waits> NONE = Set.of();
  private static final Set<Waits> SYNC = Set.of(Waits.SYNC);
  private static final Set<Waits> CALLBACK = Set.of(Waits.CALLBACK);
  private static final Set<Waits> BOTH = Set.of(Waits.SYNC, Waits.CALLBACK);

  private static final Map<String, Integration> OPTIMIZED =
      Map.ofEntries(
          Map.entry("apigateway", new Integration(Set.of("invoke"), CALLBACK)),
          Map.entry("athena", new Integration(null, SYNC)),
          Map.entry("batch", new Integration(Set.of("submitJob"), SYNC)),
          Map.entry("bedrock", new Integration(null, BOTH)),
          Map.entry("codebuild", new Integration(null, SYNC)),
          Map.entry(
              "dynamodb",
              new Integration(Set.of("getItem", "putItem", "updateItem", "deleteItem"), NONE)),
          Map.entry("ecs", new Integration(Set.of("runTask"), BOTH)),
          Map.entry("eks", new Integration(null, BOTH)),
          Map.entry("elasticmapreduce", new Integration(null, SYNC)),
          Map.entry("emr-containers", new Integration(null, SYNC)),
          Map.entry("emr-serverless", new Integration(null, SYNC)),
          Map.entry("events", new Integration(Set.of("putEvents"), CALLBACK)),
          Map.entry("glue", new Integration(null, SYNC)),
          Map.entry("databrew", new Integration(Set.of("startJobRun"), SYNC)),
          Map.entry("lambda", new Integration(Set.of("invoke"), CALLBACK)),
          Map.entry("mediaconvert", new Integration(Set.of("createJob"), SYNC)),
          Map.entry("sagemaker", new Integration(null, SYNC)),
          Map.entry("sns", new Integration(Set.of("publish"), CALLBACK)),
          Map.entry("sqs", new Integration(Set.of("sendMessage"), CALLBACK)),
          Map.entry(
              "states",
              new Integration(
                  Set.of("startExecution"), Set.of(Waits.SYNC, Waits.SYNC2, Waits.CALLBACK))),
          Map.entry("http", new Integration(Set.of("invoke"), NONE)),
          // Distributed Map's ItemReader and ResultWriter.
          Map.entry("s3", new Integration(null, NONE)));

  private static final Pattern SERVICE_ARN =
      Pattern.compile(
          "arn:aws:states:::([a-z0-9-]+):((?:[a-z0-9-]+:)?)([a-zA-Z][a-zA-Z0-9_]*)"
              + "(\\.sync:2|\\.sync|\\.waitForTaskToken)?");

  /** Whether AWS recognizes {@code resource}, an {@code arn:aws:states:::...} integration. */
  static boolean recognized(String resource) {
    Matcher m = SERVICE_ARN.matcher(resource);
    if (!m.matches()) {
      return false;
    }
    String service = m.group(1);
    String sdkService = m.group(2);
    String action = m.group(3);
    Waits waits =
        m.group(4) == null
            ? null
            : switch (m.group(4)) {
              case ".sync" -> Waits.SYNC;
              case ".sync:2" -> Waits.SYNC2;
              default -> Waits.CALLBACK;
            };
    if (service.equals("aws-sdk")) {
      return !sdkService.isEmpty() && (waits == null || waits == Waits.CALLBACK);
    }
    Integration integration = OPTIMIZED.get(service);
    return integration != null
        && sdkService.isEmpty()
        && (integration.actions() == null || integration.actions().contains(action))
        && (waits == null || integration.patterns().contains(waits));
  }
}
