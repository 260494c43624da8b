package dev.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.activity.ActivityTasks;
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
import dev.stepwise.store.sqlite.SqliteStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A whole server (API, engine with the activity integration, store) on a stepped clock, driven by
 * the AWS SDK for Java v2. Time moves only on {@link #advance}; the store is in memory, or a {@link
 * SqliteStore} the test opens (and reopens, to restart).
 */
final class TestServer implements AutoCloseable {
  static final String ROLE = "arn:aws:iam::123456789012:role/test";
  static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:";
  static final String EXEC = "arn:aws:states:us-east-1:123456789012:execution:";
  static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:";

  /** 2026-01-01T00:00:00Z: dates in expected documents are fixed (epoch seconds 1767225600). */
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final SteppedTimeScheduler scheduler;
  private final ApiServer api;
  final ActivityTasks activities;
  final StepFunctionsService service;
  final SfnClient sfn;
  private final HttpClient http = HttpClient.newHttpClient();

  TestServer() throws IOException {
    this(new ManualClock(START), null);
  }

  /**
   * @param sqlite the store, or null for the in-memory one
   */
  TestServer(ManualClock clock, SqliteStore sqlite) throws IOException {
    scheduler = new SteppedTimeScheduler(clock);
    ExecutionStore store = sqlite != null ? sqlite : new InMemoryExecutionStore();
    activities = new ActivityTasks(clock, scheduler, store);
    TaskDispatcher tasks = new ActivitiesFirst(activities);
    Engine engine = new Engine(EngineSettings.DEFAULTS, clock, scheduler, tasks, store, 1);
    Random random = new Random(1);
    service =
        new StepFunctionsService(
            engine,
            store,
            sqlite != null ? sqlite : StateMachineStore.NONE,
            sqlite != null ? sqlite : ResourceStore.NONE,
            activities,
            clock,
            () -> new UUID(random.nextLong(), random.nextLong()),
            StateMachineGuard.NONE);
    engine.resumeAll();
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

  /** Activity tasks to the activity integration; any other task fails as unconfigured. */
  private record ActivitiesFirst(ActivityTasks activities) implements TaskDispatcher {
    private TaskDispatcher target(TaskRequest request) {
      return ActivityTasks.serves(request.resource()) ? activities : new UnconfiguredTasks();
    }

    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      target(request).dispatch(request, callbacks);
    }

    @Override
    public void cancel(TaskRequest request, String cause) {
      target(request).cancel(request, cause);
    }
  }

  String create(String name, String definition) {
    return sfn.createStateMachine(b -> b.name(name).roleArn(ROLE).definition(definition))
        .stateMachineArn();
  }

  String start(String stateMachineArn, String name, String input) {
    return sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(name).input(input))
        .executionArn();
  }

  void advance(Duration duration) {
    scheduler.advance(duration);
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

  /** Waits until the execution has left RUNNING; its description then. */
  DescribeExecutionResponse awaitClosed(String executionArn) {
    DescribeExecutionResponse[] last = new DescribeExecutionResponse[1];
    await(
        executionArn + " closes",
        () -> {
          last[0] = sfn.describeExecution(b -> b.executionArn(executionArn));
          return last[0].status() != ExecutionStatus.RUNNING;
        });
    return last[0];
  }

  /** Waits until the execution's history has {@code events} events. */
  void awaitEvents(String executionArn, int events) {
    await(
        executionArn + " has " + events + " events", () -> history(executionArn).size() >= events);
  }

  /** The execution's history as the API returns it (raw JSON). */
  JsonNode history(String executionArn) {
    return call("GetExecutionHistory", "{\"executionArn\":\"" + executionArn + "\"}")
        .path("events");
  }

  /** Asserts the whole document equals {@code expected} (JSON text). */
  static void assertJson(JsonNode actual, String expected) {
    try {
      assertThat(Json.write(actual)).isEqualTo(Json.write(Json.parse(expected)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError("expected is not JSON: " + expected, e);
    }
  }

  /** Asserts {@code call} fails with AWS's exception {@code type} and exactly {@code message}. */
  static void assertFails(
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

  /** One raw call: the response body as JSON, whatever the status. */
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

  @Override
  public void close() {
    sfn.close();
    api.close();
    scheduler.close();
  }
}
