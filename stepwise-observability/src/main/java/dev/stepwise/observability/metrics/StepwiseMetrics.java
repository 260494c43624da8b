package dev.stepwise.observability.metrics;

import dev.stepwise.engine.Engine;
import dev.stepwise.engine.observe.StoreObserver;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code GET /metrics} shows, in Prometheus's text format: AWS's execution and task
 * metrics ({@link ExecutionMetrics}), the engine's own (open and parked executions, timers,
 * group-commit batches, API latency by operation) and the JVM's.
 */
public final class StepwiseMetrics implements AutoCloseable {
  /** Prometheus's text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Distinct state machines (and task resources) with series of their own. */
  public static final int DEFAULT_MAX_LABELS = 1_000;

  private final PrometheusMeterRegistry registry;
  private final ExecutionMetrics executions;
  private final @Nullable JvmGcMetrics gc;
  private final DistributionSummary commitSteps;
  private final Timer commitTime;
  private final ConcurrentHashMap<String, Timer> apiTimers = new ConcurrentHashMap<>();

  /**
   * @param jvm whether to add the JVM's metrics (memory, GC, threads, classes, CPU, uptime)
   */
  public StepwiseMetrics(int maxLabels, boolean jvm) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    executions = new ExecutionMetrics(registry, maxLabels);
    if (jvm) {
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      gc = new JvmGcMetrics();
      gc.bindTo(registry);
    } else {
      gc = null;
    }
    commitSteps =
        DistributionSummary.builder("stepwise.store.commit.steps")
            .description("Steps written per group commit")
            .serviceLevelObjectives(Buckets.COUNTS)
            .register(registry);
    commitTime =
        Timer.builder("stepwise.store.commit")
            .description("Time to write and commit one group of steps")
            .serviceLevelObjectives(Buckets.DURATIONS)
            .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The observer to give the engine. */
  public ExecutionMetrics executions() {
    return executions;
  }

  /** The observer to give a store that groups commits. */
  public StoreObserver store() {
    return (steps, nanos) -> {
      commitSteps.record(steps);
      commitTime.record(nanos, TimeUnit.NANOSECONDS);
    };
  }

  /**
   * Gauges of the engine's open and parked executions, and (when the scheduler counts them) its
   * pending timers.
   */
  public void bind(Engine engine, @Nullable IntSupplier pendingTimers) {
    Gauge.builder("stepwise.open.executions", engine, Engine::openExecutions)
        .description("Executions started or resumed and not yet closed")
        .register(registry);
    Gauge.builder("stepwise.parked.executions", engine, Engine::parkedExecutions)
        .description("Open executions out of memory, waiting for a timer or a callback")
        .register(registry);
    if (pendingTimers != null) {
      Gauge.builder("stepwise.timers.pending", pendingTimers, IntSupplier::getAsInt)
          .description("Timers waiting for their due time (waits, retries, timeouts)")
          .register(registry);
    }
  }

  /** One API call answered: latency by operation and outcome (an error name, or success). */
  public void apiCall(String operation, @Nullable String error, long nanos) {
    String outcome = error == null ? "success" : error;
    String key = operation + "\0" + outcome;
    Timer t = apiTimers.get(key);
    if (t == null) {
      t =
          apiTimers.computeIfAbsent(
              key,
              k ->
                  Timer.builder("stepwise.api.request")
                      .description("Step Functions API calls, from arrival to answer")
                      .tag("operation", operation)
                      .tag("outcome", outcome)
                      .serviceLevelObjectives(Buckets.DURATIONS)
                      .register(registry));
    }
    t.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The scrape: every metric in Prometheus's text format. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
