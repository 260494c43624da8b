package dev.stepwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.HistoryJson;
import dev.stepwise.engine.local.LocalRuntime;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.MachineType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise run}: one execution in this process, with an in-memory store. */
@Command(
    name = "run",
    description = {
      "Runs one execution of a state machine in this process and prints its output",
      "(or its error and cause). Exit code 0 when it SUCCEEDED, 1 otherwise."
    })
final class RunCommand implements Callable<Integer> {
  /** AWS's limit on execution input. */
  private static final int MAX_INPUT_CHARS = 262_144;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DEFINITION", description = "ASL definition (JSON file)")
  Path definition;

  @Option(
      names = "--input",
      paramLabel = "JSON|@FILE",
      description = "Execution input: JSON text, or @file (default {})")
  String input = "{}";

  @Option(names = "--history", description = "Also print the history as GetExecutionHistory does")
  boolean history;

  @Option(
      names = "--fast-time",
      description = "Skip waits, retry backoffs and timeouts instantly (virtual timestamps)")
  boolean fastTime;

  @Option(
      names = "--type",
      paramLabel = "STANDARD|EXPRESS",
      description = "State machine type (default STANDARD)")
  MachineType type = MachineType.STANDARD;

  @picocli.CommandLine.Mixin MockOptions mocks;

  @Option(names = "--test-case", description = "The mock file's test case to run")
  String testCase;

  @Option(
      names = "--state-machine",
      paramLabel = "NAME=FILE",
      description = "A state machine nested tasks may start (repeatable)")
  List<String> stateMachines = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    dev.stepwise.integrations.mock.MockConfig mockConfig;
    try {
      mockConfig = mocks.load();
    } catch (InputFiles.UnreadableFileException e) {
      err.println("stepwise run: " + e.getMessage());
      return 1;
    } catch (dev.stepwise.integrations.mock.MockConfigException e) {
      err.println("stepwise run: " + MockOptions.problems(e));
      return 1;
    }
    java.util.Optional<String> selected = java.util.Optional.ofNullable(testCase);
    LocalRuntime runtime =
        new LocalRuntime(
            EngineSettings.DEFAULTS,
            fastTime,
            Instant.now(),
            System.nanoTime(),
            MockOptions.wrap(mockConfig, request -> selected));
    String mainName = stateMachineName(definition);
    JsonNode inputJson;
    try {
      runtime.register(mainName, InputFiles.readDefinition(definition), type);
      for (String entry : stateMachines) {
        int eq = entry.indexOf('=');
        if (eq <= 0) {
          err.println("stepwise run: --state-machine takes NAME=FILE, got '" + entry + "'");
          return 2;
        }
        Path file = Path.of(entry.substring(eq + 1));
        runtime.register(
            entry.substring(0, eq), InputFiles.readDefinition(file), MachineType.STANDARD);
      }
      String inputText =
          input.startsWith("@")
              ? InputFiles.read(Path.of(input.substring(1)), MAX_INPUT_CHARS, "input")
              : input;
      inputJson = Json.parse(inputText);
    } catch (InputFiles.UnreadableFileException | LocalRuntime.InvalidDefinitionException e) {
      err.println("stepwise run: " + e.getMessage());
      return 1;
    } catch (JsonProcessingException e) {
      err.println("stepwise run: the input is not JSON: " + e.getOriginalMessage());
      return 1;
    }
    Execution e = runtime.run(mainName, inputJson, history);
    if (history) {
      out.println(Json.write(HistoryJson.page(e.history())));
    }
    if (e.status() == ExecutionStatus.SUCCEEDED) {
      out.println(Json.write(e.output()));
      return 0;
    }
    // A failure is printed as JSON too, so scripts can read it: {"status", "error", "cause"}.
    var failure = Json.NODES.objectNode();
    failure.put("status", e.status().name());
    if (e.error() != null) {
      failure.put("error", e.error());
    }
    if (e.cause() != null) {
      failure.put("cause", e.cause());
    }
    out.println(Json.write(failure));
    return 1;
  }

  /** The file name without its extensions, made a valid state machine name. */
  static String stateMachineName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String cleaned = base.replaceAll("[^A-Za-z0-9_-]", "-");
    return cleaned.isEmpty() ? "main" : cleaned.substring(0, Math.min(80, cleaned.length()));
  }
}
