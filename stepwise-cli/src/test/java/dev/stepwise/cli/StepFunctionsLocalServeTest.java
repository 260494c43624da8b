package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.stepwise.language.json.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} started as Step Functions Local users start it, by environment variables or by its
 * single-dash flags, does what those settings mean there.
 */
class StepFunctionsLocalServeTest {
  @TempDir Path dir;

  private static final String LONG_WAIT =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":86400,\"End\":true}}}";

  private static final String CALL_LAMBDA =
      "{\"StartAt\":\"Call\",\"States\":{\"Call\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":"
          + "\"greeter\",\"Payload.$\":\"$\"},\"OutputPath\":\"$.Payload\",\"End\":true}}}";

  @Test
  void environmentVariablesConfigureTheServer() throws Exception {
    Path mocks =
        Files.writeString(
            dir.resolve("mocks.json"),
            "{\"StateMachines\":{\"greet\":{\"TestCases\":{\"Happy\":{\"Call\":\"Hi\"}}}},"
                + "\"MockedResponses\":{\"Hi\":{\"0\":{\"Return\":{\"StatusCode\":200,"
                + "\"Payload\":{\"hi\":\"mocked\"}}}}}}");
    int port = ServeProcess.freePort();
    Process server =
        ServeProcess.start(
            port,
            Map.of(
                "AWS_ACCOUNT_ID", "111122223333",
                "AWS_DEFAULT_REGION", "eu-west-2",
                "WAIT_TIME_SCALE", "0",
                "SFN_MOCK_CONFIG", mocks.toString()),
            "--store",
            "memory");
    try {
      ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port));
      String waitArn = create(api, "wait", LONG_WAIT);
      assertThat(waitArn).isEqualTo("arn:aws:states:eu-west-2:111122223333:stateMachine:wait");
      // A day's Wait, scaled by 0, ends at once.
      assertThat(finish(api, start(api, waitArn, "{}")).path("status").asText())
          .isEqualTo("SUCCEEDED");
      String greet = create(api, "greet", CALL_LAMBDA);
      JsonNode mocked = finish(api, start(api, greet + "#Happy", "{}"));
      assertThat(mocked.path("output").asText()).isEqualTo("{\"hi\":\"mocked\"}");
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void singleDashFlagsConfigureTheServer() throws Exception {
    HttpServer lambda = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> calls = new CopyOnWriteArrayList<>();
    lambda.createContext(
        "/",
        exchange -> {
          calls.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body = "{\"hello\":\"from the endpoint\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    lambda.start();
    int port = ServeProcess.freePort();
    Process server =
        ServeProcess.start(
            port,
            Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"),
            "--store",
            "memory",
            "-account",
            "444455556666",
            "-region",
            "ap-south-1",
            "-waitTimeScale",
            "0",
            "-lambdaEndpoint",
            "http://127.0.0.1:" + lambda.getAddress().getPort());
    try {
      ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port));
      String waitArn = create(api, "wait", LONG_WAIT);
      assertThat(waitArn).isEqualTo("arn:aws:states:ap-south-1:444455556666:stateMachine:wait");
      assertThat(finish(api, start(api, waitArn, "{}")).path("status").asText())
          .isEqualTo("SUCCEEDED");
      JsonNode called = finish(api, start(api, create(api, "greet", CALL_LAMBDA), "{\"n\":1}"));
      assertThat(called.path("output").asText()).isEqualTo("{\"hello\":\"from the endpoint\"}");
      assertThat(calls).containsExactly("POST /2015-03-31/functions/greeter/invocations {\"n\":1}");
    } finally {
      server.destroy();
      server.waitFor();
      lambda.stop(0);
    }
  }

  private static String create(ApiClient api, String name, String definition) throws Exception {
    ObjectNode request =
        Json.NODES
            .objectNode()
            .put("name", name)
            .put("definition", definition)
            .put("roleArn", "arn:aws:iam::123456789012:role/test");
    return api.call("CreateStateMachine", request).path("stateMachineArn").asText();
  }

  private static String start(ApiClient api, String arn, String input) throws Exception {
    return api.call(
            "StartExecution",
            Json.NODES.objectNode().put("stateMachineArn", arn).put("input", input))
        .path("executionArn")
        .asText();
  }

  /** The execution's description once it has ended: bounded, as the server runs in real time. */
  private static JsonNode finish(ApiClient api, String executionArn) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      JsonNode e =
          api.call("DescribeExecution", Json.NODES.objectNode().put("executionArn", executionArn));
      if (!e.path("status").asText().equals("RUNNING") || System.nanoTime() > deadline) {
        return e;
      }
      Thread.onSpinWait();
    }
  }
}
