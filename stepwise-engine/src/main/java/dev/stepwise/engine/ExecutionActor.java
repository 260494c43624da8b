package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.observe.ExecutionObserver;
import dev.stepwise.engine.runtime.Effect;
import dev.stepwise.engine.runtime.Interpreter;
import dev.stepwise.engine.runtime.Redriver;
import dev.stepwise.engine.runtime.Step;
import dev.stepwise.engine.runtime.Trigger;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.engine.store.StepRecord;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.time.Scheduler;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Serialises the triggers of one execution: a mailbox drained by at most one thread at a time, so
 * the interpreter needs no locks, and a waiting execution holds no thread.
 */
final class ExecutionActor implements Execution {
  private final Interpreter interpreter;
  private final long seed;
  private final ExecutionStore store;
  private final InstantSource clock;
  private final Scheduler scheduler;
  private final TaskDispatcher dispatcher;

  /**
   * A trigger, and who waits until its step is stored (API calls answer only then); a Redrive's
   * caller also waits for its answer ({@code null}: deliver it to a fresh actor).
   */
  private record Delivery(
      Trigger trigger,
      @Nullable CompletableFuture<Void> stored,
      @Nullable CompletableFuture<Redriver.@Nullable Answer> answer) {
    Delivery(Trigger trigger, @Nullable CompletableFuture<Void> stored) {
      this(trigger, stored, null);
    }
  }

  private final ConcurrentLinkedQueue<Delivery> mailbox = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<Void> recorded = new CompletableFuture<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Map<Long, Scheduler.Cancellable> timers =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Completes with the actor that closes the execution. One future for the execution's whole life:
   * an actor rebuilt after parking takes it over, so whoever waits on it (a parent) is told.
   */
  private final CompletableFuture<Execution> completion;

  private final Mail mail;
  private final ExecutionObserver observer;
  private final java.util.concurrent.atomic.AtomicInteger unstored =
      new java.util.concurrent.atomic.AtomicInteger();
  private long sequence;

  /** Set once the actor has left memory: it takes no more deliveries. */
  private boolean parked;

  /**
   * Loaded from the store to be redriven: its (closed) interpreter takes a Redrive. An actor whose
   * execution closed while it ran does not: the close may not be stored yet, so the Redrive goes to
   * a fresh actor once it is.
   */
  private boolean reopenable;

  /**
   * The last step was cut at its budget: a {@link Trigger.Continue} runs once the triggers queued
   * meanwhile have (a StopExecution does not wait for the rest of a long run). Drain only.
   */
  private volatile boolean continuing;

  private static final Delivery CONTINUE = new Delivery(new Trigger.Continue(), null);

  /**
   * Routes triggers to an execution by ARN, whichever actor holds it then: callbacks and timers
   * outlive a parked actor, so they never hold one.
   */
  interface Mail {
    void send(String executionArn, Trigger trigger);

    /** The actor is idle and may leave memory (if {@link #park} agrees). */
    void idle(ExecutionActor actor);

    /** The execution has closed: it lives on in the store only. */
    void closed(ExecutionActor actor);
  }

  ExecutionActor(
      Interpreter interpreter,
      long seed,
      ExecutionStore store,
      InstantSource clock,
      Scheduler scheduler,
      TaskDispatcher dispatcher,
      Mail mail,
      CompletableFuture<Execution> completion,
      ExecutionObserver observer) {
    this.mail = mail;
    this.observer = observer;
    this.completion = completion;
    this.interpreter = interpreter;
    this.seed = seed;
    this.store = store;
    this.clock = clock;
    this.scheduler = scheduler;
    this.dispatcher = dispatcher;
  }

  /**
   * Delivers; {@code stored} completes once the step it causes is durable.
   *
   * @return false when this actor has been parked: deliver to the execution's new actor instead
   */
  boolean deliver(Trigger trigger, @Nullable CompletableFuture<Void> stored) {
    synchronized (this) {
      if (parked) {
        return false;
      }
      mailbox.add(new Delivery(trigger, stored));
    }
    if (draining.compareAndSet(false, true)) {
      scheduler.execute(this::drain);
    }
    return true;
  }

  /**
   * Leaves memory when nothing is queued, nothing is being stored and only timers or callbacks by
   * token can wake the execution.
   *
   * @return the due times of its timers when parked, or null when it stays
   */
  synchronized boolean isParked() {
    return parked;
  }

  synchronized @Nullable List<Instant> park() {
    if (parked
        || !mailbox.isEmpty()
        || draining.get()
        || unstored.get() > 0
        || !interpreter.parkable()) {
      return null;
    }
    List<Instant> dues = interpreter.timerDues();
    if (!dues.isEmpty() && !dues.get(0).isAfter(clock.instant())) {
      return null; // a timer is due: it fires now
    }
    parked = true;
    timers.values().forEach(Scheduler.Cancellable::cancel);
    timers.clear();
    return dues;
  }

