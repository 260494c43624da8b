package dev.stepwise.language.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;

/**
 * A JSONata-mode field value: any JSON in which strings of the form {@code {% expr %}} are JSONata
 * expressions, evaluated with {@code $states} and the variables bound.
 */
public final class JsonataTemplate {
  private JsonataTemplate() {}

  /** Whether a string is a JSONata expression: starts with {@code {%} and ends with {@code %}}. */
  public static boolean isExpression(String text) {
    return text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4;
  }

  /**
   * @param field the field path for messages, e.g. {@code Output} or {@code Arguments}
   */
  public static Expression compile(JsonNode value, String field) throws ExpressionSyntaxException {
    throw new UnsupportedOperationException("TODO: JSONata");
  }
}
