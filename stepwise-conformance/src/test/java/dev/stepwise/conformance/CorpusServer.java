package dev.stepwise.conformance;

import dev.stepwise.api.ApiServer;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.activity.ActivityTasks;
import dev.stepwise.engine.nested.NestedExecutions;
import dev.stepwise.engine.nested.SfnSdkTasks;
import dev.stepwise.engine.service.ResourceStore;
import dev.stepwise.engine.service.StateMachineGuard;
import dev.stepwise.engine.service.StateMachineStore;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.DeferredDispatcher;
import dev.stepwise.engine.time.FastTime;
import dev.stepwise.engine.time.RealTimeScheduler;
import dev.stepwise.engine.time.Scheduler;
import dev.stepwise.integrations.mock.MockConfig;
import dev.stepwise.integrations.routing.RoutingDispatcher;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A Stepwise server as {@code bin/stepwise serve --mock-config FILE} wires it (activities, nested
 * executions, {@code aws-sdk:sfn}, mocked responses answered first, the in-memory store), on the
 * loopback interface. In virtual time ({@code serve --fast-time}) waits take no wall time; in real
 * time a client can act while an execution waits (stop it, answer its activity task).
 */
final class CorpusServer implements AutoCloseable {
  private final @Nullable FastTime fastTime;
  private final @Nullable RealTimeScheduler realTime;
  private final ApiServer api;
  private final StepFunctionsService service;

  private CorpusServer(boolean virtual, @Nullable MockConfig mocks) throws Exception {
    fastTime = virtual ? new FastTime(Instant.parse("2026-01-01T00:00:00Z")) : null;
    InstantSource clock = fastTime != null ? fastTime.clock() : InstantSource.system();
    realTime = fastTime == null ? new RealTimeScheduler(clock) : null;
    Scheduler scheduler = fastTime != null ? fastTime.scheduler() : realTime;
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    ActivityTasks activities = new ActivityTasks(clock, scheduler, store);
    DeferredDispatcher nested = new DeferredDispatcher();
    DeferredDispatcher sfn = new DeferredDispatcher();
    AtomicReference<StepFunctionsService> serviceRef = new AtomicReference<>();
    RoutingDispatcher.Builder routes =
        RoutingDispatcher.builder()
            .route(ActivityTasks::serves, activities)
            .route(NestedExecutions::serves, nested)
            .route(SfnSdkTasks::serves, sfn);
    if (mocks != null) {
      routes.mocks(mocks, r -> serviceRef.get().testCase(r.executionArn()));
    }
    Engine engine =
        new Engine(EngineSettings.DEFAULTS, clock, scheduler, routes.build(), store, 42);
    Random random = new Random(42);
    this.service =
        new StepFunctionsService(
            engine,
            store,
            StateMachineStore.NONE,
            ResourceStore.NONE,
            activities,
            clock,
            () -> new UUID(random.nextLong(), random.nextLong()),
            StateMachineGuard.NONE);
    serviceRef.set(this.service);
    nested.set(new NestedExecutions(this.service, RandomGenerator.of("L64X128MixRandom")));
    sfn.set(new SfnSdkTasks(this.service, RandomGenerator.of("L64X128MixRandom")));
    api = ApiServer.start("127.0.0.1", 0, this.service);
  }

  /** In virtual time, as {@code serve --fast-time} runs. */
  static CorpusServer virtualTime(@Nullable MockConfig mocks) throws Exception {
    return new CorpusServer(true, mocks);
  }

  /** In real time, as {@code serve} runs. */
  static CorpusServer realTime(@Nullable MockConfig mocks) throws Exception {
    return new CorpusServer(false, mocks);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + api.port() + "/");
  }

  String account() {
    return service.arns().account();
  }

  String region() {
    return service.arns().region();
  }

  @Override
  public void close() {
    api.close();
    if (fastTime != null) {
      fastTime.close();
    }
    if (realTime != null) {
      realTime.close();
    }
  }
}
