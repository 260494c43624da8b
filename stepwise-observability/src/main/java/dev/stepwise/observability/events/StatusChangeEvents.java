package dev.stepwise.observability.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.observe.Outbox;
import dev.stepwise.engine.runtime.Trigger;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.store.StepRecord;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.MachineType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * EventBridge's "Step Functions Execution Status Change" events, one per status change of a
 * STANDARD execution (EXPRESS executions emit none, as on AWS): RUNNING with the start, then the
 * closing status. The {@code detail} is what DescribeExecution answers at that moment
 * (https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html).
 *
 * <p>Each event is one outbox message per sink, so it is stored with the step that caused it.
 */
public final class StatusChangeEvents implements Outbox.Source {
  /** EventBridge's limit on a payload's escaped input and output together (AWS: 248 KB). */
  static final int MAX_PAYLOAD_CHARS = 248 * 1024;

  private final List<String> sinks;

  /**
   * @param sinks the names of the sinks each event goes to
   */
  public StatusChangeEvents(List<String> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public List<Outbox.Draft> messages(StepRecord step) {
    if (sinks.isEmpty() || step.execution().spec().type() != MachineType.STANDARD) {
      return List.of();
    }
    boolean started = step.trigger() instanceof Trigger.Start;
    boolean closed = step.step().closes();
    if (!started && !closed) {
      return List.of();
    }
    List<Outbox.Draft> out = new ArrayList<>(sinks.size() * 2);
    if (started) {
      String body = Json.write(event(step.execution(), true));
      sinks.forEach(s -> out.add(new Outbox.Draft(s, body)));
    }
    if (closed) {
      String body = Json.write(event(step.execution(), false));
      sinks.forEach(s -> out.add(new Outbox.Draft(s, body)));
    }
    return out;
  }

  /**
   * The event for the execution's state after a step.
   *
   * @param running the RUNNING event of its start (the step may have closed it already)
   */
  public static ObjectNode event(ExecutionRecord r, boolean running) {
    ExecutionSpec spec = r.spec();
    ExecutionStatus status = running ? ExecutionStatus.RUNNING : r.status();
    Instant at = running || r.stopDate() == null ? spec.startTime() : r.stopDate();
    // arn:aws:states:REGION:ACCOUNT:execution:...
    String[] arn = spec.executionArn().split(":", 6);
    ObjectNode e = Json.NODES.objectNode();
    e.put("version", "0");
    e.put(
        "id",
        UUID.nameUUIDFromBytes(
                (spec.executionArn() + "#" + status).getBytes(StandardCharsets.UTF_8))
            .toString());
    e.put("detail-type", "Step Functions Execution Status Change");
    e.put("source", "aws.states");
    e.put("account", arn.length > 4 ? arn[4] : "");
    e.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
    e.put("region", arn.length > 3 ? arn[3] : "");
    ArrayNode resources = e.putArray("resources");
    resources.add(spec.executionArn());
    e.set("detail", detail(r, status));
    return e;
  }

  private static ObjectNode detail(ExecutionRecord r, ExecutionStatus status) {
    ExecutionSpec spec = r.spec();
    boolean closed = status != ExecutionStatus.RUNNING;
    ObjectNode d = Json.NODES.objectNode();
    d.put("executionArn", spec.executionArn());
    d.put("stateMachineArn", spec.stateMachineArn());
    d.put("name", spec.name());
    d.put("status", status.name());
    d.put("startDate", spec.startTime().toEpochMilli());
    if (closed && r.stopDate() != null) {
      d.put("stopDate", r.stopDate().toEpochMilli());
    } else {
      d.putNull("stopDate");
    }
    String input = Json.write(spec.input());
    String output =
        closed && r.status() == ExecutionStatus.SUCCEEDED && r.output() != null
            ? Json.write(r.output())
            : null;
    boolean outputFits = output == null || output.length() <= MAX_PAYLOAD_CHARS;
    boolean inputFits =
        input.length() + (outputFits && output != null ? output.length() : 0) <= MAX_PAYLOAD_CHARS;
    d.put("input", inputFits ? input : null);
    d.putObject("inputDetails").put("included", inputFits);
    if (output == null) {
      d.putNull("output");
      d.putNull("outputDetails");
    } else {
      d.put("output", outputFits ? output : null);
      d.putObject("outputDetails").put("included", outputFits);
    }
    d.put("error", closed ? r.error() : null);
    d.put("cause", closed ? r.cause() : null);
    if (spec.stateMachineVersionArn() != null) {
      d.put("stateMachineVersionArn", spec.stateMachineVersionArn());
    }
    if (spec.stateMachineAliasArn() != null) {
      d.put("stateMachineAliasArn", spec.stateMachineAliasArn());
    }
    d.put("redriveCount", 0);
    d.putNull("redriveDate");
    if (closed) {
      boolean succeeded = status == ExecutionStatus.SUCCEEDED;
      d.put("redriveStatus", succeeded ? "NOT_REDRIVABLE" : "REDRIVABLE");
      d.put(
          "redriveStatusReason",
          succeeded ? "Execution is SUCCEEDED and cannot be redriven" : null);
    } else {
      d.put("redriveStatus", "NOT_REDRIVABLE");
      d.put("redriveStatusReason", "Execution is RUNNING and cannot be redriven");
    }
    return d;
  }
}
