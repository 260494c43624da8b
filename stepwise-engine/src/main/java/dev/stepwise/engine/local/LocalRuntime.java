package dev.stepwise.engine.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.nested.ExecutionNames;
import dev.stepwise.engine.nested.ExecutionStarter;
import dev.stepwise.engine.nested.NestedExecutions;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs executions in this process on a single thread: {@code bin/stepwise run} and the conformance
 * runner. State machines registered here can start each other through {@code
 * arn:aws:states:::states:startExecution} tasks. With {@code fastTime} the clock jumps over waits,
 * backoffs and timeouts (their events keep the virtual timestamps); otherwise this thread waits for
 * them.
 */
public final class LocalRuntime implements ExecutionStarter {

  /** A definition that does not validate. */
  public static final class InvalidDefinitionException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidDefinitionException(String message) {
      super(message, null, false, false);
    }
  }

  private record Registered(String name, StateMachine machine, MachineType type) {}

  private final EngineSettings settings;
  private final Arns arns;
  private final InstantSource clock;
  private final VirtualTimeScheduler scheduler;
  private final Engine engine;
  private final RandomGenerator random;
  private final Map<String, Registered> machinesByArn = new ConcurrentHashMap<>();
  private int executionCounter;

  public LocalRuntime(EngineSettings settings, boolean fastTime, Instant start, long seed) {
    this.settings = settings;
    this.arns = Arns.of(settings);
    this.clock = fastTime ? new ManualClock(start) : InstantSource.system();
    this.scheduler = new VirtualTimeScheduler(clock);
    this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    NestedExecutions nested = new NestedExecutions(this, random);
    TaskDispatcher tasks =
        new TaskDispatcher() {
          @Override
          public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
            if (NestedExecutions.serves(request.resource())) {
              nested.dispatch(request, callbacks);
            } else {
              callbacks.failed(
                  "States.TaskFailed",
                  "No integration is configured for resource '"
                      + request.resource().arn()
                      + "' in this runtime.");
            }
          }

          @Override
          public void cancel(TaskRequest request, String cause) {
            nested.cancel(request, cause);
          }
        };
    this.engine = new Engine(settings, clock, scheduler, tasks, new InMemoryExecutionStore(), seed);
  }

  public Arns arns() {
    return arns;
  }

  public EngineSettings settings() {
    return settings;
  }

  /** Parses and registers a state machine under {@code name}. */
  public void register(String name, String definition, MachineType type)
      throws InvalidDefinitionException {
    ParseResult result = new DefinitionParser(type).parse(definition);
    if (!result.valid()) {
      throw new InvalidDefinitionException(result.invalidDefinitionMessage());
    }
    machinesByArn.put(arns.stateMachine(name), new Registered(name, result.machine(), type));
  }

  /** Starts an execution of a registered machine and runs until it (and all it waits on) ends. */
  public Execution run(String machineName, JsonNode input, boolean recordHistory)
      throws InterruptedException {
    Registered sm = machinesByArn.get(arns.stateMachine(machineName));
    if (sm == null) {
      throw new IllegalArgumentException("no state machine named " + machineName);
    }
    Execution execution = launch(sm, "execution-" + (++executionCounter), input, recordHistory);
    scheduler.runUntilIdle();
    return execution;
  }

  @Override
  public Execution start(
      String stateMachineArn, String name, String input, @Nullable String parentExecutionArn)
      throws StartException {
    Registered sm = machinesByArn.get(stateMachineArn);
    if (sm == null) {
      throw new StartException(
          "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + stateMachineArn + "'");
    }
    if (!ExecutionNames.valid(name)) {
      throw new StartException("InvalidName", "Invalid Name: '" + name + "'");
    }
    JsonNode json;
    try {
      json = Json.parse(input);
    } catch (JsonProcessingException e) {
      throw new StartException(
          "InvalidExecutionInput", "Invalid State Machine Execution Input: '" + input + "'");
    }
    if (sm.type() == MachineType.STANDARD) {
      Optional<Execution> existing = engine.find(arns.execution(sm.name(), name));
      if (existing.isPresent()) {
        Execution e = existing.get();
        if (e.status() == ExecutionStatus.RUNNING && e.spec().input().equals(json)) {
          return e;
        }
        throw new StartException(
            "ExecutionAlreadyExists",
            "Execution Already Exists: '" + e.spec().executionArn() + "'");
      }
    }
    return launch(sm, name, json, true);
  }

  @Override
  public void stop(String executionArn, @Nullable String error, @Nullable String cause) {
    engine.stop(executionArn, error, cause);
  }

  private Execution launch(Registered sm, String name, JsonNode input, boolean recordHistory) {
    String executionArn =
        sm.type() == MachineType.EXPRESS
            ? arns.expressExecution(
                sm.name(),
                name,
                new java.util.UUID(random.nextLong(), random.nextLong()).toString())
            : arns.execution(sm.name(), name);
    ExecutionSpec spec =
        new ExecutionSpec(
            executionArn,
            name,
            arns.stateMachine(sm.name()),
            sm.name(),
            sm.machine(),
            sm.type(),
            input,
            arns.defaultRole(),
            clock.instant(),
            null,
            null,
            recordHistory);
    return engine.start(spec);
  }
}
