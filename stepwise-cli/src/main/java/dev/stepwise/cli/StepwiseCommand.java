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
    // Every command and sub-command takes -h/--help (and -V/--version) and exits 0 with its usage.
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = StepwiseCommand.Version.class,
    description = "Runs AWS Step Functions state machines, with AWS's behaviour, anywhere.",
    subcommands = {
      ServeCommand.class,
      RunCommand.class,
      TestStateCommand.class,
      ValidateCommand.class,
      MocksCommand.class,
      ExecutionsCommand.class,
      RedriveCommand.class,
      HistoryCommand.class,
      DescribeCommand.class,
      PolicyCommand.class,
      RolesCommand.class,
      EnvCommand.class,
      ResetCommand.class,
      HelpCommand.class
    })
public final class StepwiseCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, Environment environment) {
    CommandLine cli = new CommandLine(new StepwiseCommand(), new Factory(environment));
    cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
    cli.setParameterExceptionHandler(StepwiseCommand::badArguments);
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

  /**
   * A mistyped command line: picocli's message, then where to look. An option Stepwise does not
   * know is often one of Step Functions Local's, so the migration guide is named.
   */
  private static int badArguments(CommandLine.ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
        && unmatched.getUnmatched().stream().anyMatch(a -> a.startsWith("-"))) {
      err.println(
          "Step Functions Local's options and variables that Stepwise takes are listed in"
              + " docs/migrating-from-step-functions-local.md.");
    }
    err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
    return 2;
  }

  /** Builds the commands that read the environment with it; picocli builds the others. */
  private record Factory(Environment environment) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == ServeCommand.class) {
        return cls.cast(new ServeCommand(environment));
      }
      if (cls == EnvCommand.class) {
        return cls.cast(new EnvCommand(environment));
      }
      return CommandLine.defaultFactory().create(cls);
    }
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
