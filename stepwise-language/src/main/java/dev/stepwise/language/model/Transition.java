package dev.stepwise.language.model;

/** Where a non-terminal-type state goes when it completes: {@code Next} or {@code End}. */
public sealed interface Transition {
  record Next(String state) implements Transition {}

  record End() implements Transition {}

  End END = new End();
}
