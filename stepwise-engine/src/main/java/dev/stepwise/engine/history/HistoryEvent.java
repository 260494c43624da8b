package dev.stepwise.engine.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One event of an execution's history, as GetExecutionHistory returns it.
 *
 * <p>The details object may be built when first read: most histories are stored or thrown away
 * without anyone reading their details, and building them costs a third of a Pass transition.
 */
public final class HistoryEvent {
  private final long id;
  private final long previousEventId;
  private final Instant timestamp;
  private final EventType type;
  private @Nullable Supplier<ObjectNode> deferred;
  private @Nullable ObjectNode details;

  /**
   * @param details the members of the type's details object (AWS field names), or null
   */
  public HistoryEvent(
      long id,
      long previousEventId,
      Instant timestamp,
      EventType type,
      @Nullable ObjectNode details) {
    this.id = id;
    this.previousEventId = previousEventId;
    this.timestamp = timestamp;
    this.type = type;
    this.details = details;
  }

  /**
   * An event whose details are built on first read.
   *
   * @param details must capture only values that never change (names, JSON texts)
   */
  public static HistoryEvent deferred(
      long id,
      long previousEventId,
      Instant timestamp,
      EventType type,
      Supplier<ObjectNode> details) {
    HistoryEvent e = new HistoryEvent(id, previousEventId, timestamp, type, null);
    e.deferred = details;
    return e;
  }

  public long id() {
    return id;
  }

  public long previousEventId() {
    return previousEventId;
  }

  public Instant timestamp() {
    return timestamp;
  }

  public EventType type() {
    return type;
  }

  /** The members of the type's details object (AWS field names), or null. */
  public synchronized @Nullable ObjectNode details() {
    if (deferred != null) {
      details = deferred.get();
      deferred = null;
    }
    return details;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HistoryEvent e
        && id == e.id
        && previousEventId == e.previousEventId
        && timestamp.equals(e.timestamp)
        && type == e.type
        && Objects.equals(details(), e.details());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, previousEventId, timestamp, type);
  }

  @Override
  public String toString() {
    return "HistoryEvent[id=" + id + ", type=" + type + ", details=" + details() + "]";
  }
}
