package dev.stepwise.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** {@code bin/stepwise}: the one entry point. The only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, out, err));
  }

  /** Runs a command line with the given streams and returns the exit code (testable in-process). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = StepwiseCommand.commandLine(out, err);
    return cli.execute(args);
  }
}
