package dev.stepwise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.api.ApiServer;
import dev.stepwise.api.GetRoute;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.observe.ExecutionObserver;
import dev.stepwise.engine.observe.Outbox;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.time.RealTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.observability.events.EventDelivery;
import dev.stepwise.observability.events.EventSink;
import dev.stepwise.observability.events.EventsConfig;
import dev.stepwise.observability.events.InMemoryOutbox;
import dev.stepwise.observability.events.StatusChangeEvents;
import dev.stepwise.observability.health.Readiness;
import dev.stepwise.observability.logs.ExecutionLogs;
import dev.stepwise.observability.logs.LogDestinations;
import dev.stepwise.observability.metrics.StepwiseMetrics;
import dev.stepwise.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve}'s observability, wired from {@link ObservabilityOptions}: the server's log, {@code
 * GET /metrics}, {@code /health} and {@code /ready}, execution logs and status-change events. The
 * serve command calls it at a few points of its start and stop; everything else is here.
 */
final class ServerObservability implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.stepwise.Server");

  private final @Nullable StepwiseMetrics metrics;
  private final ExecutionLogs logs;
  private final @Nullable EventsConfig events;
  private final AtomicReference<StepFunctionsService> service = new AtomicReference<>();
  private final Readiness readiness = new Readiness();
  private final AtomicBoolean recovered = new AtomicBoolean();
  private final List<EventDelivery> deliveries = new ArrayList<>();
  private @Nullable Outbox outbox;
  private @Nullable InMemoryOutbox memoryOutbox;

  private ServerObservability(
      @Nullable StepwiseMetrics metrics,
      LogDestinations destinations,
      @Nullable EventsConfig events) {
    this.metrics = metrics;
    this.logs = new ExecutionLogs(this::loggingConfiguration, destinations);
    this.events = events;
    readiness.add("recovery", recovered::get);
  }

  /**
   * Checks every option and file, then sets the server's log up.
   *
   * @param dataDir the durable store's directory (execution logs go under it by default), or null
   *     for the memory store (they go to stdout by default)
   * @throws IllegalArgumentException with a one-line reason naming the option at fault
   */
  static ServerObservability open(ObservabilityOptions o, @Nullable Path dataDir) {
    ServerLogging.check(o);
    EventsConfig events = null;
    if (o.eventsConfig != null) {
      try {
        events =
            EventsConfig.parse(
                Json.parse(InputFiles.read(o.eventsConfig, 1024 * 1024, "events config")));
      } catch (InputFiles.UnreadableFileException e) {
        throw new IllegalArgumentException(e.getMessage());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(
            "--events-config " + o.eventsConfig + ": not JSON: " + e.getOriginalMessage());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--events-config " + o.eventsConfig + ": " + e.getMessage());
      }
    }
    LogDestinations destinations;
    if ("stdout".equals(o.executionLogs) || (o.executionLogs == null && dataDir == null)) {
      destinations = LogDestinations.stream(System.out);
    } else {
      try {
        destinations =
            LogDestinations.directory(
                o.executionLogs != null
                    ? Path.of(o.executionLogs)
                    : dataDir.resolve("execution-logs"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--execution-logs: " + e.getMessage());
      }
    }
    ServerLogging.install(o); // only once every option has passed: a refused start logs nothing
    StepwiseMetrics metrics =
        o.noMetrics ? null : new StepwiseMetrics(StepwiseMetrics.DEFAULT_MAX_LABELS, true);
    return new ServerObservability(metrics, destinations, events);
  }

  private @Nullable JsonNode loggingConfiguration(String stateMachineArn) {
    StepFunctionsService s = service.get();
    return s == null
        ? null
        : s.stateMachine(stateMachineArn)
            .map(sm -> (JsonNode) sm.loggingConfiguration())
            .orElse(null);
  }

  /** The durable store: commits are measured and status-change events go to its outbox. */
  void attach(SqliteStore store) {
    if (metrics != null) {
      store.observe(metrics.store());
    }
    if (events != null) {
      outbox = store.outbox(new StatusChangeEvents(events.names()));
    }
  }

  /** What the engine tells of every stored step. */
  ExecutionObserver observer() {
    List<ExecutionObserver> all = new ArrayList<>();
    if (metrics != null) {
      all.add(metrics.executions());
    }
    all.add(logs);
    if (events != null && outbox == null) {
      memoryOutbox = new InMemoryOutbox(new StatusChangeEvents(events.names()));
      outbox = memoryOutbox;
      all.add(memoryOutbox);
    }
    return ExecutionObserver.all(all);
  }

  /** The engine and control plane exist: gauges, and the logging configurations to read. */
  void bind(Engine engine, @Nullable RealTimeScheduler scheduler, StepFunctionsService service) {
    this.service.set(service);
    if (metrics != null) {
      metrics.bind(engine, scheduler == null ? null : scheduler::pendingTimers);
    }
  }

  /** Recovery at start is over: the server is ready, and its sinks start delivering. */
  void recovered(int resumed, String store) throws IOException {
    LOG.info("Recovered {} running executions from the {} store", resumed, store);
    if (events != null && outbox != null) {
      List<EventSink> sinks = events.open();
      for (int i = 0; i < sinks.size(); i++) {
        EventSink sink = sinks.get(i);
        warnIfDown(events.sinks().get(i));
        deliveries.add(
            new EventDelivery(sink, events.sinks().get(i).retry(), outbox, InstantSource.system()));
        LOG.info(
            "Status-change events go to {} ({} waiting)",
            sink.describe(),
            outbox.pending(sink.name()));
      }
    }
    recovered.set(true);
  }

  /** A webhook that refuses connections now is reported, not fatal: its events wait for it. */
  private static void warnIfDown(EventsConfig.SinkSpec spec) {
    if (!(spec instanceof EventsConfig.Webhook w)) {
      return;
    }
    try (java.net.Socket s = new java.net.Socket()) {
      int port =
          w.url().getPort() > 0
              ? w.url().getPort()
              : w.url().getScheme().equals("https") ? 443 : 80;
      s.connect(new java.net.InetSocketAddress(w.url().getHost(), port), 2_000);
    } catch (IOException e) {
      LOG.warn(
          "Event sink {} ({}) is not reachable now; its events wait in the outbox",
          w.name(),
          w.url().getHost());
    }
  }

  /** Adds the GET routes and the API's call metrics, and logs the server's start. */
  void serve(ApiServer api, String address, String store, String version) {
    if (metrics != null) {
      StepwiseMetrics m = metrics;
      api.listen(m::apiCall);
      api.get(
          "/metrics",
          (path, query) -> GetRoute.Response.text(200, StepwiseMetrics.CONTENT_TYPE, m.scrape()));
    }
    api.get(
        "/health",
        (path, query) ->
            GetRoute.Response.text(200, "application/json", Json.write(Readiness.health())));
    api.get(
        "/ready",
        (path, query) ->
            GetRoute.Response.text(
                readiness.ready() ? 200 : 503, "application/json", Json.write(readiness.report())));
    LOG.info(
        "Stepwise {} serving the Step Functions API at {} (store: {})", version, address, store);
  }

  /** The readiness checks, for other parts of the server to add theirs. */
  Readiness readiness() {
    return readiness;
  }

  /** Stops deliveries and writes the execution logs queued; the store closes after. */
  @Override
  public void close() {
    LOG.info("Stepwise is stopping");
    deliveries.forEach(EventDelivery::close);
    logs.close();
    if (metrics != null) {
      metrics.close();
    }
    LOG.info("Stepwise stopped");
    ServerLogging.stop();
  }
}
