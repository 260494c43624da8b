package dev.stepwise.language.eval;

/**
 * A States-language runtime error ({@code {Error, Cause}}), raised by evaluation and caught by the
 * engine, which matches it against Retry and Catch. It carries no stack trace: it is control flow.
 *
 * <p>{@code stateScoped} errors are the ones AWS reports with the prefix {@code An error occurred
 * while executing the state '<name>' (entered at the event id #<n>). }: the engine adds it, since
 * only the engine knows the state and its event id.
 */
public final class StatesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String error;
  private final String cause;
  private final boolean stateScoped;

  public StatesException(String error, String cause, boolean stateScoped) {
    super(error + ": " + cause, null, false, false);
    this.error = error;
    this.cause = cause;
    this.stateScoped = stateScoped;
  }

  /** A {@code States.Runtime} failure, reported with the state prefix. */
  public static StatesException runtime(String cause) {
    return new StatesException(ErrorNames.RUNTIME, cause, true);
  }

  /** A {@code States.QueryEvaluationError} failure, reported with the state prefix. */
  public static StatesException queryEvaluation(String cause) {
    return new StatesException(ErrorNames.QUERY_EVALUATION_ERROR, cause, true);
  }

  public String error() {
    return error;
  }

  public String statesCause() {
    return cause;
  }

  public boolean stateScoped() {
    return stateScoped;
  }
}
