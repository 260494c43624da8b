package dev.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import dev.stepwise.observability.logs.ExecutionLogs;
import dev.stepwise.observability.logs.LogDestinations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Execution logs for each level, with and without execution data, compared whole with the records
 * AWS wrote to CloudWatch Logs for the same two machines (a Pass with a Result, a Fail), as
 * recorded against AWS in LocalStack's snapshot {@code tests/aws/services/stepfunctions/v2/logs/
 * test_logs.snapshot.json} (2024-06). That snapshot shows {@code input}/{@code output} parsed and
 * timestamps masked; AWS writes them as the history does (JSON text) and epoch milliseconds.
 */
class ExecutionLogsTest {
  @TempDir Path dir;

  private static final String PASS =
      "{\"StartAt\":\"State_1\",\"States\":{\"State_1\":{\"Type\":\"Pass\",\"Result\":{\"Arg1\":\"argument1\"},\"End\":true}}}";
  private static final String FAIL =
      "{\"StartAt\":\"FailState\",\"States\":{\"FailState\":{\"Type\":\"Fail\",\"Error\":\"SomeFailure\","
          + "\"Cause\":\"This state machines raises a 'SomeFailure' failure.\"}}}";
  private static final String GROUP =
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/test:*";

  private static ObjectNode logging(String level, boolean data) {
    return (ObjectNode)
        Json.parseTrusted(
            "{\"level\":\""
                + level
                + "\",\"includeExecutionData\":"
                + data
                + ",\"destinations\":[{\"cloudWatchLogsLogGroup\":{\"logGroupArn\":\""
                + GROUP
                + "\"}}]}");
  }

  /** Runs {@code definition} once with the logging configuration and reads the log group's file. */
  private List<String> run(String definition, ObjectNode logging) throws Exception {
    AtomicReference<Observed> ref = new AtomicReference<>();
    ExecutionLogs logs =
        new ExecutionLogs(
            arn ->
                ref.get()
                    .service
                    .stateMachine(arn)
                    .map(sm -> (JsonNode) sm.loggingConfiguration())
                    .orElse(null),
            LogDestinations.directory(dir));
    Observed o = new Observed(List.of(logs));
    ref.set(o);
    o.create("sm", definition, logging);
    o.start("sm", "e1", "{}");
    logs.close();
    Path file = dir.resolve("aws/vendedlogs/states/test.log");
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  /**
   * The records as JSON, compared whole: member order within an object does not count (AWS's and
   * the snapshot's orders differ from GetExecutionHistory's).
   */
  private List<JsonNode> records(String definition, ObjectNode logging) throws Exception {
    return run(definition, logging).stream().map(Json::parseTrusted).toList();
  }

  private static List<JsonNode> expect(String... lines) {
    return java.util.Arrays.stream(lines).map(Json::parseTrusted).toList();
  }

  private static final String EXEC = "arn:aws:states:us-east-1:123456789012:execution:sm:e1";
  private static final String TAIL =
      ",\"event_timestamp\":\"1767225600000\",\"execution_arn\":\""
          + EXEC
          + "\",\"redrive_count\":\"0\"}";

  private static String started(boolean data) {
    return "{\"id\":\"1\",\"type\":\"ExecutionStarted\",\"details\":{"
        + (data ? "\"input\":\"{}\",\"inputDetails\":{\"truncated\":false}," : "")
        + "\"roleArn\":\"arn:aws:iam::123456789012:role/StepwiseExecutionRole\"},\"previous_event_id\":\"0\""
        + TAIL;
  }

  @ParameterizedTest(name = "ALL, includeExecutionData {0}")
  @CsvSource({"false", "true"})
  void allLevelLogsEveryEvent(boolean data) throws Exception {
    assertThat(records(PASS, logging("ALL", data)))
        .isEqualTo(
            expect(
                started(data),
                "{\"id\":\"2\",\"type\":\"PassStateEntered\",\"details\":{"
                    + (data ? "\"input\":\"{}\",\"inputDetails\":{\"truncated\":false}," : "")
                    + "\"name\":\"State_1\"},\"previous_event_id\":\"0\""
                    + TAIL,
                "{\"id\":\"3\",\"type\":\"PassStateExited\",\"details\":{\"name\":\"State_1\""
                    + (data
                        ? ",\"output\":\"{\\\"Arg1\\\":\\\"argument1\\\"}\",\"outputDetails\":{\"truncated\":false}"
                        : "")
                    + "},\"previous_event_id\":\"2\""
                    + TAIL,
                "{\"id\":\"4\",\"type\":\"ExecutionSucceeded\",\"details\":{"
                    + (data
                        ? "\"output\":\"{\\\"Arg1\\\":\\\"argument1\\\"}\",\"outputDetails\":{\"truncated\":false}"
                        : "")
                    + "},\"previous_event_id\":\"3\""
                    + TAIL));
  }

  private static final String FAILED =
      "{\"id\":\"3\",\"type\":\"ExecutionFailed\",\"details\":{\"cause\":\"This state machines raises a"
          + " 'SomeFailure' failure.\",\"error\":\"SomeFailure\"},\"previous_event_id\":\"2\""
          + TAIL;

  @ParameterizedTest(name = "ERROR, includeExecutionData {0}")
  @CsvSource({"false", "true"})
  void errorLevelLogsTheFailStateAndTheFailure(boolean data) throws Exception {
    assertThat(records(FAIL, logging("ERROR", data)))
        .isEqualTo(
            expect(
                "{\"id\":\"2\",\"type\":\"FailStateEntered\",\"details\":{"
                    + (data ? "\"input\":\"{}\",\"inputDetails\":{\"truncated\":false}," : "")
                    + "\"name\":\"FailState\"},\"previous_event_id\":\"0\""
                    + TAIL,
                FAILED));
  }

  @ParameterizedTest(name = "FATAL, includeExecutionData {0}")
  @CsvSource({"false", "true"})
  void fatalLevelLogsOnlyTheExecutionsFailure(boolean data) throws Exception {
    assertThat(records(FAIL, logging("FATAL", data))).isEqualTo(expect(FAILED));
  }

  @Test
  void errorAndFatalLogNothingForASuccessAndOffNothingAtAll() throws Exception {
    assertThat(run(PASS, logging("ERROR", true))).isEmpty();
    assertThat(run(PASS, logging("FATAL", true))).isEmpty();
    assertThat(run(FAIL, logging("OFF", true))).isEmpty();
    assertThat(run(FAIL, null)).isEmpty();
  }

  @Test
  void aLogGroupInAnUnknownFormLogsNothing() throws Exception {
    ObjectNode bad = logging("ALL", true);
    ((ObjectNode) bad.path("destinations").path(0).path("cloudWatchLogsLogGroup"))
        .put("logGroupArn", "arn:aws:s3:::bucket");
    assertThat(run(PASS, bad)).isEmpty();
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
    }
  }
}
