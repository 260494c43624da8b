package dev.stepwise.language.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.choice.Condition;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.intrinsic.Intrinsics;
import dev.stepwise.language.jsonata.JsonataTemplate;
import dev.stepwise.language.model.Catcher;
import dev.stepwise.language.model.ChoiceState;
import dev.stepwise.language.model.FailState;
import dev.stepwise.language.model.Io;
import dev.stepwise.language.model.MapState;
import dev.stepwise.language.model.ParallelState;
import dev.stepwise.language.model.PassState;
import dev.stepwise.language.model.QueryLanguage;
import dev.stepwise.language.model.Retrier;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.SucceedState;
import dev.stepwise.language.model.TaskState;
import dev.stepwise.language.model.Transition;
import dev.stepwise.language.model.ValueSource;
import dev.stepwise.language.model.WaitState;
import dev.stepwise.language.model.Workflow;
import dev.stepwise.language.path.Paths;
import dev.stepwise.language.path.ReferencePath;
import dev.stepwise.language.template.PayloadTemplate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/*
 * The States Language, one state type per section, following states-language.md §2's field
 * table. Every problem is reported to Diagnostics and parsing carries on, so one pass finds
 * everything; a state with errors yields null and the machine is then invalid.
 */
/** Parses workflows and their states into the model, reporting every problem. */
final class StateParser {
  private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
  private static final Set<String> JSONPATH_ONLY =
      Set.of(
          "InputPath",
          "OutputPath",
          "Parameters",
          "ResultSelector",
          "ResultPath",
          "Result",
          "ItemsPath",
          "SecondsPath",
          "TimestampPath",
          "TimeoutSecondsPath",
          "HeartbeatSecondsPath",
          "ErrorPath",
          "CausePath",
          "MaxConcurrencyPath",
          "ToleratedFailurePercentagePath",
          "ToleratedFailureCountPath");
  private static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");
  private static final Set<String> TRANSITION = Set.of("Next", "End");
  private static final Set<String> ERROR_HANDLING = Set.of("Retry", "Catch");
  private static final Pattern RFC3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern ACTIVITY_OR_LAMBDA =
      Pattern.compile(
          "arn:aws[a-z-]*:(states:[a-z0-9-]+:\\d{12}:activity:.+|lambda:[a-z0-9-]+:\\d{12}:function:.+)");

  private final Diagnostics diagnostics;
  private final MachineType machineType;
  private final QueryLanguage machineLanguage;
  private final IntegrationCatalog catalog;

  /** Whether Task resources must be ARNs AWS recognizes (TestState does not check them). */
  private boolean checkResources = true;

  private final Set<String> stateNames = new HashSet<>();
  private final List<ParsedWorkflow> workflows = new ArrayList<>();

  /** A workflow as written, for the graph checks. */
  record ParsedWorkflow(Node node, Map<String, List<Target>> targets, Set<String> terminals) {}

  /** A transition target and where it was written. */
  record Target(String state, String location) {}

  StateParser(
      Diagnostics diagnostics,
      MachineType machineType,
      QueryLanguage machineLanguage,
      IntegrationCatalog catalog) {
    this.catalog = catalog;
    this.diagnostics = diagnostics;
    this.machineType = machineType;
    this.machineLanguage = machineLanguage;
  }

  StateParser withoutResourceChecks() {
    checkResources = false;
    return this;
  }

  List<ParsedWorkflow> parsedWorkflows() {
    return workflows;
  }

  // ---------------------------------------------------------------------------------------------
  // Workflows

