package dev.stepwise.integrations.lambda;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Where Lambda functions run: a region, optionally another endpoint (a local Lambda emulator), and
 * optionally fixed credentials instead of the SDK's default provider chain.
 */
public record LambdaSettings(
    String region, @Nullable URI endpoint, @Nullable Credentials credentials) {

  /** Static credentials; {@code sessionToken} only for temporary ones. */
  public record Credentials(
      String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {}

  public static LambdaSettings region(String region) {
    return new LambdaSettings(region, null, null);
  }

  public LambdaSettings withEndpoint(URI endpoint) {
    return new LambdaSettings(region, endpoint, credentials);
  }

  public LambdaSettings withCredentials(Credentials credentials) {
    return new LambdaSettings(region, endpoint, credentials);
  }
}
