package dev.stepwise.cli;

import static dev.stepwise.cli.ServeProcess.awaitNothingRunning;
import static dev.stepwise.cli.ServeProcess.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redrive survives a crash: {@code serve} is killed with SIGKILL right after RedriveExecution
 * answered, and a new process on the same data directory carries every redriven execution to its
 * end, each redriven exactly once.
 */
class RedriveCrashTest {
  private static final int PER_KIND = 40;
  private static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  private static final String EXEC = "arn:aws:states:us-east-1:123456789012:execution:";

  /**
   * Stopped while it waits (an hour, so that no start outlasts it); the redrive waits again, a
   * second (the wait's time is computed again, from the redrive count).
   */
  private static final String WAITER =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"QueryLanguage\":\"JSONata\","
          + "\"Seconds\":\"{% $states.context.Execution.RedriveCount = 0 ? 3600 : 1 %}\","
          + "\"Next\":\"P\"},\"P\":{\"Type\":\"Pass\",\"Result\":\"woke\",\"End\":true}}}";

  /**
   * Fails on its first run: branch B describes a missing execution until the redrive count (read
   * again when B's task is scheduled again) makes it describe its own; branch A, aborted by B's
   * failure, waits again.
   */
  private static final String FORKER =
      "{\"StartAt\":\"Par\",\"States\":{\"Par\":{\"Type\":\"Parallel\",\"End\":true,"
          + "\"ResultSelector\":{\"a.$\":\"$[0]\",\"b.$\":\"$[1].Status\"},\"Branches\":["
          + "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Wait\",\"Seconds\":1,\"Next\":\"AP\"},"
          + "\"AP\":{\"Type\":\"Pass\",\"Result\":\"waited\",\"End\":true}}},"
          + "{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::aws-sdk:sfn:describeExecution\","
          + "\"Parameters\":{\"ExecutionArn.$\":\"States.ArrayGetItem(States.Array('"
          + EXEC
          + "forker:missing', $$.Execution.Id), $$.Execution.RedriveCount)\"},\"End\":true}}}]}}}";

  @TempDir Path dataDir;

  @Test
  void aRedriveAnsweredBeforeACrashIsCarriedOut() throws Exception {
    int port = ServeProcess.freePort();
    ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port));
    List<String> waiters = new ArrayList<>();
    List<String> forkers = new ArrayList<>();
    Process first = serve(port);
    try {
      call(api, "CreateStateMachine", Map.of("name", "waiter", "definition", WAITER));
      call(api, "CreateStateMachine", Map.of("name", "forker", "definition", FORKER));
      for (int i = 0; i < PER_KIND; i++) {
        waiters.add(start(api, "waiter", "w-" + i));
        forkers.add(start(api, "forker", "f-" + i));
      }
      for (String arn : waiters) {
        call(api, "StopExecution", Map.of("executionArn", arn));
      }
      awaitNothingRunning(api);
      for (String arn : forkers) {
        assertThat(status(api, arn)).isEqualTo("FAILED");
      }
      for (int i = 0; i < PER_KIND; i++) {
        call(api, "RedriveExecution", Map.of("executionArn", waiters.get(i), "clientToken", "t"));
        call(api, "RedriveExecution", Map.of("executionArn", forkers.get(i)));
      }
    } finally {
      first.destroyForcibly().waitFor(); // SIGKILL right after the last redrive answered
    }

    Process second = serve(port);
    try {
      awaitNothingRunning(api);
      for (String arn : waiters) {
        JsonNode d = call(api, "DescribeExecution", Map.of("executionArn", arn));
        assertThat(d.path("status").asText()).as(arn).isEqualTo("SUCCEEDED");
        assertThat(d.path("output").asText()).as(arn).isEqualTo("\"woke\"");
        assertThat(d.path("redriveCount").asInt()).as(arn).isEqualTo(1);
        assertThat(types(api, arn))
            .as(arn)
            .containsExactly(
                "ExecutionStarted",
                "WaitStateEntered",
                "ExecutionAborted",
                "ExecutionRedriven",
                "WaitStateExited",
                "PassStateEntered",
                "PassStateExited",
                "ExecutionSucceeded");
        // The client retrying its redrive with the same token gets the same answer.
        assertThat(
                call(api, "RedriveExecution", Map.of("executionArn", arn, "clientToken", "t"))
                    .path("redriveDate")
                    .asDouble())
            .isEqualTo(d.path("redriveDate").asDouble());
      }
      for (String arn : forkers) {
        JsonNode d = call(api, "DescribeExecution", Map.of("executionArn", arn));
        assertThat(d.path("status").asText()).as(arn).isEqualTo("SUCCEEDED");
        assertThat(d.path("output").asText())
            .as(arn)
            .isEqualTo("{\"a\":\"waited\",\"b\":\"RUNNING\"}");
        assertThat(d.path("redriveCount").asInt()).as(arn).isEqualTo(1);
      }
    } finally {
      second.destroy();
      second.waitFor();
    }
  }

  private static String start(ApiClient api, String machine, String name) throws Exception {
    return call(
            api,
            "StartExecution",
            Map.of("stateMachineArn", ARN + machine, "name", name, "input", "{}"))
        .path("executionArn")
        .asText();
  }

  private static String status(ApiClient api, String arn) throws Exception {
    return call(api, "DescribeExecution", Map.of("executionArn", arn)).path("status").asText();
  }

  private static List<String> types(ApiClient api, String arn) throws Exception {
    List<String> types = new ArrayList<>();
    call(api, "GetExecutionHistory", Map.of("executionArn", arn))
        .path("events")
        .forEach(e -> types.add(e.path("type").asText()));
    return types;
  }

  private Process serve(int port) throws java.io.IOException {
    return ServeProcess.start(port, "--data-dir", dataDir.toString());
  }
}
