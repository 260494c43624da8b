package dev.stepwise.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An execution as stored: what it started with and where it stands.
 *
 * @param seed the seed of the execution's random source, so replay reproduces it
 * @param redriveCount how many times RedriveExecution reopened it
 * @param redriveDate when it was last redriven, or null
 */
public record ExecutionRecord(
    ExecutionSpec spec,
    long seed,
    ExecutionStatus status,
    @Nullable JsonNode output,
    @Nullable String error,
    @Nullable String cause,
    @Nullable Instant stopDate,
    int redriveCount,
    @Nullable Instant redriveDate) {

  /** An execution never redriven. */
  public ExecutionRecord(
      ExecutionSpec spec,
      long seed,
      ExecutionStatus status,
      @Nullable JsonNode output,
      @Nullable String error,
      @Nullable String cause,
      @Nullable Instant stopDate) {
    this(spec, seed, status, output, error, cause, stopDate, 0, null);
  }
}
