package dev.stepwise.engine;

import static dev.stepwise.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.parse.MachineType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParallelMapTest {
  private final EngineHarness h = new EngineHarness();

  @Test
  void parallelResultsKeepBranchOrder() {
    Execution e =
        h.start(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 5, "Next": "One"},
                                             "One": {"Type": "Pass", "Result": 1, "End": true}}},
              {"StartAt": "Two", "States": {"Two": {"Type": "Pass", "Result": 2, "End": true}}}]}}}
            """,
            "{}");

    h.runUntilIdle();

    assertThat(e.output()).isEqualTo(json("[1,2]"));
  }

  @Test
  void aFailingBranchAbortsItsSiblings() {
    Execution e =
        h.start(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 5, "End": true}}},
              {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "B", "Cause": "c"}}}]}}}
            """,
            "{}");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).isEqualTo("B");
    assertThat(e.cause()).isEqualTo("c");
    assertThat(e.history())
        .extracting(ev -> ev.type().name())
        .containsExactly(
            "ExecutionStarted",
            "ParallelStateEntered",
            "ParallelStateStarted",
            "WaitStateEntered",
            "FailStateEntered",
            "WaitStateAborted",
            "ParallelStateFailed",
            "ExecutionFailed");
    assertThat(h.scheduler.idle()).isTrue();
  }

  @Test
  void mapRunsItemsWithSelectorAndContext() {
    Execution e =
        h.start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
              "MaxConcurrency": 1,
              "ItemSelector": {"v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index", "k.$": "$.k"},
              "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """,
            "{\"k\": \"K\", \"items\": [\"a\", \"b\"]}");

    assertThat(e.output())
        .isEqualTo(json("[{\"v\":\"a\",\"i\":0,\"k\":\"K\"},{\"v\":\"b\",\"i\":1,\"k\":\"K\"}]"));
    assertThat(e.history())
        .extracting(ev -> ev.type().name())
        .containsExactly(
            "ExecutionStarted",
            "MapStateEntered",
            "MapStateStarted",
            "MapIterationStarted",
            "PassStateEntered",
            "PassStateExited",
            "MapIterationSucceeded",
            "MapIterationStarted",
            "PassStateEntered",
            "PassStateExited",
            "MapIterationSucceeded",
            "MapStateSucceeded",
            "MapStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void mapMaxConcurrencyLimitsRunningIterations() {
    Execution e =
        h.start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 2,
              "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$", "End": true}}},
              "End": true}}}
            """,
            "[3, 3, 3]");

    h.advance(Duration.ofSeconds(3));
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
    h.advance(Duration.ofSeconds(3));

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).isEqualTo(json("[3,3,3]"));
  }

  @Test
  void itemBatcherGroupsSelectedItems() {
    Execution e =
        h.start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map",
              "ItemSelector": {"v.$": "$$.Map.Item.Value"},
              "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"tag.$": "$.tag"}},
              "ItemsPath": "$.items",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """,
            "{\"tag\": \"t\", \"items\": [1, 2, 3]}");

    assertThat(e.output())
        .isEqualTo(
            json(
                "[{\"Items\":[{\"v\":1},{\"v\":2}],\"BatchInput\":{\"tag\":\"t\"}},"
                    + "{\"Items\":[{\"v\":3}],\"BatchInput\":{\"tag\":\"t\"}}]"));
  }

  @Test
  void toleratedFailuresLetTheMapSucceed() {
    Execution e =
        h.start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailureCount": 1,
              "ItemProcessor": {"StartAt": "C", "States": {
                "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "F"}],
                      "Default": "Ok"},
                "F": {"Type": "Fail", "Error": "Two", "Cause": "no twos"},
                "Ok": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """,
            "[1, 2, 3]");

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(e.output()).isEqualTo(json("[1,{\"Error\":\"Two\",\"Cause\":\"no twos\"},3]"));
  }

  @Test
  void exceedingToleranceFailsWithTheThresholdError() {
    Execution e =
        h.start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailurePercentage": 10,
              "ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}},
              "End": true}}}
            """,
            "[1, 2]");

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    assertThat(e.cause()).isEqualTo("The specified tolerated failure threshold was exceeded");
  }

  @Test
  void standardExecutionsFailAtTheHistoryCapAndExpressOnesDoNot() {
    String loop =
        """
        {"StartAt": "Inc", "States": {
          "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 10000, "Next": "Inc"}],
                    "Default": "Done"},
          "Done": {"Type": "Succeed"}}}
        """;
    Execution standard = h.start(loop, "{\"i\": 0}");
    Execution express = h.start(loop, "{\"i\": 0}", MachineType.EXPRESS);

    assertThat(standard.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(standard.error()).isEqualTo("States.Runtime");
    assertThat(standard.cause())
        .isEqualTo("The execution reached the maximum number of history events (25000).");
    var last = standard.history().get(standard.history().size() - 1);
    assertThat(last.id()).isEqualTo(25_000);
    assertThat(last.previousEventId()).isEqualTo(24_999);
    assertThat(express.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(express.output()).isEqualTo(json("{\"i\":10000}"));
  }
}
