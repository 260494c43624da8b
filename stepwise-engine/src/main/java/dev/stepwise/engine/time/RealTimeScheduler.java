package dev.stepwise.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Production scheduler: work runs on virtual threads, timers on one platform thread that only hands
 * due work over. A waiting execution holds neither.
 */
public final class RealTimeScheduler implements Scheduler, AutoCloseable {
  private final InstantSource clock;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledThreadPoolExecutor timers =
      new ScheduledThreadPoolExecutor(
          1,
          r -> {
            Thread t = new Thread(r, "stepwise-timers");
            t.setDaemon(true);
            return t;
          });

  public RealTimeScheduler(InstantSource clock) {
    this.clock = clock;
    timers.setRemoveOnCancelPolicy(true); // a cancelled timer leaves the queue: counts stay true
  }

  /** How many timers wait for their due time (a metric). */
  public int pendingTimers() {
    return timers.getQueue().size();
  }

  @Override
  public void execute(Runnable task) {
    workers.execute(task);
  }

  @Override
  public Cancellable schedule(Instant due, Runnable task) {
    long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
    ScheduledFuture<?> f =
        timers.schedule(() -> workers.execute(task), delay, TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public void close() {
    timers.shutdownNow();
    workers.shutdown();
  }
}
