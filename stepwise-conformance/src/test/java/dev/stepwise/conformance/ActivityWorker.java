package dev.stepwise.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.language.json.Json;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A case's {@code _worker}: in the background, polls GetActivityTask until it has a task, then
 * performs the actions in order (sleeps, heartbeats, success or failure with the task's input).
 */
final class ActivityWorker {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private final ApiClient api;
  private final Placeholders placeholders;
  private final String activityArn;
  private final @Nullable String workerName;
  private final JsonNode actions;
  private final Thread thread;
  private volatile @Nullable String problem;

  ActivityWorker(
      ApiClient api,
      Placeholders placeholders,
      String activityArn,
      @Nullable String workerName,
      JsonNode actions) {
    this.api = api;
    this.placeholders = placeholders;
    this.activityArn = activityArn;
    this.workerName = workerName;
    this.actions = actions;
    this.thread = Thread.ofVirtual().unstarted(this::work);
  }

  void start() {
    thread.start();
  }

  /** What went wrong, or null. */
  @Nullable String problem() {
    return problem;
  }

  private void work() {
    try {
      ObjectNode poll = Json.NODES.objectNode().put("activityArn", activityArn);
      if (workerName != null) {
        poll.put("workerName", workerName);
      }
      long deadline = System.nanoTime() + LIMIT.toNanos();
      JsonNode task = Json.NODES.objectNode();
      while (!task.has("taskToken")) {
        if (System.nanoTime() > deadline) {
          problem = "no activity task within " + LIMIT;
          return;
        }
        task = api.ok("GetActivityTask", poll);
      }
      String token = task.get("taskToken").asText();
      Map<String, JsonNode> extra = Map.of("task_input", task.path("input"));
      for (JsonNode action : actions) {
        if (action.has("sleep")) {
          Thread.sleep(ApiCallsCase.sleep(action.get("sleep").asDouble()).toMillis());
          continue;
        }
        String op = action.path("send").asText();
        ObjectNode request = Json.NODES.objectNode().put("taskToken", token);
        for (String field : new String[] {"output", "error", "cause"}) {
          if (action.has(field)) {
            request.set(field, placeholders.resolve(action.get(field), extra));
          }
        }
        api.ok(op, request);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      problem = e.toString();
    }
  }

  /** Stops the worker where it is (its case has failed). */
  void stop() {
    thread.interrupt();
  }

  /** Waits for the worker to finish its actions (bounded), then stops it. */
  void finish() throws InterruptedException {
    if (!thread.join(LIMIT)) {
      problem = "still working after " + LIMIT;
    }
    thread.interrupt();
  }
}
