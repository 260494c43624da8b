package dev.stepwise.engine;

import dev.stepwise.engine.runtime.Interpreter;
import dev.stepwise.engine.runtime.Trigger;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.time.Scheduler;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs executions: one {@link Interpreter} each, fed by timers and task completions through the
 * {@link Scheduler}. Owns no transport and no storage format.
 */
public final class Engine implements ExecutionActor.Mail {
  private final EngineSettings settings;
  private final InstantSource clock;
  private final Scheduler scheduler;
  private final TaskDispatcher dispatcher;
  private final ExecutionStore store;
  private final dev.stepwise.engine.observe.ExecutionObserver observer;
  private final RandomGeneratorFactory<RandomGenerator> randoms;
  private final long seed;
  private final ConcurrentHashMap<String, ExecutionActor> executions = new ConcurrentHashMap<>();

  /**
   * Executions out of memory while they wait (stores that {@link ExecutionStore#reloads}): what
   * wakes them is a timer below, a trigger sent to them, or a lookup.
   */
  private final ConcurrentHashMap<String, Parked> parked = new ConcurrentHashMap<>();

  /** What a parked execution leaves behind: its wake-up timers and its completion future. */
  private record Parked(
      java.util.List<Scheduler.Cancellable> wakeups,
      java.util.concurrent.CompletableFuture<Execution> completion) {}

  /**
   * @param seed seeds each execution's random source (jitter, task tokens) together with its ARN,
   *     so a run is reproducible
   */
  public Engine(
      EngineSettings settings,
      InstantSource clock,
      Scheduler scheduler,
      TaskDispatcher dispatcher,
      ExecutionStore store,
      long seed) {
    this(
        settings,
        clock,
        scheduler,
        dispatcher,
        store,
        seed,
        dev.stepwise.engine.observe.ExecutionObserver.NONE);
  }

  /**
   * @param observer told of every step once it is stored (metrics, logs, notifications)
   */
  public Engine(
      EngineSettings settings,
      InstantSource clock,
      Scheduler scheduler,
      TaskDispatcher dispatcher,
      ExecutionStore store,
      long seed,
      dev.stepwise.engine.observe.ExecutionObserver observer) {
    this.observer = observer;
    this.settings = settings;
    this.clock = clock;
    this.scheduler = scheduler;
    this.dispatcher = dispatcher;
    this.store = store;
    this.randoms = RandomGeneratorFactory.of("L64X128MixRandom");
    this.seed = seed;
  }

  public EngineSettings settings() {
    return settings;
  }

  public InstantSource clock() {
    return clock;
  }

  /** The integrations Task states run through (TestState calls them too). */
  public TaskDispatcher tasks() {
    return dispatcher;
  }

  /**
   * Starts an execution and runs its first step (at most {@link Interpreter#STEP_BUDGET} actions)
   * on the caller's thread: a short execution has ended when this returns, a long one goes on on
   * the scheduler.
   */
  public Execution start(ExecutionSpec spec) {
    return start(spec, e -> {}, true);
  }

  /**
   * Starts an execution, running {@code beforeRun} once it exists but before its first step (a
   * parent records TaskSubmitted before its child can call back).
   *
   * @param here whether the first step runs on the caller's thread; not for a caller that must not
   *     be held (an engine thread starting a child, a store's commit thread)
   */
  public Execution start(
      ExecutionSpec spec, java.util.function.Consumer<Execution> beforeRun, boolean here) {
    long executionSeed = seed ^ spec.executionArn().hashCode();
    ExecutionActor actor = actor(spec, executionSeed);
    if (executions.putIfAbsent(spec.executionArn(), actor) != null) {
      throw new IllegalStateException("execution exists: " + spec.executionArn());
    }
    beforeRun.accept(actor);
    actor.start(here);
    return actor;
  }

  /** Picks up every execution the store holds as RUNNING (after a restart). */
  public int resumeAll() {
    // All are registered before any resumes, so a parent resuming finds its running children.
    java.util.List<ExecutionActor> loaded = new java.util.ArrayList<>();
    for (ExecutionRecord record : store.running()) {
      ExecutionActor actor = actor(record.spec(), record.seed());
      if (executions.putIfAbsent(record.spec().executionArn(), actor) == null) {
        loaded.add(actor);
      }
    }
    for (ExecutionActor actor : loaded) {
      actor.replay(store.journal(actor.spec().executionArn()));
    }
    for (ExecutionActor actor : loaded) {
      actor.rearm(true);
      idle(actor); // one that only waits leaves memory again until it wakes
    }
    return loaded.size();
  }

