package dev.stepwise.language.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One {@code Retry} entry with AWS's defaults applied. */
public record Retrier(
    List<String> errorEquals,
    long intervalSeconds,
    long maxAttempts,
    double backoffRate,
    @Nullable Long maxDelaySeconds,
    JitterStrategy jitterStrategy) {
  public Retrier {
    errorEquals = List.copyOf(errorEquals);
  }

  public enum JitterStrategy {
    FULL,
    NONE
  }
}
