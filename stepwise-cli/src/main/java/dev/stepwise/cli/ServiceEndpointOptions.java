package dev.stepwise.cli;

import dev.stepwise.integrations.ServiceEndpoints;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s endpoints of other AWS services, under every name users bring: {@code --endpoint
 * SERVICE=URL}, Step Functions Local's flags and variables ({@code --sqs-endpoint}, {@code
 * SQS_ENDPOINT}) and the AWS SDKs' {@code AWS_ENDPOINT_URL_<SERVICE>} and {@code AWS_ENDPOINT_URL}.
 */
final class ServiceEndpointOptions {
  /**
   * A service Stepwise knows by name: its key in {@code aws-sdk:<service>}, the suffix of its AWS
   * SDK variable, and Step Functions Local's variable for it (null where it has none).
   */
  record Service(String key, String sdkVariable, @Nullable String sfnLocalVariable) {}

  static final List<Service> SERVICES =
      List.of(
          new Service("lambda", "LAMBDA", "LAMBDA_ENDPOINT"),
          new Service("batch", "BATCH", "BATCH_ENDPOINT"),
          new Service("dynamodb", "DYNAMODB", "DYNAMODB_ENDPOINT"),
          new Service("ecs", "ECS", "ECS_ENDPOINT"),
          new Service("glue", "GLUE", "GLUE_ENDPOINT"),
          new Service("sagemaker", "SAGEMAKER", "SAGE_MAKER_ENDPOINT"),
          new Service("sqs", "SQS", "SQS_ENDPOINT"),
          new Service("sns", "SNS", "SNS_ENDPOINT"),
          new Service("sfn", "SFN", "STEP_FUNCTIONS_ENDPOINT"),
          new Service("s3", "S3", null),
          new Service("eventbridge", "EVENTBRIDGE", null),
          new Service("secretsmanager", "SECRETS_MANAGER", null),
          new Service("ssm", "SSM", null),
          new Service("kms", "KMS", null),
          new Service("sts", "STS", null));

  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

  @Option(
      names = "--endpoint",
      paramLabel = "SERVICE=URL",
      description =
          "Call this AWS service here (repeatable), e.g. --endpoint sqs=http://localhost:9324;"
              + " SERVICE as in aws-sdk:<service>")
  Map<String, String> endpoints = new LinkedHashMap<>();

  @Option(
      names = "--lambda-endpoint",
      paramLabel = "URL",
      description = "Invoke Lambda here (Step Functions Local's name; LAMBDA_ENDPOINT)")
  @Nullable String lambda;

  @Option(names = "--sqs-endpoint", paramLabel = "URL", description = "SQS here (SQS_ENDPOINT)")
  @Nullable String sqs;

  @Option(names = "--sns-endpoint", paramLabel = "URL", description = "SNS here (SNS_ENDPOINT)")
  @Nullable String sns;

  @Option(
      names = "--dynamodb-endpoint",
      paramLabel = "URL",
      description = "DynamoDB here (DYNAMODB_ENDPOINT)")
  @Nullable String dynamodb;

  @Option(
      names = "--batch-endpoint",
      paramLabel = "URL",
      description = "Batch here (BATCH_ENDPOINT)")
  @Nullable String batch;

  @Option(names = "--ecs-endpoint", paramLabel = "URL", description = "ECS here (ECS_ENDPOINT)")
  @Nullable String ecs;

  @Option(names = "--glue-endpoint", paramLabel = "URL", description = "Glue here (GLUE_ENDPOINT)")
  @Nullable String glue;

  @Option(
      names = "--sagemaker-endpoint",
      paramLabel = "URL",
      description = "SageMaker here (SAGE_MAKER_ENDPOINT)")
  @Nullable String sagemaker;

  @Option(
      names = "--step-functions-endpoint",
      paramLabel = "URL",
      description =
          "Step Functions Local's STEP_FUNCTIONS_ENDPOINT; Stepwise runs nested executions itself")
  @Nullable String stepFunctions;

  /** A bad endpoint, named as the user wrote it. */
  static final class BadEndpointException extends Exception {
    BadEndpointException(String message) {
      super(message);
    }
  }

  /**
   * The endpoints, most specific first: {@code --endpoint}, Step Functions Local's flags, {@code
   * AWS_ENDPOINT_URL_<SERVICE>}, Step Functions Local's variables, then {@code AWS_ENDPOINT_URL}
   * for every service Stepwise knows.
   */
  ServiceEndpoints resolve(Environment env) throws BadEndpointException {
    Map<String, URI> resolved = new LinkedHashMap<>();
    Map<String, String> flags = sfnLocalFlags();
    for (Service service : SERVICES) {
      String source = null;
      String value = null;
      if (flags.get(service.key()) != null) {
        source = "--" + service.key() + "-endpoint";
        value = flags.get(service.key());
      } else {
        for (String variable : variables(service)) {
          if (env.first(variable).isPresent()) {
            source = variable;
            value = env.first(variable).get();
            break;
          }
        }
      }
      if (value != null) {
        resolved.put(service.key(), uri(source, value));
      }
    }
    for (Map.Entry<String, String> e : endpoints.entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (!SERVICE_NAME.matcher(key).matches()) {
        throw new BadEndpointException(
            "--endpoint " + e.getKey() + "=" + e.getValue() + ": not a service name");
      }
      resolved.put(key, uri("--endpoint " + e.getKey(), e.getValue()));
    }
    return new ServiceEndpoints(resolved);
  }

  private Map<String, String> sfnLocalFlags() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("lambda", lambda);
    flags.put("sqs", sqs);
    flags.put("sns", sns);
    flags.put("dynamodb", dynamodb);
    flags.put("batch", batch);
    flags.put("ecs", ecs);
    flags.put("glue", glue);
    flags.put("sagemaker", sagemaker);
    flags.put("sfn", stepFunctions);
    return flags;
  }

  private static List<String> variables(Service service) {
    List<String> names = new ArrayList<>();
    names.add("AWS_ENDPOINT_URL_" + service.sdkVariable());
    if (service.sfnLocalVariable() != null) {
      names.add(service.sfnLocalVariable());
    }
    names.add("AWS_ENDPOINT_URL");
    return names;
  }

  private static URI uri(String source, String value) throws BadEndpointException {
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (java.net.URISyntaxException e) {
      throw new BadEndpointException(source + " " + value + ": not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new BadEndpointException(
          source + " " + value + ": not an http:// or https:// URL with a host");
    }
    return uri;
  }
}
