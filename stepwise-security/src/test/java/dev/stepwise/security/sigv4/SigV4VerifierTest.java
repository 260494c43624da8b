package dev.stepwise.security.sigv4;

import static dev.stepwise.security.sigv4.SdkSigning.BODY;
import static dev.stepwise.security.sigv4.SdkSigning.KEY_ID;
import static dev.stepwise.security.sigv4.SdkSigning.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.security.sigv4.Verification.Authenticated;
import dev.stepwise.security.sigv4.Verification.Rejected;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

class SigV4VerifierTest {
  private static final Instant SIGNED_AT = Instant.parse("2026-11-24T10:30:00Z");
  private static final String PRINCIPAL = "arn:aws:iam::123456789012:user/alice";
  private static final AccessKeys KEYS =
      AccessKeys.of(List.of(new AccessKey(KEY_ID, SECRET, PRINCIPAL)));

  private static Verification verify(HttpRequest request, Instant now) {
    return new SigV4Verifier(KEYS, InstantSource.fixed(now), "us-east-1"::equals).verify(request);
  }

  private static Verification verify(HttpRequest request) {
    return verify(request, SIGNED_AT);
  }

  private static HttpRequest withHeader(HttpRequest request, String name, String value) {
    Map<String, List<String>> headers = new HashMap<>(request.headers());
    headers.keySet().removeIf(name::equalsIgnoreCase); // header names are case-insensitive
    headers.put(name, List.of(value));
    return new HttpRequest(
        request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
  }

  private static HttpRequest withoutHeader(HttpRequest request, String name) {
    Map<String, List<String>> headers = new HashMap<>(request.headers());
    headers.keySet().removeIf(name::equalsIgnoreCase);
    return new HttpRequest(
        request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
  }

  private static Rejected incomplete(String message) {
    return new Rejected("IncompleteSignatureException", message, 400);
  }

  private static Rejected invalid(String message) {
    return new Rejected("InvalidSignatureException", message, 400);
  }

  private static final Rejected MISMATCH =
      invalid(
          "The request signature we calculated does not match the signature you provided. Check"
              + " your AWS Secret Access Key and signing method. Consult the service documentation"
              + " for details.");

  @Test
  void aRequestSignedWithTheRightKeyIsAuthenticated() {
    assertThat(verify(SdkSigning.startExecution(SIGNED_AT)))
        .isEqualTo(new Authenticated(PRINCIPAL, KEY_ID, "us-east-1"));
  }

  @Test
  void pathAndQueryAreCanonicalisedAsTheSdkDoes() {
    HttpRequest request =
        SdkSigning.sign(
            KEY_ID,
            SECRET,
            "states",
            "us-east-1",
            SIGNED_AT,
            "",
            b ->
                b.method(SdkHttpMethod.GET)
                    .encodedPath("/a%20b/./c/../d~e")
                    .putRawQueryParameter("z", "1")
                    .putRawQueryParameter("a", List.of("2", "1"))
                    .putRawQueryParameter("sp", "x y+z/é"));
    assertThat(request.rawQuery()).isEqualTo("z=1&a=2&a=1&sp=x%20y%2Bz%2F%C3%A9");
    assertThat(verify(request)).isEqualTo(new Authenticated(PRINCIPAL, KEY_ID, "us-east-1"));
  }

  @Test
  void aRealSfnClientRequestIsAuthenticated() {
    AtomicReference<HttpRequest> captured = new AtomicReference<>();
    SdkHttpClient capture =
        new SdkHttpClient() {
          @Override
          public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
              @Override
              public HttpExecuteResponse call() throws IOException {
                byte[] body;
                try (InputStream in =
                    request
                        .contentStreamProvider()
                        .map(p -> p.newStream())
                        .orElse(InputStream.nullInputStream())) {
                  body = in.readAllBytes();
                }
                captured.set(SdkSigning.received(request.httpRequest(), body));
                byte[] response = "{\"stateMachines\":[]}".getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                    .response(
                        SdkHttpResponse.builder()
                            .statusCode(200)
                            .putHeader("Content-Type", "application/x-amz-json-1.0")
                            .putHeader("Content-Length", String.valueOf(response.length))
                            .build())
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response)))
                    .build();
              }

              @Override
              public void abort() {}
            };
          }

          @Override
          public void close() {}
        };
    try (SfnClient sfn =
        SfnClient.builder()
            .httpClient(capture)
            .endpointOverride(URI.create("http://localhost:8083"))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
            .build()) {
      assertThat(sfn.listStateMachines(r -> r.maxResults(5)).stateMachines()).isEmpty();
    }
    HttpRequest request = captured.get();
    assertThat(request.header("X-Amz-Target")).isEqualTo("AWSStepFunctions.ListStateMachines");
    Instant signedAt =
        LocalDateTime.parse(
                request.header("X-Amz-Date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
            .toInstant(ZoneOffset.UTC);
    assertThat(verify(request, signedAt))
        .isEqualTo(new Authenticated(PRINCIPAL, KEY_ID, "us-east-1"));
    assertThat(
            verify(
                withHeader(request, "X-Amz-Target", "AWSStepFunctions.DeleteStateMachine"),
                signedAt))
        .isEqualTo(MISMATCH);
  }

  @Test
  void aWrongSecretFailsTheSignature() {
    HttpRequest request =
        SdkSigning.sign(KEY_ID, "not-the-secret", "states", "us-east-1", SIGNED_AT, BODY, b -> b);
    assertThat(verify(request)).isEqualTo(MISMATCH);
  }

  @Test
  void anUnknownKeyIsUnrecognized() {
    HttpRequest request =
        SdkSigning.sign("AKIDUNKNOWN", SECRET, "states", "us-east-1", SIGNED_AT, BODY, b -> b);
    assertThat(verify(request))
        .isEqualTo(
            new Rejected(
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
                400));
  }

  @Test
  void aSessionTokenIsNotAccepted() {
    HttpRequest request =
        SdkSigning.sign(
            KEY_ID,
            SECRET,
            "states",
            "us-east-1",
            SIGNED_AT,
            BODY,
            b -> b.putHeader("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE"));
    assertThat(verify(request))
        .isEqualTo(
            new Rejected(
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
                400));
  }

  @Test
  void aMissingAuthorizationHeaderIsAMissingToken() {
    HttpRequest request = withoutHeader(SdkSigning.startExecution(SIGNED_AT), "Authorization");
    assertThat(verify(request))
        .isEqualTo(
            new Rejected(
                "MissingAuthenticationTokenException", "Missing Authentication Token", 403));
  }

  @Test
  void aSignatureOlderThanFifteenMinutesHasExpired() {
    HttpRequest request = SdkSigning.startExecution(Instant.parse("2026-11-24T10:15:00Z"));
    assertThat(verify(request, Instant.parse("2026-11-24T10:45:00Z")))
        .isEqualTo(
            invalid(
                "Signature expired: 20261124T101500Z is now earlier than 20261124T103000Z"
                    + " (20261124T104500Z - 15 min.)"));
    assertThat(verify(request, Instant.parse("2026-11-24T10:30:00.999Z")))
        .as("exactly 15 minutes old is still accepted")
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void aSignatureMoreThanFifteenMinutesAheadIsNotYetCurrent() {
    HttpRequest request = SdkSigning.startExecution(Instant.parse("2026-11-24T11:00:00Z"));
    assertThat(verify(request, Instant.parse("2026-11-24T10:30:00Z")))
        .isEqualTo(
            invalid(
                "Signature not yet current: 20261124T110000Z is still later than 20261124T104500Z"
                    + " (20261124T103000Z + 15 min.)"));
    assertThat(verify(request, Instant.parse("2026-11-24T10:45:00Z")))
        .isInstanceOf(Authenticated.class);
  }

  @Test
  void aTamperedBodyFailsTheSignature() {
    HttpRequest signed = SdkSigning.startExecution(SIGNED_AT);
    HttpRequest tampered =
        new HttpRequest(
            signed.method(),
            signed.rawPath(),
            signed.rawQuery(),
            signed.headers(),
            BODY.replace("Hello", "Other").getBytes(StandardCharsets.UTF_8));
    assertThat(verify(tampered)).isEqualTo(MISMATCH);
  }

  @Test
  void aTamperedSignedHeaderFailsTheSignature() {
    HttpRequest request =
        withHeader(
            SdkSigning.startExecution(SIGNED_AT),
            "X-Amz-Target",
            "AWSStepFunctions.DeleteStateMachine");
    assertThat(verify(request)).isEqualTo(MISMATCH);
  }

  @Test
  void aContentHashThatIsNotTheBodysFails() {
    HttpRequest request =
        withHeader(
            SdkSigning.startExecution(SIGNED_AT),
            "X-Amz-Content-Sha256",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(verify(request)).isEqualTo(MISMATCH);
  }

  @Test
  void aSignatureForAnotherServiceIsRejected() {
    HttpRequest request =
        SdkSigning.sign(KEY_ID, SECRET, "lambda", "us-east-1", SIGNED_AT, BODY, b -> b);
    assertThat(verify(request))
        .isEqualTo(invalid("Credential should be scoped to correct service: 'states'. "));
  }

  @Test
  void aSignatureForARegionNotServedIsRejected() {
    HttpRequest request =
        SdkSigning.sign(KEY_ID, SECRET, "states", "eu-west-1", SIGNED_AT, BODY, b -> b);
    assertThat(verify(request))
        .isEqualTo(invalid("Credential should be scoped to a valid region, not 'eu-west-1'. "));
  }

  @Test
  void authorizationWithoutParametersIsIncomplete() {
    HttpRequest request =
        withHeader(
            SdkSigning.startExecution(SIGNED_AT),
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261124/us-east-1/states/aws4_request");
    assertThat(verify(request))
        .isEqualTo(
            incomplete(
                "Authorization header requires 'Signature' parameter. Authorization header"
                    + " requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256"
                    + " Credential=AKIDEXAMPLE/20261124/us-east-1/states/aws4_request"));
  }

  @Test
  void aBearerTokenIsNotASignature() {
    HttpRequest request =
        withoutHeader(
            withHeader(
                SdkSigning.startExecution(SIGNED_AT), "Authorization", "eyJhbGciOiJIUzI1NiJ9"),
            "X-Amz-Date");
    assertThat(verify(request))
        .isEqualTo(
            incomplete(
                "Authorization header requires 'Credential' parameter. Authorization header"
                    + " requires 'Signature' parameter. Authorization header requires"
                    + " 'SignedHeaders' parameter. Authorization header requires existence of"
                    + " either a 'X-Amz-Date' or a 'Date' header."
                    + " Authorization=eyJhbGciOiJIUzI1NiJ9"));
  }

  @Test
  void aParameterWithoutAnEqualSignIsIncomplete() {
    String header =
        "AWS4-HMAC-SHA256 Credential= AKIDEXAMPLE/20261124/us-east-1/states/aws4_request,"
            + " SignedHeaders=host;x-amz-date, Signature=abc";
    HttpRequest request = withHeader(SdkSigning.startExecution(SIGNED_AT), "Authorization", header);
    assertThat(verify(request))
        .isEqualTo(
            incomplete(
                "'AKIDEXAMPLE/20261124/us-east-1/states/aws4_request' not a valid key=value pair"
                    + " (missing equal-sign) in Authorization header: '"
                    + header
                    + "'."));
  }

  @Test
  void aCredentialNeedsFiveParts() {
    HttpRequest request =
        withHeader(
            SdkSigning.startExecution(SIGNED_AT),
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261124/us-east-1/states,"
                + " SignedHeaders=host;x-amz-date, Signature=abc");
    assertThat(verify(request))
        .isEqualTo(
            incomplete(
                "Credential must have exactly 5 slash-delimited elements, e.g."
                    + " keyid/date/region/service/term, got"
                    + " 'AKIDEXAMPLE/20261124/us-east-1/states'"));
  }

  @Test
  void hostMustBeSigned() {
    HttpRequest signed = SdkSigning.startExecution(SIGNED_AT);
    String header =
        signed
            .header("Authorization")
            .replaceAll("SignedHeaders=[^,]*", "SignedHeaders=x-amz-date");
    assertThat(verify(withHeader(signed, "Authorization", header)))
        .isEqualTo(
            incomplete(
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
  }

  @Test
  void theDateMustBeSigned() {
    HttpRequest signed = SdkSigning.startExecution(SIGNED_AT);
    String header =
        signed.header("Authorization").replaceAll("SignedHeaders=[^,]*", "SignedHeaders=host");
    assertThat(verify(withHeader(signed, "Authorization", header)))
        .isEqualTo(incomplete("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization."));
  }

  @Test
  void theScopeDateMustBeTheRequestsDay() {
    HttpRequest request =
        withHeader(SdkSigning.startExecution(SIGNED_AT), "X-Amz-Date", "20261125T103000Z");
    assertThat(verify(request))
        .isEqualTo(
            invalid(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date"
                    + " from HTTP: '20261124' != '20261125', from '20261125T103000Z'."));
  }

  @Test
  void theDateMustBeInBasicFormat() {
    HttpRequest request =
        withHeader(SdkSigning.startExecution(SIGNED_AT), "X-Amz-Date", "2026-11-24T10:30:00Z");
    assertThat(verify(request))
        .isEqualTo(
            incomplete(
                "Date must be in ISO-8601 'basic format'. Got '2026-11-24T10:30:00Z'. See"
                    + " http://en.wikipedia.org/wiki/ISO_8601"));
  }

  @Test
  void headerNamesAreCaseInsensitive() {
    HttpRequest signed = SdkSigning.startExecution(SIGNED_AT);
    Map<String, List<String>> upper = new HashMap<>();
    signed
        .headers()
        .forEach((name, values) -> upper.put(name.toUpperCase(), new ArrayList<>(values)));
    HttpRequest request =
        new HttpRequest(signed.method(), signed.rawPath(), null, upper, signed.body());
    assertThat(request.header("x-amz-date")).isEqualTo("20261124T103000Z");
    assertThat(verify(request)).isInstanceOf(Authenticated.class);
  }
}
