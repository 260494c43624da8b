package dev.stepwise.language.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.eval.Timestamps;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.path.CompiledPath;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Evaluation of data-test rules with AWS's semantics: a value of the wrong type makes the rule
 * false (not an error); strings compare by code point; numbers by value; timestamps as instants.
 */
final class Comparisons {
  private Comparisons() {}

  static boolean test(Condition.Comparison rule, JsonNode input, Scope scope) {
    JsonNode value = find(rule.variable(), input, scope);
    Operator op = rule.operator();
    if (op == Operator.IS_PRESENT) {
      return (value != null) == rule.literal().asBoolean();
    }
    if (value == null) {
      // Reading a missing Variable fails the state, as InputPath does.
      rule.variable().evaluate(input, scope);
      return false;
    }
    JsonNode operand =
        rule.operandPath() != null ? rule.operandPath().evaluate(input, scope) : rule.literal();
    return switch (op) {
      case IS_PRESENT -> throw new IllegalStateException("handled above");
      case IS_NULL -> value.isNull() == operand.asBoolean();
      case IS_NUMERIC -> value.isNumber() == operand.asBoolean();
      case IS_STRING -> value.isTextual() == operand.asBoolean();
      case IS_BOOLEAN -> value.isBoolean() == operand.asBoolean();
      case IS_TIMESTAMP -> timestamp(value).isPresent() == operand.asBoolean();
      case BOOLEAN_EQUALS ->
          value.isBoolean() && operand.isBoolean() && value.asBoolean() == operand.asBoolean();
      case STRING_EQUALS -> strings(value, operand) && compare(value, operand) == 0;
      case STRING_LESS_THAN -> strings(value, operand) && compare(value, operand) < 0;
      case STRING_GREATER_THAN -> strings(value, operand) && compare(value, operand) > 0;
      case STRING_LESS_THAN_EQUALS -> strings(value, operand) && compare(value, operand) <= 0;
      case STRING_GREATER_THAN_EQUALS -> strings(value, operand) && compare(value, operand) >= 0;
      case STRING_MATCHES -> value.isTextual() && matches(value.asText(), operand.asText());
      case NUMERIC_EQUALS -> numbers(value, operand) && numeric(value, operand) == 0;
      case NUMERIC_LESS_THAN -> numbers(value, operand) && numeric(value, operand) < 0;
      case NUMERIC_GREATER_THAN -> numbers(value, operand) && numeric(value, operand) > 0;
      case NUMERIC_LESS_THAN_EQUALS -> numbers(value, operand) && numeric(value, operand) <= 0;
      case NUMERIC_GREATER_THAN_EQUALS -> numbers(value, operand) && numeric(value, operand) >= 0;
      case TIMESTAMP_EQUALS -> timestamps(value, operand, 0, 0);
      case TIMESTAMP_LESS_THAN -> timestamps(value, operand, -1, -1);
      case TIMESTAMP_GREATER_THAN -> timestamps(value, operand, 1, 1);
      case TIMESTAMP_LESS_THAN_EQUALS -> timestamps(value, operand, -1, 0);
      case TIMESTAMP_GREATER_THAN_EQUALS -> timestamps(value, operand, 0, 1);
    };
  }

  static boolean testJsonata(Condition.Jsonata rule, JsonNode input, Scope scope) {
    JsonNode v = rule.expression().evaluate(input, scope);
    if (!v.isBoolean()) {
      throw StatesException.queryEvaluation(
          "The JSONata expression '"
              + rule.expression().source()
              + "' specified for the field 'Condition' returned an unexpected result type."
              + " Expected 'boolean', but was '"
              + typeName(v)
              + "' for value: "
              + Json.write(v));
    }
    return v.asBoolean();
  }

  private static @Nullable JsonNode find(Expression variable, JsonNode input, Scope scope) {
    return variable instanceof CompiledPath p
        ? p.find(input, scope)
        : variable.evaluate(input, scope);
  }

  private static boolean strings(JsonNode a, JsonNode b) {
    return a.isTextual() && b.isTextual();
  }

  private static int compare(JsonNode a, JsonNode b) {
    return a.asText().compareTo(b.asText());
  }

  private static boolean numbers(JsonNode a, JsonNode b) {
    return a.isNumber() && b.isNumber();
  }

  private static int numeric(JsonNode a, JsonNode b) {
    return a.decimalValue().compareTo(b.decimalValue());
  }

  private static Optional<Instant> timestamp(JsonNode v) {
    return v.isTextual() ? Timestamps.parse(v.asText()) : Optional.empty();
  }

  /** True when {@code value compared to operand} is {@code low} or {@code high} (-1, 0, 1). */
  private static boolean timestamps(JsonNode value, JsonNode operand, int low, int high) {
    Optional<Instant> a = timestamp(value);
    Optional<Instant> b = timestamp(operand);
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    int c = Integer.signum(a.get().compareTo(b.get()));
    return c == low || c == high;
  }

  /** {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
  static boolean matches(String text, String pattern) {
    return matchFrom(text, 0, pattern, 0);
  }

  private static boolean matchFrom(String text, int ti, String pattern, int pi) {
    while (pi < pattern.length()) {
      char c = pattern.charAt(pi);
      if (c == '*') {
        while (pi < pattern.length() && pattern.charAt(pi) == '*') {
          pi++;
        }
        if (pi == pattern.length()) {
          return true;
        }
        for (int k = ti; k <= text.length(); k++) {
          if (matchFrom(text, k, pattern, pi)) {
            return true;
          }
        }
        return false;
      }
      if (c == '\\') {
        if (pi + 1 >= pattern.length()) {
          throw StatesException.runtime("Invalid escape sequence in StringMatches: " + pattern);
        }
        c = pattern.charAt(++pi);
      }
      if (ti >= text.length() || text.charAt(ti) != c) {
        return false;
      }
      ti++;
      pi++;
    }
    return ti == text.length();
  }

  static String typeName(JsonNode v) {
    return switch (v.getNodeType()) {
      case ARRAY -> "array";
      case OBJECT -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      default -> "null";
    };
  }
}
