package dev.stepwise.engine.observe;

import dev.stepwise.engine.store.StepRecord;
import java.util.List;

/**
 * Told of each step once it is stored: metrics, execution logs and status-change notifications are
 * built from its history events and the execution's new state, outside the engine.
 *
 * <p>Called on the thread that completes the store's write (the caller's for the in-memory store,
 * the SQLite writer for the durable one), before the step's effects run: an implementation must be
 * cheap and must never block or throw. Replayed steps (after a restart or a reload) are not told
 * again.
 */
@FunctionalInterface
public interface ExecutionObserver {
  ExecutionObserver NONE = step -> {};

  void stored(StepRecord step);

  /** Tells each of {@code observers} in turn. */
  static ExecutionObserver all(List<ExecutionObserver> observers) {
    List<ExecutionObserver> copy = List.copyOf(observers);
    return switch (copy.size()) {
      case 0 -> NONE;
      case 1 -> copy.get(0);
      default ->
          step -> {
            for (ExecutionObserver o : copy) {
              o.stored(step);
            }
          };
    };
  }
}
