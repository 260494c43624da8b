package dev.stepwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.observe.ExecutionObserver;
import dev.stepwise.engine.observe.StoreObserver;
import dev.stepwise.language.json.Json;
import dev.stepwise.observability.logs.ExecutionLogs;
import dev.stepwise.observability.logs.LogDestinations;
import dev.stepwise.observability.metrics.StepwiseMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmarks observe, by {@code -Dstepwise.bench.observe=}: {@code off} (the default:
 * nothing), {@code on} (metrics as {@code serve} has them, JVM's included, and execution logs at
 * level ERROR with execution data, as an operator would set them), or {@code all-logs} (metrics and
 * execution logs at level ALL without execution data: every event written to a file).
 */
record BenchObservers(ExecutionObserver observer, StoreObserver store, Runnable closer)
    implements AutoCloseable {

  static String mode() {
    return System.getProperty("stepwise.bench.observe", "off");
  }

  static BenchObservers create() throws IOException {
    String mode = mode();
    if (mode.equals("off")) {
      return new BenchObservers(ExecutionObserver.NONE, StoreObserver.NONE, () -> {});
    }
    String level =
        switch (mode) {
          case "on" -> "ERROR";
          case "all-logs" -> "ALL";
          default ->
              throw new IllegalArgumentException("stepwise.bench.observe: off, on or all-logs");
        };
    JsonNode logging =
        Json.parseTrusted(
            "{\"level\":\""
                + level
                + "\",\"includeExecutionData\":"
                + level.equals("ERROR")
                + ",\"destinations\":[{\"cloudWatchLogsLogGroup\":{\"logGroupArn\":"
                + "\"arn:aws:logs:us-east-1:123456789012:log-group:bench:*\"}}]}");
    StepwiseMetrics metrics = new StepwiseMetrics(StepwiseMetrics.DEFAULT_MAX_LABELS, true);
    ExecutionLogs logs =
        new ExecutionLogs(
            arn -> logging,
            LogDestinations.directory(Files.createTempDirectory("stepwise-bench-logs")));
    List<ExecutionObserver> all = new ArrayList<>(List.of(metrics.executions(), logs));
    return new BenchObservers(
        ExecutionObserver.all(all),
        metrics.store(),
        () -> {
          logs.close();
          metrics.close();
        });
  }

  @Override
  public void close() {
    closer.run();
  }
}
