package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskDispatcher;
import dev.stepwise.engine.task.TaskRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A test integration: per resource ARN, a queue of scripted reactions (answer now, fail now, or
 * hold the task so the test completes it later). Unscripted tasks echo their parameters.
 */
public final class ScriptedTasks implements TaskDispatcher {
  private final Map<String, Deque<BiConsumer<TaskRequest, TaskCallbacks>>> scripts =
      new HashMap<>();
  private final List<TaskRequest> dispatched = new ArrayList<>();
  private final List<TaskRequest> cancelled = new ArrayList<>();
  private final Map<Long, TaskCallbacks> held = new HashMap<>();

  public ScriptedTasks succeed(String resource, JsonNode output) {
    return then(resource, (r, c) -> c.succeeded(output));
  }

  public ScriptedTasks fail(String resource, String error, String cause) {
    return then(resource, (r, c) -> c.failed(error, cause));
  }

  /** The task stays open; complete it through {@link #callbacks(long)}. */
  public ScriptedTasks hold(String resource) {
    return then(resource, (r, c) -> held.put(r.taskId(), c));
  }

  public ScriptedTasks then(String resource, BiConsumer<TaskRequest, TaskCallbacks> reaction) {
    scripts.computeIfAbsent(resource, k -> new ArrayDeque<>()).add(reaction);
    return this;
  }

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    dispatched.add(request);
    Deque<BiConsumer<TaskRequest, TaskCallbacks>> script = scripts.get(request.resource().arn());
    if (script == null || script.isEmpty()) {
      callbacks.succeeded(request.parameters());
    } else {
      script.poll().accept(request, callbacks);
    }
  }

  @Override
  public void cancel(TaskRequest request, String cause) {
    cancelled.add(request);
  }

  public TaskCallbacks callbacks(long taskId) {
    return held.get(taskId);
  }

  public List<TaskRequest> dispatched() {
    return dispatched;
  }

  public List<TaskRequest> cancelled() {
    return cancelled;
  }
}