  private void drain() {
    drain(false);
  }

  /**
   * Runs the queued triggers one step each. After a step cut at its budget the rest goes to the
   * scheduler, behind other executions' work.
   *
   * @param first run only the next trigger here (a start on its caller's thread), the rest on the
   *     scheduler
   */
  private void drain(boolean first) {
    while (true) {
      Delivery next;
      while ((next = nextDelivery()) != null) {
        if (step(next) || first) {
          if (continuing || !mailbox.isEmpty()) {
            scheduler.execute(this::drain); // still draining: the flag passes to that run
            return;
          }
          break;
        }
      }
      draining.set(false);
      if (mailbox.isEmpty() || !draining.compareAndSet(false, true)) {
        if (unstored.get() == 0) {
          mail.idle(this);
        }
        return;
      }
      if (first) {
        scheduler.execute(this::drain);
        return;
      }
    }
  }

  /** The next queued trigger, else the continuation of a cut step, else null. */
  private @Nullable Delivery nextDelivery() {
    Delivery next = mailbox.poll();
    if (next == null && continuing) {
      continuing = false;
      return CONTINUE;
    }
    return next;
  }

  /** Handles one trigger and stores its step; true when the step was cut at its budget. */
  private boolean step(Delivery delivery) {
    CompletableFuture<Void> stored = delivery.stored();
    CompletableFuture<Redriver.@Nullable Answer> answer = delivery.answer();
    if (answer != null && !reopenable && interpreter.status().closed()) {
      answer.complete(null); // not this actor's to reopen: the engine loads a fresh one
      return false;
    }
    // ExecutionStarted bears the execution's startDate, as on AWS.
    Instant at = delivery.trigger() instanceof Trigger.Start ? spec().startTime() : clock.instant();
    StepRecord record;
    boolean continues;
    Redriver.Answer answered = null;
    synchronized (this) {
      Step step = interpreter.handle(delivery.trigger(), at);
      if (answer != null) {
        reopenable = false;
        answered = interpreter.redriveAnswer();
      }
      record = new StepRecord(snapshot(), sequence++, delivery.trigger(), at, step);
      continues = interpreter.continues();
      continuing = continues;
    }
    // Effects (timers, dispatches) and acknowledgements wait until the step is durable.
    unstored.incrementAndGet();
    CompletableFuture<Void> append = store.append(record);
    if (answer != null) {
      Redriver.Answer a = answered;
      append.whenComplete(
          (ok, failure) -> {
            if (failure == null) {
              answer.complete(a);
            } else {
              answer.completeExceptionally(failure);
            }
          });
    }
    if (append.isDone() && !append.isCompletedExceptionally()) {
      stepStored(record, stored); // an in-memory store: no callback to allocate
    } else {
      append.whenComplete(
          (ok, failure) -> {
            if (failure == null) {
              stepStored(record, stored);
            } else {
              unstored.decrementAndGet();
              if (stored != null) {
                stored.completeExceptionally(failure);
              }
            }
          });
    }
    return continues;
  }

  private void stepStored(StepRecord record, @Nullable CompletableFuture<Void> stored) {
    // Before the effects: whoever waits for the execution's end finds it counted and logged.
    try {
      observer.stored(record);
    } catch (RuntimeException e) {
      // an observer's fault must not stop the execution; observers report their own failures
    }
    apply(record.step());
    if (stored != null) {
      stored.complete(null);
    }
    if (unstored.decrementAndGet() == 0) {
      mail.idle(this);
    }
  }

  /**
   * The start, stored: {@link #recorded()} completes with it.
   *
   * @param here run the first step on the caller's thread (at most {@link Interpreter#STEP_BUDGET}
   *     actions): a short execution ends without a thread hand-off
   */
  void start(boolean here) {
    if (!here) {
      deliver(new Trigger.Start(), recorded);
      return;
    }
    synchronized (this) {
      mailbox.add(new Delivery(new Trigger.Start(), recorded));
    }
    if (draining.compareAndSet(false, true)) {
      drain(true);
    }
  }

  /** Rebuilds the interpreter's state from the journal; deliveries queue until {@link #rearm}. */
  void replay(java.util.List<ExecutionStore.JournalEntry> journal) {
    recorded.complete(null);
    draining.set(true);
    synchronized (this) {
      interpreter.replaying(true);
      for (ExecutionStore.JournalEntry entry : journal) {
        interpreter.handle(entry.trigger(), entry.at());
        sequence = entry.sequence() + 1;
      }
      interpreter.replaying(false);
    }
  }

