package dev.stepwise.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.ApiAuth;
import dev.stepwise.api.ApiServer;
import dev.stepwise.engine.Arns;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.activity.ActivityTasks;
import dev.stepwise.engine.nested.NestedExecutions;
import dev.stepwise.engine.nested.SfnSdkTasks;
import dev.stepwise.engine.service.ResourceStore;
import dev.stepwise.engine.service.StateMachineGuard;
import dev.stepwise.engine.service.StateMachineStore;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.task.UnconfiguredTasks;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.SteppedTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.security.role.Roles;
import dev.stepwise.security.sigv4.AccessKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A whole server as {@code serve} wires it (engine with nested executions, {@code aws-sdk:sfn},
 * activities; the API; the console) on a stepped clock: waits and retry backoffs end only when a
 * test advances time, so an execution stays running exactly as long as a test wants. Other tasks
 * fail as unconfigured integrations, which is what Retry and Catch need.
 */
final class ConsoleFixture implements AutoCloseable {
  static final String ROLE = "arn:aws:iam::123456789012:role/test";
  static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  static final String EXEC = "arn:aws:states:us-east-1:123456789012:execution:";
  static final Instant START = Instant.parse("2026-01-01T09:00:00Z");

  private final SteppedTimeScheduler scheduler;
  final StepFunctionsService service;
  private final ApiServer api;
  private final HttpClient http = HttpClient.newHttpClient();

  ConsoleFixture() throws IOException {
    this(null);
  }

  /**
   * @param security a security file's JSON: requests then need SigV4 by its keys (checked against
   *     the real clock, as a browser signs with it)
   */
  ConsoleFixture(@Nullable String security) throws IOException {
    ManualClock clock = new ManualClock(START);
    scheduler = new SteppedTimeScheduler(clock);
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    ActivityTasks activities = new ActivityTasks(clock, scheduler, store);
    Dispatcher dispatcher = new Dispatcher(activities);
    Engine engine = new Engine(EngineSettings.DEFAULTS, clock, scheduler, dispatcher, store, 1);
    Random random = new Random(1);
    service =
        new StepFunctionsService(
            engine,
            store,
            StateMachineStore.NONE,
            ResourceStore.NONE,
            activities,
            clock,
            () -> new UUID(random.nextLong(), random.nextLong()),
            StateMachineGuard.NONE);
    dispatcher.nested = new NestedExecutions(service, RandomGenerator.of("L64X128MixRandom"));
    dispatcher.sfn = new SfnSdkTasks(service, RandomGenerator.of("L64X128MixRandom"));
    ApiAuth auth =
        security == null
            ? null
            : new ApiAuth(
                AccessKeys.parse(security),
                Roles.parse(security),
                Arns.of(EngineSettings.DEFAULTS),
                InstantSource.system());
    api = ApiServer.start("127.0.0.1", 0, service, auth);
    Console.install(api, service, auth, Set.of());
  }

  String base() {
    return "http://127.0.0.1:" + api.port();
  }

  String consoleUrl(String route) {
    return base() + "/console/#/" + route;
  }

  static String executionRoute(String arn) {
    return "executions/" + java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8);
  }

  static String machineRoute(String arn) {
    return "state-machines/"
        + java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A Step Functions API call, unsigned (only for a fixture without security). */
  JsonNode call(String operation, String body) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base() + "/"))
                  .header("Content-Type", "application/x-amz-json-1.0")
                  .header("X-Amz-Target", "AWSStepFunctions." + operation)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode json = Json.parseTrusted(r.body());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(operation + ": " + r.body());
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String create(String name, String definition) {
    ObjectNode body = Json.NODES.objectNode();
    body.put("name", name);
    body.put("roleArn", ROLE);
    body.put("definition", definition);
    return call("CreateStateMachine", Json.write(body)).path("stateMachineArn").asText();
  }

  String start(String stateMachineArn, String name, String input) {
    ObjectNode body = Json.NODES.objectNode();
    body.put("stateMachineArn", stateMachineArn);
    body.put("name", name);
    body.put("input", input);
    return call("StartExecution", Json.write(body)).path("executionArn").asText();
  }

  String status(String executionArn) {
    return call("DescribeExecution", "{\"executionArn\":\"" + executionArn + "\"}")
        .path("status")
        .asText();
  }

  /** The history, as GetExecutionHistory answers it (one page of up to 1,000). */
  JsonNode history(String executionArn) {
    return call(
            "GetExecutionHistory",
            "{\"executionArn\":\"" + executionArn + "\",\"maxResults\":1000}")
        .path("events");
  }

  /** Advances the clock a second at a time until the execution has closed (at most a minute). */
  void runToEnd(String executionArn) {
    for (int i = 0; i < 60 && status(executionArn).equals("RUNNING"); i++) {
      scheduler.advance(Duration.ofSeconds(1));
    }
    await(executionArn + " closes", () -> !status(executionArn).equals("RUNNING"));
  }

  void advance(Duration d) {
    scheduler.advance(d);
  }

  /** Waits (spinning, never sleeping) until {@code condition} holds; fails after 20 s. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.onSpinWait();
    }
  }

  @Override
  public void close() {
    api.close();
    scheduler.close();
  }

  /** Activities, nested executions and {@code aws-sdk:sfn}; anything else fails unconfigured. */
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
    public @Nullable String unschedulable(TaskRequest request) {
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
}
