package dev.stepwise.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A single-threaded scheduler driven by its caller: {@link #runUntilIdle} runs ready work and then
 * either jumps the manual clock to the next timer (virtual time) or waits for it on a real clock.
 * Deterministic: the same inputs give the same order of work and the same timestamps.
 */
public final class VirtualTimeScheduler implements Scheduler {
  private final InstantSource clock;
  private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
  private final PriorityQueue<Entry> timers = new PriorityQueue<>();
  private long sequence;

  private static final class Entry implements Comparable<Entry> {
    final Instant due;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Entry(Instant due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Entry o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /**
   * @param clock a {@link ManualClock} to jump in virtual time, or any clock to wait on in real
   *     time
   */
  public VirtualTimeScheduler(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void execute(Runnable task) {
    ready.add(task);
    notifyAll();
  }

  @Override
  public synchronized Cancellable schedule(Instant due, Runnable task) {
    Entry e = new Entry(due, sequence++, task);
    timers.add(e);
    notifyAll();
    return () -> {
      synchronized (this) {
        e.cancelled = true;
      }
    };
  }

  /** Runs ready work only, firing timers already due; never moves the clock. */
  public void runReady() {
    Runnable next;
    while ((next = nextReadyOrDue()) != null) {
      next.run();
    }
  }

  /** Moves the manual clock forward and runs what becomes due. */
  public void advance(Duration duration) {
    ((ManualClock) clock).advance(duration);
    runReady();
  }

  /**
   * Runs until nothing is ready and no timer is pending: with a {@link ManualClock} the clock jumps
   * to each next timer; with another clock this thread waits for it.
   */
  public void runUntilIdle() throws InterruptedException {
    while (true) {
      runReady();
      Entry next;
      synchronized (this) {
        next = peekTimer();
        if (next == null) {
          if (ready.isEmpty()) {
            return;
          }
          continue;
        }
        if (clock instanceof ManualClock manual) {
          if (next.due.isAfter(manual.instant())) {
            manual.set(next.due);
          }
        } else {
          long waitMillis = Duration.between(clock.instant(), next.due).toMillis();
          if (waitMillis > 0 && ready.isEmpty()) {
            wait(waitMillis);
          }
        }
      }
    }
  }

  private synchronized Runnable nextReadyOrDue() {
    Runnable task = ready.poll();
    if (task != null) {
      return task;
    }
    Entry e = peekTimer();
    if (e != null && !e.due.isAfter(clock.instant())) {
      timers.poll();
      return e.task;
    }
    return null;
  }

  private Entry peekTimer() {
    Entry e;
    while ((e = timers.peek()) != null && e.cancelled) {
      timers.poll();
    }
    return e;
  }

  /** Blocks until work or a timer is pending (for a thread that drives this scheduler). */
  public synchronized void awaitWork() throws InterruptedException {
    while (ready.isEmpty() && peekTimer() == null) {
      wait();
    }
  }

  /** Whether work is ready to run now (timers not counted). */
  public synchronized boolean hasReadyWork() {
    return !ready.isEmpty();
  }

  /** Whether work or timers remain. */
  public synchronized boolean idle() {
    return ready.isEmpty() && peekTimer() == null;
  }
}
