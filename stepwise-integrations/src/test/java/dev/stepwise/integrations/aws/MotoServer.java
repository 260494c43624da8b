package dev.stepwise.integrations.aws;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The open-source moto server (a local stand-in for SQS, SNS, DynamoDB, EventBridge, S3, Secrets
 * Manager, SSM, KMS and STS) as a child process on loopback, for tests. Absent from a machine,
 * {@link #start()} returns empty and the tests skip with a printed notice.
 */
public final class MotoServer implements AutoCloseable {
  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Started and answering, or empty (with a notice on stderr) where moto is not installed. */
  public static Optional<MotoServer> start() throws IOException, InterruptedException {
    Path command = onPath("moto_server");
    if (command == null) {
      System.err.println(
          "NOTICE: moto_server is not on PATH; the tests against a local AWS stand-in are"
              + " skipped (pip install 'moto[server]' provides it).");
      return Optional.empty();
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(command.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    MotoServer server = new MotoServer(p, endpoint);
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline) && p.isAlive()) {
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return Optional.of(server);
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    server.close();
    throw new IOException("moto_server did not start on " + endpoint);
  }

  private static @Nullable Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : List.of(path.split(File.pathSeparator))) {
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
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
