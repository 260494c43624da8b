package dev.stepwise.observability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ScriptedTasks;
import dev.stepwise.engine.observe.ExecutionObserver;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.parse.MachineType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An engine and its control plane on a manual clock, with observers attached: nothing happens until
 * the test runs ready work or advances time, so every figure a test reads is exact.
 */
final class Observed {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  static final String EXEC = "arn:aws:states:us-east-1:123456789012:execution:";

  final ManualClock clock = new ManualClock(T0);
  final VirtualTimeScheduler scheduler = new VirtualTimeScheduler(clock);
  final ScriptedTasks tasks = new ScriptedTasks();
  final InMemoryExecutionStore store = new InMemoryExecutionStore();
  final Engine engine;
  final StepFunctionsService service;
  private final AtomicLong ids = new AtomicLong();

  Observed(List<ExecutionObserver> observers) {
    engine =
        new Engine(
            EngineSettings.DEFAULTS,
            clock,
            scheduler,
            tasks,
            store,
            7,
            ExecutionObserver.all(observers));
    service =
        new StepFunctionsService(engine, store, clock, () -> new UUID(0, ids.incrementAndGet()));
  }

  void create(String name, String definition, @Nullable ObjectNode logging) {
    try {
      service.createStateMachine(
          name, definition, null, MachineType.STANDARD, logging, null, Map.of());
    } catch (ServiceException e) {
      throw new IllegalStateException(e);
    }
  }

  Execution start(String machine, String name, String input) {
    try {
      Execution e = service.startExecution(SM + machine, name, input, false);
      scheduler.runReady();
      return e;
    } catch (ServiceException e) {
      throw new IllegalStateException(e);
    }
  }

  void advance(Duration d) {
    scheduler.advance(d);
  }

  void stop(String executionArn) {
    engine.stop(executionArn, "Stopped", "by the test");
    scheduler.runReady();
  }
}
