package dev.stepwise.language.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.eval.ErrorNames;
import dev.stepwise.language.eval.Scope;
import dev.stepwise.language.eval.StatesException;
import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.expr.ExpressionSyntaxException;
import dev.stepwise.language.json.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A reference path: a single-node path of dot and bracket steps only ({@code ResultPath}, {@code
 * ItemsPath}, the {@code ...Path} fields). It can be read and, for {@code ResultPath}, written.
 * Thread-safe.
 */
public final class ReferencePath implements Expression {
  private final String text;
  private final Root root;
  private final List<Step> steps;

  private ReferencePath(String text, Root root, List<Step> steps) {
    this.text = text;
    this.root = root;
    this.steps = steps;
  }

  /** A reference path to read: {@code $...}, {@code $$...} or {@code $name...}. */
  public static ReferencePath compile(String text) throws ExpressionSyntaxException {
    PathSyntax.Split split = PathSyntax.split(text);
    List<Step> steps = PathSyntax.simpleSteps(split.rest());
    if (steps == null) {
      throw new ExpressionSyntaxException(
          "'" + text + "' is not a reference path (only member names and indexes are allowed)");
    }
    return new ReferencePath(text, split.root(), List.copyOf(steps));
  }

  /** A {@code ResultPath}: a reference path into the state input (not {@code $$}, no variable). */
  public static ReferencePath compileResultPath(String text) throws ExpressionSyntaxException {
    ReferencePath p = compile(text);
    if (!(p.root instanceof Root.Input)) {
      throw new ExpressionSyntaxException("a ResultPath must start with '$.' or be '$': " + text);
    }
    return p;
  }

  /** The node at this path, or null when there is none. */
  public @Nullable JsonNode find(JsonNode input, Scope scope) {
    JsonNode start = root.resolve(input, scope);
    return start == null ? null : CompiledPath.walk(start, steps);
  }

  @Override
  public JsonNode evaluate(JsonNode input, Scope scope) {
    JsonNode found = find(input, scope);
    if (found == null) {
      throw CompiledPath.notFound(
          text, root.resolve(input, scope), steps, normalized(steps.size()));
    }
    return found;
  }

  /**
   * A copy of {@code target} with {@code value} placed at this path ({@code ResultPath}): the last
   * member is created or replaced, and missing objects on the way are created (AWS: {@code $.b.c}
   * on {@code {"a":1}} gives {@code {"a":1,"b":{"c":...}}}). Only the containers along the path are
   * copied.
   *
   * @throws StatesException {@code States.ResultPathMatchFailure} when {@code target} (or a
   *     container on the way) has the wrong type, {@code States.Runtime} when an array on the way
   *     is missing
   */
  public JsonNode write(JsonNode target, JsonNode value) {
    if (steps.isEmpty()) {
      return value;
    }
    JsonNode[] chain = new JsonNode[steps.size()];
    JsonNode node = target;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      boolean fits = step instanceof Step.Field ? node.isObject() : node.isArray();
      if (!fits) {
        throw mismatch(target);
      }
      chain[i] = node;
      if (i == steps.size() - 1) {
        break;
      }
      JsonNode next =
          switch (step) {
            case Step.Field f -> node.get(f.name());
            case Step.Index x -> node.get(x.index());
          };
      if (next == null && steps.get(i + 1) instanceof Step.Field) {
        next = Json.NODES.objectNode(); // AWS creates the missing objects on the way
      }
      if (next == null) {
        throw StatesException.runtime(
            "Invalid path '" + text + "' : Missing property in path " + normalized(i + 1));
      }
      node = next;
    }
    JsonNode replacement = value;
    for (int i = steps.size() - 1; i >= 0; i--) {
      replacement = withChild(chain[i], steps.get(i), replacement, target);
    }
    return replacement;
  }

  private JsonNode withChild(JsonNode container, Step step, JsonNode child, JsonNode target) {
    switch (step) {
      case Step.Field f -> {
        ObjectNode copy = Json.NODES.objectNode();
        copy.setAll((ObjectNode) container);
        copy.set(f.name(), child);
        return copy;
      }
      case Step.Index x -> {
        ArrayNode array = (ArrayNode) container;
        if (x.index() >= array.size()) {
          throw mismatch(target);
        }
        ArrayNode copy = Json.NODES.arrayNode(array.size());
        copy.addAll(array);
        copy.set(x.index(), child);
        return copy;
      }
    }
  }

  private StatesException mismatch(JsonNode target) {
    return new StatesException(
        ErrorNames.RESULT_PATH_MATCH_FAILURE,
        "Unable to apply ReferencePath " + text + " to input " + Json.write(target),
        false);
  }

  private String normalized(int count) {
    StringBuilder sb = new StringBuilder("$");
    steps.subList(0, count).forEach(s -> sb.append(Step.normalized(s)));
    return sb.toString();
  }

  @Override
  public String source() {
    return text;
  }
}
