package dev.stepwise.language.model;

import org.jspecify.annotations.Nullable;

/**
 * {@code Wait}: exactly one of {@code Seconds}/{@code SecondsPath} ({@code timestamp == false}) or
 * {@code Timestamp}/{@code TimestampPath} ({@code timestamp == true}).
 */
public record WaitState(
    String name,
    @Nullable String comment,
    QueryLanguage queryLanguage,
    Io io,
    Transition transition,
    boolean timestamp,
    ValueSource value)
    implements State {
  @Override
  public String type() {
    return "Wait";
  }
}
