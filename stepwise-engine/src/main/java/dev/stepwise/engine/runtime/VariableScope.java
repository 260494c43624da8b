package dev.stepwise.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.language.eval.Variables;
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

  void assign(Map<String, JsonNode> assignments) {
    values.putAll(assignments);
  }
}
