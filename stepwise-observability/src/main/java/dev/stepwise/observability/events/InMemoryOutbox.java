package dev.stepwise.observability.events;

import dev.stepwise.engine.observe.ExecutionObserver;
import dev.stepwise.engine.observe.Outbox;
import dev.stepwise.engine.store.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * The outbox of a server without a durable store: filled by an observer as steps are stored, lost
 * with the process like the executions themselves.
 */
public final class InMemoryOutbox implements Outbox, ExecutionObserver {
  private final Outbox.Source source;
  private final TreeMap<Long, Message> messages = new TreeMap<>();
  private long nextId = 1;

  public InMemoryOutbox(Outbox.Source source) {
    this.source = source;
  }

  @Override
  public void stored(StepRecord step) {
    List<Draft> drafts = source.messages(step);
    if (drafts.isEmpty()) {
      return;
    }
    synchronized (this) {
      for (Draft d : drafts) {
        long id = nextId++;
        messages.put(id, new Message(id, d.sink(), d.body(), 0, Instant.EPOCH));
      }
    }
  }

  @Override
  public synchronized List<Message> due(String sink, Instant now, int max) {
    List<Message> out = new ArrayList<>();
    Iterator<Message> it = messages.values().iterator();
    while (it.hasNext() && out.size() < max) {
      Message m = it.next();
      if (m.sink().equals(sink)) {
        if (m.due().isAfter(now)) {
          break;
        }
        out.add(m);
      }
    }
    return out;
  }

  @Override
  public synchronized void delivered(long id) {
    messages.remove(id);
  }

  @Override
  public synchronized void retryAt(long id, int attempts, Instant due) {
    Message m = messages.get(id);
    if (m != null) {
      messages.put(id, new Message(id, m.sink(), m.body(), attempts, due));
    }
  }

  @Override
  public synchronized int pending(String sink) {
    return (int) messages.values().stream().filter(m -> m.sink().equals(sink)).count();
  }
}
