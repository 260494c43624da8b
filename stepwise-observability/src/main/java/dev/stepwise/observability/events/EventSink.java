package dev.stepwise.observability.events;

/** Where status-change events go: a webhook or a file. */
public interface EventSink extends AutoCloseable {
  String name();

  /**
   * Delivers one event.
   *
   * @return whether the sink took it (false: try again later)
   */
  boolean deliver(String body);

  /** A one-line description for the server's log, without secrets (no header values). */
  String describe();

  @Override
  default void close() {}
}
