package dev.stepwise.cli;

import static dev.stepwise.cli.ServeProcess.awaitNothingRunning;
import static dev.stepwise.cli.ServeProcess.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} in its own process is killed with SIGKILL while executions wait on timers, retries,
 * children and task tokens; a new process on the same data directory finishes every one of them
 * exactly as an uninterrupted run would.
 */
class CrashRecoveryTest {
  /** Six kinds: 1,020 executions in flight when the server is killed. */
  private static final int PER_KIND = 170;

  private static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:";

  @TempDir Path dataDir;

  private record Kind(String machine, String definition, String output, List<String> history) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              "waiter",
              "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":1,\"Next\":\"P\"},"
                  + "\"P\":{\"Type\":\"Pass\",\"Result\":\"woke\",\"ResultPath\":\"$.r\",\"End\":true}}}",
              "{\"i\":0,\"r\":\"woke\"}",
              List.of(
                  "ExecutionStarted",
                  "WaitStateEntered",
                  "WaitStateExited",
                  "PassStateEntered",
                  "PassStateExited",
                  "ExecutionSucceeded")),
          new Kind(
              "retrier",
              "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::glue:startJobRun\","
                  + "\"Retry\":[{\"ErrorEquals\":[\"States.ALL\"],\"IntervalSeconds\":1,\"MaxAttempts\":1}],"
                  + "\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"ResultPath\":null,\"Next\":\"P\"}],\"End\":true},"
                  + "\"P\":{\"Type\":\"Pass\",\"Result\":\"caught\",\"ResultPath\":\"$.r\",\"End\":true}}}",
              "{\"i\":0,\"r\":\"caught\"}",
              List.of(
                  "ExecutionStarted",
                  "TaskStateEntered",
                  "TaskScheduled",
                  "TaskStarted",
                  "TaskFailed",
                  "TaskScheduled",
                  "TaskStarted",
                  "TaskFailed",
                  "TaskStateExited",
                  "PassStateEntered",
                  "PassStateExited",
                  "ExecutionSucceeded")),
          new Kind(
              "fanout",
              "{\"StartAt\":\"Par\",\"States\":{\"Par\":{\"Type\":\"Parallel\",\"ResultPath\":null,\"Next\":\"M\",\"Branches\":["
                  + "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}}},"
                  + "{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Pass\",\"End\":true}}}]},"
                  + "\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"ResultPath\":\"$.items\",\"ItemProcessor\":{\"StartAt\":\"I\","
                  + "\"States\":{\"I\":{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}}},\"End\":true}}}",
              "{\"i\":0,\"items\":[1,2,3]}",
              List.of()),
          new Kind(
              "caller",
              "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Task\","
                  + "\"Resource\":\"arn:aws:states:::states:startExecution.waitForTaskToken\","
                  + "\"Parameters\":{\"StateMachineArn\":\""
                  + ARN
                  + "callee\",\"Input\":{\"token.$\":\"$$.Task.Token\"}},"
                  + "\"ResultPath\":\"$.r\",\"End\":true}}}",
              "{\"i\":0,\"r\":{\"ok\":true}}",
              List.of(
                  "ExecutionStarted",
                  "TaskStateEntered",
                  "TaskScheduled",
                  "TaskStarted",
                  "TaskSubmitted",
                  "TaskSucceeded",
                  "TaskStateExited",
                  "ExecutionSucceeded")),
          new Kind(
              "syncer",
              "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Task\","
                  + "\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\","
                  + "\"Parameters\":{\"StateMachineArn\":\""
                  + ARN
                  + "waiter\",\"Input\":{\"i.$\":\"$.i\"}},"
                  + "\"ResultSelector\":{\"o.$\":\"$.Output.r\"},\"ResultPath\":\"$.r\",\"End\":true}}}",
              "{\"i\":0,\"r\":{\"o\":\"woke\"}}",
              List.of(
                  "ExecutionStarted",
                  "TaskStateEntered",
                  "TaskScheduled",
                  "TaskStarted",
                  "TaskSubmitted",
                  "TaskSucceeded",
                  "TaskStateExited",
                  "ExecutionSucceeded")),
          new Kind(
              "holder",
              "{\"StartAt\":\"H\",\"States\":{\"H\":{\"Type\":\"Task\","
                  + "\"Resource\":\"arn:aws:states:::states:startExecution.waitForTaskToken\","
                  + "\"Parameters\":{\"StateMachineArn\":\""
                  + ARN
                  + "idle\",\"Input\":{\"token.$\":\"$$.Task.Token\","
                  + "\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$\":\"$$.Execution.Id\"}},"
                  + "\"ResultPath\":\"$.r\",\"End\":true}}}",
              "{\"i\":0,\"r\":{\"answer\":0}}",
              List.of(
                  "ExecutionStarted",
                  "TaskStateEntered",
                  "TaskScheduled",
                  "TaskStarted",
                  "TaskSubmitted",
                  "TaskSucceeded",
                  "TaskStateExited",
                  "ExecutionSucceeded")));

  /** A child that ends at once: its parent waits for the test to send back the token. */
  private static final String IDLE =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

  private static final String CALLEE =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":1,\"Next\":\"Back\"},"
          + "\"Back\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::aws-sdk:sfn:sendTaskSuccess\","
          + "\"Parameters\":{\"TaskToken.$\":\"$.token\",\"Output\":\"{\\\"ok\\\":true}\"},\"End\":true}}}";

  @Test
  void aKilledServerLosesNothing() throws Exception {
    int port = ServeProcess.freePort();
    ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port));
    Process first = serve(port);
    List<String> started = new ArrayList<>();
    try {
      call(api, "CreateStateMachine", Map.of("name", "callee", "definition", CALLEE));
      call(api, "CreateStateMachine", Map.of("name", "idle", "definition", IDLE));
      for (Kind k : KINDS) {
        call(api, "CreateStateMachine", Map.of("name", k.machine(), "definition", k.definition()));
      }
      for (int i = 0; i < PER_KIND; i++) {
        for (Kind k : KINDS) {
          String input =
              k.machine().equals("fanout")
                  ? "{\"i\":" + i + ",\"items\":[1,2,3]}"
                  : "{\"i\":" + i + "}";
          JsonNode r =
              call(
                  api,
                  "StartExecution",
                  Map.of(
                      "stateMachineArn",
                      ARN + k.machine(),
                      "name",
                      k.machine() + "-" + i,
                      "input",
                      input));
          started.add(r.path("executionArn").asText());
        }
      }
    } finally {
      first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
    }

    Process second = serve(port);
    try {
      answerHolders(api);
      awaitNothingRunning(api);
      for (int i = 0; i < PER_KIND; i++) {
        for (Kind k : KINDS) {
          String arn =
              "arn:aws:states:us-east-1:123456789012:execution:"
                  + k.machine()
                  + ":"
                  + k.machine()
                  + "-"
                  + i;
          JsonNode d = call(api, "DescribeExecution", Map.of("executionArn", arn));
          assertThat(d.path("status").asText()).as(arn).isEqualTo("SUCCEEDED");
          assertThat(d.path("output").asText())
              .as(arn)
              .isEqualTo(
                  k.output()
                      .replace("\"i\":0", "\"i\":" + i)
                      .replace("\"answer\":0", "\"answer\":" + i));
          if (!k.history().isEmpty()) {
            List<String> types = new ArrayList<>();
            call(api, "GetExecutionHistory", Map.of("executionArn", arn))
                .path("events")
                .forEach(e -> types.add(e.path("type").asText()));
            assertThat(types).as(arn).isEqualTo(k.history());
          }
        }
      }
      // Every callback parent started exactly one child.
      JsonNode callees =
          call(
              api, "ListExecutions", Map.of("stateMachineArn", ARN + "callee", "maxResults", 1000));
      assertThat(callees.path("executions")).hasSize(PER_KIND);
      assertThat(started).hasSize(PER_KIND * KINDS.size());
    } finally {
      second.destroy();
      second.waitFor();
    }
  }

  private static final int PAIRS = 200;

  /** A child that waits a second, so the kill finds the parents waiting on it. */
  private static final String SLOW_CHILD =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":1,\"Next\":\"P\"},"
          + "\"P\":{\"Type\":\"Pass\",\"Parameters\":{\"done.$\":\"$.i\"},\"End\":true}}}";

  private static String parent(String pattern, String child, String input, String result) {
    return "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution"
        + pattern
        + "\",\"Parameters\":{\"StateMachineArn\":\""
        + ARN
        + child
        + "\",\"Input\":"
        + input
        + "},\"ResultSelector\":"
        + result
        + ",\"ResultPath\":\"$.r\",\"End\":true}}}";
  }

  @Test
  void aKilledServerLosesNoNestedPair() throws Exception {
    int port = ServeProcess.freePort();
    ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port));
    Process first = serve(port);
    try {
      call(api, "CreateStateMachine", Map.of("name", "slow", "definition", SLOW_CHILD));
      call(api, "CreateStateMachine", Map.of("name", "callee", "definition", CALLEE));
      call(
          api,
          "CreateStateMachine",
          Map.of(
              "name",
              "sync-parent",
              "definition",
              parent(".sync", "slow", "{\"i.$\":\"$.i\"}", "{\"out.$\":\"$.Output\"}")));
      call(
          api,
          "CreateStateMachine",
          Map.of(
              "name",
              "token-parent",
              "definition",
              parent(
                  ".waitForTaskToken",
                  "callee",
                  "{\"token.$\":\"$$.Task.Token\"}",
                  "{\"ok.$\":\"$.ok\"}")));
      for (int i = 0; i < PAIRS; i++) {
        for (String machine : List.of("sync-parent", "token-parent")) {
          call(
              api,
              "StartExecution",
              Map.of(
                  "stateMachineArn",
                  ARN + machine,
                  "name",
                  "p-" + i,
                  "input",
                  "{\"i\":" + i + "}"));
        }
      }
    } finally {
      first.destroyForcibly().waitFor(); // SIGKILL while parents wait on their children
    }

    Process second = serve(port);
    try {
      awaitNothingRunning(api);
      for (int i = 0; i < PAIRS; i++) {
        assertThat(output(api, "sync-parent", "p-" + i))
            .isEqualTo("{\"i\":" + i + ",\"r\":{\"out\":\"{\\\"done\\\":" + i + "}\"}}");
        assertThat(output(api, "token-parent", "p-" + i))
            .isEqualTo("{\"i\":" + i + ",\"r\":{\"ok\":true}}");
      }
      // Every parent started exactly one child, whatever the kill interrupted.
      for (String child : List.of("slow", "callee")) {
        JsonNode children =
            call(api, "ListExecutions", Map.of("stateMachineArn", ARN + child, "maxResults", 1000));
        assertThat(children.path("executions")).as(child).hasSize(PAIRS);
      }
    } finally {
      second.destroy();
      second.waitFor();
    }
  }

  private static String output(ApiClient api, String machine, String name) throws Exception {
    JsonNode d =
        call(
            api,
            "DescribeExecution",
            Map.of(
                "executionArn",
                "arn:aws:states:us-east-1:123456789012:execution:" + machine + ":" + name));
    assertThat(d.path("status").asText()).as(machine + ":" + name).isEqualTo("SUCCEEDED");
    return d.path("output").asText();
  }

  /**
   * After the restart, the test is the worker: each holder's child carries the holder's token,
   * which gets SendTaskSuccess with an answer naming the holder.
   */
  private static void answerHolders(ApiClient api) throws Exception {
    int answered = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    java.util.Set<String> done = new java.util.HashSet<>();
    while (answered < PER_KIND) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + answered + " holders got their child started");
      }
      JsonNode children =
          call(api, "ListExecutions", Map.of("stateMachineArn", ARN + "idle", "maxResults", 1000));
      for (JsonNode child : children.path("executions")) {
        String arn = child.path("executionArn").asText();
        if (!done.add(arn)) {
          continue;
        }
        JsonNode input =
            Json.parse(
                call(api, "DescribeExecution", Map.of("executionArn", arn)).path("input").asText());
        String holder = input.path("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID").asText();
        String i = holder.substring(holder.lastIndexOf('-') + 1);
        call(
            api,
            "SendTaskSuccess",
            Map.of("taskToken", input.path("token").asText(), "output", "{\"answer\":" + i + "}"));
        answered++;
      }
    }
  }

  private Process serve(int port) throws IOException {
    return ServeProcess.start(port, "--data-dir", dataDir.toString());
  }
}
