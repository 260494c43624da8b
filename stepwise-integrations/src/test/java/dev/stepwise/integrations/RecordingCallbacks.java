package dev.stepwise.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.task.TaskCallbacks;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Records what an integration reports; {@link #outcome()} waits for the task's end. */
public final class RecordingCallbacks implements TaskCallbacks {

  /** One report, in the order it came. */
  public sealed interface Event {
    record Started(@Nullable String worker) implements Event {}

    record Submitted(JsonNode response) implements Event {}

    record Succeeded(JsonNode output) implements Event {}

    record Failed(@Nullable String error, @Nullable String cause) implements Event {}

    record Heartbeat() implements Event {}
  }

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Event> end = new CompletableFuture<>();
  private final CompletableFuture<JsonNode> submitted = new CompletableFuture<>();

  @Override
  public void started(@Nullable String workerName) {
    events.add(new Event.Started(workerName));
  }

  @Override
  public void submitted(JsonNode response) {
    events.add(new Event.Submitted(response));
    submitted.complete(response);
  }

  @Override
  public void succeeded(JsonNode output) {
    Event e = new Event.Succeeded(output);
    events.add(e);
    end.complete(e);
  }

  @Override
  public void failed(@Nullable String error, @Nullable String cause) {
    Event e = new Event.Failed(error, cause);
    events.add(e);
    end.complete(e);
  }

  @Override
  public void heartbeat() {
    events.add(new Event.Heartbeat());
  }

  /** The task's success or failure, waiting up to 20 seconds for it. */
  public Event outcome() {
    return await(end);
  }

  /** The TaskSubmitted response of a callback task, waiting up to 20 seconds for it. */
  public JsonNode submittedResponse() {
    return await(submitted);
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  public boolean ended() {
    return end.isDone();
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the task did not report", e);
    }
  }
}
