package dev.stepwise.engine.runtime;

import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.HistoryEvent;
import java.util.List;

/** What one trigger did: the events it appended, the effects to run, the status after it. */
public record Step(List<HistoryEvent> events, List<Effect> effects, ExecutionStatus status) {
  public Step {
    events = List.copyOf(events);
    effects = List.copyOf(effects);
  }
}
