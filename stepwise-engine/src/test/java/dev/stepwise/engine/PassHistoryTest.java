package dev.stepwise.engine;

import static dev.stepwise.engine.EngineHarness.assertJson;
import static dev.stepwise.engine.EngineHarness.historyJson;
import static dev.stepwise.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PassHistoryTest {
  private final EngineHarness h = new EngineHarness();

  @Test
  void passChainProducesAwsHistory() {
    Execution e =
        h.start(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Parameters": {"v.$": "$.x"}, "ResultPath": "$.r", "Next": "B"},
              "B": {"Type": "Pass", "End": true}}}
            """,
            "{\"x\": 1}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).isEqualTo(json("{\"x\":1,\"r\":{\"v\":1}}"));
    assertJson(
        historyJson(e),
        """
                [{"timestamp":1.7672256E9,"type":"ExecutionStarted","id":1,"previousEventId":0,
                  "executionStartedEventDetails":{"input":"{\\"x\\":1}","inputDetails":{"truncated":false},
                  "roleArn":"arn:aws:iam::123456789012:role/StepwiseExecutionRole"}},
                 {"timestamp":1.7672256E9,"type":"PassStateEntered","id":2,"previousEventId":0,
                  "stateEnteredEventDetails":{"name":"A","input":"{\\"x\\":1}","inputDetails":{"truncated":false}}},
                 {"timestamp":1.7672256E9,"type":"PassStateExited","id":3,"previousEventId":2,
                  "stateExitedEventDetails":{"name":"A","output":"{\\"x\\":1,\\"r\\":{\\"v\\":1}}","outputDetails":{"truncated":false}}},
                 {"timestamp":1.7672256E9,"type":"PassStateEntered","id":4,"previousEventId":3,
                  "stateEnteredEventDetails":{"name":"B","input":"{\\"x\\":1,\\"r\\":{\\"v\\":1}}","inputDetails":{"truncated":false}}},
                 {"timestamp":1.7672256E9,"type":"PassStateExited","id":5,"previousEventId":4,
                  "stateExitedEventDetails":{"name":"B","output":"{\\"x\\":1,\\"r\\":{\\"v\\":1}}","outputDetails":{"truncated":false}}},
                 {"timestamp":1.7672256E9,"type":"ExecutionSucceeded","id":6,"previousEventId":5,
                  "executionSucceededEventDetails":{"output":"{\\"x\\":1,\\"r\\":{\\"v\\":1}}","outputDetails":{"truncated":false}}}]
                """);
  }

  @Test
  void nullPathsFollowAwsSemantics() {
    Execution e =
        h.start(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "InputPath": null, "Result": {"r": 1}, "ResultPath": null,
                    "Next": "B"},
              "B": {"Type": "Pass", "OutputPath": null, "End": true}}}
            """,
            "{\"x\": 1}");

    assertThat(e.output()).isEqualTo(json("{}"));
  }

  @Test
  void resultPathDiscardKeepsRawInput() {
    Execution e =
        h.start(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "InputPath": "$.x", "Result": {"r": 1}, "ResultPath": null,
                    "End": true}}}
            """,
            "{\"x\": {\"y\": 2}, \"z\": 3}");

    assertThat(e.output()).isEqualTo(json("{\"x\":{\"y\":2},\"z\":3}"));
  }

  @Test
  void choiceWithoutMatchOrDefaultFails() {
    Execution e =
        h.start(
            """
            {"StartAt": "C", "States": {
              "C": {"Type": "Choice", "Choices": [
                {"Variable": "$.n", "NumericEquals": 1, "Next": "Done"}]},
              "Done": {"Type": "Succeed"}}}
            """,
            "{\"n\": 2}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).isEqualTo("States.NoChoiceMatched");
    assertThat(e.history())
        .extracting(ev -> ev.type().name())
        .containsExactly("ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed");
  }

  @Test
  void failStateEndsTheExecutionWithItsErrorAndCause() {
    Execution e =
        h.start(
            """
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "C"}}}
            """,
            "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertJson(
        historyJson(e).get(2),
        """
        {"timestamp":1.7672256E9,"type":"ExecutionFailed","id":3,"previousEventId":2,
         "executionFailedEventDetails":{"error":"E","cause":"C"}}
        """);
  }
}
