package dev.stepwise.console.visits;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Visits as the console's JSON: times in epoch milliseconds, absent members left out. */
public final class VisitsJson {
  private VisitsJson() {}

  public static ObjectNode visit(Visit v) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("id", v.id());
    if (v.parent() != null) {
      o.put("parent", v.parent());
    }
    if (v.branch() != null) {
      o.put("branch", v.branch());
    }
    if (v.iteration() != null) {
      o.put("iteration", v.iteration());
    }
    o.put("state", v.state());
    o.put("type", v.type());
    o.put("status", v.status().name());
    o.put("start", millis(v.start()));
    putMillis(o, "end", v.end());
    if (!v.attempts().isEmpty()) {
      ArrayNode attempts = o.putArray("attempts");
      for (Visit.Attempt a : v.attempts()) {
        ObjectNode ao = attempts.addObject();
        ao.put("start", millis(a.start()));
        putMillis(ao, "end", a.end());
        putText(ao, "error", a.error());
        putText(ao, "cause", a.cause());
      }
    }
    putText(o, "error", v.error());
    putText(o, "cause", v.cause());
    putText(o, "resource", v.resource());
    putText(o, "childExecutionArn", v.childExecutionArn());
    if (!v.iterations().isEmpty()) {
      ArrayNode its = o.putArray("iterations");
      for (Visit.Iteration it : v.iterations()) {
        ObjectNode io = its.addObject();
        io.put("index", it.index());
        io.put("status", it.status().name());
        io.put("start", millis(it.start()));
        putMillis(io, "end", it.end());
      }
    }
    return o;
  }

  private static long millis(Instant t) {
    return t.toEpochMilli();
  }

  private static void putMillis(ObjectNode o, String field, @Nullable Instant t) {
    if (t != null) {
      o.put(field, t.toEpochMilli());
    }
  }

  private static void putText(ObjectNode o, String field, @Nullable String text) {
    if (text != null) {
      o.put(field, text);
    }
  }
}
