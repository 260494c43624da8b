package dev.stepwise.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** {@code bin/stepwise}: the one entry point. The only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, out, err, Environment.system()));
  }

  /** Runs a command line with the given streams and returns the exit code (testable in-process). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, Environment.EMPTY);
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)}, with these environment variables. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Environment environment) {
    CommandLine cli = StepwiseCommand.commandLine(out, err, environment);
    return cli.execute(
        args.length > 0 && args[0].equals("serve") ? ServeCommand.canonical(args) : args);
  }
}
