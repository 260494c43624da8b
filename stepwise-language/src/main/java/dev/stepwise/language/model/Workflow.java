package dev.stepwise.language.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code States} scope with its {@code StartAt}: the top level, a Parallel branch or a Map item
 * processor. States keep their definition order.
 */
public record Workflow(String startAt, Map<String, State> states, @Nullable String comment) {
  public Workflow {
    states = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(states));
  }

  public State start() {
    return state(startAt);
  }

  public State state(String name) {
    State state = states.get(name);
    if (state == null) {
      throw new IllegalArgumentException("no state " + name);
    }
    return state;
  }
}
