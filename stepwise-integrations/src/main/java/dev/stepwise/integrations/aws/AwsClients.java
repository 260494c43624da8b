package dev.stepwise.integrations.aws;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The SDK clients of every service, each built once (building one costs a third of a second) on one
 * shared HTTP client and reused by every task, and closed together. Clients have no SDK retries:
 * Step Functions reports the first error and the state's Retry decides.
 *
 * <p>Also the S3 client of Distributed Map's ItemReader and ResultWriter: {@link #s3()}.
 */
public final class AwsClients implements AutoCloseable {
  /** A service may run a call for many minutes (Lambda: 15); the socket waits a little longer. */
  private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(16);

  private record Key(String service, @Nullable String roleArn) {}

  private final AwsSettings settings;
  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final Map<Key, SdkClient> clients = new ConcurrentHashMap<>();
  private final Map<String, StsAssumeRoleCredentialsProvider> roles = new ConcurrentHashMap<>();

  public AwsClients(AwsSettings settings) {
    this.settings = settings;
    this.http = UrlConnectionHttpClient.builder().socketTimeout(SOCKET_TIMEOUT).build();
    this.credentials =
        settings.credentials() != null
            ? settings.credentials()
            : DefaultCredentialsProvider.builder().build();
  }

  public AwsSettings settings() {
    return settings;
  }

  /** The S3 client (path-style addressing where an S3 endpoint is configured). */
  public S3Client s3() {
    return (S3Client) client(AwsServices.of("s3").orElseThrow(), null);
  }

  /**
   * The client of {@code service}; with {@code roleArn} (a Task's {@code Credentials.RoleArn}) one
   * whose credentials assume that role, where {@link AwsSettings#assumeTaskRoles()} and an STS
   * endpoint is configured; else the configured credentials.
   */
  public SdkClient client(AwsService service, @Nullable String roleArn) {
    String role = assumes(roleArn) ? roleArn : null;
    // Made outside computeIfAbsent: assuming a role needs the STS client from the same map.
    AwsCredentialsProvider provider = role == null ? credentials : assumed(role);
    return clients.computeIfAbsent(new Key(service.key(), role), k -> build(service, provider));
  }

  private boolean assumes(@Nullable String roleArn) {
    return roleArn != null && settings.assumeTaskRoles() && settings.endpoint("sts").isPresent();
  }

  private SdkClient build(AwsService service, AwsCredentialsProvider provider) {
    AwsClientBuilder<?, ? extends SdkClient> builder = service.builder().get();
    builder.region(Region.of(settings.region()));
    builder.credentialsProvider(provider);
    builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
      sync.httpClient(http);
    }
    settings
        .endpoint(service.key())
        .ifPresent(
            uri -> {
              builder.endpointOverride(uri);
              // A local stand-in has no per-bucket host names.
              if (builder instanceof S3ClientBuilder s3) {
                s3.forcePathStyle(true);
              }
            });
    return builder.build();
  }

  private AwsCredentialsProvider assumed(String roleArn) {
    return roles.computeIfAbsent(
        roleArn,
        arn ->
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient((StsClient) client(AwsServices.of("sts").orElseThrow(), null))
                .refreshRequest(r -> r.roleArn(arn).roleSessionName("stepwise-task"))
                .asyncCredentialUpdateEnabled(false)
                .build());
  }

  @Override
  public void close() {
    roles.values().forEach(StsAssumeRoleCredentialsProvider::close);
    clients.values().forEach(SdkClient::close);
    http.close();
  }
}
