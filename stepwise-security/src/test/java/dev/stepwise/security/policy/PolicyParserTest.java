package dev.stepwise.security.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.language.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

  @Test
  void readsAStatementObjectOrArrayWithStringsOrLists() {
    Policy policy =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Id": "p1", "Statement": [
              {"Sid": "A", "Effect": "Allow", "Action": "states:StartExecution",
               "Resource": ["arn:aws:states:*:*:stateMachine:A", "arn:aws:states:*:*:stateMachine:B"]},
              {"Effect": "Deny", "NotAction": ["states:*"], "NotResource": "*",
               "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a", 1, true]}}}
            ]}""");
    assertThat(policy.version()).isEqualTo("2012-10-17");
    assertThat(policy.id()).isEqualTo("p1");
    assertThat(policy.statements())
        .containsExactly(
            new Statement(
                0,
                "A",
                Effect.ALLOW,
                List.of("states:StartExecution"),
                false,
                List.of("arn:aws:states:*:*:stateMachine:A", "arn:aws:states:*:*:stateMachine:B"),
                false,
                List.of()),
            new Statement(
                1,
                null,
                Effect.DENY,
                List.of("states:*"),
                true,
                List.of("*"),
                true,
                List.of(
                    new Condition(
                        new ConditionOperator(
                            "ForAnyValue:StringLikeIfExists",
                            ConditionOperator.Qualifier.FOR_ANY_VALUE,
                            ConditionOperator.Base.StringLike,
                            true),
                        "aws:TagKeys",
                        List.of("a", "1", "true")))));
  }

  @Test
  void aSingleStatementObjectAndTheDefaultVersion() {
    Policy policy =
        Policy.fromJson(
            "named",
            Json.parseTrusted(
                """
                {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"""));
    assertThat(policy.name()).isEqualTo("named");
    assertThat(policy.version()).isEqualTo("2008-10-17");
    assertThat(policy.statements()).hasSize(1);
  }

  @Test
  void toJsonGivesTheDocumentBack() {
    String text =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["states:*"],"Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""";
    assertThat(Json.write(Policy.parse(text).toJson())).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          [] | The policy must be a JSON object
          {"Statement": | The policy is not valid JSON: Unexpected end-of-input within/between Object entries
          {"Version": "2012-10-17"} | Statement is missing
          {"Version": "2012-10-17", "Statement": [], "Foo": 1} | The policy has an unknown element "Foo"
          {"Version": "2020-01-01", "Statement": []} | Version must be "2012-10-17" or "2008-10-17", got "2020-01-01"
          {"Statement": []} | Statement must not be empty
          {"Statement": "x"} | Statement must be an object or an array of objects
          {"Statement": ["x"]} | Statement[0] must be an object
          {"Statement": [{"Action": "*", "Resource": "*"}]} | Statement[0].Effect is missing
          {"Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]} | Statement[0].Effect must be "Allow" or "Deny", got "allow"
          {"Statement": {"Effect": "Allow", "Action": "*", "NotAction": "*", "Resource": "*"}} | Statement must have exactly one of Action and NotAction
          {"Statement": {"Effect": "Allow", "Resource": "*"}} | Statement must have exactly one of Action and NotAction
          {"Statement": {"Effect": "Allow", "Action": "*"}} | Statement must have exactly one of Resource and NotResource
          {"Statement": {"Effect": "Allow", "Action": [], "Resource": "*"}} | Statement.Action must not be empty
          {"Statement": {"Effect": "Allow", "Action": 3, "Resource": "*"}} | Statement.Action must be a string or an array of strings
          {"Statement": {"Effect": "Allow", "Action": ["*", 3], "Resource": "*"}} | Statement.Action[1] must be a string
          {"Statement": {"Effect": "Allow", "Action": ["*", "StartExecution"], "Resource": "*"}} | Statement.Action[1] must be "*" or "<service>:<action>", got "StartExecution"
          {"Statement": {"Effect": "Allow", "Action": "states:", "Resource": "*"}} | Statement.Action must be "*" or "<service>:<action>", got "states:"
          {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "machine"}} | Statement.Resource must be "*" or an ARN, got "machine"
          {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}} | Statement.Principal is not allowed in an identity-based policy
          {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Extra": 1}} | Statement has an unknown element "Extra"
          {"Statement": {"Sid": 1, "Effect": "Allow", "Action": "*", "Resource": "*"}} | Statement.Sid must be a string
          {"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "*", "Resource": "*"}]} | Statement[1].Sid "A" duplicates Statement[0].Sid
          {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": []}} | Statement.Condition must be an object
          {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEqualz": {"a": "b"}}}} | Statement.Condition.StringEqualz is not a supported condition operator
          {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NullIfExists": {"a": "true"}}}} | Statement.Condition.NullIfExists is not a supported condition operator
          {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": "a"}}} | Statement.Condition.StringEquals must be an object of context keys
          {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"a": {}}}}} | Statement.Condition.StringEquals.a must be a string, number, boolean or an array of them
          {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericLessThan": {"s:n": "ten"}}}} | Statement.Condition.NumericLessThan.s:n value "ten" is not a number
          {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "soon"}}}} | Statement.Condition.DateLessThan.aws:CurrentTime value "soon" is not a date
          {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "yes"}}}} | Statement.Condition.Bool.aws:SecureTransport value "yes" is not "true" or "false"
          """)
  void rejectsMalformedDocumentsNamingTheElement(String document, String message) {
    assertThatThrownBy(() -> Policy.parse(document))
        .isInstanceOf(MalformedPolicyDocumentException.class)
        .hasMessage(message);
  }
}
