package dev.stepwise.integrations;

import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.parse.MachineType;
import java.time.Instant;

/** An engine on virtual time that runs executions to their end, for end-to-end tests. */
public final class LocalEngine {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final VirtualTimeScheduler scheduler = new VirtualTimeScheduler(clock);
  private final Engine engine;
  private final Arns arns = Arns.of(EngineSettings.DEFAULTS);

  public LocalEngine(TaskDispatcher tasks) {
    engine =
        new Engine(
            EngineSettings.DEFAULTS, clock, scheduler, tasks, new InMemoryExecutionStore(), 7);
  }

  public static String executionArn(String machineName, String executionName) {
    return Arns.of(EngineSettings.DEFAULTS).execution(machineName, executionName);
  }

  /** Runs {@code machine} as {@code machineName} until nothing is left to do. */
  public Execution run(String machineName, String executionName, StateMachine machine, String input)
      throws InterruptedException {
    Execution execution =
        engine.start(
            new ExecutionSpec(
                arns.execution(machineName, executionName),
                executionName,
                arns.stateMachine(machineName),
                machineName,
                machine,
                MachineType.STANDARD,
                Json.parseTrusted(input),
                arns.defaultRole(),
                clock.instant(),
                null,
                null,
                true));
    scheduler.runUntilIdle();
    return execution;
  }
}
