package dev.stepwise.cli;

import dev.stepwise.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stepwise reset}: deletes the SQLite store, so that the next serve starts empty. */
@Command(
    name = "reset",
    description = {
      "Deletes every state machine, execution and activity that serve keeps in its data directory.",
      "Refused while a server uses the directory. Without --yes, only says what it would delete."
    })
final class ResetCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data-dir",
      description = "The data directory (default ~/.stepwise/data; STEPWISE_DATA_DIR)")
  Path dataDir = ServeCommand.DEFAULT_DATA_DIR;

  @Option(names = "--yes", description = "Delete without asking")
  boolean yes;

  @Override
  public Integer call() {
    Path dir = dataDir.toAbsolutePath();
    if (!yes) {
      spec.commandLine()
          .getOut()
          .println("This deletes the Stepwise data in " + dir + ". Run again with --yes to do it.");
      return 1;
    }
    try {
      boolean erased = SqliteStore.erase(dir);
      spec.commandLine()
          .getOut()
          .println(erased ? "Deleted the Stepwise data in " + dir : "Nothing to delete in " + dir);
      return 0;
    } catch (SqliteStore.StoreUnavailableException e) {
      spec.commandLine().getErr().println("stepwise reset: " + e.getMessage());
      return 1;
    }
  }
}
