package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.history.HistoryJson;
import dev.stepwise.engine.store.InMemoryExecutionStore;
import dev.stepwise.engine.time.ManualClock;
import dev.stepwise.engine.time.VirtualTimeScheduler;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import java.time.Duration;
import java.time.Instant;

/**
 * An engine on a manual clock and a single-threaded scheduler, for tests: nothing happens until the
 * test runs ready work or advances time.
 */
public final class EngineHarness {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  public final ManualClock clock = new ManualClock(T0);
  public final VirtualTimeScheduler scheduler = new VirtualTimeScheduler(clock);
  public final ScriptedTasks tasks = new ScriptedTasks();
  public final InMemoryExecutionStore store = new InMemoryExecutionStore();
  public final Engine engine;
  private final Arns arns;
  private int counter;

  public EngineHarness() {
    this(EngineSettings.DEFAULTS);
  }

  public EngineHarness(EngineSettings settings) {
    engine = new Engine(settings, clock, scheduler, tasks, store, 7);
    arns = Arns.of(settings);
  }

  /** Starts an execution of {@code definition} and runs ready work (time does not move). */
  public Execution start(String definition, String input) {
    return start(definition, input, MachineType.STANDARD);
  }

  public Execution start(String definition, String input, MachineType type) {
    Execution e = begin(definition, input, type);
    scheduler.runReady();
    return e;
  }

  /**
   * Starts an execution: only its first step runs (on this thread), the rest waits for the test to
   * run ready work.
   */
  public Execution begin(String definition, String input, MachineType type) {
    ParseResult parsed = new DefinitionParser(type).parse(definition);
    if (!parsed.valid()) {
      throw new IllegalArgumentException(parsed.invalidDefinitionMessage());
    }
    String name = "exec-" + (++counter);
    ExecutionSpec spec =
        new ExecutionSpec(
            arns.execution("sm", name),
            name,
            arns.stateMachine("sm"),
            "sm",
            parsed.machine(),
            type,
            Json.parseTrusted(input),
            arns.defaultRole(),
            clock.instant(),
            null,
            null,
            true);
    return engine.start(spec);
  }

  public void advance(Duration d) {
    scheduler.advance(d);
  }

  /** Runs to quiescence, jumping the clock over every timer. */
  public void runUntilIdle() {
    try {
      scheduler.runUntilIdle();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The history as GetExecutionHistory's {@code events} array. */
  public static ArrayNode historyJson(Execution e) {
    ArrayNode events = Json.NODES.arrayNode();
    for (HistoryEvent event : e.history()) {
      events.add(HistoryJson.event(event));
    }
    return events;
  }

  public static JsonNode json(String text) {
    return Json.parseTrusted(text);
  }

  /**
   * Compares JSON by its compact text, so that numbers compare by value whatever node type holds
   * them (1 as an int or a long).
   */
  public static void assertJson(JsonNode actual, String expected) {
    org.assertj.core.api.Assertions.assertThat(Json.write(actual))
        .isEqualTo(Json.write(json(expected)));
  }
}
