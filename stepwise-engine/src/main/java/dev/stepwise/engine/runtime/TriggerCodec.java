package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import org.jspecify.annotations.Nullable;

/** Triggers as JSON, for the journal a restart replays. */
public final class TriggerCodec {
  private TriggerCodec() {}

  public static String write(Trigger trigger) {
    ObjectNode o = Json.NODES.objectNode();
    switch (trigger) {
      case Trigger.Start s -> o.put("t", "Start");
      case Trigger.Continue c -> o.put("t", "Continue");
      case Trigger.MachineDeleted d -> o.put("t", "MachineDeleted");
      case Trigger.TimerFired t -> o.put("t", "TimerFired").put("timer", t.timerId());
      case Trigger.TaskStarted t ->
          putNullable(o.put("t", "TaskStarted").put("task", t.taskId()), "worker", t.workerName());
      case Trigger.TaskSubmitted t ->
          o.put("t", "TaskSubmitted").put("task", t.taskId()).set("response", t.response());
      case Trigger.TaskSucceeded t ->
          o.put("t", "TaskSucceeded").put("task", t.taskId()).set("output", t.output());
      case Trigger.TaskFailed t -> {
        o.put("t", "TaskFailed").put("task", t.taskId());
        putNullable(o, "error", t.error());
        putNullable(o, "cause", t.cause());
      }
      case Trigger.TaskHeartbeat t -> o.put("t", "TaskHeartbeat").put("task", t.taskId());
      case Trigger.Redrive r -> putNullable(o.put("t", "Redrive"), "token", r.clientToken());
      case Trigger.Stop s -> {
        o.put("t", "Stop");
        putNullable(o, "error", s.error());
        putNullable(o, "cause", s.cause());
      }
    }
    return Json.write(o);
  }

  public static Trigger read(String text) {
    JsonNode o;
    try {
      o = Json.parse(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("corrupt journal entry: " + text, e);
    }
    long task = o.path("task").asLong();
    return switch (o.path("t").asText()) {
      case "Start" -> new Trigger.Start();
      case "Continue" -> new Trigger.Continue();
      case "MachineDeleted" -> new Trigger.MachineDeleted();
      case "TimerFired" -> new Trigger.TimerFired(o.path("timer").asLong());
      case "TaskStarted" -> new Trigger.TaskStarted(task, text(o, "worker"));
      case "TaskSubmitted" -> new Trigger.TaskSubmitted(task, o.get("response"));
      case "TaskSucceeded" -> new Trigger.TaskSucceeded(task, o.get("output"));
      case "TaskFailed" -> new Trigger.TaskFailed(task, text(o, "error"), text(o, "cause"));
      case "TaskHeartbeat" -> new Trigger.TaskHeartbeat(task);
      case "Stop" -> new Trigger.Stop(text(o, "error"), text(o, "cause"));
      case "Redrive" -> new Trigger.Redrive(text(o, "token"));
      default -> throw new IllegalArgumentException("corrupt journal entry: " + text);
    };
  }

  private static ObjectNode putNullable(ObjectNode o, String field, @Nullable String value) {
    if (value != null) {
      o.put(field, value);
    }
    return o;
  }

  private static @Nullable String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
