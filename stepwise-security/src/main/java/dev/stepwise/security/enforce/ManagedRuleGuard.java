package dev.stepwise.security.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StateMachineGuard;
import dev.stepwise.language.model.StateMachine;
import java.util.List;
import java.util.Optional;

/*
 * Facts: ../shared/spec/nested-workflows.md §7. AWS creates a managed EventBridge rule for .sync
 * nested executions when the state machine is created, with the machine's role: without
 * events:PutTargets/PutRule/DescribeRule on it, CreateStateMachine fails with
 * AccessDeniedException "'<roleArn>' is not authorized to create managed-rule."
 */
/** Rejects a state machine with {@code .sync} nested tasks whose role cannot manage the rule. */
public final class ManagedRuleGuard implements StateMachineGuard {
  private static final List<String> ACTIONS =
      List.of("events:PutTargets", "events:PutRule", "events:DescribeRule");

  private final RolePermissions permissions;
  private final String rule;

  public ManagedRuleGuard(RolePermissions permissions, String region, String account) {
    this.permissions = permissions;
    this.rule =
        "arn:aws:events:"
            + region
            + ":"
            + account
            + ":rule/StepFunctionsGetEventsForStepFunctionsExecutionRule";
  }

  @Override
  public void check(String roleArn, StateMachine machine) throws ServiceException {
    if (!waitsForChildren(machine.definition())) {
      return;
    }
    for (String action : ACTIONS) {
      Optional<RolePermissions.Denial> denial =
          permissions.check(roleArn, "CreateStateMachine", action, rule);
      if (denial.isPresent()) {
        throw new ServiceException(
            "AccessDeniedException", "'" + roleArn + "' is not authorized to create managed-rule.");
      }
    }
  }

  /** Whether any Task, at any depth, is a {@code .sync} or {@code .sync:2} nested execution. */
  static boolean waitsForChildren(JsonNode node) {
    if (node.isObject()
        && node.path("Type").asText().equals("Task")
        && node.path("Resource")
            .asText()
            .startsWith("arn:aws:states:::states:startExecution.sync")) {
      return true;
    }
    for (JsonNode child : node) {
      if (waitsForChildren(child)) {
        return true;
      }
    }
    return false;
  }
}
