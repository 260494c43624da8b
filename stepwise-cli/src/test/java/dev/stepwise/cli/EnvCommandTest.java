package dev.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.language.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code stepwise env}: the lines that point the AWS CLI and SDKs at Stepwise. */
class EnvCommandTest {
  private static String env(Map<String, String> variables, String... args) {
    StringWriter out = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "env";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit =
        Main.run(
            all,
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            new Environment(variables));
    assertThat(exit).isZero();
    return out.toString();
  }

  @Test
  void theDefaultsPointAtALocalServe() {
    assertThat(env(Map.of()))
        .isEqualTo(
            """
            # Point the AWS CLI and SDKs at Stepwise: eval "$(bin/stepwise env)"
            export AWS_ENDPOINT_URL_SFN=http://127.0.0.1:8083
            export AWS_DEFAULT_REGION=us-east-1
            export AWS_ACCESS_KEY_ID=local
            export AWS_SECRET_ACCESS_KEY=local
            export AWS_DISABLE_HOST_PREFIX_INJECTION=true
            """);
  }

  @Test
  void theUsersOwnCredentialsAndRegionAreKept() {
    assertThat(
            env(
                Map.of("AWS_PROFILE", "dev", "AWS_DEFAULT_REGION", "eu-west-1"),
                "--endpoint",
                "http://stepwise.internal:9000"))
        .isEqualTo(
            """
            # Point the AWS CLI and SDKs at Stepwise: eval "$(bin/stepwise env)"
            export AWS_ENDPOINT_URL_SFN=http://stepwise.internal:9000
            export AWS_DEFAULT_REGION=eu-west-1
            export AWS_DISABLE_HOST_PREFIX_INJECTION=true
            """);
  }

  @Test
  void theAwsCliRunsStartSyncExecutionWithThoseLines() throws Exception {
    if (!AwsCli.installed()) {
      System.out.println("EnvCommandTest: the AWS CLI is not installed; skipped");
      Assumptions.abort("no aws CLI");
    }
    int port = ServeProcess.freePort();
    Process server = ServeProcess.start(port, "--store", "memory");
    try {
      new ApiClient(URI.create("http://127.0.0.1:" + port))
          .call(
              "CreateStateMachine",
              Json.NODES
                  .objectNode()
                  .put("name", "sync")
                  .put("type", "EXPRESS")
                  .put("roleArn", "arn:aws:iam::123456789012:role/test")
                  .put(
                      "definition",
                      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"));
      Path script = Files.createTempFile("env", ".sh");
      Files.writeString(
          script,
          "set -euo pipefail\n"
              + "eval \"$1\"\n"
              + "aws stepfunctions start-sync-execution --input '{\"x\":1}' --query"
              + " '[status,output]' --output text --state-machine-arn"
              + " arn:aws:states:us-east-1:123456789012:stateMachine:sync\n");
      ProcessBuilder builder =
          new ProcessBuilder(
                  "bash",
                  script.toString(),
                  env(Map.of(), "--endpoint", "http://127.0.0.1:" + port))
              .redirectErrorStream(true);
      builder.environment().keySet().removeIf(ServeProcess::configures);
      Process cli = builder.start();
      String text = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(text).isEqualTo("SUCCEEDED\t{\"x\":1}\n");
      Files.delete(script);
    } finally {
      server.destroy();
      server.waitFor();
    }
  }
}
