package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.store.sqlite.SqliteStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stepwise reset}: the store goes, but never while a server holds it. */
class ResetCommandTest {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void withoutYesItOnlySaysWhatItWouldDo() throws Exception {
    Path data = dir.resolve("data");
    SqliteStore.open(data).close();
    assertThat(run("reset", "--data-dir", data.toString()))
        .isEqualTo(
            new Result(
                1,
                "This deletes the Stepwise data in " + data + ". Run again with --yes to do it.\n",
                ""));
    assertThat(data.resolve("stepwise.db")).exists();
  }

  @Test
  void withYesTheDataDirectoryGoes() throws Exception {
    Path data = dir.resolve("data");
    SqliteStore.open(data).close();
    assertThat(run("reset", "--data-dir", data.toString(), "--yes"))
        .isEqualTo(new Result(0, "Deleted the Stepwise data in " + data + "\n", ""));
    assertThat(data).doesNotExist();
    assertThat(run("reset", "--data-dir", data.toString(), "--yes"))
        .isEqualTo(new Result(0, "Nothing to delete in " + data + "\n", ""));
  }

  @Test
  void aRunningServersDirectoryIsKept() throws Exception {
    Path data = dir.resolve("data");
    try (SqliteStore held = SqliteStore.open(data)) {
      assertThat(held.dataDir()).isEqualTo(data);
      assertThat(run("reset", "--data-dir", data.toString(), "--yes"))
          .isEqualTo(
              new Result(
                  1,
                  "",
                  "stepwise reset: the data directory "
                      + data
                      + " is in use by a running Stepwise; stop it first\n"));
      assertThat(data.resolve("stepwise.db")).exists();
    }
  }

  @Test
  void aFolderWithoutAStoreIsNotEmptied() throws Exception {
    Path other = Files.createDirectories(dir.resolve("photos"));
    Files.writeString(other.resolve("cat.txt"), "meow");
    assertThat(run("reset", "--data-dir", other.toString(), "--yes"))
        .isEqualTo(
            new Result(
                1,
                "",
                "stepwise reset: " + other + " holds no Stepwise store; nothing was deleted\n"));
    assertThat(other.resolve("cat.txt")).exists();
  }
}
