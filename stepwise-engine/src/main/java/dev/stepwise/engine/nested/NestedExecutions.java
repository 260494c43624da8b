package dev.stepwise.engine.nested;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionSpec;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import dev.stepwise.language.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/*
 * Facts: ../shared/spec/nested-workflows.md. Request-response answers with the StartExecution
 * response (PascalCase, SDK metadata, epoch-ms StartDate). .sync/.sync:2 report that response as
 * TaskSubmitted and complete when the child closes: pushed by the child's completion, never
 * polled. .waitForTaskToken submits and then waits for SendTaskSuccess/Failure with the token.
 */
/** {@code arn:aws:states:::states:startExecution} in its four integration patterns. */
public final class NestedExecutions implements TaskDispatcher {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final ExecutionStarter starter;
  private final RandomGenerator random;
  private final Map<String, String> childOfTask = new ConcurrentHashMap<>();

  public NestedExecutions(ExecutionStarter starter, RandomGenerator random) {
    this.starter = starter;
    this.random = random;
  }

  public static boolean serves(Resource resource) {
    return resource.resourceType().equals("states")
        && resource.resource().startsWith("startExecution");
  }

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    start(request, callbacks, true);
  }

  /**
   * Starts the child and follows it as the pattern says.
   *
   * @param announce whether the parent records TaskSubmitted (not when it already has)
   */
  private void start(TaskRequest request, TaskCallbacks callbacks, boolean announce) {
    JsonNode p = request.parameters();
    JsonNode arn = p.get("StateMachineArn");
    if (arn == null || !arn.isTextual()) {
      callbacks.failed(
          "States.Runtime",
          "The field 'StateMachineArn' is required and must be a string to start an execution");
      return;
    }
    String input = childInput(p.get("Input"));
    JsonNode nameNode = p.get("Name");
    boolean named = nameNode != null && nameNode.isTextual();
    // Without a Name, the child's name derives from the task: dispatching the same attempt again
    // after a restart finds the same child instead of starting a second one.
    String name = named ? nameNode.asText() : childName(request);
    Resource.Pattern pattern = request.resource().pattern();
    Execution child;
    try {
      // The parent records TaskSubmitted before the child runs, so a child that calls back at
      // once cannot overtake it.
      child =
          starter.start(
              arn.asText(),
              name,
              input,
              request.executionArn(),
              started -> {
                if (announce && pattern != Resource.Pattern.REQUEST_RESPONSE) {
                  callbacks.submitted(startResponse(started.spec(), request));
                }
              });
    } catch (ServiceException e) {
      if (!named && e.code().equals("ExecutionAlreadyExists")) {
        // Dispatched again after a restart, and the child has already closed: report it.
        starter
            .closed(
                e.getMessage()
                    .substring(e.getMessage().indexOf('\'') + 1, e.getMessage().lastIndexOf('\'')))
            .ifPresent(
                record -> {
                  // The child started before the crash and has closed since: the start stands.
                  ObjectNode response = startResponse(record.spec(), request);
                  switch (pattern) {
                    case REQUEST_RESPONSE -> callbacks.succeeded(response);
                    case WAIT_FOR_TASK_TOKEN, SYNC, SYNC2 -> {
                      if (announce) {
                        callbacks.submitted(response);
                      }
                      if (pattern != Resource.Pattern.WAIT_FOR_TASK_TOKEN) {
                        report(
                            describe(record, pattern == Resource.Pattern.SYNC2),
                            record.status(),
                            callbacks);
                      }
                    }
                  }
                });
        return;
      }
      callbacks.failed(
          "StepFunctions." + e.code() + "Exception",
          e.getMessage()
              + " (Service: AWSStepFunctions; Status Code: 400; Error Code: "
              + e.code()
              + "; Request ID: "
              + uuid(request)
              + "; Proxy: null)");
      return;
    }
    switch (pattern) {
      case REQUEST_RESPONSE -> callbacks.succeeded(startResponse(child.spec(), request));
      case WAIT_FOR_TASK_TOKEN -> {}
      case SYNC, SYNC2 -> follow(request, child, callbacks);
    }
  }

  /** A {@code .sync} task waits for its running child's end (pushed by the child's completion). */
  private void follow(TaskRequest request, Execution child, TaskCallbacks callbacks) {
    String key = request.executionArn() + "#" + request.taskId();
    childOfTask.put(key, child.spec().executionArn());
    boolean parsed = request.resource().pattern() == Resource.Pattern.SYNC2;
    child
        .completion()
        .thenAccept(
            done -> {
              childOfTask.remove(key);
              report(describe(done, parsed), done.status(), callbacks);
            });
  }

  /**
   * After a restart: a {@code .sync} task attaches to its child again (closed or running); a child
   * whose start was lost in the crash (the parent's TaskSubmitted was stored, the child's first
   * step was not) is started again, with the same name and input.
   */
  @Override
  public void resume(TaskRequest request, JsonNode submitted, TaskCallbacks callbacks) {
    Resource.Pattern pattern = request.resource().pattern();
    boolean sync = pattern == Resource.Pattern.SYNC || pattern == Resource.Pattern.SYNC2;
    String childArn = submitted.path("ExecutionArn").asText();
    java.util.Optional<Execution> live = starter.find(childArn);
    if (live.isPresent()) {
      starter.relink(request.executionArn(), live.get());
      if (sync) {
        follow(request, live.get(), callbacks);
      }
      return; // the callback pattern completes by token
    }
    java.util.Optional<ExecutionRecord> closed = starter.closed(childArn);
    if (closed.isEmpty()) {
      start(request, callbacks, false);
    } else if (sync) {
      ExecutionRecord record = closed.get();
      report(describe(record, pattern == Resource.Pattern.SYNC2), record.status(), callbacks);
    }
  }

  private static void report(
      ObjectNode described, ExecutionStatus status, TaskCallbacks callbacks) {
    if (status == ExecutionStatus.SUCCEEDED) {
      callbacks.succeeded(described);
    } else {
      ObjectNode cause = described.deepCopy();
      // A failed child's description has Input as text, for .sync and .sync:2 alike.
      if (!cause.path("Input").isTextual()) {
        cause.put("Input", Json.write(cause.get("Input")));
      }
      callbacks.failed("States.TaskFailed", Json.write(cause));
    }
  }

  @Override
  public void cancel(TaskRequest request, String cause) {
    String child = childOfTask.remove(request.executionArn() + "#" + request.taskId());
    if (child != null) {
      starter.stop(child, null, cause);
    }
  }

  /** AWS: null becomes {@code {}}, a string is the input text itself, other JSON is written. */
  static String childInput(JsonNode input) {
    if (input == null || input.isNull()) {
      return "{}";
    }
    return input.isTextual() ? input.asText() : Json.write(input);
  }

  private static String childName(TaskRequest request) {
    return childName(request.executionArn(), request.taskId());
  }

  /** The name of an unnamed child: the same for every dispatch of one task attempt. */
  static String childName(String parentExecutionArn, long taskId) {
    return UUID.nameUUIDFromBytes(
            (parentExecutionArn + "#" + taskId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private UUID uuid(TaskRequest request) {
    return new UUID(random.nextLong(), random.nextLong());
  }

  private ObjectNode startResponse(ExecutionSpec child, TaskRequest request) {
    String requestId = uuid(request).toString();
    Instant start = child.startTime();
    String body =
        "{\"executionArn\":\""
            + child.executionArn()
            + "\",\"startDate\":"
            + start.toEpochMilli() / 1000.0
            + "}";
    String length = String.valueOf(body.length());
    String date = HTTP_DATE.format(start);
    ObjectNode r = Json.NODES.objectNode();
    r.put("ExecutionArn", child.executionArn());
    ObjectNode http = r.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    all.putArray("x-amzn-RequestId").add(requestId);
    all.putArray("connection").add("keep-alive");
    all.putArray("Content-Length").add(length);
    all.putArray("Date").add(date);
    all.putArray("Content-Type").add("application/x-amz-json-1.0");
    ObjectNode headers = http.putObject("HttpHeaders");
    headers.put("connection", "keep-alive");
    headers.put("Content-Length", length);
    headers.put("Content-Type", "application/x-amz-json-1.0");
    headers.put("Date", date);
    headers.put("x-amzn-RequestId", requestId);
    http.put("HttpStatusCode", 200);
    r.putObject("SdkResponseMetadata").put("RequestId", requestId);
    r.put("StartDate", start.toEpochMilli());
    return r;
  }

  /**
   * The child as DescribeExecution shows it, in PascalCase with alphabetical keys: {@code Input}
   * and {@code Output} as JSON text ({@code .sync}, failures) or parsed ({@code .sync:2}).
   */
  static ObjectNode describe(Execution child, boolean parsed) {
    return describe(
        new ExecutionRecord(
            child.spec(),
            0,
            child.status(),
            child.output(),
            child.error(),
            child.cause(),
            child.stopDate()),
        parsed);
  }

  static ObjectNode describe(ExecutionRecord child, boolean parsed) {
    ObjectNode d = Json.NODES.objectNode();
    // A child that timed out as a whole has no error or cause: its status alone (spec §2.1).
    if (child.cause() != null) {
      d.put("Cause", child.cause());
    }
    if (child.error() != null) {
      d.put("Error", child.error());
    }
    d.put("ExecutionArn", child.spec().executionArn());
    if (parsed) {
      d.set("Input", child.spec().input());
    } else {
      d.put("Input", Json.write(child.spec().input()));
    }
    d.putObject("InputDetails").put("Included", true);
    d.put("Name", child.spec().name());
    boolean succeeded = child.status() == ExecutionStatus.SUCCEEDED;
    if (succeeded && child.output() != null) {
      if (parsed) {
        d.set("Output", child.output());
      } else {
        d.put("Output", Json.write(child.output()));
      }
      d.putObject("OutputDetails").put("Included", true);
    }
    d.put("RedriveCount", child.redriveCount());
    if (child.redriveDate() != null) {
      d.put("RedriveDate", child.redriveDate().toEpochMilli());
    }
    String refusal = dev.stepwise.engine.redrive.RedriveRules.refusalAtClose(child);
    d.put("RedriveStatus", refusal == null ? "REDRIVABLE" : "NOT_REDRIVABLE");
    if (refusal != null) {
      d.put("RedriveStatusReason", refusal);
    }
    d.put("StartDate", child.spec().startTime().toEpochMilli());
    if (child.spec().stateMachineAliasArn() != null) {
      d.put("StateMachineAliasArn", child.spec().stateMachineAliasArn());
    }
    d.put("StateMachineArn", child.spec().stateMachineArn());
    if (child.spec().stateMachineVersionArn() != null) {
      d.put("StateMachineVersionArn", child.spec().stateMachineVersionArn());
    }
    d.put("Status", child.status().name());
    if (child.stopDate() != null) {
      d.put("StopDate", child.stopDate().toEpochMilli());
    }
    return d;
  }
}
