package dev.stepwise.engine.runtime;

import dev.stepwise.language.eval.ErrorNames;
import dev.stepwise.language.model.Retrier;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/** Which retriers and catchers apply to an error, and how long a retry waits. */
final class ErrorMatch {
  private ErrorMatch() {}

  /**
   * AWS never catches or retries {@code States.Runtime}, not even for a matcher that names it
   * (recorded: {@code test_catch_states_runtime}). {@code States.DataLimitExceeded} that Stepwise
   * raises itself (a state's input, output or variables over the limit) is terminal as AWS
   * documents it: only a matcher naming it sees it. The same name reported by a task (its result
   * was too large) is a task error like any other, which {@code States.ALL} catches (recorded:
   * {@code test_task_lambda_catch_state_all_data_limit_exceeded_on_large_utf8_response}).
   *
   * @param reportedByTask whether the error is a task's outcome (TaskFailed and its kin)
   */
  static boolean matches(List<String> errorEquals, String error, boolean reportedByTask) {
    if (ErrorNames.RUNTIME.equals(error)) {
      return false;
    }
    boolean terminal = !reportedByTask && ErrorNames.DATA_LIMIT_EXCEEDED.equals(error);
    for (String name : errorEquals) {
      if (name.equals(error)) {
        return true;
      }
      if (ErrorNames.ALL.equals(name) && !terminal) {
        return true;
      }
      if (ErrorNames.TASK_FAILED.equals(name) && !terminal && !ErrorNames.TIMEOUT.equals(error)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a matching retrier retries the error (see {@link #matches}). */
  static boolean retriable(String error, boolean reportedByTask) {
    return !ErrorNames.RUNTIME.equals(error)
        && (reportedByTask || !ErrorNames.DATA_LIMIT_EXCEEDED.equals(error));
  }

  /** The wait before retry number {@code attempt} (1-based). */
  static Duration delay(Retrier r, int attempt, RandomGenerator random) {
    double seconds = r.intervalSeconds() * Math.pow(r.backoffRate(), attempt - 1);
    if (r.maxDelaySeconds() != null) {
      seconds = Math.min(seconds, r.maxDelaySeconds());
    }
    if (r.jitterStrategy() == Retrier.JitterStrategy.FULL) {
      seconds = random.nextDouble() * seconds;
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
