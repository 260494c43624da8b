package dev.stepwise.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * How an integration reports on a task it was given. Each call is delivered to the execution
 * asynchronously and serially; calls after the task has ended (timed out, aborted) are ignored.
 */
public interface TaskCallbacks {
  /** An activity worker picked the task up (activities only). */
  void started(@Nullable String workerName);

  /**
   * The call was accepted and the task now waits (callbacks, {@code .sync}): {@code TaskSubmitted}.
   */
  void submitted(JsonNode response);

  void succeeded(JsonNode output);

  /** The task failed; {@code error}/{@code cause} may be null as AWS allows. */
  void failed(@Nullable String error, @Nullable String cause);

  void heartbeat();
}
