package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code serve} in a process of its own, on this test's class path, started until ready. */
final class ServeProcess {
  private ServeProcess() {}

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts {@code serve --port port} with {@code storeArgs} and returns once it has printed the one
   * line it prints when ready (its log lines on stderr, merged here, may come first).
   */
  static Process start(int port, String... storeArgs) throws IOException {
    return start(port, Map.of(), storeArgs);
  }

  /**
   * As {@link #start(int, String...)}, with these environment variables set and every {@code
   * AWS_*}, {@code SFN_*} and Step Functions Local variable of this JVM's environment removed, so
   * that the machine's own settings cannot leak into a test.
   */
  static Process start(int port, Map<String, String> env, String... storeArgs) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.stepwise.cli.Main",
                "serve",
                "--port",
                String.valueOf(port)));
    command.addAll(List.of(storeArgs));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(ServeProcess::configures);
    // A task that reaches AWS's default endpoints must not look for an EC2 instance's role.
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    builder.environment().putAll(env);
    Process p = builder.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    // Log lines (stderr, merged here) and notes may come before the ready line; a bounded few.
    for (int skipped = 0;
        line != null && !line.startsWith("Stepwise serving") && skipped < 50;
        skipped++) {
      line = out.readLine();
    }
    assertThat(line).startsWith("Stepwise serving the Step Functions API");
    return p;
  }

  /** Whether a variable is one Stepwise (or an AWS SDK it uses) reads. */
  static boolean configures(String variable) {
    return variable.startsWith("AWS_")
        || variable.startsWith("SFN_")
        || variable.endsWith("_ENDPOINT")
        || variable.equals("WAIT_TIME_SCALE")
        || variable.startsWith("STEPWISE_");
  }

  /**
   * One API call with {@code fields} as its request; CreateStateMachine gets a role. Fails the test
   * on an API error.
   */
  static com.fasterxml.jackson.databind.JsonNode call(
      ApiClient api, String op, Map<String, Object> fields) throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode body =
        dev.stepwise.language.json.Json.NODES.objectNode();
    fields.forEach((k, v) -> body.set(k, dev.stepwise.language.json.Json.mapper().valueToTree(v)));
    if (op.equals("CreateStateMachine")) {
      body.put("roleArn", "arn:aws:iam::123456789012:role/crash");
    }
    return api.call(op, body);
  }

  /** Waits (spinning) until no execution is RUNNING; fails after a minute. */
  static void awaitNothingRunning(ApiClient api) throws Exception {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      com.fasterxml.jackson.databind.JsonNode running =
          call(api, "ListExecutions", Map.of("statusFilter", "RUNNING", "maxResults", 1000));
      if (running.path("executions").isEmpty()) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("executions still running after a minute");
  }
}
