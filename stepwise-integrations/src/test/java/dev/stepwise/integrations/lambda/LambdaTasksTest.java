package dev.stepwise.integrations.lambda;

import static dev.stepwise.integrations.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.integrations.RecordingCallbacks;
import dev.stepwise.integrations.RecordingCallbacks.Event;
import dev.stepwise.integrations.Requests;
import dev.stepwise.integrations.TestServer;
import dev.stepwise.integrations.TestServer.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against a fake Lambda: an HTTP server answering {@code POST
 * /2015-03-31/functions/<name>/invocations}.
 */
class LambdaTasksTest {
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:Hello";
  private static final String INVOKE = "arn:aws:states:::lambda:invoke";
  private static final String PYTHON_ERROR =
      "{\"errorMessage\": \"Some exception was raised.\", \"errorType\": \"Exception\","
          + " \"requestId\": \"r-1\", \"stackTrace\": [\"  File \\\"/var/task/handler.py\\\", line 2\"]}";

  private final TestServer lambda = new TestServer();
  private final LambdaTasks tasks =
      LambdaTasks.create(
          LambdaSettings.region("us-east-1")
              .withEndpoint(URI.create(lambda.url("")))
              .withCredentials(new LambdaSettings.Credentials("AKID", "SECRET", null)));

  @AfterEach
  void close() {
    tasks.close();
    lambda.close();
  }

  private static String path(String function) {
    return "/2015-03-31/functions/" + function + "/invocations";
  }

  private static Response ok(String payload) {
    return new Response(
        200,
        Map.of(
            "Content-Type", "application/json",
            "X-Amz-Executed-Version", "$LATEST",
            "x-amzn-RequestId", "req-1"),
        payload);
  }

  private static Response functionError(String payload) {
    return new Response(
        200,
        Map.of(
            "Content-Type", "application/json",
            "X-Amz-Function-Error", "Unhandled",
            "x-amzn-RequestId", "req-2"),
        payload);
  }

  private RecordingCallbacks start(String resource, String parameters) {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    tasks.dispatch(
        Requests.task(Requests.EXECUTION, "Call", resource, parameters, null), callbacks);
    return callbacks;
  }

  private Event run(String resource, String parameters) {
    return start(resource, parameters).outcome();
  }

