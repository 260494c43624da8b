package dev.stepwise.security.sigv4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK for Java v2's own SigV4 signer, as a server receives them. */
final class SdkSigning {
  static final String KEY_ID = "AKIDEXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final String BODY =
      "{\"stateMachineArn\":\"arn:aws:states:us-east-1:123456789012:stateMachine:Hello\","
          + "\"input\":\"{}\"}";

  private SdkSigning() {}

  /** A StartExecution call signed for {@code states} in us-east-1 at {@code at}. */
  static HttpRequest startExecution(Instant at) {
    return sign(KEY_ID, SECRET, "states", "us-east-1", at, BODY, b -> b);
  }

  static HttpRequest sign(
      String keyId,
      String secret,
      String service,
      String region,
      Instant at,
      String body,
      UnaryOperator<SdkHttpRequest.Builder> customize) {
    SdkHttpRequest.Builder builder =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("http://localhost:8083/"))
            .putHeader("Content-Type", "application/x-amz-json-1.0")
            .putHeader("X-Amz-Target", "AWSStepFunctions.StartExecution");
    SdkHttpRequest request = customize.apply(builder).build();
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(keyId, secret))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
            .request();
    return received(signed, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The request as an HTTP server hands it over: raw path and query, all headers, the body. */
  static HttpRequest received(SdkHttpRequest request, byte[] body) {
    return new HttpRequest(
        request.method().name(),
        request.encodedPath(),
        request.encodedQueryParameters().orElse(null),
        request.headers(),
        body);
  }
}
