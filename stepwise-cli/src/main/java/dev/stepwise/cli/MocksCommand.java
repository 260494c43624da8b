package dev.stepwise.cli;

import dev.stepwise.integrations.mock.MockSkeleton;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise mocks DEFINITION}: a skeleton mock file covering every Task state. */
@Command(
    name = "mocks",
    description = "Prints a skeleton mock file (Step Functions Local's format) for a definition.")
final class MocksCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DEFINITION")
  Path definition;

  @Option(names = "--name", description = "State machine name in the file (default: file name)")
  String name;

  @Override
  public Integer call() throws Exception {
    String text;
    try {
      text = InputFiles.readDefinition(definition);
    } catch (InputFiles.UnreadableFileException e) {
      spec.commandLine().getErr().println("stepwise mocks: " + e.getMessage());
      return 1;
    }
    ParseResult parsed = new DefinitionParser(MachineType.STANDARD).parse(text);
    if (!parsed.valid()) {
      spec.commandLine().getErr().println("stepwise mocks: " + parsed.invalidDefinitionMessage());
      return 1;
    }
    String machineName = name != null ? name : RunCommand.stateMachineName(definition);
    spec.commandLine()
        .getOut()
        .println(
            Json.mapper()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(MockSkeleton.generate(parsed.machine(), machineName)));
    return 0;
  }
}
