package dev.stepwise.engine.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.time.Instant;
import java.util.List;

/** History events in GetExecutionHistory's JSON shape (timestamps in epoch seconds). */
public final class HistoryJson {
  private HistoryJson() {}

  public static ObjectNode event(HistoryEvent e) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("timestamp", epochSeconds(e.timestamp()));
    o.put("type", e.type().name());
    o.put("id", e.id());
    o.put("previousEventId", e.previousEventId());
    if (e.details() != null && e.type().detailsKey() != null) {
      o.set(e.type().detailsKey(), e.details());
    }
    return o;
  }

  public static ObjectNode page(List<HistoryEvent> events) {
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("events");
    events.forEach(e -> list.add(event(e)));
    return o;
  }

  /**
   * AWS JSON protocol timestamps: seconds since the epoch with a millisecond fraction, as a double
   * (AWS writes e.g. {@code 1.707912552613E9}).
   */
  public static double epochSeconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }
}
