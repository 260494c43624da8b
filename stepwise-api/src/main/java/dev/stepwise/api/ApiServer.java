package dev.stepwise.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Step Functions API over AWS JSON 1.0: {@code POST /} with {@code X-Amz-Target:
 * AWSStepFunctions.<Operation>}, on the JDK HTTP server with a virtual thread per request. Any host
 * name is served, {@code sync-} prefixed ones included (StartSyncExecution).
 */
public final class ApiServer implements AutoCloseable {
  private static final String TARGET_PREFIX = "AWSStepFunctions.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  /** AWS's request limit: 1 MiB of definition plus the envelope. */
  private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Operations operations;
  private final @Nullable ApiAuth auth;
  private final HttpContext context;
  private final Map<String, HttpHandler> getRoutes = new ConcurrentHashMap<>();
  private volatile CallListener listener = CallListener.NONE;
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private ApiServer(HttpServer server, StepFunctionsService service, @Nullable ApiAuth auth) {
    this.server = server;
    this.auth = auth;
    this.operations = new Operations(service);
    this.context = server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  /**
   * Serves {@code GET path} with {@code handler}; a path ending in {@code /} (but {@code /} itself)
   * also serves every path under it, the longest match winning. How what sits beside the API (the
   * console, metrics) plugs in: {@code POST /} stays the API.
   */
  public void get(String path, HttpHandler handler) {
    getRoutes.put(path, handler);
  }

  /** Runs {@code filter} before every request, the API's and the GET routes' alike. */
  public void filter(Filter filter) {
    context.getFilters().add(filter);
  }

  private @Nullable HttpHandler getRoute(String path) {
    HttpHandler exact = getRoutes.get(path);
    if (exact != null) {
      return exact;
    }
    String best = null;
    for (String prefix : getRoutes.keySet()) {
      if (prefix.length() > 1
          && prefix.endsWith("/")
          && path.startsWith(prefix)
          && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? null : getRoutes.get(best);
  }

  /** Binds and starts serving. */
  public static ApiServer start(String host, int port, StepFunctionsService service)
      throws IOException {
    return start(host, port, service, null);
  }

  /** Binds and starts serving; with {@code auth}, only signed and permitted requests. */
  public static ApiServer start(
      String host, int port, StepFunctionsService service, @Nullable ApiAuth auth)
      throws IOException {
    ApiServer api =
        new ApiServer(HttpServer.create(new InetSocketAddress(host, port), 256), service, auth);
    api.server.start();
    return api;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Tells {@code listener} of every API call from now on. */
  public void listen(CallListener listener) {
    this.listener = listener;
  }

  /**
   * Serves {@code GET path} with {@code route}, which answers from the path and query alone ({@code
   * /metrics}, {@code /health}); as {@link #get(String, HttpHandler)} otherwise.
   */
  public void get(String path, GetRoute route) {
    get(
        path,
        exchange -> {
          try (exchange) {
            GetRoute.Response r =
                route.handle(
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery());
            exchange.getResponseHeaders().set("Content-Type", r.contentType());
            exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(r.body());
            }
          }
        });
  }

  private void handle(HttpExchange exchange) throws IOException {
    HttpHandler route =
        "GET".equals(exchange.getRequestMethod())
            ? getRoute(exchange.getRequestURI().getPath())
            : null;
    if (route != null) {
      route.handle(exchange);
      return;
    }
    try (exchange) {
      long t0 = System.nanoTime();
      String requestId = UUID.randomUUID().toString();
      exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      String operation = operationName(exchange);
      String failure = null;
      try {
        JsonNode response = dispatch(exchange);
        send(exchange, 200, Json.write(response));
      } catch (ApiError e) {
        failure = failed(operation, e.type(), e.status());
        send(exchange, e.status(), error(e.type(), e.getMessage()));
      } catch (ServiceException e) {
        failure = failed(operation, e.code(), status(e.code()));
        send(exchange, status(e.code()), error(e.code(), e.getMessage(), e.resourceName()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = failed(operation, "InternalFailure", 500);
        send(exchange, 500, error("InternalFailure", "The server is shutting down"));
      } catch (RuntimeException e) {
        // The exception's class and where it came from, not its message: that may quote a payload.
        StackTraceElement[] at = e.getStackTrace();
        LOG.error(
            "{} failed with an internal error: {} at {}",
            operation,
            e.getClass().getName(),
            at.length > 0 ? at[0] : "?");
        failure = "InternalFailure";
        send(exchange, 500, error("InternalFailure", "Internal failure: " + e));
      } finally {
        listener.called(operation, failure, System.nanoTime() - t0);
      }
    }
  }

  /** The operation an {@code X-Amz-Target} names, or {@code unknown} (a bounded metric label). */
  private String operationName(HttpExchange exchange) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target == null || !target.startsWith(TARGET_PREFIX)) {
      return "unknown";
    }
    String name = target.substring(TARGET_PREFIX.length());
    return operations.find(name) == null ? "unknown" : name;
  }

  /** Logs a failed call by operation and error name only: messages may quote a payload. */
  private static String failed(String operation, String error, int status) {
    if (status >= 500) {
      LOG.warn("{} failed: {} ({})", operation, error, status);
    } else {
      LOG.info("{} failed: {} ({})", operation, error, status);
    }
    return error;
  }

  private JsonNode dispatch(HttpExchange exchange)
      throws ApiError, ServiceException, InterruptedException, IOException {
    if (!"POST".equals(exchange.getRequestMethod())
        || !"/".equals(exchange.getRequestURI().getPath())) {
      throw RequestBodies.notAnOperation(exchange.getRequestMethod(), exchange.getRequestURI());
    }
    byte[] body = readBody(exchange.getRequestBody());
    JsonNode json;
    try {
      json = body.length == 0 ? Json.NODES.objectNode() : Json.parse(RequestBodies.text(body));
    } catch (JsonProcessingException e) {
      json = null;
    }
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String operation =
        target != null && target.startsWith(TARGET_PREFIX)
            ? target.substring(TARGET_PREFIX.length())
            : "";
    if (auth != null) {
      // As on AWS, who is calling is settled before what the call is.
      auth.check(exchange, body, operation, json == null ? Json.NODES.objectNode() : json);
    }
    if (target == null || !target.startsWith(TARGET_PREFIX)) {
      throw RequestBodies.unknownTarget(target);
    }
    Operations.Operation op = operations.find(operation);
    if (op == null) {
      throw RequestBodies.unknownOperation(operation);
    }
    if (json == null || !json.isObject()) {
      throw ApiError.badRequest(
          "SerializationException", "Start of structure or map found where not expected");
    }
    operations.check(operation, json);
    return op.handle(
        new Request(json, exchange.getRequestHeaders().getFirst("X-Stepwise-Started-By")));
  }

  private static byte[] readBody(InputStream in) throws IOException, ApiError {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new ApiError(413, "RequestEntityTooLargeException", "Request size exceeded the limit");
    }
    return body;
  }

  /** AWS's status codes: every Step Functions error is a 400, but for these two. */
  private static int status(String code) {
    return switch (code) {
      case "ConflictException" -> 409;
      case "ServiceQuotaExceededException" -> 402;
      default -> 400;
    };
  }

  private static String error(String type, String message) {
    return error(type, message, null);
  }

  private static String error(String type, String message, @Nullable String resourceName) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("__type", type);
    if (message != null) {
      o.put("message", message);
    }
    if (resourceName != null) {
      o.put("resourceName", resourceName);
    }
    return Json.write(o);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1); // a HEAD answer has headers only
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops accepting requests, letting those in flight finish for up to a second. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
  }
}
