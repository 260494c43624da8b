package dev.stepwise.observability.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The counts and times AWS reports per activity, per Lambda function and per service integration
 * ({@code ActivitiesScheduled}, {@code ActivityRunTime}, ...), for one label value.
 */
final class TaskMeters {
  /** How one family's metrics are named: AWS's plural and singular, and the label. */
  record Family(String plural, String singular, String label) {
    static final Family ACTIVITY = new Family("activities", "activity", "activity");
    static final Family LAMBDA = new Family("lambda.functions", "lambda.function", "function");
    static final Family SERVICE =
        new Family("service.integrations", "service.integration", "resource");
  }

  final Counter scheduled;
  final Counter started;
  final Counter succeeded;
  final Counter failed;
  final Counter timedOut;
  final Counter heartbeatTimedOut;
  final Timer scheduleTime;
  final Timer runTime;
  final Timer time;

  TaskMeters(MeterRegistry registry, Family f, String value) {
    String counts = "stepwise." + f.plural() + ".";
    String times = "stepwise." + f.singular() + ".";
    scheduled = counter(registry, counts + "scheduled", f, value, "scheduled");
    started = counter(registry, counts + "started", f, value, "started");
    succeeded = counter(registry, counts + "succeeded", f, value, "completed successfully");
    failed = counter(registry, counts + "failed", f, value, "failed");
    timedOut = counter(registry, counts + "timed.out", f, value, "timed out on close");
    heartbeatTimedOut =
        counter(registry, counts + "heartbeat.timed.out", f, value, "timed out by heartbeat");
    scheduleTime =
        timer(registry, times + "schedule.time", f, value, "Time from scheduled to started");
    runTime = timer(registry, times + "run.time", f, value, "Time from started to closed");
    time = timer(registry, times + "time", f, value, "Time from scheduled to closed");
  }

  private static Counter counter(
      MeterRegistry registry, String name, Family f, String value, String what) {
    return Counter.builder(name)
        .description("Tasks " + what + " (AWS " + f.plural() + ")")
        .tag(f.label(), value)
        .register(registry);
  }

  private static Timer timer(
      MeterRegistry registry, String name, Family f, String value, String what) {
    return Timer.builder(name)
        .description(what)
        .tag(f.label(), value)
        .serviceLevelObjectives(Buckets.DURATIONS)
        .register(registry);
  }
}
