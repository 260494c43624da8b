package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Variables;
import dev.stepwise.language.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The variables of one {@code States} scope (the top level, a branch, an iteration), reading
 * through to the enclosing scopes.
 */
final class VariableScope implements Variables {
  private final @Nullable VariableScope parent;
  private final Map<String, JsonNode> values = new HashMap<>();

  /**
   * UTF-8 bytes of each variable's JSON text, and their sum: AWS limits what an execution holds.
   */
  private final Map<String, Long> sizes = new HashMap<>();

  private long bytes;

  VariableScope(@Nullable VariableScope parent) {
    this.parent = parent;
  }

  @Override
  public @Nullable JsonNode get(String name) {
    for (VariableScope s = this; s != null; s = s.parent) {
      JsonNode v = s.values.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** Whether an enclosing scope holds {@code name} (this scope may then not assign it). */
  boolean belongsToOuterScope(String name) {
    for (VariableScope s = parent; s != null; s = s.parent) {
      if (s.values.containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The bytes this scope and its enclosing ones would hold with {@code assignments} made here (the
   * variables a state can see; sibling branches and iterations keep their own).
   */
  long bytesWith(Map<String, Long> assignmentSizes) {
    long total = bytes;
    for (Map.Entry<String, Long> e : assignmentSizes.entrySet()) {
      total += e.getValue() - sizes.getOrDefault(e.getKey(), 0L);
    }
    for (VariableScope s = parent; s != null; s = s.parent) {
      total += s.bytes;
    }
    return total;
  }

  /** An {@code Assign}'s values and the bytes of each (measured once, when it is checked). */
  record Assignment(Map<String, JsonNode> values, Map<String, Long> sizes) {}

  void assign(Assignment assignment) {
    values.putAll(assignment.values());
    assignment
        .sizes()
        .forEach(
            (name, size) -> {
              bytes += size - sizes.getOrDefault(name, 0L);
              sizes.put(name, size);
            });
  }

  static long size(JsonNode value) {
    return Json.write(value).getBytes(StandardCharsets.UTF_8).length;
  }
}
