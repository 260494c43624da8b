package dev.stepwise.engine;

/**
 * Engine-wide settings.
 *
 * @param region the region written into ARNs and TaskScheduled events
 * @param account the account id written into ARNs
 * @param historyEventLimit STANDARD executions fail when their history reaches this many events
 *     (AWS: 25,000)
 * @param payloadLimitBytes inputs and outputs larger than this fail with {@code
 *     States.DataLimitExceeded} (AWS: 262,144 bytes)
 * @param maxOpenExecutions StartExecution fails with {@code ExecutionLimitExceeded} when this many
 *     executions are open (AWS's default quota: 1,000,000 per account and region)
 * @param maxNestingDepth a task may not start a child this many levels below a top-level execution
 *     ({@code ExecutionLimitExceeded}): stops a state machine that starts itself without end
 * @param waitTimeScale Wait states last this many times their time (Step Functions Local's {@code
 *     WAIT_TIME_SCALE}: 0 ends them at once, 0.5 halves them); 1 is AWS
 */
public record EngineSettings(
    String region,
    String account,
    int historyEventLimit,
    int payloadLimitBytes,
    int maxOpenExecutions,
    int maxNestingDepth,
    double waitTimeScale) {

  public static final EngineSettings DEFAULTS =
      new EngineSettings("us-east-1", "123456789012", 25_000, 262_144, 1_000_000, 1_000, 1);

  public EngineSettings {
    if (!(waitTimeScale >= 0) || Double.isInfinite(waitTimeScale)) {
      throw new IllegalArgumentException(
          "the wait time scale must be a finite number, 0 or more, not " + waitTimeScale);
    }
  }

  public EngineSettings withLocation(String region, String account) {
    return new EngineSettings(
        region,
        account,
        historyEventLimit,
        payloadLimitBytes,
        maxOpenExecutions,
        maxNestingDepth,
        waitTimeScale);
  }

  public EngineSettings withLimits(int maxOpenExecutions, int maxNestingDepth) {
    return new EngineSettings(
        region,
        account,
        historyEventLimit,
        payloadLimitBytes,
        maxOpenExecutions,
        maxNestingDepth,
        waitTimeScale);
  }

  public EngineSettings withWaitTimeScale(double waitTimeScale) {
    return new EngineSettings(
        region,
        account,
        historyEventLimit,
        payloadLimitBytes,
        maxOpenExecutions,
        maxNestingDepth,
        waitTimeScale);
  }

  /** When a Wait state due at {@code due} ends, with the wait time scaled from {@code now}. */
  public java.time.Instant scaledWait(java.time.Instant now, java.time.Instant due) {
    if (waitTimeScale == 1 || !due.isAfter(now)) {
      return due;
    }
    long nanos = java.time.Duration.between(now, due).toNanos();
    return now.plusNanos(Math.round(nanos * waitTimeScale));
  }
}
