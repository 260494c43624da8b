package dev.stepwise.cli;

import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.Diagnostic;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise validate FILE}: every diagnostic of a definition, one a line. */
@Command(
    name = "validate",
    description = {
      "Validates a state machine definition as CreateStateMachine does.",
      "Prints 'valid' (exit 0) or every diagnostic, one a line (exit 1)."
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "ASL definition (JSON file)")
  Path file;

  @Option(
      names = "--type",
      paramLabel = "STANDARD|EXPRESS",
      description = "State machine type (default STANDARD)")
  MachineType type = MachineType.STANDARD;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text;
    try {
      text = InputFiles.readDefinition(file);
    } catch (InputFiles.UnreadableFileException e) {
      err.println("stepwise validate: " + e.getMessage());
      return 1;
    }
    if (text.isBlank()) {
      err.println("stepwise validate: " + file + ": the file is empty");
      return 1;
    }
    ParseResult result = new DefinitionParser(type).parse(text);
    for (Diagnostic d : result.diagnostics()) {
      String message = d.message().replace('\n', ' ');
      out.println(
          d.severity()
              + " "
              + d.code()
              + " "
              + (d.location() == null ? "-" : d.location())
              + ": "
              + message);
    }
    if (result.valid()) {
      out.println("valid");
      return 0;
    }
    return 1;
  }
}
