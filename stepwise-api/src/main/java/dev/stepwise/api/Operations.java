package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.Execution;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.history.HistoryJson;
import dev.stepwise.engine.service.Redrives;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StateMachineVersion;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.service.StepFunctionsService.StateMachineRecord;
import dev.stepwise.engine.store.ExecutionQuery;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.Diagnostic;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import dev.stepwise.language.parse.VariableReferences;
import java.util.ArrayList;
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
  private final PageTokens tokens;
  private final Map<String, Operation> table;
  private final RequestShapes shapes = RequestShapes.load();

  Operations(StepFunctionsService service) {
    this.service = service;
    this.tokens = new PageTokens(service.clock(), service.tokenKey());
    Map<String, Operation> all = new java.util.HashMap<>();
    all.put("CreateStateMachine", this::createStateMachine);
    all.put("DescribeStateMachine", this::describeStateMachine);
    all.put("UpdateStateMachine", this::updateStateMachine);
    all.put("ListStateMachines", this::listStateMachines);
    all.put("DeleteStateMachine", this::deleteStateMachine);
    all.put("ValidateStateMachineDefinition", this::validateDefinition);
    all.put("StartExecution", this::startExecution);
    all.put("StartSyncExecution", this::startSyncExecution);
    all.put("DescribeExecution", this::describeExecution);
    all.put("DescribeStateMachineForExecution", this::describeStateMachineForExecution);
    all.put("StopExecution", this::stopExecution);
    all.put("ListExecutions", this::listExecutions);
    all.put("GetExecutionHistory", this::getExecutionHistory);
    all.put("SendTaskSuccess", this::sendTaskSuccess);
    all.put("SendTaskFailure", this::sendTaskFailure);
    all.put("SendTaskHeartbeat", this::sendTaskHeartbeat);
    new RevisionOperations(service, tokens).register(all);
    new ActivityOperations(service, tokens).register(all);
    new TagOperations(service).register(all);
    new TestStateOperation(service).register(all);
    new RedriveOperation(service).register(all);
    this.table = Map.copyOf(all);
  }

  Operation find(String name) {
    return table.get(name);
  }

  /** AWS's model checks of a request (types, then constraints), before any handler runs. */
  void check(String name, JsonNode body) throws ApiError {
    shapes.check(name, body);
  }

  // ---------------------------------------------------------------------------------------------
  // State machines

  /** {@code versionDescription}, which only a request that publishes may give. */
  private static @org.jspecify.annotations.Nullable String versionDescription(Request r)
      throws ApiError {
    String description = r.optional("versionDescription");
    if (description != null && !r.bool("publish")) {
      throw ApiError.validation("Version description can only be set when publish is true");
    }
    return description;
  }

  private JsonNode createStateMachine(Request r) throws ApiError, ServiceException {
    String versionDescription = versionDescription(r);
    boolean publish = r.bool("publish");
    StateMachineRecord sm =
        service.createStateMachine(
            r.required("name"),
            r.required("definition"),
            r.optional("roleArn"),
            type(r),
            logging(r),
            tracing(r),
            TagOperations.tags(r, false));
    ObjectNode o = Json.NODES.objectNode();
    o.put("stateMachineArn", sm.arn());
    o.put("creationDate", HistoryJson.epochSeconds(sm.creationDate()));
    if (publish) {
      o.put(
          "stateMachineVersionArn",
          service.revisions().publish(sm.arn(), null, versionDescription).versionArn());
    }
    return o;
  }

  private JsonNode describeStateMachine(Request r) throws ApiError, ServiceException {
    String arn = r.required("stateMachineArn");
    Optional<StateMachineVersion> version = service.revisions().version(arn);
    if (version.isPresent()) {
      // A version: its own ARN, creation date and description, its revision's contents.
      StateMachineVersion v = version.get();
      ObjectNode o = describe(v.machine());
      o.put("stateMachineArn", v.arn());
      o.put("creationDate", HistoryJson.epochSeconds(v.creationDate()));
      if (v.description() != null) {
        o.put("description", v.description());
      }
      return o;
    }
    return describe(service.describeStateMachine(arn));
  }

  private ObjectNode describe(StateMachineRecord sm) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("stateMachineArn", sm.arn());
    o.put("name", sm.name());
    o.put("status", service.deleting(sm.arn()) ? "DELETING" : "ACTIVE");
    o.put("definition", sm.definition());
    o.put("roleArn", sm.roleArn());
    o.put("type", sm.type().name());
    o.put("creationDate", HistoryJson.epochSeconds(sm.creationDate()));
    putConfigurations(o, sm.loggingConfiguration(), sm.tracingConfiguration());
    putVariableReferences(o, sm.definition());
    if (sm.revisionId() != null) {
      o.put("revisionId", sm.revisionId());
    }
    return o;
  }

  /**
   * Logging, tracing and encryption, as DescribeStateMachine(ForExecution) shows them (null: AWS's
   * defaults).
   */
  private static void putConfigurations(
      ObjectNode o,
      @org.jspecify.annotations.Nullable ObjectNode logging,
      @org.jspecify.annotations.Nullable ObjectNode tracing) {
    o.set("loggingConfiguration", logging == null ? LoggingConfigurations.defaults() : logging);
    o.set("tracingConfiguration", tracing == null ? defaultTracing() : tracing);
    // Stepwise encrypts nothing it stores; AWS's default is its own key (recorded 2024-11).
    o.putObject("encryptionConfiguration").put("type", "AWS_OWNED_KEY");
  }

  /** {@code variableReferences}, when some state reads a variable. */
  private static void putVariableReferences(ObjectNode o, String definition) {
    Map<String, List<String>> references;
    try {
      references = VariableReferences.of(Json.parse(definition));
    } catch (com.fasterxml.jackson.core.JsonProcessingException storedAsIs) {
      return; // a stored definition is served as stored
    }
    if (!references.isEmpty()) {
      ObjectNode out = o.putObject("variableReferences");
      references.forEach((state, names) -> names.forEach(out.putArray(state)::add));
    }
  }

  private static ObjectNode defaultTracing() {
    ObjectNode tracing = Json.NODES.objectNode();
    tracing.put("enabled", false);
    return tracing;
  }

  /** {@code loggingConfiguration}, checked as AWS does; null when absent. */
  private static ObjectNode logging(Request r) throws ApiError, ServiceException {
    JsonNode given = r.object("loggingConfiguration");
    return given == null ? null : LoggingConfigurations.checked(given);
  }

  /** {@code tracingConfiguration}: enabled (default false). */
  private static ObjectNode tracing(Request r) throws ApiError {
    JsonNode given = r.object("tracingConfiguration");
    if (given == null) {
      return null;
    }
    ObjectNode tracing = defaultTracing();
    tracing.put("enabled", given.path("enabled").asBoolean(false));
    return tracing;
  }

  private JsonNode updateStateMachine(Request r) throws ApiError, ServiceException {
    String arn = r.required("stateMachineArn");
    String description = versionDescription(r);
    boolean publish = r.bool("publish");
    StepFunctionsService.Update update =
        service.updateStateMachine(
            arn,
            r.optional("definition"),
            r.optional("roleArn"),
            logging(r),
            tracing(r),
            publish,
            description);
    ObjectNode o = Json.NODES.objectNode();
    o.put("updateDate", HistoryJson.epochSeconds(update.updateDate()));
    if (update.revisionId() != null) {
      o.put("revisionId", update.revisionId());
    }
    if (update.versionArn() != null) {
      o.put("stateMachineVersionArn", update.versionArn());
    }
    return o;
  }

  private JsonNode listStateMachines(Request r) throws ApiError {
    int size = r.pageSize();
    String after = tokens.position("ListStateMachines", r.optional("nextToken"));
    List<StateMachineRecord> rest =
        service.listStateMachines().stream()
            .filter(sm -> after == null || sm.name().compareTo(after) > 0)
            .toList();
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("stateMachines");
    for (StateMachineRecord sm :
        tokens.page(o, "ListStateMachines", rest, size, StateMachineRecord::name)) {
      ObjectNode item = list.addObject();
      item.put("stateMachineArn", sm.arn());
      item.put("name", sm.name());
      item.put("type", sm.type().name());
      item.put("creationDate", HistoryJson.epochSeconds(sm.creationDate()));
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
    int max = r.integer("maxResults", 100);
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

  /** {@code type}: STANDARD when absent (the model checks the enum). */
  private static MachineType type(Request r) throws ApiError {
    String type = r.optional("type");
    return type == null ? MachineType.STANDARD : MachineType.valueOf(type);
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
    // AWS: outputDetails even when a failed execution has no output (test_express_sync).
    o.putObject("outputDetails").put("included", true);
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
    if (e.spec().stateMachineVersionArn() != null) {
      o.put("stateMachineVersionArn", e.spec().stateMachineVersionArn());
    }
    if (e.spec().stateMachineAliasArn() != null) {
      o.put("stateMachineAliasArn", e.spec().stateMachineAliasArn());
    }
    o.put("redriveCount", e.redriveCount());
    if (e.redriveDate() != null) {
      o.put("redriveDate", HistoryJson.epochSeconds(e.redriveDate()));
    }
    Redrives.Status redrive = service.redriveStatus(e);
    if (redrive != null) {
      o.put("redriveStatus", redrive.redriveStatus());
      if (redrive.reason() != null) {
        o.put("redriveStatusReason", redrive.reason());
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
    Optional<StateMachineRecord> ran = machineOf(e);
    putConfigurations(
        o,
        ran.map(StateMachineRecord::loggingConfiguration).orElse(null),
        ran.map(StateMachineRecord::tracingConfiguration).orElse(null));
    putVariableReferences(o, o.get("definition").asText());
    if (e.spec().stateMachineVersionArn() != null) {
      ran.map(StateMachineRecord::revisionId).ifPresent(revision -> o.put("revisionId", revision));
    }
    return o;
  }

  /**
   * The state machine record an execution ran: its version's, else the state machine's as it is now
   * (its configuration at the start is not kept with the execution), empty once deleted.
   */
  private Optional<StateMachineRecord> machineOf(ExecutionRecord e) {
    String version = e.spec().stateMachineVersionArn();
    if (version != null) {
      return service.revisions().version(version).map(StateMachineVersion::machine);
    }
    try {
      return Optional.of(service.describeStateMachine(e.spec().stateMachineArn()));
    } catch (ServiceException gone) {
      return Optional.empty();
    }
  }

  private JsonNode stopExecution(Request r) throws ApiError, ServiceException {
    service.stopExecution(r.required("executionArn"), r.optional("error"), r.optional("cause"));
    ObjectNode o = Json.NODES.objectNode();
    o.put("stopDate", HistoryJson.epochSeconds(service.clock().instant()));
    return o;
  }

  private JsonNode listExecutions(Request r) throws ApiError, ServiceException {
    int size = r.pageSize();
    String stateMachineArn = r.optional("stateMachineArn");
    String mapRunArn = r.optional("mapRunArn");
    RedriveListing.check(r, stateMachineArn, mapRunArn);
    // The request's shape (the model's enum) is checked before: PENDING_REDRIVE is refused above.
    String statusFilter = r.optional("statusFilter");
    ExecutionStatus status = statusFilter == null ? null : ExecutionStatus.valueOf(statusFilter);
    String redrive = r.optional("redriveFilter");
    String request =
        String.join(
            "\n",
            "ListExecutions",
            String.valueOf(stateMachineArn),
            String.valueOf(status),
            String.valueOf(redrive),
            String.valueOf(r.startedBy()));
    String position = tokens.position(request, r.optional("nextToken"));
    List<ExecutionRecord> page =
        service.listExecutions(
            new ExecutionQuery(
                stateMachineArn,
                status,
                size + 1,
                position == null
                    ? null
                    : PageTokens.parsed(position, Operations::executionPosition),
                r.startedBy()),
            redrive == null ? null : redrive.equals("REDRIVEN"));
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("executions");
    for (ExecutionRecord e :
        tokens.page(
            o,
            request,
            page,
            size,
            last -> last.spec().startTime() + " " + last.spec().executionArn())) {
      ObjectNode item = list.addObject();
      item.put("executionArn", e.spec().executionArn());
      item.put("stateMachineArn", e.spec().stateMachineArn());
      item.put("name", e.spec().name());
      item.put("status", e.status().name());
      item.put("startDate", HistoryJson.epochSeconds(e.spec().startTime()));
      if (e.stopDate() != null) {
        item.put("stopDate", HistoryJson.epochSeconds(e.stopDate()));
      }
      if (e.spec().stateMachineVersionArn() != null) {
        item.put("stateMachineVersionArn", e.spec().stateMachineVersionArn());
      }
      if (e.spec().stateMachineAliasArn() != null) {
        item.put("stateMachineAliasArn", e.spec().stateMachineAliasArn());
      }
      item.put("redriveCount", e.redriveCount());
      if (e.redriveDate() != null) {
        item.put("redriveDate", HistoryJson.epochSeconds(e.redriveDate()));
      }
    }
    return o;
  }

  /** Where a ListExecutions page continues: after the execution started then with that ARN. */
  private static ExecutionQuery.Position executionPosition(String position) {
    int space = position.indexOf(' ');
    return new ExecutionQuery.Position(
        java.time.Instant.parse(position.substring(0, space)), position.substring(space + 1));
  }

  private JsonNode getExecutionHistory(Request r) throws ApiError, ServiceException {
    String arn = r.required("executionArn");
    boolean reverse = r.bool("reverseOrder");
    boolean data = !r.body().has("includeExecutionData") || r.bool("includeExecutionData");
    int size = r.pageSize();
    String request = String.join("\n", "GetExecutionHistory", arn, "" + reverse, "" + data);
    String position = tokens.position(request, r.optional("nextToken"));
    long after =
        position == null
            ? (reverse ? Long.MAX_VALUE : 0)
            : PageTokens.parsed(position, Long::parseLong);
    List<HistoryEvent> events = new ArrayList<>();
    for (HistoryEvent e : service.history(arn)) {
      if (reverse ? e.id() < after : e.id() > after) {
        events.add(e);
      }
    }
    if (reverse) {
      java.util.Collections.reverse(events);
    }
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode list = o.putArray("events");
    for (HistoryEvent e : tokens.page(o, request, events, size, last -> "" + last.id())) {
      ObjectNode event = HistoryJson.event(e);
      if (!data) {
        withoutData(event);
      }
      list.add(event);
    }
    return o;
  }

  /** includeExecutionData=false: inputs and outputs are left out of every details object. */
  private static void withoutData(ObjectNode event) {
    for (Map.Entry<String, JsonNode> e : List.copyOf(event.properties())) {
      String name = e.getKey();
      if (e.getValue() instanceof ObjectNode stored) {
        // The details object is the stored event's own: trim a copy.
        ObjectNode d = stored.deepCopy();
        d.remove(List.of("input", "output", "parameters"));
        d.remove(List.of("inputDetails", "outputDetails"));
        event.set(name, d);
      }
    }
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

  static <E extends Enum<E>> E enumValue(Request r, String field, Class<E> type, String allowed)
      throws ApiError {
    String value = r.optional(field);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw ApiError.validation(
          "1 validation error detected: Value '"
              + value
              + "' at '"
              + field
              + "' failed to satisfy constraint: Member must satisfy enum value set: "
              + allowed);
    }
  }
}
