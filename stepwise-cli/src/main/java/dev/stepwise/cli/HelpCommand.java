package dev.stepwise.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stepwise help [COMMAND...]}: the usage of a command or sub-command ({@code help roles
 * add}), where picocli's own help command stops at the first word.
 */
@Command(
    name = "help",
    helpCommand = true,
    description = "Shows the usage of a command: stepwise help serve, stepwise help roles add.")
final class HelpCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command's words")
  List<String> words = List.of();

  @Override
  public Integer call() {
    CommandLine command = spec.parent().commandLine();
    for (String word : words) {
      CommandLine sub = command.getSubcommands().get(word);
      if (sub == null) {
        spec.commandLine()
            .getErr()
            .println(
                "stepwise help: no command '"
                    + String.join(" ", words)
                    + "'; 'stepwise help' lists them");
        return 2;
      }
      command = sub;
    }
    command.usage(spec.commandLine().getOut());
    return 0;
  }
}
