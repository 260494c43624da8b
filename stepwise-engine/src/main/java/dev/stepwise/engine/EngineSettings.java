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
 */
public record EngineSettings(
    String region,
    String account,
    int historyEventLimit,
    int payloadLimitBytes,
    int maxOpenExecutions,
    int maxNestingDepth) {

  public static final EngineSettings DEFAULTS =
      new EngineSettings("us-east-1", "123456789012", 25_000, 262_144, 1_000_000, 1_000);

  public EngineSettings withLocation(String region, String account) {
    return new EngineSettings(
        region, account, historyEventLimit, payloadLimitBytes, maxOpenExecutions, maxNestingDepth);
  }

  public EngineSettings withLimits(int maxOpenExecutions, int maxNestingDepth) {
    return new EngineSettings(
        region, account, historyEventLimit, payloadLimitBytes, maxOpenExecutions, maxNestingDepth);
  }
}
