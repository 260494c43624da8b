package dev.stepwise.language.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;

/**
 * JSONPath payload templates ({@code Parameters}, {@code ResultSelector}, {@code ItemSelector},
 * {@code Credentials}, JSONPath {@code Assign}): keys ending in {@code .$} take their value from a
 * path, a context path, a variable or an intrinsic call.
 */
public final class PayloadTemplate {
  private PayloadTemplate() {}

  /**
   * @param field the definition field, e.g. {@code Parameters}, for messages
   */
  public static Expression compile(JsonNode template, String field)
      throws ExpressionSyntaxException {
    throw new UnsupportedOperationException("TODO: payload templates");
  }
}
