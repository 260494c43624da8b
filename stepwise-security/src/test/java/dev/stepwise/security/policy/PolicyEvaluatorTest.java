package dev.stepwise.security.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.security.policy.Decision.Outcome;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:Child";
  private static final String START = "states:StartExecution";

  private static Policy policy(String json) {
    return Policy.parse(json);
  }

  private static Decision evaluate(Request request, String... policies) {
    return PolicyEvaluator.evaluate(
        Arrays.stream(policies).map(PolicyEvaluatorTest::policy).toList(), request);
  }

  @Test
  void noPolicyDeniesByDefault() {
    assertThat(PolicyEvaluator.evaluate(List.of(), Request.of(START, MACHINE)))
        .isEqualTo(new Decision(Outcome.IMPLICIT_DENY, null, null));
  }

  @Test
  void allowNamesThePolicyAndStatement() {
    Policy allow =
        policy(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Other", "Effect": "Allow", "Action": "states:ListExecutions", "Resource": "*"},
              {"Sid": "Start", "Effect": "Allow", "Action": "states:StartExecution", "Resource": "*"}
            ]}""");
    Decision decision = PolicyEvaluator.evaluate(List.of(allow), Request.of(START, MACHINE));
    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(decision.policy()).isSameAs(allow);
    assertThat(decision.statement()).isEqualTo(allow.statements().get(1));
    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void explicitDenyOverridesAllowInAnotherPolicy() {
    Policy allow =
        policy(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""");
    Policy deny =
        policy(
            """
            {"Version": "2012-10-17", "Statement": {"Sid": "NoChild", "Effect": "Deny",
              "Action": "states:StartExecution", "Resource": "%s"}}"""
                .formatted(MACHINE));
    Decision decision = PolicyEvaluator.evaluate(List.of(allow, deny), Request.of(START, MACHINE));
    assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    assertThat(decision.policy()).isSameAs(deny);
    assertThat(decision.statement().sid()).isEqualTo("NoChild");
  }

  @Test
  void actionWildcardsMatchCaseInsensitively() {
    String policy =
        """
        {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
          "Action": ["states:start*", "states:?escribeExecution"], "Resource": "*"}}""";
    assertThat(evaluate(Request.of("states:StartExecution", MACHINE), policy).outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(evaluate(Request.of("STATES:STARTSYNCEXECUTION", MACHINE), policy).outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(evaluate(Request.of("states:DescribeExecution", MACHINE), policy).outcome())
        .isEqualTo(Outcome.ALLOW);
    assertThat(evaluate(Request.of("states:StopExecution", MACHINE), policy).outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @Test
  void resourceWildcardsMatchCaseSensitively() {
    String policy =
        """
        {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "states:*",
          "Resource": "arn:aws:states:*:123456789012:stateMachine:Chil?"}}""";
    assertThat(evaluate(Request.of(START, MACHINE), policy).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(
            evaluate(
                    Request.of(START, "arn:aws:states:us-east-1:123456789012:stateMachine:child"),
                    policy)
                .outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(
            evaluate(
                    Request.of(
                        START, "arn:aws:states:us-east-1:123456789012:stateMachine:Children"),
                    policy)
                .outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @Test
  void notActionAppliesToEveryOtherAction() {
    String policy =
        """
        {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
          "NotAction": "states:Delete*", "Resource": "*"}}""";
    assertThat(evaluate(Request.of(START, MACHINE), policy).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(evaluate(Request.of("states:DeleteStateMachine", MACHINE), policy).outcome())
        .isEqualTo(Outcome.IMPLICIT_DENY);
  }

  @Test
  void notResourceAppliesToEveryOtherResource() {
    String policy =
        """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "states:*", "Resource": "*"},
          {"Effect": "Deny", "Action": "states:*",
           "NotResource": "arn:aws:states:us-east-1:123456789012:stateMachine:*"}
        ]}""";
    assertThat(evaluate(Request.of(START, MACHINE), policy).outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(
            evaluate(
                    Request.of(START, "arn:aws:states:eu-west-1:123456789012:stateMachine:Child"),
                    policy)
                .outcome())
        .isEqualTo(Outcome.EXPLICIT_DENY);
  }

  @Test
  void conditionsMustAllHold() {
    String policy =
        """
        {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "states:*",
          "Resource": "*", "Condition": {
            "StringEquals": {"aws:RequestedRegion": "us-east-1"},
            "Bool": {"aws:SecureTransport": "true"}}}}""";
    Request request = Request.of(START, MACHINE).with("aws:RequestedRegion", "us-east-1");
    assertThat(evaluate(request, policy).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(evaluate(request.with("aws:SecureTransport", "true"), policy).outcome())
        .isEqualTo(Outcome.ALLOW);
  }

  @Test
  void aDenyWhoseConditionFailsDoesNotApply() {
    String policy =
        """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "states:*", "Resource": "*"},
          {"Effect": "Deny", "Action": "states:*", "Resource": "*",
           "Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue"}}}
        ]}""";
    assertThat(evaluate(Request.of(START, MACHINE).with("aws:PrincipalTag/team", "red"), policy))
        .extracting(Decision::outcome)
        .isEqualTo(Outcome.ALLOW);
    assertThat(evaluate(Request.of(START, MACHINE).with("aws:PrincipalTag/team", "blue"), policy))
        .extracting(Decision::outcome)
        .isEqualTo(Outcome.EXPLICIT_DENY);
  }
}
