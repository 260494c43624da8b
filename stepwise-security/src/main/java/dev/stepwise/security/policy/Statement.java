package dev.stepwise.security.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One statement of a policy.
 *
 * @param index the statement's position in the policy's {@code Statement} list
 * @param actions the {@code Action} patterns, or the {@code NotAction} ones when {@code notAction}
 * @param resources the {@code Resource} patterns, or the {@code NotResource} ones when {@code
 *     notResource}
 */
public record Statement(
    int index,
    @Nullable String sid,
    Effect effect,
    List<String> actions,
    boolean notAction,
    List<String> resources,
    boolean notResource,
    List<Condition> conditions) {
  public Statement {
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = List.copyOf(conditions);
  }

  /** Whether the statement applies: action, resource and every condition match. */
  public boolean applies(Request request) {
    return matchesAction(request.action())
        && matchesResource(request.resource())
        && conditions.stream().allMatch(c -> c.test(request));
  }

  /** Actions match case-insensitively, with {@code *} and {@code ?} wildcards. */
  public boolean matchesAction(String action) {
    boolean any = actions.stream().anyMatch(p -> Wildcard.matches(p, action, true));
    return notAction != any;
  }

  /** Resources match case-sensitively, with {@code *} and {@code ?} wildcards. */
  public boolean matchesResource(String resource) {
    boolean any = resources.stream().anyMatch(p -> Wildcard.matches(p, resource, false));
    return notResource != any;
  }
}
