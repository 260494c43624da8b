package dev.stepwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.local.LocalRuntime;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.teststate.TestStateRequest;
import dev.stepwise.engine.teststate.TestStateRequest.FieldValidationMode;
import dev.stepwise.engine.teststate.TestStateRequest.InspectionLevel;
import dev.stepwise.integrations.http.Connection;
import dev.stepwise.integrations.http.Connections;
import dev.stepwise.integrations.http.HttpTasks;
import dev.stepwise.integrations.lambda.LambdaSettings;
import dev.stepwise.integrations.lambda.LambdaTasks;
import dev.stepwise.integrations.mock.MockConfig;
import dev.stepwise.integrations.mock.MockConfigException;
import dev.stepwise.integrations.mock.MockOutcome;
import dev.stepwise.integrations.routing.RoutingDispatcher;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.MachineType;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise test-state}: AWS's TestState in this process, without a server. */
@Command(
    name = "test-state",
    description = {
      "Runs one state (alone, or --state NAME of a whole definition) once, as AWS's TestState",
      "does, and prints its status, next state, output and (with --inspection-level DEBUG or",
      "TRACE) what each processing step produced. Exit code 0 when the state SUCCEEDED."
    })
final class TestStateCommand implements Callable<Integer> {
  private static final int MAX_PAYLOAD = 262_144;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DEFINITION",
      description = "One state, or a state machine with --state (JSON file)")
  Path definition;

  @Option(
      names = "--state",
      paramLabel = "NAME",
      description = "The state of the definition to run")
  String state;

  @Option(
      names = "--input",
      paramLabel = "JSON|@FILE",
      description = "The state's input (default {})")
  String input;

  @Option(
      names = "--mock",
      paramLabel = "JSON|@FILE",
      description =
          "TestState's mock: {\"result\": ...} or {\"errorOutput\": {\"error\": ..., \"cause\":"
              + " ...}}, optionally \"fieldValidationMode\"")
  String mock;

  @Option(
      names = "--mock-config",
      paramLabel = "FILE",
      description = "Take the mock from a Step Functions Local mock file (with --test-case)")
  Path mockConfig;

  @Option(names = "--test-case", description = "The mock file's test case")
  String testCase;

  @Option(
      names = "--state-machine-name",
      paramLabel = "NAME",
      description = "The mock file's state machine (default: the definition's file name)")
  String stateMachineName;

  @Option(
      names = "--inspection-level",
      paramLabel = "INFO|DEBUG|TRACE",
      description = "How much to show (default INFO)")
  InspectionLevel inspectionLevel = InspectionLevel.INFO;

  @Option(
      names = "--variables",
      paramLabel = "JSON|@FILE",
      description = "Variables the state sees")
  String variables;

  @Option(
      names = "--context",
      paramLabel = "JSON|@FILE",
      description = "The context object the state sees (with a mock)")
  String context;

  @Option(
      names = "--role-arn",
      paramLabel = "ARN",
      description =
          "The role a Task runs with (required without a mock; default"
              + " arn:aws:iam::123456789012:role/StepwiseExecutionRole)")
  String roleArn;

  @Option(names = "--reveal-secrets", description = "Show an HTTP Task's credentials at TRACE")
  boolean revealSecrets;

  @Option(names = "--retrier-retry-count", paramLabel = "N", description = "Retries already made")
  Integer retrierRetryCount;

  @Option(
      names = "--error-caused-by-state",
      paramLabel = "NAME",
      description = "The Map or Parallel state's inner state a mocked error comes from")
  String errorCausedByState;

  @Option(
      names = "--map-iteration-failure-count",
      paramLabel = "N",
      description = "How many of a mocked Map's iterations failed")
  Integer mapIterationFailureCount;

  @Option(
      names = "--map-item-reader-data",
      paramLabel = "JSON|@FILE",
      description = "The items a Map's ItemReader would read")
  String mapItemReaderData;

  @Option(
      names = "--state-machine",
      paramLabel = "NAME=FILE",
      description = "A state machine a nested startExecution task may start (repeatable)")
  List<String> stateMachines = new ArrayList<>();

  @Option(
      names = "--connections",
      paramLabel = "FILE",
      description = "HTTP Task connections by ConnectionArn (as serve takes them)")
  Path connections;

  @Option(
      names = "--lambda-endpoint",
      paramLabel = "URL",
      description = "Invoke Lambda here (default: AWS's endpoint of the region)")
  String lambdaEndpoint;

  @Option(names = "--json", description = "Print TestState's response as AWS answers it")
  boolean json;

  /** A mistake in the command line or its files: one line, exit code 1. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectNode response;
    try (HttpTasks http = new HttpTasks(connections(), EngineSettings.DEFAULTS.region());
        LambdaTasks lambda = lambdaTasks()) {
      LocalRuntime runtime =
          new LocalRuntime(
              EngineSettings.DEFAULTS,
              true,
              Instant.now(),
              System.nanoTime(),
              tasks ->
                  RoutingDispatcher.builder().http(http).lambda(lambda).fallback(tasks).build());
      for (String entry : stateMachines) {
        int eq = entry.indexOf('=');
        if (eq <= 0) {
          err.println("stepwise test-state: --state-machine takes NAME=FILE, got '" + entry + "'");
          return 2;
        }
        runtime.register(
            entry.substring(0, eq),
            InputFiles.readDefinition(Path.of(entry.substring(eq + 1))),
            MachineType.STANDARD);
      }
      response = runtime.testState(request());
    } catch (Refused
        | InputFiles.UnreadableFileException
        | LocalRuntime.InvalidDefinitionException e) {
      err.println("stepwise test-state: " + e.getMessage());
      return 1;
    } catch (ServiceException e) {
      err.println("stepwise test-state: " + e.code() + ": " + e.getMessage());
      return 1;
    }
    if (json) {
      out.println(Json.write(response));
    } else {
      print(out, response);
    }
    return "SUCCEEDED".equals(response.path("status").asText()) ? 0 : 1;
  }

  private LambdaTasks lambdaTasks() throws Refused {
    LambdaSettings lambda = LambdaSettings.region(EngineSettings.DEFAULTS.region());
    if (lambdaEndpoint != null) {
      try {
        lambda = lambda.withEndpoint(URI.create(lambdaEndpoint));
      } catch (IllegalArgumentException e) {
        throw new Refused("--lambda-endpoint " + lambdaEndpoint + ": not a URL");
      }
    }
    return LambdaTasks.create(lambda);
  }

  private Connections connections() throws Refused {
    if (connections == null) {
      return Connections.none().withFallback(Connection.NONE);
    }
    try {
      return Connections.parse(Json.parse(InputFiles.read(connections, 1024 * 1024, "connections")))
          .withFallback(Connection.NONE);
    } catch (InputFiles.UnreadableFileException
        | JsonProcessingException
        | IllegalArgumentException e) {
      throw new Refused("--connections " + connections + ": " + e.getMessage());
    }
  }

  private TestStateRequest request()
      throws Refused, InputFiles.UnreadableFileException, InterruptedException {
    TestStateRequest.MockInput mockInput = mockInput();
    boolean mocked = mockInput != null;
    return new TestStateRequest(
        InputFiles.readDefinition(definition),
        roleArn != null
            ? roleArn
            : mocked ? null : "arn:aws:iam::123456789012:role/StepwiseExecutionRole",
        text(input, "input"),
        inspectionLevel,
        revealSecrets,
        text(variables, "variables"),
        state,
        mockInput,
        text(context, "context"),
        new TestStateRequest.StateConfiguration(
            retrierRetryCount,
            errorCausedByState,
            mapIterationFailureCount,
            text(mapItemReaderData, "map item reader data")));
  }

  /** {@code --mock}, or the mock file's response for the state (its first invocation). */
  private TestStateRequest.@Nullable MockInput mockInput()
      throws Refused, InputFiles.UnreadableFileException {
    if (mock != null && mockConfig != null) {
      throw new Refused("give --mock or --mock-config, not both");
    }
    if (mock != null) {
      return mockJson(text(mock, "mock"));
    }
    if (mockConfig == null) {
      return null;
    }
    if (testCase == null) {
      throw new Refused("--mock-config needs --test-case");
    }
    MockConfig config;
    try {
      config = MockConfig.parse(InputFiles.read(mockConfig, 10 * 1024 * 1024, "mock config"));
    } catch (MockConfigException e) {
      throw new Refused(MockOptions.problems(e));
    }
    String machine =
        stateMachineName != null ? stateMachineName : RunCommand.stateMachineName(definition);
    String stateName = state != null ? state : "StateName";
    var response =
        config
            .testCase(machine, testCase)
            .orElseThrow(
                () ->
                    new Refused(
                        "the mock file has no test case '"
                            + testCase
                            + "' of the state machine '"
                            + machine
                            + "' (name it with --state-machine-name)"))
            .responseFor(stateName)
            .orElseThrow(
                () ->
                    new Refused(
                        "the test case '" + testCase + "' mocks no state '" + stateName + "'"));
    return switch (response.outcome(0).orElseThrow()) {
      case MockOutcome.Return r ->
          new TestStateRequest.MockInput(Json.write(r.value()), null, FieldValidationMode.STRICT);
      case MockOutcome.Throw t ->
          new TestStateRequest.MockInput(
              null,
              new TestStateRequest.ErrorOutput(t.error(), t.cause()),
              FieldValidationMode.STRICT);
    };
  }

  /** TestState's {@code mock} member; a {@code result} that is not a string is taken as JSON. */
  private static TestStateRequest.MockInput mockJson(String text) throws Refused {
    JsonNode m;
    try {
      m = Json.parse(text);
    } catch (JsonProcessingException e) {
      throw new Refused("--mock is not JSON: " + e.getOriginalMessage());
    }
    if (m == null || !m.isObject()) {
      throw new Refused("--mock takes an object: {\"result\": ...} or {\"errorOutput\": ...}");
    }
    JsonNode result = m.get("result");
    JsonNode error = m.get("errorOutput");
    FieldValidationMode mode;
    try {
      mode = FieldValidationMode.valueOf(m.path("fieldValidationMode").asText("STRICT"));
    } catch (IllegalArgumentException e) {
      throw new Refused("--mock: fieldValidationMode takes STRICT, PRESENT or NONE");
    }
    return new TestStateRequest.MockInput(
        result == null ? null : result.isTextual() ? result.asText() : Json.write(result),
        error == null
            ? null
            : new TestStateRequest.ErrorOutput(
                error.path("error").asText(null), error.path("cause").asText(null)),
        mode);
  }

  /** A JSON option's text: given inline, or read from {@code @FILE}. */
  private static @Nullable String text(@Nullable String option, String what)
      throws InputFiles.UnreadableFileException {
    if (option == null || !option.startsWith("@")) {
      return option;
    }
    return InputFiles.read(Path.of(option.substring(1)), MAX_PAYLOAD, what);
  }

  /** The response, one field a line, the inspection data indented below. */
  private static void print(PrintWriter out, ObjectNode response) {
    out.println("status:    " + response.path("status").asText());
    for (String[] field :
        new String[][] {
          {"nextState", "nextState: "}, {"output", "output:    "},
          {"error", "error:     "}, {"cause", "cause:     "}
        }) {
      if (response.has(field[0])) {
        out.println(field[1] + response.get(field[0]).asText());
      }
    }
    JsonNode data = response.get("inspectionData");
    if (data != null) {
      out.println("inspectionData:");
      int width = 0;
      for (Map.Entry<String, JsonNode> e : data.properties()) {
        width = Math.max(width, e.getKey().length());
      }
      for (Map.Entry<String, JsonNode> e : data.properties()) {
        JsonNode v = e.getValue();
        out.println(
            "  "
                + e.getKey()
                + " ".repeat(width - e.getKey().length() + 2)
                + (v.isTextual() ? v.asText() : Json.write(v)));
      }
    }
  }
}
