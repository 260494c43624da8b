package dev.stepwise.engine.runtime;

import dev.stepwise.language.expr.Expression;
import dev.stepwise.language.model.Catcher;
import dev.stepwise.language.model.ChoiceState;
import dev.stepwise.language.model.FailState;
import dev.stepwise.language.model.Io;
import dev.stepwise.language.model.MapState;
import dev.stepwise.language.model.ParallelState;
import dev.stepwise.language.model.PassState;
import dev.stepwise.language.model.Retrier;
import dev.stepwise.language.model.State;
import dev.stepwise.language.model.SucceedState;
import dev.stepwise.language.model.TaskState;
import dev.stepwise.language.model.Transition;
import dev.stepwise.language.model.WaitState;
import dev.stepwise.language.path.ReferencePath;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The fields several state types share, whichever type a state is. */
final class StateFields {
  private StateFields() {}

  /** The cause of {@code States.NoChoiceMatched} (not recorded anywhere we found). */
  static final String NO_CHOICE_MATCHED_CAUSE = "No Matches!";

  static Io io(State s) {
    return switch (s) {
      case PassState p -> p.io();
      case TaskState t -> t.io();
      case ChoiceState c -> c.io();
      case WaitState w -> w.io();
      case SucceedState u -> u.io();
      case ParallelState p -> p.io();
      case MapState m -> m.io();
      case FailState x -> new Io(Optional.empty(), Optional.empty(), null, null);
    };
  }

  static Transition transition(State s) {
    return switch (s) {
      case TaskState t -> t.transition();
      case ParallelState p -> p.transition();
      case MapState m -> m.transition();
      case PassState p -> p.transition();
      case WaitState w -> w.transition();
      default -> Transition.END;
    };
  }

  static @Nullable Expression resultSelector(State s) {
    return switch (s) {
      case TaskState t -> t.resultSelector();
      case ParallelState p -> p.resultSelector();
      case MapState m -> m.resultSelector();
      default -> null;
    };
  }

  static Optional<ReferencePath> resultPathOf(State s) {
    return switch (s) {
      case TaskState t -> t.resultPath();
      case ParallelState p -> p.resultPath();
      case MapState m -> m.resultPath();
      case PassState p -> p.resultPath();
      default -> Optional.empty();
    };
  }

  static List<Retrier> retriers(State s) {
    return switch (s) {
      case TaskState t -> t.retry();
      case ParallelState p -> p.retry();
      case MapState m -> m.retry();
      default -> List.of();
    };
  }

  static List<Catcher> catchers(State s) {
    return switch (s) {
      case TaskState t -> t.catchers();
      case ParallelState p -> p.catchers();
      case MapState m -> m.catchers();
      default -> List.of();
    };
  }
}