  /**
   * Arms the replayed execution's timers and outstanding tasks, then takes deliveries.
   *
   * @param restart after a restart; else the execution was parked by this process, whose
   *     integrations still hold its waiting tasks: only its timers are armed again
   */
  void rearm(boolean restart) {
    java.util.List<Effect> effects;
    ExecutionStatus status;
    boolean continues;
    synchronized (this) {
      effects =
          restart
              ? interpreter.resumeEffects()
              : interpreter.resumeEffects().stream()
                  .filter(e -> e instanceof Effect.ScheduleTimer)
                  .toList();
      status = interpreter.status();
      continues = interpreter.continues();
    }
    apply(new Step(java.util.List.of(), effects, status));
    continuing = continues; // cut short just before the crash
    // Not parked again before its next step: whoever loaded it is about to deliver.
    draining.set(false);
    if ((continuing || !mailbox.isEmpty()) && draining.compareAndSet(false, true)) {
      scheduler.execute(this::drain);
    }
  }

  private ExecutionRecord snapshot() {
    return new ExecutionRecord(
        interpreter.spec(),
        seed,
        interpreter.status(),
        interpreter.output(),
        interpreter.error(),
        interpreter.cause(),
        interpreter.stopDate(),
        interpreter.redriveCount(),
        interpreter.redriveDate());
  }

  /**
   * RedriveExecution: hands the Redrive to the interpreter.
   *
   * @return completes with the answer once the step is stored, or with null when this actor cannot
   *     take it: its execution closed while it ran, or it has left memory (the engine then delivers
   *     it to the execution's next actor)
   */
  CompletableFuture<Redriver.@Nullable Answer> redrive(Trigger.Redrive trigger) {
    CompletableFuture<Redriver.@Nullable Answer> answer = new CompletableFuture<>();
    synchronized (this) {
      if (parked) {
        answer.complete(null);
        return answer;
      }
      mailbox.add(new Delivery(trigger, null, answer));
    }
    if (draining.compareAndSet(false, true)) {
      scheduler.execute(this::drain);
    }
    return answer;
  }

  /** A closed execution replayed to be redriven: it takes deliveries now, a Redrive first. */
  void openForRedrive() {
    synchronized (this) {
      reopenable = true;
    }
    draining.set(false);
    if (!mailbox.isEmpty() && draining.compareAndSet(false, true)) {
      scheduler.execute(this::drain);
    }
  }

  private void apply(Step step) {
    for (Effect effect : step.effects()) {
      switch (effect) {
        case Effect.ScheduleTimer t -> {
          long id = t.timerId();
          timers.put(
              id,
              scheduler.schedule(
                  t.due(),
                  () -> {
                    timers.remove(id);
                    mail.send(spec().executionArn(), new Trigger.TimerFired(id));
                  }));
        }
        case Effect.CancelTimer t -> {
          Scheduler.Cancellable c = timers.remove(t.timerId());
          if (c != null) {
            c.cancel();
          }
        }
        case Effect.DispatchTask d ->
            dispatcher.dispatch(d.request(), callbacks(d.request().taskId()));
        case Effect.CancelTask c -> dispatcher.cancel(c.request(), c.cause());
        case Effect.ResumeTask r ->
            dispatcher.resume(r.request(), r.submitted(), callbacks(r.request().taskId()));
      }
    }
    if (step.status().closed() && !completion.isDone()) {
      mail.closed(this);
      completion.complete(this);
    }
  }

  private TaskCallbacks callbacks(long taskId) {
    String arn = spec().executionArn();
    return new TaskCallbacks() {
      private void deliver(Trigger trigger) {
        mail.send(arn, trigger);
      }

      @Override
      public void started(@Nullable String workerName) {
        deliver(new Trigger.TaskStarted(taskId, workerName));
      }

      @Override
      public void submitted(JsonNode response) {
        deliver(new Trigger.TaskSubmitted(taskId, response));
      }

      @Override
      public void succeeded(JsonNode output) {
        deliver(new Trigger.TaskSucceeded(taskId, output));
      }

      @Override
      public void failed(@Nullable String error, @Nullable String cause) {
        deliver(new Trigger.TaskFailed(taskId, error, cause));
      }

      @Override
      public void heartbeat() {
        deliver(new Trigger.TaskHeartbeat(taskId));
      }
    };
  }

  /** The waiting task holding {@code token}, or null. */
  synchronized @Nullable Long taskForToken(String token) {
    return interpreter.taskForToken(token);
  }

  @Override
  public ExecutionSpec spec() {
    return interpreter.spec();
  }

  @Override
  public synchronized ExecutionStatus status() {
    return interpreter.status();
  }

  @Override
  public synchronized @Nullable JsonNode output() {
    return interpreter.output();
  }

  @Override
  public synchronized @Nullable String error() {
    return interpreter.error();
  }

  @Override
  public synchronized @Nullable String cause() {
    return interpreter.cause();
  }

  @Override
  public synchronized @Nullable Instant stopDate() {
    return interpreter.stopDate();
  }

  @Override
  public List<HistoryEvent> history() {
    return store.history(interpreter.spec().executionArn());
  }

  @Override
  public CompletableFuture<Void> recorded() {
    return recorded;
  }

  @Override
  public CompletableFuture<Execution> completion() {
    return completion;
  }
}
