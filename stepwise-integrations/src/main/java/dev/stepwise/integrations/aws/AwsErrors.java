package dev.stepwise.integrations.aws;

import dev.stepwise.integrations.TaskFailure;
import java.io.IOException;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * How Step Functions names a failed call. The cause is the service's own message and request
 * metadata, never the SDK's stack or the caller's credentials, and bounded in length.
 *
 * <ul>
 *   <li>AWS SDK integrations: {@code <Service>.<Exception>} ({@code
 *       DynamoDb.ResourceNotFoundException}, {@code S3.NoSuchKeyException}), the exception always
 *       with its {@code Exception} suffix, the cause as the Java SDK v2 words it: {@code <message>
 *       (Service: DynamoDb, Status Code: 400, Request ID: ...)}.
 *   <li>Optimized integrations (built on the Java SDK v1): {@code
 *       DynamoDB.ResourceNotFoundException}, {@code SQS.AmazonSQSException} for an error the model
 *       does not name, the cause {@code <message> (Service: AmazonSQS; Status Code: 400; Error
 *       Code: MissingParameter; Request ID: ...; Proxy: null)}.
 *   <li>A call that got no answer: {@code <Service>.SdkClientException}.
 * </ul>
 */
final class AwsErrors {
  /** AWS's limit on an error's cause in history events. */
  static final int MAX_CAUSE = 32_768;

  private AwsErrors() {}

  static TaskFailure sdk(AwsService service, AwsServiceException e) {
    String name = e.getClass().getSimpleName();
    if (!name.endsWith("Exception")) {
      name = name + "Exception";
    }
    return new TaskFailure(service.errorPrefix() + "." + name, bounded(e.getMessage()));
  }

  static TaskFailure sdkClient(String prefix, SdkClientException e) {
    return new TaskFailure(prefix + ".SdkClientException", bounded(e.getMessage()));
  }

  /** The SDK v1 names of an optimized integration's service. */
  record V1Names(String prefix, String serviceName, String baseException) {}

  static TaskFailure optimized(AwsService service, V1Names v1, AwsServiceException e) {
    String simple = e.getClass().getSimpleName();
    // The v2 base exception (SqsException) is what v1 threw as AmazonSQSException.
    String name = simple.equals(service.errorPrefix() + "Exception") ? v1.baseException() : simple;
    AwsErrorDetails details = e.awsErrorDetails();
    String message =
        details == null
            ? Objects.toString(e.getMessage(), "")
            : Objects.toString(details.errorMessage(), "");
    String code = details == null ? null : details.errorCode();
    return new TaskFailure(
        v1.prefix() + "." + name,
        bounded(
            message
                + " (Service: "
                + v1.serviceName()
                + "; Status Code: "
                + e.statusCode()
                + "; Error Code: "
                + code
                + "; Request ID: "
                + e.requestId()
                + "; Proxy: null)"));
  }

  static TaskFailure optimizedClient(V1Names v1, SdkClientException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String cause =
        root instanceof IOException && root.getMessage() != null
            ? "Unable to execute HTTP request: " + root.getMessage()
            : e.getMessage();
    return new TaskFailure(v1.prefix() + ".SdkClientException", bounded(cause));
  }

  /** The SDK's note of its attempts, which AWS's causes do not carry. */
  private static final java.util.regex.Pattern ATTEMPTS =
      java.util.regex.Pattern.compile(" \\(SDK Attempt Count: \\d+\\)$");

  static String bounded(String cause) {
    if (cause == null) {
      return "";
    }
    cause = ATTEMPTS.matcher(cause).replaceFirst("");
    return cause.length() <= MAX_CAUSE ? cause : cause.substring(0, MAX_CAUSE);
  }
}
