package dev.stepwise.integrations.aws;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * An open-source local stand-in for AWS services, run as a child process on a free loopback port
 * for tests: moto (SQS, SNS, DynamoDB, EventBridge, S3, Secrets Manager, SSM, KMS, STS) or dynalite
 * (DynamoDB). Absent from a machine, {@code start} returns empty and prints a notice, and the tests
 * that need it skip.
 */
public final class StandIn implements AutoCloseable {
  private final Process process;
  private final URI endpoint;

  private StandIn(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** {@code moto_server} from PATH. */
  public static Optional<StandIn> moto() throws IOException, InterruptedException {
    Path command = onPath("moto_server");
    if (command == null) {
      System.err.println(
          "NOTICE: moto_server is not on PATH; the tests against moto are skipped"
              + " (pip install 'moto[server]' provides it).");
      return Optional.empty();
    }
    return Optional.of(start(command, "-H", "127.0.0.1", "-p"));
  }

  /**
   * dynalite from {@code STEPWISE_DYNALITE}, PATH, or where {@code .ci/run} installs it ({@code
   * ~/.cache/stepwise-ci/dynalite}).
   */
  public static Optional<StandIn> dynalite() throws IOException, InterruptedException {
    String configured = System.getenv("STEPWISE_DYNALITE");
    Path command = configured != null ? Path.of(configured) : onPath("dynalite");
    if (command == null) {
      String cache = System.getenv("XDG_CACHE_HOME");
      Path base =
          cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
      command = base.resolve("stepwise-ci/dynalite/node_modules/.bin/dynalite");
    }
    if (!Files.isExecutable(command)) {
      System.err.println(
          "NOTICE: dynalite is not installed; the tests against it are skipped (.ci/run installs"
              + " it with npm; or set STEPWISE_DYNALITE to its command).");
      return Optional.empty();
    }
    // Tables are ACTIVE at once: the tests do not wait for CREATING to end.
    return Optional.of(start(command, "--createTableMs", "0", "--host", "127.0.0.1", "--port"));
  }

  /** Runs {@code command args... <port>} and waits, bounded, until the port accepts. */
  private static StandIn start(Path command, String... args)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> line = new ArrayList<>(List.of(command.toString()));
    line.addAll(List.of(args));
    line.add(String.valueOf(port));
    Process p =
        new ProcessBuilder(line)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    StandIn server = new StandIn(p, URI.create("http://127.0.0.1:" + port));
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline) && p.isAlive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return server;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    server.close();
    throw new IOException(command + " did not start on port " + port);
  }

  private static @Nullable Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
