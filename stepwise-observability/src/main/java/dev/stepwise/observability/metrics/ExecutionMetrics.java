package dev.stepwise.observability.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.observe.ExecutionObserver;
import dev.stepwise.engine.runtime.Trigger;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.store.StepRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * AWS's execution, activity, Lambda and service-integration metrics, counted from each stored step:
 * starts by the Start trigger, closes by the step that closes (so EXPRESS executions, which keep no
 * events, count too), task metrics from the task events.
 *
 * <p>A task's times need its scheduled and started instants: they are kept per open execution until
 * the task closes, keyed by the id of the task's latest event (each task event's {@code
 * previousEventId} names the one before it).
 */
public final class ExecutionMetrics implements ExecutionObserver {
  private final MeterRegistry registry;
  private final LabelBudget machines;
  private final LabelBudget taskLabels;
  private final ConcurrentHashMap<String, MachineMeters> perMachine = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, TaskMeters> perTask = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Map<Long, Pending>> inFlight = new ConcurrentHashMap<>();

  /** A task between its scheduling and its close. */
  private static final class Pending {
    final TaskMeters meters;
    final Instant scheduled;
    @Nullable Instant started;

    Pending(TaskMeters meters, Instant scheduled) {
      this.meters = meters;
      this.scheduled = scheduled;
    }
  }

  /**
   * @param maxLabels how many distinct state machines (and, separately, task resources) get a
   *     series of their own; later ones share {@code _other}
   */
  public ExecutionMetrics(MeterRegistry registry, int maxLabels) {
    this.registry = registry;
    this.machines = new LabelBudget(maxLabels);
    this.taskLabels = new LabelBudget(maxLabels);
  }

  @Override
  public void stored(StepRecord record) {
    ExecutionRecord execution = record.execution();
    ExecutionSpec spec = execution.spec();
    if (record.trigger() instanceof Trigger.Start) {
      machine(spec.stateMachineArn()).started.increment();
    }
    for (HistoryEvent e : record.step().events()) {
      switch (e.type()) {
        case ActivityScheduled, LambdaFunctionScheduled, TaskScheduled -> scheduled(spec, e);
        case ActivityStarted, LambdaFunctionStarted, TaskStarted -> progressed(spec, e, true);
        case TaskSubmitted -> progressed(spec, e, false);
        case ActivitySucceeded, LambdaFunctionSucceeded, TaskSucceeded ->
            closed(spec, e, Outcome.SUCCEEDED);
        case ActivityFailed,
            LambdaFunctionFailed,
            LambdaFunctionStartFailed,
            TaskFailed,
            TaskStartFailed,
            TaskSubmitFailed ->
            closed(spec, e, Outcome.FAILED);
        case ActivityTimedOut, LambdaFunctionTimedOut, TaskTimedOut ->
            closed(spec, e, heartbeat(e) ? Outcome.HEARTBEAT_TIMED_OUT : Outcome.TIMED_OUT);
        default -> {}
      }
    }
    if (record.step().closes()) {
      MachineMeters m = machine(spec.stateMachineArn());
      switch (execution.status()) {
        case SUCCEEDED -> m.succeeded.increment();
        case FAILED -> m.failed.increment();
        case ABORTED -> m.aborted.increment();
        case TIMED_OUT -> m.timedOut.increment();
        case RUNNING -> {}
      }
      if (execution.stopDate() != null) {
        m.time.record(Duration.between(spec.startTime(), execution.stopDate()));
      }
      inFlight.remove(spec.executionArn());
    }
  }

  private enum Outcome {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    HEARTBEAT_TIMED_OUT
  }

  private MachineMeters machine(String stateMachineArn) {
    MachineMeters m = perMachine.get(stateMachineArn);
    if (m != null) {
      return m;
    }
    String label = machines.admit(stateMachineArn);
    return perMachine.computeIfAbsent(
        stateMachineArn,
        arn -> label.equals(arn) ? new MachineMeters(registry, arn) : other(label));
  }

  private MachineMeters other(String label) {
    return perMachine.computeIfAbsent(
        "\0" + label, k -> new MachineMeters(registry, LabelBudget.OTHER));
  }

  private void scheduled(ExecutionSpec spec, HistoryEvent e) {
    ObjectNode d = e.details();
    String resource = d == null ? "" : d.path("resource").asText("");
    TaskMeters.Family family;
    String value;
    switch (e.type()) {
      case ActivityScheduled -> {
        family = TaskMeters.Family.ACTIVITY;
        value = resource;
      }
      case LambdaFunctionScheduled -> {
        family = TaskMeters.Family.LAMBDA;
        value = resource;
      }
      default -> {
        family = TaskMeters.Family.SERVICE;
        String type = d == null ? "" : d.path("resourceType").asText("");
        // AWS's dimension is the integration's ARN, e.g. arn:aws:states:::lambda:invoke.
        value = type.isEmpty() ? resource : "arn:aws:states:::" + type + ":" + resource;
      }
    }
    TaskMeters meters = task(family, value);
    meters.scheduled.increment();
    tasks(spec).put(e.id(), new Pending(meters, e.timestamp()));
  }

  private TaskMeters task(TaskMeters.Family family, String value) {
    String key = family.plural() + "\0" + value;
    TaskMeters m = perTask.get(key);
    if (m != null) {
      return m;
    }
    String label = taskLabels.admit(key).equals(key) ? value : LabelBudget.OTHER;
    return perTask.computeIfAbsent(
        family.plural() + "\0" + label, k -> new TaskMeters(registry, family, label));
  }

  /** A task's next event: re-keyed under its id; started once. */
  private void progressed(ExecutionSpec spec, HistoryEvent e, boolean start) {
    Map<Long, Pending> open = tasks(spec);
    Pending p = open.remove(e.previousEventId());
    if (p == null) {
      return; // scheduled before a restart: its times are unknown
    }
    if (start && p.started == null) {
      p.started = e.timestamp();
      p.meters.started.increment();
    }
    open.put(e.id(), p);
  }

  private void closed(ExecutionSpec spec, HistoryEvent e, Outcome outcome) {
    Pending p = tasks(spec).remove(e.previousEventId());
    if (p == null) {
      return;
    }
    switch (outcome) {
      case SUCCEEDED -> p.meters.succeeded.increment();
      case FAILED -> p.meters.failed.increment();
      case TIMED_OUT -> p.meters.timedOut.increment();
      case HEARTBEAT_TIMED_OUT -> p.meters.heartbeatTimedOut.increment();
    }
    Instant end = e.timestamp();
    p.meters.time.record(Duration.between(p.scheduled, end));
    if (p.started != null) {
      p.meters.scheduleTime.record(Duration.between(p.scheduled, p.started));
      p.meters.runTime.record(Duration.between(p.started, end));
    }
  }

  /** The open tasks of one execution, whose steps are told one at a time and in order. */
  private Map<Long, Pending> tasks(ExecutionSpec spec) {
    return inFlight.computeIfAbsent(
        spec.executionArn(), k -> java.util.Collections.synchronizedMap(new HashMap<>()));
  }

  private static boolean heartbeat(HistoryEvent e) {
    ObjectNode d = e.details();
    return d != null && "States.HeartbeatTimeout".equals(d.path("error").asText());
  }
}
