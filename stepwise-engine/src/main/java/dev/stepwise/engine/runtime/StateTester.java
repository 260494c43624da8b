package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.path.ReferencePath;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/*
 * Facts: ../shared/spec/distributed-map-redrive-teststate.md §3. The data flow is the one an
 * execution applies (InputPath, Parameters/Arguments, the result, ResultSelector, ResultPath,
 * OutputPath/Output, Assign), evaluated with the language module's compiled expressions; what each
 * step produced is kept under AWS's inspectionData names. Which names a state type shows follows
 * the recordings (a bare Pass shows afterInputPath and afterParameters, a Pass with Result does
 * not; a Parallel shows neither). Retry and Catch are decided once, as AWS's TestState does: the
 * state is not retried, the answer says it would be (RETRIABLE).
 */
/** TestState's evaluation of one state: its outcome and what each processing step produced. */
public final class StateTester {
  /** TestState's {@code status}. */
  public enum Status {
    SUCCEEDED,
    FAILED,
    RETRIABLE,
    CAUGHT_ERROR
  }

  /** What the request's {@code mock} stands in for: the task's (or Map's, Parallel's) result. */
  public sealed interface Mock {
    record Result(JsonNode value) implements Mock {}

    record Failure(@Nullable String error, @Nullable String cause) implements Mock {}
  }

  /** The outcome of a Task's real call. */
  public sealed interface CallOutcome {
    record Succeeded(JsonNode output) implements CallOutcome {}

    record Failed(@Nullable String error, @Nullable String cause) implements CallOutcome {}
  }

  /** Makes a Task's call for real (no mock): blocks until it ends. */
  @FunctionalInterface
  public interface Calls {
    CallOutcome call(TaskRequest request) throws InterruptedException;
  }

  /**
   * The request's {@code stateConfiguration}.
   *
   * @param retrierRetryCount the retries already made (for the backoff and the attempts left)
   * @param mapIterationFailureCount how many of a mocked Map's iterations failed, or null
   * @param mapItemReaderData the items an ItemReader would read, or null
   */
  public record Configuration(
      int retrierRetryCount,
      @Nullable Integer mapIterationFailureCount,
      @Nullable JsonNode mapItemReaderData) {
    public static final Configuration NONE = new Configuration(0, null, null);
  }

