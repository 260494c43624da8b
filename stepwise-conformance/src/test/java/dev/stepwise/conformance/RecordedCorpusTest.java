package dev.stepwise.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.stepwise.integrations.mock.MockConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every AWS-recorded case through one runner, compared by the corpus README's rules; known failures
 * are skipped with their reason and fail the build once they pass. The summary counts each kind and
 * category.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RecordedCorpusTest {
  private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
  private CaseRunner runner;

  abstract CaseRunner newRunner(MockConfig mocks) throws Exception;

  abstract String label();

  @TestFactory
  Stream<DynamicTest> recordedCases() throws Exception {
    Path root = SharedCorpus.locate();
    if (root == null) {
      System.out.println(
          "NOTICE: ../shared/conformance/aws-recorded not found; the AWS-recorded corpus is"
              + " skipped (it exists in CI and on developer machines, not in a user's clone).");
      Assumptions.abort("AWS-recorded corpus not present");
    }
    KnownFailures knownFailures = KnownFailures.load();
    List<Path> files = SharedCorpus.caseFiles(root).toList();
    runner = newRunner(MergedMockConfig.of(root, files));
    return files.stream()
        .map(
            file -> {
              String name = root.relativize(file).toString();
              return DynamicTest.dynamicTest(name, () -> check(root, file, name, knownFailures));
            });
  }

  private void check(Path root, Path file, String name, KnownFailures knownFailures)
      throws Exception {
    RecordedCase c = RecordedCase.load(root, file);
    Tally tally =
        tallies.computeIfAbsent(
            c.category() + " (" + c.kind().name().toLowerCase(java.util.Locale.ROOT) + ")",
            k -> new Tally());
    CaseRunner.ApiCallsTarget api = runner.apiCalls();
    if (c.kind() == RecordedCase.Kind.API_CALLS && api == null) {
      tally.notRun++;
      Assumptions.abort("api_calls cases run over the HTTP API (AwsRecordedCorpusHttpTest)");
    }
    List<String> problems;
    try {
      problems =
          c.kind() == RecordedCase.Kind.API_CALLS
              ? new ApiCallsCase(c, api.client(), api.account(), api.region()).run()
              : Expectations.compare(c.document().get("expected"), runner.run(c), c.wildcards());
    } catch (Exception | AssertionError e) {
      problems = List.of("could not run: " + e);
    }
    String reason = knownFailures.reason(name);
    if (reason != null) {
      if (problems.isEmpty()) {
        tally.failed++;
        fail(name + " passes now: remove it from known-failures.tsv and docs/conformance.md");
      }
      tally.known++;
      Assumptions.abort("known failure: " + reason + "\n  " + String.join("\n  ", problems));
    }
    if (!problems.isEmpty()) {
      tally.failed++;
      fail(name + "\n  " + c.id() + "\n  " + String.join("\n  ", problems));
    }
    tally.passed++;
  }

  @AfterAll
  void summary() throws Exception {
    Tally all = new Tally();
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, Tally> e : new TreeMap<>(tallies).entrySet()) {
      Tally t = e.getValue();
      all.add(t);
      lines.append("  ").append(e.getKey()).append(": ").append(t).append('\n');
    }
    System.out.printf("AWS-recorded corpus (%s): %s%n%s", label(), all, lines);
    if (runner != null) {
      runner.close();
    }
  }

  /** One category's counts; each test updates only its own category's, one test at a time. */
  private static final class Tally {
    int passed;
    int failed;
    int known;
    int notRun;

    synchronized void add(Tally t) {
      passed += t.passed;
      failed += t.failed;
      known += t.known;
      notRun += t.notRun;
    }

    @Override
    public String toString() {
      return passed
          + " passed, "
          + failed
          + " failed, "
          + known
          + " known failures"
          + (notRun == 0 ? "" : ", " + notRun + " run over HTTP only");
    }
  }
}
