package dev.stepwise.observability.logs;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Where and what a state machine's {@code loggingConfiguration} logs.
 *
 * @param logGroup the log group's name, from {@code destinations[0].cloudWatchLogsLogGroup
 *     .logGroupArn}, or null when there is none (or its ARN is not a log group's)
 */
public record LogTarget(LogLevel level, boolean includeExecutionData, @Nullable String logGroup) {
  public static final LogTarget OFF = new LogTarget(LogLevel.OFF, false, null);

  /** Read from the configuration as stored (the API validates it); OFF when it logs nothing. */
  public static LogTarget of(@Nullable JsonNode config) {
    if (config == null) {
      return OFF;
    }
    LogLevel level;
    try {
      level = LogLevel.valueOf(config.path("level").asText("OFF"));
    } catch (IllegalArgumentException e) {
      return OFF;
    }
    String arn =
        config
            .path("destinations")
            .path(0)
            .path("cloudWatchLogsLogGroup")
            .path("logGroupArn")
            .asText("");
    String group = logGroupName(arn);
    if (level == LogLevel.OFF || group == null) {
      return OFF;
    }
    return new LogTarget(level, config.path("includeExecutionData").asBoolean(false), group);
  }

  /**
   * The name in {@code arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*} (the {@code :*} AWS requires
   * may be left off), or null for any other form.
   */
  public static @Nullable String logGroupName(String arn) {
    String[] parts = arn.split(":", 7);
    if (parts.length < 7
        || !parts[0].equals("arn")
        || !parts[2].equals("logs")
        || !parts[5].equals("log-group")) {
      return null;
    }
    String name = parts[6].endsWith(":*") ? parts[6].substring(0, parts[6].length() - 2) : parts[6];
    // CloudWatch Logs' own rule for group names: 1-512 of these characters.
    return name.matches("[A-Za-z0-9_./#-]{1,512}") ? name : null;
  }
}
