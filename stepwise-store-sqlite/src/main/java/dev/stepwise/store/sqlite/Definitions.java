package dev.stepwise.store.sqlite;

import dev.stepwise.language.model.StateMachine;
import dev.stepwise.language.parse.DefinitionParser;
import dev.stepwise.language.parse.MachineType;
import dev.stepwise.language.parse.ParseResult;
import java.util.concurrent.ConcurrentHashMap;

/** Stored definitions, parsed once per distinct text (executions of a machine share it). */
final class Definitions {
  private final ConcurrentHashMap<String, StateMachine> parsed = new ConcurrentHashMap<>();

  StateMachine machine(String definition, MachineType type) {
    return parsed.computeIfAbsent(
        type + "\u0000" + definition,
        key -> {
          ParseResult r = new DefinitionParser(type).parse(definition);
          if (!r.valid()) {
            throw new IllegalStateException(
                "a stored definition no longer validates: " + r.invalidDefinitionMessage());
          }
          return r.machine();
        });
  }
}
