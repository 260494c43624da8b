package dev.stepwise.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** A command line run in process with captured streams: its exit code and exact output. */
record CliRun(int exit, String out, String err) {
  static CliRun run(String... args) {
    return run(Map.of(), args);
  }

  static CliRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            args, new PrintWriter(out, true), new PrintWriter(err, true), new Environment(env));
    return new CliRun(exit, out.toString(), err.toString());
  }
}
