package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Numbers and keeps an execution's history events. Ids always advance (the 25,000-event cap counts
 * them) even when events are not kept, as for EXPRESS executions.
 */
final class EventLog {
  private final boolean record;
  private final int limit;
  private final List<HistoryEvent> events = new ArrayList<>();
  private long lastId;

  /**
   * @param limit the event id that may only be an execution-closing event (0 = no cap)
   */
  EventLog(boolean record, int limit) {
    this.record = record;
    this.limit = limit;
  }

  /** Thrown when a non-closing event would take the cap's id: the execution must fail. */
  static final class LimitReached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitReached() {
      super(null, null, false, false);
    }
  }

  /**
   * Details that capture only values that never change (names, JSON texts): built when the event is
   * first read, if ever.
   */
  @FunctionalInterface
  interface Deferred extends Supplier<ObjectNode> {}

  long append(
      long previousEventId,
      Instant timestamp,
      EventType type,
      @Nullable Supplier<ObjectNode> details) {
    long id = lastId + 1;
    if (limit > 0 && id >= limit && !type.closesExecution()) {
      throw new LimitReached();
    }
    lastId = id;
    if (record) {
      events.add(
          details instanceof Deferred deferred
              ? HistoryEvent.deferred(id, previousEventId, timestamp, type, deferred)
              : new HistoryEvent(
                  id, previousEventId, timestamp, type, details == null ? null : details.get()));
    }
    return id;
  }

  boolean recording() {
    return record;
  }

  long lastId() {
    return lastId;
  }

  /** The events appended since the last call, which starts a new step. */
  List<HistoryEvent> drain() {
    List<HistoryEvent> step = List.copyOf(events);
    events.clear();
    return step;
  }
}
