package dev.stepwise.language.model;

import org.jspecify.annotations.Nullable;

/**
 * {@code Fail}: ends its workflow with an error.
 *
 * @param error {@code Error}/{@code ErrorPath} (or JSONata {@code Error}), or null
 * @param cause {@code Cause}/{@code CausePath} (or JSONata {@code Cause}), or null
 */
public record FailState(
    String name,
    @Nullable String comment,
    QueryLanguage queryLanguage,
    @Nullable ValueSource error,
    @Nullable ValueSource cause)
    implements State {
  @Override
  public String type() {
    return "Fail";
  }
}
