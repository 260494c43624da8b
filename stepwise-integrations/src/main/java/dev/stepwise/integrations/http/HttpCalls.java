package dev.stepwise.integrations.http;

import dev.stepwise.integrations.TaskFailure;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** One HTTP exchange of the HTTP Task, with transport failures as the task's errors. */
final class HttpCalls {
  static final String SOCKET_ERROR = "States.Http.Socket";

  private HttpCalls() {}

  /**
   * Sends {@code request} and reads the whole answer. A call that outlasts {@code limit} or cannot
   * reach {@code endpoint} fails with {@code States.Http.Socket}; when {@code taskLimit}, the limit
   * was the task's own {@code TimeoutSeconds}, and the failure is {@code States.Timeout}.
   */
  static HttpResponse<byte[]> send(
      HttpClient client, HttpRequest request, URI endpoint, Duration limit, boolean taskLimit)
      throws TaskFailure, InterruptedException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      if (taskLimit) {
        // The engine's own timer reports the same States.Timeout; whichever comes first counts.
        throw new TaskFailure("States.Timeout", null);
      }
      throw new TaskFailure(
          SOCKET_ERROR,
          "The HTTP request to '" + endpoint + "' timed out after " + seconds(limit) + " seconds.");
    } catch (ConnectException e) {
      throw new TaskFailure(SOCKET_ERROR, "Could not connect to '" + endpoint + "'.");
    } catch (IOException e) {
      throw new TaskFailure(
          SOCKET_ERROR, "The HTTP request to '" + endpoint + "' failed: " + e.getMessage());
    }
  }

  /** Adds a header, or fails the task when Java's client refuses the name or value. */
  static void header(HttpRequest.Builder builder, String name, String value) throws TaskFailure {
    try {
      builder.header(name, value);
    } catch (IllegalArgumentException e) {
      throw TaskFailure.runtime(
          "The HTTP Task cannot send the header '" + name + "': " + e.getMessage());
    }
  }

  /** {@code Basic base64(user:password)}. */
  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
  }
}
