package dev.stepwise.language.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code {% %}} expression, parsed once. Each evaluation gets its own frame (the library's
 * parsed expression is shared and thread-safe that way), with {@code $states}, the workflow
 * variables it names and AWS's extra functions bound, and runtime bounds so a hostile expression
 * cannot hang an execution.
 */
final class JsonataExpression {
  /** Evaluation limits: generous for real expressions, fatal for runaway ones. */
  static final long TIMEOUT_MILLIS = 5_000;

  static final int MAX_DEPTH = 250;

  private static final Pattern VARIABLE = Pattern.compile("\\$([\\p{L}_][\\p{L}\\p{N}_]*)");

  private final String text;
  private final String field;
  private final Jsonata jsonata;
  private final List<String> variables;

  /** The {@code $states} members the expression reads (all of them when it uses it whole). */
  private final java.util.Set<String> states;

  /** Whether it names one of AWS's functions (bound only then: binding costs per evaluation). */
  private final boolean awsFunctions;

  private static final java.util.regex.Pattern STATES =
      java.util.regex.Pattern.compile("\\$states\\b(\\s*\\.\\s*(\\w+))?");
  private static final java.util.Set<String> ALL_STATES =
      java.util.Set.of("input", "context", "result", "errorOutput");

  private JsonataExpression(String text, String field, Jsonata jsonata, List<String> variables) {
    this.text = text;
    this.field = field;
    this.jsonata = jsonata;
    this.variables = variables;
    this.awsFunctions = variables.stream().anyMatch(AwsFunctions.NAMES::contains);
    java.util.Set<String> read = new java.util.HashSet<>();
    Matcher m = STATES.matcher(text);
    while (m.find()) {
      if (m.group(2) == null || !ALL_STATES.contains(m.group(2))) {
        read.addAll(ALL_STATES);
      } else {
        read.add(m.group(2));
      }
    }
    this.states = java.util.Set.copyOf(read);
  }

  static JsonataExpression parse(String text, String field) throws ExpressionSyntaxException {
    try {
      Jsonata jsonata = Jsonata.jsonata(text);
      jsonata.setOutputConvertNulls(false);
      Matcher m = VARIABLE.matcher(text);
      java.util.Set<String> names = new java.util.LinkedHashSet<>();
      while (m.find()) {
        if (!m.group(1).equals("states")) {
          names.add(m.group(1));
        }
      }
      return new JsonataExpression(text, field, jsonata, List.copyOf(names));
    } catch (JException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new ExpressionSyntaxException(
          "The JSONata expression '"
              + text
              + "' specified for the field '"
              + field
              + "' is not valid: "
              + message(e));
    }
  }

  /** Evaluates; the result may be {@code null} (undefined). */
  Object evaluateRaw(Scope scope) {
    Jsonata.Frame frame = jsonata.createFrame();
    frame.setRuntimeBounds(TIMEOUT_MILLIS, MAX_DEPTH);
    // Only what the expression reads is converted: the context alone is a sizeable document.
    Map<String, Object> states = new LinkedHashMap<>();
    if (this.states.contains("input")) {
      states.put("input", JsonataValues.toJsonata(scope.stateInput()));
    }
    if (this.states.contains("context")) {
      states.put("context", JsonataValues.toJsonata(scope.context()));
    }
    if (scope.result() != null && this.states.contains("result")) {
      states.put("result", JsonataValues.toJsonata(scope.result()));
    }
    if (scope.errorOutput() != null && this.states.contains("errorOutput")) {
      states.put("errorOutput", JsonataValues.toJsonata(scope.errorOutput()));
    }
    frame.bind("states", states);
    if (awsFunctions) {
      AwsFunctions.bind(frame, scope.randomness());
    }
    for (String name : variables) {
      JsonNode value = scope.variables().get(name);
      if (value != null) {
        frame.bind(name, JsonataValues.toJsonata(value));
      }
    }
    try {
      return jsonata.evaluate(null, frame);
    } catch (JException e) {
      throw error("threw an error during evaluation. " + message(e));
    } catch (RuntimeException | StackOverflowError e) {
      throw error(
          "threw an error during evaluation. "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage());
    }
  }

  /** Evaluates to JSON; undefined and function results fail as AWS reports them. */
  JsonNode evaluate(Scope scope) {
    Object result = evaluateRaw(scope);
    if (result == null) {
      throw error("returned nothing (undefined).");
    }
    if (!JsonataValues.representable(result)) {
      throw error("returned an unsupported result type.");
    }
    return JsonataValues.toJson(result);
  }

  StatesException error(String what) {
    return StatesException.queryEvaluation(
        "The JSONata expression '" + text + "' specified for the field '" + field + "' " + what);
  }

  String text() {
    return text;
  }

  private static String message(Exception e) {
    if (e instanceof JException j && j.getError() != null) {
      String m = j.getMessage();
      return m != null && m.startsWith(j.getError()) ? m : j.getError() + ": " + m;
    }
    return String.valueOf(e.getMessage());
  }
}
