package dev.stepwise.language.intrinsic;

import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;

/** Compiles intrinsic function calls such as {@code States.Format('{}', $.x)}. */
public final class Intrinsics {
  private Intrinsics() {}

  /** Whether {@code text} looks like an intrinsic call (a name, then an opening parenthesis). */
  public static boolean looksLikeCall(String text) {
    throw new UnsupportedOperationException("TODO: intrinsics");
  }

  /**
   * @param field the {@code .$} key or field it appears in, for messages
   */
  public static Expression compile(String text, String field) throws ExpressionSyntaxException {
    throw new UnsupportedOperationException("TODO: intrinsics");
  }
}
