package dev.stepwise.integrations.http;

import static dev.stepwise.integrations.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.integrations.RecordingCallbacks;
import dev.stepwise.integrations.RecordingCallbacks.Event;
import dev.stepwise.integrations.Requests;
import dev.stepwise.integrations.TestServer;
import dev.stepwise.integrations.TestServer.Response;
import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTasksTest {
  private static final String CONNECTION =
      "arn:aws:events:us-east-1:123456789012:connection/Example/81210c42";
  private static final String HTTP = "arn:aws:states:::http:invoke";

  private final TestServer server = new TestServer();
  private HttpTasks http =
      new HttpTasks(Connections.of(Map.of(CONNECTION, Connection.NONE)), "us-east-1");

  @AfterEach
  void close() {
    http.close();
    server.close();
  }

  private Event call(String arguments) {
    return call(arguments, null);
  }

  private Event call(String arguments, @Nullable Long timeoutSeconds) {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    TaskRequest request =
        Requests.task(Requests.EXECUTION, "Call", HTTP, arguments, timeoutSeconds);
    http.dispatch(request, callbacks);
    return callbacks.outcome();
  }

  /** The arguments of a task calling {@code path} on the test server. */
  private String args(String method, String path, String more) {
    return "{\"ApiEndpoint\": \""
        + server.url(path)
        + "\", \"Method\": \""
        + method
        + "\", \"Authentication\": {\"ConnectionArn\": \""
        + CONNECTION
        + "\"}"
        + (more.isEmpty() ? "" : ", " + more)
        + "}";
  }

  /** The output without the {@code date} header, whose value changes. */
  private static JsonNode withoutDate(Event event) {
    assertThat(event).isInstanceOf(Event.Succeeded.class);
    ObjectNode output = (ObjectNode) ((Event.Succeeded) event).output().deepCopy();
    assertThat(output.get("Headers").has("date")).isTrue();
    ((ObjectNode) output.get("Headers")).remove("date");
    return output;
  }

  @Test
  void getSendsQueryAndHeadersAndReturnsTheResponse() {
    server.on("/v1/customers", r -> Response.json(200, "{\"data\": [1]}"));

    Event event =
        call(
            args(
                "GET",
                "/v1/customers",
                """
                "Headers": {"X-Trace": "t1", "Accept": ["application/json", "text/plain"]},
                "QueryParameters": {"currency": "usd", "tag": ["a b", "c"], "n": 5}
                """));

    assertThat(withoutDate(event))
        .isEqualTo(
            json(
                """
                {"Headers": {"content-length": ["13"], "content-type": ["application/json"]},
                 "ResponseBody": {"data": [1]}, "StatusCode": 200, "StatusText": "OK"}
                """));
    TestServer.Request request = server.requests().getFirst();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.pathAndQuery()).isEqualTo("/v1/customers?currency=usd&tag=a%20b&tag=c&n=5");
    assertThat(request.header("User-Agent")).isEqualTo("Amazon|StepFunctions|HttpInvoke|us-east-1");
    assertThat(request.header("Range")).isEqualTo("bytes=0-262144");
    assertThat(request.header("X-Trace")).isEqualTo("t1");
    assertThat(request.headers().get("Accept")).containsExactly("application/json", "text/plain");
    assertThat(request.header("Content-Type")).isNull();
    assertThat(request.body()).isEmpty();
  }

  @Test
  void queryParametersMayBeAQueryString() {
    server.on("/q", r -> new Response(204, Map.of(), ""));

    Event event = call(args("DELETE", "/q?x=0", "\"QueryParameters\": \"a=1&b=x%20y&c=p+q\""));

    assertThat(withoutDate(event))
        .isEqualTo(
            json(
                "{\"Headers\": {}, \"ResponseBody\": \"\", \"StatusCode\": 204,"
                    + " \"StatusText\": \"No Content\"}"));
    assertThat(server.requests().getFirst().pathAndQuery()).isEqualTo("/q?x=0&a=1&b=x%20y&c=p%2Bq");
  }

  @Test
  void postsTheRequestBodyAsJson() {
    server.on("/items", r -> new Response(201, Map.of("Content-Type", "text/plain"), "created"));

    Event event =
        call(args("POST", "/items", "\"RequestBody\": {\"Card\": {\"Number\": \"1\"}, \"n\": 1}"));

    assertThat(withoutDate(event))
        .isEqualTo(
            json(
                """
                {"Headers": {"content-length": ["7"], "content-type": ["text/plain"]},
                 "ResponseBody": "created", "StatusCode": 201, "StatusText": "Created"}
                """));
    TestServer.Request request = server.requests().getFirst();
    assertThat(request.body()).isEqualTo("{\"Card\":{\"Number\":\"1\"},\"n\":1}");
    assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
  }

  @Test
  void urlEncodesTheBodyWhenAsked() {
    server.on("/v1/invoices", r -> Response.json(200, "{}"));

    Event event =
        call(
            args(
                "POST",
                "/v1/invoices",
                """
                "Headers": {"Content-Type": "application/x-www-form-urlencoded"},
                "RequestBody": {"customer": "1234567890", "description": "Monthly subscription",
                                "metadata": {"order_details": "monthly report data"}, "tags": ["a", "b"]},
                "Transform": {"RequestBodyEncoding": "URL_ENCODED",
                              "RequestEncodingOptions": {"ArrayFormat": "BRACKETS"}}
                """));

    assertThat(event).isInstanceOf(Event.Succeeded.class);
    TestServer.Request request = server.requests().getFirst();
    assertThat(request.body())
        .isEqualTo(
            "customer=1234567890&description=Monthly%20subscription"
                + "&metadata%5Border_details%5D=monthly%20report%20data&tags%5B%5D=a&tags%5B%5D=b");
    assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
  }

  @Test
  void aStringBodyIsSentAsWritten() {
    server.on("/raw", r -> Response.json(200, "[]"));

    call(
        args(
            "PUT",
            "/raw",
            "\"RequestBody\": \"<a>1</a>\", \"Headers\": {\"Content-Type\": \"application/xml\"}"));

    assertThat(server.requests().getFirst().body()).isEqualTo("<a>1</a>");
  }

  @Test
  void aNon2xxStatusFailsWithItsCodeAndStatusText() {
    server.on("/missing", r -> Response.json(404, "{\"message\": \"no such customer\"}"));
    server.on("/broken", r -> new Response(500, Map.of(), "boom"));
    server.on("/moved", r -> new Response(302, Map.of("Location", "/elsewhere"), ""));

    assertThat(call(args("GET", "/missing", "")))
        .isEqualTo(new Event.Failed("States.Http.StatusCode.404", "Not Found"));
    assertThat(call(args("GET", "/broken", "")))
        .isEqualTo(new Event.Failed("States.Http.StatusCode.500", "Internal Server Error"));
    assertThat(call(args("GET", "/moved", "")))
        .isEqualTo(new Event.Failed("States.Http.StatusCode.302", "Found"));
  }

  @Test
  void forbiddenHeadersFailBeforeAnyCall() {
    assertThat(call(args("GET", "/x", "\"Headers\": {\"Authorization\": \"Bearer t\"}")))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The header 'Authorization' cannot be set in an HTTP Task definition; put"
                    + " credentials in the EventBridge connection instead."));
    assertThat(call(args("GET", "/x", "\"Headers\": {\"X-Amz-Date\": \"now\"}")))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The header 'X-Amz-Date' cannot be set in an HTTP Task definition; put"
                    + " credentials in the EventBridge connection instead."));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void checksTheArguments() {
    assertThat(call("{\"Method\": \"GET\"}"))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The HTTP Task field 'ApiEndpoint' is required but was missing."));
    assertThat(call(args("FETCH", "/x", "")))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The HTTP Task Method 'FETCH' is not supported; use GET, POST, PUT, DELETE, PATCH,"
                    + " OPTIONS or HEAD."));
    assertThat(call("{\"ApiEndpoint\": \"ftp://example.com\", \"Method\": \"GET\"}"))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The HTTP Task ApiEndpoint 'ftp://example.com' is not an absolute https:// (or"
                    + " http://) URL."));
    assertThat(call("{\"ApiEndpoint\": \"https://example.com\", \"Method\": \"GET\"}"))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The HTTP Task needs an EventBridge connection: set Authentication.ConnectionArn"
                    + " or InvocationConfig.ConnectionArn."));
    assertThat(
            call(
                args(
                    "POST",
                    "/x",
                    "\"Transform\": {\"RequestBodyEncoding\": \"URL_ENCODED\","
                        + " \"RequestEncodingOptions\": {\"ArrayFormat\": \"JSON\"}}")))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The HTTP Task ArrayFormat 'JSON' is not supported; use INDICES, REPEAT, COMMAS or"
                    + " BRACKETS."));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void anUnknownConnectionFails() {
    assertThat(
            call(
                "{\"ApiEndpoint\": \"https://example.com\", \"Method\": \"GET\","
                    + " \"InvocationConfig\": {\"ConnectionArn\": \"arn:aws:events:us-east-1:1:connection/nope\"}}"))
        .isEqualTo(
            new Event.Failed(
                "Events.ConnectionResource.ResourceNotFound",
                "The connection 'arn:aws:events:us-east-1:1:connection/nope' is not configured in"
                    + " Stepwise; add it to the HTTP Task connections (or mock this state)."));
  }

  /** AWS's "Merging EventBridge connection and HTTP Task definition data" example. */
  @Test
  void mergesConnectionParametersOverTheDefinitionAndAddsTheApiKey() {
    http.close();
    http =
        new HttpTasks(
            Connections.parse(
                json(
                    """
                    {"%s": {
                      "AuthorizationType": "API_KEY",
                      "AuthParameters": {
                        "ApiKeyAuthParameters": {"ApiKeyName": "ApiKey", "ApiKeyValue": "key_value"},
                        "InvocationHttpParameters": {
                          "BodyParameters": [{"Key": "BodyParam", "Value": "connection_body_param"}],
                          "HeaderParameters": [{"Key": "Header-Param", "Value": "connection_header_param"}],
                          "QueryStringParameters": [{"Key": "QueryParam", "Value": "connection_query_param"}]}}}}
                    """
                        .formatted(CONNECTION))),
            "us-east-1");
    server.on("/path", r -> Response.json(200, "{}"));

    call(
        args(
            "POST",
            "/path",
            """
            "Headers": {"Request-Id": "my_request_id", "Header-Param": "state_machine_header_param"},
            "RequestBody": {"Job": "Software Engineer", "Company": "AnyCompany",
                            "BodyParam": "state_machine_body_param"},
            "QueryParameters": {"QueryParam": "state_machine_query_param"}
            """));

    TestServer.Request request = server.requests().getFirst();
    assertThat(request.pathAndQuery()).isEqualTo("/path?QueryParam=connection_query_param");
    assertThat(request.header("ApiKey")).isEqualTo("key_value");
    assertThat(request.headers().get("Header-Param")).containsExactly("connection_header_param");
    assertThat(request.header("Request-Id")).isEqualTo("my_request_id");
    assertThat(request.body())
        .isEqualTo(
            "{\"Job\":\"Software Engineer\",\"Company\":\"AnyCompany\",\"BodyParam\":\"connection_body_param\"}");
    assertThat(call(args("POST", "/path", "\"RequestBody\": \"text\"")))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The HTTP Task RequestBody is not a JSON object, so the body parameters of the"
                    + " connection '"
                    + CONNECTION
                    + "' cannot be merged into it."));
  }

  @Test
  void basicAuthorization() {
    http.close();
    http =
        new HttpTasks(
            Connections.of(
                Map.of(
                    CONNECTION,
                    new Connection(
                        new Connection.Authorization.Basic("myUsername", "myPassword"),
                        HttpParameters.NONE))),
            "eu-west-1");
    server.on("/b", r -> Response.json(200, "{}"));

    call(args("GET", "/b", ""));

    TestServer.Request request = server.requests().getFirst();
    assertThat(request.header("Authorization"))
        .isEqualTo(
            "Basic " + Base64.getEncoder().encodeToString("myUsername:myPassword".getBytes()));
    assertThat(request.header("User-Agent")).isEqualTo("Amazon|StepFunctions|HttpInvoke|eu-west-1");
  }

  @Test
  void oauthClientCredentialsFetchesCachesAndRefreshesTheToken() {
    AtomicInteger issued = new AtomicInteger();
    server.on(
        "/token",
        r -> Response.json(200, "{\"access_token\": \"tok-" + issued.incrementAndGet() + "\"}"));
    // The first token is refused once, as an expired token would be.
    server.on(
        "/api",
        r ->
            "Bearer tok-1".equals(r.header("Authorization"))
                ? Response.json(401, "{}")
                : Response.json(200, "{\"who\": \"" + r.header("Authorization") + "\"}"));
    http.close();
    http =
        new HttpTasks(
            Connections.parse(
                json(
                    """
                    {"%s": {"AuthorizationType": "OAUTH_CLIENT_CREDENTIALS", "AuthParameters": {
                      "OAuthParameters": {"AuthorizationEndpoint": "%s", "HttpMethod": "POST",
                        "ClientParameters": {"ClientID": "client", "ClientSecret": "s3cret"},
                        "OAuthHttpParameters": {"BodyParameters": [{"Key": "audience", "Value": "api"}]}}}}}
                    """
                        .formatted(CONNECTION, server.url("/token")))),
            "us-east-1");

    Event first = call(args("GET", "/api", ""));
    Event second = call(args("GET", "/api", ""));

    assertThat(((Event.Succeeded) first).output().get("ResponseBody"))
        .isEqualTo(json("{\"who\": \"Bearer tok-2\"}"));
    assertThat(((Event.Succeeded) second).output().get("ResponseBody"))
        .isEqualTo(json("{\"who\": \"Bearer tok-2\"}"));
    List<TestServer.Request> tokenRequests =
        server.requests().stream().filter(r -> r.pathAndQuery().equals("/token")).toList();
    assertThat(tokenRequests).hasSize(2);
    assertThat(tokenRequests.getFirst().method()).isEqualTo("POST");
    assertThat(tokenRequests.getFirst().body())
        .isEqualTo("grant_type=client_credentials&audience=api");
    assertThat(tokenRequests.getFirst().header("Authorization"))
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("client:s3cret".getBytes()));
    assertThat(tokenRequests.getFirst().header("Content-Type"))
        .isEqualTo("application/x-www-form-urlencoded");
  }

  @Test
  void aFailedTokenRequestFailsTheTask() {
    server.on("/token", r -> Response.json(400, "{\"error\": \"invalid_client\"}"));
    http.close();
    http =
        new HttpTasks(
            Connections.of(
                Map.of(
                    CONNECTION,
                    new Connection(
                        new Connection.Authorization.OAuthClientCredentials(
                            java.net.URI.create(server.url("/token")),
                            "POST",
                            "client",
                            "wrong",
                            HttpParameters.NONE),
                        HttpParameters.NONE))),
            "us-east-1");

    assertThat(call(args("GET", "/api", "")))
        .isEqualTo(
            new Event.Failed(
                "Events.ConnectionResource.InvalidConnectionState",
                "The OAuth token request of the connection '"
                    + CONNECTION
                    + "' to '"
                    + server.url("/token")
                    + "' failed: the endpoint answered HTTP 400."));
  }

  @Test
  void binaryResponsesAreRejected() {
    server.on("/img", r -> new Response(200, Map.of("Content-Type", "image/png"), "PNG"));

    assertThat(call(args("GET", "/img", "")))
        .isEqualTo(
            new Event.Failed(
                "States.Runtime",
                "The HTTP Task cannot use the response: its Content-Type is 'image/png', and only"
                    + " text responses are supported."));
  }

  @Test
  void aCallThatOutlastsTheLimitFailsWithStatesHttpSocket() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    server.on(
        "/slow",
        r -> {
          release.await(20, TimeUnit.SECONDS);
          return Response.json(200, "{}");
        });
    http.close();
    http =
        new HttpTasks(
            HttpTasks.newClient(Duration.ofSeconds(5)),
            Connections.none().withFallback(Connection.NONE),
            "us-east-1",
            Duration.ofMillis(300));
    try {
      assertThat(call(args("GET", "/slow", "")))
          .isEqualTo(
              new Event.Failed(
                  "States.Http.Socket",
                  "The HTTP request to '"
                      + server.url("/slow")
                      + "' timed out after 0.3 seconds."));
    } finally {
      release.countDown();
    }
  }

  @Test
  void theTaskTimeoutBoundsTheCall() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    server.on(
        "/slow",
        r -> {
          release.await(20, TimeUnit.SECONDS);
          return Response.json(200, "{}");
        });
    try {
      assertThat(call(args("GET", "/slow", ""), 1L))
          .isEqualTo(new Event.Failed("States.Timeout", null));
    } finally {
      release.countDown();
    }
  }

  @Test
  void aRefusedConnectionFailsWithStatesHttpSocket() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/x";

    assertThat(
            call(
                "{\"ApiEndpoint\": \""
                    + url
                    + "\", \"Method\": \"GET\", \"Authentication\": {\"ConnectionArn\": \""
                    + CONNECTION
                    + "\"}}"))
        .isEqualTo(new Event.Failed("States.Http.Socket", "Could not connect to '" + url + "'."));
  }

  @Test
  void jsonBodiesOfOtherContentTypesStayText() {
    server.on(
        "/t",
        r -> new Response(200, Map.of("Content-Type", "text/plain; charset=utf-8"), "{\"a\":1}"));
    server.on(
        "/p",
        r -> new Response(200, Map.of("Content-Type", "application/problem+json"), "{\"a\":1}"));

    assertThat(((Event.Succeeded) call(args("GET", "/t", ""))).output().get("ResponseBody"))
        .isEqualTo(Json.NODES.textNode("{\"a\":1}"));
    assertThat(((Event.Succeeded) call(args("GET", "/p", ""))).output().get("ResponseBody"))
        .isEqualTo(json("{\"a\":1}"));
  }
}
