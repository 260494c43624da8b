package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, pasted: every {@code sh} block runs, in order, in one shell, against a
 * running server, with {@code bin/stepwise} and {@code examples/} as a fresh clone has them. A
 * block preceded by {@code <!-- not run by ReadmeQuickStartTest: why -->} is left out.
 */
class ReadmeQuickStartTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern BLOCK =
      Pattern.compile(
          "(<!-- not run by ReadmeQuickStartTest:[^>]*-->\\n)?```sh\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path clone;

  static List<String> runnableBlocks(String readme) {
    List<String> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      if (m.group(1) == null) {
        blocks.add(m.group(2));
      }
    }
    return blocks;
  }

  @Test
  void theQuickStartRunsAsWritten() throws Exception {
    if (!AwsCli.installed()) {
      System.out.println("ReadmeQuickStartTest: the AWS CLI is not installed; skipped");
      Assumptions.abort("no aws CLI");
    }
    String readme = Files.readString(REPO.resolve("README.md"));
    List<String> blocks = runnableBlocks(readme);
    assertThat(blocks).hasSizeGreaterThan(5);
    copy(REPO.resolve("examples"), clone.resolve("examples"));
    Path shim = Files.createDirectories(clone.resolve("bin")).resolve("stepwise");
    // bin/stepwise of this build, without its build step: the test's own class path.
    Files.writeString(
        shim,
        "#!/usr/bin/env bash\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' --enable-native-access=ALL-UNNAMED -cp '"
            + System.getProperty("java.class.path")
            + "' dev.stepwise.cli.Main \"$@\"\n");
    shim.toFile().setExecutable(true);
    Path script = clone.resolve("quickstart.sh");
    Files.writeString(script, "set -euo pipefail\nset -x\n" + String.join("\n", blocks));

    int port = ServeProcess.freePort();
    Process server = ServeProcess.start(port, "--store", "memory");
    try {
      ProcessBuilder builder =
          new ProcessBuilder("bash", script.toString())
              .directory(clone.toFile())
              .redirectErrorStream(true);
      builder.environment().keySet().removeIf(ServeProcess::configures);
      // Where the README's server listens: what `bin/stepwise env` and the views then use.
      builder.environment().put("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:" + port);
      Process shell = builder.start();
      String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(shell.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(shell.exitValue()).as(out).isZero();
      assertThat(out)
          .as(out)
          .contains(
              "Output:        {\"greeting\":\"Hello, World!\"}",
              "\"status\": \"SUCCEEDED\"",
              "Output:        {\"orders\":[1,2],\"report\":{\"count\":2},\"approval\":{\"approved\":true}}",
              "failed, as mocked",
              "Output:        {\"waited\":5}",
              "Redriven:      1 time",
              "afterResultSelector  {\"charged\":42}");
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
