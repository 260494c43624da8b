package dev.stepwise.security.enforce;

import dev.stepwise.security.policy.AccessDenied;
import dev.stepwise.security.policy.Decision;
import dev.stepwise.security.policy.Policy;
import dev.stepwise.security.policy.PolicyEvaluator;
import dev.stepwise.security.policy.Request;
import dev.stepwise.security.role.Role;
import dev.stepwise.security.role.Roles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a state machine's role may do, by its policies, in the chosen {@link IamMode}: a call the
 * role's policies do not allow is denied ({@code ENFORCE}), reported and let through ({@code
 * WARN}), or not looked at ({@code OFF}).
 */
public final class RolePermissions {
  private final Roles roles;
  private final IamMode mode;
  private final Consumer<String> warnings;

  /**
   * @param warnings where {@code WARN} reports what it would have denied
   */
  public RolePermissions(Roles roles, IamMode mode, Consumer<String> warnings) {
    this.roles = roles;
    this.mode = mode;
    this.warnings = warnings;
  }

  public IamMode mode() {
    return mode;
  }

  /** A call the role may not make: who was denied, and AWS's AccessDenied message. */
  public record Denial(String principalArn, String message) {}

  /**
   * Checks one call made with the role's credentials.
   *
   * @param session the role session (AWS: one per execution), part of the assumed-role principal
   * @return the denial to report, when the call must not be made
   */
  public Optional<Denial> check(String roleArn, String session, String action, String resource) {
    if (mode == IamMode.OFF) {
      return Optional.empty();
    }
    List<Policy> policies = roles.byArn(roleArn).map(Role::policies).orElse(List.of());
    Decision decision = PolicyEvaluator.evaluate(policies, Request.of(action, resource));
    if (decision.allowed()) {
      return Optional.empty();
    }
    String principal = assumedRole(roleArn, session);
    Denial denial =
        new Denial(principal, AccessDenied.message(principal, action, resource, decision));
    if (mode == IamMode.WARN) {
      warnings.accept("IAM (warn): " + denial.message());
      return Optional.empty();
    }
    return Optional.of(denial);
  }

  /**
   * The principal AWS names when a service acts with a role: {@code
   * arn:aws:sts::<account>:assumed-role/<roleName>/<session>}.
   */
  static String assumedRole(String roleArn, String session) {
    String[] parts = roleArn.split(":", 6);
    String account = parts.length == 6 ? parts[4] : "";
    String resource = parts.length == 6 ? parts[5] : roleArn;
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    return "arn:aws:sts::" + account + ":assumed-role/" + name + "/" + session;
  }

  /** A stable session name for an execution (AWS's are opaque). */
  public static String session(String executionArn) {
    return UUID.nameUUIDFromBytes(executionArn.getBytes(StandardCharsets.UTF_8))
        .toString()
        .replace("-", "");
  }
}
