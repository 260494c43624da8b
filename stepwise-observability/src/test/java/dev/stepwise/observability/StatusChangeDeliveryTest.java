package dev.stepwise.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.ScriptedTasks;
import dev.stepwise.engine.observe.Outbox;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.observability.events.EventDelivery;
import dev.stepwise.observability.events.EventSink;
import dev.stepwise.observability.events.EventsConfig;
import dev.stepwise.observability.events.StatusChangeEvents;
import dev.stepwise.store.sqlite.SqliteStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook receiver on loopback gets exactly one event per status change, in order and with
 * EventBridge's shape: also when it was down while the changes happened, and when the server was
 * stopped and started again in between (the outbox is in the SQLite store).
 */
class StatusChangeDeliveryTest {
  @TempDir Path dataDir;

  private final List<String> received = Collections.synchronizedList(new ArrayList<>());
  private HttpServer receiver;
  private int port;

  /** One server: store, engine, control plane, and the sink's delivery. */
  private final class Server implements AutoCloseable {
    final ManualClock clock = new ManualClock(Observed.T0);
    final VirtualTimeScheduler scheduler = new VirtualTimeScheduler(clock);
    final SqliteStore store;
    final Outbox outbox;
    final Engine engine;
    final StepFunctionsService service;
    final EventDelivery delivery;
    private final AtomicLong ids = new AtomicLong();

    Server() throws Exception {
      store = SqliteStore.open(dataDir);
      outbox = store.outbox(new StatusChangeEvents(List.of("hook")));
      engine = new Engine(EngineSettings.DEFAULTS, clock, scheduler, new ScriptedTasks(), store, 7);
      service =
          new StepFunctionsService(
              engine, store, store.resources(), clock, () -> new UUID(0, ids.incrementAndGet()));
      engine.resumeAll();
      EventsConfig config =
          EventsConfig.parse(
              Json.parseTrusted(
                  "{\"sinks\":[{\"name\":\"hook\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:"
                      + port
                      + "/events\",\"timeoutSeconds\":2,"
                      + "\"retry\":{\"initialSeconds\":0.05,\"maxSeconds\":0.2}}]}"));
      EventSink sink = config.open().get(0);
      delivery =
          new EventDelivery(sink, config.sinks().get(0).retry(), outbox, InstantSource.system());
    }

    void settle() throws InterruptedException {
      for (int i = 0; i < 3; i++) {
        store.flush();
        scheduler.runReady();
      }
    }

    @Override
    public void close() {
      delivery.close();
      store.close();
    }
  }

