package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.EngineSettings;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.local.LocalRuntime;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.MachineType;
import java.time.Instant;
import java.util.List;

/** Runs cases on an in-process engine with virtual time. */
final class InProcessRunner implements CaseRunner {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Override
  public Outcome run(RecordedCase recordedCase) throws Exception {
    LocalRuntime runtime = new LocalRuntime(EngineSettings.DEFAULTS, true, START, 42);
    JsonNode doc = recordedCase.resolved(name -> runtime.arns().stateMachine(name));
    List<RecordedCase.Machine> machines = recordedCase.machines(doc);
    for (RecordedCase.Machine m : machines) {
      runtime.register(m.name(), Json.write(m.definition()), MachineType.valueOf(m.type()));
    }
    Execution e = runtime.run(machines.get(0).name(), doc.path("input"), true);
    List<String> types = e.history().stream().map(HistoryEvent::type).map(Enum::name).toList();
    return new Outcome(
        e.status().name(),
        e.output() == null ? null : Json.write(e.output()),
        e.error(),
        e.cause(),
        types);
  }
}
