package dev.stepwise.security.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator against the Developer Guide's templates (copied verbatim into
 * src/test/resources/dev/stepwise/security/generator/guide, sources in SOURCES.md there).
 */
class PolicyGeneratorTest {
  private static final String REGION = "us-east-1";
  private static final String ACCOUNT = "123456789012";
  private static final String CHILD = "arn:aws:states:us-east-1:123456789012:stateMachine:Child";
  private static final StateMachineNameResolver BY_ARN = StateMachineNameResolver.fromArn();

  /** A guide template with its [[placeholders]] filled. */
  private static ObjectNode template(String file, Map<String, String> values) {
    try (InputStream in = PolicyGeneratorTest.class.getResourceAsStream("guide/" + file)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      text = text.replace("[[region]]", REGION).replace("[[accountId]]", ACCOUNT);
      for (Map.Entry<String, String> value : values.entrySet()) {
        text = text.replace("[[" + value.getKey() + "]]", value.getValue());
      }
      assertThat(text).doesNotContain("[[");
      return (ObjectNode) Json.parseTrusted(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode generate(String definition) {
    return PolicyGenerator.generate(Json.parseTrusted(definition), REGION, ACCOUNT, BY_ARN);
  }

  private static String task(String resource, String parameters) {
    return """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", %s, "End": true}}}"""
        .formatted(resource, parameters);
  }

  @Test
  void requestResponseIsTheSingleMachineTemplate() {
    String definition =
        task(
            "arn:aws:states:::states:startExecution",
            "\"Parameters\": {\"StateMachineArn\": \"" + CHILD + "\", \"Input\": {}}");
    assertThat(generate(definition))
        .isEqualTo(template("stepfunctions-iam-single.json", Map.of("stateMachineName", "Child")));
  }

  @ParameterizedTest
  @ValueSource(strings = {".sync", ".sync:2"})
  void syncIsTheSynchronousTemplate(String suffix) {
    String definition =
        task(
            "arn:aws:states:::states:startExecution" + suffix,
            "\"Parameters\": {\"StateMachineArn\": \"" + CHILD + "\"}");
    assertThat(generate(definition))
        .isEqualTo(
            template("stepfunctions-iam-synchronous.json", Map.of("stateMachineName", "Child")));
  }

  @Test
  void waitForTaskTokenIsTheAsynchronousTemplate() {
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task",
          "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
          "Arguments": {"StateMachineArn": "%s",
                        "Input": {"token": "{%% $states.context.Task.Token %%}"}},
          "End": true}}}"""
            .formatted(CHILD);
    assertThat(generate(definition))
        .isEqualTo(
            template("stepfunctions-iam-asynchronous.json", Map.of("stateMachineName", "Child")));
  }

  @Test
  void lambdaIsTheLambdaTemplateWithVersionsAndAliases() {
    String definition =
        """
        {"StartAt": "One", "States": {
          "One": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "function1", "Payload.$": "$"}, "Next": "Two"},
          "Two": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:function2:prod",
                  "End": true}}}""";
    // The guide lists the function ARNs; each is followed by ":*" for its versions and aliases,
    // as the AWS CDK (resourceArnsForGrantInvoke) and serverless-step-functions grant.
    ObjectNode expected =
        template("lambda-iam.json", Map.of("function1", "function1", "function2", "function2"));
    ArrayNode resources = (ArrayNode) expected.get("Statement").get(0).get("Resource");
    ArrayNode withQualifiers = Json.NODES.arrayNode();
    resources.forEach(r -> withQualifiers.add(r.asText()).add(r.asText() + ":*"));
    ((ObjectNode) expected.get("Statement").get(0)).set("Resource", withQualifiers);

    assertThat(generate(definition)).isEqualTo(expected);
  }

  @Test
  void activitiesOnlyOrNoTasksDenyEverything() {
    ObjectNode denyAll = template("activities-iam.json", Map.of());
    assertThat(
            generate(
                task(
                    "arn:aws:states:us-east-1:123456789012:activity:Approve", "\"Comment\": \"\"")))
        .isEqualTo(denyAll);
    assertThat(
            generate(
                """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"""))
        .isEqualTo(denyAll);
  }

  @Test
  void aStateMachineArnFromAPathIsADynamicResource() {
    String definition =
        task(
            "arn:aws:states:::states:startExecution.sync:2",
            "\"Parameters\": {\"StateMachineArn.$\": \"$.target\"}");
    ObjectNode expected =
        template("stepfunctions-iam-synchronous.json", Map.of("stateMachineName", "unused"));
    ((ObjectNode) expected.get("Statement").get(0)).set("Resource", TextNode.valueOf("*"));
    ((ObjectNode) expected.get("Statement").get(1)).set("Resource", TextNode.valueOf("*"));

    assertThat(generate(definition)).isEqualTo(expected);
  }

  @Test
  void aStateMachineArnFromJsonataIsADynamicResource() {
    String definition =
        """
        {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task",
          "Resource": "arn:aws:states:::states:startExecution",
          "Arguments": {"StateMachineArn": "{% $states.input.target %}"}, "End": true}}}""";
    ObjectNode expected =
        template("stepfunctions-iam-single.json", Map.of("stateMachineName", "unused"));
    ((ObjectNode) expected.get("Statement").get(0)).set("Resource", TextNode.valueOf("*"));

    assertThat(generate(definition)).isEqualTo(expected);
  }

  @Test
  void branchesAndItemProcessorsAreWalkedAndStatementsMerged() {
    String definition =
        """
        {"StartAt": "Fan", "States": {
          "Fan": {"Type": "Parallel", "Next": "Each", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Task",
              "Resource": "arn:aws:states:::states:startExecution.sync",
              "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:A"},
              "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Task",
              "Resource": "arn:aws:states:::states:startExecution",
              "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:B"},
              "End": true}}}]},
          "Each": {"Type": "Map", "Next": "Legacy", "ItemProcessor": {"StartAt": "F", "States": {
            "F": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName.$": "$.fn"}, "End": true}}}},
          "Legacy": {"Type": "Map", "End": true, "Iterator": {"StartAt": "C", "States": {
            "C": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                  "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:C"},
                  "End": true}}}}}}""";
    assertThat(generate(definition))
        .isEqualTo(
            Json.parseTrusted(
                """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["states:StartExecution"], "Resource": [
                    "arn:aws:states:us-east-1:123456789012:stateMachine:A",
                    "arn:aws:states:us-east-1:123456789012:stateMachine:B",
                    "arn:aws:states:us-east-1:123456789012:stateMachine:C"]},
                  {"Effect": "Allow", "Action": ["states:DescribeExecution", "states:StopExecution"],
                   "Resource": [
                    "arn:aws:states:us-east-1:123456789012:execution:A:*",
                    "arn:aws:states:us-east-1:123456789012:execution:C:*"]},
                  {"Effect": "Allow",
                   "Action": ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
                   "Resource": ["arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"]},
                  {"Effect": "Allow", "Action": ["lambda:InvokeFunction"], "Resource": "*"}
                ]}"""));
  }

  @Test
  void aStaticAndADynamicTargetMergeToAWildcard() {
    String definition =
        """
        {"StartAt": "A", "States": {
          "A": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                "Parameters": {"StateMachineArn": "%s"}, "Next": "B"},
          "B": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                "Parameters": {"StateMachineArn.$": "$.arn"}, "End": true}}}"""
            .formatted(CHILD);
    assertThat(generate(definition))
        .isEqualTo(
            Json.parseTrusted(
                """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["states:StartExecution"], "Resource": "*"}]}"""));
  }

  @Test
  void anAliasOrVersionArnIsGrantedAsWritten() {
    String definition =
        task(
            "arn:aws:states:::states:startExecution.sync",
            "\"Parameters\": {\"StateMachineArn\": \"" + CHILD + ":prod\"}");
    JsonNode policy = generate(definition);
    assertThat(policy.get("Statement").get(0).get("Resource").get(0).asText())
        .isEqualTo(CHILD + ":prod");
    assertThat(policy.get("Statement").get(1).get("Resource").get(0).asText())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:Child:*");
  }

  @Test
  void theResolverNamesTheChild() {
    String definition =
        task(
            "arn:aws:states:::states:startExecution",
            "\"Parameters\": {\"StateMachineArn\": \"orders\"}");
    ObjectNode policy =
        PolicyGenerator.generate(
            Json.parseTrusted(definition),
            REGION,
            ACCOUNT,
            arn -> arn.equals("orders") ? Optional.of("OrderProcessor") : Optional.empty());
    assertThat(policy)
        .isEqualTo(
            template(
                "stepfunctions-iam-single.json", Map.of("stateMachineName", "OrderProcessor")));
    assertThatThrownBy(
            () ->
                PolicyGenerator.generate(
                    Json.parseTrusted(definition), REGION, ACCOUNT, arn -> Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("State 'T': StateMachineArn 'orders' names no state machine");
  }

  @Test
  void aStartExecutionTaskNeedsAStateMachineArn() {
    assertThatThrownBy(
            () ->
                generate(
                    task(
                        "arn:aws:states:::states:startExecution",
                        "\"Parameters\": {\"Input\": {}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("State 'T' starts an execution but has no StateMachineArn");
  }

  @Test
  void aParsedStateMachineGivesTheSamePolicy() {
    String definition =
        task(
            "arn:aws:states:::states:startExecution.sync",
            "\"Parameters\": {\"StateMachineArn\": \"" + CHILD + "\"}");
    ParseResult parsed = new DefinitionParser(MachineType.STANDARD).parse(definition);
    assertThat(parsed.errors()).isEmpty();
    assertThat(PolicyGenerator.generate(parsed.machine(), REGION, ACCOUNT, BY_ARN))
        .isEqualTo(generate(definition));
  }

  @Test
  void integrationsWithoutATemplateAreListed() {
    String definition =
        """
        {"StartAt": "Q", "States": {
          "Q": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {"QueueUrl": "q", "MessageBody": "m"}, "Next": "A"},
          "A": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:x",
                "Next": "D"},
          "D": {"Type": "Map", "End": true, "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""";
    assertThat(PolicyGenerator.uncoveredTasks(Json.parseTrusted(definition)))
        .containsExactly("Q: arn:aws:states:::sqs:sendMessage", "D: distributed Map");
    assertThatThrownBy(() -> generate(definition))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "No template covers any Task of this definition; write its policy by hand:"
                + " Q: arn:aws:states:::sqs:sendMessage, D: distributed Map");
  }
}
