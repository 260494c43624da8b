package dev.stepwise.security.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessDeniedTest {
  private static final String USER = "arn:aws:iam::123456789012:user/alice";
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:Child";

  @Test
  void implicitDeny() {
    Decision decision =
        PolicyEvaluator.evaluate(List.of(), Request.of("states:StartExecution", MACHINE));
    assertThat(AccessDenied.message(USER, "states:StartExecution", MACHINE, decision))
        .isEqualTo(
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform:"
                + " states:StartExecution on resource:"
                + " arn:aws:states:us-east-1:123456789012:stateMachine:Child because no"
                + " identity-based policy allows the states:StartExecution action");
    assertThat(AccessDenied.ERROR_CODE).isEqualTo("AccessDeniedException");
  }

  @Test
  void explicitDeny() {
    Policy deny =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}""");
    Decision decision =
        PolicyEvaluator.evaluate(List.of(deny), Request.of("states:StartExecution", MACHINE));
    assertThat(AccessDenied.message(USER, "states:StartExecution", MACHINE, decision))
        .isEqualTo(
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform:"
                + " states:StartExecution on resource:"
                + " arn:aws:states:us-east-1:123456789012:stateMachine:Child with an explicit deny"
                + " in an identity-based policy");
  }

  @Test
  void anAllowHasNoMessage() {
    Policy allow =
        Policy.parse(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""");
    Decision decision = PolicyEvaluator.evaluate(List.of(allow), Request.of("states:X", MACHINE));
    assertThatThrownBy(() -> AccessDenied.message(USER, "states:X", MACHINE, decision))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
