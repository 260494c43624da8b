package dev.stepwise.observability.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.engine.observe.ExecutionObserver;
import dev.stepwise.engine.store.StepRecord;
import dev.stepwise.language.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execution logs as Step Functions writes them to CloudWatch Logs: each stored event a state
 * machine's {@code loggingConfiguration} asks for becomes a JSON line in its log group's
 * destination.
 *
 * <p>The engine's thread only filters and queues; a writer thread of its own builds and writes the
 * lines. As on AWS, logging is best effort and never slows an execution down: when the queue is
 * full (16,384 steps behind), records are dropped and counted ({@link #dropped}).
 */
public final class ExecutionLogs implements ExecutionObserver, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionLogs.class);

  /** Steps waiting for the writer (each with the events its level selects). */
  private static final int QUEUE = 16_384;

  private final Function<String, @Nullable JsonNode> configs;
  private final LogDestinations destinations;
  private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
  private final ConcurrentHashMap<String, Parsed> parsed = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final Thread writer;
  private volatile boolean closing;

  /** What the writer takes: a record to write, or a barrier (flush, stop). */
  private sealed interface Item {}

  /** One step's records: one queue entry per step keeps the engine's side to one hand-off. */
  private record Entry(LogTarget target, String executionArn, List<HistoryEvent> events)
      implements Item {}

  /** Completed once everything queued before it is written and flushed. */
  private record Barrier(java.util.concurrent.CountDownLatch done, boolean stop) implements Item {}

  /** A configuration as last read, and what it says (re-read when the state machine changes). */
  private record Parsed(@Nullable JsonNode source, LogTarget target) {}

  /**
   * @param configs a state machine's {@code loggingConfiguration} by its ARN, as stored (null for
   *     none): read for every step, so it must be a map lookup
   */
  public ExecutionLogs(Function<String, @Nullable JsonNode> configs, LogDestinations destinations) {
    this.configs = configs;
    this.destinations = destinations;
    this.writer = Thread.ofPlatform().name("stepwise-execution-logs").daemon().start(this::write);
  }

  @Override
  public void stored(StepRecord step) {
    if (step.step().events().isEmpty()) {
      return;
    }
    LogTarget target = target(step.execution().spec().stateMachineArn());
    if (target.level() == LogLevel.OFF) {
      return;
    }
    List<HistoryEvent> events = step.step().events();
    List<HistoryEvent> selected = events;
    if (target.level() != LogLevel.ALL) {
      selected = null;
      for (HistoryEvent e : events) {
        if (target.level().logs(e.type())) {
          if (selected == null) {
            selected = new ArrayList<>(2);
          }
          selected.add(e);
        }
      }
      if (selected == null) {
        return;
      }
    }
    if (!queue.offer(new Entry(target, step.execution().spec().executionArn(), selected))) {
      dropped.addAndGet(selected.size());
    }
  }

  private LogTarget target(String stateMachineArn) {
    JsonNode config = configs.apply(stateMachineArn);
    Parsed p = parsed.get(stateMachineArn);
    if (p == null || p.source() != config) {
      p = new Parsed(config, LogTarget.of(config));
      parsed.put(stateMachineArn, p);
    }
    return p.target();
  }

  /** Records dropped because the writer fell behind. */
  public long dropped() {
    return dropped.get();
  }

  /** Records written so far. */
  public long written() {
    return written.get();
  }

  private void write() {
    Map<String, OutputStream> open = new HashMap<>();
    try {
      while (true) {
        Item item = queue.poll(200, TimeUnit.MILLISECONDS);
        if (item == null) {
          flush(open);
          continue;
        }
        if (item instanceof Barrier b) {
          flush(open);
          b.done().countDown();
          if (b.stop()) {
            return;
          }
          continue;
        }
        Entry e = (Entry) item;
        String group = e.target().logGroup();
        try {
          OutputStream out = open.get(group);
          if (out == null) {
            out = new java.io.BufferedOutputStream(destinations.open(group), 65_536);
            open.put(group, out);
          }
          for (HistoryEvent event : e.events()) {
            String line =
                Json.write(
                    LogRecords.record(event, e.executionArn(), e.target().includeExecutionData()));
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            written.incrementAndGet();
          }
        } catch (IOException | RuntimeException failure) {
          LOG.warn(
              "Cannot write to the execution log of log group {}: {}", group, failure.toString());
          dropped.addAndGet(e.events().size());
        }
        if (queue.isEmpty()) {
          flush(open);
        }
      }
    } catch (InterruptedException ignored) {
      // closing
    } finally {
      flush(open);
      for (OutputStream out : open.values()) {
        try {
          out.close();
        } catch (IOException ignored) {
          // closing: what was written is flushed
        }
      }
    }
  }

  private static void flush(Map<String, OutputStream> open) {
    for (OutputStream out : open.values()) {
      try {
        out.flush();
      } catch (IOException ignored) {
        // reported when the next record fails
      }
    }
  }

  /** Waits (up to ten seconds) until every record queued so far is written and flushed. */
  public void flush() throws InterruptedException {
    barrier(false);
  }

  private void barrier(boolean stop) throws InterruptedException {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    queue.put(new Barrier(done, stop));
    done.await(10, TimeUnit.SECONDS);
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    try {
      barrier(true);
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
