package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The workload harness runs and checks every shared workload (correctness only, no timing). */
class WorkloadsSmokeTest {
  private static final Path WORKLOADS = Path.of("../../shared/bench/workloads");

  @Test
  void everyWorkloadRunsAndGivesTheRightOutput() {
    if (!Files.isDirectory(WORKLOADS)) {
      System.out.println("WorkloadsSmokeTest: ../shared/bench/workloads is absent; skipped");
      Assumptions.abort("../shared is absent");
    }
    assertThatCode(() -> Workloads.smoke(WORKLOADS)).doesNotThrowAnyException();
  }
}
