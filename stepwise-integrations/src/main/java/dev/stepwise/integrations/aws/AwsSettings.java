package dev.stepwise.integrations.aws;

import dev.stepwise.integrations.ServiceEndpoints;
import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How Stepwise reaches AWS services: a region, per-service endpoints (local stand-ins), the
 * credentials (by default the SDK's default chain), and whether a Task's {@code
 * Credentials.RoleArn} is assumed (through STS, where IAM enforcement is on and an STS endpoint is
 * configured).
 */
public record AwsSettings(
    String region,
    ServiceEndpoints endpoints,
    @Nullable AwsCredentialsProvider credentials,
    boolean assumeTaskRoles) {

  public static AwsSettings region(String region) {
    return new AwsSettings(region, ServiceEndpoints.NONE, null, false);
  }

  public AwsSettings withEndpoints(ServiceEndpoints endpoints) {
    return new AwsSettings(region, endpoints, credentials, assumeTaskRoles);
  }

  public AwsSettings withCredentials(AwsCredentialsProvider credentials) {
    return new AwsSettings(region, endpoints, credentials, assumeTaskRoles);
  }

  public AwsSettings withAssumedTaskRoles(boolean assume) {
    return new AwsSettings(region, endpoints, credentials, assume);
  }

  Optional<URI> endpoint(String service) {
    return endpoints.of(service);
  }
}
