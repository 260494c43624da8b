package dev.stepwise.engine.teststate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.ScriptedTasks;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.teststate.TestStateRequest.ErrorOutput;
import dev.stepwise.engine.teststate.TestStateRequest.FieldValidationMode;
import dev.stepwise.engine.teststate.TestStateRequest.InspectionLevel;
import dev.stepwise.engine.teststate.TestStateRequest.MockInput;
import dev.stepwise.engine.teststate.TestStateRequest.StateConfiguration;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.language.json.Json;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** TestState's processing steps, statuses and validation messages, as whole responses. */
class TestStatesTest {
  private final ScriptedTasks tasks = new ScriptedTasks();
  private final AtomicLong ids = new AtomicLong();
  private final TestStates testStates =
      new TestStates(
          EngineSettings.DEFAULTS,
          tasks,
          new ManualClock(Instant.parse("2026-01-01T00:00:00Z")),
          () -> new UUID(0, ids.incrementAndGet()));

  private static final String ROLE = "arn:aws:iam::123456789012:role/test";

  private static TestStateRequest request(
      String definition,
      @Nullable String input,
      InspectionLevel level,
      @Nullable MockInput mock,
      @Nullable String roleArn) {
    return new TestStateRequest(
        definition, roleArn, input, level, false, null, null, mock, null, StateConfiguration.NONE);
  }

  private static MockInput result(String text) {
    return new MockInput(text, null, FieldValidationMode.STRICT);
  }

  private static MockInput error(String error, String cause) {
    return new MockInput(null, new ErrorOutput(error, cause), FieldValidationMode.STRICT);
  }

  private ObjectNode test(TestStateRequest request) throws Exception {
    return testStates.test(request);
  }

  private static void assertJson(JsonNode actual, String expected) {
    assertThat(Json.write(actual)).isEqualTo(Json.write(Json.parseTrusted(expected)));
  }

