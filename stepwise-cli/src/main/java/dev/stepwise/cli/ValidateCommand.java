package dev.stepwise.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code stepwise validate FILE}: placeholder until the parser lands. */
@Command(name = "validate", description = "Validates a state machine definition.")
final class ValidateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
