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
 */
public record EngineSettings(
    String region, String account, int historyEventLimit, int payloadLimitBytes) {

  public static final EngineSettings DEFAULTS =
      new EngineSettings("us-east-1", "123456789012", 25_000, 262_144);
}
