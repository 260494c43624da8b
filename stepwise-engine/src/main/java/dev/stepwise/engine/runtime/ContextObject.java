package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.language.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Builds the context object ({@code $$}, {@code $states.context}) in the shape AWS records: {@code
 * Execution}, {@code StateMachine}, {@code State}, and {@code Task}/{@code Map} where defined.
 */
final class ContextObject {
  /** ISO-8601 UTC with milliseconds, e.g. {@code 2019-03-26T20:14:13.192Z}. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final ExecutionSpec spec;

  // Built when a state first reads the context: most executions never do.
  private @Nullable ObjectNode execution;
  private @Nullable ObjectNode stateMachine;
  private int redriveCount;
  private @Nullable Instant redriveTime;

  ContextObject(ExecutionSpec spec) {
    this.spec = spec;
  }

  /** After a redrive: {@code $$.Execution.RedriveCount} and {@code RedriveTime} change. */
  void redriven(int count, Instant at) {
    redriveCount = count;
    redriveTime = at;
    execution = null;
  }

  /**
   * The context of a state.
   *
   * @param retryCount included for retryable states (Task), else null
   * @param taskToken included inside token-bearing tasks, else null
   * @param mapItem {@code Map.Item} inside a Map's ItemSelector, else null
   */
  JsonNode forState(
      String stateName,
      Instant enteredTime,
      @Nullable Integer retryCount,
      @Nullable String taskToken,
      @Nullable ObjectNode mapItem) {
    if (execution == null || stateMachine == null) {
      ObjectNode e = Json.NODES.objectNode();
      e.put("Id", spec.executionArn());
      e.set("Input", spec.input());
      e.put("StartTime", TIMESTAMP.format(spec.startTime()));
      e.put("Name", spec.name());
      e.put("RoleArn", spec.roleArn());
      e.put("RedriveCount", redriveCount);
      if (redriveTime != null) {
        e.put("RedriveTime", TIMESTAMP.format(redriveTime));
      }
      ObjectNode sm = Json.NODES.objectNode();
      sm.put("Id", spec.stateMachineArn());
      sm.put("Name", spec.stateMachineName());
      execution = e;
      stateMachine = sm;
    }
    ObjectNode context = Json.NODES.objectNode();
    context.set("Execution", execution);
    context.set("StateMachine", stateMachine);
    ObjectNode state = context.putObject("State");
    state.put("Name", stateName);
    state.put("EnteredTime", TIMESTAMP.format(enteredTime));
    if (retryCount != null) {
      state.put("RetryCount", retryCount);
    }
    if (taskToken != null) {
      context.putObject("Task").put("Token", taskToken);
    }
    if (mapItem != null) {
      context.putObject("Map").set("Item", mapItem);
    }
    return context;
  }
}
