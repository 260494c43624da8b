package dev.stepwise.engine.runtime;

import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.HistoryEvent;
import java.util.List;

/**
 * What one trigger did: the events it appended, the effects to run, the status after it.
 *
 * @param closes whether this step closed the execution (observers count each close once, also for
 *     EXPRESS executions that keep no events)
 */
public record Step(
    List<HistoryEvent> events, List<Effect> effects, ExecutionStatus status, boolean closes) {
  public Step {
    events = List.copyOf(events);
    effects = List.copyOf(effects);
  }

  public Step(List<HistoryEvent> events, List<Effect> effects, ExecutionStatus status) {
    this(events, effects, status, false);
  }
}