  /**
   * A validation error found while evaluating (TestState answers it as a ValidationException, not
   * as a failed state).
   */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * What TestState answers.
   *
   * @param inspection the after-step values, in AWS's names; {@code maxConcurrency}, {@code
   *     toleratedFailure*} are numbers and {@code errorDetails} an object, the rest JSON values
   */
  public record Outcome(
      Status status,
      @Nullable String nextState,
      @Nullable JsonNode output,
      @Nullable String error,
      @Nullable String cause,
      Map<String, JsonNode> inspection) {}

  private final State state;
  private final JsonNode input;
  private final JsonNode context;
  private final Map<String, JsonNode> variables;
  private final @Nullable Mock mock;
  private final Configuration configuration;
  private final Calls calls;
  private final String executionArn;
  private final Randomness randomness;
  private final Instant now;
  private final Map<String, JsonNode> inspection = new LinkedHashMap<>();
  private final ObjectNode errorDetails = Json.NODES.objectNode();

  /**
   * @param context the context object the state sees ({@code $$}, {@code $states.context})
   * @param variables the variables the state sees (it may assign more)
   * @param executionArn the ARN a real call's request carries (the context's execution)
   * @param now when the state runs (a Wait's time is checked against it)
   */
  public StateTester(
      State state,
      JsonNode input,
      JsonNode context,
      Map<String, JsonNode> variables,
      @Nullable Mock mock,
      Configuration configuration,
      Calls calls,
      String executionArn,
      Instant now,
      RandomGenerator random) {
    this.state = state;
    this.input = input;
    this.context = context;
    this.variables = new LinkedHashMap<>(variables);
    this.mock = mock;
    this.configuration = configuration;
    this.calls = calls;
    this.executionArn = executionArn;
    this.randomness = Randomness.from(random);
    this.now = now;
  }

  /** Evaluates the state once. */
  public Outcome run() throws InterruptedException {
    inspection.put("input", input);
    Outcome outcome;
    try {
      outcome =
          switch (state) {
            case PassState s -> pass(s);
            case ChoiceState s -> choice(s);
            case WaitState s -> waitState(s);
            case SucceedState s -> succeed(s);
            case FailState s -> fail(s);
            case TaskState s -> task(s);
            case ParallelState s -> parallel(s);
            case MapState s -> map(s);
          };
    } catch (StatesException e) {
      outcome = failed(e.error(), e.statesCause());
    }
    if (!variables.isEmpty()) {
      inspection.put("variables", variablesObject());
    }
    if (!errorDetails.isEmpty()) {
      inspection.put("errorDetails", errorDetails);
    }
    return new Outcome(
        outcome.status(),
        outcome.nextState(),
        outcome.output(),
        outcome.error(),
        outcome.cause(),
        inspection);
  }

  // ---------------------------------------------------------------------------------------------
  // States without a result

  private Outcome pass(PassState s) {
    Io io = s.io();
    Scope scope = scope(null);
    if (jsonata()) {
      assign(io.assign(), input, scope);
      return succeeded(io.output() == null ? input : io.output().evaluate(input, scope), s);
    }
    JsonNode result;
    if (s.result() != null) {
      result = s.result();
      inspection.put("result", result);
    } else {
      JsonNode effective = inputPath(io, scope);
      inspection.put("afterInputPath", effective);
      result = s.parameters() == null ? effective : s.parameters().evaluate(effective, scope);
      inspection.put("afterParameters", result);
    }
    inspection.put("afterResultSelector", result);
    assign(io.assign(), result, scope);
    JsonNode afterResultPath = resultPath(s.resultPath(), result);
    inspection.put("afterResultPath", afterResultPath);
    return succeeded(outputPath(io, afterResultPath, scope), s);
  }

  private Outcome choice(ChoiceState s) {
    Io io = s.io();
    Scope scope = scope(null);
    JsonNode effective = jsonata() ? input : inputPath(io, scope);
    if (!jsonata()) {
      inspection.put("afterInputPath", effective);
    }
    for (ChoiceState.Rule rule : s.choices()) {
      if (rule.condition().test(effective, scope)) {
        assign(rule.assign(), effective, scope);
        JsonNode out =
            jsonata()
                ? (rule.output() == null ? input : rule.output().evaluate(input, scope))
                : outputPath(io, effective, scope);
        return outcome(Status.SUCCEEDED, rule.next(), out);
      }
    }
    if (s.defaultNext() == null) {
      return failed(ErrorNames.NO_CHOICE_MATCHED, StateFields.NO_CHOICE_MATCHED_CAUSE);
    }
    assign(io.assign(), effective, scope);
    JsonNode out =
        jsonata()
            ? (io.output() == null ? input : io.output().evaluate(input, scope))
            : outputPath(io, effective, scope);
    return outcome(Status.SUCCEEDED, s.defaultNext(), out);
  }

  /** The wait's time is checked, not waited for. */
  private Outcome waitState(WaitState s) {
    Io io = s.io();
    Scope scope = scope(null);
    JsonNode effective = jsonata() ? input : inputPath(io, scope);
    if (!jsonata()) {
      inspection.put("afterInputPath", effective);
    }
    WaitTimes.due(s, effective, scope, now, MachineType.STANDARD);
    assign(io.assign(), effective, scope);
    JsonNode out =
        jsonata()
            ? (io.output() == null ? input : io.output().evaluate(input, scope))
            : outputPath(io, effective, scope);
    return succeeded(out, s);
  }

  private Outcome succeed(SucceedState s) {
    Io io = s.io();
    Scope scope = scope(null);
    if (jsonata()) {
      return succeeded(io.output() == null ? input : io.output().evaluate(input, scope), s);
    }
    JsonNode effective = inputPath(io, scope);
    inspection.put("afterInputPath", effective);
    return succeeded(outputPath(io, effective, scope), s);
  }

  private Outcome fail(FailState s) {
    Scope scope = scope(null);
    return failed(
        FailFields.text(s.error(), input, () -> scope, s.queryLanguage()),
        FailFields.text(s.cause(), input, () -> scope, s.queryLanguage()));
  }

  // ---------------------------------------------------------------------------------------------
  // Task, Parallel, Map: a result, then ResultSelector/ResultPath/OutputPath or Output

  private Outcome task(TaskState s) throws InterruptedException {
    Scope scope = scope(null);
    JsonNode parameters;
    if (jsonata()) {
      parameters = s.parameters() == null ? input : s.parameters().evaluate(input, scope);
      if (s.parameters() != null) {
        inspection.put("afterArguments", parameters);
      }
    } else {
      JsonNode effective = inputPath(s.io(), scope);
      inspection.put("afterInputPath", effective);
      parameters = s.parameters() == null ? effective : s.parameters().evaluate(effective, scope);
      inspection.put("afterParameters", parameters);
    }
    JsonNode result = null;
    Mock.Failure failure = null;
    switch (mock) {
      case Mock.Result r -> result = r.value();
      case Mock.Failure f -> failure = f;
      case null -> {
        switch (calls.call(request(s, parameters, scope))) {
          case CallOutcome.Succeeded ok -> result = ok.output();
          case CallOutcome.Failed f -> failure = new Mock.Failure(f.error(), f.cause());
        }
      }
    }
    return failure != null ? handleError(failure, s) : withResult(s, result, scope);
  }

  private TaskRequest request(TaskState s, JsonNode parameters, Scope scope) {
    JsonNode token = context.path("Task").path("Token");
    return new TaskRequest(
        executionArn,
        1,
        s.name(),
        Resource.parse(s.resource()),
        parameters,
        token.isTextual() ? token.asText() : null,
        literalSeconds(s.timeoutSeconds()),
        literalSeconds(s.heartbeatSeconds()),
        s.credentials() == null ? null : s.credentials().evaluate(input, scope));
  }

  private static @Nullable Long literalSeconds(@Nullable ValueSource source) {
    return source instanceof ValueSource.Literal l && l.value().canConvertToLong()
        ? l.value().asLong()
        : null;
  }

  private Outcome parallel(ParallelState s) {
    Scope scope = scope(null);
    // Evaluated for their errors; AWS's recordings show neither step of a Parallel.
    if (jsonata()) {
      if (s.parameters() != null) {
        s.parameters().evaluate(input, scope);
      }
    } else {
      JsonNode effective = inputPath(s.io(), scope);
      if (s.parameters() != null) {
        s.parameters().evaluate(effective, scope);
      }
    }
    return mocked(s, scope);
  }

  private Outcome map(MapState s) {
    Scope scope = scope(null);
    JsonNode effective = jsonata() ? input : inputPath(s.io(), scope);
    if (!jsonata()) {
      inspection.put("afterInputPath", effective);
    }
    JsonNode items = items(s, effective, scope);
    ValueSource concurrency = s.maxConcurrency();
    inspection.put(
        "maxConcurrency",
        Json.NODES.numberNode(
            MapLimits.maxConcurrency(limit(concurrency, effective, scope), concurrency)));
    Long toleratedCount =
        MapLimits.toleratedCount(
            limit(s.toleratedFailureCount(), effective, scope), s.toleratedFailureCount());
    Double toleratedPercentage =
        MapLimits.toleratedPercentage(
            limit(s.toleratedFailurePercentage(), effective, scope),
            s.toleratedFailurePercentage());
    if (toleratedCount != null) {
      inspection.put("toleratedFailureCount", Json.NODES.numberNode(toleratedCount));
    }
    if (toleratedPercentage != null) {
      inspection.put("toleratedFailurePercentage", Json.NODES.numberNode(toleratedPercentage));
    }
    Integer failures = configuration.mapIterationFailureCount();
    if (failures != null && items != null) {
      if (failures > items.size()) {
        throw new Refused(
            "Map iteration failure count must be less than or equal to the number of Map"
                + " iterations");
      }
      boolean tolerant = toleratedCount != null || toleratedPercentage != null;
      if (tolerant
          && MapLimits.exceeded(failures, items.size(), toleratedCount, toleratedPercentage)) {
        return handleError(
            new Mock.Failure(
                ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                "The specified tolerated failure threshold was exceeded"),
            s);
      }
    }
    return mocked(s, scope);
  }

  /** The items a Map would iterate, or null when an ItemReader reads them and none were given. */
  private @Nullable JsonNode items(MapState s, JsonNode effective, Scope scope) {
    if (s.itemReader() != null) {
      return configuration.mapItemReaderData();
    }
    if (jsonata()) {
      return MapLimits.jsonataItems(s, input, scope);
    }
    JsonNode items = MapLimits.jsonPathItems(s, effective, scope);
    if (s.itemsPath() != null) {
      inspection.put("afterItemsPath", items);
    }
    return items;
  }

  private @Nullable JsonNode limit(@Nullable ValueSource source, JsonNode effective, Scope scope) {
    return switch (source) {
      case null -> null;
      case ValueSource.Literal l -> l.value();
      case ValueSource.Dynamic d -> d.expression().evaluate(jsonata() ? input : effective, scope);
    };
  }

  /** A Map's or Parallel's outcome from its mock. */
  private Outcome mocked(State s, Scope scope) {
    return switch (mock) {
      case Mock.Result r -> withResult(s, r.value(), scope);
      case Mock.Failure f -> handleError(f, s);
      case null -> throw new IllegalStateException("a Map or Parallel is tested with a mock");
    };
  }

  /** ResultSelector, ResultPath, OutputPath (JSONPath) or Output (JSONata), and Assign. */
  private Outcome withResult(State s, JsonNode result, Scope scope) {
    Io io = StateFields.io(s);
    if (!(s instanceof ParallelState) && !(s instanceof MapState)) {
      inspection.put("result", result);
    }
    if (jsonata()) {
      Scope withResult = scope.withResult(result);
      assign(io.assign(), result, withResult);
      return succeeded(io.output() == null ? result : io.output().evaluate(input, withResult), s);
    }
    Expression selector = StateFields.resultSelector(s);
    JsonNode selected = selector == null ? result : selector.evaluate(result, scope);
    inspection.put("afterResultSelector", selected);
    assign(io.assign(), result, scope);
    JsonNode afterResultPath = resultPath(StateFields.resultPathOf(s), selected);
    inspection.put("afterResultPath", afterResultPath);
    return succeeded(outputPath(io, afterResultPath, scope), s);
  }

  // ---------------------------------------------------------------------------------------------
  // Retry and Catch, decided once

  private Outcome handleError(Mock.Failure failure, State s) {
    String name = failure.error() == null ? "" : failure.error();
    // What TestState decides on is an outcome (a task's, or a Map's threshold), never Stepwise's
    // own payload limit, so States.DataLimitExceeded is matched as a task's error.
    boolean outcome = true;
    List<Retrier> retriers = StateFields.retriers(s);
    for (int i = 0; i < retriers.size(); i++) {
      Retrier r = retriers.get(i);
      if (!ErrorMatch.matches(r.errorEquals(), name, outcome)) {
        continue;
      }
      if (!ErrorMatch.retriable(name, outcome)) {
        break;
      }
      errorDetails.put("retryIndex", i);
      int done = configuration.retrierRetryCount();
      if (done < r.maxAttempts()) {
        errorDetails.put("retryBackoffIntervalSeconds", backoff(r, done));
        return new Outcome(
            Status.RETRIABLE, null, null, failure.error(), failure.cause(), inspection);
      }
      break;
    }
    List<Catcher> catchers = StateFields.catchers(s);
    for (int i = 0; i < catchers.size(); i++) {
      Catcher c = catchers.get(i);
      if (ErrorMatch.matches(c.errorEquals(), name, outcome)) {
        errorDetails.put("catchIndex", i);
        ObjectNode errorOutput = Json.NODES.objectNode();
        errorOutput.put("Error", failure.error());
        errorOutput.put("Cause", failure.cause());
        JsonNode out;
        if (jsonata()) {
          Scope scope = scope(errorOutput);
          assign(c.assign(), errorOutput, scope);
          out = c.output() == null ? errorOutput : c.output().evaluate(input, scope);
        } else {
          assign(c.assign(), errorOutput, c.assign() == null ? null : scope(null));
          out = resultPath(c.resultPath(), errorOutput);
        }
        return new Outcome(
            Status.CAUGHT_ERROR, c.next(), out, failure.error(), failure.cause(), inspection);
      }
    }
    return failed(failure.error(), failure.cause());
  }

  /**
   * The wait before the next retry, in whole seconds: {@code IntervalSeconds × BackoffRate^n} after
   * {@code n} retries, capped by {@code MaxDelaySeconds} (no jitter: the answer is a prediction).
   */
  private static long backoff(Retrier r, int done) {
    double seconds = r.intervalSeconds() * Math.pow(r.backoffRate(), done);
    if (r.maxDelaySeconds() != null) {
      seconds = Math.min(seconds, r.maxDelaySeconds());
    }
    return (long) seconds;
  }

  // ---------------------------------------------------------------------------------------------
  // Data flow, as an execution applies it

  private boolean jsonata() {
    return state.queryLanguage() == QueryLanguage.JSONATA;
  }

  private Scope scope(@Nullable JsonNode errorOutput) {
    return new Scope(context, variables::get, input, null, errorOutput, randomness);
  }

  private JsonNode inputPath(Io io, Scope scope) {
    Optional<Expression> path = io.inputPath();
    if (path.isEmpty()) {
      return Json.NODES.objectNode();
    }
    Expression p = path.get();
    return "$".equals(p.source()) ? input : p.evaluate(input, scope);
  }

  private static JsonNode outputPath(Io io, JsonNode document, Scope scope) {
    Optional<Expression> path = io.outputPath();
    if (path.isEmpty()) {
      return Json.NODES.objectNode();
    }
    Expression p = path.get();
    return "$".equals(p.source()) ? document : p.evaluate(document, scope);
  }

  private JsonNode resultPath(Optional<ReferencePath> path, JsonNode result) {
    if (path.isEmpty()) {
      return input;
    }
    ReferencePath p = path.get();
    return "$".equals(p.source()) ? result : p.write(input, result);
  }

  private void assign(@Nullable Expression assign, JsonNode document, @Nullable Scope scope) {
    if (assign == null || scope == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : assign.evaluate(document, scope).properties()) {
      variables.put(e.getKey(), e.getValue());
    }
  }

  private ObjectNode variablesObject() {
    ObjectNode o = Json.NODES.objectNode();
    variables.forEach(o::set);
    return o;
  }

  // ---------------------------------------------------------------------------------------------
  // Outcomes

  private Outcome succeeded(JsonNode output, State s) {
    Transition t = StateFields.transition(s);
    return outcome(Status.SUCCEEDED, t instanceof Transition.Next n ? n.state() : null, output);
  }

  private Outcome outcome(Status status, @Nullable String next, JsonNode output) {
    return new Outcome(status, next, output, null, null, inspection);
  }

  private Outcome failed(@Nullable String error, @Nullable String cause) {
    return new Outcome(Status.FAILED, null, null, error, cause, inspection);
  }
}
