package dev.stepwise.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.integrations.TaskFailure;
import dev.stepwise.integrations.VirtualThreadTasks;
import dev.stepwise.integrations.http.Connection.Authorization;
import dev.stepwise.integrations.http.FormEncoding.Pair;
import dev.stepwise.language.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP Task, {@code arn:aws:states:::http:invoke}, on {@link HttpClient}: AWS's arguments,
 * connection merging and authorization, result shape and errors ({@code
 * States.Http.StatusCode.<code>} for a non-2xx answer, {@code States.Http.Socket} when the call
 * cannot complete, {@code States.Runtime} for arguments or responses AWS rejects).
 */
public final class HttpTasks implements TaskDispatcher, AutoCloseable {
  /** AWS: "HTTP task requests will timeout after 60 seconds." */
  public static final Duration AWS_TIMEOUT = Duration.ofSeconds(60);

  public static final String SOCKET_ERROR = HttpCalls.SOCKET_ERROR;
  public static final String STATUS_ERROR_PREFIX = "States.Http.StatusCode.";
  private static final String CONNECTION_ERROR_PREFIX = "Events.ConnectionResource.";

  private final HttpClient client;
  private final boolean ownsClient;
  private final Connections connections;
  private final String userAgent;
  private final Duration timeout;
  private final VirtualThreadTasks tasks = new VirtualThreadTasks("http-task");
  private final OAuthTokens tokens;

  /** An HTTP Task integration with its own client and AWS's 60-second limit. */
  public HttpTasks(Connections connections, String region) {
    this(newClient(AWS_TIMEOUT), true, connections, region, AWS_TIMEOUT);
  }

  /**
   * @param region the region in the {@code User-Agent} AWS sends
   * @param timeout the longest a call may take before it fails with {@code States.Http.Socket}
   */
  public HttpTasks(HttpClient client, Connections connections, String region, Duration timeout) {
    this(client, false, connections, region, timeout);
  }

