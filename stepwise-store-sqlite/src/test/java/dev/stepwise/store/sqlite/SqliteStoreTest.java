package dev.stepwise.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.runtime.Trigger;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.engine.store.ExecutionStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends ExecutionStoreContract {
  @TempDir Path dir;
  private final List<SqliteStore> opened = new ArrayList<>();

  @Override
  protected ExecutionStore store() {
    try {
      SqliteStore s = SqliteStore.open(dir.resolve("data-" + opened.size()));
      opened.add(s);
      return s;
    } catch (SqliteStore.StoreUnavailableException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected boolean keepsJournal() {
    return true;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(SqliteStore::close);
  }

  @Test
  void everythingSurvivesAReopen() throws Exception {
    Path data = dir.resolve("reopen");
    ExecutionSpec spec = spec("kept", T0);
    try (SqliteStore store = SqliteStore.open(data)) {
      store
          .append(step(spec, 0, new Trigger.Start(), ExecutionStatus.RUNNING, 1, 2))
          .get(10, TimeUnit.SECONDS);
    }
    try (SqliteStore store = SqliteStore.open(data)) {
      assertThat(store.running())
          .extracting(r -> r.spec().executionArn())
          .containsExactly(spec.executionArn());
      assertThat(store.history(spec.executionArn())).hasSize(2);
      assertThat(store.journal(spec.executionArn())).hasSize(1);
    }
  }

  @Test
  void closedExecutionsArePurgedAfterRetention() throws Exception {
    try (SqliteStore store = SqliteStore.open(dir.resolve("purge"))) {
      store
          .append(step(spec("old", T0), 0, new Trigger.Start(), ExecutionStatus.SUCCEEDED, 1, 1))
          .get(10, TimeUnit.SECONDS);
      store
          .append(step(spec("live", T0), 0, new Trigger.Start(), ExecutionStatus.RUNNING, 1, 1))
          .get(10, TimeUnit.SECONDS);
      assertThat(store.purgeClosedBefore(T0.plusSeconds(10))).isEqualTo(1);
      assertThat(store.find(spec("old", T0).executionArn())).isEmpty();
      assertThat(store.find(spec("live", T0).executionArn())).isPresent();
    }
  }

  @Test
  void aCorruptDatabaseIsAClearError() throws Exception {
    Path data = Files.createDirectories(dir.resolve("corrupt"));
    Files.writeString(
        data.resolve("stepwise.db"), "this is not a database, just some text ".repeat(200));
    assertThatThrownBy(() -> SqliteStore.open(data))
        .isInstanceOf(SqliteStore.StoreUnavailableException.class)
        .hasMessageStartingWith(
            "cannot open the Stepwise database at " + data.toAbsolutePath().resolve("stepwise.db"))
        .hasMessageContaining("not a database");
  }

  @Test
  void aDataDirInUseIsAClearError() throws Exception {
    Path data = dir.resolve("shared");
    try (SqliteStore first = SqliteStore.open(data)) {
      assertThat(first.dataDir()).isEqualTo(data.toAbsolutePath());
      assertThatThrownBy(() -> SqliteStore.open(data))
          .isInstanceOf(SqliteStore.StoreUnavailableException.class)
          .hasMessage(
              "the data directory "
                  + data.toAbsolutePath()
                  + " is in use by another Stepwise process");
    }
  }

  @Test
  void anUnusableDataDirIsAClearError() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertThatThrownBy(() -> SqliteStore.open(file.resolve("data")))
        .isInstanceOf(SqliteStore.StoreUnavailableException.class)
        .hasMessageStartingWith(
            "cannot create the data directory " + file.toAbsolutePath().resolve("data"));
  }
}
