package dev.stepwise.cli;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables the commands read, passed in rather than read from {@code
 * System.getenv} so that tests give their own.
 */
record Environment(Map<String, String> variables) {
  static final Environment EMPTY = new Environment(Map.of());

  Environment {
    variables = Map.copyOf(variables);
  }

  static Environment system() {
    return new Environment(System.getenv());
  }

  /** The first of these variables that is set and not blank. */
  Optional<String> first(String... names) {
    for (String name : names) {
      String value = variables.get(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(value.strip());
      }
    }
    return Optional.empty();
  }
}
