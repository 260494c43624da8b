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

  /**
   * What an HTTP call sent and received, for TestState's TRACE inspection: {@code request} has
   * {@code protocol, method, url, headers, body}, {@code response} {@code protocol, statusCode,
   * statusMessage, headers, body} ({@code headers} an object of name to value) and {@code
   * secretHeaders} names the headers that carry credentials. Executions ignore it.
   */
  default void exchanged(JsonNode request, JsonNode response) {}
}
