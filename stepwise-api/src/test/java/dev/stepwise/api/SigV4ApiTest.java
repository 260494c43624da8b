package dev.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.ScriptedTasks;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.time.RealTimeScheduler;
import dev.stepwise.security.role.Roles;
import dev.stepwise.security.sigv4.AccessKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * {@code --auth sigv4} with requests signed by the AWS SDK for Java v2: the signature, its date and
 * the key decide who calls; the caller's role policies decide what it may call.
 */
class SigV4ApiTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String CONFIG =
      """
      {"AccessKeys": [{"AccessKeyId": "AKIDOPERATOR", "SecretAccessKey": "%s",
                       "PrincipalArn": "arn:aws:iam::123456789012:role/Operator"}],
       "Roles": [{"RoleName": "Operator", "Arn": "arn:aws:iam::123456789012:role/Operator",
         "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
           {"Effect": "Allow", "Action": "states:*",
            "Resource": ["arn:aws:states:us-east-1:123456789012:stateMachine:allowed",
                         "arn:aws:states:us-east-1:123456789012:execution:allowed:*"]}]}}]}]}"""
          .formatted(SECRET);

  private RealTimeScheduler scheduler;
  private ApiServer api;

  private void serve(Duration serverClockAhead) throws Exception {
    InstantSource clock = InstantSource.system();
    scheduler = new RealTimeScheduler(clock);
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    Engine engine =
        new Engine(EngineSettings.DEFAULTS, clock, scheduler, new ScriptedTasks(), store, 1);
    StepFunctionsService service = new StepFunctionsService(engine, store, clock, UUID::randomUUID);
    InstantSource serverTime = () -> clock.instant().plus(serverClockAhead);
    api =
        ApiServer.start(
            "127.0.0.1",
            0,
            service,
            new ApiAuth(
                AccessKeys.parse(CONFIG),
                Roles.parse(CONFIG),
                Arns.of(EngineSettings.DEFAULTS),
                serverTime));
  }

  private SfnClient client(String keyId, String secret) {
    return SfnClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + api.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build();
  }

  private static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

  private static SfnException createFails(SfnClient sfn, String name) {
    return catchThrowableOfType(
        SfnException.class,
        () ->
            sfn.createStateMachine(
                b ->
                    b.name(name)
                        .roleArn("arn:aws:iam::123456789012:role/Operator")
                        .definition(PASS)));
  }

  @AfterEach
  void stop() {
    api.close();
    scheduler.close();
  }

  @Test
  void aSignedCallerDoesWhatItsRoleAllows() throws Exception {
    serve(Duration.ZERO);
    try (SfnClient sfn = client("AKIDOPERATOR", SECRET)) {
      String arn =
          sfn.createStateMachine(
                  b ->
                      b.name("allowed")
                          .roleArn("arn:aws:iam::123456789012:role/Operator")
                          .definition(PASS))
              .stateMachineArn();
      String exec = sfn.startExecution(b -> b.stateMachineArn(arn).name("e1")).executionArn();
      assertThat(sfn.describeExecution(b -> b.executionArn(exec)).name()).isEqualTo("e1");

      SfnException denied = createFails(sfn, "other");
      assertThat(denied.statusCode()).isEqualTo(400);
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
      assertThat(denied.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: arn:aws:iam::123456789012:role/Operator is not authorized to perform:"
                  + " states:CreateStateMachine on resource:"
                  + " arn:aws:states:us-east-1:123456789012:stateMachine:other because no"
                  + " identity-based policy allows the states:CreateStateMachine action");
    }
  }

  @Test
  void activitiesAndTagsAreAuthorizedOnTheirOwnArns() throws Exception {
    serve(Duration.ZERO);
    try (SfnClient sfn = client("AKIDOPERATOR", SECRET)) {
      SfnException activity =
          catchThrowableOfType(SfnException.class, () -> sfn.createActivity(b -> b.name("work")));
      assertThat(activity.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: arn:aws:iam::123456789012:role/Operator is not authorized to perform:"
                  + " states:CreateActivity on resource:"
                  + " arn:aws:states:us-east-1:123456789012:activity:work because no"
                  + " identity-based policy allows the states:CreateActivity action");
      String arn =
          sfn.createStateMachine(
                  b ->
                      b.name("allowed")
                          .roleArn("arn:aws:iam::123456789012:role/Operator")
                          .definition(PASS))
              .stateMachineArn();
      sfn.tagResource(
          b ->
              b.resourceArn(arn)
                  .tags(
                      software.amazon.awssdk.services.sfn.model.Tag.builder()
                          .key("k")
                          .value("v")
                          .build()));
      assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).hasSize(1);
      SfnException tag =
          catchThrowableOfType(
              SfnException.class,
              () ->
                  sfn.listTagsForResource(
                      b -> b.resourceArn("arn:aws:states:us-east-1:123456789012:activity:x")));
      assertThat(tag.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: arn:aws:iam::123456789012:role/Operator is not authorized to perform:"
                  + " states:ListTagsForResource on resource:"
                  + " arn:aws:states:us-east-1:123456789012:activity:x because no"
                  + " identity-based policy allows the states:ListTagsForResource action");
    }
  }

  @Test
  void aWrongSecretIsAnInvalidSignature() throws Exception {
    serve(Duration.ZERO);
    try (SfnClient sfn = client("AKIDOPERATOR", "not-the-secret")) {
      SfnException e = createFails(sfn, "allowed");
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo(
              "The request signature we calculated does not match the signature you provided."
                  + " Check your AWS Secret Access Key and signing method. Consult the service"
                  + " documentation for details.")
          .doesNotContain(SECRET);
    }
  }

  @Test
  void anUnknownKeyIsAnUnrecognizedClient() throws Exception {
    serve(Duration.ZERO);
    try (SfnClient sfn = client("AKIDUNKNOWN", SECRET)) {
      SfnException e = createFails(sfn, "allowed");
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("The security token included in the request is invalid.");
    }
  }

  @Test
  void aSignatureOlderThanFifteenMinutesHasExpired() throws Exception {
    serve(Duration.ofMinutes(20));
    try (SfnClient sfn = client("AKIDOPERATOR", SECRET)) {
      SfnException e = createFails(sfn, "allowed");
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
      assertThat(e.awsErrorDetails().errorMessage())
          .matches(
              "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z"
                  + " \\(\\d{8}T\\d{6}Z - 15 min\\.\\)");
    }
  }

  @Test
  void anUnsignedRequestIsRefused() throws Exception {
    serve(Duration.ZERO);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/"))
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body())
        .isEqualTo(
            "{\"__type\":\"MissingAuthenticationTokenException\",\"message\":\"Missing"
                + " Authentication Token\"}");
  }
}
