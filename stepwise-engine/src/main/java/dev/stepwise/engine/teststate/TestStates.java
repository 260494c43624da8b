package dev.stepwise.engine.teststate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.runtime.StateTester;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.teststate.TestStateRequest.InspectionLevel;
import dev.stepwise.engine.teststate.TestStateRequest.MockInput;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.MapState;
import dev.stepwise.language.model.ParallelState;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.model.TaskState;
import dev.stepwise.language.model.Workflow;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.ParseResult;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGeneratorFactory;
import org.jspecify.annotations.Nullable;

/*
 * Facts: ../shared/spec/distributed-map-redrive-teststate.md §3 (request, response, the recorded
 * validation messages and their order). A single state is wrapped in a machine whose only state is
 * named "StateName", as AWS's messages show; the states it names as Next get stand-ins so the
 * wrapped machine validates. Messages AWS's recordings do not show are listed in
 * docs/compatibility.md.
 */
/** TestState: runs one state through the engine's own evaluation and reports each step. */
public final class TestStates {
  /** The name AWS gives a state tested on its own. */
  public static final String WRAPPED_NAME = "StateName";

  static final String MAP_OR_PARALLEL_NEED_A_MOCK =
      "TestState API does not support Map or Parallel states. Supported state types include:"
          + " [Task, Wait, Pass, Succeed, Fail, Choice]";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final EngineSettings settings;
  private final TaskDispatcher tasks;
  private final InstantSource clock;
  private final Supplier<UUID> ids;
  private final MockResultShapes shapes = MockResultShapes.load();

  /**
   * @param tasks the engine's integrations: a Task without a mock calls them for real
   */
  public TestStates(
      EngineSettings settings, TaskDispatcher tasks, InstantSource clock, Supplier<UUID> ids) {
    this.settings = settings;
    this.tasks = tasks;
    this.clock = clock;
    this.ids = ids;
  }

  /** A state found in a definition, and whether it runs inside a Map's item processor. */
  private record Located(State state, boolean inMap) {}

  /**
   * Runs the request's state once.
   *
   * @return TestState's response, as AWS's JSON ({@code output} and the inspection values as JSON
   *     texts)
   */
  public ObjectNode test(TestStateRequest request) throws ServiceException, InterruptedException {
    MockInput mock = request.mock();
    if (mock != null && mock.result() != null && mock.errorOutput() != null) {
      throw ServiceException.validation(
          "A test mock should have only one of the following fields: [result, errorOutput].");
    }
    if (mock != null && request.revealSecrets()) {
      throw ServiceException.validation(
          "TestState does not support RevealSecrets when a mock is specified.");
    }
    Located located = locate(request.definition(), request.stateName());
    State state = located.state();
    checkRequest(request, state);
    TestStateRequest.StateConfiguration configuration = request.stateConfiguration();
    TestStateCalls calls = new TestStateCalls(tasks);
    String inputText = request.input() == null ? "{}" : request.input();
    JsonNode input =
        json(inputText, "InvalidExecutionInput", "Invalid State Machine Execution Input");
    Map<String, JsonNode> variables = variables(request.variables());
    IdentityHashMap<JsonNode, String> raw = new IdentityHashMap<>();
    raw.put(input, inputText);
    StateTester.Mock mocked = mocked(mock, state, raw);
    String smName = ids.get().toString();
    String executionName = ids.get().toString();
    String executionArn =
        "arn:aws:states:"
            + settings.region()
            + ":"
            + settings.account()
            + ":express:"
            + smName
            + ":"
            + executionName;
    JsonNode context;
    boolean callbackTask =
        state instanceof TaskState t && Resource.parse(t.resource()).hasTaskToken();
    if (request.context() != null) {
      context = json(request.context(), "ValidationException", "Invalid Context object provided");
      ContextChecks.check(context, callbackTask);
    } else {
      context =
          defaultContext(
              executionArn, executionName, smName, input, request, located, callbackTask);
    }
    if (configuration.errorCausedByState() != null
        && mock != null
        && mock.errorOutput() != null
        && !contains(state, configuration.errorCausedByState())) {
      throw ServiceException.validation(
          "The errorCausedByState '"
              + configuration.errorCausedByState()
              + "' is not a state of the tested state's branches or item processor.");
    }
    JsonNode itemReaderData =
        configuration.mapItemReaderData() == null
            ? null
            : json(
                configuration.mapItemReaderData(),
                "ValidationException",
                "Invalid mapItemReaderData");
    StateTester tester =
        new StateTester(
            state,
            input,
            context,
            variables,
            mocked,
            new StateTester.Configuration(
                configuration.retrierRetryCount() == null ? 0 : configuration.retrierRetryCount(),
                configuration.mapIterationFailureCount(),
                itemReaderData),
            calls,
            executionArn,
            clock.instant(),
            RandomGeneratorFactory.of("L64X128MixRandom")
                .create(ids.get().getLeastSignificantBits()));
    StateTester.Outcome outcome;
    try {
      outcome = tester.run();
    } catch (StateTester.Refused e) {
      throw ServiceException.validation(e.getMessage());
    }
    return TestStateResponse.json(
        outcome, raw, request.inspectionLevel(), request.revealSecrets(), calls.lastExchange());
  }

