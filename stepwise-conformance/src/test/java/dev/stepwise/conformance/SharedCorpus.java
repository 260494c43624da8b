package dev.stepwise.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Finds the AWS-recorded corpus: {@code -Dstepwise.shared=DIR}, else {@code ../shared} beside the
 * repository. It exists in CI and on developer machines, not in a user's clone.
 */
final class SharedCorpus {
  private SharedCorpus() {}

  static @Nullable Path locate() {
    String configured = System.getProperty("stepwise.shared");
    if (configured != null) {
      Path p = Path.of(configured, "conformance", "aws-recorded");
      return Files.isDirectory(p) ? p : null;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw"))) {
        Path p = dir.resolveSibling("shared").resolve("conformance").resolve("aws-recorded");
        return Files.isDirectory(p) ? p : null;
      }
    }
    return null;
  }

  static Stream<Path> caseFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk
          .filter(p -> p.toString().endsWith(".json"))
          .filter(p -> !p.getFileName().toString().equals("extraction-summary.json"))
          .sorted()
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
