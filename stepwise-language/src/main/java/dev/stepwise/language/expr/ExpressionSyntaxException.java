package dev.stepwise.language.expr;

/** A path, intrinsic call, payload template or JSONata expression that does not compile. */
public final class ExpressionSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  public ExpressionSyntaxException(String message) {
    super(message, null, false, false);
  }
}
