package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stepwise reset}: the store goes, but never while a server holds it. */
class ResetCommandTest {
  @TempDir Path dir;

  @Test
  void withoutYesItOnlySaysWhatItWouldDo() throws Exception {
    Path data = dir.resolve("data");
    SqliteStore.open(data).close();
    assertThat(CliRun.run("reset", "--data-dir", data.toString()))
        .isEqualTo(
            new CliRun(
                1,
                "This deletes the Stepwise data in " + data + ". Run again with --yes to do it.\n",
                ""));
    assertThat(data.resolve("stepwise.db")).exists();
  }

  @Test
  void withYesTheDataDirectoryGoes() throws Exception {
    Path data = dir.resolve("data");
    SqliteStore.open(data).close();
    assertThat(CliRun.run("reset", "--data-dir", data.toString(), "--yes"))
        .isEqualTo(new CliRun(0, "Deleted the Stepwise data in " + data + "\n", ""));
    assertThat(data).doesNotExist();
    assertThat(CliRun.run("reset", "--data-dir", data.toString(), "--yes"))
        .isEqualTo(new CliRun(0, "Nothing to delete in " + data + "\n", ""));
  }

  @Test
  void aRunningServersDirectoryIsKept() throws Exception {
    Path data = dir.resolve("data");
    try (SqliteStore held = SqliteStore.open(data)) {
      assertThat(held.dataDir()).isEqualTo(data);
      assertThat(CliRun.run("reset", "--data-dir", data.toString(), "--yes"))
          .isEqualTo(
              new CliRun(
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
    assertThat(CliRun.run("reset", "--data-dir", other.toString(), "--yes"))
        .isEqualTo(
            new CliRun(
                1,
                "",
                "stepwise reset: " + other + " holds no Stepwise store; nothing was deleted\n"));
    assertThat(other.resolve("cat.txt")).exists();
  }
}
