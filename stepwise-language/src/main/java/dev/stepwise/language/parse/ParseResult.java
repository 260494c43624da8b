package dev.stepwise.language.parse;

import dev.stepwise.language.model.StateMachine;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of parsing a definition: a model when there is no ERROR diagnostic, and every
 * diagnostic found (errors and warnings) in a stable order.
 */
public record ParseResult(@Nullable StateMachine machine, List<Diagnostic> diagnostics) {
  public ParseResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean valid() {
    return machine != null;
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
  }

  /**
   * AWS's {@code InvalidDefinition} message: {@code Invalid State Machine Definition: 'CODE: msg at
   * loc, CODE: msg at loc'}.
   */
  public String invalidDefinitionMessage() {
    return "Invalid State Machine Definition: '"
        + errors().stream().map(Diagnostic::describe).collect(Collectors.joining(", "))
        + "'";
  }
}
