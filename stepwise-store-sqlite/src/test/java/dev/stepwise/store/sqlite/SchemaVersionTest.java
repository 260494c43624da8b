package dev.stepwise.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The store skips Flyway on an up-to-date database: its notion of "up to date" must be right. */
class SchemaVersionTest {
  @Test
  void theSchemaVersionIsTheNewestMigration() throws IOException {
    int newest;
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/sqlite"))) {
      newest =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.matches("V\\d+__.*\\.sql"))
              .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
              .max()
              .orElseThrow();
    }
    assertThat(SqliteStore.SCHEMA_VERSION).isEqualTo(newest);
  }
}
