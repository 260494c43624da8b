package dev.stepwise.engine.observe;

import dev.stepwise.engine.store.StepRecord;
import java.time.Instant;
import java.util.List;

/**
 * Messages to deliver at least once, each stored with the step that caused it (a transactional
 * outbox): a status change is either stored with its step and delivered, however often the server
 * restarts meanwhile, or neither happened.
 */
public interface Outbox {

  /**
   * A message waiting for its sink.
   *
   * @param attempts how many deliveries have failed so far
   * @param due when the next attempt may be made
   */
  record Message(long id, String sink, String body, int attempts, Instant due) {}

  /** A message to add: the sink it goes to and its body. */
  record Draft(String sink, String body) {}

  /** The messages a step adds; called where the step is written, so it must be cheap. */
  @FunctionalInterface
  interface Source {
    Source NONE = step -> List.of();

    List<Draft> messages(StepRecord step);
  }

  /**
   * Up to {@code max} of {@code sink}'s oldest messages, stopping at the first one not due at
   * {@code now}: a sink gets its messages in the order they were stored.
   */
  List<Message> due(String sink, Instant now, int max);

  /** The message was delivered: it is removed. */
  void delivered(long id);

  /** The delivery failed: try again at {@code due}. */
  void retryAt(long id, int attempts, Instant due);

  /** How many messages wait for {@code sink}. */
  int pending(String sink);
}