  @Test
  void aFunctionArnGetsTheStateInputAndReturnsThePayload() {
    lambda.on(path(FUNCTION), r -> ok("{\"greeting\": \"hi\"}"));

    Event event = run(FUNCTION, "{\"body\": \"string body\"}");

    assertThat(event).isEqualTo(new Event.Succeeded(json("{\"greeting\": \"hi\"}")));
    TestServer.Request request = lambda.requests().getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.body()).isEqualTo("{\"body\":\"string body\"}");
    assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
    assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKID/");
  }

  @Test
  void lambdaInvokeReturnsTheInvokeResponse() {
    lambda.on(path("Hello"), r -> ok("{\"body\": \"string body\"}"));

    Event event =
        run(
            INVOKE,
            "{\"FunctionName\": \"Hello\", \"Payload\": {\"x\": 1}, \"Qualifier\": \"prod\"}");

    assertThat(withoutDate(event))
        .isEqualTo(
            json(
                """
                {"ExecutedVersion": "$LATEST",
                 "Payload": {"body": "string body"},
                 "SdkHttpMetadata": {
                   "AllHttpHeaders": {"Content-length": ["23"], "Content-type": ["application/json"],
                                      "X-amz-executed-version": ["$LATEST"], "X-amzn-requestid": ["req-1"]},
                   "HttpHeaders": {"Content-length": "23", "Content-type": "application/json",
                                   "X-amz-executed-version": "$LATEST", "X-amzn-requestid": "req-1"},
                   "HttpStatusCode": 200},
                 "SdkResponseMetadata": {"RequestId": "req-1"},
                 "StatusCode": 200}
                """));
    TestServer.Request request = lambda.requests().getFirst();
    assertThat(request.pathAndQuery()).isEqualTo(path("Hello") + "?Qualifier=prod");
    assertThat(request.body()).isEqualTo("{\"x\":1}");
  }

  /** The output without the {@code Date} header the test server adds. */
  private static JsonNode withoutDate(Event event) {
    assertThat(event).isInstanceOf(Event.Succeeded.class);
    ObjectNode output = (ObjectNode) ((Event.Succeeded) event).output().deepCopy();
    for (String map : new String[] {"AllHttpHeaders", "HttpHeaders"}) {
      Iterator<String> names = output.get("SdkHttpMetadata").get(map).fieldNames();
      while (names.hasNext()) {
        if (names.next().equalsIgnoreCase("date")) {
          names.remove();
        }
      }
    }
    return output;
  }

  @Test
  void payloadArgumentsAreSentAsJson() {
    lambda.on(path("Hello"), r -> ok(r.body()));

    assertThat(run(INVOKE, "{\"FunctionName\": \"Hello\", \"Payload\": \"{\\\"a\\\": 1}\"}"))
        .isInstanceOf(Event.Succeeded.class);
    assertThat(run(INVOKE, "{\"FunctionName\": \"Hello\", \"Payload\": \"plain text\"}"))
        .isInstanceOf(Event.Succeeded.class);
    assertThat(lambda.requests())
        .extracting(TestServer.Request::body)
        .containsExactly("{\"a\": 1}", "\"plain text\"");
  }

  @Test
  void aFunctionErrorIsNamedByItsErrorType() {
    lambda.on(path(FUNCTION), r -> functionError(PYTHON_ERROR));
    lambda.on(path("Hello"), r -> functionError(PYTHON_ERROR));

    // A function ARN task reports the payload as Lambda returned it...
    assertThat(run(FUNCTION, "{}")).isEqualTo(new Event.Failed("Exception", PYTHON_ERROR));
    // ...lambda:invoke re-serialises the parsed payload compactly.
    assertThat(run(INVOKE, "{\"FunctionName\": \"Hello\"}"))
        .isEqualTo(
            new Event.Failed(
                "Exception",
                "{\"errorMessage\":\"Some exception was raised.\",\"errorType\":\"Exception\","
                    + "\"requestId\":\"r-1\",\"stackTrace\":[\"  File \\\"/var/task/handler.py\\\", line 2\"]}"));
  }

  @Test
  void aFunctionErrorWithoutErrorTypeIsLambdaUnknown() {
    String timedOut =
        "{\"errorMessage\":\"2024-11-26T00:36:39.604Z 5b1c Task timed out after 3.00 seconds\"}";
    lambda.on(path(FUNCTION), r -> functionError(timedOut));

    assertThat(run(FUNCTION, "{}"))
        .isEqualTo(
            new Event.Failed(
                "Lambda.Unknown",
                "The cause could not be determined because Lambda did not return an error type."
                    + " Returned payload: "
                    + timedOut));
  }

  @Test
  void serviceErrorsAreLambdaErrorCodes() {
    lambda.on(
        path("nope"),
        r ->
            new Response(
                404,
                Map.of(
                    "Content-Type", "application/json",
                    "x-amzn-ErrorType", "ResourceNotFoundException",
                    "x-amzn-RequestId", "req-404"),
                "{\"Type\": \"User\", \"Message\": \"Function not found:"
                    + " arn:aws:lambda:us-east-1:123456789012:function:nope\"}"));
    lambda.on(
        path("busy"),
        r ->
            new Response(
                429,
                Map.of(
                    "Content-Type", "application/json",
                    "x-amzn-ErrorType", "TooManyRequestsException",
                    "x-amzn-RequestId", "req-429"),
                "{\"Reason\": \"ReservedFunctionConcurrentInvocationLimitExceeded\","
                    + " \"Type\": \"User\", \"message\": \"Rate Exceeded.\"}"));

    assertThat(run(INVOKE, "{\"FunctionName\": \"nope\"}"))
        .isEqualTo(
            new Event.Failed(
                "Lambda.ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope (Service:"
                    + " AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request"
                    + " ID: req-404; Proxy: null)"));
    assertThat(run(INVOKE, "{\"FunctionName\": \"busy\"}"))
        .isEqualTo(
            new Event.Failed(
                "Lambda.TooManyRequestsException",
                "Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code:"
                    + " TooManyRequestsException; Request ID: req-429; Proxy: null)"));
    // No SDK retries: the state's Retry decides.
    assertThat(lambda.requests()).hasSize(2);
  }

  @Test
  void waitForTaskTokenSubmitsTheInvokeResponseAndWaits() {
    lambda.on(path("Ask"), r -> ok("null"));

    RecordingCallbacks callbacks =
        start(
            INVOKE + ".waitForTaskToken",
            "{\"FunctionName\": \"Ask\", \"Payload\": {\"token\": \"token-1\"}}");

    JsonNode submitted = callbacks.submittedResponse();
    assertThat(submitted.get("Payload")).isEqualTo(json("null"));
    assertThat(submitted.get("StatusCode")).isEqualTo(json("200"));
    assertThat(lambda.requests().getFirst().body()).isEqualTo("{\"token\":\"token-1\"}");
    assertThat(callbacks.events()).hasSize(1);
    assertThat(callbacks.ended()).isFalse();
  }

  @Test
  void checksTheArguments() {
    assertThat(run(INVOKE, "{\"Payload\": {}}"))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime", "The field 'FunctionName' is required but was missing."));
    assertThat(run(INVOKE, "{\"FunctionName\": \"f\", \"Qualifier\": 1}"))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime", "The lambda:invoke field 'Qualifier' must be a string."));
  }

  @Test
  void anUnreachableEndpointIsAnSdkClientException() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (LambdaTasks unreachable =
        LambdaTasks.create(
            LambdaSettings.region("us-east-1")
                .withEndpoint(URI.create("http://127.0.0.1:" + port))
                .withCredentials(new LambdaSettings.Credentials("AKID", "SECRET", "TOKEN")))) {
      RecordingCallbacks callbacks = new RecordingCallbacks();
      unreachable.dispatch(Requests.task("Call", FUNCTION, "{}"), callbacks);

      Event event = callbacks.outcome();
      assertThat(event).isInstanceOf(Event.Failed.class);
      assertThat(((Event.Failed) event).error()).isEqualTo("Lambda.SdkClientException");
      assertThat(((Event.Failed) event).cause()).startsWith("Unable to execute HTTP request");
    }
  }
}
