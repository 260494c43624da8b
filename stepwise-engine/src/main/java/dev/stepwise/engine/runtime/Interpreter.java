package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.runtime.StateRun.MapRun;
import dev.stepwise.engine.runtime.StateRun.ParallelRun;
import dev.stepwise.engine.runtime.StateRun.TaskRun;
import dev.stepwise.engine.runtime.StateRun.Timer;
import dev.stepwise.engine.runtime.StateRun.WaitRun;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.language.eval.ErrorNames;
import dev.stepwise.language.eval.Randomness;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.Catcher;
import dev.stepwise.language.model.ChoiceState;
import dev.stepwise.language.model.FailState;
import dev.stepwise.language.model.Io;
import dev.stepwise.language.model.MapState;
import dev.stepwise.language.model.ParallelState;
import dev.stepwise.language.model.PassState;
import dev.stepwise.language.model.QueryLanguage;
import dev.stepwise.language.model.Retrier;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.SucceedState;
import dev.stepwise.language.model.TaskState;
import dev.stepwise.language.model.Transition;
import dev.stepwise.language.model.ValueSource;
import dev.stepwise.language.model.WaitState;
import dev.stepwise.language.model.Workflow;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.path.ReferencePath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/*
 * Implementation notes.
 *
 * One Interpreter owns one execution's runtime state and is driven by Triggers; it never blocks,
 * never reads a clock (each trigger brings "now") and does no I/O: what must happen outside comes
 * back as Effects (timers, task dispatches, cancellations) in the Step.
 *
 * Within a trigger, work is an agenda of small actions run to quiescence. Every state transition
 * goes through the agenda instead of recursing, so a 10,000-iteration Choice loop or a 10,000-item
 * Map uses constant stack. Parallel branches and Map iterations are frames; they advance
 * interleaved in agenda order, the way AWS's branches interleave.
 *
 * Callers serialise triggers per execution (the methods are not thread-safe).
 */
/** Advances one execution: AWS's state semantics, history and error handling. */
public final class Interpreter {
  /**
   * The agenda actions (state entries, mostly) one trigger runs at most; the rest wait for a {@link
   * Trigger.Continue}. Journals replay with the same budget, so it belongs to the code, not to a
   * setting.
   */
  public static final int STEP_BUDGET = 1_000;

  private static final String HISTORY_LIMIT_CAUSE =
      "The execution reached the maximum number of history events (%d).";

  private final ExecutionSpec spec;
  private final EngineSettings settings;
  private final RandomGenerator random;
  private final Function<TaskRequest, @Nullable String> unschedulable;

  /**
   * Set while a journal is replayed: what was scheduled then is scheduled again, whatever exists
   * now (an execution whose task could not be scheduled has failed and is not replayed).
   */
  private boolean replaying;

  private final Randomness randomness;
  private final EventLog log;
  private final ContextObject contextObject;
  private final ArrayDeque<Runnable> agenda = new ArrayDeque<>();
  private final Map<Long, Timer> timers = new HashMap<>();
  private final Map<Long, Frame> tasks = new HashMap<>();
  private final List<Effect> effects = new ArrayList<>();
  private final Frame root;
  private long nextId = 1;
  private Instant now = Instant.EPOCH;

  /** RedriveExecution: reopens the closed execution where it stopped. */
  private final Redriver redriver = new Redriver(this);

  /** Its state machine is being deleted: the next state transition fails the execution. */
  private boolean machineDeleted;

  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private @Nullable JsonNode output;
  private @Nullable String error;
  private @Nullable String cause;
  private @Nullable Instant stopDate;

  /**
   * @param unschedulable why a task cannot be scheduled at all, or null ({@link
   *     dev.stepwise.engine.task.TaskDispatcher#unschedulable}); not asked while replaying
   */
  public Interpreter(
      ExecutionSpec spec,
      EngineSettings settings,
      RandomGenerator random,
      Function<TaskRequest, @Nullable String> unschedulable) {
    this.spec = spec;
    this.settings = settings;
    this.random = random;
    this.unschedulable = unschedulable;
    this.randomness = Randomness.from(random);
    boolean standard = spec.type() == MachineType.STANDARD;
    this.log =
        new EventLog(spec.recordHistory() || standard, standard ? settings.historyEventLimit() : 0);
    this.contextObject = new ContextObject(spec);
    this.sized = spec.input();
    this.root = new Frame(nextId++, null, spec.machine().workflow(), new VariableScope(null), 0, 0);
  }

  // ---------------------------------------------------------------------------------------------
  // Public surface

  /** Applies one trigger at instant {@code at} and returns what it did. */
  public Step handle(Trigger trigger, Instant at) {
    this.now = at;
    effects.clear();
    if (trigger instanceof Trigger.Redrive r) {
      redriver.redrive(r.clientToken()); // reopens a closed execution, or answers why not
    }
    // After a redrive: the step that closes a reopened execution counts as closing it.
    boolean running = status == ExecutionStatus.RUNNING;
    if (running) {
      try {
        switch (trigger) {
          case Trigger.Start s -> start();
          case Trigger.Continue c -> {}
          case Trigger.MachineDeleted d -> machineDeleted = true;
          case Trigger.Redrive r -> {}
          case Trigger.TimerFired t -> fireTimer(t.timerId());
          case Trigger.TaskStarted t -> taskStarted(t.taskId(), t.workerName());
          case Trigger.TaskSubmitted t -> taskSubmitted(t.taskId(), t.response());
          case Trigger.TaskSucceeded t -> taskSucceeded(t.taskId(), t.output());
          case Trigger.TaskFailed t -> taskFailed(t.taskId(), t.error(), t.cause());
          case Trigger.TaskHeartbeat t -> taskHeartbeat(t.taskId());
          case Trigger.Stop s -> closeExecution(ExecutionStatus.ABORTED, s.error(), s.cause());
        }
        drain();
      } catch (EventLog.LimitReached e) {
        agenda.clear();
        closeExecution(
            ExecutionStatus.FAILED,
            ErrorNames.RUNTIME,
            HISTORY_LIMIT_CAUSE.formatted(settings.historyEventLimit()));
      }
    }
    return new Step(log.drain(), effects, status, running && status.closed());
  }

  public ExecutionStatus status() {
    return status;
  }

  public @Nullable JsonNode output() {
    return output;
  }

  public @Nullable String error() {
    return error;
  }

  public @Nullable String cause() {
    return cause;
  }

  public @Nullable Instant stopDate() {
    return stopDate;
  }

  public ExecutionSpec spec() {
    return spec;
  }

  /**
   * After a restart, once the journal has been replayed through {@link #handle}: the timers to arm
   * again and the tasks whose outcome is unknown (dispatched again: tasks are at-least-once).
   */
  public List<Effect> resumeEffects() {
    List<Effect> resume = new ArrayList<>();
    timers.values().stream()
        .sorted(java.util.Comparator.comparingLong(Timer::id))
        .forEach(t -> resume.add(new Effect.ScheduleTimer(t.id(), t.due())));
    tasks.values().stream()
        .map(f -> (TaskRun) f.run)
        .filter(run -> !run.submitted)
        .filter(
            run -> !(run.started && run.request.resource().family() == Resource.Family.ACTIVITY))
        .sorted(java.util.Comparator.comparingLong(run -> run.request.taskId()))
        .forEach(run -> resume.add(new Effect.DispatchTask(run.request)));
    tasks.values().stream()
        .map(f -> (TaskRun) f.run)
        .filter(run -> run.submitted)
        .sorted(java.util.Comparator.comparingLong(run -> run.request.taskId()))
        .forEach(run -> resume.add(new Effect.ResumeTask(run.request, run.submittedResponse)));
    return resume;
  }

