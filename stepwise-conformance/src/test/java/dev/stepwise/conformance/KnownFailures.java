package dev.stepwise.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Cases known to fail, each with the reason (also listed in docs/conformance.md). A listed case
 * that starts passing fails the build, so the list only shrinks.
 */
final class KnownFailures {
  private final Map<String, String> reasons;

  private KnownFailures(Map<String, String> reasons) {
    this.reasons = reasons;
  }

  /**
   * Reads {@code known-failures.tsv}: {@code <case file>\t<reason>} per line, {@code #} comments.
   */
  static KnownFailures load() throws IOException {
    Map<String, String> reasons = new LinkedHashMap<>();
    try (InputStream in = KnownFailures.class.getResourceAsStream("/known-failures.tsv")) {
      if (in != null) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          int tab = line.indexOf('\t');
          reasons.put(
              tab < 0 ? line.strip() : line.substring(0, tab).strip(),
              tab < 0 ? "" : line.substring(tab + 1).strip());
        }
      }
    }
    return new KnownFailures(reasons);
  }

  @Nullable String reason(String caseFile) {
    return reasons.get(caseFile);
  }
}