  /** AWS's refusals of a request for its state, in the order its recordings show them. */
  private static void checkRequest(TestStateRequest request, State state) throws ServiceException {
    MockInput mock = request.mock();
    boolean resultState =
        state instanceof TaskState || state instanceof MapState || state instanceof ParallelState;
    if (mock != null && !resultState) {
      throw ServiceException.validation(
          "State type '" + state.type() + "' is not supported when a mock is specified");
    }
    if (mock == null && request.stateConfiguration().mapIterationFailureCount() != null) {
      throw ServiceException.validation(
          "TestState does not support MapIterationFailureCount when a mock is not specified.");
    }
    if (mock == null && (state instanceof MapState || state instanceof ParallelState)) {
      throw new ServiceException("InvalidDefinition", MAP_OR_PARALLEL_NEED_A_MOCK);
    }
    if (mock == null && state instanceof TaskState task) {
      if (request.roleArn() == null) {
        throw ServiceException.validation("RoleArn must be specified when testing a Task state");
      }
      TestStateCalls.checkCallable(Resource.parse(task.resource()));
    }
    if (mock == null && request.context() != null) {
      throw ServiceException.validation(
          "TestState does not support Context when a mock is not specified.");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The definition

  private static Located locate(String definition, @Nullable String stateName)
      throws ServiceException {
    if (stateName == null) {
      ParseResult parsed = DefinitionParser.forTestState().parse(wrap(definition));
      if (!parsed.valid()) {
        throw new ServiceException("InvalidDefinition", parsed.invalidDefinitionMessage());
      }
      return new Located(parsed.machine().workflow().state(WRAPPED_NAME), false);
    }
    ParseResult parsed = DefinitionParser.forTestState().parse(definition);
    if (!parsed.valid()) {
      throw new ServiceException("InvalidDefinition", parsed.invalidDefinitionMessage());
    }
    StateMachine machine = parsed.machine();
    Located found = find(machine.workflow(), stateName, false);
    if (found == null) {
      throw ServiceException.validation("State not found in definition");
    }
    return found;
  }

  /**
   * One state as the machine {@code {"StartAt": "StateName", "States": {"StateName": ...}}}, with a
   * Succeed stand-in for each state it names as Next, Default or a Catch's Next.
   */
  private static String wrap(String definition) {
    JsonNode state;
    try {
      state = Json.parse(definition);
    } catch (JsonProcessingException e) {
      return definition; // the parser reports it as AWS does
    }
    ObjectNode machine = Json.NODES.objectNode();
    machine.put("StartAt", WRAPPED_NAME);
    ObjectNode states = machine.putObject("States");
    states.set(WRAPPED_NAME, state);
    if (state != null && state.isObject()) {
      for (String next : nextStates(state)) {
        if (!states.has(next)) {
          states.putObject(next).put("Type", "Succeed");
        }
      }
    }
    return Json.write(machine);
  }

  private static java.util.List<String> nextStates(JsonNode state) {
    java.util.List<String> names = new java.util.ArrayList<>();
    java.util.function.Consumer<JsonNode> add =
        n -> {
          if (n != null && n.isTextual()) {
            names.add(n.asText());
          }
        };
    add.accept(state.get("Next"));
    add.accept(state.get("Default"));
    for (String list : java.util.List.of("Choices", "Catch")) {
      for (JsonNode entry : state.path(list)) {
        add.accept(entry.get("Next"));
      }
    }
    return names;
  }

  private static @Nullable Located find(Workflow workflow, String name, boolean inMap) {
    State state = workflow.states().get(name);
    if (state != null) {
      return new Located(state, inMap);
    }
    for (State s : workflow.states().values()) {
      Located found =
          switch (s) {
            case MapState m -> find(m.itemProcessor(), name, true);
            case ParallelState p -> {
              Located inBranch = null;
              for (Workflow branch : p.branches()) {
                inBranch = inBranch != null ? inBranch : find(branch, name, inMap);
              }
              yield inBranch;
            }
            default -> null;
          };
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Whether a state of {@code parent}'s branches or item processor is named {@code name}. */
  private static boolean contains(State parent, String name) {
    return switch (parent) {
      case MapState m -> find(m.itemProcessor(), name, true) != null;
      case ParallelState p -> p.branches().stream().anyMatch(b -> find(b, name, false) != null);
      default -> true;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Inputs

  private static JsonNode json(String text, String code, String what) throws ServiceException {
    try {
      JsonNode node = Json.parse(text);
      if (node == null) {
        throw new ServiceException(code, what + ": 'empty input'");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ServiceException(code, what + ": '" + e.getOriginalMessage() + "'");
    }
  }

  private static Map<String, JsonNode> variables(@Nullable String text) throws ServiceException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    JsonNode v = json(text, "ValidationException", "Invalid variables");
    if (!v.isObject()) {
      throw ServiceException.validation("Invalid variables: the variables must be a JSON object");
    }
    v.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The mock as the tester takes it, after AWS's checks of its result. */
  private StateTester.@Nullable Mock mocked(
      @Nullable MockInput mock, State state, IdentityHashMap<JsonNode, String> raw)
      throws ServiceException {
    if (mock == null) {
      return null;
    }
    if (mock.errorOutput() != null) {
      return new StateTester.Mock.Failure(mock.errorOutput().error(), mock.errorOutput().cause());
    }
    String text = mock.result() == null ? "null" : mock.result();
    JsonNode result;
    try {
      result = Json.parse(text);
    } catch (JsonProcessingException e) {
      result = null;
    }
    if (result == null) {
      throw ServiceException.validation("Mocked result must be valid JSON");
    }
    switch (state) {
      case ParallelState p -> {
        if (!result.isArray()) {
          throw ServiceException.validation("Mocked result must be an array.");
        }
        if (result.size() != p.branches().size()) {
          throw ServiceException.validation(
              "Mocked result must contain the same number of items as number of Parallel"
                  + " branches.");
        }
      }
      case MapState m -> {
        if (m.resultWriter() != null && !result.isObject()) {
          throw ServiceException.validation("Mocked result must be a JSON object.");
        }
        if (m.resultWriter() == null && !result.isArray()) {
          throw ServiceException.validation("Mocked result must be an array.");
        }
      }
      case TaskState t ->
          shapes.check(Resource.parse(t.resource()), result, mock.fieldValidationMode());
      default -> {}
    }
    raw.put(result, text);
    return new StateTester.Mock.Result(result);
  }

  /**
   * The context AWS builds for a tested state: an EXPRESS execution of a state machine named for
   * the test, the state named {@code StateName}.
   */
  private ObjectNode defaultContext(
      String executionArn,
      String executionName,
      String smName,
      JsonNode input,
      TestStateRequest request,
      Located located,
      boolean callbackTask) {
    String now = TIMESTAMP.format(clock.instant());
    ObjectNode context = Json.NODES.objectNode();
    ObjectNode execution = context.putObject("Execution");
    execution.put("Id", executionArn);
    execution.set("Input", input);
    execution.put("Name", executionName);
    execution.put("RoleArn", request.roleArn());
    execution.put("StartTime", now);
    ObjectNode machine = context.putObject("StateMachine");
    machine.put(
        "Id",
        "arn:aws:states:"
            + settings.region()
            + ":"
            + settings.account()
            + ":stateMachine:"
            + smName);
    machine.put("Name", smName);
    ObjectNode state = context.putObject("State");
    state.put("Name", WRAPPED_NAME);
    state.put("EnteredTime", now);
    State s = located.state();
    if (s instanceof TaskState || s instanceof MapState || s instanceof ParallelState) {
      Integer retries = request.stateConfiguration().retrierRetryCount();
      state.put("RetryCount", retries == null ? 0 : retries);
    }
    if (callbackTask) {
      context.putObject("Task").put("Token", ids.get().toString());
    }
    if (located.inMap()) {
      ObjectNode item = context.putObject("Map").putObject("Item");
      item.put("Index", 0);
      item.set("Value", input);
    }
    return context;
  }

  static boolean debug(InspectionLevel level) {
    return level != InspectionLevel.INFO;
  }
}
