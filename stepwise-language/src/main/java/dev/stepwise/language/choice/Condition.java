package dev.stepwise.language.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.expr.Expression;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A compiled Choice rule condition (JSONPath rule trees or a JSONata {@code Condition}). */
public sealed interface Condition {

  /**
   * Whether the condition holds for the state's effective input.
   *
   * @throws dev.stepwise.language.eval.StatesException {@code States.Runtime} for a missing {@code
   *     Variable} (except {@code IsPresent}), {@code States.QueryEvaluationError} for a JSONata
   *     condition that does not yield a boolean
   */
  boolean test(JsonNode input, Scope scope);

  record And(List<Condition> all) implements Condition {
    public And {
      all = List.copyOf(all);
    }

    @Override
    public boolean test(JsonNode input, Scope scope) {
      for (Condition c : all) {
        if (!c.test(input, scope)) {
          return false;
        }
      }
      return true;
    }
  }

  record Or(List<Condition> any) implements Condition {
    public Or {
      any = List.copyOf(any);
    }

    @Override
    public boolean test(JsonNode input, Scope scope) {
      for (Condition c : any) {
        if (c.test(input, scope)) {
          return true;
        }
      }
      return false;
    }
  }

  record Not(Condition operand) implements Condition {
    @Override
    public boolean test(JsonNode input, Scope scope) {
      return !operand.test(input, scope);
    }
  }

  /**
   * A data-test rule: {@code Variable} compared by one operator with a literal or, for the {@code
   * ...Path} forms, with the value of {@code operandPath}.
   *
   * @param literal the operator's literal value, or null for a path form
   * @param operandPath the {@code ...Path} operand, or null for a literal form
   */
  record Comparison(
      Expression variable,
      Operator operator,
      @Nullable JsonNode literal,
      @Nullable Expression operandPath)
      implements Condition {
    @Override
    public boolean test(JsonNode input, Scope scope) {
      return Comparisons.test(this, input, scope);
    }
  }

  /** A JSONata {@code Condition}: a {@code {% %}} expression, or a literal boolean. */
  record Jsonata(Expression expression) implements Condition {
    @Override
    public boolean test(JsonNode input, Scope scope) {
      return Comparisons.testJsonata(this, input, scope);
    }
  }
}
