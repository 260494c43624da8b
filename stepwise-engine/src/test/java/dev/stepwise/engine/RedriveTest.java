package dev.stepwise.engine;

import static dev.stepwise.engine.EngineHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.redrive.RedriveRules;
import dev.stepwise.engine.runtime.Redriver;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.language.json.Json;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * RedriveExecution in the engine: what runs again per state type, the whole history after the
 * redrive, and the eligibility rules with their reasons.
 */
class RedriveTest {
  private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:f";

  private final EngineHarness h = new EngineHarness();

  private Redriver.Answer redrive(Execution e, String token) {
    var answer = h.engine.redriveAsync(e.spec().executionArn(), token);
    h.scheduler.runReady();
    assertThat(answer).isDone();
    return answer.join();
  }

  private ExecutionRecord stored(Execution e) {
    return h.store.find(e.spec().executionArn()).orElseThrow();
  }

  /**
   * The whole history, one event a line: id, previous id, seconds after the start, type and the
   * details object.
   */
  private String history(Execution e) {
    return h.store.history(e.spec().executionArn()).stream()
        .map(RedriveTest::line)
        .collect(Collectors.joining("\n"));
  }

  private static String line(HistoryEvent ev) {
    return ev.id()
        + " "
        + ev.previousEventId()
        + " +"
        + Duration.between(EngineHarness.T0, ev.timestamp()).toSeconds()
        + " "
        + ev.type()
        + (ev.details() == null ? "" : " " + Json.write(ev.details()));
  }

  private void print(Execution e) {
    if (System.getenv("EXPECTED_PRINT") != null) {
      System.out.println("@@\n" + history(e));
    }
  }

  @Test
  void aFailedTaskIsScheduledAgainAfterExecutionRedriven() {
    h.tasks.fail(LAMBDA, "Boom", "first try").succeed(LAMBDA, json("{\"ok\":true}"));
    Execution e =
        h.start(
            """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Pass", "Result": {"n": 1}, "Next": "Call"},
              "Call": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 30, "End": true}}}
            """
                .formatted(LAMBDA),
            "{}");
    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.FAILED);
    h.advance(Duration.ofSeconds(5));

    Redriver.Answer answer = redrive(e, "t1");

    assertThat(answer).isEqualTo(new Redriver.Answer(true, EngineHarness.T0.plusSeconds(5), null));
    ExecutionRecord after = stored(e);
    assertThat(after.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(after.redriveCount()).isEqualTo(1);
    assertThat(after.redriveDate()).isEqualTo(EngineHarness.T0.plusSeconds(5));
    assertThat(after.error()).isNull();
    print(e);
    assertThat(history(e))
        .isEqualTo(
            """
            1 0 +0 ExecutionStarted {"input":"{}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/StepwiseExecutionRole"}
            2 0 +0 PassStateEntered {"name":"Prepare","input":"{}","inputDetails":{"truncated":false}}
            3 2 +0 PassStateExited {"name":"Prepare","output":"{\\"n\\":1}","outputDetails":{"truncated":false}}
            4 3 +0 TaskStateEntered {"name":"Call","input":"{\\"n\\":1}","inputDetails":{"truncated":false}}
            5 4 +0 LambdaFunctionScheduled {"input":"{\\"n\\":1}","inputDetails":{"truncated":false},"resource":"%1$s","timeoutInSeconds":30}
            6 5 +0 LambdaFunctionStarted
            7 6 +0 LambdaFunctionFailed {"error":"Boom","cause":"first try"}
            8 7 +0 ExecutionFailed {"error":"Boom","cause":"first try"}
            9 8 +5 ExecutionRedriven {"redriveCount":1}
            10 9 +5 LambdaFunctionScheduled {"input":"{\\"n\\":1}","inputDetails":{"truncated":false},"resource":"%1$s","timeoutInSeconds":30}
            11 10 +5 LambdaFunctionStarted
            12 11 +5 LambdaFunctionSucceeded {"output":"{\\"ok\\":true}","outputDetails":{"truncated":false}}
            13 12 +5 TaskStateExited {"name":"Call","output":"{\\"ok\\":true}","outputDetails":{"truncated":false}}
            14 13 +5 ExecutionSucceeded {"output":"{\\"ok\\":true}","outputDetails":{"truncated":false}}"""
                .formatted(LAMBDA));
  }

