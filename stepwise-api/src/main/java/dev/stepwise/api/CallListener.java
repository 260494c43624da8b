package dev.stepwise.api;

import org.jspecify.annotations.Nullable;

/** Told of every API call once it is answered (request metrics). Must be cheap. */
@FunctionalInterface
public interface CallListener {
  CallListener NONE = (operation, error, nanos) -> {};

  /**
   * @param operation the operation's name, or {@code unknown} for a target the API does not have
   * @param error the error name answered ({@code __type}), or null on success
   * @param nanos from the request's arrival to its answer
   */
  void called(String operation, @Nullable String error, long nanos);
}
