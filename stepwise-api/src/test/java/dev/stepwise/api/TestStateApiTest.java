package dev.stepwise.api;

import static dev.stepwise.api.TestServer.assertFails;
import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.MockInput;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** TestState through the AWS SDK, as users call it: the request's members reach the engine. */
class TestStateApiTest {

  @Test
  void aMockedTaskIsTestedWithItsInspectionData() throws Exception {
    try (TestServer server = new TestServer()) {
      TestStateResponse r =
          server.sfn.testState(
              b ->
                  b.definition(
                          "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                              + "\"Parameters\":{\"FunctionName\":\"f\"},\"ResultPath\":\"$.r\","
                              + "\"Next\":\"After\"}")
                      .input("{\"a\": 1}")
                      .inspectionLevel(InspectionLevel.DEBUG)
                      .mock(MockInput.builder().result("{\"StatusCode\": 200}").build()));
      assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
      assertThat(r.nextState()).isEqualTo("After");
      assertThat(r.output()).isEqualTo("{\"a\":1,\"r\":{\"StatusCode\":200}}");
      assertThat(r.inspectionData().input()).isEqualTo("{\"a\": 1}");
      assertThat(r.inspectionData().afterParameters()).isEqualTo("{\"FunctionName\":\"f\"}");
      assertThat(r.inspectionData().result()).isEqualTo("{\"StatusCode\": 200}");
    }
  }

  @Test
  void anUnmockedTaskStartsAChildAndCallsStepFunctionsForReal() throws Exception {
    try (TestServer server = new TestServer()) {
      String child =
          server.create(
              "child", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
      TestStateResponse started =
          server.sfn.testState(
              b ->
                  b.definition(
                          "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::states:startExecution\","
                              + "\"Parameters\":{\"StateMachineArn\":\""
                              + child
                              + "\",\"Name\":\"from-test-state\",\"Input\":{\"k\":1}},"
                              + "\"ResultSelector\":{\"arn.$\":\"$.ExecutionArn\"},\"End\":true}")
                      .roleArn(TestServer.ROLE));
      assertThat(started.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
      assertThat(started.output())
          .isEqualTo("{\"arn\":\"" + TestServer.EXEC + "child:from-test-state\"}");
      server.awaitClosed(TestServer.EXEC + "child:from-test-state");

      TestStateResponse described =
          server.sfn.testState(
              b ->
                  b.definition(
                          "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::aws-sdk:sfn:describeExecution\","
                              + "\"Parameters\":{\"ExecutionArn\":\""
                              + TestServer.EXEC
                              + "child:from-test-state\"},\"OutputPath\":\"$.Status\",\"End\":true}")
                      .roleArn(TestServer.ROLE));
      assertThat(described.output()).isEqualTo("\"SUCCEEDED\"");
    }
  }

  @Test
  void refusalsAreAwsErrors() throws Exception {
    try (TestServer server = new TestServer()) {
      assertFails(
          InvalidDefinitionException.class,
          "TestState API does not support Map or Parallel states. Supported state types include:"
              + " [Task, Wait, Pass, Succeed, Fail, Choice]",
          () ->
              server.sfn.testState(
                  b ->
                      b.definition(
                          "{\"Type\":\"Parallel\",\"Branches\":[{\"StartAt\":\"A\",\"States\":"
                              + "{\"A\":{\"Type\":\"Pass\",\"End\":true}}}],\"End\":true}")));
      assertFails(
          ValidationException.class,
          "RoleArn must be specified when testing a Task state",
          () ->
              server.sfn.testState(
                  b ->
                      b.definition(
                          "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                              + "\"End\":true}")));
      assertJson(
          server.call(
              "TestState",
              "{\"definition\":\"{\\\"Type\\\":\\\"Succeed\\\"}\",\"inspectionLevel\":\"ALL\"}"),
          """
          {"__type":"ValidationException","message":"1 validation error detected: Value 'ALL' at\
           'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set:\
           [INFO, DEBUG, TRACE]"}
          """);
    }
  }
}