  @Nullable Workflow workflow(Node node) {
    boolean complete = node.require("States", "StartAt");
    String startAt = node.string("StartAt");
    Node states = node.object("States");
    if (!complete || startAt == null || states == null) {
      return null;
    }
    Map<String, State> parsed = new LinkedHashMap<>();
    Map<String, List<Target>> targets = new LinkedHashMap<>();
    Set<String> terminals = new HashSet<>();
    boolean ok = true;
    for (Map.Entry<String, JsonNode> e : states.json().properties()) {
      String name = e.getKey();
      String location = states.at(name);
      if (!stateNames.add(name)) {
        diagnostics.error(Diagnostics.DUPLICATE_STATE, "Duplicate State name: " + name, location);
      }
      if (name.isEmpty() || name.codePointCount(0, name.length()) > 80) {
        diagnostics.error(
            Diagnostics.INVALID_STATE_NAME,
            "State names must be 1 to 80 characters long: " + name,
            location);
      }
      List<Target> out = new ArrayList<>();
      targets.put(name, out);
      if (!e.getValue().isObject()) {
        diagnostics.schema(Node.typeMessage(name, "OBJECT", e.getValue()), location);
        ok = false;
        continue;
      }
      // Terminal as written, so a state with other errors does not also hide the terminal.
      if (writtenTerminal(e.getValue())) {
        terminals.add(name);
      }
      State state = state(name, new Node(e.getValue(), location, diagnostics), out);
      if (state == null) {
        ok = false;
        continue;
      }
      parsed.put(name, state);
    }
    workflows.add(new ParsedWorkflow(node, targets, terminals));
    return ok && parsed.containsKey(startAt)
        ? new Workflow(startAt, parsed, node.string("Comment"))
        : null;
  }

  private static boolean writtenTerminal(JsonNode state) {
    String type = state.path("Type").asText("");
    return type.equals("Succeed")
        || type.equals("Fail")
        || (!type.equals("Choice") && state.path("End").asBoolean(false));
  }

  private @Nullable State state(String name, Node node, List<Target> targets) {
    if (!node.require("Type")) {
      return null;
    }
    String type = node.string("Type");
    if (type == null || !DefinitionParser.stateTypes().contains(type)) {
      diagnostics.schema(
          "The field 'Type' should have one of these values: "
              + DefinitionParser.stateTypes().toString().replace(" ", " "),
          node.at("Type"));
      return null;
    }
    QueryLanguage ql = stateLanguage(node);
    int before = diagnostics.all().size();
    State state =
        switch (type) {
          case "Pass" -> pass(name, node, ql, targets);
          case "Task" -> task(name, node, ql, targets);
          case "Choice" -> choice(name, node, ql, targets);
          case "Wait" -> waitState(name, node, ql, targets);
          case "Succeed" -> succeed(name, node, ql);
          case "Fail" -> fail(name, node, ql);
          case "Parallel" -> parallel(name, node, ql, targets);
          case "Map" -> map(name, node, ql, targets);
          default -> throw new IllegalStateException(type);
        };
    return diagnostics.all().size() == before ? state : null;
  }

  private QueryLanguage stateLanguage(Node node) {
    QueryLanguage ql = DefinitionParser.queryLanguage(node, machineLanguage);
    if (machineLanguage == QueryLanguage.JSONATA && ql == QueryLanguage.JSONPATH) {
      diagnostics.schema(
          "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
          node.location());
    }
    return ql;
  }

  /** Checks the allow-list for a state type and the fields of the other query language. */
  private void fields(Node node, QueryLanguage ql, Set<String> allowed) {
    Set<String> all = new HashSet<>(allowed);
    all.addAll(COMMON);
    node.allowOnly(all);
    Set<String> wrong = ql == QueryLanguage.JSONATA ? JSONPATH_ONLY : JSONATA_ONLY;
    for (String f : allowed) {
      if (node.has(f) && wrong.contains(f)) {
        diagnostics.schema(
            "The QueryLanguage is set to '"
                + ql.awsName()
                + "', but field '"
                + f
                + "' is only supported for the '"
                + (ql == QueryLanguage.JSONATA ? "JSONPath" : "JSONata")
                + "' QueryLanguage",
            node.location());
      }
    }
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return all;
  }

  // ---------------------------------------------------------------------------------------------
  // Shared fields

  private Io io(Node node, QueryLanguage ql) {
    return new Io(
        pathField(node, "InputPath"),
        pathField(node, "OutputPath"),
        ql == QueryLanguage.JSONATA ? jsonata(node, "Output") : null,
        assign(node, ql));
  }

