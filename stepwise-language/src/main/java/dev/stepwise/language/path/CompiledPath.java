package dev.stepwise.language.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.json.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A compiled Path: {@code $...} on the input, {@code $$...} on the context object, {@code $name...}
 * on a variable. Member/index paths are walked directly; anything else (filters, slices, wildcards,
 * deep scan, functions) goes through Jayway JsonPath, as AWS's engine does. Thread-safe.
 */
public final class CompiledPath implements Expression {
  private static final Configuration JAYWAY =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(Json.mapper()))
          .mappingProvider(new JacksonMappingProvider(Json.mapper()))
          .build();

  private final String text;
  private final Root root;
  private final @Nullable List<Step> steps;
  private final @Nullable JsonPath jayway;
  private final String normalized;

  private CompiledPath(
      String text, Root root, @Nullable List<Step> steps, @Nullable JsonPath jayway) {
    this.text = text;
    this.root = root;
    this.steps = steps;
    this.jayway = jayway;
    this.normalized = steps != null ? normalize(steps) : text;
  }

  static CompiledPath compile(String text) throws ExpressionSyntaxException {
    PathSyntax.Split split = PathSyntax.split(text);
    List<Step> steps = PathSyntax.simpleSteps(split.rest());
    if (steps != null) {
      return new CompiledPath(text, split.root(), List.copyOf(steps), null);
    }
    try {
      return new CompiledPath(text, split.root(), null, JsonPath.compile("$" + split.rest()));
    } catch (InvalidPathException | IllegalArgumentException e) {
      throw new ExpressionSyntaxException("invalid JSONPath '" + text + "': " + e.getMessage());
    }
  }

  /** True for paths that select one node (no wildcards, filters, slices or deep scan). */
  public boolean isDefinite() {
    return steps != null || jayway.isDefinite();
  }

  /** The selected node, or null when a definite path selects nothing. Never throws. */
  public @Nullable JsonNode find(JsonNode input, Scope scope) {
    JsonNode start = root.resolve(input, scope);
    if (start == null) {
      return null;
    }
    if (steps != null) {
      return walk(start, steps);
    }
    try {
      JsonNode result = jayway.read(start, JAYWAY);
      return result;
    } catch (JsonPathException | ClassCastException e) {
      return jayway.isDefinite() ? null : Json.NODES.arrayNode();
    }
  }

  static @Nullable JsonNode walk(JsonNode start, List<Step> steps) {
    JsonNode node = start;
    for (Step step : steps) {
      node =
          switch (step) {
            case Step.Field f -> node.isObject() ? node.get(f.name()) : null;
            case Step.Index i -> node.isArray() ? node.get(i.index()) : null;
          };
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /**
   * The selected node; a definite path that selects nothing fails with AWS's {@code States.Runtime}
   * (see {@link #notFound}).
   */
  @Override
  public JsonNode evaluate(JsonNode input, Scope scope) {
    JsonNode found = find(input, scope);
    if (found == null) {
      JsonNode start = root.resolve(input, scope);
      throw notFound(text, start, steps == null ? List.of() : steps, normalized);
    }
    return found;
  }

  /**
   * AWS's (Jayway's) error for a definite path that selects nothing: {@code Invalid path '<path>' :
   * Missing property in path <normalised prefix>} when an object on the way lacks a member
   * (recorded: {@code $.no.such.result.path} on {@code {}} gives {@code $['no']}), else {@code No
   * results for path: <normalised path>}.
   */
  static StatesException notFound(
      String text, @Nullable JsonNode start, List<Step> steps, String normalized) {
    JsonNode node = start;
    for (int i = 0; node != null && i < steps.size() - 1; i++) {
      JsonNode next =
          switch (steps.get(i)) {
            case Step.Field f -> node.isObject() ? node.get(f.name()) : null;
            case Step.Index x -> node.isArray() ? node.get(x.index()) : null;
          };
      if (next == null && node.isObject() && steps.get(i) instanceof Step.Field) {
        return StatesException.runtime(
            "Invalid path '"
                + text
                + "' : Missing property in path "
                + normalize(steps.subList(0, i + 1)));
      }
      node = next;
    }
    return StatesException.runtime(
        "Invalid path '" + text + "' : No results for path: " + normalized);
  }

  @Override
  public String source() {
    return text;
  }

  private static String normalize(List<Step> steps) {
    StringBuilder sb = new StringBuilder("$");
    steps.forEach(s -> sb.append(Step.normalized(s)));
    return sb.toString();
  }
}
