package dev.stepwise.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * An integration that needs the service, which needs the engine, which needs its integrations:
 * handed to the engine first and {@link #set} once the service exists, before any task runs.
 */
public final class DeferredDispatcher implements TaskDispatcher {
  private volatile @Nullable TaskDispatcher target;

  public void set(TaskDispatcher target) {
    this.target = target;
  }

  private TaskDispatcher target() {
    TaskDispatcher t = target;
    if (t == null) {
      throw new IllegalStateException("a deferred integration was used before it was set");
    }
    return t;
  }

  @Override
  public void dispatch(TaskRequest request, TaskCallbacks callbacks) {
    target().dispatch(request, callbacks);
  }

  @Override
  public @Nullable String unschedulable(TaskRequest request) {
    return target().unschedulable(request);
  }

  @Override
  public void cancel(TaskRequest request, String cause) {
    target().cancel(request, cause);
  }

  @Override
  public void resume(TaskRequest request, JsonNode submitted, TaskCallbacks callbacks) {
    target().resume(request, submitted, callbacks);
  }
}
