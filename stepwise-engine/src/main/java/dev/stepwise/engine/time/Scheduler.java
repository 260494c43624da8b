package dev.stepwise.engine.time;

import java.time.Instant;

/**
 * Where the engine runs work and timers. The clock that decides "due" belongs to the scheduler, so
 * a virtual-time scheduler can make waits instant while keeping their recorded timestamps.
 */
public interface Scheduler {
  /** Runs {@code task} soon (another thread, or later in a run loop). */
  void execute(Runnable task);

  /** Runs {@code task} at or after {@code due}; the returned handle cancels it. */
  Cancellable schedule(Instant due, Runnable task);

  /** A scheduled task that can be withdrawn. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
