package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.activity.ActivityTasks;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.history.HistoryJson;
import dev.stepwise.engine.service.ActivityRecord;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.service.StepFunctionsService.StateMachineRecord;
import dev.stepwise.engine.store.ExecutionQuery;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.Diagnostic;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * The operation table: {@code X-Amz-Target} operation name to a handler from request JSON to
 * response JSON. Handlers translate; the rules live in {@link StepFunctionsService}.
 */
final class Operations {
  @FunctionalInterface
  interface Operation {
    JsonNode handle(Request request) throws ApiError, ServiceException, InterruptedException;
  }

  private final StepFunctionsService service;
  private final Map<String, Operation> table;

  Operations(StepFunctionsService service) {
    this.service = service;
    this.table =
        Map.ofEntries(
            Map.entry("CreateStateMachine", this::createStateMachine),
            Map.entry("DescribeStateMachine", this::describeStateMachine),
            Map.entry("ListStateMachines", this::listStateMachines),
            Map.entry("DeleteStateMachine", this::deleteStateMachine),
            Map.entry("ValidateStateMachineDefinition", this::validateDefinition),
            Map.entry("StartExecution", this::startExecution),
            Map.entry("StartSyncExecution", this::startSyncExecution),
            Map.entry("DescribeExecution", this::describeExecution),
            Map.entry("DescribeStateMachineForExecution", this::describeStateMachineForExecution),
            Map.entry("StopExecution", this::stopExecution),
            Map.entry("ListExecutions", this::listExecutions),
            Map.entry("GetExecutionHistory", this::getExecutionHistory),
            Map.entry("SendTaskSuccess", this::sendTaskSuccess),
            Map.entry("SendTaskFailure", this::sendTaskFailure),
            Map.entry("SendTaskHeartbeat", this::sendTaskHeartbeat),
            Map.entry("CreateActivity", this::createActivity),
            Map.entry("DescribeActivity", this::describeActivity),
            Map.entry("DeleteActivity", this::deleteActivity),
            Map.entry("ListActivities", this::listActivities),
            Map.entry("GetActivityTask", this::getActivityTask));
  }

  Operation find(String name) {
    return table.get(name);
  }

  // ---------------------------------------------------------------------------------------------
  // State machines

  private JsonNode createStateMachine(Request r) throws ApiError, ServiceException {
    StateMachineRecord sm =
        service.createStateMachine(
            r.required("name"), r.required("definition"), r.optional("roleArn"), type(r));
    ObjectNode o = Json.NODES.objectNode();
    o.put("stateMachineArn", sm.arn());
    o.put("creationDate", HistoryJson.epochSeconds(sm.creationDate()));
    return o;
  }

  private JsonNode describeStateMachine(Request r) throws ApiError, ServiceException {
    return describe(service.describeStateMachine(r.required("stateMachineArn")));
  }

