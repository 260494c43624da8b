package dev.stepwise.integrations.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/**
 * One AWS service whose SDK module is on the class path.
 *
 * @param key its name in {@code arn:aws:states:::aws-sdk:<key>:<action>} and in endpoint settings
 * @param clientType the SDK's synchronous client interface, whose methods are the actions
 * @param builder a new builder of that client
 * @param errorPrefix how the AWS SDK integrations name its errors: {@code
 *     <errorPrefix>.<Exception>} (the client's name without {@code Client}, as AWS's own Java SDK
 *     v2 names it)
 */
public record AwsService(
    String key,
    Class<? extends SdkClient> clientType,
    Supplier<? extends AwsClientBuilder<?, ? extends SdkClient>> builder,
    String errorPrefix) {

  static AwsService of(
      String key,
      Class<? extends SdkClient> clientType,
      Supplier<? extends AwsClientBuilder<?, ? extends SdkClient>> builder) {
    String name = clientType.getSimpleName();
    return new AwsService(key, clientType, builder, name.substring(0, name.length() - 6));
  }
}
