package dev.stepwise.observability.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.language.json.Json;
import java.util.List;

/**
 * One history event as Step Functions writes it to CloudWatch Logs: {@code id}, {@code type},
 * {@code details} (the event's details object), {@code previous_event_id}, {@code event_timestamp},
 * {@code execution_arn} and {@code redrive_count}, ids and numbers as strings. Without {@code
 * includeExecutionData} the details lose every payload: input, output, parameters and their
 * truncation flags.
 */
public final class LogRecords {
  private LogRecords() {}

  /** The members that carry execution data. */
  private static final List<String> DATA =
      List.of("input", "inputDetails", "output", "outputDetails", "parameters");

  public static ObjectNode record(HistoryEvent e, String executionArn, boolean includeData) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("id", Long.toString(e.id()));
    o.put("type", e.type().name());
    ObjectNode given = e.details();
    ObjectNode details = given == null ? Json.NODES.objectNode() : given.deepCopy();
    if (!includeData) {
      details.remove(DATA);
    }
    o.set("details", details);
    o.put("previous_event_id", Long.toString(e.previousEventId()));
    o.put("event_timestamp", Long.toString(e.timestamp().toEpochMilli()));
    o.put("execution_arn", executionArn);
    o.put("redrive_count", "0"); // Stepwise does not redrive
    return o;
  }
}