  private HttpTasks(
      HttpClient client,
      boolean ownsClient,
      Connections connections,
      String region,
      Duration timeout) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.connections = connections;
    this.userAgent = "Amazon|StepFunctions|HttpInvoke|" + region;
    this.timeout = timeout;
    this.tokens = new OAuthTokens(client);
  }

  /** A client as AWS behaves: HTTP/1.1, redirects not followed. */
  public static HttpClient newClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  /** Whether this integration serves the resource. */
  public static boolean serves(Resource resource) {
    return resource.family() == Resource.Family.TASK
        && resource.resourceType().equals("http")
        && resource.resource().equals("invoke");
  }

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    tasks.start(request, callbacks, false, () -> invoke(request, callbacks));
  }

  @Override
  public void cancel(TaskRequest request, String cause) {
    tasks.cancel(request);
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  private JsonNode invoke(TaskRequest request, TaskCallbacks callbacks)
      throws TaskFailure, InterruptedException {
    if (!serves(request.resource())) {
      throw TaskFailure.runtime(
          "The HTTP Task integration does not serve the resource '"
              + request.resource().arn()
              + "'.");
    }
    HttpArguments args = HttpArguments.parse(request.parameters());
    Connection connection =
        connections
            .find(args.connectionArn())
            .orElseThrow(
                () ->
                    new TaskFailure(
                        CONNECTION_ERROR_PREFIX + "ResourceNotFound",
                        "The connection '"
                            + args.connectionArn()
                            + "' is not configured in Stepwise; add it to the HTTP Task"
                            + " connections (or mock this state)."));
    Duration limit = timeout;
    boolean taskLimit = false;
    if (request.timeoutSeconds() != null
        && Duration.ofSeconds(request.timeoutSeconds()).compareTo(timeout) < 0) {
      limit = Duration.ofSeconds(request.timeoutSeconds());
      taskLimit = true;
    }
    HttpResponse<byte[]> response = send(args, connection, limit, taskLimit, false);
    if (retryWithNewToken(connection, response)) {
      response = send(args, connection, limit, taskLimit, true);
    }
    callbacks.exchanged(
        HttpTrace.request(
            response.request(), body(args, connection.invocationParameters().body()), connection),
        HttpTrace.response(response));
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      // What survives of a failed call is its status text: the body is not in the error.
      throw new TaskFailure(STATUS_ERROR_PREFIX + status, ReasonPhrases.of(status));
    }
    return HttpResults.output(response);
  }

  /** EventBridge refreshes an OAuth token "when a 401 or 407 response is returned". */
  private static boolean retryWithNewToken(Connection connection, HttpResponse<byte[]> response) {
    return connection.authorization() instanceof Authorization.OAuthClientCredentials
        && (response.statusCode() == 401 || response.statusCode() == 407);
  }

  private HttpResponse<byte[]> send(
      HttpArguments args,
      Connection connection,
      Duration limit,
      boolean taskLimit,
      boolean newToken)
      throws TaskFailure, InterruptedException {
    HttpParameters merged = connection.invocationParameters();
    List<Pair> headers = override(args.headers(), merged.headers(), true);
    List<Pair> query = override(args.query(), merged.queryString(), false);
    byte[] body = body(args, merged.body());
    URI uri = withQuery(args.endpoint(), query);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(limit)
            .method(
                args.method(),
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    boolean contentType = false;
    for (Pair header : headers) {
      // The client computes Content-Length itself and refuses to have it set.
      if (header.name().equalsIgnoreCase("content-length")) {
        continue;
      }
      contentType |= header.name().equalsIgnoreCase("content-type");
      for (String value : header.values()) {
        HttpCalls.header(builder, header.name(), value);
      }
    }
    authorize(builder, args.connectionArn(), connection, newToken, limit);
    if (body != null && !contentType) {
      builder.header("Content-Type", "application/json; charset=UTF-8");
    }
    builder.header("User-Agent", userAgent);
    builder.header("Range", "bytes=0-262144");
    return HttpCalls.send(client, builder.build(), args.endpoint(), limit, taskLimit);
  }

  /** Definition values first; the connection's replace those with the same name. */
  private static List<Pair> override(
      List<Pair> definition, List<HttpParameters.Parameter> connection, boolean ignoreCase) {
    List<Pair> out = new ArrayList<>();
    for (Pair pair : definition) {
      boolean replaced =
          connection.stream()
              .anyMatch(
                  p ->
                      ignoreCase
                          ? p.key().equalsIgnoreCase(pair.name())
                          : p.key().equals(pair.name()));
      if (!replaced) {
        out.add(pair);
      }
    }
    connection.forEach(p -> out.add(Pair.of(p.key(), p.value())));
    return out;
  }

  private static byte @Nullable [] body(HttpArguments args, List<HttpParameters.Parameter> extra)
      throws TaskFailure {
    JsonNode body = args.body();
    if (!extra.isEmpty()) {
      if (body != null && !body.isNull() && !body.isObject()) {
        throw TaskFailure.runtime(
            "The HTTP Task RequestBody is not a JSON object, so the body parameters of the"
                + " connection '"
                + args.connectionArn()
                + "' cannot be merged into it.");
      }
      ObjectNode merged =
          body == null || body.isNull() ? Json.NODES.objectNode() : (ObjectNode) body.deepCopy();
      extra.forEach(p -> merged.put(p.key(), p.value()));
      body = merged;
    }
    if (body == null) {
      return null;
    }
    String text;
    if (body.isTextual()) {
      text = body.asText();
    } else if (args.urlEncoded()) {
      if (!body.isObject()) {
        throw TaskFailure.runtime(
            "The HTTP Task RequestBody must be a JSON object to be URL-encoded.");
      }
      text = FormEncoding.encode(body, args.arrayFormat());
    } else {
      text = Json.write(body);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code endpoint} with the encoded query appended. */
  static URI withQuery(URI endpoint, List<Pair> query) {
    if (query.isEmpty()) {
      return endpoint;
    }
    String text = endpoint.toString();
    int hash = text.indexOf('#');
    String base = hash < 0 ? text : text.substring(0, hash);
    String separator = endpoint.getRawQuery() == null ? "?" : "&";
    return URI.create(base + separator + FormEncoding.join(query));
  }

  private void authorize(
      HttpRequest.Builder builder,
      String connectionArn,
      Connection connection,
      boolean newToken,
      Duration limit)
      throws TaskFailure, InterruptedException {
    switch (connection.authorization()) {
      case Authorization.None none -> {}
      case Authorization.ApiKey key -> HttpCalls.header(builder, key.name(), key.value());
      case Authorization.Basic basic ->
          HttpCalls.header(
              builder, "Authorization", HttpCalls.basic(basic.username(), basic.password()));
      case Authorization.OAuthClientCredentials oauth -> {
        String token = tokens.token(connectionArn, oauth, limit, newToken);
        HttpCalls.header(builder, "Authorization", "Bearer " + token);
      }
    }
  }
}