  @Test
  void onlyTheFailedBranchOfAParallelRunsAgain() {
    h.tasks
        .succeed(LAMBDA + ":a", json("\"A\""))
        .fail(LAMBDA + ":b", "Boom", "b failed")
        .succeed(LAMBDA + ":b", json("\"B\""));
    Execution e =
        h.start(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%1$s:a", "End": true}}},
              {"StartAt": "B1", "States": {
                "B1": {"Type": "Pass", "Result": "b1", "Next": "B2"},
                "B2": {"Type": "Task", "Resource": "%1$s:b", "End": true}}}]}}}
            """
                .formatted(LAMBDA),
            "{}");
    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.FAILED);

    redrive(e, null);

    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(stored(e).output()).isEqualTo(json("[\"A\",\"B\"]"));
    assertThat(h.tasks.dispatched())
        .extracting(r -> r.resource().arn())
        .containsExactly(LAMBDA + ":a", LAMBDA + ":b", LAMBDA + ":b");
    print(e);
    assertThat(history(e))
        .isEqualTo(
            """
            1 0 +0 ExecutionStarted {"input":"{}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/StepwiseExecutionRole"}
            2 0 +0 ParallelStateEntered {"name":"P","input":"{}","inputDetails":{"truncated":false}}
            3 2 +0 ParallelStateStarted
            4 3 +0 TaskStateEntered {"name":"A","input":"{}","inputDetails":{"truncated":false}}
            5 4 +0 LambdaFunctionScheduled {"input":"{}","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f:a"}
            6 5 +0 LambdaFunctionStarted
            7 3 +0 PassStateEntered {"name":"B1","input":"{}","inputDetails":{"truncated":false}}
            8 7 +0 PassStateExited {"name":"B1","output":"\\"b1\\"","outputDetails":{"truncated":false}}
            9 8 +0 TaskStateEntered {"name":"B2","input":"\\"b1\\"","inputDetails":{"truncated":false}}
            10 9 +0 LambdaFunctionScheduled {"input":"\\"b1\\"","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f:b"}
            11 10 +0 LambdaFunctionStarted
            12 6 +0 LambdaFunctionSucceeded {"output":"\\"A\\"","outputDetails":{"truncated":false}}
            13 12 +0 TaskStateExited {"name":"A","output":"\\"A\\"","outputDetails":{"truncated":false}}
            14 11 +0 LambdaFunctionFailed {"error":"Boom","cause":"b failed"}
            15 14 +0 ParallelStateFailed
            16 15 +0 ExecutionFailed {"error":"Boom","cause":"b failed"}
            17 16 +0 ExecutionRedriven {"redriveCount":1}
            18 17 +0 LambdaFunctionScheduled {"input":"\\"b1\\"","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f:b"}
            19 18 +0 LambdaFunctionStarted
            20 19 +0 LambdaFunctionSucceeded {"output":"\\"B\\"","outputDetails":{"truncated":false}}
            21 20 +0 TaskStateExited {"name":"B2","output":"\\"B\\"","outputDetails":{"truncated":false}}
            22 21 +0 ParallelStateExited {"name":"P","output":"[\\"A\\",\\"B\\"]","outputDetails":{"truncated":false}}
            23 22 +0 ExecutionSucceeded {"output":"[\\"A\\",\\"B\\"]","outputDetails":{"truncated":false}}""");
  }

  @Test
  void onlyTheFailedIterationsOfAnInlineMapRunAgain() {
    h.tasks
        .succeed(LAMBDA, json("10"))
        .fail(LAMBDA, "Boom", "item 1")
        .succeed(LAMBDA, json("20"))
        .succeed(LAMBDA, json("30"));
    Execution e =
        h.start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1,
              "ToleratedFailureCount": 0,
              "ItemProcessor": {"StartAt": "T", "States": {
                "T": {"Type": "Task", "Resource": "%s", "End": true}}}, "End": true}}}
            """
                .formatted(LAMBDA),
            "[1, 2, 3]");
    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(stored(e).error()).isEqualTo("States.ExceedToleratedFailureThreshold");

    redrive(e, null);

    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(stored(e).output()).isEqualTo(json("[10,20,30]"));
    assertThat(h.tasks.dispatched())
        .extracting(r -> Json.write(r.parameters()))
        .containsExactly("1", "2", "2", "3");
    print(e);
    assertThat(history(e))
        .isEqualTo(
            """
            1 0 +0 ExecutionStarted {"input":"[1,2,3]","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/StepwiseExecutionRole"}
            2 0 +0 MapStateEntered {"name":"M","input":"[1,2,3]","inputDetails":{"truncated":false}}
            3 2 +0 MapStateStarted {"length":3}
            4 3 +0 MapIterationStarted {"name":"M","index":0}
            5 4 +0 TaskStateEntered {"name":"T","input":"1","inputDetails":{"truncated":false}}
            6 5 +0 LambdaFunctionScheduled {"input":"1","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f"}
            7 6 +0 LambdaFunctionStarted
            8 7 +0 LambdaFunctionSucceeded {"output":"10","outputDetails":{"truncated":false}}
            9 8 +0 TaskStateExited {"name":"T","output":"10","outputDetails":{"truncated":false}}
            10 9 +0 MapIterationSucceeded {"name":"M","index":0}
            11 10 +0 MapIterationStarted {"name":"M","index":1}
            12 11 +0 TaskStateEntered {"name":"T","input":"2","inputDetails":{"truncated":false}}
            13 12 +0 LambdaFunctionScheduled {"input":"2","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f"}
            14 13 +0 LambdaFunctionStarted
            15 14 +0 LambdaFunctionFailed {"error":"Boom","cause":"item 1"}
            16 15 +0 MapIterationFailed {"name":"M","index":1}
            17 15 +0 MapStateFailed
            18 17 +0 ExecutionFailed {"error":"States.ExceedToleratedFailureThreshold","cause":"The specified tolerated failure threshold was exceeded"}
            19 18 +0 ExecutionRedriven {"redriveCount":1}
            20 19 +0 MapIterationStarted {"name":"M","index":1}
            21 20 +0 LambdaFunctionScheduled {"input":"2","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f"}
            22 21 +0 LambdaFunctionStarted
            23 22 +0 LambdaFunctionSucceeded {"output":"20","outputDetails":{"truncated":false}}
            24 23 +0 TaskStateExited {"name":"T","output":"20","outputDetails":{"truncated":false}}
            25 24 +0 MapIterationSucceeded {"name":"M","index":1}
            26 25 +0 MapIterationStarted {"name":"M","index":2}
            27 26 +0 TaskStateEntered {"name":"T","input":"3","inputDetails":{"truncated":false}}
            28 27 +0 LambdaFunctionScheduled {"input":"3","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f"}
            29 28 +0 LambdaFunctionStarted
            30 29 +0 LambdaFunctionSucceeded {"output":"30","outputDetails":{"truncated":false}}
            31 30 +0 TaskStateExited {"name":"T","output":"30","outputDetails":{"truncated":false}}
            32 31 +0 MapIterationSucceeded {"name":"M","index":2}
            33 32 +0 MapStateSucceeded
            34 33 +0 MapStateExited {"name":"M","output":"[10,20,30]","outputDetails":{"truncated":false}}
            35 34 +0 ExecutionSucceeded {"output":"[10,20,30]","outputDetails":{"truncated":false}}""");
  }

  @Test
  void aDistributedMapRedrivesItsMapRunsUnsuccessfulItems() {
    h.tasks.succeed(LAMBDA, json("10")).fail(LAMBDA, "Boom", "item 1").succeed(LAMBDA, json("20"));
    Execution e =
        h.start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}},
              "End": true}}}
            """
                .formatted(LAMBDA),
            "[1, 2]");
    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.FAILED);

    redrive(e, null);

    assertThat(stored(e).output()).isEqualTo(json("[10,20]"));
    print(e);
    assertThat(history(e).replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>"))
        .isEqualTo(
            """
            1 0 +0 ExecutionStarted {"input":"[1,2]","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/StepwiseExecutionRole"}
            2 0 +0 MapStateEntered {"name":"M","input":"[1,2]","inputDetails":{"truncated":false}}
            3 2 +0 MapStateStarted {"length":0}
            4 3 +0 MapRunStarted {"mapRunArn":"arn:aws:states:us-east-1:123456789012:mapRun:sm/M:<id>"}
            5 4 +0 MapRunFailed {"error":"Boom","cause":"item 1"}
            6 5 +0 MapStateFailed
            7 6 +0 ExecutionFailed {"error":"Boom","cause":"item 1"}
            8 7 +0 ExecutionRedriven {"redriveCount":1}
            9 8 +0 MapRunRedriven {"mapRunArn":"arn:aws:states:us-east-1:123456789012:mapRun:sm/M:<id>","redriveCount":1}
            10 9 +0 MapRunSucceeded
            11 10 +0 MapStateSucceeded
            12 11 +0 MapStateExited {"name":"M","output":"[10,20]","outputDetails":{"truncated":false}}
            13 12 +0 ExecutionSucceeded {"output":"[10,20]","outputDetails":{"truncated":false}}""");
  }

  @Test
  void aWaitWhoseTimestampHasPassedEndsAtOnce() {
    Execution e =
        h.start(
            """
            {"StartAt": "W", "TimeoutSeconds": 10, "States": {
              "W": {"Type": "Wait", "Timestamp": "2026-01-01T00:01:00Z", "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """,
            "{}");
    h.runUntilIdle();
    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    h.advance(Duration.ofMinutes(5));

    redrive(e, null);

    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    print(e);
    assertThat(history(e))
        .isEqualTo(
            """
            1 0 +0 ExecutionStarted {"input":"{}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/StepwiseExecutionRole"}
            2 0 +0 WaitStateEntered {"name":"W","input":"{}","inputDetails":{"truncated":false}}
            3 2 +10 ExecutionTimedOut {}
            4 3 +310 ExecutionRedriven {"redriveCount":1}
            5 4 +310 WaitStateExited {"name":"W","output":"{}","outputDetails":{"truncated":false}}
            6 5 +310 SucceedStateEntered {"name":"Done","input":"{}","inputDetails":{"truncated":false}}
            7 6 +310 SucceedStateExited {"name":"Done","output":"{}","outputDetails":{"truncated":false}}
            8 7 +310 ExecutionSucceeded {"output":"{}","outputDetails":{"truncated":false}}""");
  }

  @Test
  void theStateMachineTimeoutAndTheRetryCountersStartAgain() {
    h.tasks
        .fail(LAMBDA, "Boom", "1")
        .fail(LAMBDA, "Boom", "2")
        .fail(LAMBDA, "Boom", "3")
        .hold(LAMBDA);
    Execution e =
        h.start(
            """
            {"StartAt": "T", "TimeoutSeconds": 100, "States": {"T": {"Type": "Task",
              "Resource": "%s", "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 1,
              "IntervalSeconds": 1}], "End": true}}}
            """
                .formatted(LAMBDA),
            "{}");
    h.runUntilIdle();
    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.FAILED);
    h.advance(Duration.ofSeconds(60));

    redrive(e, null);
    h.advance(Duration.ofSeconds(1)); // the retry is allowed again: its counter starts at 0
    h.advance(Duration.ofSeconds(98)); // 100 s after the redrive, not after the start
    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.RUNNING);
    h.advance(Duration.ofSeconds(1));

    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(h.tasks.dispatched()).hasSize(4);
    print(e);
    assertThat(history(e))
        .isEqualTo(
            """
            1 0 +0 ExecutionStarted {"input":"{}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/StepwiseExecutionRole"}
            2 0 +0 TaskStateEntered {"name":"T","input":"{}","inputDetails":{"truncated":false}}
            3 2 +0 LambdaFunctionScheduled {"input":"{}","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f"}
            4 3 +0 LambdaFunctionStarted
            5 4 +0 LambdaFunctionFailed {"error":"Boom","cause":"1"}
            6 5 +1 LambdaFunctionScheduled {"input":"{}","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f"}
            7 6 +1 LambdaFunctionStarted
            8 7 +1 LambdaFunctionFailed {"error":"Boom","cause":"2"}
            9 8 +1 ExecutionFailed {"error":"Boom","cause":"2"}
            10 9 +61 ExecutionRedriven {"redriveCount":1}
            11 10 +61 LambdaFunctionScheduled {"input":"{}","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f"}
            12 11 +61 LambdaFunctionStarted
            13 12 +61 LambdaFunctionFailed {"error":"Boom","cause":"3"}
            14 13 +62 LambdaFunctionScheduled {"input":"{}","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f"}
            15 14 +62 LambdaFunctionStarted
            16 15 +161 ExecutionTimedOut {}""");
  }

  @Test
  void afterDataLimitExceededTheWholeParallelRunsAgain() {
    String big = "x".repeat(200_000);
    h.tasks.succeed(LAMBDA, json("\"" + big + "\"")).succeed(LAMBDA, json("\"" + big + "\""));
    h.tasks.succeed(LAMBDA, json("\"small\"")).succeed(LAMBDA, json("\"small\""));
    Execution e =
        h.start(
            """
            {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%1$s", "End": true}}},
              {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "%1$s", "End": true}}}]}}}
            """
                .formatted(LAMBDA),
            "{}");
    assertThat(stored(e).error()).isEqualTo("States.DataLimitExceeded");

    redrive(e, null);

    assertThat(stored(e).output()).isEqualTo(json("[\"small\",\"small\"]"));
    assertThat(h.tasks.dispatched()).hasSize(4);
  }

  @Test
  void aStoppedTaskIsScheduledAgainAndAFailStateFailsAgain() {
    h.tasks.hold(LAMBDA);
    Execution e =
        h.start(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "%s", "Next": "F"},
              "F": {"Type": "Fail", "Error": "Final", "Cause": "always"}}}
            """
                .formatted(LAMBDA),
            "{}");
    h.engine.stop(e.spec().executionArn(), "Stopped", "by a test");
    h.scheduler.runReady();
    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.ABORTED);

    redrive(e, null); // the task is scheduled again (and answers at once), then F fails
    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.FAILED);
    redrive(e, null);

    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(stored(e).redriveCount()).isEqualTo(2);
    print(e);
    assertThat(history(e))
        .isEqualTo(
            """
            1 0 +0 ExecutionStarted {"input":"{}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/StepwiseExecutionRole"}
            2 0 +0 TaskStateEntered {"name":"T","input":"{}","inputDetails":{"truncated":false}}
            3 2 +0 LambdaFunctionScheduled {"input":"{}","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f"}
            4 3 +0 LambdaFunctionStarted
            5 0 +0 ExecutionAborted {"error":"Stopped","cause":"by a test"}
            6 5 +0 ExecutionRedriven {"redriveCount":1}
            7 6 +0 LambdaFunctionScheduled {"input":"{}","inputDetails":{"truncated":false},"resource":"arn:aws:lambda:us-east-1:123456789012:function:f"}
            8 7 +0 LambdaFunctionStarted
            9 8 +0 LambdaFunctionSucceeded {"output":"{}","outputDetails":{"truncated":false}}
            10 9 +0 TaskStateExited {"name":"T","output":"{}","outputDetails":{"truncated":false}}
            11 10 +0 FailStateEntered {"name":"F","input":"{}","inputDetails":{"truncated":false}}
            12 11 +0 ExecutionFailed {"error":"Final","cause":"always"}
            13 12 +0 ExecutionRedriven {"redriveCount":2}
            14 13 +0 ExecutionFailed {"error":"Final","cause":"always"}""");
  }

  @Test
  void theContextShowsTheRedrive() {
    h.tasks.fail(LAMBDA, "Boom", "once");
    Execution e =
        h.start(
            """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "%s", "Parameters": {"n.$": "$$.Execution.RedriveCount"},
                "End": true}}}
            """
                .formatted(LAMBDA),
            "{}");
    h.advance(Duration.ofSeconds(3));
    redrive(e, null);
    assertThat(stored(e).output()).isEqualTo(json("{\"n\":1}"));
  }

  // ---------------------------------------------------------------------------------------------
  // Eligibility

  @Test
  void runningAndSucceededExecutionsAreNotRedrivable() {
    h.tasks.hold(LAMBDA);
    Execution running =
        h.start(
            "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\""
                + LAMBDA
                + "\",\"End\":true}}}",
            "{}");
    assertThat(redrive(running, null))
        .isEqualTo(new Redriver.Answer(false, null, "Execution is RUNNING and cannot be redriven"));
    assertThat(h.store.history(running.spec().executionArn())).hasSize(4);
  }

  @Test
  void aClientTokenAnswersWithTheSameRedriveForFifteenMinutes() {
    h.tasks.fail(LAMBDA, "Boom", "1").hold(LAMBDA);
    Execution e =
        h.start(
            "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\""
                + LAMBDA
                + "\",\"End\":true}}}",
            "{}");
    Redriver.Answer first = redrive(e, "token-1");
    h.advance(Duration.ofMinutes(14));
    assertThat(redrive(e, "token-1")).isEqualTo(first);
    assertThat(redrive(e, "token-2"))
        .isEqualTo(new Redriver.Answer(false, null, "Execution is RUNNING and cannot be redriven"));
    h.advance(Duration.ofMinutes(1));
    assertThat(redrive(e, "token-1"))
        .isEqualTo(new Redriver.Answer(false, null, "Execution is RUNNING and cannot be redriven"));
    assertThat(stored(e).redriveCount()).isEqualTo(1);
  }

  @Test
  void onlyTheLastTenTokensAreRemembered() {
    String definition =
        "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"E\"}}}";
    Execution e = h.start(definition, "{}");
    for (int i = 0; i < 11; i++) {
      h.advance(Duration.ofSeconds(1));
      assertThat(redrive(e, "token-" + i).redriveDate())
          .isEqualTo(EngineHarness.T0.plusSeconds(i + 1));
    }
    h.advance(Duration.ofSeconds(1));
    assertThat(redrive(e, "token-10").redriveDate()).isEqualTo(EngineHarness.T0.plusSeconds(11));
    assertThat(redrive(e, "token-1").redriveDate()).isEqualTo(EngineHarness.T0.plusSeconds(2));
    // token-0 is forgotten: the same text is a new request, a new redrive.
    assertThat(redrive(e, "token-0").redriveDate()).isEqualTo(EngineHarness.T0.plusSeconds(12));
    assertThat(stored(e).redriveCount()).isEqualTo(12);
  }

  @Test
  void fourteenDaysAfterTheCloseTheExecutionIsNoLongerRedrivable() {
    h.tasks.fail(LAMBDA, "Boom", "1");
    Execution e =
        h.start(
            "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\""
                + LAMBDA
                + "\",\"End\":true}}}",
            "{}");
    h.advance(Duration.ofDays(14));
    assertThat(redrive(e, null))
        .isEqualTo(new Redriver.Answer(false, null, RedriveRules.PERIOD_EXCEEDED));
    assertThat(stored(e).status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(stored(e).redriveCount()).isZero();
  }

  @Test
  void aFullHistoryIsNotRedrivable() {
    EngineHarness small =
        new EngineHarness(
            new EngineSettings("us-east-1", "123456789012", 6, 262_144, 1000, 1000, 1));
    small.tasks.fail(LAMBDA, "Boom", "1");
    Execution e =
        small.start(
            "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Next\":\"T\"},"
                + "\"T\":{\"Type\":\"Task\",\"Resource\":\""
                + LAMBDA
                + "\",\"End\":true}}}",
            "{}");
    var answer = small.engine.redriveAsync(e.spec().executionArn(), null);
    small.scheduler.runReady();
    assertThat(answer.join())
        .isEqualTo(new Redriver.Answer(false, null, RedriveRules.HISTORY_LIMIT));
  }
}
