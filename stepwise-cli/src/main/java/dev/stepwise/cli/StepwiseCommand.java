package dev.stepwise.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command; sub-commands are the user-facing verbs. */
@Command(
    name = "stepwise",
    mixinStandardHelpOptions = true,
    versionProvider = StepwiseCommand.Version.class,
    description = "Runs AWS Step Functions state machines, with AWS's behaviour, anywhere.",
    subcommands = {
      ServeCommand.class,
      RunCommand.class,
      ValidateCommand.class,
      MocksCommand.class,
      ExecutionsCommand.class,
      HistoryCommand.class,
      DescribeCommand.class,
      PolicyCommand.class,
      RolesCommand.class
    })
public final class StepwiseCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new StepwiseCommand());
    // "@file" is ours (run --input @file): picocli must not expand it into arguments.
    cli.setExpandAtFiles(false);
    cli.setOut(out);
    cli.setErr(err);
    // A failure the commands did not foresee is still one clear line, never a stack trace.
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("stepwise: internal error: " + ex);
          return 2;
        });
    return cli;
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties props = new Properties();
      try (InputStream in = StepwiseCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          props.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"stepwise " + props.getProperty("version", "unknown")};
    }
  }
}
