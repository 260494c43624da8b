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
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    for (int skipped = 0; line != null && line.contains(" Server - ") && skipped < 20; skipped++) {
      line = out.readLine();
    }
    assertThat(line).startsWith("Stepwise serving the Step Functions API");
    return p;
  }
}
