package dev.stepwise.security.policy;

import java.util.List;

/**
 * One condition test: an operator, a context key and the policy's values for it. A statement's
 * conditions all have to hold (AND); the values of one condition are alternatives (OR, or NOR for a
 * negated operator).
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {
  public Condition {
    values = List.copyOf(values);
  }

  /**
   * Evaluates against a request, following IAM: a missing key makes the condition false, except for
   * negated operators (true), {@code ...IfExists} (true), {@code ForAllValues:} (true) and {@code
   * Null} (which tests presence).
   */
  public boolean test(Request request) {
    List<String> requestValues = request.values(key);
    boolean present = !requestValues.isEmpty();
    ConditionOperator.Base base = operator.base();
    if (base == ConditionOperator.Base.Null) {
      return values.stream().anyMatch(v -> v.equalsIgnoreCase("true") != present);
    }
    if (!present) {
      if (operator.ifExists()) {
        return true;
      }
      return switch (operator.qualifier()) {
        case FOR_ALL_VALUES -> true;
        case FOR_ANY_VALUE -> false;
        case NONE -> base.negated();
      };
    }
    return switch (operator.qualifier()) {
      case FOR_ANY_VALUE -> requestValues.stream().anyMatch(this::testOne);
      case FOR_ALL_VALUES -> requestValues.stream().allMatch(this::testOne);
      // Without a qualifier a negated operator holds when no request value matches at all.
      case NONE ->
          base.negated()
              ? requestValues.stream().allMatch(this::testOne)
              : requestValues.stream().anyMatch(this::testOne);
    };
  }

  /** One request value against all policy values: OR, or NOR when negated. */
  private boolean testOne(String requestValue) {
    boolean any = values.stream().anyMatch(p -> operator.matchesOne(requestValue, p));
    return operator.base().negated() != any;
  }
}
