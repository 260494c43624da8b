package dev.stepwise.api.nested;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.ApiServer;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.nested.NestedExecutions;
import dev.stepwise.engine.nested.SfnSdkTasks;
import dev.stepwise.engine.service.StateMachineGuard;
import dev.stepwise.engine.service.StateMachineStore;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.SteppedTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.security.enforce.AuthorizingDispatcher;
import dev.stepwise.security.enforce.ManagedRuleGuard;
import dev.stepwise.security.enforce.RolePermissions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A whole Stepwise server (API, engine, in-memory store) on a stepped clock, driven by the AWS SDK
 * for Java v2 as users drive it. Time moves only on {@link #advance}, so waits and timeouts expire
 * exactly when a test says.
 */
final class NestedServer implements AutoCloseable {
  static final String ROLE = "arn:aws:iam::123456789012:role/nested";
  static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  static final String EXEC = "arn:aws:states:us-east-1:123456789012:execution:";

  /** 2026-01-01T00:00:00Z: dates in expected documents are fixed, in epoch ms 1767225600000. */
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final SteppedTimeScheduler scheduler;
  private final Engine engine;
  private final ApiServer api;
  final SfnClient sfn;
  private final HttpClient http = HttpClient.newHttpClient();

  NestedServer() throws IOException {
    this(EngineSettings.DEFAULTS);
  }

  NestedServer(EngineSettings settings) throws IOException {
    this(settings, null);
  }

  /** A server whose state machines' roles are checked against {@code permissions}. */
  NestedServer(EngineSettings settings, RolePermissions permissions) throws IOException {
    ManualClock clock = new ManualClock(START);
    scheduler = new SteppedTimeScheduler(clock);
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    Dispatcher dispatcher = new Dispatcher();
    Engine engine =
        new Engine(
            settings,
            clock,
            scheduler,
            permissions == null
                ? dispatcher
                : new AuthorizingDispatcher(
                    dispatcher,
                    permissions,
                    arn -> engineRole(arn),
                    settings.region(),
                    settings.account()),
            store,
            1);
    this.engine = engine;
    Random random = new Random(1);
    StepFunctionsService service =
        new StepFunctionsService(
            engine,
            store,
            StateMachineStore.NONE,
            clock,
            () -> new UUID(random.nextLong(), random.nextLong()),
            permissions == null
                ? StateMachineGuard.NONE
                : new ManagedRuleGuard(permissions, settings.region(), settings.account()));
    dispatcher.nested = new NestedExecutions(service, RandomGenerator.of("L64X128MixRandom"));
    dispatcher.sfn = new SfnSdkTasks(service, RandomGenerator.of("L64X128MixRandom"));
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

  /** The child machines' engine needs the service, which needs the engine: wired after. */
  private static final class Dispatcher implements TaskDispatcher {
    NestedExecutions nested;
    SfnSdkTasks sfn;

    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      (SfnSdkTasks.serves(request.resource()) ? sfn : nested).dispatch(request, callbacks);
    }

    @Override
    public void cancel(TaskRequest request, String cause) {
      (SfnSdkTasks.serves(request.resource()) ? sfn : nested).cancel(request, cause);
    }
  }

  private java.util.Optional<String> engineRole(String executionArn) {
    return engine.find(executionArn).map(e -> e.spec().roleArn());
  }

  String create(String name, String definition) {
    return create(name, definition, ROLE);
  }

  String create(String name, String definition, String roleArn) {
    return sfn.createStateMachine(b -> b.name(name).roleArn(roleArn).definition(definition))
        .stateMachineArn();
  }

  String start(String stateMachineArn, String name, String input) {
    return sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(name).input(input))
        .executionArn();
  }

  void advance(Duration duration) {
    scheduler.advance(duration);
  }

  /** Waits (without sleeping) until the execution has left RUNNING; its description then. */
  DescribeExecutionResponse awaitClosed(String executionArn) {
    return awaitStatus(executionArn, null);
  }

  /** Waits until the execution exists with {@code status} (any closed status when null). */
  DescribeExecutionResponse awaitStatus(String executionArn, ExecutionStatus status) {
    return awaitStatus(executionArn, status, false);
  }

  private DescribeExecutionResponse awaitStatus(
      String executionArn, ExecutionStatus status, boolean any) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      DescribeExecutionResponse d = null;
      try {
        d = sfn.describeExecution(b -> b.executionArn(executionArn));
      } catch (software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException e) {
        // not started yet
      }
      if (d != null
          && (any
              || (status == null ? d.status() != ExecutionStatus.RUNNING : d.status() == status))) {
        return d;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(executionArn + " did not reach " + status + ": " + d);
      }
      Thread.onSpinWait();
    }
  }

  /** Waits until the execution's history has {@code events} events (a task is waiting). */
  void awaitEvents(String executionArn, int events) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (call("GetExecutionHistory", "{\"executionArn\":\"" + executionArn + "\"}")
            .path("events")
            .size()
        < events) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(executionArn + " has not reached " + events + " events");
      }
      Thread.onSpinWait();
    }
  }

  /**
   * The execution's history as the API returns it (raw JSON), with request ids (random, as on AWS)
   * replaced by {@code <uuid>}; everything else, dates included, is fixed by the stepped clock.
   */
  JsonNode history(String executionArn) {
    return normalized(
        call("GetExecutionHistory", "{\"executionArn\":\"" + executionArn + "\"}").path("events"));
  }

  /** DescribeExecution as raw JSON, normalized as {@link #history}. */
  JsonNode describe(String executionArn) {
    return normalized(call("DescribeExecution", "{\"executionArn\":\"" + executionArn + "\"}"));
  }

  /** The input of an execution once it runs (e.g. the task token a parent passed it). */
  JsonNode childInput(String executionArn) {
    return Json.parseTrusted(awaitStatus(executionArn, null, true).input());
  }

  /** Asserts the whole document equals {@code expected} (JSON text). */
  static void assertJson(JsonNode actual, String expected) {
    if (System.getenv("NESTED_PRINT") != null) {
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

  JsonNode call(String operation, String body) {
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
  static JsonNode normalized(JsonNode node) {
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
