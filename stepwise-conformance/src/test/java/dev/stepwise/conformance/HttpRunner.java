package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.ApiServer;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.nested.NestedExecutions;
import dev.stepwise.engine.nested.SfnSdkTasks;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.engine.task.UnconfiguredTasks;
import dev.stepwise.engine.time.FastTime;
import dev.stepwise.language.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Runs cases through the HTTP API (AWS JSON 1.0), as a client would: CreateStateMachine,
 * StartExecution, DescribeExecution, GetExecutionHistory. The server runs in virtual time.
 */
final class HttpRunner implements CaseRunner, AutoCloseable {
  private final FastTime time = new FastTime(Instant.parse("2026-01-01T00:00:00Z"));
  private final ApiServer api;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI endpoint;
  private final AtomicInteger cases = new AtomicInteger();

  HttpRunner() throws Exception {
    InMemoryExecutionStore store = new InMemoryExecutionStore();
    Router router = new Router();
    Engine engine =
        new Engine(EngineSettings.DEFAULTS, time.clock(), time.scheduler(), router, store, 42);
    Random random = new Random(42);
    StepFunctionsService service =
        new StepFunctionsService(
            engine, store, time.clock(), () -> new UUID(random.nextLong(), random.nextLong()));
    router.nested = new NestedExecutions(service, RandomGenerator.of("L64X128MixRandom"));
    router.sfn = new SfnSdkTasks(service, RandomGenerator.of("L64X128MixRandom"));
    api = ApiServer.start("127.0.0.1", 0, service);
    endpoint = URI.create("http://127.0.0.1:" + api.port() + "/");
  }

  @Override
  public Outcome run(RecordedCase c) throws Exception {
    String prefix = "c" + cases.incrementAndGet() + "-";
    JsonNode doc =
        c.resolved(
            name -> "arn:aws:states:us-east-1:123456789012:stateMachine:" + prefix + name,
            name -> prefix + name);
    List<RecordedCase.Machine> machines = c.machines(doc);
    for (RecordedCase.Machine m : machines) {
      ObjectNode req = Json.NODES.objectNode();
      req.put("name", prefix + m.name());
      req.put("definition", Json.write(m.definition()));
      req.put("roleArn", "arn:aws:iam::123456789012:role/conformance");
      req.put("type", m.type());
      call("CreateStateMachine", req);
    }
    ObjectNode start = Json.NODES.objectNode();
    start.put(
        "stateMachineArn",
        "arn:aws:states:us-east-1:123456789012:stateMachine:" + prefix + machines.get(0).name());
    start.put("input", Json.write(doc.path("input")));
    String arn = call("StartExecution", start).path("executionArn").asText();

    JsonNode described;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    do {
      described = call("DescribeExecution", Json.NODES.objectNode().put("executionArn", arn));
    } while (described.path("status").asText().equals("RUNNING") && System.nanoTime() < deadline);

    List<JsonNode> events = new ArrayList<>();
    String token = null;
    do {
      ObjectNode req = Json.NODES.objectNode().put("executionArn", arn).put("maxResults", 1000);
      if (token != null) {
        req.put("nextToken", token);
      }
      JsonNode page = call("GetExecutionHistory", req);
      page.path("events").forEach(events::add);
      token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
    } while (token != null);
    JsonNode last = events.get(events.size() - 1);
    JsonNode details = Json.NODES.objectNode();
    for (var it = last.properties().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().endsWith("EventDetails")) {
        details = e.getValue();
      }
    }
    return new Outcome(
        described.path("status").asText(),
        details.hasNonNull("output") ? details.get("output").asText() : null,
        details.hasNonNull("error") ? details.get("error").asText() : null,
        details.hasNonNull("cause") ? details.get("cause").asText() : null,
        events.stream().map(e -> e.path("type").asText()).toList());
  }

  private JsonNode call(String operation, JsonNode body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(operation + " failed: " + r.body());
    }
    return Json.parse(r.body());
  }

  @Override
  public void close() {
    api.close();
    time.close();
  }

  private static final class Router implements TaskDispatcher {
    NestedExecutions nested;
    SfnSdkTasks sfn;
    final UnconfiguredTasks unconfigured = new UnconfiguredTasks();

    @Override
    public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
      if (NestedExecutions.serves(request.resource())) {
        nested.dispatch(request, callbacks);
      } else if (SfnSdkTasks.serves(request.resource())) {
        sfn.dispatch(request, callbacks);
      } else {
        unconfigured.dispatch(request, callbacks);
      }
    }

    @Override
    public void cancel(TaskRequest request, String cause) {
      nested.cancel(request, cause);
    }
  }
}
