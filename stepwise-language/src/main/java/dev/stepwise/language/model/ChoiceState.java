package dev.stepwise.language.model;

import dev.stepwise.language.choice.Condition;
import dev.stepwise.language.expr.Expression;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code Choice}: the first rule whose condition holds picks the next state.
 *
 * @param defaultNext {@code Default}, or null ({@code States.NoChoiceMatched} when nothing matches)
 */
public record ChoiceState(
    String name,
    @Nullable String comment,
    QueryLanguage queryLanguage,
    Io io,
    List<Rule> choices,
    @Nullable String defaultNext)
    implements State {
  public ChoiceState {
    choices = List.copyOf(choices);
  }

  @Override
  public String type() {
    return "Choice";
  }

  /**
   * A top-level choice rule with its own {@code Next}, {@code Assign} and (JSONata) {@code Output}.
   */
  public record Rule(
      Condition condition, String next, @Nullable Expression assign, @Nullable Expression output) {}
}
