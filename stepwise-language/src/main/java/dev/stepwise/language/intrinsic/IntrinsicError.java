package dev.stepwise.language.intrinsic;

/**
 * An intrinsic that cannot be evaluated; {@link IntrinsicExpression} reports it as AWS does, as a
 * {@code States.Runtime} failure naming the whole call.
 */
final class IntrinsicError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  IntrinsicError(String detail) {
    super(detail, null, false, false);
  }

  /** AWS's one message for every wrong argument: type, value, limit or count. */
  static IntrinsicError invalidArguments(Function function) {
    return new IntrinsicError("Invalid arguments in " + function.fullName());
  }
}
