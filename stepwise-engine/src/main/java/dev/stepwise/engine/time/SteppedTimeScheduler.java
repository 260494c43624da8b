package dev.stepwise.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Work runs at once on virtual threads, as in production, but time moves only when {@link #advance}
 * says so: a test drives a whole server (API, engine, store) and decides exactly when waits,
 * heartbeats and timeouts expire. A timer scheduled for a moment already past runs at once.
 */
public final class SteppedTimeScheduler implements Scheduler, AutoCloseable {
  private final ManualClock clock;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private long sequence;

  private record Timer(Instant due, long seq, Runnable task) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  public SteppedTimeScheduler(ManualClock clock) {
    this.clock = clock;
  }

  public ManualClock clock() {
    return clock;
  }

  @Override
  public void execute(Runnable task) {
    workers.execute(task);
  }

  @Override
  public Cancellable schedule(Instant due, Runnable task) {
    Timer timer;
    synchronized (this) {
      if (due.isAfter(clock.instant())) {
        timer = new Timer(due, sequence++, task);
        timers.add(timer);
      } else {
        timer = null;
      }
    }
    if (timer == null) {
      workers.execute(task);
      return () -> {};
    }
    return () -> {
      synchronized (this) {
        timers.remove(timer);
      }
    };
  }

  /** Moves the clock forward and hands every timer now due to the workers, in due order. */
  public void advance(Duration duration) {
    List<Runnable> due = new ArrayList<>();
    synchronized (this) {
      clock.advance(duration);
      while (!timers.isEmpty() && !timers.peek().due().isAfter(clock.instant())) {
        due.add(timers.poll().task());
      }
    }
    due.forEach(workers::execute);
  }

  @Override
  public void close() {
    workers.shutdown();
  }
}
