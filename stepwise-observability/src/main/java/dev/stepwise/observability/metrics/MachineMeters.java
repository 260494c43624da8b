package dev.stepwise.observability.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** AWS's execution metrics for one state machine ({@code ExecutionsStarted}, ...). */
final class MachineMeters {
  private static final String TAG = "state_machine";

  final Counter started;
  final Counter succeeded;
  final Counter failed;
  final Counter aborted;
  final Counter timedOut;
  final Timer time;

  MachineMeters(MeterRegistry registry, String stateMachine) {
    started = counter(registry, "stepwise.executions.started", stateMachine, "Executions started");
    succeeded =
        counter(registry, "stepwise.executions.succeeded", stateMachine, "Executions succeeded");
    failed = counter(registry, "stepwise.executions.failed", stateMachine, "Executions failed");
    aborted = counter(registry, "stepwise.executions.aborted", stateMachine, "Executions aborted");
    timedOut =
        counter(registry, "stepwise.executions.timed.out", stateMachine, "Executions timed out");
    // Registered so dashboards find them: Stepwise neither redrives nor throttles (at 0).
    counter(registry, "stepwise.executions.redriven", stateMachine, "Executions redriven");
    counter(
        registry,
        "stepwise.execution.throttled",
        stateMachine,
        "StateEntered events and retries throttled");
    time =
        Timer.builder("stepwise.execution.time")
            .description("Time from an execution's start to its close")
            .tag(TAG, stateMachine)
            .serviceLevelObjectives(Buckets.DURATIONS)
            .register(registry);
  }

  private static Counter counter(
      MeterRegistry registry, String name, String stateMachine, String description) {
    return Counter.builder(name).description(description).tag(TAG, stateMachine).register(registry);
  }
}
