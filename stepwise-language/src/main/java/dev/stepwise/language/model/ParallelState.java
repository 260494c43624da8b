package dev.stepwise.language.model;

import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.path.ReferencePath;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code Parallel}: runs every branch on the same input; the result is the array of branch outputs
 * in branch order.
 *
 * @param parameters JSONPath {@code Parameters} or JSONata {@code Arguments}, or null
 */
public record ParallelState(
    String name,
    @Nullable String comment,
    QueryLanguage queryLanguage,
    Io io,
    Transition transition,
    List<Workflow> branches,
    @Nullable Expression parameters,
    @Nullable Expression resultSelector,
    Optional<ReferencePath> resultPath,
    List<Retrier> retry,
    List<Catcher> catchers)
    implements State {
  public ParallelState {
    branches = List.copyOf(branches);
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public String type() {
    return "Parallel";
  }
}