  private void receiverUp() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    receiver.createContext(
        "/events",
        exchange -> {
          try (exchange) {
            received.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
          }
        });
    receiver.start();
  }

  private void receiverDown() {
    receiver.stop(0);
    receiver = null;
  }

  @AfterEach
  void stopReceiver() {
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not delivered in 20 s");
      }
      Thread.sleep(10);
    }
  }

  private static String id(String executionArn, String status) {
    return UUID.nameUUIDFromBytes((executionArn + "#" + status).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  @Test
  void oneEventPerStatusChangeThroughAnOutageAndARestart() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // nothing listens there yet: the receiver is down
    }
    String quick = Observed.EXEC + "quick:q1";
    String slow = Observed.EXEC + "slow:s1";
    try (Server server = new Server()) {
      server.service.createStateMachine(
          "quick",
          "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"ok\":1},\"End\":true}}}",
          null,
          MachineType.STANDARD);
      server.service.createStateMachine(
          "slow",
          "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":60,\"End\":true}}}",
          null,
          MachineType.STANDARD);
      server.service.startExecution(Observed.SM + "quick", "q1", "{\"secret\":\"s3cr3t\"}", false);
      server.service.startExecution(Observed.SM + "slow", "s1", "{}", false);
      server.settle();
      assertThat(server.outbox.pending("hook")).isEqualTo(3);

      receiverUp(); // back after a while: what waited is delivered, in order
      await(() -> received.size() == 3 && server.outbox.pending("hook") == 0);
      receiverDown();

      server.clock.advance(Duration.ofSeconds(60)); // the slow one ends while the receiver is down
      server.settle();
      assertThat(server.outbox.pending("hook")).isEqualTo(1);
    }
    try (Server restarted = new Server()) {
      assertThat(restarted.outbox.pending("hook")).isEqualTo(1);
      receiverUp();
      await(() -> received.size() == 4 && restarted.outbox.pending("hook") == 0);
    }

    List<JsonNode> events = received.stream().map(Json::parseTrusted).toList();
    assertThat(
            events.stream()
                .map(
                    e ->
                        e.path("detail").path("executionArn").asText()
                            + " "
                            + e.path("detail").path("status").asText()))
        .containsExactly(
            quick + " RUNNING", quick + " SUCCEEDED", slow + " RUNNING", slow + " SUCCEEDED");
    assertThat(events.stream().map(e -> e.path("id").asText()).distinct()).hasSize(4);
    assertThat(events.get(1))
        .isEqualTo(
            Json.parseTrusted(
                """
                {"version":"0","id":"%s","detail-type":"Step Functions Execution Status Change",
                 "source":"aws.states","account":"123456789012","time":"2026-01-01T00:00:00Z",
                 "region":"us-east-1","resources":["%s"],
                 "detail":{"executionArn":"%s",
                   "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:quick",
                   "name":"q1","status":"SUCCEEDED","startDate":1767225600000,"stopDate":1767225600000,
                   "input":"{\\"secret\\":\\"s3cr3t\\"}","inputDetails":{"included":true},
                   "output":"{\\"ok\\":1}","outputDetails":{"included":true},
                   "error":null,"cause":null,"redriveCount":0,"redriveDate":null,
                   "redriveStatus":"NOT_REDRIVABLE",
                   "redriveStatusReason":"Execution is SUCCEEDED and cannot be redriven"}}
                """
                    .formatted(id(quick, "SUCCEEDED"), quick, quick)));
    assertThat(events.get(2).path("detail"))
        .isEqualTo(
            Json.parseTrusted(
                """
                {"executionArn":"%s",
                 "stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:slow",
                 "name":"s1","status":"RUNNING","startDate":1767225600000,"stopDate":null,
                 "input":"{}","inputDetails":{"included":true},"output":null,"outputDetails":null,
                 "error":null,"cause":null,"redriveCount":0,"redriveDate":null,
                 "redriveStatus":"NOT_REDRIVABLE",
                 "redriveStatusReason":"Execution is RUNNING and cannot be redriven"}
                """
                    .formatted(slow)));
    assertThat(events.get(3).path("time").asText()).isEqualTo("2026-01-01T00:01:00Z");
    assertThat(events.get(3).path("detail").path("stopDate").asLong()).isEqualTo(1767225660000L);
  }

  @Test
  void badConfigurationsAreRefusedWithTheirReason() {
    assertThat(reason("{\"sinks\":[]}")).isEqualTo("\"sinks\" must be a non-empty array");
    assertThat(reason("{\"sinks\":[{\"name\":\"a\",\"type\":\"queue\"}]}"))
        .isEqualTo("sink 'a': \"type\" must be webhook or file, not 'queue'");
    assertThat(reason("{\"sinks\":[{\"name\":\"a\",\"type\":\"webhook\",\"url\":\"ftp://x/\"}]}"))
        .isEqualTo("sink 'a': \"url\" must be an http or https URL with a host");
    assertThat(
            reason(
                "{\"sinks\":[{\"name\":\"a\",\"type\":\"webhook\",\"url\":\"http://no-such-host.invalid/\"}]}"))
        .isEqualTo("sink 'a': the host of \"url\", no-such-host.invalid, is not known");
    assertThat(
            reason(
                "{\"sinks\":[{\"name\":\"a\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1/\",\"tls\":true}]}"))
        .isEqualTo("sink 'a': unknown field \"tls\"");
    assertThat(
            reason(
                "{\"sinks\":[{\"name\":\"a\",\"type\":\"file\",\"path\":\"/no/such/dir/e.jsonl\"}]}"))
        .isEqualTo(
            "sink 'a': the directory of /no/such/dir/e.jsonl does not exist or is not writable");
    assertThat(
            reason(
                "{\"sinks\":[{\"name\":\"a\",\"type\":\"file\",\"path\":\"/tmp/e.jsonl\"},"
                    + "{\"name\":\"a\",\"type\":\"file\",\"path\":\"/tmp/f.jsonl\"}]}"))
        .isEqualTo("two sinks are named 'a'");
    assertThat(
            reason(
                "{\"sinks\":[{\"name\":\"a\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1/\","
                    + "\"retry\":{\"initialSeconds\":5,\"maxSeconds\":1}}]}"))
        .isEqualTo("sink 'a': \"retry.maxSeconds\" must not be less than \"retry.initialSeconds\"");
  }

  private static String reason(String config) {
    try {
      EventsConfig.parse(Json.parseTrusted(config));
      return "accepted";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
