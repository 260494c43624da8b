package dev.stepwise.language.model;

import org.jspecify.annotations.Nullable;

/** {@code Succeed}: ends its workflow successfully with its (filtered) input. */
public record SucceedState(
    String name, @Nullable String comment, QueryLanguage queryLanguage, Io io) implements State {
  @Override
  public String type() {
    return "Succeed";
  }
}
