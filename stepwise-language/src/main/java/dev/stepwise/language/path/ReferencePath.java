package dev.stepwise.language.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;

/**
 * A reference path: a single-node path of dot and bracket steps only ({@code ResultPath}, {@code
 * ItemsPath}, the {@code ...Path} fields). It can be read and, for {@code ResultPath}, written.
 */
public final class ReferencePath implements Expression {
  private final String text;

  private ReferencePath(String text) {
    this.text = text;
  }

  public static ReferencePath compile(String text) throws ExpressionSyntaxException {
    throw new UnsupportedOperationException("TODO: reference paths");
  }

  @Override
  public JsonNode evaluate(JsonNode input, Scope scope) {
    throw new UnsupportedOperationException("TODO: reference paths");
  }

  /**
   * A copy of {@code target} with {@code value} placed at this path, creating missing objects on
   * the way ({@code ResultPath} semantics).
   *
   * @throws dev.stepwise.language.eval.StatesException {@code States.ResultPathMatchFailure} when
   *     the path cannot be applied to {@code target}
   */
  public JsonNode write(JsonNode target, JsonNode value) {
    throw new UnsupportedOperationException("TODO: reference paths");
  }

  @Override
  public String source() {
    return text;
  }
}
