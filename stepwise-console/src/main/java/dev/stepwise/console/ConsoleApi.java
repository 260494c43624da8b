package dev.stepwise.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.stepwise.api.ApiAuth;
import dev.stepwise.api.ApiError;
import dev.stepwise.console.graph.StateGraph;
import dev.stepwise.console.visits.StateVisits;
import dev.stepwise.console.visits.Visit;
import dev.stepwise.console.visits.VisitsJson;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.history.HistoryJson;
import dev.stepwise.engine.service.ServiceException;
import dev.stepwise.engine.service.StateMachineVersion;
import dev.stepwise.engine.service.StepFunctionsService;
import dev.stepwise.engine.store.ExecutionRecord;
import dev.stepwise.language.json.Json;
import dev.stepwise.language.model.StateMachine;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The console's JSON, for what the Step Functions API does not answer: the graph of a definition
 * (built from the engine's parsed model) and the state visits of an execution (derived from its
 * history), with its events filtered by state or type. Each answer reads what one API operation
 * reads and, with {@code --auth sigv4}, passes that operation's authentication and IAM check: the
 * graph {@code DescribeStateMachine} (or {@code DescribeStateMachineForExecution}), the rest {@code
 * GetExecutionHistory}. Errors are AWS-shaped JSON, never a stack trace.
 */
final class ConsoleApi implements HttpHandler {
  static final String PREFIX = "/console/api/";

  /** Events per page of a filtered event list, as the console asks for them. */
  private static final int MAX_EVENTS_PAGE = 1000;

  private final StepFunctionsService service;
  private final @Nullable ApiAuth auth;

