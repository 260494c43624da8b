package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    if (!onPath("aws")) {
      System.out.println("AwsCliSmokeTest: the AWS CLI is not installed; skipped");
      Assumptions.abort("no aws CLI");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process server =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.stepwise.cli.Main",
                "serve",
                "--port",
                String.valueOf(port),
                "--store",
                "memory")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).startsWith("Stepwise serving the Step Functions API");
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

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
