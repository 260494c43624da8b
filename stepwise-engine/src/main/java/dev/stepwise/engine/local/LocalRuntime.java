package dev.stepwise.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs executions in this process, one at a time, on a single thread: {@code bin/stepwise run} and
 * the conformance runner. With {@code fastTime} the clock jumps over waits, backoffs and timeouts
 * (their events keep the virtual timestamps); otherwise this thread waits for them.
 */
public final class LocalRuntime {

  /** A definition that does not validate. */
  public static final class InvalidDefinitionException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidDefinitionException(String message) {
      super(message, null, false, false);
    }
  }

  private record Registered(StateMachine machine, MachineType type) {}

  private final EngineSettings settings;
  private final Arns arns;
  private final InstantSource clock;
  private final VirtualTimeScheduler scheduler;
  private final Engine engine;
  private final Map<String, Registered> machines = new LinkedHashMap<>();
  private int executionCounter;

  public LocalRuntime(EngineSettings settings, boolean fastTime, Instant start, long seed) {
    this.settings = settings;
    this.arns = Arns.of(settings);
    this.clock = fastTime ? new ManualClock(start) : InstantSource.system();
    this.scheduler = new VirtualTimeScheduler(clock);
    this.engine =
        new Engine(
            settings,
            clock,
            scheduler,
            new UnconfiguredTasks(),
            new InMemoryExecutionStore(),
            seed);
  }

  public Arns arns() {
    return arns;
  }

  /** Parses and registers a state machine under {@code name}. */
  public void register(String name, String definition, MachineType type)
      throws InvalidDefinitionException {
    ParseResult result = new DefinitionParser(type).parse(definition);
    if (!result.valid()) {
      throw new InvalidDefinitionException(result.invalidDefinitionMessage());
    }
    machines.put(name, new Registered(result.machine(), type));
  }

  /** Starts an execution of a registered machine and runs until it (and all it waits on) ends. */
  public Execution run(String machineName, JsonNode input, boolean recordHistory)
      throws InterruptedException {
    Registered sm = machines.get(machineName);
    if (sm == null) {
      throw new IllegalArgumentException("no state machine named " + machineName);
    }
    String executionName = "execution-" + (++executionCounter);
    String executionArn =
        sm.type() == MachineType.EXPRESS
            ? arns.expressExecution(machineName, executionName, executionName)
            : arns.execution(machineName, executionName);
    ExecutionSpec spec =
        new ExecutionSpec(
            executionArn,
            executionName,
            arns.stateMachine(machineName),
            machineName,
            sm.machine(),
            sm.type(),
            input,
            arns.defaultRole(),
            clock.instant(),
            null,
            null,
            recordHistory);
    Execution execution = engine.start(spec);
    scheduler.runUntilIdle();
    return execution;
  }

  public EngineSettings settings() {
    return settings;
  }

  /** Fails every task whose resource no integration serves, with a catchable error. */
  private static final class UnconfiguredTasks implements TaskDispatcher {
    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      callbacks.failed(
          "States.TaskFailed",
          "No integration is configured for resource '"
              + request.resource().arn()
              + "' in this runtime.");
    }
  }
}
