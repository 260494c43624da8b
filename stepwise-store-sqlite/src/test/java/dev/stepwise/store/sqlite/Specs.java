package dev.stepwise.store.sqlite;

import dev.stepwise.engine.Arns;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.history.HistoryJson;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import java.time.Instant;
import java.util.List;

/** The execution the restart tests run, and how they compare histories. */
final class Specs {
  private Specs() {}

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Execution "e" of STANDARD state machine "sm", started at {@link #T0}, history kept. */
  static ExecutionSpec spec(String definition, String input) {
    Arns arns = Arns.of(EngineSettings.DEFAULTS);
    return new ExecutionSpec(
        arns.execution("sm", "e"),
        "e",
        arns.stateMachine("sm"),
        "sm",
        new DefinitionParser(MachineType.STANDARD).parse(definition).machine(),
        MachineType.STANDARD,
        Json.parseTrusted(input),
        arns.defaultRole(),
        T0,
        null,
        null,
        true);
  }

  /** A history as GetExecutionHistory's events, in JSON text. */
  static String history(List<HistoryEvent> events) {
    return Json.write(Json.mapper().valueToTree(events.stream().map(HistoryJson::event).toList()));
  }
}
