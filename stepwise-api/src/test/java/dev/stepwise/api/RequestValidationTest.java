package dev.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AWS's answer to every bad request: the model's checks, unknown operations, methods and paths. */
class RequestValidationTest {
  private static final String PASS =
      "{\\\"StartAt\\\":\\\"P\\\",\\\"States\\\":{\\\"P\\\":{\\\"Type\\\":\\\"Pass\\\",\\\"End\\\":true}}}";

  private final TestServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  RequestValidationTest() throws Exception {
    server = new TestServer();
  }

  @AfterEach
  void close() {
    server.close();
  }

  private record Answer(int status, String body) {}

  private Answer raw(String method, String path, String target, byte[] body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/x-amz-json-1.0")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (target != null) {
      b.header("X-Amz-Target", target);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  private Answer post(String operation, String json) throws Exception {
    return raw("POST", "/", "AWSStepFunctions." + operation, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void membersOverTheirLengthAreValidationErrors() throws Exception {
    String name = "A".repeat(81);
    assertThat(
            post(
                "CreateStateMachine",
                "{\"name\":\"%s\",\"definition\":\"%s\",\"roleArn\":\"%s\"}"
                    .formatted(name, PASS, TestServer.ROLE)))
        .isEqualTo(
            new Answer(
                400,
                "{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected:"
                    + " Value '"
                    + name
                    + "' at 'name' failed to satisfy constraint: Member must have length less"
                    + " than or equal to 80\"}"));
  }

  @Test
  void everyViolationIsListedAndSensitiveValuesAreNotQuoted() throws Exception {
    assertThat(
            post(
                "CreateStateMachine",
                "{\"name\":\"m\",\"definition\":\"%s\",\"publish\":true,\"versionDescription\":\"%s\"}"
                    .formatted(PASS, "d".repeat(257))))
        .isEqualTo(
            new Answer(
                400,
                "{\"__type\":\"ValidationException\",\"message\":\"2 validation errors detected:"
                    + " Value null at 'roleArn' failed to satisfy constraint: Member must not be"
                    + " null; Value at 'versionDescription' failed to satisfy constraint: Member"
                    + " must have length less than or equal to 256\"}"));
  }

  @Test
  void wrongJsonTypesAreSerializationErrors() throws Exception {
    String create = "{\"name\":\"m\",\"definition\":\"%s\",\"roleArn\":\"%s\",\"publish\":%s}";
    assertThat(post("CreateStateMachine", create.formatted(PASS, TestServer.ROLE, "123")))
        .isEqualTo(
            new Answer(
                400,
                "{\"__type\":\"SerializationException\",\"message\":\"class java.math.BigDecimal"
                    + " can not be converted to an Boolean\"}"));
    assertThat(post("CreateStateMachine", create.formatted(PASS, TestServer.ROLE, "\"yes\"")))
        .isEqualTo(
            new Answer(
                400,
                "{\"__type\":\"SerializationException\",\"message\":\"'YES' can not be converted"
                    + " to an Boolean\"}"));
    assertThat(post("ListStateMachines", "{\"maxResults\":\"10\"}"))
        .isEqualTo(
            new Answer(
                400,
                "{\"__type\":\"SerializationException\",\"message\":\"class java.lang.String can"
                    + " not be converted to an Integer\"}"));
    assertThat(post("DescribeStateMachine", "{\"stateMachineArn\":{\"a\":1}}"))
        .isEqualTo(
            new Answer(
                400,
                "{\"__type\":\"SerializationException\",\"message\":\"Start of structure or map"
                    + " found where not expected.\"}"));
    assertThat(post("UntagResource", "{\"resourceArn\":\"x\",\"tagKeys\":\"k\"}"))
        .isEqualTo(
            new Answer(
                400,
                "{\"__type\":\"SerializationException\",\"message\":\"Expected list or null\"}"));
  }

  @Test
  void rangesHoldForAnyNumber() throws Exception {
    for (String n : new String[] {"1001", "2147483648", "1e400"}) {
      String shown = n.equals("1e400") ? "Infinity" : n;
      assertThat(post("ListStateMachines", "{\"maxResults\":" + n + "}"))
          .isEqualTo(
              new Answer(
                  400,
                  "{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected:"
                      + " Value '"
                      + shown
                      + "' at 'maxResults' failed to satisfy constraint: Member must have value"
                      + " less than or equal to 1000\"}"));
    }
  }

  @Test
  void unknownOperationsMethodsAndPathsAnswerAsAws() throws Exception {
    assertThat(post("Nope", "{}"))
        .isEqualTo(
            new Answer(
                400,
                "{\"__type\":\"UnknownOperationException\",\"message\":\"Unknown operation:"
                    + " 'AWSStepFunctions.Nope'\"}"));
    assertThat(raw("POST", "/", null, new byte[0]))
        .isEqualTo(
            new Answer(
                400,
                "{\"__type\":\"UnknownOperationException\",\"message\":\"Missing X-Amz-Target"
                    + " header: the Step Functions API is AWS JSON 1.0, POST / with X-Amz-Target:"
                    + " AWSStepFunctions.<Operation>\"}"));
    assertThat(raw("GET", "/", null, new byte[0]))
        .isEqualTo(
            new Answer(
                404,
                "{\"__type\":\"UnknownOperationException\",\"message\":\"No operation at GET /:"
                    + " the Step Functions API is POST /\"}"));
    assertThat(raw("POST", "/other", "AWSStepFunctions.ListStateMachines", "{}".getBytes()))
        .isEqualTo(
            new Answer(
                404,
                "{\"__type\":\"UnknownOperationException\",\"message\":\"No operation at POST"
                    + " /other: the Step Functions API is POST /\"}"));
    assertThat(raw("HEAD", "/", null, new byte[0])).isEqualTo(new Answer(404, ""));
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() throws Exception {
    byte[] body = "{\"name\":\"a\u0000b\"}".replace('\u0000', '?').getBytes(StandardCharsets.UTF_8);
    body[10] = (byte) 0xff; // the '?' inside the name
    assertThat(raw("POST", "/", "AWSStepFunctions.CreateActivity", body))
        .isEqualTo(
            new Answer(
                400,
                "{\"__type\":\"SerializationException\",\"message\":\"Invalid UTF-8 in the"
                    + " request body\"}"));
    assertThat(server.call("ListActivities", "{}").path("activities").size()).isZero();
  }

  @Test
  void pageTokensCannotBeForgedNorCarriedToAnotherStore() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.create(
          "m" + i, "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
    }
    String token = server.call("ListStateMachines", "{\"maxResults\":1}").get("nextToken").asText();
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    bytes[bytes.length - 1] ^= 1;
    String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String invalid = "{\"__type\":\"InvalidToken\",\"message\":\"Invalid Token: 'Invalid token'\"}";
    for (String bad : new String[] {tampered, "AAAA", "not a token", token.substring(1)}) {
      assertThat(post("ListStateMachines", "{\"nextToken\":\"" + bad + "\"}"))
          .isEqualTo(new Answer(400, invalid));
    }
    try (TestServer other = new TestServer()) {
      assertThat(other.call("ListStateMachines", "{\"nextToken\":\"" + token + "\"}").toString())
          .isEqualTo(invalid);
    }
    // The layout is not readable: the position (a state machine's name) is not in the token.
    assertThat(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1))
        .doesNotContain("m0");
  }
}
