package dev.stepwise.language.model;

import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.path.ReferencePath;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One {@code Catch} entry.
 *
 * @param resultPath JSONPath {@code ResultPath} ({@code $} by default; empty = {@code null})
 * @param output JSONata {@code Output}, or null (the error output)
 */
public record Catcher(
    List<String> errorEquals,
    String next,
    Optional<ReferencePath> resultPath,
    @Nullable Expression output,
    @Nullable Expression assign) {
  public Catcher {
    errorEquals = List.copyOf(errorEquals);
  }
}
