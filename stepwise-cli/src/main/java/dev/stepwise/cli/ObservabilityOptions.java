package dev.stepwise.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code serve}'s options for its own logs, metrics, execution logs and status-change events. */
final class ObservabilityOptions {
  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description = "Server log level: TRACE, DEBUG, INFO (default), WARN, ERROR or OFF")
  String logLevel = "INFO";

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      description = "Server log lines as text (default) or JSON objects")
  String logFormat = "text";

  @Option(
      names = "--log-file",
      paramLabel = "FILE",
      description = "Write the server log to FILE (appending) instead of stderr")
  Path logFile;

  @Option(
      names = "--execution-logs",
      paramLabel = "DIR|stdout",
      description =
          "Where state machines' loggingConfiguration records go: a JSON-lines file per log group"
              + " under DIR (default: DATA-DIR/execution-logs; stdout with --store memory), or"
              + " stdout")
  String executionLogs;

  @Option(
      names = "--events-config",
      paramLabel = "FILE",
      description =
          "Where execution status-change events go (webhooks, files); see docs/observability.md")
  Path eventsConfig;

  @Option(
      names = "--no-metrics",
      negatable = false,
      description = "Serve no GET /metrics (and count nothing)")
  boolean noMetrics;
}
