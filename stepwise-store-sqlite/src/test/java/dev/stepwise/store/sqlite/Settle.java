package dev.stepwise.store.sqlite;

import dev.stepwise.engine.time.VirtualTimeScheduler;

/**
 * Drives an engine on virtual time over the durable store, whose commits happen on its writer
 * thread and only then apply a step's effects: each round runs what is ready, then waits for the
 * commits, until nothing more follows.
 */
final class Settle {
  private Settle() {}

  /** Runs ready work without moving the clock until the store has committed everything. */
  static void ready(VirtualTimeScheduler scheduler, SqliteStore store) throws InterruptedException {
    do {
      scheduler.runReady();
      store.flush();
    } while (scheduler.hasReadyWork());
  }

  /** Runs to the end, jumping the clock over timers. */
  static void all(VirtualTimeScheduler scheduler, SqliteStore store) throws InterruptedException {
    do {
      scheduler.runUntilIdle();
      store.flush();
    } while (!scheduler.idle());
  }
}
