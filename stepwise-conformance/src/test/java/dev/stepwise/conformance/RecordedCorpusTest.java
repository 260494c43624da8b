package dev.stepwise.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every AWS-recorded case through one runner, compared by the corpus README's rules; known failures
 * are skipped with their reason and fail the build once they pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RecordedCorpusTest {
  private final AtomicInteger passed = new AtomicInteger();
  private final AtomicInteger known = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private CaseRunner runner;

  abstract CaseRunner newRunner() throws Exception;

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
    runner = newRunner();
    return SharedCorpus.caseFiles(root)
        .map(
            file -> {
              String name = root.relativize(file).toString();
              return DynamicTest.dynamicTest(name, () -> check(root, file, name, knownFailures));
            });
  }

  private void check(Path root, Path file, String name, KnownFailures knownFailures)
      throws Exception {
    RecordedCase c = RecordedCase.load(root, file);
    List<String> problems;
    try {
      problems = Expectations.compare(c.document().get("expected"), runner.run(c), c.wildcards());
    } catch (Exception | AssertionError e) {
      problems = List.of("could not run: " + e);
    }
    String reason = knownFailures.reason(name);
    if (reason != null) {
      if (problems.isEmpty()) {
        fail(name + " passes now: remove it from known-failures.tsv and docs/conformance.md");
      }
      known.incrementAndGet();
      Assumptions.abort("known failure: " + reason);
    }
    if (!problems.isEmpty()) {
      failed.incrementAndGet();
      fail(c.id() + "\n  " + String.join("\n  ", problems));
    }
    passed.incrementAndGet();
  }

  @AfterAll
  void summary() throws Exception {
    System.out.printf(
        "AWS-recorded corpus (%s): %d passed, %d failed, %d known failures%n",
        label(), passed.get(), failed.get(), known.get());
    if (runner instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
