package dev.stepwise.language.model;

import org.jspecify.annotations.Nullable;

/** A state of a workflow: one record per ASL state type. */
public sealed interface State
    permits PassState,
        TaskState,
        ChoiceState,
        WaitState,
        SucceedState,
        FailState,
        ParallelState,
        MapState {

  String name();

  @Nullable String comment();

  /** The state's effective query language (its own, else the machine's). */
  QueryLanguage queryLanguage();

  /** The ASL {@code Type} value. */
  String type();
}
