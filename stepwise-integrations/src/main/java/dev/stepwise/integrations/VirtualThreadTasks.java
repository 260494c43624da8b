package dev.stepwise.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.task.Resource;
import dev.stepwise.engine.task.TaskCallbacks;
import dev.stepwise.engine.task.TaskRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an integration's blocking call on a virtual thread per task, so {@code dispatch} returns at
 * once. Cancelling a task interrupts its thread and drops its outcome.
 */
public final class VirtualThreadTasks {

  /** The blocking work of one task: its result, or a {@link TaskFailure}. */
  @FunctionalInterface
  public interface Work {
    JsonNode run() throws TaskFailure, InterruptedException;
  }

  private final String threadName;
  private final Map<String, Thread> running = new ConcurrentHashMap<>();

  /**
   * @param threadName the prefix of the threads' names (for thread dumps)
   */
  public VirtualThreadTasks(String threadName) {
    this.threadName = threadName;
  }

  /**
   * Starts {@code work}; its result goes to {@code succeeded}, or to {@code submitted} when the
   * task's resource is a callback ({@code .waitForTaskToken}).
   */
  public void start(TaskRequest request, TaskCallbacks callbacks, Work work) {
    start(
        request,
        callbacks,
        request.resource().pattern() == Resource.Pattern.WAIT_FOR_TASK_TOKEN,
        work);
  }

  /**
   * Starts {@code work}; its result goes to {@code succeeded}, or to {@code submitted} when the
   * task then waits for a callback ({@code .waitForTaskToken}).
   */
  public void start(TaskRequest request, TaskCallbacks callbacks, boolean submit, Work work) {
    String key = key(request);
    Thread thread =
        Thread.ofVirtual()
            .name(threadName + "-" + request.stateName())
            .unstarted(() -> run(key, callbacks, submit, work));
    running.put(key, thread);
    thread.start();
  }

  private void run(String key, TaskCallbacks callbacks, boolean submit, Work work) {
    JsonNode result = null;
    TaskFailure failure = null;
    try {
      result = work.run();
    } catch (TaskFailure f) {
      failure = f;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // A cancelled task was removed by cancel(): its outcome is no longer wanted.
    if (!running.remove(key, Thread.currentThread())) {
      return;
    }
    if (failure != null) {
      callbacks.failed(failure.error(), failure.cause());
    } else if (result != null) {
      if (submit) {
        callbacks.submitted(result);
      } else {
        callbacks.succeeded(result);
      }
    }
  }

  /** Interrupts the task's thread; nothing is reported for it afterwards. */
  public void cancel(TaskRequest request) {
    Thread thread = running.remove(key(request));
    if (thread != null) {
      thread.interrupt();
    }
  }

  private static String key(TaskRequest request) {
    return request.executionArn() + "#" + request.taskId();
  }
}