  /** A closed execution lives on in the store only: the engine holds just the open ones. */
  @Override
  public void closed(ExecutionActor actor) {
    executions.remove(actor.spec().executionArn(), actor);
  }

  /** How many executions are open (started or resumed, not yet closed and stored). */
  public int openExecutions() {
    return executions.size() + parked.size();
  }

  /** How many open executions are out of memory, waiting for a timer or a callback. */
  public int parkedExecutions() {
    return parked.size();
  }

  @Override
  public void idle(ExecutionActor actor) {
    if (!store.reloads()) {
      return;
    }
    String arn = actor.spec().executionArn();
    // Parked before it leaves the live map, so a lookup in between finds one or the other.
    java.util.List<java.time.Instant> dues = actor.park();
    if (dues == null) {
      return;
    }
    parked.put(
        arn,
        new Parked(
            dues.stream().map(due -> scheduler.schedule(due, () -> wake(arn))).toList(),
            actor.completion()));
    executions.remove(arn, actor);
  }

  /** A parked execution's timer is due: loading it arms its own timers, which then fire. */
  private void wake(String executionArn) {
    ExecutionActor actor;
    while ((actor = live(executionArn)) != null && actor.isParked()) {
      Thread.onSpinWait(); // parked just now: it leaves the live map in a moment
    }
  }

  @Override
  public void send(String executionArn, Trigger trigger) {
    deliver(executionArn, trigger, null);
  }

  /** Delivers to the execution's actor, loading it when it is parked; false when it is closed. */
  private boolean deliver(
      String executionArn,
      Trigger trigger,
      java.util.concurrent.@Nullable CompletableFuture<Void> stored) {
    while (true) {
      ExecutionActor actor = live(executionArn);
      if (actor == null) {
        return false;
      }
      if (actor.deliver(trigger, stored)) {
        return true;
      }
      Thread.onSpinWait(); // parked just now: the next lookup loads it again
    }
  }

  /** The execution's actor in memory, loaded from the store when it was parked. */
  private @Nullable ExecutionActor live(String executionArn) {
    ExecutionActor actor = executions.get(executionArn);
    if (actor != null || !store.reloads()) {
      return actor;
    }
    // Through the map's lock even when not parked: another thread may be loading it right now.
    ExecutionActor[] loaded = new ExecutionActor[1];
    actor =
        executions.computeIfAbsent(
            executionArn,
            arn -> {
              Parked p = parked.remove(arn);
              if (p == null) {
                return null;
              }
              p.wakeups().forEach(Scheduler.Cancellable::cancel);
              ExecutionRecord record = store.find(arn).orElseThrow();
              ExecutionActor a = actor(record.spec(), record.seed(), p.completion());
              a.replay(store.journal(arn));
              loaded[0] = a;
              return a;
            });
    if (loaded[0] != null) {
      loaded[0].rearm(false);
    }
    return actor;
  }

  private ExecutionActor actor(ExecutionSpec spec, long executionSeed) {
    return actor(spec, executionSeed, new java.util.concurrent.CompletableFuture<>());
  }

  private ExecutionActor actor(
      ExecutionSpec spec,
      long executionSeed,
      java.util.concurrent.CompletableFuture<Execution> completion) {
    RandomGenerator random = randoms.create(executionSeed);
    return new ExecutionActor(
        new Interpreter(spec, settings, random, dispatcher::unschedulable),
        executionSeed,
        store,
        clock,
        scheduler,
        dispatcher,
        this,
        completion,
        observer);
  }

  /** An open execution (loaded into memory if it was parked). */
  public Optional<Execution> find(String executionArn) {
    return Optional.ofNullable(live(executionArn));
  }

  /** What SendTaskSuccess/Failure/Heartbeat report for a task token. */
  public sealed interface TokenOutcome {
    record Success(com.fasterxml.jackson.databind.JsonNode output) implements TokenOutcome {}

