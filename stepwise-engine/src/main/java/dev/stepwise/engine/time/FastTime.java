package dev.stepwise.engine.time;

import java.time.Instant;

/**
 * Virtual time for a server: one thread drives a {@link VirtualTimeScheduler} on a {@link
 * ManualClock}, running work as it arrives and jumping the clock to the next timer whenever nothing
 * else is ready. Waits, retry backoffs and timeouts take no wall time; their events keep their
 * virtual timestamps. Needs a store that commits synchronously (the in-memory one), so no step's
 * effects are still in flight when time jumps.
 */
public final class FastTime implements AutoCloseable {
  private final ManualClock clock;
  private final VirtualTimeScheduler scheduler;
  private final Thread driver;

  public FastTime(Instant start) {
    this.clock = new ManualClock(start);
    this.scheduler = new VirtualTimeScheduler(clock);
    this.driver = Thread.ofPlatform().name("stepwise-fast-time").daemon().start(this::drive);
  }

  private void drive() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        scheduler.runUntilIdle();
        scheduler.awaitWork();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public ManualClock clock() {
    return clock;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    driver.interrupt();
  }
}
