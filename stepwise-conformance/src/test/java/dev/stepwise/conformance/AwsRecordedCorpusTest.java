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

/**
 * Every AWS-recorded case, run in process with virtual time, compared by the corpus README's rules.
 */
class AwsRecordedCorpusTest {
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger KNOWN = new AtomicInteger();
  private static final AtomicInteger FAILED = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> recordedCases() throws Exception {
    Path root = SharedCorpus.locate();
    if (root == null) {
      System.out.println(
          "NOTICE: ../shared/conformance/aws-recorded not found; the AWS-recorded corpus is"
              + " skipped (it exists in CI and on developer machines, not in a user's clone).");
      Assumptions.abort("AWS-recorded corpus not present");
    }
    KnownFailures known = KnownFailures.load();
    CaseRunner runner = new InProcessRunner();
    return SharedCorpus.caseFiles(root)
        .map(
            file -> {
              String name = root.relativize(file).toString();
              return DynamicTest.dynamicTest(name, () -> check(root, file, name, runner, known));
            });
  }

  private static void check(
      Path root, Path file, String name, CaseRunner runner, KnownFailures known) throws Exception {
    RecordedCase c = RecordedCase.load(root, file);
    List<String> problems;
    try {
      problems = Expectations.compare(c.document().get("expected"), runner.run(c), c.wildcards());
    } catch (Exception | AssertionError e) {
      problems = List.of("could not run: " + e);
    }
    String reason = known.reason(name);
    if (reason != null) {
      if (problems.isEmpty()) {
        fail(name + " passes now: remove it from known-failures.tsv and docs/conformance.md");
      }
      KNOWN.incrementAndGet();
      Assumptions.abort("known failure: " + reason);
    }
    if (!problems.isEmpty()) {
      FAILED.incrementAndGet();
      fail(c.id() + "\n  " + String.join("\n  ", problems));
    }
    PASSED.incrementAndGet();
  }

  @AfterAll
  static void summary() {
    System.out.printf(
        "AWS-recorded corpus (in process): %d passed, %d failed, %d known failures%n",
        PASSED.get(), FAILED.get(), KNOWN.get());
  }
}
