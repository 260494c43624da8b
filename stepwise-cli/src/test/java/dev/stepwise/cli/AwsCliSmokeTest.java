package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A second real client: {@code scripts/aws-cli-smoke.sh} drives a {@code serve} process with the
 * AWS CLI (create, start, describe, history). Skipped, with a notice, where the CLI is absent.
 */
class AwsCliSmokeTest {
  private static final Path SCRIPT = Path.of("../scripts/aws-cli-smoke.sh");

  @Test
  void theAwsCliDrivesTheServer() throws Exception {
    if (!AwsCli.installed()) {
      System.out.println("AwsCliSmokeTest: the AWS CLI is not installed; skipped");
      Assumptions.abort("no aws CLI");
    }
    int port = ServeProcess.freePort();
    Process server = ServeProcess.start(port, "--store", "memory");
    try {
      Process smoke =
          new ProcessBuilder("bash", SCRIPT.toString(), "http://127.0.0.1:" + port)
              .redirectErrorStream(true)
              .start();
      String text = new String(smoke.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(smoke.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(text).endsWith("aws-cli-smoke: create, start, describe and history agree\n");
      assertThat(smoke.exitValue()).isZero();
    } finally {
      server.destroy();
      server.waitFor();
    }
  }
}
