package dev.stepwise.language.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;

/** Evaluation of data-test rules, with AWS's type and timestamp rules. */
final class Comparisons {
  private Comparisons() {}

  static boolean test(Condition.Comparison rule, JsonNode input, Scope scope) {
    throw new UnsupportedOperationException("TODO: choice comparisons");
  }

  static boolean testJsonata(Condition.Jsonata rule, JsonNode input, Scope scope) {
    throw new UnsupportedOperationException("TODO: JSONata conditions");
  }
}
