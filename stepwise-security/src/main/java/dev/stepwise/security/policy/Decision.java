package dev.stepwise.security.policy;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of evaluating a request against policies, with the statement that decided it (none
 * for an implicit deny).
 */
public record Decision(Outcome outcome, @Nullable Policy policy, @Nullable Statement statement) {

  /** IAM's three outcomes. */
  public enum Outcome {
    ALLOW,
    EXPLICIT_DENY,
    IMPLICIT_DENY
  }

  public static Decision implicitDeny() {
    return new Decision(Outcome.IMPLICIT_DENY, null, null);
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOW;
  }
}