  /**
   * Whether only timers and callbacks by task token can move this execution on, so it may leave
   * memory until one of them arrives (replaying its journal then rebuilds the same state).
   */
  public boolean parkable() {
    return status == ExecutionStatus.RUNNING
        && agenda.isEmpty()
        && tasks.values().stream()
            .allMatch(
                f ->
                    f.run instanceof TaskRun run
                        && run.submitted
                        && run.request.resource().pattern()
                            == Resource.Pattern.WAIT_FOR_TASK_TOKEN);
  }

  /** When the pending timers are due (a parked execution wakes at each). */
  public List<java.time.Instant> timerDues() {
    return timers.values().stream().map(Timer::due).sorted().toList();
  }

  /** The id of the waiting task that holds {@code token}, or null (closed, timed out, unknown). */
  public @Nullable Long taskForToken(String token) {
    for (Map.Entry<Long, Frame> e : tasks.entrySet()) {
      if (e.getValue().run instanceof TaskRun run && token.equals(run.token)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The task (by id) that a token names, if it still waits; used to route SendTask* calls. */
  public boolean awaitsTask(long taskId, String token) {
    Frame f = tasks.get(taskId);
    return f != null && f.run instanceof TaskRun run && token.equals(run.token);
  }

  // ---------------------------------------------------------------------------------------------
  // Execution lifecycle

  private void start() {
    log.append(
        0,
        now,
        EventType.ExecutionStarted,
        log.recording() ? EventDetails.executionStarted(spec, payload(spec.input())) : null);
    Long timeout = spec.machine().timeoutSeconds();
    if (timeout != null) {
      scheduleTimer(root, null, Timer.Kind.EXECUTION_TIMEOUT, now.plusSeconds(timeout));
    }
    JsonNode input = spec.input();
    agenda.add(() -> enter(root, root.workflow.startAt(), input));
  }

  private void drain() {
    Runnable next;
    int budget = STEP_BUDGET;
    while (status == ExecutionStatus.RUNNING && budget-- > 0 && (next = agenda.poll()) != null) {
      next.run();
    }
  }

  /** Journal replay: see {@link #replaying}. */
  public void replaying(boolean on) {
    replaying = on;
  }

  /** Whether the last step stopped at its budget: a {@link Trigger.Continue} runs the rest. */
  public boolean continues() {
    return status == ExecutionStatus.RUNNING && !agenda.isEmpty();
  }

  private void closeExecution(
      ExecutionStatus closing, @Nullable String closingError, @Nullable String closingCause) {
    if (status != ExecutionStatus.RUNNING) {
      return;
    }
    EventType type =
        switch (closing) {
          case ABORTED -> EventType.ExecutionAborted;
          case TIMED_OUT -> EventType.ExecutionTimedOut;
          default -> EventType.ExecutionFailed;
        };
    // A stop comes from outside the run: AWS records its ExecutionAborted after no event (0).
    log.append(
        closing == ExecutionStatus.ABORTED ? 0 : log.lastId(),
        now,
        type,
        () -> EventDetails.errorDetails(Json.NODES.objectNode(), closingError, closingCause));
    finish(closing, null, closingError, closingCause);
  }

  private void succeedExecution(JsonNode result) {
    log.append(
        root.lastEventId,
        now,
        EventType.ExecutionSucceeded,
        log.recording() ? EventDetails.outputDetails(payload(result)) : null);
    finish(ExecutionStatus.SUCCEEDED, result, null, null);
  }

  private void finish(
      ExecutionStatus closing,
      @Nullable JsonNode result,
      @Nullable String closingError,
      @Nullable String closingCause) {
    status = closing;
    output = result;
    error = closingError;
    cause = closingCause;
    stopDate = now;
    agenda.clear();
    if (!timers.isEmpty()) { // most executions end with none: no iterator to build
      for (Timer t : timers.values()) {
        effects.add(new Effect.CancelTimer(t.id()));
      }
      timers.clear();
    }
    if (!tasks.isEmpty()) {
      for (Frame f : tasks.values()) {
        if (f.run instanceof TaskRun run && run.request != null) {
          effects.add(new Effect.CancelTask(run.request, abortCause()));
        }
      }
      tasks.clear();
    }
  }

  private String abortCause() {
    return "The Task state in AWS Step Functions execution ["
        + spec.executionArn()
        + "] which was managing this resource was aborted";
  }

  // ---------------------------------------------------------------------------------------------
  // Frames: entering states, transitions, ends

  private void enter(Frame f, String stateName, JsonNode input) {
    if (machineDeleted) {
      // [INFER] The transition fails before the next state is entered (AWS's re:Post article on
      // state machines stuck in DELETING gives the error and cause, not the events around them).
      closeExecution(
          ExecutionStatus.FAILED,
          ErrorNames.RUNTIME,
          "State machine " + spec.stateMachineName() + " has been deleted.");
      return;
    }
    State state = f.workflow.state(stateName);
    f.state = state;
    f.input = input;
    f.run = null;
    f.scope = null;
    f.retryCount = 0;
    f.enteredTime = now;
    f.phase = Frame.Phase.IN_STATE;
    f.pendingNext = null;
    f.pendingInput = null;
    f.closedRun = null;
    f.enteredEventId =
        log.recording() && !f.silent
            ? append(
                f,
                EventDetails.enteredType(state),
                EventDetails.enteredDetails(state.name(), payload(input)))
            : append(f, EventDetails.enteredType(state), null);
    try {
      execute(f);
    } catch (StatesException e) {
      stateFailed(f, e);
    }
  }

  private void execute(Frame f) {
    switch (f.state) {
      case PassState s -> executePass(f, s);
      case ChoiceState s -> executeChoice(f, s);
      case WaitState s -> executeWait(f, s);
      case SucceedState s -> executeSucceed(f, s);
      case FailState s -> executeFail(f, s);
      case TaskState s -> executeTask(f, s);
      case ParallelState s -> executeParallel(f, s);
      case MapState s -> executeMap(f, s);
    }
  }

  /** Emits the state's Exited event, applies its assignments, and follows {@code next}. */
  private void exitState(
      Frame f, JsonNode out, VariableScope.@Nullable Assignment assigned, @Nullable String next) {
    PayloadText text = log.recording() ? payload(out) : null;
    if (text != null && out != sized) {
      checkPayloadSize(f.state.name(), text.get());
      sized = out;
    }
    if (assigned != null) {
      f.variables.assign(assigned);
    }
    if (text == null) {
      append(f, EventDetails.exitedType(f.state), null);
    } else {
      String name = f.state.name();
      Map<String, JsonNode> values = assigned == null ? null : assigned.values();
      append(
          f,
          EventDetails.exitedType(f.state),
          (EventLog.Deferred) () -> EventDetails.exitedDetails(name, text, values));
    }
    f.run = null;
    if (next != null) {
      f.phase = Frame.Phase.BETWEEN;
      f.pendingNext = next;
      f.pendingInput = out;
      agenda.add(() -> enter(f, next, out));
    } else {
      frameSucceeded(f, out);
    }
  }

  private @Nullable String nextOf(Transition transition) {
    return switch (transition) {
      case Transition.Next n -> n.state();
      case Transition.End e -> null;
    };
  }

  private void frameSucceeded(Frame f, JsonNode out) {
    f.ended = true;
    f.phase = Frame.Phase.SUCCEEDED;
    if (f.parent == null) {
      succeedExecution(out);
      return;
    }
    Frame owner = f.parent;
    switch (owner.run) {
      case ParallelRun run -> branchSucceeded(owner, run, f, out);
      case MapRun run -> iterationSucceeded(owner, run, f, out);
      case null, default -> {
        // The owner already moved on (failed or was aborted): a late end changes nothing.
      }
    }
  }

  private void frameFailed(Frame f, @Nullable String err, @Nullable String why) {
    f.ended = true;
    if (f.parent == null) {
      closeExecution(ExecutionStatus.FAILED, err, why);
      return;
    }
    Frame owner = f.parent;
    switch (owner.run) {
      case ParallelRun run -> branchFailed(owner, run, f, err, why);
      case MapRun run -> iterationFailed(owner, run, f, err, why);
      case null, default -> {}
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Pass, Choice, Wait, Succeed, Fail

  private void executePass(Frame f, PassState s) {
    Io io = s.io();
    if (s.queryLanguage() == QueryLanguage.JSONATA) {
      Scope scope = scope(f);
      VariableScope.Assignment assigned = assign(f, io.assign(), f.input, scope);
      JsonNode out = io.output() == null ? f.input : io.output().evaluate(f.input, scope);
      exitState(f, out, assigned, nextOf(s.transition()));
      return;
    }
    JsonNode effective = inputPath(f, io);
    if (s.parameters() != null) {
      effective = s.parameters().evaluate(effective, scope(f));
    }
    JsonNode result = s.result() != null ? s.result() : effective;
    VariableScope.Assignment assigned = assign(f, io.assign(), result, scopeOrNull(f, io.assign()));
    JsonNode out = outputPath(f, io, resultPath(s.resultPath(), f.input, result));
    exitState(f, out, assigned, nextOf(s.transition()));
  }

  private void executeChoice(Frame f, ChoiceState s) {
    Io io = s.io();
    boolean jsonata = s.queryLanguage() == QueryLanguage.JSONATA;
    JsonNode effective = jsonata ? f.input : inputPath(f, io);
    Scope scope = scope(f);
    for (ChoiceState.Rule rule : s.choices()) {
      if (rule.condition().test(effective, scope)) {
        VariableScope.Assignment assigned = assign(f, rule.assign(), effective, scope);
        JsonNode out =
            jsonata
                ? (rule.output() == null ? f.input : rule.output().evaluate(f.input, scope))
                : outputPath(f, io, effective);
        exitState(f, out, assigned, rule.next());
        return;
      }
    }
    if (s.defaultNext() == null) {
      throw new StatesException(
          ErrorNames.NO_CHOICE_MATCHED, StateFields.NO_CHOICE_MATCHED_CAUSE, false);
    }
    VariableScope.Assignment assigned = assign(f, io.assign(), effective, scope);
    JsonNode out =
        jsonata
            ? (io.output() == null ? f.input : io.output().evaluate(f.input, scope))
            : outputPath(f, io, effective);
    exitState(f, out, assigned, s.defaultNext());
  }

  private void executeWait(Frame f, WaitState s) {
    Io io = s.io();
    boolean jsonata = s.queryLanguage() == QueryLanguage.JSONATA;
    JsonNode effective = jsonata ? f.input : inputPath(f, io);
    Instant due = settings.scaledWait(now, WaitTimes.due(s, effective, scope(f), now, spec.type()));
    if (!due.isAfter(now)) {
      completeWait(f, s, effective);
      return;
    }
    WaitRun run = new WaitRun();
    f.run = run;
    run.timerId = scheduleTimer(f, run, Timer.Kind.WAIT, due);
  }

  private void completeWait(Frame f, WaitState s) {
    Io io = s.io();
    completeWait(f, s, s.queryLanguage() == QueryLanguage.JSONATA ? f.input : inputPath(f, io));
  }

  private void completeWait(Frame f, WaitState s, JsonNode effective) {
    Io io = s.io();
    Scope scope = scope(f);
    VariableScope.Assignment assigned = assign(f, io.assign(), effective, scope);
    JsonNode out =
        s.queryLanguage() == QueryLanguage.JSONATA
            ? (io.output() == null ? f.input : io.output().evaluate(f.input, scope))
            : outputPath(f, io, effective);
    exitState(f, out, assigned, nextOf(s.transition()));
  }

  private void executeSucceed(Frame f, SucceedState s) {
    Io io = s.io();
    JsonNode out;
    if (s.queryLanguage() == QueryLanguage.JSONATA) {
      out = io.output() == null ? f.input : io.output().evaluate(f.input, scope(f));
    } else {
      out = outputPath(f, io, inputPath(f, io));
    }
    exitState(f, out, null, null);
  }

  private void executeFail(Frame f, FailState s) {
    String err = failField(f, s.error());
    String why = failField(f, s.cause());
    frameFailed(f, err, why);
  }

  private @Nullable String failField(Frame f, @Nullable ValueSource source) {
    return FailFields.text(source, f.input, () -> scope(f), f.state.queryLanguage());
  }

  // ---------------------------------------------------------------------------------------------
  // Task

  private void executeTask(Frame f, TaskState s) {
    Resource resource = Resource.parse(s.resource());
    String token = resource.hasTaskToken() ? newToken(f) : null;
    JsonNode parameters = taskParameters(f, s, token);
    TaskRun run = new TaskRun(parameters);
    run.token = token;
    run.timeoutSeconds = seconds(f, s.timeoutSeconds());
    run.heartbeatSeconds = seconds(f, s.heartbeatSeconds());
    f.run = run;
    scheduleTask(f, s, run, resource);
  }

  private JsonNode taskParameters(Frame f, TaskState s, @Nullable String token) {
    if (token != null) {
      f.scope = null;
      f.scope = scopeWith(f, null, token);
    }
    if (s.queryLanguage() == QueryLanguage.JSONATA) {
      return s.parameters() == null ? f.input : s.parameters().evaluate(f.input, scope(f));
    }
    JsonNode effective = inputPath(f, s.io());
    return s.parameters() == null ? effective : s.parameters().evaluate(effective, scope(f));
  }

  private void scheduleTask(Frame f, TaskState s, TaskRun run, Resource resource) {
    long taskId = nextId++;
    TaskRequest request =
        new TaskRequest(
            spec.executionArn(),
            taskId,
            s.name(),
            resource,
            run.parameters,
            run.token,
            run.timeoutSeconds,
            run.heartbeatSeconds,
            s.credentials() == null ? null : s.credentials().evaluate(f.input, scope(f)));
    String unscheduled = replaying ? null : unschedulable.apply(request);
    if (unscheduled != null) {
      throw StatesException.runtime(unscheduled);
    }
    run.request = request;
    run.started = false;
    run.submitted = false;
    tasks.put(taskId, f);
    switch (resource.family()) {
      case TASK -> append(f, EventType.TaskScheduled, () -> taskScheduledDetails(resource, run));
      case LAMBDA ->
          append(
              f,
              EventType.LambdaFunctionScheduled,
              () -> {
                ObjectNode d = payloadDetails(Json.NODES.objectNode(), "input", run.parameters);
                d.put("resource", resource.arn());
                EventDetails.putSeconds(d, "timeoutInSeconds", run.timeoutSeconds);
                return d;
              });
      case ACTIVITY ->
          append(
              f,
              EventType.ActivityScheduled,
              () -> {
                ObjectNode d = Json.NODES.objectNode();
                d.put("resource", resource.arn());
                payloadDetails(d, "input", run.parameters);
                EventDetails.putSeconds(d, "timeoutInSeconds", run.timeoutSeconds);
                EventDetails.putSeconds(d, "heartbeatInSeconds", run.heartbeatSeconds);
                return d;
              });
    }
    effects.add(new Effect.DispatchTask(run.request));
    if (resource.family() != Resource.Family.ACTIVITY) {
      markStarted(f, run, null);
    } else if (run.timeoutSeconds != null) {
      // An activity task's TimeoutSeconds also counts the time it waits for a worker.
      run.timeoutTimer =
          scheduleTimer(f, run, Timer.Kind.TASK_TIMEOUT, now.plusSeconds(run.timeoutSeconds));
    }
  }

  private ObjectNode taskScheduledDetails(Resource resource, TaskRun run) {
    ObjectNode d = EventDetails.taskDetails(resource);
    d.put("region", settings.region());
    d.put("parameters", Json.write(run.parameters));
    EventDetails.putSeconds(d, "timeoutInSeconds", run.timeoutSeconds);
    EventDetails.putSeconds(d, "heartbeatInSeconds", run.heartbeatSeconds);
    return d;
  }

  private void markStarted(Frame f, TaskRun run, @Nullable String workerName) {
    run.started = true;
    Resource resource = run.request.resource();
    switch (resource.family()) {
      case TASK -> append(f, EventType.TaskStarted, () -> EventDetails.taskDetails(resource));
      case LAMBDA -> append(f, EventType.LambdaFunctionStarted, null);
      case ACTIVITY ->
          append(
              f,
              EventType.ActivityStarted,
              () -> {
                ObjectNode d = Json.NODES.objectNode();
                if (workerName != null) {
                  d.put("workerName", workerName);
                }
                return d;
              });
    }
    if (run.timeoutSeconds != null && run.timeoutTimer < 0) {
      run.timeoutTimer =
          scheduleTimer(f, run, Timer.Kind.TASK_TIMEOUT, now.plusSeconds(run.timeoutSeconds));
    }
    if (run.heartbeatSeconds != null) {
      run.heartbeatTimer =
          scheduleTimer(
              f, run, Timer.Kind.HEARTBEAT_TIMEOUT, now.plusSeconds(run.heartbeatSeconds));
    }
  }

  private @Nullable Frame taskFrame(long taskId) {
    Frame f = tasks.get(taskId);
    return f != null && f.run instanceof TaskRun run && run.request.taskId() == taskId ? f : null;
  }

  private void taskStarted(long taskId, @Nullable String workerName) {
    Frame f = taskFrame(taskId);
    if (f != null && f.run instanceof TaskRun run && !run.started) {
      markStarted(f, run, workerName);
    }
  }

  private void taskSubmitted(long taskId, JsonNode response) {
    Frame f = taskFrame(taskId);
    if (f != null && f.run instanceof TaskRun run) {
      run.submitted = true;
      run.submittedResponse = response;
      Resource resource = run.request.resource();
      append(
          f,
          EventType.TaskSubmitted,
          () -> payloadDetails(EventDetails.taskDetails(resource), "output", response));
    }
  }

  private void taskHeartbeat(long taskId) {
    Frame f = taskFrame(taskId);
    if (f != null && f.run instanceof TaskRun run && run.heartbeatSeconds != null) {
      cancelTimer(run.heartbeatTimer);
      run.heartbeatTimer =
          scheduleTimer(
              f, run, Timer.Kind.HEARTBEAT_TIMEOUT, now.plusSeconds(run.heartbeatSeconds));
    }
  }

  private void taskSucceeded(long taskId, JsonNode result) {
    Frame f = taskFrame(taskId);
    if (f == null || !(f.run instanceof TaskRun run)) {
      return;
    }
    endTask(run);
    Resource resource = run.request.resource();
    append(
        f,
        outcome(
            resource,
            EventType.TaskSucceeded,
            EventType.LambdaFunctionSucceeded,
            EventType.ActivitySucceeded),
        () -> payloadDetails(outcomeDetails(resource), "output", result));
    guarded(f, () -> completeWithResult(f, result));
  }

  private void taskFailed(long taskId, @Nullable String err, @Nullable String why) {
    Frame f = taskFrame(taskId);
    if (f == null || !(f.run instanceof TaskRun run)) {
      return;
    }
    endTask(run);
    Resource resource = run.request.resource();
    append(
        f,
        outcome(
            resource,
            EventType.TaskFailed,
            EventType.LambdaFunctionFailed,
            EventType.ActivityFailed),
        () -> EventDetails.errorDetails(outcomeDetails(resource), err, why));
    handleError(f, err, why, null, true);
  }

  private void taskTimedOut(Frame f, TaskRun run) {
    endTask(run);
    // AWS stops a timed-out task's job with the same cause as an aborted one (spec §2.2).
    effects.add(new Effect.CancelTask(run.request, abortCause()));
    Resource resource = run.request.resource();
    append(
        f,
        outcome(
            resource,
            EventType.TaskTimedOut,
            EventType.LambdaFunctionTimedOut,
            EventType.ActivityTimedOut),
        () -> EventDetails.errorDetails(outcomeDetails(resource), ErrorNames.TIMEOUT, null));
    handleError(f, ErrorNames.TIMEOUT, null);
  }

  /** A task outcome's event, named by the resource's family. */
  private static EventType outcome(
      Resource resource, EventType task, EventType lambda, EventType activity) {
    return switch (resource.family()) {
      case TASK -> task;
      case LAMBDA -> lambda;
      case ACTIVITY -> activity;
    };
  }

  /** Service integrations name their resource in every outcome event; Lambda and activities not. */
  private ObjectNode outcomeDetails(Resource resource) {
    return resource.family() == Resource.Family.TASK
        ? EventDetails.taskDetails(resource)
        : Json.NODES.objectNode();
  }

  private void endTask(TaskRun run) {
    tasks.remove(run.request.taskId());
    cancelTimer(run.timeoutTimer);
    cancelTimer(run.heartbeatTimer);
    run.timeoutTimer = -1;
    run.heartbeatTimer = -1;
  }

  private String newToken(Frame f) {
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    String raw = spec.executionArn() + "#" + f.id + "#" + HexFormat.of().formatHex(nonce);
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------------------------------------
  // Parallel

  private void executeParallel(Frame f, ParallelState s) {
    JsonNode branchInput;
    if (s.queryLanguage() == QueryLanguage.JSONATA) {
      branchInput = s.parameters() == null ? f.input : s.parameters().evaluate(f.input, scope(f));
    } else {
      JsonNode effective = inputPath(f, s.io());
      branchInput =
          s.parameters() == null ? effective : s.parameters().evaluate(effective, scope(f));
    }
    ParallelRun run = new ParallelRun(branchInput);
    f.run = run;
    startBranches(f, s, run);
  }

  private void startBranches(Frame f, ParallelState s, ParallelRun run) {
    long started = append(f, EventType.ParallelStateStarted, null);
    int n = s.branches().size();
    run.branches = new Frame[n];
    run.results = new JsonNode[n];
    run.remaining = n;
    run.failed = false;
    for (int i = 0; i < n; i++) {
      Workflow branch = s.branches().get(i);
      Frame child = new Frame(nextId++, f, branch, new VariableScope(f.variables), i, started);
      child.silent = f.silent;
      child.input = run.branchInput;
      run.branches[i] = child;
      agenda.add(() -> enter(child, branch.startAt(), run.branchInput));
    }
    if (n == 0) {
      agenda.add(() -> parallelSucceeded(f, run));
    }
  }

  private void branchSucceeded(Frame f, ParallelRun run, Frame branch, JsonNode out) {
    if (run.failed || run.branches[branch.index] != branch) {
      return;
    }
    run.results[branch.index] = out;
    f.lastEventId = Math.max(f.lastEventId, branch.lastEventId);
    if (--run.remaining == 0) {
      parallelSucceeded(f, run);
    }
  }

  private void parallelSucceeded(Frame f, ParallelRun run) {
    // AWS's recorded histories have no ParallelStateSucceeded: Exited follows the branches.
    ArrayNode results = Json.NODES.arrayNode(run.results.length);
    for (JsonNode r : run.results) {
      results.add(r);
    }
    guarded(f, () -> completeWithResult(f, results));
  }

  private void branchFailed(
      Frame f, ParallelRun run, Frame branch, @Nullable String err, @Nullable String why) {
    if (run.failed || run.branches[branch.index] != branch) {
      return;
    }
    run.failed = true;
    for (Frame other : run.branches) {
      if (other != branch) {
        abortFrame(other);
      }
    }
    long last = branch.lastEventId;
    handleError(f, err, why, () -> appendAfter(f, last, EventType.ParallelStateFailed, null));
  }

  // ---------------------------------------------------------------------------------------------
  // Map (inline; distributed maps run inline too)

  private void executeMap(Frame f, MapState s) {
    Scope scope = scope(f);
    JsonNode effective;
    JsonNode items;
    if (s.queryLanguage() == QueryLanguage.JSONATA) {
      effective = f.input;
      items = MapLimits.jsonataItems(s, f.input, scope);
    } else {
      effective = inputPath(f, s.io());
      items = MapLimits.jsonPathItems(s, effective, scope);
    }
    int maxConcurrency = mapLimit(f, s.maxConcurrency(), "MaxConcurrency");
    Long toleratedCount = toleratedCount(f, s.toleratedFailureCount());
    Double toleratedPercentage = toleratedPercentage(f, s.toleratedFailurePercentage());
    boolean batched = s.itemBatcher() != null;
    if (batched) {
      items = batches(f, s, effective, items);
    }
    MapRun run = new MapRun(effective, items, maxConcurrency, toleratedCount, toleratedPercentage);
    run.preselected = batched;
    f.run = run;
    startIterations(f, s, run);
  }

  private void startIterations(Frame f, MapState s, MapRun run) {
    int n = run.items.size();
    run.results = new JsonNode[n];
    run.running = new Frame[n];
    run.frames = new Frame[n];
    run.redo.clear();
    run.next = 0;
    run.active = 0;
    run.completed = 0;
    run.failures = 0;
    run.failed = false;
    boolean distributed = s.mode() == MapState.ProcessorMode.DISTRIBUTED;
    run.startedEventId =
        append(
            f,
            EventType.MapStateStarted,
            () -> {
              ObjectNode d = Json.NODES.objectNode();
              d.put("length", distributed ? 0 : n);
              return d;
            });
    if (distributed) {
      String mapRunArn = mapRunArn(s);
      run.mapRunArn = mapRunArn;
      append(
          f,
          EventType.MapRunStarted,
          () -> {
            ObjectNode d = Json.NODES.objectNode();
            d.put("mapRunArn", mapRunArn);
            return d;
          });
    }
    if (n == 0) {
      mapSucceeded(f, run);
      return;
    }
    fillIterations(f, s, run);
  }

  private void fillIterations(Frame f, MapState s, MapRun run) {
    int limit = run.maxConcurrency == 0 ? Integer.MAX_VALUE : run.maxConcurrency;
    while (run.active < limit
        && (!run.redo.isEmpty() || run.next < run.items.size())
        && !run.failed) {
      if (run.redo.isEmpty()) {
        startIteration(f, s, run, run.next++);
      } else {
        redriver.resumeIteration(f, s, run, run.redo.poll());
      }
    }
  }

  /**
   * ItemBatcher: each item goes through ItemSelector, then items are grouped into batches of at
   * most MaxItemsPerBatch items and MaxInputBytesPerBatch bytes; each iteration receives {@code
   * {"Items": [...], "BatchInput": ...}}.
   */
  private ArrayNode batches(Frame f, MapState s, JsonNode effective, JsonNode items) {
    MapState.ItemBatcher b = s.itemBatcher();
    JsonNode maxItemsValue = value(f, b.maxItemsPerBatch());
    JsonNode maxBytesValue = value(f, b.maxInputBytesPerBatch());
    long maxItems = maxItemsValue == null ? Long.MAX_VALUE : maxItemsValue.asLong();
    long maxBytes = maxBytesValue == null ? settings.payloadLimitBytes() : maxBytesValue.asLong();
    JsonNode batchInput =
        b.batchInput() == null ? null : b.batchInput().evaluate(effective, scope(f));
    ArrayNode batches = Json.NODES.arrayNode();
    ArrayNode current = null;
    long bytes = 0;
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = selectItem(f, s, effective, items.get(i), i);
      long size = Json.write(item).getBytes(StandardCharsets.UTF_8).length;
      if (current == null
          || current.size() >= maxItems
          || (bytes + size > maxBytes && !current.isEmpty())) {
        ObjectNode batch = batches.addObject();
        current = batch.putArray("Items");
        if (batchInput != null) {
          batch.set("BatchInput", batchInput);
        }
        bytes = 0;
      }
      current.add(item);
      bytes += size;
    }
    return batches;
  }

  private JsonNode selectItem(Frame f, MapState s, JsonNode effective, JsonNode item, int index) {
    if (s.itemSelector() == null) {
      return item;
    }
    ObjectNode mapItem = Json.NODES.objectNode();
    mapItem.put("Index", index);
    mapItem.set("Value", item);
    Scope itemScope =
        new Scope(
            contextObject.forState(s.name(), f.enteredTime, null, null, mapItem),
            f.variables,
            f.input,
            null,
            null,
            randomness);
    return s.itemSelector().evaluate(effective, itemScope);
  }

  private void startIteration(Frame f, MapState s, MapRun run, int index) {
    JsonNode item = run.items.get(index);
    JsonNode input = run.preselected ? item : selectItem(f, s, run.effectiveInput, item, index);
    boolean distributed = s.mode() == MapState.ProcessorMode.DISTRIBUTED;
    long started =
        distributed
            ? f.lastEventId
            : append(
                f,
                EventType.MapIterationStarted,
                () -> EventDetails.iterationDetails(s.name(), index));
    Frame child =
        new Frame(nextId++, f, s.itemProcessor(), new VariableScope(f.variables), index, started);
    child.silent = f.silent || distributed;
    child.input = input;
    run.running[index] = child;
    run.frames[index] = child;
    run.active++;
    agenda.add(() -> enter(child, s.itemProcessor().startAt(), input));
  }

  private void iterationSucceeded(Frame f, MapRun run, Frame iteration, JsonNode out) {
    if (run.failed || run.running[iteration.index] != iteration) {
      return;
    }
    MapState s = (MapState) f.state;
    run.results[iteration.index] = out;
    run.running[iteration.index] = null;
    if (s.mode() != MapState.ProcessorMode.DISTRIBUTED) {
      appendAfter(
          f,
          iteration.lastEventId,
          EventType.MapIterationSucceeded,
          () -> EventDetails.iterationDetails(s.name(), iteration.index));
    }
    iterationEnded(f, s, run);
  }

  private void iterationFailed(
      Frame f, MapRun run, Frame iteration, @Nullable String err, @Nullable String why) {
    if (run.failed || run.running[iteration.index] != iteration) {
      return;
    }
    MapState s = (MapState) f.state;
    run.running[iteration.index] = null;
    boolean distributed = s.mode() == MapState.ProcessorMode.DISTRIBUTED;
    if (!distributed) {
      appendAfter(
          f,
          iteration.lastEventId,
          EventType.MapIterationFailed,
          () -> EventDetails.iterationDetails(s.name(), iteration.index));
    }
    run.failures++;
    run.results[iteration.index] = errorOutput(err, why);
    boolean tolerant = run.toleratedCount != null || run.toleratedPercentage != null;
    if (!tolerant || exceedsTolerance(run)) {
      run.failed = true;
      for (Frame other : run.running) {
        if (other != null) {
          abortFrame(other);
          if (!distributed) {
            appendAfter(
                f,
                other.lastEventId,
                EventType.MapIterationAborted,
                () -> EventDetails.iterationDetails(s.name(), other.index));
          }
        }
      }
      long last = distributed ? f.lastEventId : iteration.lastEventId;
      Runnable failed =
          () -> {
            if (distributed) {
              append(
                  f,
                  EventType.MapRunFailed,
                  () -> EventDetails.errorDetails(Json.NODES.objectNode(), err, why));
            }
            appendAfter(f, distributed ? f.lastEventId : last, EventType.MapStateFailed, null);
          };
      if (tolerant) {
        handleError(
            f,
            ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
            "The specified tolerated failure threshold was exceeded",
            failed);
      } else {
        handleError(f, err, why, failed);
      }
      return;
    }
    iterationEnded(f, s, run);
  }

  private String mapRunArn(MapState s) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    String hex = HexFormat.of().formatHex(id);
    String label = s.label() != null ? s.label() : s.name();
    return "arn:aws:states:"
        + settings.region()
        + ":"
        + settings.account()
        + ":mapRun:"
        + spec.stateMachineName()
        + "/"
        + label
        + ":"
        + hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12, 16)
        + "-"
        + hex.substring(16, 20)
        + "-"
        + hex.substring(20);
  }

  private boolean exceedsTolerance(MapRun run) {
    return MapLimits.exceeded(
        run.failures, run.items.size(), run.toleratedCount, run.toleratedPercentage);
  }

  private void iterationEnded(Frame f, MapState s, MapRun run) {
    run.active--;
    run.completed++;
    if (run.completed == run.items.size()) {
      mapSucceeded(f, run);
    } else {
      fillIterations(f, s, run);
    }
  }

  private void mapSucceeded(Frame f, MapRun run) {
    if (((MapState) f.state).mode() == MapState.ProcessorMode.DISTRIBUTED) {
      append(f, EventType.MapRunSucceeded, null);
    }
    append(f, EventType.MapStateSucceeded, null);
    ArrayNode results = Json.NODES.arrayNode(run.results.length);
    for (JsonNode r : run.results) {
      results.add(r);
    }
    guarded(f, () -> completeWithResult(f, results));
  }

  private int mapLimit(Frame f, @Nullable ValueSource source, String field) {
    return MapLimits.maxConcurrency(value(f, source), source);
  }

  private @Nullable Long toleratedCount(Frame f, @Nullable ValueSource source) {
    return MapLimits.toleratedCount(value(f, source), source);
  }

  private @Nullable Double toleratedPercentage(Frame f, @Nullable ValueSource source) {
    return MapLimits.toleratedPercentage(value(f, source), source);
  }

  // ---------------------------------------------------------------------------------------------
  // Results, errors, retries and catchers (Task, Parallel, Map)

  /** ResultSelector, ResultPath, OutputPath (JSONPath) or Output (JSONata), Assign; then exit. */
  private void completeWithResult(Frame f, JsonNode result) {
    State s = f.state;
    Io io = StateFields.io(s);
    String next = nextOf(StateFields.transition(s));
    if (s.queryLanguage() == QueryLanguage.JSONATA) {
      Scope scope = scope(f).withResult(result);
      VariableScope.Assignment assigned = assign(f, io.assign(), result, scope);
      JsonNode out = io.output() == null ? result : io.output().evaluate(f.input, scope);
      exitState(f, out, assigned, next);
      return;
    }
    Expression selector = StateFields.resultSelector(s);
    JsonNode selected = selector == null ? result : selector.evaluate(result, scope(f));
    VariableScope.Assignment assigned = assign(f, io.assign(), result, scopeOrNull(f, io.assign()));
    JsonNode out = outputPath(f, io, resultPath(StateFields.resultPathOf(s), f.input, selected));
    exitState(f, out, assigned, next);
  }

  /** A state's evaluation threw: record it, then retry, catch or fail as AWS does. */
  private void stateFailed(Frame f, StatesException e) {
    String why =
        e.stateScoped()
            ? "An error occurred while executing the state '"
                + f.state.name()
                + "' (entered at the event id #"
                + f.enteredEventId
                + "). "
                + e.statesCause()
            : e.statesCause();
    if (ErrorNames.QUERY_EVALUATION_ERROR.equals(e.error())) {
      append(
          f,
          EventType.EvaluationFailed,
          () -> {
            ObjectNode d = EventDetails.errorDetails(Json.NODES.objectNode(), e.error(), why);
            String location = evaluationLocation(e.statesCause());
            if (location != null) {
              d.put("location", location);
            }
            d.put("state", f.state.name());
            return d;
          });
      if (f.state instanceof MapState) {
        append(f, EventType.MapStateFailed, null);
      }
    }
    if (f.run instanceof TaskRun run && run.request != null) {
      endTask(run);
    }
    handleError(f, e.error(), why);
  }

  private static @Nullable String evaluationLocation(String cause) {
    String marker = "specified for the field '";
    int at = cause.indexOf(marker);
    if (at < 0) {
      return null;
    }
    int from = at + marker.length();
    int to = cause.indexOf('\'', from);
    return to < 0 ? null : cause.substring(from, to);
  }

  private void handleError(Frame f, @Nullable String err, @Nullable String why) {
    handleError(f, err, why, null, false);
  }

  private void handleError(
      Frame f, @Nullable String err, @Nullable String why, @Nullable Runnable givingUp) {
    handleError(f, err, why, givingUp, false);
  }

  /**
   * Retries, catches or fails the frame's state. {@code givingUp} runs when the error is not
   * retried (before a catcher or the failure): AWS records a Map's or Parallel's Failed event only
   * then.
   *
   * @param reportedByTask whether the error is the task's own outcome, not Stepwise's (see {@link
   *     ErrorMatch#matches})
   */
  private void handleError(
      Frame f,
      @Nullable String err,
      @Nullable String why,
      @Nullable Runnable givingUp,
      boolean reportedByTask) {
    String name = err == null ? "" : err;
    List<Retrier> retriers = StateFields.retriers(f.state);
    if (f.run instanceof StateRun.Retryable retryable && !retriers.isEmpty()) {
      for (int i = 0; i < retriers.size(); i++) {
        Retrier r = retriers.get(i);
        if (!ErrorMatch.matches(r.errorEquals(), name, reportedByTask)) {
          continue;
        }
        if (!ErrorMatch.retriable(name, reportedByTask)) {
          break;
        }
        int attempt = retryable.retryState().count(i);
        if (attempt >= r.maxAttempts()) {
          break;
        }
        retryable.retryState(retryable.retryState().increment(i));
        f.retryCount++;
        Duration delay = ErrorMatch.delay(r, attempt + 1, random);
        if (delay.isZero()) {
          agenda.add(() -> retry(f, retryable));
        } else {
          scheduleTimer(f, retryable, Timer.Kind.RETRY, now.plus(delay));
        }
        return;
      }
    }
    if (givingUp != null) {
      givingUp.run();
    }
    for (Catcher c : StateFields.catchers(f.state)) {
      if (ErrorMatch.matches(c.errorEquals(), name, reportedByTask)) {
        guarded(f, () -> caught(f, c, errorOutput(err, why)));
        return;
      }
    }
    f.closedRun = f.run;
    f.run = null;
    frameFailed(f, err, why);
  }

  private void retry(Frame f, StateRun.Retryable run) {
    if (f.run != run || f.ended) {
      return;
    }
    f.scope = null;
    guarded(
        f,
        () -> {
          switch (run) {
            case TaskRun t -> {
              TaskState s = (TaskState) f.state;
              Resource resource = Resource.parse(s.resource());
              if (resource.hasTaskToken()) {
                t.token = newToken(f);
                t.parameters = taskParameters(f, s, t.token);
              }
              scheduleTask(f, s, t, resource);
            }
            case ParallelRun p -> startBranches(f, (ParallelState) f.state, p);
            case MapRun m -> startIterations(f, (MapState) f.state, m);
          }
        });
  }

  private void caught(Frame f, Catcher c, ObjectNode errorOutput) {
    f.run = null;
    if (f.state.queryLanguage() == QueryLanguage.JSONATA) {
      Scope scope = scope(f).withErrorOutput(errorOutput);
      VariableScope.Assignment assigned = assign(f, c.assign(), errorOutput, scope);
      JsonNode out = c.output() == null ? errorOutput : c.output().evaluate(f.input, scope);
      exitState(f, out, assigned, c.next());
      return;
    }
    VariableScope.Assignment assigned =
        assign(f, c.assign(), errorOutput, scopeOrNull(f, c.assign()));
    JsonNode out = resultPath(c.resultPath(), f.input, errorOutput);
    exitState(f, out, assigned, c.next());
  }

  /** Runs {@code action}; a States error it throws fails the frame's state. */
  private void guarded(Frame f, Runnable action) {
    try {
      action.run();
    } catch (StatesException e) {
      stateFailed(f, e);
    }
  }

  private static ObjectNode errorOutput(@Nullable String err, @Nullable String why) {
    ObjectNode o = Json.NODES.objectNode();
    if (err == null) {
      o.putNull("Error");
    } else {
      o.put("Error", err);
    }
    if (why == null) {
      o.putNull("Cause");
    } else {
      o.put("Cause", why);
    }
    return o;
  }

  // ---------------------------------------------------------------------------------------------
  // Aborting frames (a sibling failed)

  private void abortFrame(Frame f) {
    if (f.ended) {
      return;
    }
    f.ended = true;
    StateRun run = f.run;
    f.run = null;
    f.closedRun = run;
    switch (run) {
      case TaskRun t -> {
        if (t.request != null && tasks.containsKey(t.request.taskId())) {
          endTask(t);
          effects.add(new Effect.CancelTask(t.request, abortCause()));
        }
        cancelTimer(t.retryTimer);
        append(f, EventType.TaskStateAborted, null);
      }
      case WaitRun w -> {
        cancelTimer(w.timerId);
        append(f, EventType.WaitStateAborted, null);
      }
      case ParallelRun p -> {
        for (Frame b : p.branches) {
          abortFrame(b);
        }
        append(f, EventType.ParallelStateAborted, null);
      }
      case MapRun m -> {
        MapState s = (MapState) f.state;
        for (Frame it : m.running) {
          if (it != null) {
            abortFrame(it);
            appendAfter(
                f,
                it.lastEventId,
                EventType.MapIterationAborted,
                () -> EventDetails.iterationDetails(s.name(), it.index));
          }
        }
        append(f, EventType.MapStateAborted, null);
      }
      case null -> {}
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Timers

  private long scheduleTimer(Frame f, @Nullable StateRun run, Timer.Kind kind, Instant due) {
    long id = nextId++;
    timers.put(id, new Timer(id, f, run, kind, due));
    effects.add(new Effect.ScheduleTimer(id, due));
    if (run instanceof TaskRun t && kind == Timer.Kind.RETRY) {
      t.retryTimer = id;
    }
    return id;
  }

  private void cancelTimer(long id) {
    if (id >= 0 && timers.remove(id) != null) {
      effects.add(new Effect.CancelTimer(id));
    }
  }

  private void fireTimer(long timerId) {
    Timer t = timers.remove(timerId);
    if (t == null) {
      return;
    }
    Frame f = t.frame();
    if (t.kind() == Timer.Kind.EXECUTION_TIMEOUT) {
      // AWS: a timed-out execution carries no error or cause (recorded: test_global_timeout).
      closeExecution(ExecutionStatus.TIMED_OUT, null, null);
      return;
    }
    if (f.ended || f.run != t.run()) {
      return;
    }
    switch (t.kind()) {
      case WAIT -> guarded(f, () -> completeWait(f, (WaitState) f.state));
      case RETRY -> retry(f, (StateRun.Retryable) t.run());
      case TASK_TIMEOUT, HEARTBEAT_TIMEOUT -> taskTimedOut(f, (TaskRun) t.run());
      case EXECUTION_TIMEOUT -> throw new IllegalStateException("handled above");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Data flow helpers

  private Scope scope(Frame f) {
    if (f.scope == null) {
      f.scope = scopeWith(f, null, null);
    }
    return f.scope;
  }

  private @Nullable Scope scopeOrNull(Frame f, @Nullable Expression needed) {
    return needed == null ? null : scope(f);
  }

  private Scope scopeWith(Frame f, @Nullable ObjectNode mapItem, @Nullable String token) {
    Integer retryCount = f.state instanceof TaskState ? f.retryCount : null;
    String name = f.state.name();
    java.time.Instant entered = f.enteredTime;
    return Scope.lazy(
        () -> contextObject.forState(name, entered, retryCount, token, mapItem),
        f.variables,
        f.input,
        randomness);
  }

  private JsonNode inputPath(Frame f, Io io) {
    Optional<Expression> path = io.inputPath();
    if (path.isEmpty()) {
      return Json.NODES.objectNode();
    }
    Expression p = path.get();
    return isRoot(p) ? f.input : p.evaluate(f.input, scope(f));
  }

  private JsonNode outputPath(Frame f, Io io, JsonNode document) {
    Optional<Expression> path = io.outputPath();
    if (path.isEmpty()) {
      return Json.NODES.objectNode();
    }
    Expression p = path.get();
    return isRoot(p) ? document : p.evaluate(document, scope(f));
  }

  private static JsonNode resultPath(
      Optional<ReferencePath> path, JsonNode rawInput, JsonNode result) {
    if (path.isEmpty()) {
      return rawInput;
    }
    ReferencePath p = path.get();
    return isRoot(p) ? result : p.write(rawInput, result);
  }

  private static boolean isRoot(Expression path) {
    return "$".equals(path.source());
  }

  private VariableScope.@Nullable Assignment assign(
      Frame f, @Nullable Expression assign, JsonNode document, @Nullable Scope scope) {
    if (assign == null || scope == null) {
      return null;
    }
    JsonNode values = assign.evaluate(document, scope);
    Map<String, JsonNode> assigned = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : values.properties()) {
      // A branch or iteration reads its enclosing scopes' variables but may not assign them.
      if (f.variables.belongsToOuterScope(e.getKey())) {
        throw StatesException.runtime(
            "Cannot bind value '"
                + Json.write(e.getValue())
                + "' to variable '"
                + e.getKey()
                + "' as it belongs to an outer scope.");
      }
      assigned.put(e.getKey(), e.getValue());
    }
    return new VariableScope.Assignment(assigned, checkAssignSize(f, assigned));
  }

  /**
   * AWS's variable limits: 256 KiB per variable and per {@code Assign} (UTF-8 bytes of the JSON
   * text). [INFER] The error is the payload limit's, {@code States.DataLimitExceeded}.
   *
   * @return the bytes of each variable
   */
  private Map<String, Long> checkAssignSize(Frame f, Map<String, JsonNode> assigned) {
    int max = settings.payloadLimitBytes();
    long total = 0;
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : assigned.entrySet()) {
      long size = VariableScope.size(e.getValue());
      sizes.put(e.getKey(), size);
      total += size;
      if (size > max || total > max) {
        throw dataLimit(
            (size > max ? "The variable '" + e.getKey() + "'" : "The Assign field")
                + " of the state '"
                + f.state.name()
                + "' has a size exceeding the maximum number of bytes service limit.");
      }
    }
    if (f.variables.bytesWith(sizes) > MAX_VARIABLE_BYTES) {
      throw dataLimit(
          "The variables assigned by the state '"
              + f.state.name()
              + "' would exceed the maximum number of bytes an execution's variables may hold.");
    }
    return sizes;
  }

  /** AWS: an execution's variables hold at most 10 MiB (here: those one state can see). */
  private static final long MAX_VARIABLE_BYTES = 10L * 1024 * 1024;

  private static StatesException dataLimit(String cause) {
    return new StatesException(ErrorNames.DATA_LIMIT_EXCEEDED, cause, false);
  }

  private @Nullable JsonNode value(Frame f, @Nullable ValueSource source) {
    return switch (source) {
      case null -> null;
      case ValueSource.Literal l -> l.value();
      case ValueSource.Dynamic d -> {
        JsonNode document =
            f.state.queryLanguage() == QueryLanguage.JSONATA
                ? f.input
                : inputPath(f, StateFields.io(f.state));
        yield d.expression().evaluate(document, scope(f));
      }
    };
  }

  private @Nullable Long seconds(Frame f, @Nullable ValueSource source) {
    JsonNode v = value(f, source);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() <= 0) {
      String field = source.field();
      throw source instanceof ValueSource.Dynamic d && field.endsWith("Path")
          ? StatesException.runtime(
              "The "
                  + field
                  + " parameter references a value that is not a positive integer: "
                  + d.expression().source()
                  + " == "
                  + Json.write(v))
          : StatesException.queryEvaluation(
              "The value of the field '" + field + "' must be a positive integer: " + v);
    }
    return v.asLong();
  }

  /** AWS's {@code States.DataLimitExceeded} for payloads over the limit (UTF-8 bytes). */
  private void checkPayloadSize(String stateName, String text) {
    int max = settings.payloadLimitBytes();
    // A char is at most 3 UTF-8 bytes: only texts that could exceed the limit are measured.
    if (text.length() > max / 3 && text.getBytes(StandardCharsets.UTF_8).length > max) {
      throw new StatesException(
          ErrorNames.DATA_LIMIT_EXCEEDED,
          "The state/task '"
              + stateName
              + "' returned a result with a size exceeding the maximum number of bytes service"
              + " limit.",
          false);
    }
  }

  static String jsonTypeName(JsonNode v) {
    return switch (v.getNodeType()) {
      case ARRAY -> "array";
      case OBJECT -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL, MISSING -> "null";
      default -> "unknown";
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Redrive hooks (Redriver decides what runs again; these run it)

  /** How many times the execution was redriven, and when last (null before a redrive). */
  public int redriveCount() {
    return redriver.count();
  }

  public @Nullable Instant redriveDate() {
    return redriver.date();
  }

  /** What the last {@link Trigger.Redrive} answered. */
  public Redriver.@Nullable Answer redriveAnswer() {
    return redriver.answer();
  }

  Instant now() {
    return now;
  }

  Frame root() {
    return root;
  }

  EventLog log() {
    return log;
  }

  EngineSettings settings() {
    return settings;
  }

  ContextObject contextObject() {
    return contextObject;
  }

  /** Open again: RUNNING, no outcome, a new execution timeout from now. */
  void reopen() {
    status = ExecutionStatus.RUNNING;
    output = null;
    error = null;
    cause = null;
    stopDate = null;
    Long timeout = spec.machine().timeoutSeconds();
    if (timeout != null) {
      scheduleTimer(root, null, Timer.Kind.EXECUTION_TIMEOUT, now.plusSeconds(timeout));
    }
  }

  /** Enters {@code stateName} of the frame (later, through the agenda). */
  void enterLater(Frame f, String stateName, JsonNode input) {
    agenda.add(() -> enter(f, stateName, input));
  }

  /**
   * Runs the frame's state again without a new Entered event: a fresh run with fresh retry counters
   * and timeouts (a Task is scheduled again, a Wait computes its time again).
   */
  void rerun(Frame f) {
    f.run = null;
    f.closedRun = null;
    f.scope = null;
    f.retryCount = 0;
    f.ended = false;
    agenda.add(() -> guarded(f, () -> execute(f)));
  }

  void fillIterationsLater(Frame f, MapState s, MapRun run) {
    agenda.add(() -> fillIterations(f, s, run));
  }

  long appendEvent(Frame f, EventType type, @Nullable Supplier<ObjectNode> details) {
    return append(f, type, details);
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  private long append(Frame f, EventType type, @Nullable Supplier<ObjectNode> details) {
    if (f.silent) {
      return f.lastEventId;
    }
    long id = log.append(f.lastEventId, now, type, details);
    f.lastEventId = id;
    return id;
  }

  private long appendAfter(
      Frame f, long previous, EventType type, @Nullable Supplier<ObjectNode> details) {
    if (f.silent) {
      return f.lastEventId;
    }
    long id = log.append(previous, now, type, details);
    f.lastEventId = id;
    return id;
  }

  /**
   * A payload's JSON text for the history. A state's output is usually the next state's input, the
   * same node: its events share one text, written at most once.
   */
  private PayloadText payload(JsonNode node) {
    if (lastPayload == null || lastPayloadNode != node) {
      lastPayload = new PayloadText(node);
      lastPayloadNode = node;
    }
    return lastPayload;
  }

  private @Nullable PayloadText lastPayload;
  private @Nullable JsonNode lastPayloadNode;

  /**
   * The last payload known to be within AWS's size limit, whose checks are skipped: the execution
   * input at first (StartExecution checks it), then each checked output (a Pass without fields
   * passes its input on unchanged).
   */
  private JsonNode sized;

  private ObjectNode payloadDetails(ObjectNode d, String field, JsonNode payload) {
    return EventDetails.payload(d, field, payload(payload).get());
  }

  static JsonNode nullToJson(@Nullable JsonNode node) {
    return node == null ? NullNode.getInstance() : node;
  }
}