  private void assertRefused(TestStateRequest request, String code, String message) {
    assertThatThrownBy(() -> testStates.test(request))
        .isInstanceOf(ServiceException.class)
        .satisfies(
            e -> {
              assertThat(((ServiceException) e).code()).isEqualTo(code);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  // ---------------------------------------------------------------------------------------------
  // Processing steps

  @Test
  void aPassStateShowsEachStepAndKeepsTheInputAsSent() throws Exception {
    ObjectNode r =
        test(
            request(
                "{\"Type\":\"Pass\",\"InputPath\":\"$.a\",\"Parameters\":{\"b.$\":\"$.b\"},"
                    + "\"ResultPath\":\"$.r\",\"OutputPath\":\"$.r\",\"Next\":\"Done\"}",
                "{\"a\": {\"b\": [1, 2]}}",
                InspectionLevel.DEBUG,
                null,
                null));
    assertJson(
        r,
        """
        {"output":"{\\"b\\":[1,2]}",
         "inspectionData":{"input":"{\\"a\\": {\\"b\\": [1, 2]}}",
           "afterInputPath":"{\\"b\\":[1,2]}","afterParameters":"{\\"b\\":[1,2]}",
           "afterResultSelector":"{\\"b\\":[1,2]}",
           "afterResultPath":"{\\"a\\":{\\"b\\":[1,2]},\\"r\\":{\\"b\\":[1,2]}}"},
         "nextState":"Done","status":"SUCCEEDED"}
        """);
  }

  @Test
  void infoShowsNoInspectionData() throws Exception {
    assertJson(
        test(
            request(
                "{\"Type\":\"Pass\",\"Result\":{\"x\":1},\"End\":true}",
                null,
                InspectionLevel.INFO,
                null,
                null)),
        "{\"output\":\"{\\\"x\\\":1}\",\"status\":\"SUCCEEDED\"}");
  }

  @Test
  void aChoiceWithoutAMatchFails() throws Exception {
    assertJson(
        test(
            request(
                "{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.n\",\"NumericEquals\":1,"
                    + "\"Next\":\"One\"}]}",
                "{\"n\":2}",
                InspectionLevel.DEBUG,
                null,
                null)),
        """
        {"error":"States.NoChoiceMatched","cause":"No Matches!",
         "inspectionData":{"input":"{\\"n\\":2}","afterInputPath":"{\\"n\\":2}"},
         "status":"FAILED"}
        """);
  }

  @Test
  void aWaitIsCheckedNotWaitedFor() throws Exception {
    assertJson(
        test(
            request(
                "{\"Type\":\"Wait\",\"Timestamp\":\"2020-01-01T00:00:00Z\",\"Next\":\"After\"}",
                "{}",
                InspectionLevel.INFO,
                null,
                null)),
        "{\"output\":\"{}\",\"nextState\":\"After\",\"status\":\"SUCCEEDED\"}");
    assertJson(
        test(
            request(
                "{\"Type\":\"Wait\",\"SecondsPath\":\"$.s\",\"End\":true}",
                "{\"s\":-1}",
                InspectionLevel.INFO,
                null,
                null)),
        """
        {"error":"States.Runtime",
         "cause":"The SecondsPath parameter references a negative value: $.s == -1",
         "status":"FAILED"}
        """);
  }

  @Test
  void aMockedTaskGoesThroughResultSelectorResultPathAndOutputPath() throws Exception {
    ObjectNode r =
        test(
            request(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                    + "\"Parameters\":{\"FunctionName\":\"f\",\"Payload.$\":\"$\"},"
                    + "\"ResultSelector\":{\"p.$\":\"$.Payload\"},\"ResultPath\":\"$.out\","
                    + "\"End\":true}",
                "{\"k\":1}",
                InspectionLevel.DEBUG,
                result("{\"StatusCode\": 200, \"Payload\": \"ok\"}"),
                null));
    assertJson(
        r,
        """
        {"output":"{\\"k\\":1,\\"out\\":{\\"p\\":\\"ok\\"}}",
         "inspectionData":{"input":"{\\"k\\":1}","afterInputPath":"{\\"k\\":1}",
           "afterParameters":"{\\"FunctionName\\":\\"f\\",\\"Payload\\":{\\"k\\":1}}",
           "result":"{\\"StatusCode\\": 200, \\"Payload\\": \\"ok\\"}",
           "afterResultSelector":"{\\"p\\":\\"ok\\"}",
           "afterResultPath":"{\\"k\\":1,\\"out\\":{\\"p\\":\\"ok\\"}}"},
         "status":"SUCCEEDED"}
        """);
    assertThat(tasks.dispatched()).isEmpty();
  }

  @Test
  void aMockedErrorIsCaughtWithTheCatchersResultPath() throws Exception {
    assertJson(
        test(
            request(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                    + "\"Parameters\":{\"FunctionName\":\"f\"},"
                    + "\"Catch\":[{\"ErrorEquals\":[\"Other\"],\"Next\":\"A\"},"
                    + "{\"ErrorEquals\":[\"States.ALL\"],\"ResultPath\":\"$.e\",\"Next\":\"B\"}],"
                    + "\"End\":true}",
                "{\"k\":1}",
                InspectionLevel.DEBUG,
                error("Boom", "it broke"),
                null)),
        """
        {"output":"{\\"k\\":1,\\"e\\":{\\"Error\\":\\"Boom\\",\\"Cause\\":\\"it broke\\"}}",
         "error":"Boom","cause":"it broke",
         "inspectionData":{"input":"{\\"k\\":1}","afterInputPath":"{\\"k\\":1}",
           "afterParameters":"{\\"FunctionName\\":\\"f\\"}","errorDetails":{"catchIndex":1}},
         "nextState":"B","status":"CAUGHT_ERROR"}
        """);
  }

  @Test
  void aRetrierWithAttemptsLeftMakesTheStateRetriableAndNamesTheBackoff() throws Exception {
    String definition =
        "{\"Type\":\"Task\",\"QueryLanguage\":\"JSONata\","
            + "\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Arguments\":{\"FunctionName\":\"f\"},"
            + "\"Retry\":[{\"ErrorEquals\":[\"Boom\"],\"IntervalSeconds\":3,\"BackoffRate\":1.5,"
            + "\"MaxAttempts\":3}],\"End\":true}";
    TestStateRequest twice =
        new TestStateRequest(
            definition,
            null,
            null,
            InspectionLevel.DEBUG,
            false,
            null,
            null,
            error("Boom", "again"),
            null,
            new StateConfiguration(2, null, null, null));
    assertJson(
        test(twice),
        """
        {"error":"Boom","cause":"again",
         "inspectionData":{"input":"{}","afterArguments":"{\\"FunctionName\\":\\"f\\"}",
           "errorDetails":{"retryIndex":0,"retryBackoffIntervalSeconds":6}},
         "status":"RETRIABLE"}
        """);
    TestStateRequest exhausted =
        new TestStateRequest(
            definition,
            null,
            null,
            InspectionLevel.DEBUG,
            false,
            null,
            null,
            error("Boom", "again"),
            null,
            new StateConfiguration(3, null, null, null));
    assertJson(
        test(exhausted),
        """
        {"error":"Boom","cause":"again",
         "inspectionData":{"input":"{}","afterArguments":"{\\"FunctionName\\":\\"f\\"}",
           "errorDetails":{"retryIndex":0}},
         "status":"FAILED"}
        """);
  }

  @Test
  void aTaskWithoutAMockIsCalledForReal() throws Exception {
    tasks.succeed("arn:aws:states:::lambda:invoke", Json.parseTrusted("{\"Payload\":7}"));
    assertJson(
        test(
            request(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                    + "\"Parameters\":{\"FunctionName\":\"f\",\"Payload.$\":\"$.n\"},"
                    + "\"OutputPath\":\"$.Payload\",\"End\":true}",
                "{\"n\":3}",
                InspectionLevel.INFO,
                null,
                ROLE)),
        "{\"output\":\"7\",\"status\":\"SUCCEEDED\"}");
    TaskRequest made = tasks.dispatched().get(0);
    assertThat(Json.write(made.parameters())).isEqualTo("{\"FunctionName\":\"f\",\"Payload\":3}");
    assertThat(made.stateName()).isEqualTo("StateName");
    assertThat(made.executionArn())
        .isEqualTo(
            "arn:aws:states:us-east-1:123456789012:express:"
                + "00000000-0000-0000-0000-000000000001:00000000-0000-0000-0000-000000000002");

    tasks.fail("arn:aws:states:::lambda:invoke", "Lambda.Unknown", "no such function");
    assertJson(
        test(
            request(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                    + "\"Parameters\":{\"FunctionName\":\"f\"},\"End\":true}",
                null,
                InspectionLevel.INFO,
                null,
                ROLE)),
        "{\"error\":\"Lambda.Unknown\",\"cause\":\"no such function\",\"status\":\"FAILED\"}");
  }

  @Test
  void traceShowsAnHttpTasksExchangeWithItsCredentialsHidden() throws Exception {
    tasks.then(
        "arn:aws:states:::http:invoke",
        (request, callbacks) -> {
          callbacks.exchanged(
              Json.parseTrusted(
                  """
                  {"protocol":"https","method":"GET","url":"https://example.com/x",
                   "headers":{"Authorization":"Basic dTpw","Accept":"*/*"},
                   "secretHeaders":["Authorization"]}
                  """),
              Json.parseTrusted(
                  """
                  {"protocol":"HTTP/1.1","statusCode":"200","statusMessage":"OK",
                   "headers":{"content-type":"text/plain"},"body":"hi"}
                  """));
          callbacks.succeeded(Json.parseTrusted("{\"ResponseBody\":\"hi\",\"StatusCode\":200}"));
        });
    ObjectNode r =
        test(
            request(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::http:invoke\","
                    + "\"Parameters\":{\"ApiEndpoint\":\"https://example.com/x\",\"Method\":\"GET\","
                    + "\"Authentication\":{\"ConnectionArn\":\"arn:aws:events:us-east-1:"
                    + "123456789012:connection/c/1\"}},\"End\":true}",
                null,
                InspectionLevel.TRACE,
                null,
                ROLE));
    assertJson(
        r.get("inspectionData").get("request"),
        """
        {"protocol":"https","method":"GET","url":"https://example.com/x",
         "headers":"{\\"Authorization\\":\\"[REDACTED]\\",\\"Accept\\":\\"*/*\\"}"}
        """);
    assertJson(
        r.get("inspectionData").get("response"),
        """
        {"protocol":"HTTP/1.1","statusCode":"200","statusMessage":"OK",
         "headers":"{\\"content-type\\":\\"text/plain\\"}","body":"hi"}
        """);
  }

  @Test
  void theDefaultContextIsAnExpressExecutionOfAStateNamedStateName() throws Exception {
    ObjectNode r =
        test(
            request(
                "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sqs:sendMessage"
                    + ".waitForTaskToken\",\"Parameters\":{\"c.$\":\"$$\"},\"End\":true}",
                "{\"a\":1}",
                InspectionLevel.DEBUG,
                result("{}"),
                ROLE));
    assertJson(
        Json.parseTrusted(r.get("inspectionData").get("afterParameters").asText()),
        """
        {"c":{"Execution":{"Id":"arn:aws:states:us-east-1:123456789012:express:00000000-0000-0000-0000-000000000001:00000000-0000-0000-0000-000000000002",
          "Input":{"a":1},"Name":"00000000-0000-0000-0000-000000000002",
          "RoleArn":"arn:aws:iam::123456789012:role/test","StartTime":"2026-01-01T00:00:00.000Z"},
         "StateMachine":{"Id":"arn:aws:states:us-east-1:123456789012:stateMachine:00000000-0000-0000-0000-000000000001",
          "Name":"00000000-0000-0000-0000-000000000001"},
         "State":{"Name":"StateName","EnteredTime":"2026-01-01T00:00:00.000Z","RetryCount":0},
         "Task":{"Token":"00000000-0000-0000-0000-000000000003"}}}
        """);
  }

  @Test
  void aStateInsideAMapSeesItsInputAsTheFirstItem() throws Exception {
    TestStateRequest request =
        new TestStateRequest(
            "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemProcessor\":"
                + "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\","
                + "\"Parameters\":{\"item.$\":\"$$.Map.Item\"},\"End\":true}}},\"End\":true}}}",
            null,
            "\"x\"",
            InspectionLevel.INFO,
            false,
            null,
            "P",
            null,
            null,
            StateConfiguration.NONE);
    assertJson(
        test(request),
        "{\"output\":\"{\\\"item\\\":{\\\"Index\\\":0,\\\"Value\\\":\\\"x\\\"}}\","
            + "\"status\":\"SUCCEEDED\"}");
  }

  @Test
  void variablesAreSeenAndAssignedOnes() throws Exception {
    TestStateRequest request =
        new TestStateRequest(
            "{\"Type\":\"Pass\",\"QueryLanguage\":\"JSONata\",\"Assign\":{\"b\":\"{% $a + 1 %}\"},"
                + "\"Output\":\"{% $a %}\",\"End\":true}",
            null,
            null,
            InspectionLevel.DEBUG,
            false,
            "{\"a\":1}",
            null,
            null,
            null,
            StateConfiguration.NONE);
    assertJson(
        test(request),
        """
        {"output":"1","inspectionData":{"input":"{}","variables":"{\\"a\\":1,\\"b\\":2}"},
         "status":"SUCCEEDED"}
        """);
  }

  @Test
  void aMockedMapFailsPastItsToleratedFailures() throws Exception {
    String map =
        "{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"ToleratedFailurePercentage\":50,"
            + "\"ItemProcessor\":{\"StartAt\":\"I\",\"States\":{\"I\":{\"Type\":\"Pass\","
            + "\"End\":true}}},\"End\":true}";
    TestStateRequest request =
        new TestStateRequest(
            map,
            null,
            "{\"items\":[1,2,3]}",
            InspectionLevel.DEBUG,
            false,
            null,
            null,
            result("[1, 2, 3]"),
            null,
            new StateConfiguration(null, null, 2, null));
    assertJson(
        test(request),
        """
        {"error":"States.ExceedToleratedFailureThreshold",
         "cause":"The specified tolerated failure threshold was exceeded",
         "inspectionData":{"input":"{\\"items\\":[1,2,3]}","afterInputPath":"{\\"items\\":[1,2,3]}",
           "afterItemsPath":"[1,2,3]","maxConcurrency":0,"toleratedFailurePercentage":50.0},
         "status":"FAILED"}
        """);
    assertRefused(
        new TestStateRequest(
            map,
            null,
            "{\"items\":[1,2,3]}",
            InspectionLevel.INFO,
            false,
            null,
            null,
            result("[1, 2, 3]"),
            null,
            new StateConfiguration(null, null, 4, null)),
        "ValidationException",
        "Map iteration failure count must be less than or equal to the number of Map iterations");
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  @Test
  void requestsAwsRefusesAreRefusedWithItsMessages() {
    String pass = "{\"Type\":\"Pass\",\"End\":true}";
    String lambda =
        "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
            + "\"Parameters\":{\"FunctionName\":\"f\"},\"End\":true}";
    String parallel =
        "{\"Type\":\"Parallel\",\"Branches\":[{\"StartAt\":\"A\",\"States\":{\"A\":"
            + "{\"Type\":\"Pass\",\"End\":true}}}],\"End\":true}";
    assertRefused(
        request(
            lambda,
            null,
            InspectionLevel.INFO,
            new MockInput("{}", new ErrorOutput("E", "C"), FieldValidationMode.STRICT),
            null),
        "ValidationException",
        "A test mock should have only one of the following fields: [result, errorOutput].");
    assertRefused(
        new TestStateRequest(
            lambda,
            null,
            null,
            InspectionLevel.INFO,
            true,
            null,
            null,
            result("{}"),
            null,
            StateConfiguration.NONE),
        "ValidationException",
        "TestState does not support RevealSecrets when a mock is specified.");
    assertRefused(
        request(pass, null, InspectionLevel.INFO, result("{}"), null),
        "ValidationException",
        "State type 'Pass' is not supported when a mock is specified");
    assertRefused(
        request(parallel, null, InspectionLevel.INFO, null, null),
        "InvalidDefinition",
        "TestState API does not support Map or Parallel states. Supported state types include:"
            + " [Task, Wait, Pass, Succeed, Fail, Choice]");
    assertRefused(
        request(parallel, null, InspectionLevel.INFO, result("[1, 2]"), null),
        "ValidationException",
        "Mocked result must contain the same number of items as number of Parallel branches.");
    assertRefused(
        request(lambda, null, InspectionLevel.INFO, null, null),
        "ValidationException",
        "RoleArn must be specified when testing a Task state");
    assertRefused(
        request(lambda, null, InspectionLevel.INFO, result("not JSON"), null),
        "ValidationException",
        "Mocked result must be valid JSON");
    assertRefused(
        request(lambda, null, InspectionLevel.INFO, result("{\"StatusCode\":\"200\"}"), null),
        "ValidationException",
        "Mock result schema validation error: Field 'StatusCode' must be a number");
    assertRefused(
        request(
            "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::states:startExecution.sync\","
                + "\"Parameters\":{\"StateMachineArn\":\"a\"},\"End\":true}",
            null,
            InspectionLevel.INFO,
            null,
            ROLE),
        "ValidationException",
        "TestState does not support the '.sync' service integration pattern when a mock is not"
            + " specified.");
    assertRefused(
        new TestStateRequest(
            "{\"StartAt\":\"P\",\"States\":{\"P\":" + pass + "}}",
            null,
            null,
            InspectionLevel.INFO,
            false,
            null,
            "Missing",
            null,
            null,
            StateConfiguration.NONE),
        "ValidationException",
        "State not found in definition");
    assertRefused(
        new TestStateRequest(
            lambda,
            null,
            null,
            InspectionLevel.INFO,
            false,
            null,
            null,
            result("{}"),
            "{\"Task\":{\"Token\":\"t\"}}",
            StateConfiguration.NONE),
        "ValidationException",
        "Invalid Context object provided: Context object contains 'Task' when state is not a Task"
            + " state with a '.sync' or '.waitForTaskToken' service integration pattern");
    assertRefused(
        new TestStateRequest(
            pass,
            null,
            null,
            InspectionLevel.INFO,
            false,
            null,
            null,
            null,
            "{}",
            StateConfiguration.NONE),
        "ValidationException",
        "TestState does not support Context when a mock is not specified.");
  }

  @Test
  void presentChecksOnlyTheFieldsGivenAndNoneChecksNothing() throws Exception {
    String start =
        "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::states:startExecution\","
            + "\"Parameters\":{\"StateMachineArn\":\"a\"},\"End\":true}";
    assertRefused(
        request(start, null, InspectionLevel.INFO, result("{}"), null),
        "ValidationException",
        "Mock result schema validation error: Required field 'ExecutionArn' is missing");
    assertJson(
        test(
            request(
                start,
                null,
                InspectionLevel.INFO,
                new MockInput("{}", null, FieldValidationMode.PRESENT),
                null)),
        "{\"output\":\"{}\",\"status\":\"SUCCEEDED\"}");
    assertRefused(
        request(
            start,
            null,
            InspectionLevel.INFO,
            new MockInput("{\"StartDate\":1}", null, FieldValidationMode.PRESENT),
            null),
        "ValidationException",
        "Mock result schema validation error: Field 'StartDate' must be a string");
    assertJson(
        test(
            request(
                start,
                null,
                InspectionLevel.INFO,
                new MockInput("{\"StartDate\":1}", null, FieldValidationMode.NONE),
                null)),
        "{\"output\":\"{\\\"StartDate\\\":1}\",\"status\":\"SUCCEEDED\"}");
  }
}
