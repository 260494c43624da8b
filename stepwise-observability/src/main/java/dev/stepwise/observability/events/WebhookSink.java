package dev.stepwise.observability.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each event as JSON to a URL; any 2xx answer is a delivery, anything else (another status, a
 * refused connection, a timeout) is tried again later.
 */
final class WebhookSink implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);

  private final String name;
  private final URI url;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final HttpClient client;

  WebhookSink(String name, URI url, Map<String, String> headers, Duration timeout) {
    this.name = name;
    this.url = url;
    this.headers = Map.copyOf(headers);
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean deliver(String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      HttpResponse<Void> response =
          client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        return true;
      }
      LOG.warn(
          "Event sink {} answered HTTP {}; the event is sent again later",
          name,
          response.statusCode());
      return false;
    } catch (IOException e) {
      LOG.warn(
          "Event sink {} is not reachable ({}); the event is sent again later",
          name,
          e.getClass().getSimpleName());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String describe() {
    return "webhook " + url.getScheme() + "://" + url.getAuthority() + url.getPath();
  }

  @Override
  public void close() {
    client.close();
  }
}
