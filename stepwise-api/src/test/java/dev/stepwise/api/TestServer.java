package dev.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.activity.ActivityTasks;
import dev.stepwise.engine.nested.NestedExecutions;
import dev.stepwise.engine.nested.SfnSdkTasks;
import dev.stepwise.engine.service.ResourceStore;
import dev.stepwise.engine.service.StateMachineGuard;
import dev.stepwise.engine.service.StateMachineStore;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.ExecutionStore;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.task.UnconfiguredTasks;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.SteppedTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.security.enforce.AuthorizingDispatcher;
import dev.stepwise.security.enforce.ManagedRuleGuard;
import dev.stepwise.security.enforce.RolePermissions;
import dev.stepwise.store.sqlite.SqliteStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A whole Stepwise server (API, engine with nested executions, {@code aws-sdk:sfn} and activities,
 * a store) on a stepped clock, driven by the AWS SDK for Java v2 as users drive it. Time moves only
 * on {@link #advance}, so waits and timeouts expire exactly when a test says. The store is in
 * memory, or a {@link SqliteStore} the test opens (and reopens, to restart); with {@link
 * RolePermissions}, tasks and CreateStateMachine are checked against the roles' policies.
 */
public final class TestServer implements AutoCloseable {
  public static final String ROLE = "arn:aws:iam::123456789012:role/test";
  public static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  public static final String EXEC = "arn:aws:states:us-east-1:123456789012:execution:";
  public static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:";

  /** 2026-01-01T00:00:00Z: dates in expected documents are fixed (epoch seconds 1767225600). */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final SteppedTimeScheduler scheduler;
  private final Engine engine;
  private final ApiServer api;
  public final ActivityTasks activities;
  public final StepFunctionsService service;
  public final SfnClient sfn;
  private final HttpClient http = HttpClient.newHttpClient();

  public TestServer() throws IOException {
    this(EngineSettings.DEFAULTS, null, new ManualClock(START), null);
  }

  public TestServer(EngineSettings settings) throws IOException {
    this(settings, null, new ManualClock(START), null);
  }

  /** A server whose state machines' roles are checked against {@code permissions}. */
  public TestServer(EngineSettings settings, RolePermissions permissions) throws IOException {
    this(settings, permissions, new ManualClock(START), null);
  }

  /**
   * @param sqlite the store, or null for the in-memory one
   */
  public TestServer(ManualClock clock, @Nullable SqliteStore sqlite) throws IOException {
    this(EngineSettings.DEFAULTS, null, clock, sqlite);
  }

  public TestServer(EngineSettings settings, ManualClock clock, @Nullable SqliteStore sqlite)
      throws IOException {
    this(settings, null, clock, sqlite);
  }

  private TestServer(
      EngineSettings settings,
      @Nullable RolePermissions permissions,
      ManualClock clock,
      @Nullable SqliteStore sqlite)
      throws IOException {
    scheduler = new SteppedTimeScheduler(clock);
    ExecutionStore store = sqlite != null ? sqlite : new InMemoryExecutionStore();
    activities = new ActivityTasks(clock, scheduler, store);
    Dispatcher dispatcher = new Dispatcher(activities);
    engine =
        new Engine(
            settings,
            clock,
            scheduler,
            permissions == null
                ? dispatcher
                : new AuthorizingDispatcher(
                    dispatcher, permissions, this::role, settings.region(), settings.account()),
            store,
            1);
    Random random = new Random(1);
    service =
        new StepFunctionsService(
            engine,
            store,
            sqlite != null ? sqlite.resources() : StateMachineStore.NONE,
            sqlite != null ? sqlite.resources() : ResourceStore.NONE,
            activities,
            clock,
            () -> new UUID(random.nextLong(), random.nextLong()),
            permissions == null
                ? StateMachineGuard.NONE
                : new ManagedRuleGuard(permissions, settings.region(), settings.account()));
    dispatcher.nested = new NestedExecutions(service, RandomGenerator.of("L64X128MixRandom"));
    dispatcher.sfn = new SfnSdkTasks(service, RandomGenerator.of("L64X128MixRandom"));
    engine.resumeAll();
    service.resumeDeletions();
    api = ApiServer.start("127.0.0.1", 0, service);
    sfn =
        SfnClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + api.port()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(
                o ->
                    o.putAdvancedOption(
                        SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
            .build();
  }

  private Optional<String> role(String executionArn) {
    return engine.find(executionArn).map(e -> e.spec().roleArn());
  }

  /**
   * Activities, nested executions and {@code aws-sdk:sfn}; anything else fails as unconfigured. The
   * nested integrations need the service, which needs the engine: they are wired after.
   */
  private static final class Dispatcher implements TaskDispatcher {
    private final ActivityTasks activities;
    private final UnconfiguredTasks unconfigured = new UnconfiguredTasks();
    NestedExecutions nested;
    SfnSdkTasks sfn;

    Dispatcher(ActivityTasks activities) {
      this.activities = activities;
    }

    private TaskDispatcher target(TaskRequest request) {
      if (ActivityTasks.serves(request.resource())) {
        return activities;
      }
      if (SfnSdkTasks.serves(request.resource())) {
        return sfn;
      }
      return NestedExecutions.serves(request.resource()) ? nested : unconfigured;
    }

    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      target(request).dispatch(request, callbacks);
    }

    @Override
    public @org.jspecify.annotations.Nullable String unschedulable(TaskRequest request) {
      return target(request).unschedulable(request);
    }

    @Override
    public void resume(TaskRequest request, JsonNode submitted, TaskCallbacks callbacks) {
      target(request).resume(request, submitted, callbacks);
    }

    @Override
    public void cancel(TaskRequest request, String cause) {
      target(request).cancel(request, cause);
    }
  }

  public String create(String name, String definition) {
    return create(name, definition, ROLE);
  }

  public String create(String name, String definition, String roleArn) {
    return sfn.createStateMachine(b -> b.name(name).roleArn(roleArn).definition(definition))
        .stateMachineArn();
  }

  public String start(String stateMachineArn, String name, String input) {
    return sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(name).input(input))
        .executionArn();
  }

  public void advance(Duration duration) {
    scheduler.advance(duration);
  }

  /** Waits (spinning, never sleeping) until {@code condition} holds; fails after 20 s. */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.onSpinWait();
    }
  }

  /** Waits until the execution has left RUNNING; its description then. */
  public DescribeExecutionResponse awaitClosed(String executionArn) {
    return awaitStatus(executionArn, null);
  }

  /** Waits until the execution exists with {@code status} (any closed status when null). */
  public DescribeExecutionResponse awaitStatus(
      String executionArn, @Nullable ExecutionStatus status) {
    DescribeExecutionResponse[] last = new DescribeExecutionResponse[1];
    await(
        executionArn + " reaches " + (status == null ? "a closed status" : status),
        () -> {
          last[0] = describeIfStarted(executionArn);
          return last[0] != null
              && (status == null
                  ? last[0].status() != ExecutionStatus.RUNNING
                  : last[0].status() == status);
        });
    return last[0];
  }

  private @Nullable DescribeExecutionResponse describeIfStarted(String executionArn) {
    try {
      return sfn.describeExecution(b -> b.executionArn(executionArn));
    } catch (ExecutionDoesNotExistException e) {
      return null; // not started yet
    }
  }

  /** Waits until the execution's history has {@code events} events (a task is waiting). */
  public void awaitEvents(String executionArn, int events) {
    await(
        executionArn + " has " + events + " events", () -> history(executionArn).size() >= events);
  }

  /** The input of an execution once it exists (e.g. the task token a parent passed it). */
  public JsonNode childInput(String executionArn) {
    DescribeExecutionResponse[] d = new DescribeExecutionResponse[1];
    await(executionArn + " starts", () -> (d[0] = describeIfStarted(executionArn)) != null);
    return Json.parseTrusted(d[0].input());
  }

  /**
   * The execution's history as the API returns it (raw JSON), with request ids (random, as on AWS)
   * replaced by {@code <uuid>}; everything else, dates included, is fixed by the stepped clock.
   */
  public JsonNode history(String executionArn) {
    return normalized(
        call("GetExecutionHistory", "{\"executionArn\":\"" + executionArn + "\"}").path("events"));
  }

  /** DescribeExecution as raw JSON, normalized as {@link #history}. */
  public JsonNode describe(String executionArn) {
    return normalized(call("DescribeExecution", "{\"executionArn\":\"" + executionArn + "\"}"));
  }

  /**
   * Asserts the whole document equals {@code expected} (JSON text). With the environment variable
   * {@code EXPECTED_PRINT} set, prints the actual document with its call site instead, to write a
   * new expectation (then read it before pasting it in).
   */
  public static void assertJson(JsonNode actual, String expected) {
    if (System.getenv("EXPECTED_PRINT") != null) {
      StackTraceElement at = new Throwable().getStackTrace()[1];
      System.out.println(
          "@@" + at.getFileName() + ":" + at.getLineNumber() + " " + Json.write(actual));
      return;
    }
    try {
      assertThat(Json.write(actual)).isEqualTo(Json.write(Json.parse(expected)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError("expected is not JSON: " + expected, e);
    }
  }

  /** Asserts {@code call} fails with AWS's exception {@code type} and exactly {@code message}. */
  public static void assertFails(
      Class<? extends AwsServiceException> type,
      String message,
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(type)
        .satisfies(
            e ->
                assertThat(((AwsServiceException) e).awsErrorDetails().errorMessage())
                    .isEqualTo(message));
  }

  /** The last {@code n} events of a history. */
  public static JsonNode tail(JsonNode events, int n) {
    var out = Json.NODES.arrayNode();
    for (int i = events.size() - n; i < events.size(); i++) {
      out.add(events.get(i));
    }
    return out;
  }

  /** The port the API listens on (for raw HTTP requests). */
  public int port() {
    return api.port();
  }

  /** One raw call: the response body as JSON, whatever the status. */
  public JsonNode call(String operation, String body) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/"))
                  .header("Content-Type", "application/x-amz-json-1.0")
                  .header("X-Amz-Target", "AWSStepFunctions." + operation)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return Json.parse(r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Request ids become {@code <uuid>}, also inside JSON held in strings (outputs, causes). */
  public static JsonNode normalized(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = Json.NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        copy.set(e.getKey(), normalized(e.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Json.NODES.arrayNode();
      node.forEach(n -> copy.add(normalized(n)));
      return copy;
    }
    if (node.isTextual()) {
      String text = node.asText();
      if (text.startsWith("{") || text.startsWith("[")) {
        try {
          return Json.NODES.textNode(Json.write(normalized(Json.parse(text))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          // not JSON: plain text
        }
      }
      return Json.NODES.textNode(UUID_TEXT.matcher(text).replaceAll("<uuid>"));
    }
    return node;
  }

  @Override
  public void close() {
    sfn.close();
    api.close();
    scheduler.close();
  }
}
