package dev.stepwise.observability.metrics;

import java.time.Duration;

/**
 * Histogram buckets: fixed boundaries (a few per series) instead of Micrometer's percentile
 * histogram (about seventy), so a label per state machine stays cheap to scrape and store.
 */
final class Buckets {
  private Buckets() {}

  /** From a Pass-only execution (microseconds) to a long-running one (a day). */
  static final Duration[] DURATIONS = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(5),
    Duration.ofMinutes(15),
    Duration.ofHours(1),
    Duration.ofHours(6),
    Duration.ofDays(1)
  };

  /** Steps per commit, up to the SQLite writer's batch limit (1,000). */
  static final double[] COUNTS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
}
