package dev.stepwise.engine.runtime;

import dev.stepwise.language.eval.ErrorNames;
import dev.stepwise.language.model.Retrier;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/** Which retriers and catchers apply to an error, and how long a retry waits. */
final class ErrorMatch {
  private ErrorMatch() {}

  /** AWS: these are terminal; only a matcher naming them exactly sees them. */
  private static boolean terminal(String error) {
    return ErrorNames.RUNTIME.equals(error) || ErrorNames.DATA_LIMIT_EXCEEDED.equals(error);
  }

  static boolean matches(List<String> errorEquals, String error) {
    for (String name : errorEquals) {
      if (name.equals(error)) {
        return true;
      }
      if (ErrorNames.ALL.equals(name) && !terminal(error)) {
        return true;
      }
      if (ErrorNames.TASK_FAILED.equals(name)
          && !terminal(error)
          && !ErrorNames.TIMEOUT.equals(error)) {
        return true;
      }
    }
    return false;
  }

  static boolean retriable(String error) {
    return !terminal(error);
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
