package dev.stepwise.integrations.aws;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The services Stepwise can call: one line per SDK module on the class path. Everything else about
 * a service (its actions, their members and types, its exceptions) comes from the module's model.
 * Adding a service is adding its module to the pom and a line here.
 */
public final class AwsServices {
  private static final List<AwsService> ALL =
      List.of(
          AwsService.of("dynamodb", DynamoDbClient.class, DynamoDbClient::builder),
          AwsService.of("eventbridge", EventBridgeClient.class, EventBridgeClient::builder),
          AwsService.of("kms", KmsClient.class, KmsClient::builder),
          AwsService.of("lambda", LambdaClient.class, LambdaClient::builder),
          AwsService.of("s3", S3Client.class, S3Client::builder),
          AwsService.of(
              "secretsmanager", SecretsManagerClient.class, SecretsManagerClient::builder),
          AwsService.of("sfn", SfnClient.class, SfnClient::builder),
          AwsService.of("sns", SnsClient.class, SnsClient::builder),
          AwsService.of("sqs", SqsClient.class, SqsClient::builder),
          AwsService.of("ssm", SsmClient.class, SsmClient::builder),
          AwsService.of("sts", StsClient.class, StsClient::builder));

  private static final Map<String, AwsService> BY_KEY =
      ALL.stream().collect(Collectors.toUnmodifiableMap(AwsService::key, Function.identity()));

  private AwsServices() {}

  public static List<AwsService> all() {
    return ALL;
  }

  public static Optional<AwsService> of(String key) {
    return Optional.ofNullable(BY_KEY.get(key.toLowerCase(Locale.ROOT)));
  }
}