  ConsoleApi(StepFunctionsService service, @Nullable ApiAuth auth) {
    this.service = service;
    this.auth = auth;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      JsonNode body;
      try {
        body = answer(exchange);
      } catch (ApiError e) {
        status = e.status();
        body = error(e.type(), e.getMessage());
      } catch (ServiceException e) {
        status = 400;
        body = error(e.code(), e.getMessage());
      } catch (RuntimeException e) {
        status = 500;
        body = error("InternalFailure", "Internal failure: " + e);
      }
      ConsoleHeaders.json(exchange);
      byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private JsonNode answer(HttpExchange exchange) throws ApiError, ServiceException {
    String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
    Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
    return switch (path) {
      case "info" -> info();
      case "graph" -> graph(exchange, required(q, "arn"));
      case "visits" -> visits(exchange, required(q, "executionArn"), q.get("ifEventCount"));
      case "visit" -> visit(exchange, required(q, "executionArn"), number(q, "id", 0));
      case "events" -> events(exchange, required(q, "executionArn"), q);
      default -> throw new ApiError(404, "UnknownOperationException", "No console API " + path);
    };
  }

  private JsonNode info() {
    ObjectNode o = Json.NODES.objectNode();
    o.put("region", service.arns().region());
    o.put("account", service.arns().account());
    o.put("auth", auth == null ? "none" : "sigv4");
    return o;
  }

  private JsonNode graph(HttpExchange exchange, String arn) throws ApiError, ServiceException {
    StateMachine machine;
    if (arn.contains(":execution:")) {
      check(exchange, "DescribeStateMachineForExecution", "executionArn", arn);
      machine = service.describeExecution(arn).spec().machine();
    } else {
      check(exchange, "DescribeStateMachine", "stateMachineArn", arn);
      StateMachineVersion version = service.revisions().version(arn).orElse(null);
      machine =
          version != null ? version.machine().model() : service.describeStateMachine(arn).model();
    }
    return StateGraph.of(machine);
  }

  private JsonNode visits(HttpExchange exchange, String arn, @Nullable String ifEventCount)
      throws ApiError, ServiceException {
    check(exchange, "GetExecutionHistory", "executionArn", arn);
    ExecutionRecord execution = service.describeExecution(arn);
    List<HistoryEvent> history = service.history(arn);
    ObjectNode o = Json.NODES.objectNode();
    o.put("executionArn", arn);
    o.put("status", execution.status().name());
    o.put("eventCount", history.size());
    if (String.valueOf(history.size()).equals(ifEventCount)) {
      o.put("unchanged", true); // the history only grows: the same length is the same answer
      return o;
    }
    ArrayNode visits = o.putArray("visits");
    for (Visit v : StateVisits.of(history, execution.spec().machine()).visits()) {
      visits.add(VisitsJson.visit(v));
    }
    return o;
  }

  private JsonNode visit(HttpExchange exchange, String arn, long id)
      throws ApiError, ServiceException {
    check(exchange, "GetExecutionHistory", "executionArn", arn);
    ExecutionRecord execution = service.describeExecution(arn);
    List<HistoryEvent> history = service.history(arn);
    Visit v = StateVisits.of(history, execution.spec().machine()).visit(id);
    if (v == null) {
      throw invalid("No state visit entered at event " + id);
    }
    ObjectNode o = VisitsJson.visit(v);
    ObjectNode entered = history.get((int) v.id() - 1).details();
    if (entered != null && entered.has("input")) {
      o.put("input", entered.path("input").asText());
    }
    ArrayNode events = o.putArray("events");
    for (long eventId : v.events()) {
      HistoryEvent e = history.get((int) eventId - 1);
      events.add(HistoryJson.event(e));
      ObjectNode d = e.details();
      if (e.type().name().endsWith("StateExited") && d != null && d.has("output")) {
        o.put("output", d.path("output").asText());
      }
    }
    return o;
  }

  private JsonNode events(HttpExchange exchange, String arn, Map<String, String> q)
      throws ApiError, ServiceException {
    check(exchange, "GetExecutionHistory", "executionArn", arn);
    ExecutionRecord execution = service.describeExecution(arn);
    List<HistoryEvent> history = service.history(arn);
    String state = q.getOrDefault("state", "");
    String type = q.getOrDefault("type", "");
    long[] owner = new long[0];
    Map<Long, String> stateOfVisit = new HashMap<>();
    if (!state.isEmpty()) {
      StateVisits.Projection p = StateVisits.of(history, execution.spec().machine());
      owner = p.ownerOfEvent();
      p.visits().forEach(v -> stateOfVisit.put(v.id(), v.state()));
    }
    long offset = number(q, "offset", 0);
    long limit = Math.min(number(q, "limit", 100), MAX_EVENTS_PAGE);
    ObjectNode o = Json.NODES.objectNode();
    ArrayNode events = o.putArray("events");
    int total = 0;
    List<HistoryEvent> ordered = history;
    if ("true".equals(q.get("reverseOrder"))) {
      ordered = new java.util.ArrayList<>(history);
      java.util.Collections.reverse(ordered);
    }
    for (HistoryEvent e : ordered) {
      if (!type.isEmpty() && !e.type().name().equals(type)) {
        continue;
      }
      if (!state.isEmpty()
          && (e.id() >= owner.length || !state.equals(stateOfVisit.get(owner[(int) e.id()])))) {
        continue;
      }
      if (total >= offset && total < offset + limit) {
        events.add(HistoryJson.event(e));
      }
      total++;
    }
    o.put("total", total);
    o.put("eventCount", history.size());
    return o;
  }

  private void check(HttpExchange exchange, String operation, String field, String arn)
      throws ApiError {
    if (auth != null) {
      ObjectNode request = Json.NODES.objectNode();
      request.put(field, arn);
      auth.check(exchange, new byte[0], operation, request);
    }
  }

  private static String required(Map<String, String> q, String name) throws ApiError {
    String value = q.get(name);
    if (value == null || value.isEmpty()) {
      throw invalid("Missing required parameter " + name);
    }
    return value;
  }

  private static long number(Map<String, String> q, String name, long fallback) throws ApiError {
    String value = q.get(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(value);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid("Invalid " + name + ": '" + value + "'");
    }
  }

  private static Map<String, String> query(@Nullable String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        q.putIfAbsent(
            URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static ApiError invalid(String message) {
    return new ApiError(400, "ValidationException", message);
  }

  static ObjectNode error(String type, @Nullable String message) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("__type", type);
    if (message != null) {
      o.put("message", message);
    }
    return o;
  }
}