    record Failure(@Nullable String error, @Nullable String cause) implements TokenOutcome {}

    record Heartbeat() implements TokenOutcome {}
  }

  /**
   * Completes (or heartbeats) the task waiting with {@code token}.
   *
   * @return a future that completes once the outcome is stored, or null when no running execution
   *     has a task waiting with that token
   */
  public java.util.concurrent.@Nullable CompletableFuture<Void> completeTask(
      String token, TokenOutcome outcome) {
    String executionArn = TaskTokens.executionArn(token);
    while (executionArn != null) {
      ExecutionActor actor = live(executionArn);
      Long taskId = actor == null ? null : actor.taskForToken(token);
      if (taskId == null) {
        return null;
      }
      java.util.concurrent.CompletableFuture<Void> stored =
          new java.util.concurrent.CompletableFuture<>();
      Trigger trigger =
          switch (outcome) {
            case TokenOutcome.Success s -> new Trigger.TaskSucceeded(taskId, s.output());
            case TokenOutcome.Failure f -> new Trigger.TaskFailed(taskId, f.error(), f.cause());
            case TokenOutcome.Heartbeat h -> new Trigger.TaskHeartbeat(taskId);
          };
      if (actor.deliver(trigger, stored)) {
        return stored;
      }
    }
    return null;
  }

  /**
   * RedriveExecution: the closed execution goes on where it stopped (the interpreter decides
   * whether it may; see {@link dev.stepwise.engine.runtime.Redriver}). Its actor is rebuilt from
   * the journal, so the redrive is one more journaled trigger and survives a restart like any.
   *
   * @return the answer once the redrive (or its refusal) is stored, or null when no such execution
   *     is stored
   */
  public dev.stepwise.engine.runtime.Redriver.@Nullable Answer redrive(
      String executionArn, @Nullable String clientToken)
      throws InterruptedException, java.util.concurrent.TimeoutException {
    try {
      return redriveAsync(executionArn, clientToken).get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("the redrive could not be stored", e.getCause());
    }
  }

  /** {@link #redrive}, answered when its step is stored (tests on a manual scheduler use it). */
  public java.util.concurrent.CompletableFuture<
          dev.stepwise.engine.runtime.Redriver.@Nullable Answer>
      redriveAsync(String executionArn, @Nullable String clientToken) {
    ExecutionActor actor = live(executionArn);
    if (actor == null) {
      ExecutionRecord record = store.find(executionArn).orElse(null);
      if (record == null) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      }
      java.util.List<ExecutionStore.JournalEntry> journal = store.journal(executionArn);
      if (journal.isEmpty()) {
        // Closed before its journal was kept (an older store): nothing to rebuild it from.
        return java.util.concurrent.CompletableFuture.completedFuture(
            new dev.stepwise.engine.runtime.Redriver.Answer(
                false, null, dev.stepwise.engine.redrive.RedriveRules.NOT_JOURNALED));
      }
      ExecutionActor[] created = new ExecutionActor[1];
      actor =
          executions.computeIfAbsent(
              executionArn,
              arn -> {
                ExecutionActor a = actor(record.spec(), record.seed());
                a.replay(journal);
                created[0] = a;
                return a;
              });
      if (created[0] != null) {
        created[0].openForRedrive();
      }
    }
    ExecutionActor target = actor;
    return target
        .redrive(new Trigger.Redrive(clientToken))
        .thenCompose(
            answer -> {
              if (answer != null) {
                return java.util.concurrent.CompletableFuture.completedFuture(answer);
              }
              // Closed while it ran (or parked): once its close is stored, a fresh actor takes it.
              java.util.concurrent.CompletableFuture<?> settled =
                  target.status().closed()
                      ? target.completion()
                      : java.util.concurrent.CompletableFuture.completedFuture(null);
              return settled.thenCompose(x -> redriveAsync(executionArn, clientToken));
            });
  }

  /** StopExecution: the execution ends ABORTED (no effect on a closed one). */
  public void stop(String executionArn, @Nullable String error, @Nullable String cause) {
    deliver(executionArn, new Trigger.Stop(error, cause), null);
  }
}
