package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.ChoiceState;
import dev.stepwise.language.model.FailState;
import dev.stepwise.language.model.MapState;
import dev.stepwise.language.model.ParallelState;
import dev.stepwise.language.model.PassState;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.SucceedState;
import dev.stepwise.language.model.TaskState;
import dev.stepwise.language.model.WaitState;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The history events' types and details objects, with AWS's field names. */
final class EventDetails {
  private EventDetails() {}

  /** Built when first read: the input and the spec never change. */
  static EventLog.Deferred executionStarted(ExecutionSpec started, PayloadText inputText) {
    return () -> {
      ObjectNode d = payload(Json.NODES.objectNode(), "input", inputText.get());
      d.put("roleArn", started.roleArn());
      if (started.stateMachineAliasArn() != null) {
        d.put("stateMachineAliasArn", started.stateMachineAliasArn());
      }
      if (started.stateMachineVersionArn() != null) {
        d.put("stateMachineVersionArn", started.stateMachineVersionArn());
      }
      return d;
    };
  }

  static EventType enteredType(State s) {
    return switch (s) {
      case PassState x -> EventType.PassStateEntered;
      case TaskState x -> EventType.TaskStateEntered;
      case ChoiceState x -> EventType.ChoiceStateEntered;
      case WaitState x -> EventType.WaitStateEntered;
      case SucceedState x -> EventType.SucceedStateEntered;
      case FailState x -> EventType.FailStateEntered;
      case ParallelState x -> EventType.ParallelStateEntered;
      case MapState x -> EventType.MapStateEntered;
    };
  }

  static EventType exitedType(State s) {
    return switch (s) {
      case PassState x -> EventType.PassStateExited;
      case TaskState x -> EventType.TaskStateExited;
      case ChoiceState x -> EventType.ChoiceStateExited;
      case WaitState x -> EventType.WaitStateExited;
      case SucceedState x -> EventType.SucceedStateExited;
      case ParallelState x -> EventType.ParallelStateExited;
      case MapState x -> EventType.MapStateExited;
      case FailState x -> throw new IllegalStateException("Fail states do not exit");
    };
  }

  /** {@code {"truncated": false}}, shared by every event (history nodes are never changed). */
  static final ObjectNode NOT_TRUNCATED = Json.NODES.objectNode().put("truncated", false);

  /** An execution's Succeeded details, built when first read. */
  static EventLog.Deferred outputDetails(PayloadText outputText) {
    return () -> payload(Json.NODES.objectNode(), "output", outputText.get());
  }

  /** A state's Entered details, built when first read (name and input text never change). */
  static EventLog.Deferred enteredDetails(String name, PayloadText inputText) {
    return () -> payload(nameDetails(name), "input", inputText.get());
  }

  static ObjectNode nameDetails(String name) {
    ObjectNode d = Json.NODES.objectNode();
    d.put("name", name);
    return d;
  }

  static ObjectNode exitedDetails(
      String name, PayloadText outputText, @Nullable Map<String, JsonNode> assigned) {
    ObjectNode d = payload(nameDetails(name), "output", outputText.get());
    if (assigned != null) {
      ObjectNode vars = d.putObject("assignedVariables");
      assigned.forEach((k, v) -> vars.put(k, Json.write(v)));
      d.set("assignedVariablesDetails", NOT_TRUNCATED);
    }
    return d;
  }

  static ObjectNode errorDetails(ObjectNode d, @Nullable String err, @Nullable String why) {
    if (err != null) {
      d.put("error", err);
    }
    if (why != null) {
      d.put("cause", why);
    }
    return d;
  }

  static ObjectNode taskDetails(Resource resource) {
    ObjectNode d = Json.NODES.objectNode();
    d.put("resourceType", resource.resourceType());
    d.put("resource", resource.resource());
    return d;
  }

  static ObjectNode iterationDetails(String name, int index) {
    ObjectNode d = Json.NODES.objectNode();
    d.put("name", name);
    d.put("index", index);
    return d;
  }

  static void putSeconds(ObjectNode d, String field, @Nullable Long seconds) {
    if (seconds != null) {
      d.put(field, seconds);
    }
  }

  /** {@code {field: text, fieldDetails: {"truncated": false}}}. */
  static ObjectNode payload(ObjectNode d, String field, String text) {
    d.put(field, text);
    d.set(field + "Details", NOT_TRUNCATED);
    return d;
  }
}
