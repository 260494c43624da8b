package dev.stepwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import dev.stepwise.security.generator.PolicyGenerator;
import dev.stepwise.security.generator.StateMachineNameResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise policy FILE}: the least-privilege role policy a definition needs. */
@Command(
    name = "policy",
    description = {
      "Prints the IAM policy a state machine's role needs to run this definition, as the AWS"
          + " console generates it (Step Functions and Lambda tasks; others are listed on stderr)."
    })
final class PolicyCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "ASL definition (JSON file)")
  Path file;

  @Option(names = "--region", description = "Region of the ARNs (default us-east-1)")
  String region = "us-east-1";

  @Option(names = "--account", description = "Account id of the ARNs (default 123456789012)")
  String account = "123456789012";

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text;
    try {
      text = InputFiles.readDefinition(file);
    } catch (InputFiles.UnreadableFileException e) {
      err.println("stepwise policy: " + e.getMessage());
      return 1;
    }
    ParseResult parsed = new DefinitionParser(MachineType.STANDARD).parse(text);
    if (!parsed.valid()) {
      err.println("stepwise policy: " + file + ": " + parsed.invalidDefinitionMessage());
      return 1;
    }
    JsonNode definition = parsed.machine().definition();
    for (String task : PolicyGenerator.uncoveredTasks(definition)) {
      err.println("stepwise policy: not covered, add its permissions by hand: " + task);
    }
    try {
      out.println(
          Json.mapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(
                  PolicyGenerator.generate(
                      definition, region, account, StateMachineNameResolver.fromArn())));
    } catch (IllegalArgumentException e) {
      err.println("stepwise policy: " + e.getMessage());
      return 1;
    }
    return 0;
  }
}
