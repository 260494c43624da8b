package dev.stepwise.integrations;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** An HTTP server on 127.0.0.1 that records requests and answers by path. */
public final class TestServer implements AutoCloseable {

  /** A request as the server saw it. */
  public record Request(String method, String pathAndQuery, Headers headers, String body) {
    public String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** An answer. */
  public record Response(int status, Map<String, String> headers, String body) {
    public static Response json(int status, String body) {
      return new Response(status, Map.of("Content-Type", "application/json"), body);
    }
  }

  /** Decides the answer to a request (may block, e.g. to test timeouts). */
  @FunctionalInterface
  public interface Handler {
    Response answer(Request request) throws Exception;
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

  public TestServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers requests whose path is {@code path}. */
  public TestServer on(String path, Handler handler) {
    handlers.put(path, handler);
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath()
                  + (exchange.getRequestURI().getRawQuery() == null
                      ? ""
                      : "?" + exchange.getRequestURI().getRawQuery()),
              exchange.getRequestHeaders(),
              body);
      requests.add(request);
      Handler handler = handlers.get(exchange.getRequestURI().getPath());
      Response response;
      try {
        response =
            handler == null ? new Response(404, Map.of(), "no handler") : handler.answer(request);
      } catch (Exception e) {
        response = new Response(500, Map.of(), e.toString());
      }
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
