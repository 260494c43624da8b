package dev.stepwise.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.nested.NestedExecutions;
import dev.stepwise.engine.nested.SfnSdkTasks;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.task.UnconfiguredTasks;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.MachineType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Runs executions in this process on a single thread: {@code bin/stepwise run} and the conformance
 * runner. State machines registered here can start each other through {@code
 * arn:aws:states:::states:startExecution} tasks. With {@code fastTime} the clock jumps over waits,
 * backoffs and timeouts (their events keep the virtual timestamps); otherwise this thread waits for
 * them.
 */
public final class LocalRuntime {

  /** A definition that does not validate. */
  public static final class InvalidDefinitionException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidDefinitionException(String message) {
      super(message, null, false, false);
    }
  }

  private final VirtualTimeScheduler scheduler;
  private final StepFunctionsService service;
  private int executionCounter;

  public LocalRuntime(EngineSettings settings, boolean fastTime, Instant start, long seed) {
    this(settings, fastTime, start, seed, tasks -> tasks);
  }

  /**
   * @param integrations wraps the built-in integrations (nested executions, {@code aws-sdk:sfn}),
   *     e.g. with mocked responses that answer first
   */
  public LocalRuntime(
      EngineSettings settings,
      boolean fastTime,
      Instant start,
      long seed,
      java.util.function.UnaryOperator<TaskDispatcher> integrations) {
    InstantSource clock = fastTime ? new ManualClock(start) : InstantSource.system();
    this.scheduler = new VirtualTimeScheduler(clock);
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    TaskRouter tasks = new TaskRouter();
    Engine engine = new Engine(settings, clock, scheduler, integrations.apply(tasks), store, seed);
    this.service =
        new StepFunctionsService(
            engine, store, clock, () -> new UUID(random.nextLong(), random.nextLong()));
    tasks.nested = new NestedExecutions(service, random);
    tasks.sfn = new SfnSdkTasks(service, random);
  }

  public Arns arns() {
    return service.arns();
  }

  /** Parses and registers a state machine under {@code name}. */
  public void register(String name, String definition, MachineType type)
      throws InvalidDefinitionException {
    try {
      service.createStateMachine(name, definition, null, type);
    } catch (ServiceException e) {
      throw new InvalidDefinitionException(e.getMessage());
    }
  }

  /** Starts an execution of a registered machine and runs until it (and all it waits on) ends. */
  public Execution run(String machineName, JsonNode input, boolean recordHistory)
      throws InterruptedException {
    Execution execution;
    try {
      execution =
          service.startExecution(
              arns().stateMachine(machineName),
              "execution-" + (++executionCounter),
              Json.write(input),
              recordHistory);
    } catch (ServiceException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    scheduler.runUntilIdle();
    return execution;
  }

  /**
   * TestState in this process: a Task without a mock calls this runtime's integrations (nested
   * executions of its registered machines, {@code aws-sdk:sfn}, and what {@code integrations}
   * added).
   */
  public com.fasterxml.jackson.databind.node.ObjectNode testState(
      dev.stepwise.engine.teststate.TestStateRequest request)
      throws ServiceException, InterruptedException {
    return service.testState(request);
  }

  /** Nested executions run here; other integrations are not configured in this runtime. */
  private static final class TaskRouter implements TaskDispatcher {
    NestedExecutions nested;
    SfnSdkTasks sfn;
    final UnconfiguredTasks unconfigured = new UnconfiguredTasks();

    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      if (NestedExecutions.serves(request.resource())) {
        nested.dispatch(request, callbacks);
      } else if (SfnSdkTasks.serves(request.resource())) {
        sfn.dispatch(request, callbacks);
      } else {
        unconfigured.dispatch(request, callbacks);
      }
    }

    @Override
    public void cancel(TaskRequest request, String cause) {
      nested.cancel(request, cause);
    }
  }
}
