package dev.stepwise.observability.events;

import dev.stepwise.engine.observe.Outbox;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one sink's outbox messages in the order they were stored, on a thread of its own (the
 * engine never waits for a sink): a failed delivery is tried again after a backoff that doubles,
 * and the messages after it wait their turn. A message leaves the outbox only once delivered, so
 * every event is delivered at least once, also across restarts.
 */
public final class EventDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);
  private static final long IDLE_NANOS = 100_000_000L;

  private final EventSink sink;
  private final EventsConfig.Backoff backoff;
  private final Outbox outbox;
  private final InstantSource clock;
  private final Thread thread;
  private volatile boolean closing;

  public EventDelivery(
      EventSink sink, EventsConfig.Backoff backoff, Outbox outbox, InstantSource clock) {
    this.sink = sink;
    this.backoff = backoff;
    this.outbox = outbox;
    this.clock = clock;
    this.thread =
        Thread.ofPlatform().name("stepwise-events-" + sink.name()).daemon().start(this::run);
  }

  /** Something may have been stored for the sink: look now rather than at the next poll. */
  public void wake() {
    LockSupport.unpark(thread);
  }

  private void run() {
    while (!closing) {
      List<Outbox.Message> due;
      try {
        due = outbox.due(sink.name(), clock.instant(), 100);
      } catch (RuntimeException e) {
        LOG.error("Cannot read the outbox of event sink {}: {}", sink.name(), e.getMessage());
        due = List.of();
      }
      if (due.isEmpty()) {
        LockSupport.parkNanos(IDLE_NANOS);
        continue;
      }
      for (Outbox.Message m : due) {
        if (closing) {
          return;
        }
        if (sink.deliver(m.body())) {
          outbox.delivered(m.id());
        } else {
          int failures = m.attempts() + 1;
          Instant next = clock.instant().plus(backoff.after(failures));
          outbox.retryAt(m.id(), failures, next);
          break; // the rest waits: order is kept
        }
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sink.close();
  }
}
