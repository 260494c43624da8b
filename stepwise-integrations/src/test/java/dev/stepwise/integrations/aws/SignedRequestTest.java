package dev.stepwise.integrations.aws;

import static dev.stepwise.integrations.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.integrations.RecordingCallbacks;
import dev.stepwise.integrations.RecordingCallbacks.Event;
import dev.stepwise.integrations.Requests;
import dev.stepwise.integrations.ServiceEndpoints;
import dev.stepwise.integrations.TestServer;
import dev.stepwise.integrations.TestServer.Response;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code aws-sdk:lambda:invoke}, which no local stand-in here serves, against a loopback server
 * that checks the request the SDK signs and sends: the path, the payload, the SigV4 scope.
 */
class SignedRequestTest {
  private final TestServer lambda = new TestServer();
  private final AwsIntegrations aws =
      AwsIntegrations.create(
          AwsSettings.region("eu-west-1")
              .withEndpoints(new ServiceEndpoints(Map.of("lambda", URI.create(lambda.url("")))))
              .withCredentials(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create("AKIDSIGNED", "SECRET"))));

  @AfterEach
  void close() {
    aws.close();
    lambda.close();
  }

  @Test
  void invokeSendsThePayloadAsTextAndReturnsItAsEscapedJson() {
    lambda.on(
        "/2015-03-31/functions/Hello/invocations",
        r ->
            new Response(
                200,
                Map.of(
                    "Content-Type", "application/json",
                    "X-Amz-Executed-Version", "$LATEST",
                    "x-amzn-RequestId", "req-1"),
                "{\"greeting\":\"hi\"}"));
    RecordingCallbacks callbacks = new RecordingCallbacks();
    aws.sdk()
        .dispatch(
            Requests.task(
                "Call",
                "arn:aws:states:::aws-sdk:lambda:invoke",
                "{\"FunctionName\": \"Hello\", \"Payload\": {\"name\": \"stepwise\"}}"),
            callbacks);

    // The SDK integration, unlike lambda:invoke, leaves the payload as the function's text.
    assertThat(callbacks.outcome())
        .isEqualTo(
            new Event.Succeeded(
                json(
                    "{\"StatusCode\": 200, \"Payload\": \"{\\\"greeting\\\":\\\"hi\\\"}\","
                        + " \"ExecutedVersion\": \"$LATEST\"}")));
    TestServer.Request request = lambda.requests().getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.body()).isEqualTo("{\"name\":\"stepwise\"}");
    assertThat(request.header("Authorization"))
        .matches(
            "AWS4-HMAC-SHA256 Credential=AKIDSIGNED/\\d{8}/eu-west-1/lambda/aws4_request,"
                + " SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}");
    assertThat(request.header("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
  }

  @Test
  void aServiceErrorIsNamedByItsModeledException() {
    lambda.on(
        "/2015-03-31/functions/Missing/invocations",
        r ->
            new Response(
                404,
                Map.of(
                    "Content-Type", "application/json",
                    "x-amzn-RequestId", "req-2",
                    "x-amzn-ErrorType", "ResourceNotFoundException"),
                "{\"Type\":\"User\",\"message\":\"Function not found:"
                    + " arn:aws:lambda:eu-west-1:123456789012:function:Missing\"}"));
    RecordingCallbacks callbacks = new RecordingCallbacks();
    aws.sdk()
        .dispatch(
            Requests.task(
                "Call",
                "arn:aws:states:::aws-sdk:lambda:invoke",
                "{\"FunctionName\": \"Missing\"}"),
            callbacks);
    assertThat(callbacks.outcome())
        .isEqualTo(
            new Event.Failed(
                "Lambda.ResourceNotFoundException",
                "Function not found: arn:aws:lambda:eu-west-1:123456789012:function:Missing"
                    + " (Service: Lambda, Status Code: 404, Request ID: req-2)"));
  }
}
