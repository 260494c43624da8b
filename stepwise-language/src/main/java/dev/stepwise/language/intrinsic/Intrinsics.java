package dev.stepwise.language.intrinsic;

import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import java.util.regex.Pattern;

/**
 * Compiles intrinsic function calls such as {@code States.Format('{}', $.x)}.
 *
 * <p>Syntax errors, unknown function names and calls nested more than 10 deep fail here; wrong
 * argument counts, types and values fail when the call is evaluated (as on AWS), with {@code
 * States.Runtime}.
 */
public final class Intrinsics {
  private Intrinsics() {}

  private static final Pattern CALL_START = Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_.]*\\s*\\(");

  /** Whether {@code text} looks like an intrinsic call (a name, then an opening parenthesis). */
  public static boolean looksLikeCall(String text) {
    return CALL_START.matcher(text).lookingAt();
  }

  /**
   * @param field the {@code .$} key or field it appears in, for messages
   */
  public static Expression compile(String text, String field) throws ExpressionSyntaxException {
    return new IntrinsicExpression(text, IntrinsicParser.parse(text, field));
  }
}
