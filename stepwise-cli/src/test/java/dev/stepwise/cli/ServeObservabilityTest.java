package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} in its own process with its observability options: JSON server logs in a file that
 * hold no payload and no secret, {@code /metrics}, {@code /health} and {@code /ready}, execution
 * logs in the log group's file, status-change events in a JSON-lines file; and bad options refused
 * at start with their reason.
 */
class ServeObservabilityTest {
  @TempDir Path dir;

  private static final String SECRET = "hunter2-very-secret";
  private static final String ROLE = "arn:aws:iam::123456789012:role/obs";
  private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:";

  private final HttpClient http = HttpClient.newHttpClient();

  private String get(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not seen in 20 s");
      }
      Thread.sleep(20);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  @Test
  void logsMetricsHealthExecutionLogsAndEvents() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Path config = dir.resolve("events.json");
    Files.writeString(
        config, "{\"sinks\":[{\"name\":\"audit\",\"type\":\"file\",\"path\":\"" + events + "\"}]}");
    Path serverLog = dir.resolve("server.log");
    int port = ServeProcess.freePort();
    Process p =
        ServeProcess.start(
            port,
            "--data-dir",
            dir.resolve("data").toString(),
            "--log-format",
            "json",
            "--log-file",
            serverLog.toString(),
            "--log-level",
            "DEBUG",
            "--events-config",
            config.toString());
    try {
      ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port));
      ObjectNode logging =
          (ObjectNode)
              Json.parseTrusted(
                  "{\"level\":\"ALL\",\"includeExecutionData\":false,\"destinations\":[{\"cloudWatchLogsLogGroup\":"
                      + "{\"logGroupArn\":\"arn:aws:logs:us-east-1:123456789012:log-group:/stepwise/orders:*\"}}]}");
      ObjectNode create = Json.NODES.objectNode();
      create.put("name", "orders");
      create.put(
          "definition",
          "{\"StartAt\":\"Check\",\"States\":{\"Check\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.ok\","
              + "\"BooleanEquals\":true,\"Next\":\"Done\"}],\"Default\":\"Bad\"},"
              + "\"Done\":{\"Type\":\"Pass\",\"End\":true},"
              + "\"Bad\":{\"Type\":\"Fail\",\"Error\":\"Rejected\",\"Cause\":\"not ok\"}}}");
      create.put("roleArn", ROLE);
      create.set("loggingConfiguration", logging);
      api.call("CreateStateMachine", create);
      for (String input :
          List.of(
              "{\"ok\":true,\"card\":\"" + SECRET + "\"}",
              "{\"ok\":true,\"card\":\"" + SECRET + "\"}",
              "{\"ok\":false,\"card\":\"" + SECRET + "\"}")) {
        ObjectNode start = Json.NODES.objectNode();
        start.put("stateMachineArn", SM + "orders");
        start.put("input", input);
        api.call("StartExecution", start);
      }
      ObjectNode bad = Json.NODES.objectNode();
      bad.put("stateMachineArn", SM + "orders");
      bad.put("input", "{\"card\":\"" + SECRET + "\"");
      try {
        api.call("StartExecution", bad); // not JSON: InvalidExecutionInput
      } catch (ApiClient.ApiException expected) {
        assertThat(expected.getMessage()).contains("InvalidExecutionInput");
      }
      await(() -> lines(events).size() == 6);

      String metrics = get(port, "/metrics");
      String family =
          Arrays.stream(metrics.split("\n"))
              .filter(l -> l.startsWith("stepwise_executions_") && l.contains("orders"))
              .sorted()
              .collect(Collectors.joining("\n"));
      assertThat(family)
          .isEqualTo(
              """
              stepwise_executions_aborted_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:orders"} 0.0
              stepwise_executions_failed_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:orders"} 1.0
              stepwise_executions_redriven_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:orders"} 0.0
              stepwise_executions_started_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:orders"} 3.0
              stepwise_executions_succeeded_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:orders"} 2.0
              stepwise_executions_timed_out_total{state_machine="arn:aws:states:us-east-1:123456789012:stateMachine:orders"} 0.0""");
      assertThat(metrics)
          .contains(
              "stepwise_api_request_seconds_count{operation=\"StartExecution\",outcome=\"InvalidExecutionInput\"} 1\n")
          .contains(
              "stepwise_api_request_seconds_count{operation=\"StartExecution\",outcome=\"success\"} 3\n")
          .contains("stepwise_open_executions 0.0\n")
          .contains("jvm_memory_used_bytes{");
      assertThat(get(port, "/health")).isEqualTo("{\"status\":\"UP\"}");
      assertThat(get(port, "/ready"))
          .isEqualTo("{\"status\":\"READY\",\"checks\":[{\"name\":\"recovery\",\"ready\":true}]}");

      List<String> records = lines(dir.resolve("data/execution-logs/stepwise/orders.log"));
      assertThat(records).isNotEmpty().noneMatch(l -> l.contains(SECRET));
      assertThat(records.stream().map(l -> Json.parseTrusted(l).path("type").asText()).distinct())
          .contains(
              "ExecutionStarted", "ChoiceStateEntered", "FailStateEntered", "ExecutionFailed");
      List<JsonNode> statusChanges = lines(events).stream().map(Json::parseTrusted).toList();
      assertThat(statusChanges.stream().map(e -> e.path("detail").path("status").asText()).sorted())
          .containsExactly("FAILED", "RUNNING", "RUNNING", "RUNNING", "SUCCEEDED", "SUCCEEDED");
    } finally {
      p.destroy(); // SIGTERM: the shutdown hook stops the server
      p.waitFor();
    }
    List<String> log = Files.readAllLines(serverLog);
    assertThat(log).noneMatch(l -> l.contains(SECRET)).noneMatch(l -> l.contains("card"));
    List<String> messages =
        log.stream().map(l -> Json.parseTrusted(l).path("formattedMessage").asText()).toList();
    assertThat(messages)
        .contains(
            "Recovered 0 running executions from the sqlite store",
            "StartExecution failed: InvalidExecutionInput (400)",
            "Stepwise is stopping",
            "Stepwise stopped");
    assertThat(messages)
        .anyMatch(
            m ->
                m.startsWith("Stepwise ")
                    && m.contains(" serving the Step Functions API at http://127.0.0.1:" + port));
    assertThat(Json.parseTrusted(log.get(0)).path("level").asText()).isEqualTo("INFO");
  }

  private static String[] serve(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    CliRun r = CliRun.run(all);
    return new String[] {String.valueOf(r.exit()), r.err().trim()};
  }

  @Test
  void badOptionsAreRefusedAtStart() throws Exception {
    assertThat(serve("--store", "memory", "--log-level", "LOUD"))
        .containsExactly(
            "2",
            "stepwise serve: --log-level takes TRACE, DEBUG, INFO, WARN, ERROR or OFF, not LOUD");
    assertThat(serve("--store", "memory", "--log-format", "xml"))
        .containsExactly("2", "stepwise serve: --log-format takes text or json, not xml");
    Path config = dir.resolve("bad.json");
    Files.writeString(
        config,
        "{\"sinks\":[{\"name\":\"ops\",\"type\":\"webhook\",\"url\":\"http://no-such-host.invalid/x\"}]}");
    assertThat(serve("--store", "memory", "--events-config", config.toString()))
        .containsExactly(
            "2",
            "stepwise serve: --events-config "
                + config
                + ": sink 'ops': the host of \"url\", no-such-host.invalid, is not known");
  }
}
