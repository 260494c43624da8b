package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client snippets of docs/clients.md, run as written against a server (its address put in place
 * of 127.0.0.1:8083): each creates an EXPRESS state machine and prints the status of a
 * StartSyncExecution, which only succeeds with the host prefix turned off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientsTest {
  private static final Path DOC = Path.of("..", "docs", "clients.md");

  @TempDir Path dir;
  private Process server;
  private int port;

  @BeforeAll
  void startServer() throws Exception {
    port = ServeProcess.freePort();
    server = ServeProcess.start(port, "--store", "memory");
  }

  @AfterAll
  void stopServer() throws Exception {
    server.destroy();
    server.waitFor();
  }

  static String snippet(String language) throws Exception {
    Matcher m =
        Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(DOC));
    assertThat(m.find()).as("a ```" + language + " block in docs/clients.md").isTrue();
    return m.group(1);
  }

  private String run(List<String> command, String file, String code, String nodePath)
      throws Exception {
    Path script =
        Files.writeString(dir.resolve(file), code.replace("127.0.0.1:8083", "127.0.0.1:" + port));
    ProcessBuilder builder =
        new ProcessBuilder(
                java.util.stream.Stream.concat(
                        command.stream(), java.util.stream.Stream.of(script.toString()))
                    .toList())
            // Standard error apart: Node.js warns there about its version, boto3 may too.
            .redirectError(dir.resolve(file + ".err").toFile());
    builder.environment().keySet().removeIf(ServeProcess::configures);
    if (nodePath != null) {
      builder.environment().put("NODE_PATH", nodePath);
    }
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static boolean succeeds(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void boto3() throws Exception {
    if (!succeeds("python3", "-c", "import boto3")) {
      System.out.println("ClientsTest: python3 with boto3 is not installed; boto3 skipped");
      Assumptions.abort("no boto3");
    }
    assertThat(run(List.of("python3"), "client.py", snippet("python"), null))
        .isEqualTo("SUCCEEDED\n");
  }

  @Test
  void javascriptV3() throws Exception {
    String nodePath = System.getenv("NODE_PATH");
    if (!AwsCli.onPath("node")
        || nodePath == null
        || !Files.isDirectory(Path.of(nodePath, "@aws-sdk", "client-sfn"))) {
      System.out.println(
          "ClientsTest: Node.js with @aws-sdk/client-sfn on NODE_PATH is not here (.ci/run"
              + " installs it); the JavaScript v3 snippet is skipped");
      Assumptions.abort("no @aws-sdk/client-sfn");
    }
    assertThat(run(List.of("node"), "client.js", snippet("js"), nodePath)).isEqualTo("SUCCEEDED\n");
  }
}
