package dev.stepwise.api;

import static dev.stepwise.api.TestServer.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the AWS-recorded API flows showed: logging rules, describe documents, small answers. */
class LoggingAndDescribeApiTest {
  private static final String PASS =
      "{\\\"StartAt\\\":\\\"P\\\",\\\"States\\\":{\\\"P\\\":{\\\"Type\\\":\\\"Pass\\\",\\\"End\\\":true}}}";
  private static final String GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:g:*";

  private final TestServer server;

  LoggingAndDescribeApiTest() throws Exception {
    server = new TestServer();
  }

  @AfterEach
  void close() {
    server.close();
  }

  private String create(String name, String logging) {
    return server
        .call(
            "CreateStateMachine",
            "{\"name\":\"%s\",\"definition\":\"%s\",\"roleArn\":\"%s\",\"loggingConfiguration\":%s}"
                .formatted(name, PASS, TestServer.ROLE, logging))
        .toString();
  }

  @Test
  void aLevelOtherThanOffNeedsExactlyOneDestination() {
    String exactlyOne =
        "{\"__type\":\"InvalidLoggingConfiguration\",\"message\":\"Invalid Logging Configuration:"
            + " Must specify exactly one Log Destination.\"}";
    assertThat(create("a", "{\"level\":\"ALL\"}")).isEqualTo(exactlyOne);
    assertThat(create("b", "{\"level\":\"ERROR\",\"destinations\":[]}")).isEqualTo(exactlyOne);
    String two = "{\"cloudWatchLogsLogGroup\":{\"logGroupArn\":\"%s\"}}".formatted(GROUP);
    assertThat(create("c", "{\"level\":\"OFF\",\"destinations\":[" + two + "," + two + "]}"))
        .isEqualTo(exactlyOne);
    assertThat(
            create(
                "d",
                "{\"level\":\"ALL\",\"destinations\":[{\"cloudWatchLogsLogGroup\":"
                    + "{\"logGroupArn\":\"arn:aws:logs:us-east-1:123456789012:log-group:g\"}}]}"))
        .isEqualTo(
            "{\"__type\":\"InvalidLoggingConfiguration\",\"message\":\"Invalid Logging"
                + " Configuration: Log Group ARN must be provided with '*' qualifier.\"}");
    assertThat(server.call("ListStateMachines", "{}").path("stateMachines").size()).isZero();
  }

  @Test
  void offKeepsTheDestinationsAsGivenAndExecutionsShowTheirConfiguration() {
    create("m", "{\"destinations\":[]}");
    String arn = TestServer.SM + "m";
    String exec = server.start(arn, "e", "{}");
    server.awaitClosed(exec);
    assertJson(
        server.call("DescribeStateMachineForExecution", "{\"executionArn\":\"" + exec + "\"}"),
        """
        {"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m","name":"m",
         "definition":"{\\"StartAt\\":\\"P\\",\\"States\\":{\\"P\\":{\\"Type\\":\\"Pass\\",\\"End\\":true}}}",
         "roleArn":"arn:aws:iam::123456789012:role/test","updateDate":1767225600.0,
         "loggingConfiguration":{"level":"OFF","includeExecutionData":false,"destinations":[]},
         "tracingConfiguration":{"enabled":false},
         "encryptionConfiguration":{"type":"AWS_OWNED_KEY"}}
        """);
  }

  @Test
  void variableReferencesAreDescribed() {
    String definition =
        "{\\\"StartAt\\\":\\\"S\\\",\\\"States\\\":{\\\"S\\\":{\\\"Type\\\":\\\"Pass\\\","
            + "\\\"Assign\\\":{\\\"a\\\":1},\\\"Next\\\":\\\"P\\\"},\\\"P\\\":{\\\"Type\\\":\\\"Pass\\\","
            + "\\\"Parameters\\\":{\\\"x.$\\\":\\\"$a\\\"},\\\"End\\\":true}}}";
    server.call(
        "CreateStateMachine",
        "{\"name\":\"v\",\"definition\":\"%s\",\"roleArn\":\"%s\"}"
            .formatted(definition, TestServer.ROLE));
    assertJson(
        server
            .call("DescribeStateMachine", "{\"stateMachineArn\":\"" + TestServer.SM + "v\"}")
            .path("variableReferences"),
        "{\"P\":[\"a\"]}");
  }

  @Test
  void emptyInputIsRefused() {
    create("m", "{}");
    assertThat(
            server
                .call(
                    "StartExecution",
                    "{\"stateMachineArn\":\"" + TestServer.SM + "m\",\"input\":\"\"}")
                .toString())
        .isEqualTo(
            "{\"__type\":\"InvalidExecutionInput\",\"message\":\"Invalid State Machine Execution"
                + " Input: 'Invalid execution input.'\"}");
  }

  @Test
  void aFailedSyncExecutionStillHasOutputDetails() {
    String fail =
        "{\\\"StartAt\\\":\\\"F\\\",\\\"States\\\":{\\\"F\\\":{\\\"Type\\\":\\\"Fail\\\","
            + "\\\"Error\\\":\\\"E\\\",\\\"Cause\\\":\\\"C\\\"}}}";
    server.call(
        "CreateStateMachine",
        "{\"name\":\"x\",\"definition\":\"%s\",\"roleArn\":\"%s\",\"type\":\"EXPRESS\"}"
            .formatted(fail, TestServer.ROLE));
    var sync =
        server.call("StartSyncExecution", "{\"stateMachineArn\":\"" + TestServer.SM + "x\"}");
    assertThat(sync.path("status").asText()).isEqualTo("FAILED");
    assertJson(sync.path("outputDetails"), "{\"included\":true}");
    assertThat(sync.has("output")).isFalse();
  }

  @Test
  void publishingAnUnchangedDefinitionAnswersTheVersionThatHasIt() {
    create("m", "{}");
    String arn = TestServer.SM + "m";
    String update =
        "{\"stateMachineArn\":\"%s\",\"definition\":\"%s\",\"publish\":true}".formatted(arn, PASS);
    assertJson(
        server.call("UpdateStateMachine", update),
        "{\"updateDate\":1767225600.0,\"stateMachineVersionArn\":\"" + arn + ":1\"}");
    assertJson(
        server.call("UpdateStateMachine", update),
        "{\"updateDate\":1767225600.0,\"stateMachineVersionArn\":\"" + arn + ":1\"}");
  }
}