  private Optional<Expression> pathField(Node node, String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return Optional.of(compilePath("$", node, field));
    }
    if (v.isNull()) {
      return Optional.empty();
    }
    String text = node.string(field);
    return text == null
        ? Optional.of(compilePath("$", node, field))
        : Optional.of(compilePath(text, node, field));
  }

  private Expression compilePath(String text, Node node, String field) {
    try {
      return Paths.compile(text);
    } catch (ExpressionSyntaxException e) {
      diagnostics.schema(
          "The value for the field '" + field + "' must be a valid JSONPath", node.at(field));
      return NOTHING;
    }
  }

  private Optional<ReferencePath> resultPath(Node node, String field) {
    JsonNode v = node.get(field);
    if (v != null && v.isNull()) {
      return Optional.empty();
    }
    String text = v == null ? "$" : node.string(field);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ReferencePath.compileResultPath(text));
    } catch (ExpressionSyntaxException e) {
      diagnostics.schema(
          "The value for the field '" + field + "' must be a valid ReferencePath", node.at(field));
      return Optional.empty();
    }
  }

  private @Nullable Expression template(Node node, String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    try {
      return PayloadTemplate.compile(v, field);
    } catch (ExpressionSyntaxException e) {
      diagnostics.schema(e.getMessage(), node.at(field));
      return null;
    }
  }

  private @Nullable Expression jsonata(Node node, String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    try {
      return JsonataTemplate.compile(v, field);
    } catch (ExpressionSyntaxException e) {
      diagnostics.schema(e.getMessage(), node.at(field));
      return null;
    }
  }

  private @Nullable Expression assign(Node node, QueryLanguage ql) {
    JsonNode v = node.get("Assign");
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      diagnostics.schema(Node.typeMessage("Assign", "OBJECT", v), node.at("Assign"));
      return null;
    }
    return ql == QueryLanguage.JSONATA ? jsonata(node, "Assign") : template(node, "Assign");
  }

  /** Parameters (JSONPath) or Arguments (JSONata). */
  private @Nullable Expression arguments(Node node, QueryLanguage ql) {
    return ql == QueryLanguage.JSONATA ? jsonata(node, "Arguments") : template(node, "Parameters");
  }

  private Transition transition(Node node, List<Target> targets) {
    boolean end = node.bool("End");
    String next = node.string("Next");
    if (end && next != null) {
      diagnostics.schema(
          "Cannot have both the field 'Next' and the field 'End' at the same time",
          node.location());
    }
    if (next != null) {
      targets.add(new Target(next, node.at("Next")));
      return new Transition.Next(next);
    }
    if (!end && !node.has("Next")) {
      diagnostics.schema("These fields are required: [Next]", node.location());
    }
    return Transition.END;
  }

  /** A literal / {@code ...Path} / JSONata value pair such as TimeoutSeconds. */
  private @Nullable ValueSource value(
      Node node, QueryLanguage ql, String field, long min, long max) {
    String pathField = field + "Path";
    node.exclusive(field, pathField);
    JsonNode literal = node.get(field);
    if (literal != null) {
      if (ql == QueryLanguage.JSONATA && literal.isTextual()) {
        Expression e = jsonata(node, field);
        return e == null ? null : new ValueSource.Dynamic(field, e);
      }
      if (literal.isIntegralNumber()) {
        Long n = node.integer(field, min, max);
        return n == null ? null : new ValueSource.Literal(field, literal);
      }
      if (literal.isNumber()) {
        return new ValueSource.Literal(field, literal);
      }
      diagnostics.schema(Node.typeMessage(field, "NUMBER", literal), node.at(field));
      return null;
    }
    String path = node.string(pathField);
    if (path == null) {
      return null;
    }
    try {
      return new ValueSource.Dynamic(pathField, ReferencePath.compile(path));
    } catch (ExpressionSyntaxException e) {
      diagnostics.schema(
          "The value for the field '" + pathField + "' must be a valid ReferencePath",
          node.at(pathField));
      return null;
    }
  }

  private List<Retrier> retry(Node node) {
    JsonNode v = node.get("Retry");
    List<Retrier> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      diagnostics.schema(Node.typeMessage("Retry", "ARRAY", v), node.at("Retry"));
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      String loc = node.at("Retry") + "[" + i + "]";
      if (!v.get(i).isObject()) {
        diagnostics.schema(Node.typeMessage("Retry", "OBJECT", v.get(i)), loc);
        continue;
      }
      Node r = new Node(v.get(i), loc, diagnostics);
      r.allowOnly(
          Set.of(
              "ErrorEquals",
              "IntervalSeconds",
              "MaxAttempts",
              "BackoffRate",
              "MaxDelaySeconds",
              "JitterStrategy",
              "Comment"));
      r.require("ErrorEquals");
      List<String> errors = errorEquals(r, i == v.size() - 1);
      Long interval = r.integer("IntervalSeconds", 1, 99_999_999);
      Long attempts = r.integer("MaxAttempts", 0, 99_999_999);
      Double backoff = r.number("BackoffRate");
      if (backoff != null && backoff < 1.0) {
        diagnostics.schema(
            "The value of the field 'BackoffRate' must be at least 1.0", r.at("BackoffRate"));
      }
      Long maxDelay = r.integer("MaxDelaySeconds", 1, 31_622_400);
      String jitter = r.string("JitterStrategy");
      if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
        diagnostics.schema(
            "The field 'JitterStrategy' should have one of these values: [FULL, NONE]",
            r.at("JitterStrategy"));
        jitter = null;
      }
      out.add(
          new Retrier(
              errors,
              interval == null ? 1 : interval,
              attempts == null ? 3 : attempts,
              backoff == null ? 2.0 : backoff,
              maxDelay,
              jitter == null
                  ? Retrier.JitterStrategy.NONE
                  : Retrier.JitterStrategy.valueOf(jitter)));
    }
    return out;
  }

  private List<Catcher> catchers(Node node, QueryLanguage ql, List<Target> targets) {
    JsonNode v = node.get("Catch");
    List<Catcher> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      diagnostics.schema(Node.typeMessage("Catch", "ARRAY", v), node.at("Catch"));
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      String loc = node.at("Catch") + "[" + i + "]";
      if (!v.get(i).isObject()) {
        diagnostics.schema(Node.typeMessage("Catch", "OBJECT", v.get(i)), loc);
        continue;
      }
      Node c = new Node(v.get(i), loc, diagnostics);
      Set<String> allowed =
          ql == QueryLanguage.JSONATA
              ? Set.of("ErrorEquals", "Next", "Comment", "Output", "Assign")
              : Set.of("ErrorEquals", "Next", "Comment", "ResultPath", "Assign");
      c.allowOnly(allowed);
      c.require("ErrorEquals", "Next");
      List<String> errors = errorEquals(c, i == v.size() - 1);
      String next = c.string("Next");
      if (next != null) {
        targets.add(new Target(next, c.at("Next")));
      }
      out.add(
          new Catcher(
              errors,
              next == null ? "" : next,
              ql == QueryLanguage.JSONATA ? Optional.empty() : resultPath(c, "ResultPath"),
              ql == QueryLanguage.JSONATA ? jsonata(c, "Output") : null,
              assign(c, ql)));
    }
    return out;
  }

  private List<String> errorEquals(Node node, boolean last) {
    JsonNode v = node.get("ErrorEquals");
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray() || v.isEmpty()) {
      diagnostics.schema(
          v.isArray() ? "Value cannot be empty" : Node.typeMessage("ErrorEquals", "ARRAY", v),
          node.at("ErrorEquals"));
      return out;
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        diagnostics.schema(Node.typeMessage("ErrorEquals", "STRING", e), node.at("ErrorEquals"));
        continue;
      }
      out.add(e.asText());
    }
    if (out.contains("States.ALL") && (out.size() > 1 || !last)) {
      diagnostics.schema(
          "States.ALL must appear alone in the last ErrorEquals", node.at("ErrorEquals"));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Pass

  private @Nullable State pass(String name, Node node, QueryLanguage ql, List<Target> targets) {
    fields(
        node,
        ql,
        union(
            TRANSITION,
            Set.of(
                "InputPath",
                "OutputPath",
                "Parameters",
                "ResultPath",
                "Result",
                "Assign",
                "Output")));
    return new PassState(
        name,
        node.string("Comment"),
        ql,
        io(node, ql),
        transition(node, targets),
        ql == QueryLanguage.JSONPATH ? template(node, "Parameters") : null,
        node.get("Result"),
        resultPath(node, "ResultPath"));
  }

  // ---------------------------------------------------------------------------------------------
  // Task

  private @Nullable State task(String name, Node node, QueryLanguage ql, List<Target> targets) {
    fields(
        node,
        ql,
        union(
            TRANSITION,
            ERROR_HANDLING,
            Set.of(
                "Resource",
                "Parameters",
                "Arguments",
                "ResultSelector",
                "ResultPath",
                "InputPath",
                "OutputPath",
                "Output",
                "Assign",
                "TimeoutSeconds",
                "TimeoutSecondsPath",
                "HeartbeatSeconds",
                "HeartbeatSecondsPath",
                "Credentials")));
    node.require("Resource");
    String resource = node.string("Resource");
    if (resource != null) {
      if (checkResources) {
        checkResource(node, resource);
      }
    }
    Node credentials = node.object("Credentials");
    Expression credentialsTemplate = null;
    if (credentials != null) {
      if (!credentials.has("RoleArn") && !credentials.has("RoleArn.$")) {
        diagnostics.schema(
            "The field 'RoleArn' is required but was missing", credentials.location());
      } else {
        credentialsTemplate =
            ql == QueryLanguage.JSONATA
                ? jsonata(node, "Credentials")
                : template(node, "Credentials");
      }
    }
    ValueSource timeout = value(node, ql, "TimeoutSeconds", 1, 99_999_999);
    ValueSource heartbeat = value(node, ql, "HeartbeatSeconds", 1, 99_999_999);
    if (timeout instanceof ValueSource.Literal t
        && heartbeat instanceof ValueSource.Literal h
        && h.value().asLong() >= t.value().asLong()) {
      diagnostics.schema(
          "The value of the field 'HeartbeatSeconds' must be smaller than the value of the field"
              + " 'TimeoutSeconds'",
          node.at("HeartbeatSeconds"));
    }
    return new TaskState(
        name,
        node.string("Comment"),
        ql,
        io(node, ql),
        transition(node, targets),
        resource == null ? "" : resource,
        arguments(node, ql),
        ql == QueryLanguage.JSONPATH ? template(node, "ResultSelector") : null,
        resultPath(node, "ResultPath"),
        timeout,
        heartbeat,
        credentialsTemplate,
        retry(node),
        catchers(node, ql, targets));
  }

  private void checkResource(Node node, String resource) {
    boolean known =
        resource.startsWith("arn:aws:states:::")
            // AWS's documented integrations and patterns, and the actions the SDK knows.
            ? ServiceIntegrations.recognized(resource) && catalog.recognizes(resource)
            : ACTIVITY_OR_LAMBDA.matcher(resource).matches();
    if (!known) {
      diagnostics.schema(
          "The resource provided "
              + resource
              + " is not recognized. The value is not a valid resource ARN, or the resource is not"
              + " available in this region.",
          node.at("Resource"));
      return;
    }
    if (machineType == MachineType.EXPRESS) {
      if (resource.endsWith(".sync") || resource.endsWith(".sync:2")) {
        diagnostics.schema(
            "Express state machine does not support '.sync' service integration",
            node.at("Resource"));
      } else if (resource.endsWith(".waitForTaskToken")) {
        // AWS's message has two spaces before "at": reproduced by the trailing space.
        diagnostics.schema(
            "Express state machine does not support '.waitForTaskToken' service integration ",
            node.at("Resource"));
      } else if (resource.contains(":activity:")) {
        diagnostics.schema(
            "Express state machine does not support Activity ARN", node.at("Resource"));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Choice

  private @Nullable State choice(String name, Node node, QueryLanguage ql, List<Target> targets) {
    fields(node, ql, Set.of("Choices", "Default", "InputPath", "OutputPath", "Output", "Assign"));
    node.require("Choices");
    String defaultNext = node.string("Default");
    if (defaultNext != null) {
      targets.add(new Target(defaultNext, node.at("Default")));
    }
    List<ChoiceState.Rule> rules = new ArrayList<>();
    JsonNode choices = node.get("Choices");
    if (choices != null) {
      if (!choices.isArray() || choices.isEmpty()) {
        diagnostics.schema(
            choices.isArray()
                ? "Value cannot be empty"
                : Node.typeMessage("Choices", "ARRAY", choices),
            node.at("Choices"));
      } else {
        ChoiceRules parser = new ChoiceRules(diagnostics);
        for (int i = 0; i < choices.size(); i++) {
          String loc = node.at("Choices") + "[" + i + "]";
          if (!choices.get(i).isObject()) {
            diagnostics.schema(Node.typeMessage("Choices", "OBJECT", choices.get(i)), loc);
            continue;
          }
          Node rule = new Node(choices.get(i), loc, diagnostics);
          Condition condition = parser.topLevel(rule, ql);
          rule.require("Next");
          String next = rule.string("Next");
          if (next != null) {
            targets.add(new Target(next, rule.at("Next")));
          }
          rules.add(
              new ChoiceState.Rule(
                  condition,
                  next == null ? "" : next,
                  assign(rule, ql),
                  ql == QueryLanguage.JSONATA ? jsonata(rule, "Output") : null));
        }
      }
    }
    return new ChoiceState(name, node.string("Comment"), ql, io(node, ql), rules, defaultNext);
  }

  // ---------------------------------------------------------------------------------------------
  // Wait, Succeed, Fail

  private @Nullable State waitState(
      String name, Node node, QueryLanguage ql, List<Target> targets) {
    fields(
        node,
        ql,
        union(
            TRANSITION,
            Set.of(
                "Seconds",
                "SecondsPath",
                "Timestamp",
                "TimestampPath",
                "InputPath",
                "OutputPath",
                "Output",
                "Assign")));
    int count = 0;
    for (String f : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
      count += node.has(f) ? 1 : 0;
    }
    if (count != 1) {
      diagnostics.schema(
          "A Wait state must have exactly one of the fields 'Seconds', 'SecondsPath', 'Timestamp'"
              + " and 'TimestampPath'",
          node.location());
    }
    boolean timestamp = node.has("Timestamp") || node.has("TimestampPath");
    ValueSource value;
    if (node.has("Timestamp")) {
      value = timestampValue(node, ql);
    } else if (node.has("TimestampPath")) {
      value = pathValue(node, "TimestampPath");
    } else {
      value = value(node, ql, "Seconds", 0, 99_999_999);
    }
    return new WaitState(
        name,
        node.string("Comment"),
        ql,
        io(node, ql),
        transition(node, targets),
        timestamp,
        value == null
            ? new ValueSource.Literal(
                "Seconds", dev.stepwise.language.json.Json.NODES.numberNode(0))
            : value);
  }

  private @Nullable ValueSource timestampValue(Node node, QueryLanguage ql) {
    String text = node.string("Timestamp");
    if (text == null) {
      return null;
    }
    if (ql == QueryLanguage.JSONATA && JsonataTemplate.isExpression(text)) {
      Expression e = jsonata(node, "Timestamp");
      return e == null ? null : new ValueSource.Dynamic("Timestamp", e);
    }
    if (!RFC3339.matcher(text).matches() || !parsesAsTimestamp(text)) {
      diagnostics.schema("String does not match RFC3339 timestamp", node.at("Timestamp"));
      return null;
    }
    return new ValueSource.Literal("Timestamp", node.get("Timestamp"));
  }

  private static boolean parsesAsTimestamp(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private @Nullable ValueSource pathValue(Node node, String field) {
    String path = node.string(field);
    if (path == null) {
      return null;
    }
    try {
      return new ValueSource.Dynamic(field, ReferencePath.compile(path));
    } catch (ExpressionSyntaxException e) {
      diagnostics.schema(
          "The value for the field '" + field + "' must be a valid ReferencePath", node.at(field));
      return null;
    }
  }

  private @Nullable State succeed(String name, Node node, QueryLanguage ql) {
    fields(node, ql, Set.of("InputPath", "OutputPath", "Output"));
    return new SucceedState(name, node.string("Comment"), ql, io(node, ql));
  }

  private @Nullable State fail(String name, Node node, QueryLanguage ql) {
    fields(node, ql, Set.of("Error", "ErrorPath", "Cause", "CausePath"));
    node.exclusive("Error", "ErrorPath");
    node.exclusive("Cause", "CausePath");
    return new FailState(
        name,
        node.string("Comment"),
        ql,
        failField(node, ql, "Error"),
        failField(node, ql, "Cause"));
  }

  private @Nullable ValueSource failField(Node node, QueryLanguage ql, String field) {
    String literal = node.string(field);
    if (literal != null) {
      if (ql == QueryLanguage.JSONATA && JsonataTemplate.isExpression(literal)) {
        Expression e = jsonata(node, field);
        return e == null ? null : new ValueSource.Dynamic(field, e);
      }
      return new ValueSource.Literal(field, node.get(field));
    }
    String pathField = field + "Path";
    String path = node.string(pathField);
    if (path == null) {
      return null;
    }
    try {
      Expression e =
          path.startsWith("$")
              ? Paths.compileForField(path, pathField)
              : Intrinsics.compile(path, pathField);
      return new ValueSource.Dynamic(pathField, e);
    } catch (ExpressionSyntaxException e) {
      diagnostics.schema(
          "The value for the field '"
              + pathField
              + "' must be a valid JSONPath or a valid intrinsic function call",
          node.at(pathField));
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Parallel and Map

  private @Nullable State parallel(String name, Node node, QueryLanguage ql, List<Target> targets) {
    fields(
        node,
        ql,
        union(
            TRANSITION,
            ERROR_HANDLING,
            Set.of(
                "Branches",
                "Parameters",
                "Arguments",
                "ResultSelector",
                "ResultPath",
                "InputPath",
                "OutputPath",
                "Output",
                "Assign")));
    node.require("Branches");
    List<Workflow> branches = new ArrayList<>();
    JsonNode v = node.get("Branches");
    if (v != null) {
      if (!v.isArray() || v.isEmpty()) {
        diagnostics.schema(
            v.isArray() ? "Value cannot be empty" : Node.typeMessage("Branches", "ARRAY", v),
            node.at("Branches"));
      } else {
        for (int i = 0; i < v.size(); i++) {
          String loc = node.at("Branches") + "[" + i + "]";
          if (!v.get(i).isObject()) {
            diagnostics.schema(Node.typeMessage("Branches", "OBJECT", v.get(i)), loc);
            continue;
          }
          Workflow branch = nested(new Node(v.get(i), loc, diagnostics), false);
          if (branch != null) {
            branches.add(branch);
          }
        }
      }
    }
    return new ParallelState(
        name,
        node.string("Comment"),
        ql,
        io(node, ql),
        transition(node, targets),
        branches,
        arguments(node, ql),
        ql == QueryLanguage.JSONPATH ? template(node, "ResultSelector") : null,
        resultPath(node, "ResultPath"),
        retry(node),
        catchers(node, ql, targets));
  }

  /** A branch or item processor: its own scope for Next targets, the machine's language. */
  private @Nullable Workflow nested(Node node, boolean processor) {
    Set<String> allowed =
        processor
            ? Set.of("StartAt", "States", "Comment", "ProcessorConfig")
            : Set.of("StartAt", "States", "Comment");
    node.allowOnly(allowed);
    return workflow(node);
  }

  private @Nullable State map(String name, Node node, QueryLanguage ql, List<Target> targets) {
    fields(
        node,
        ql,
        union(
            TRANSITION,
            ERROR_HANDLING,
            Set.of(
                "ItemProcessor",
                "Iterator",
                "ItemsPath",
                "Items",
                "ItemSelector",
                "Parameters",
                "ItemReader",
                "ItemBatcher",
                "ResultWriter",
                "MaxConcurrency",
                "MaxConcurrencyPath",
                "ToleratedFailurePercentage",
                "ToleratedFailurePercentagePath",
                "ToleratedFailureCount",
                "ToleratedFailureCountPath",
                "Label",
                "ResultSelector",
                "ResultPath",
                "InputPath",
                "OutputPath",
                "Output",
                "Assign")));
    node.exclusive("ItemProcessor", "Iterator");
    node.exclusive("ItemSelector", "Parameters");
    if (!node.has("ItemProcessor") && !node.has("Iterator")) {
      node.require("ItemProcessor");
    }
    String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
    Node processor = node.object(processorField);
    Workflow itemProcessor = processor == null ? null : nested(processor, true);
    MapState.ProcessorMode mode = MapState.ProcessorMode.INLINE;
    String executionType = null;
    Node config = processor == null ? null : processor.object("ProcessorConfig");
    if (config != null) {
      config.allowOnly(Set.of("Mode", "ExecutionType"));
      String m = config.string("Mode");
      if ("DISTRIBUTED".equals(m)) {
        mode = MapState.ProcessorMode.DISTRIBUTED;
      } else if (m != null && !"INLINE".equals(m)) {
        diagnostics.schema(
            "The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]",
            config.at("Mode"));
      }
      executionType = config.string("ExecutionType");
    }
    Expression itemsPath = null;
    if (ql == QueryLanguage.JSONPATH) {
      itemsPath =
          pathValue(node, "ItemsPath") instanceof ValueSource.Dynamic d ? d.expression() : null;
    }
    String selectorField = node.has("ItemSelector") ? "ItemSelector" : "Parameters";
    Expression selector =
        ql == QueryLanguage.JSONATA ? jsonata(node, "ItemSelector") : template(node, selectorField);
    MapState.ItemBatcher batcher = null;
    Node batcherNode = node.object("ItemBatcher");
    if (batcherNode != null) {
      batcher =
          new MapState.ItemBatcher(
              ql == QueryLanguage.JSONATA
                  ? jsonata(batcherNode, "BatchInput")
                  : template(batcherNode, "BatchInput"),
              value(batcherNode, ql, "MaxItemsPerBatch", 1, Integer.MAX_VALUE),
              value(batcherNode, ql, "MaxInputBytesPerBatch", 1, 262_144));
    }
    String label = node.string("Label");
    if (label != null) {
      checkLabel(node, label);
    }
    if (itemProcessor == null) {
      return null;
    }
    return new MapState(
        name,
        node.string("Comment"),
        ql,
        io(node, ql),
        transition(node, targets),
        itemProcessor,
        mode,
        executionType,
        itemsPath,
        ql == QueryLanguage.JSONATA ? jsonata(node, "Items") : null,
        selector,
        node.get("ItemReader"),
        batcher,
        node.get("ResultWriter"),
        value(node, ql, "MaxConcurrency", 0, Integer.MAX_VALUE),
        value(node, ql, "ToleratedFailurePercentage", 0, 100),
        value(node, ql, "ToleratedFailureCount", 0, Integer.MAX_VALUE),
        label,
        ql == QueryLanguage.JSONPATH ? template(node, "ResultSelector") : null,
        resultPath(node, "ResultPath"),
        retry(node),
        catchers(node, ql, targets));
  }

  private void checkLabel(Node node, String label) {
    if (label.isEmpty()) {
      diagnostics.schema("Label cannot be empty", node.at("Label"));
    } else if (label.codePointCount(0, label.length()) > 40) {
      diagnostics.schema("Label cannot exceed 40 characters", node.at("Label"));
    } else {
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (Character.isWhitespace(c)
            || Character.isISOControl(c)
            || "\"#%&*,:;<>?[\\]^`{|}~$".indexOf(c) >= 0) {
          diagnostics.schema("Label contains invalid character: '" + c + "'", node.at("Label"));
          return;
        }
      }
    }
  }

  /** Placeholder for a field that failed to compile (the machine is invalid anyway). */
  private static final Expression NOTHING =
      new Expression() {
        @Override
        public JsonNode evaluate(JsonNode input, dev.stepwise.language.eval.Scope scope) {
          throw new IllegalStateException("invalid definitions are never run");
        }

        @Override
        public String source() {
          return "";
        }
      };
}
