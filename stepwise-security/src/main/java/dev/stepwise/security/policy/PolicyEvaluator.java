package dev.stepwise.security.policy;

import java.util.List;

/**
 * IAM's evaluation of identity-based policies: an explicit deny wins, then an allow, and anything
 * else is denied by default. Resource-based policies, permissions boundaries, session policies and
 * SCPs are not part of this model.
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  /**
   * The decision for {@code request} under {@code policies}; the decision names the first statement
   * (in policy order) that produced it.
   */
  public static Decision evaluate(List<Policy> policies, Request request) {
    Decision allow = null;
    for (Policy policy : policies) {
      for (Statement statement : policy.statements()) {
        if (!statement.applies(request)) {
          continue;
        }
        if (statement.effect() == Effect.DENY) {
          return new Decision(Decision.Outcome.EXPLICIT_DENY, policy, statement);
        }
        if (allow == null) {
          allow = new Decision(Decision.Outcome.ALLOW, policy, statement);
        }
      }
    }
    return allow != null ? allow : Decision.implicitDeny();
  }
}