  private static ObjectNode describe(StateMachineRecord sm) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("stateMachineArn", sm.arn());
    o.put("name", sm.name());
    o.put("status", "ACTIVE");
    o.put("definition", sm.definition());
    o.put("roleArn", sm.roleArn());
    o.put("type", sm.type().name());
    o.put("creationDate", HistoryJson.epochSeconds(sm.creationDate()));
    ObjectNode logging = o.putObject("loggingConfiguration");
    logging.put("level", "OFF");
    logging.put("includeExecutionData", false);
    o.putObject("tracingConfiguration").put("enabled", false);
    return o;
  }

  private JsonNode listStateMachines(Request r) throws ApiError {
    int max = r.integer("maxResults", 100, 0, 1000);
    int offset = offset(r.optional("nextToken"));
    List<StateMachineRecord> all = service.listStateMachines();
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("stateMachines");
    int size = max == 0 ? 100 : max;
    for (int i = offset; i < Math.min(all.size(), offset + size); i++) {
      StateMachineRecord sm = all.get(i);
      ObjectNode item = list.addObject();
      item.put("stateMachineArn", sm.arn());
      item.put("name", sm.name());
      item.put("type", sm.type().name());
      item.put("creationDate", HistoryJson.epochSeconds(sm.creationDate()));
    }
    if (offset + size < all.size()) {
      o.put("nextToken", token(offset + size));
    }
    return o;
  }

  private JsonNode deleteStateMachine(Request r) throws ApiError, ServiceException {
    service.deleteStateMachine(r.required("stateMachineArn"));
    return Json.NODES.objectNode();
  }

  private JsonNode validateDefinition(Request r) throws ApiError {
    ParseResult result = new DefinitionParser(type(r)).parse(r.required("definition"));
    String severity = r.optional("severity");
    int max = r.integer("maxResults", 100, 0, 100);
    List<Diagnostic> shown = new ArrayList<>();
    for (Diagnostic d : result.diagnostics()) {
      if (d.severity() == Diagnostic.Severity.ERROR || "WARNING".equals(severity)) {
        shown.add(d);
      }
    }
    int limit = max == 0 ? 100 : max;
    ObjectNode o = Json.NODES.objectNode();
    o.put("result", result.valid() ? "OK" : "FAIL");
    ArrayNode list = o.putArray("diagnostics");
    for (Diagnostic d : shown.subList(0, Math.min(limit, shown.size()))) {
      ObjectNode item = list.addObject();
      item.put("severity", d.severity().name());
      item.put("code", d.code());
      item.put("message", d.message());
      if (d.location() != null) {
        item.put("location", d.location());
      }
    }
    o.put("truncated", shown.size() > limit);
    return o;
  }

  private static MachineType type(Request r) throws ApiError {
    String type = r.optional("type");
    if (type == null) {
      return MachineType.STANDARD;
    }
    try {
      return MachineType.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw ApiError.validation(
          "1 validation error detected: Value '"
              + type
              + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set:"
              + " [STANDARD, EXPRESS]");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Executions

  private JsonNode startExecution(Request r)
      throws ApiError, ServiceException, InterruptedException {
    Execution e =
        service.startExecution(
            r.required("stateMachineArn"), r.optional("name"), r.optional("input"), false);
    stored(e.recorded());
    ObjectNode o = Json.NODES.objectNode();
    o.put("executionArn", e.spec().executionArn());
    o.put("startDate", HistoryJson.epochSeconds(e.spec().startTime()));
    return o;
  }

  private JsonNode startSyncExecution(Request r)
      throws ApiError, ServiceException, InterruptedException {
    String arn = r.required("stateMachineArn");
    if (service.describeStateMachine(arn).type() != MachineType.EXPRESS) {
      throw new ServiceException(
          "StateMachineTypeNotSupported",
          "This operation is not supported by this type of state machine");
    }
    Execution e = service.startExecution(arn, r.optional("name"), r.optional("input"), false);
    try {
      e.completion().get();
    } catch (ExecutionException ex) {
      throw new IllegalStateException("an execution's completion never fails", ex);
    }
    ObjectNode o = Json.NODES.objectNode();
    o.put("executionArn", e.spec().executionArn());
    o.put("stateMachineArn", e.spec().stateMachineArn());
    o.put("name", e.spec().name());
    o.put("startDate", HistoryJson.epochSeconds(e.spec().startTime()));
    o.put("stopDate", HistoryJson.epochSeconds(e.stopDate()));
    o.put("status", e.status().name());
    putOutcome(o, e.status(), e.output(), e.error(), e.cause());
    o.put("input", Json.write(e.spec().input()));
    o.putObject("inputDetails").put("included", true);
    ObjectNode billing = o.putObject("billingDetails");
    billing.put("billedMemoryUsedInMB", 64);
    billing.put(
        "billedDurationInMilliseconds",
        Math.max(100, e.stopDate().toEpochMilli() - e.spec().startTime().toEpochMilli()));
    return o;
  }

  private JsonNode describeExecution(Request r) throws ApiError, ServiceException {
    ExecutionRecord e = service.describeExecution(r.required("executionArn"));
    ObjectNode o = Json.NODES.objectNode();
    o.put("executionArn", e.spec().executionArn());
    o.put("stateMachineArn", e.spec().stateMachineArn());
    o.put("name", e.spec().name());
    o.put("status", e.status().name());
    o.put("startDate", HistoryJson.epochSeconds(e.spec().startTime()));
    if (e.stopDate() != null) {
      o.put("stopDate", HistoryJson.epochSeconds(e.stopDate()));
    }
    o.put("input", Json.write(e.spec().input()));
    o.putObject("inputDetails").put("included", true);
    putOutcome(o, e.status(), e.output(), e.error(), e.cause());
    o.put("redriveCount", 0);
    if (e.status() != ExecutionStatus.RUNNING) {
      boolean succeeded = e.status() == ExecutionStatus.SUCCEEDED;
      o.put("redriveStatus", succeeded ? "NOT_REDRIVABLE" : "REDRIVABLE");
      if (succeeded) {
        o.put("redriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
      }
    }
    return o;
  }

  private static void putOutcome(
      ObjectNode o, ExecutionStatus status, JsonNode output, String error, String cause) {
    if (status == ExecutionStatus.SUCCEEDED && output != null) {
      o.put("output", Json.write(output));
      o.putObject("outputDetails").put("included", true);
    }
    if (error != null) {
      o.put("error", error);
    }
    if (cause != null) {
      o.put("cause", cause);
    }
  }

  private JsonNode describeStateMachineForExecution(Request r) throws ApiError, ServiceException {
    ExecutionRecord e = service.describeExecution(r.required("executionArn"));
    ObjectNode o = Json.NODES.objectNode();
    o.put("stateMachineArn", e.spec().stateMachineArn());
    o.put("name", e.spec().stateMachineName());
    o.put("definition", Json.write(e.spec().machine().definition()));
    o.put("roleArn", e.spec().roleArn());
    o.put("updateDate", HistoryJson.epochSeconds(e.spec().startTime()));
    return o;
  }

  private JsonNode stopExecution(Request r) throws ApiError, ServiceException {
    service.stopExecution(r.required("executionArn"), r.optional("error"), r.optional("cause"));
    ObjectNode o = Json.NODES.objectNode();
    o.put("stopDate", HistoryJson.epochSeconds(service.clock().instant()));
    return o;
  }

  private JsonNode listExecutions(Request r) throws ApiError, ServiceException {
    int max = r.integer("maxResults", 100, 0, 1000);
    String filter = r.optional("statusFilter");
    ExecutionStatus status;
    try {
      status = filter == null ? null : ExecutionStatus.valueOf(filter);
    } catch (IllegalArgumentException e) {
      throw ApiError.validation(
          "1 validation error detected: Value '"
              + filter
              + "' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
    }
    int size = max == 0 ? 100 : max;
    int offset = offset(r.optional("nextToken"));
    List<ExecutionRecord> page =
        service.listExecutions(
            new ExecutionQuery(
                r.optional("stateMachineArn"), status, offset + size + 1, null, r.startedBy()));
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("executions");
    for (int i = offset; i < Math.min(page.size(), offset + size); i++) {
      ExecutionRecord e = page.get(i);
      ObjectNode item = list.addObject();
      item.put("executionArn", e.spec().executionArn());
      item.put("stateMachineArn", e.spec().stateMachineArn());
      item.put("name", e.spec().name());
      item.put("status", e.status().name());
      item.put("startDate", HistoryJson.epochSeconds(e.spec().startTime()));
      if (e.stopDate() != null) {
        item.put("stopDate", HistoryJson.epochSeconds(e.stopDate()));
      }
      item.put("redriveCount", 0);
    }
    if (page.size() > offset + size) {
      o.put("nextToken", token(offset + size));
    }
    return o;
  }

  private JsonNode getExecutionHistory(Request r) throws ApiError, ServiceException {
    List<HistoryEvent> events = new ArrayList<>(service.history(r.required("executionArn")));
    if (r.bool("reverseOrder")) {
      java.util.Collections.reverse(events);
    }
    boolean data = !r.body().has("includeExecutionData") || r.bool("includeExecutionData");
    int max = r.integer("maxResults", 100, 0, 1000);
    int size = max == 0 ? 100 : max;
    int offset = offset(r.optional("nextToken"));
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("events");
    for (int i = offset; i < Math.min(events.size(), offset + size); i++) {
      ObjectNode event = HistoryJson.event(events.get(i));
      if (!data) {
        withoutData(event);
      }
      list.add(event);
    }
    if (offset + size < events.size()) {
      o.put("nextToken", token(offset + size));
    }
    return o;
  }

  /** includeExecutionData=false: inputs and outputs are left out of every details object. */
  private static void withoutData(ObjectNode event) {
    event.properties().stream()
        .map(Map.Entry::getValue)
        .filter(JsonNode::isObject)
        .map(ObjectNode.class::cast)
        .forEach(
            d -> {
              d.remove(List.of("input", "output", "parameters"));
              d.remove(List.of("inputDetails", "outputDetails"));
            });
  }

  // ---------------------------------------------------------------------------------------------
  // Activities

  private JsonNode createActivity(Request r) throws ApiError, ServiceException {
    ActivityRecord a = service.createActivity(r.required("name"));
    ObjectNode o = Json.NODES.objectNode();
    o.put("activityArn", a.arn());
    o.put("creationDate", HistoryJson.epochSeconds(a.creationDate()));
    return o;
  }

  private JsonNode describeActivity(Request r) throws ApiError, ServiceException {
    ActivityRecord a = service.describeActivity(r.required("activityArn"));
    ObjectNode o = Json.NODES.objectNode();
    o.put("activityArn", a.arn());
    o.put("name", a.name());
    o.put("creationDate", HistoryJson.epochSeconds(a.creationDate()));
    o.putObject("encryptionConfiguration").put("type", "AWS_OWNED_KEY");
    return o;
  }

  private JsonNode deleteActivity(Request r) throws ApiError, ServiceException {
    service.deleteActivity(r.required("activityArn"));
    return Json.NODES.objectNode();
  }

  private JsonNode listActivities(Request r) throws ApiError {
    int max = r.integer("maxResults", 100, 0, 1000);
    int offset = offset(r.optional("nextToken"));
    List<ActivityRecord> all = service.listActivities();
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("activities");
    int size = max == 0 ? 100 : max;
    for (int i = offset; i < Math.min(all.size(), offset + size); i++) {
      ActivityRecord a = all.get(i);
      ObjectNode item = list.addObject();
      item.put("activityArn", a.arn());
      item.put("name", a.name());
      item.put("creationDate", HistoryJson.epochSeconds(a.creationDate()));
    }
    if (offset + size < all.size()) {
      o.put("nextToken", token(offset + size));
    }
    return o;
  }

  /** Long poll: answers {@code {}} when no task came within the poll timeout. */
  private JsonNode getActivityTask(Request r)
      throws ApiError, ServiceException, InterruptedException {
    Optional<ActivityTasks.ActivityTask> task;
    try {
      task =
          service.getActivityTask(r.required("activityArn"), r.optional("workerName", 1, 80)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a poll never fails", e);
    }
    ObjectNode o = Json.NODES.objectNode();
    task.ifPresent(
        t -> {
          o.put("taskToken", t.taskToken());
          o.put("input", Json.write(t.input()));
        });
    return o;
  }

  // ---------------------------------------------------------------------------------------------
  // Task tokens

  private JsonNode sendTaskSuccess(Request r)
      throws ApiError, ServiceException, InterruptedException {
    String token = r.required("taskToken");
    String output = r.required("output");
    JsonNode parsed;
    try {
      parsed = Json.parse(output);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ServiceException("InvalidOutput", "Invalid Output: '" + output + "'");
    }
    stored(service.sendTask(token, new Engine.TokenOutcome.Success(parsed)));
    return Json.NODES.objectNode();
  }

  private JsonNode sendTaskFailure(Request r)
      throws ApiError, ServiceException, InterruptedException {
    stored(
        service.sendTask(
            r.required("taskToken"),
            new Engine.TokenOutcome.Failure(r.optional("error"), r.optional("cause"))));
    return Json.NODES.objectNode();
  }

  private JsonNode sendTaskHeartbeat(Request r)
      throws ApiError, ServiceException, InterruptedException {
    stored(service.sendTask(r.required("taskToken"), new Engine.TokenOutcome.Heartbeat()));
    return Json.NODES.objectNode();
  }

  /** Answers only once the change is durable: an acknowledged call is never lost. */
  private static void stored(java.util.concurrent.CompletableFuture<Void> stored)
      throws InterruptedException, ApiError {
    try {
      stored.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new ApiError(
          500, "InternalFailure", "The change could not be stored: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Pagination: tokens are opaque to clients; here they carry an offset.

  private static String token(int offset) {
    return Base64.getUrlEncoder()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String token) throws ApiError {
    if (token == null) {
      return 0;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (raw.startsWith("offset:")) {
        return Integer.parseInt(raw.substring(7));
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ApiError.badRequest("InvalidToken", "Invalid Token: '" + token + "'");
  }
}
